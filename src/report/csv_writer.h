#pragma once
// Writes RFC 4180 CSV in UTF-8 with a byte-order mark (so that Excel and WPS
// open it as UTF-8). Streams: one row in memory at a time.

#include <cstdio>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace anju {

class CsvWriter {
 public:
  // Creates or truncates `path`. Fails with `io`.
  static Result<std::unique_ptr<CsvWriter>> create(const std::string& path);
  ~CsvWriter();

  void row(const std::vector<std::string>& cells);
  void row(std::initializer_list<std::string_view> cells);
  // Flushes and closes; reports a write error (disk full) as `io`.
  Result<void> close();

 private:
  CsvWriter(std::FILE* f, std::string path) : file_(f), path_(std::move(path)) {}
  void cell(std::string_view text, bool first);

  std::FILE* file_;
  std::string path_;
};

}  // namespace anju
