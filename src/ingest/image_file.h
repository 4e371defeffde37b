#pragma once
// Photos and report files of field visits: what a file is (by its first
// bytes, not its name), an image's size and EXIF time and place, and a small
// JPEG thumbnail, all through GDAL's JPEG and PNG drivers.

#include <optional>
#include <string>

#include "core/result.h"

namespace anju {

struct FileFacts {
  std::string mime;  // image/jpeg, image/png, application/pdf
  int width = 0, height = 0;  // images only
  std::string taken_at;       // EXIF DateTimeOriginal as "YYYY-MM-DDTHH:MM:SS", "" when absent
  std::optional<double> lon, lat;  // EXIF GPS, when present
};

// The most pixels a photo may have: a phone's largest (108 MP sensors bin
// to 12 MP) fits; a 20000×20000 image, whose decoding would take gigabytes,
// does not.
inline constexpr long long kMaxImagePixels = 64'000'000;

// `invalid` (Chinese) for anything but JPEG, PNG or PDF, an image GDAL
// cannot open, or one of more than kMaxImagePixels (by its header, before
// any pixel is decoded).
Result<FileFacts> inspect_file(const std::string& path);

// A JPEG at most `max_px` on its longer side.
Result<void> write_thumbnail(const std::string& image, const std::string& out, int max_px);

}  // namespace anju
