#pragma once
// Readers of tabular import files. A reader hands out raw rows one at a time
// (streaming: memory does not grow with the file), already decoded to UTF-8
// but not yet normalised.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace anju {

struct RawRow {
  long row_number = 0;  // spreadsheet numbering: the header is row 1
  std::vector<std::string> cells;
  std::string encoding_error;  // non-empty when the row's bytes were not valid text
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  // The header row's cells.
  virtual const std::vector<std::string>& header() const = 0;
  // The next data row, nullopt at the end, or an `io`/`invalid` error when
  // the file cannot be read further.
  virtual Result<std::optional<RawRow>> next() = 0;
  // Share of the file consumed so far, 0..1 (for progress bars).
  virtual double progress() const = 0;
  // "UTF-8", "GB18030" or "XLSX".
  virtual std::string encoding() const = 0;
};

// Opens `path` by its extension: .csv/.txt (UTF-8 or GBK, detected) or
// .xlsx (first sheet). Reads the header row. Fails with `invalid` (unknown
// type, empty file, no header) or `io` (cannot open).
Result<std::unique_ptr<TableReader>> open_table(const std::string& path);

}  // namespace anju
