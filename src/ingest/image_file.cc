#include "ingest/image_file.h"

#include <gdal.h>
#include <cpl_conv.h>
#include <gdal_utils.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

#include "ingest/gdal_handles.h"

namespace anju {
namespace {

std::string sniff(const std::string& path) {
  unsigned char b[8] = {};
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(b), sizeof b);
  if (in.gcount() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "image/jpeg";
  if (in.gcount() >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "image/png";
  if (in.gcount() >= 5 && std::string(reinterpret_cast<char*>(b), 5) == "%PDF-") return "application/pdf";
  return "";
}

// "(31) (51) (30.12)" → 31.858…
std::optional<double> dms(const char* text) {
  if (!text) return std::nullopt;
  double d = 0, m = 0, s = 0;
  if (std::sscanf(text, " (%lf) (%lf) (%lf)", &d, &m, &s) != 3) return std::nullopt;
  return d + m / 60 + s / 3600;
}

std::optional<double> coordinate(GDALDatasetH ds, const char* value, const char* ref, char negative) {
  auto v = dms(GDALGetMetadataItem(ds, value, nullptr));
  if (!v) return std::nullopt;
  const char* r = GDALGetMetadataItem(ds, ref, nullptr);
  return r && r[0] == negative ? -*v : *v;
}

// "2026:11:20 10:11:12" → "2026-11-20T10:11:12".
std::string exif_time(const char* text) {
  if (!text || std::string(text).size() < 19) return "";
  std::string t(text, 19);
  t[4] = '-';
  t[7] = '-';
  t[10] = 'T';
  return t;
}

}  // namespace

Result<FileFacts> inspect_file(const std::string& path) {
  FileFacts f;
  f.mime = sniff(path);
  if (f.mime.empty()) return make_error(ErrorCode::invalid, "只能上传 JPEG、PNG 照片或 PDF 文件");
  if (f.mime == "application/pdf") return f;
  GDALAllRegister();
  const char* drivers[] = {"JPEG", "PNG", nullptr};
  gdal::Dataset ds(GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!ds) return make_error(ErrorCode::invalid, "无法读取该图片，文件可能已损坏");
  f.width = GDALGetRasterXSize(ds.get());
  f.height = GDALGetRasterYSize(ds.get());
  // The header's size, before a pixel is decoded (the thumbnail decodes).
  if (static_cast<long long>(f.width) * f.height > kMaxImagePixels)
    return make_error(ErrorCode::invalid, "图片过大（" + std::to_string(f.width) + "×" + std::to_string(f.height) +
                                              " 像素，上限 " + std::to_string(kMaxImagePixels / 1000000) +
                                              " 百万像素），请用手机的常规拍照模式或先缩小");
  f.taken_at = exif_time(GDALGetMetadataItem(ds.get(), "EXIF_DateTimeOriginal", nullptr));
  f.lat = coordinate(ds.get(), "EXIF_GPSLatitude", "EXIF_GPSLatitudeRef", 'S');
  f.lon = coordinate(ds.get(), "EXIF_GPSLongitude", "EXIF_GPSLongitudeRef", 'W');
  if (!f.lat || !f.lon) f.lat = f.lon = std::nullopt;
  return f;
}

Result<void> write_thumbnail(const std::string& image, const std::string& out, int max_px) {
  GDALAllRegister();
  gdal::Dataset src(GDALOpenEx(image.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!src) return make_error(ErrorCode::invalid, "无法读取该图片");
  CPLSetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");  // no .aux.xml beside the thumbnail
  const int w = GDALGetRasterXSize(src.get()), h = GDALGetRasterYSize(src.get());
  const double scale = std::min(1.0, static_cast<double>(max_px) / std::max(w, h));
  const std::string tw = std::to_string(std::max(1, static_cast<int>(std::lround(w * scale))));
  const std::string th = std::to_string(std::max(1, static_cast<int>(std::lround(h * scale))));
  // Three bands (an alpha or palette PNG becomes RGB), JPEG quality 80.
  std::vector<const char*> argv = {"-of", "JPEG", "-outsize", tw.c_str(), th.c_str(), "-r", "average", "-co", "QUALITY=80"};
  const int bands = GDALGetRasterCount(src.get());
  if (bands >= 3) {
    for (const char* b : {"-b", "1", "-b", "2", "-b", "3"}) argv.push_back(b);
  } else if (bands == 1 && GDALGetRasterColorTable(GDALGetRasterBand(src.get(), 1))) {
    for (const char* b : {"-expand", "rgb"}) argv.push_back(b);
  }
  argv.push_back(nullptr);
  GDALTranslateOptions* opts = GDALTranslateOptionsNew(const_cast<char**>(argv.data()), nullptr);
  int failed = 0;
  const gdal::Dataset dst(GDALTranslate(out.c_str(), src.get(), opts, &failed));
  GDALTranslateOptionsFree(opts);
  if (!dst || failed) return make_error(ErrorCode::io, "无法生成缩略图");
  return {};
}

}  // namespace anju
