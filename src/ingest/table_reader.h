#pragma once
// Readers of tabular import files. A reader hands out raw rows one at a time
// (streaming: memory does not grow with the file), already decoded to UTF-8
// but not yet normalised, from the sheet's first row on: which row is the
// header is decided by TemplateRows, which looks for it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace anju {

// What a spreadsheet stored in a cell. CSV cells are all text.
enum class CellKind : std::uint8_t {
  text,
  number,                 // the cell text is the stored number ("4", "5.0022910800100E+15")
  date,                   // a date-formatted number, already written as YYYY-MM-DD
  boolean,                // "TRUE" / "FALSE"
  error,                  // a formula's error value ("#N/A"); the text is the value
  formula_without_value,  // a formula the producer never calculated: no value at all
};

struct RawRow {
  long row_number = 0;  // spreadsheet numbering: the sheet's first row is row 1
  std::vector<std::string> cells;
  std::vector<CellKind> kinds;  // per cell; empty when every cell is text
  std::string encoding_error;   // non-empty when the row's bytes were not valid text

  CellKind kind(size_t i) const { return i < kinds.size() ? kinds[i] : CellKind::text; }
};

// Bounds checked while a file is read, so that a small hostile file (a zip
// bomb, a sheet of a million columns) is refused before it costs memory.
struct ReadLimits {
  std::uint64_t max_unpacked_bytes = std::uint64_t{2} << 30;  // all parts of a workbook
  std::uint64_t max_shared_string_bytes = std::uint64_t{256} << 20;
  long max_rows = 10'000'000;  // a province's evidence in one CSV file
  long max_columns = 1000;
  std::size_t max_cell_bytes = 32767 * 4;  // Excel's 32,767 characters, in UTF-8
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  // Workbooks have sheets; a CSV file has one, without a name.
  virtual std::size_t sheet_count() const { return 1; }
  virtual std::string sheet_name() const { return {}; }
  // Whether sheet `index` is hidden in the workbook (the user does not see
  // it: lists behind drop-downs, old copies). Readers that cannot tell say no.
  virtual bool sheet_hidden(std::size_t index) const {
    (void)index;
    return false;
  }
  // Starts reading sheet `index` from its first row. `invalid` when it
  // cannot be read.
  virtual Result<void> select_sheet(std::size_t index) {
    if (index == 0) return {};
    return make_error(ErrorCode::invalid, "文件中没有第" + std::to_string(index + 1) + "个工作表");
  }
  // The next row of the selected sheet, nullopt at its end, or an
  // `io`/`invalid` error when the file cannot be read further (a limit of
  // ReadLimits among them).
  virtual Result<std::optional<RawRow>> next() = 0;
  // Share of the file consumed so far, 0..1 (for progress bars).
  virtual double progress() const = 0;
  // "UTF-8", "GB18030", "XLSX" or "XLS".
  virtual std::string encoding() const = 0;
};

// Opens `path` by its content: an OOXML workbook (.xlsx, WPS .et/.ett saved
// as OOXML), an OLE2 workbook (Excel 97–2003 .xls, WPS .et/.ett), or, for
// .csv/.txt, text in UTF-8 or GBK (detected). Fails with `invalid` (unknown
// type, a workbook that cannot be read) or `io` (cannot open).
Result<std::unique_ptr<TableReader>> open_table(const std::string& path,
                                                const ReadLimits& limits = {});

}  // namespace anju
