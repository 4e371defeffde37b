#pragma once
// A streaming RFC 4180 CSV reader (comma separated, double quotes, CRLF or
// LF). UTF-8 with or without BOM, or GBK/GB18030: the encoding is sniffed
// from the first megabyte and cells are converted to UTF-8 with iconv.
// Memory is bounded by the read buffer and the longest record, which
// ReadLimits bounds (cell size, columns); rows past max_rows are refused.

#include <iconv.h>

#include <cstdio>
#include <memory>
#include <string>

#include "ingest/table_reader.h"

namespace anju {

class CsvReader final : public TableReader {
 public:
  static Result<std::unique_ptr<CsvReader>> open(const std::string& path,
                                                 const ReadLimits& limits = {});
  ~CsvReader() override;

  Result<std::optional<RawRow>> next() override;
  double progress() const override;
  std::string encoding() const override { return gbk_ ? "GB18030" : "UTF-8"; }

 private:
  CsvReader(std::FILE* file, long size, const ReadLimits& limits)
      : file_(file), size_(size), limits_(limits) {}
  Result<void> sniff();
  bool fill();  // reads the next block; false at end of file
  // The next record's cells as raw bytes; nullopt at end of input.
  Result<std::optional<std::vector<std::string>>> read_record();
  // The cell in UTF-8, or nullopt when its bytes are not valid in the
  // file's encoding.
  std::optional<std::string> decode(std::string raw);

  std::FILE* file_;
  long size_;
  ReadLimits limits_;
  long consumed_ = 0;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool gbk_ = false;
  iconv_t iconv_ = reinterpret_cast<iconv_t>(-1);
  long record_number_ = 0;
};

}  // namespace anju
