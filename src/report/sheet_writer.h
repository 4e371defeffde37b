#pragma once
// A streaming Excel workbook for every export (DESIGN.md §4): libxlsxwriter
// in constant-memory mode, so rows go to disk as they come and memory stays
// flat whatever the size. Each sheet has a title line (what, which region,
// who exported it and when), a frozen bold header row with Chinese heads and
// set widths, an autofilter; text columns are stored as text ("@"), so an
// 18-digit ID number keeps every digit; dates are real dates (yyyy-mm-dd).
// The exporter and the time are also in the file's properties.

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/result.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace anju {

enum class CellType { text, number, integer, date };
struct SheetColumn {
  std::string head;
  double width = 12;
  CellType type = CellType::text;
};
// An empty cell, text, a number or a date.
using Cell = std::variant<std::monostate, std::string, double, Date>;

struct BookInfo {
  std::string title;    // e.g. "危房台账"
  std::string scope;    // the region and filter in words
  std::string made_by;  // who exported it
  std::string made_at;  // ISO time stamp
  std::string campaign;  // the campaign that governs the region ("" = none named)
};

class SheetWriter {
 public:
  static Result<std::unique_ptr<SheetWriter>> create(const std::string& path, const BookInfo& info);
  ~SheetWriter();
  SheetWriter(const SheetWriter&) = delete;
  SheetWriter& operator=(const SheetWriter&) = delete;

  // Starts a sheet (ending the one before): its title line and header.
  void add_sheet(const std::string& name, const std::string& title, std::vector<SheetColumn> columns);
  // Appends a row to the current sheet; cells beyond the columns are dropped.
  void row(const std::vector<Cell>& cells);
  long rows() const { return rows_; }  // data rows of the current sheet
  Result<void> close();

 private:
  SheetWriter() = default;
  void end_sheet();
  void set_up_page(double width);
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format *text_ = nullptr, *date_ = nullptr, *title_ = nullptr, *head_ = nullptr, *number_ = nullptr,
             *integer_ = nullptr;
  std::vector<SheetColumn> columns_;
  std::string path_;
  unsigned next_ = 0;
  long rows_ = 0;
  BookInfo info_;
  std::vector<std::string> strings_;  // keeps the property strings alive until close
  std::deque<std::string> footers_;   // each sheet's footer, alive until close
};

// Cell helpers for the row builders.
Cell text_cell(const std::string& s);
Cell date_cell(const std::optional<Date>& d);
template <class T>
Cell number_cell(const std::optional<T>& v) {
  return v ? Cell(static_cast<double>(*v)) : Cell();
}

}  // namespace anju
