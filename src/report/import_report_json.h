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

// "名称(key)" of a template's column, "整行" for the whole row.
std::string column_label(TemplateKind kind, const std::string& key);

// Writes `errors` (the "errors" array of import_report_to_json) as .xlsx:
// row, column, value and problem, one line each, in the file's order.
Result<void> write_error_workbook(TemplateKind kind, const nlohmann::json& errors, const std::string& path);

}  // namespace anju
