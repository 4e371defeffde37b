#pragma once
// Printing an ImportReport: the JSON of DESIGN.md §3.1, or a Chinese summary.

#include <string>

#include "core/columns.h"
#include "core/import_report.h"

namespace anju::cli {

std::string import_report_json(const ImportReport& report);
// A readable summary with up to `max_errors` error lines.
std::string import_report_text(TemplateKind kind, const ImportReport& report,
                               size_t max_errors = 100);

}  // namespace anju::cli
