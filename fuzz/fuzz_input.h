#pragma once
// What the fuzz targets share: the readers take a path, so each input is
// written to a file of this process (in $TMPDIR) under the name its format
// is opened by, and read back through the same calls an import makes.

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

namespace anju::fuzz {

// A path of this process's in $TMPDIR, ending in `extension`.
inline std::string scratch_path(const char* extension) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/anju-fuzz-" + std::to_string(::getpid()) + extension;
}

inline std::string input_file(const uint8_t* data, size_t size, const char* extension) {
  const std::string path = scratch_path(extension);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                 static_cast<std::streamsize>(size));
  return path;
}

// Reads every row a source gives, until its end or its first error.
template <class Rows>
void read_all(Rows& rows) {
  for (;;) {
    auto row = rows.next();
    if (!row || !*row) return;
  }
}

}  // namespace anju::fuzz
