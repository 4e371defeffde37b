#pragma once
// The frame every import shares: open the file, map the template, run all
// rows through a RowSink inside one write transaction, honour --strict,
// report progress and record the run in the import journal.

#include <string>

#include "core/columns.h"
#include "ingest/prefetched_rows.h"
#include "ingest/row_source.h"
#include "service/import_service.h"

namespace anju {

// Rows handed to RowSink::prepare at once.
constexpr size_t kImportBatch = 512;

class RowSink {
 public:
  virtual ~RowSink() = default;
  // Runs once inside the import's transaction, before the first row.
  virtual Result<void> start(Transaction& tx) {
    (void)tx;
    return {};
  }
  // Runs before apply() for a batch of up to kImportBatch rows (those
  // without read errors), so the sink can ask the store about all of them
  // at once (Transaction's batch look-ups) instead of row by row.
  virtual Result<void> prepare(const std::vector<const ImportRow*>& rows, Transaction& tx) {
    (void)rows;
    (void)tx;
    return {};
  }
  // Look-ups of a batch that read only what the import leaves alone: other
  // tables, and the sink's own table as it was before the import (the
  // file's own repeats are the sink's to catch). A sink with such look-ups
  // says so in looks_up_ahead(). On SQLite the frame then runs look_up() on
  // the reading thread, through a read transaction, a batch ahead of
  // apply(), and hands the result to adopt() instead of calling prepare():
  // that transaction sees what the import's saw when it began, as nothing
  // else can write meanwhile. On PostgreSQL, which has other writers,
  // prepare() runs as usual.
  virtual bool looks_up_ahead() const { return false; }
  virtual Result<std::unique_ptr<BatchNote>> look_up(const std::vector<const ImportRow*>& rows,
                                                     Transaction& tx) const {
    (void)rows;
    (void)tx;
    return std::unique_ptr<BatchNote>();
  }
  virtual void adopt(std::unique_ptr<BatchNote> note) { (void)note; }
  // Validates one row and applies it within `tx`, counting the outcome or
  // adding its errors to `report`. An Error return aborts the whole import
  // (engine failure), leaving the store unchanged.
  virtual Result<void> apply(const ImportRow& row, Transaction& tx, ImportReport& report) = 0;
  // Runs after the last row, once the frame has ended a bulk load begun in
  // start() (its indexes are back), and before the commit.
  virtual Result<void> finish(Transaction& tx, ImportReport& report) {
    (void)tx;
    (void)report;
    return {};
  }
};

// Runs every row of `source` (already opened, or the error of opening it)
// through `sink`. `path` names the file in the journal.
Result<ImportReport> run_import(Store& store, TemplateKind kind, const std::string& path,
                                Result<OpenedSource> source, const ImportOptions& options,
                                const Clock& clock, RowSink& sink);

// The error of a row whose region lies outside `scope` (ImportOptions::scope),
// if it does.
std::optional<FieldError> scope_error(const std::string& scope, long row, const char* column,
                                      std::string_view region_code);

// Counts a row as rejected when it brought errors (call once per row).
void add_row_errors(ImportReport& report, std::vector<FieldError> errors);

}  // namespace anju
