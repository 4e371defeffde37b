#pragma once
// The outcome of one import (DESIGN.md §3.1 `--json`).

#include <string>
#include <vector>

#include "core/import_row.h"

namespace anju {

// A rejected row as the file had it, for an error workbook the user can
// correct and import again.
struct RejectedRow {
  long row = 0;
  std::vector<std::pair<std::string, std::string>> fields;  // template key → text
  std::vector<std::pair<std::string, std::string>> extras;  // header → text
};

struct ImportReport {
  long inserted = 0;
  long updated = 0;
  long unchanged = 0;
  long rows = 0;           // data rows read (blank rows not counted)
  long rejected_rows = 0;  // rows with at least one error
  bool applied = false;    // false when --strict refused the whole file or on a file error
  std::vector<FieldError> errors;    // capped at kMaxReportedErrors; see error_count
  long error_count = 0;              // all errors, also those past the cap
  std::vector<FieldError> warnings;  // accepted rows with something worth a look (capped)
  long warning_count = 0;
  // Table imports: the rejected rows' cells (the first kMaxKeptRows), and
  // the headers of the file's columns that are not the template's.
  std::vector<RejectedRow> rejected;
  std::vector<std::string> extra_headers;
  // What the reader found about the file itself ("读取工作表“花名册”，表头在第3行").
  std::vector<std::string> notes;

  static constexpr size_t kMaxReportedErrors = 100000;
  static constexpr size_t kMaxKeptRows = 20000;

  void add_error(FieldError e) {
    ++error_count;
    if (errors.size() < kMaxReportedErrors) errors.push_back(std::move(e));
  }
  // Keeps `row`'s cells, those that could not be taken as they are too,
  // when its errors have been added. A row whose bytes were not text keeps
  // none (they cannot be written back).
  void keep_rejected(const ImportRow& row) {
    if (rejected.size() >= kMaxKeptRows) return;
    RejectedRow r{row.row_number, {}, {}};
    if (row.read_error.empty()) {
      r.fields = row.fields;
      for (const FieldError& e : row.cell_errors) r.fields.emplace_back(e.column, e.value);
      r.extras = row.extras;
    }
    rejected.push_back(std::move(r));
  }
  void add_warning(FieldError w) {
    ++warning_count;
    if (warnings.size() < kMaxReportedErrors) warnings.push_back(std::move(w));
  }
};

// What an import does with a file that has invalid rows: apply the valid
// ones and report the rest, or (--strict) apply nothing.
enum class InvalidRows { skip, reject_file };

// One row of the store's import journal.
struct ImportRun {
  std::string kind;       // "regions", "households", ...
  std::string file_name;
  std::string actor;
  std::string started_at;
  std::string finished_at;
  InvalidRows invalid_rows = InvalidRows::skip;
  ImportReport report;
};

}  // namespace anju
