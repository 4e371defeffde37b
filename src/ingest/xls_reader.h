#pragma once
// Reads the sheets of an Excel 97–2003 workbook (.xls, and WPS .et/.ett,
// which are the same OLE2/BIFF8 format) with FreeXL: every cell with the
// kind the file stored, text already in UTF-8 whatever the code page.

#include <memory>
#include <string>
#include <vector>

#include "ingest/table_reader.h"

namespace anju {

class XlsReader final : public TableReader {
 public:
  // `invalid` when FreeXL cannot read the file (damaged, encrypted, or
  // past the limits).
  static Result<std::unique_ptr<XlsReader>> open(const std::string& path,
                                                 const ReadLimits& limits = {});
  ~XlsReader() override;

  std::size_t sheet_count() const override { return sheets_.size(); }
  std::string sheet_name() const override { return sheets_[sheet_]; }
  Result<void> select_sheet(std::size_t index) override;
  Result<std::optional<RawRow>> next() override;
  double progress() const override;
  std::string encoding() const override { return "XLS"; }

 private:
  XlsReader(const void* handle, const ReadLimits& limits) : handle_(handle), limits_(limits) {}
  const void* handle_;  // FreeXL's handle; freexl.h stays out of this header
  ReadLimits limits_;
  std::vector<std::string> sheets_;
  std::size_t sheet_ = 0;
  unsigned rows_ = 0;
  unsigned short columns_ = 0;
  unsigned next_row_ = 0;
};

}  // namespace anju
