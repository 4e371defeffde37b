#pragma once
// What an OOXML workbook holds besides its sheets' cells: the sheets in
// order with the zip part of each, the shared strings, which cell styles
// show numbers as dates, and the date system.

#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/table_reader.h"
#include "ingest/zip_archive.h"

namespace anju {

struct XlsxWorkbook {
  struct Sheet {
    std::string name;
    std::string part;  // "xl/worksheets/sheet1.xml"
    bool hidden = false;  // state="hidden" or "veryHidden": not shown to the user
  };
  std::vector<Sheet> sheets;  // worksheets only, in the workbook's order
  std::vector<std::string> shared_strings;
  std::vector<bool> date_styles;  // by cell style index (the cell's s attribute)
  // By cell style index: the digits a format of zeros ("00000") pads a
  // whole number to, 0 for any other format.
  std::vector<size_t> zero_pad;
  bool date1904 = false;

  // Reads the workbook's parts from `zip`. `invalid` when it is no
  // spreadsheet (a zip without xl/workbook.xml, a Word file) or past a
  // limit (shared strings).
  static Result<XlsxWorkbook> read(ZipArchive& zip, const ReadLimits& limits);
};

// Whether an Excel number format shows a date or time: the built-in date
// formats (14–22, 27–36 and 50–58 of the Chinese locale, 45–47) or a format
// code with y, d, h or s outside quotes and brackets.
bool is_date_format(int id, std::string_view code);

}  // namespace anju
