#pragma once
// An ImportReport as JSON (DESIGN.md §3.1 `--json`), and its rejected rows
// as a workbook a clerk can fix the file from.

#include <nlohmann/json.hpp>
#include <string>

#include "core/columns.h"
#include "core/import_report.h"
#include "core/result.h"

namespace anju {

nlohmann::ordered_json import_report_to_json(const ImportReport& report);

// The report's rejected rows, as kept in an import job's result beside
// import_report_to_json: [{"row", "fields": {key: text}, "extras": [[header, text]]}];
// null when there are none to write back: no row was read, or buildings (a
// geometry cannot go back into a workbook).
nlohmann::json rejected_rows_json(TemplateKind kind, const ImportReport& report);

// "名称(key)" of a template's column, "整行" for the whole row.
std::string column_label(TemplateKind kind, const std::string& key);

// Writes an import's error workbook (.xlsx). Its first sheet, 待修改行
// (when `rejected` is an array, for a table whose rows were read), has each
// rejected row (`rejected`, as rejected_rows_json) in the
// template's columns and the file's extra ones (`file_extras`, a list of
// headers), the cells at fault marked, after its row number and its
// problems: corrected, it imports again as it is (the two leading columns
// are skipped, error_workbook_columns). A rejected row whose cells were not
// kept is named there with its problems only (an import skips it as
// blank). The second, 错误清单, lists `errors` (the "errors" array of
// import_report_to_json): row, column, value and problem, one line each.
Result<void> write_error_workbook(TemplateKind kind, const nlohmann::json& errors, const nlohmann::json& rejected,
                                  const nlohmann::json& file_extras, const std::string& path);

}  // namespace anju
