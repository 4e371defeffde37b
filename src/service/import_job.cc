#include "service/import_job.h"

#include "core/user.h"

#include "ingest/prefetched_rows.h"
#include "service/audit_service.h"

#include <algorithm>
#include <filesystem>
#include <optional>


namespace anju {
namespace {

Result<void> journal(Store& store, TemplateKind kind, const std::string& path,
                     const ImportOptions& options, const std::string& started,
                     const Clock& clock, const ImportReport& report, Transaction* tx) {
  ImportRun run{enum_key(kind),
                std::filesystem::path(path).filename().string(),
                options.actor,
                started,
                clock.now_iso(),
                options.invalid_rows,
                report};
  std::unique_ptr<Transaction> own;
  if (!tx) {
    auto begun = store.begin(TxMode::write);
    if (!begun) return begun.error();
    own = std::move(*begun);
    tx = own.get();
  }
  if (auto id = tx->audit().record_import(run); !id) return id.error();
  return own ? own->commit() : Result<void>();
}

// Takes what was done ahead (`note`), prepares what was not, and applies
// one batch. The rows rejected are kept whole for the error workbook,
// except buildings: a geometry cannot go back into a workbook.
Result<void> apply_batch(TemplateKind kind, const std::vector<ImportRow>& batch, BatchNote* note,
                         Transaction& tx, RowSink& sink, ImportReport& report) {
  const bool keep_rejected = kind != TemplateKind::buildings;
  if (!sink.adopt(note)) ANJU_TRY(sink.prepare(readable_rows(batch), tx));
  for (const ImportRow& row : batch) {
    ++report.rows;
    const long rejected_before = report.rejected_rows;
    if (!row.read_error.empty()) {
      add_row_errors(report, {FieldError{row.row_number, "", "", row.read_error}});
    } else if (!row.cell_errors.empty()) {
      add_row_errors(report, row.cell_errors);
    } else {
      ANJU_TRY(sink.apply(row, tx, report));
    }
    if (keep_rejected && report.rejected_rows > rejected_before) report.keep_rejected(row);
  }
  return {};
}

}  // namespace

void add_row_errors(ImportReport& report, std::vector<FieldError> errors) {
  if (errors.empty()) return;
  ++report.rejected_rows;
  for (auto& e : errors) report.add_error(std::move(e));
}

std::vector<const ImportRow*> readable_rows(const std::vector<ImportRow>& batch) {
  std::vector<const ImportRow*> out;
  out.reserve(batch.size());
  for (const ImportRow& row : batch)
    if (row.readable()) out.push_back(&row);
  return out;
}

Result<ImportReport> run_import(Store& store, TemplateKind kind, const std::string& path,
                                Result<OpenedSource> source, const ImportOptions& options,
                                const Clock& clock, RowSink& sink) {
  const std::string started = clock.now_iso();
  if (!source) return source.error();
  OpenedSource& opened = *source;
  ImportReport report;
  report.notes = std::move(opened.notes);
  if (!opened.rows) {
    for (auto& e : opened.header_errors) report.add_error(std::move(e));
    ANJU_TRY(journal(store, kind, path, options, started, clock, report, nullptr));
    return report;
  }
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  std::unique_ptr<Transaction> tx = std::move(*begun);
  sink.file_columns(opened.extra_headers);
  report.extra_headers = opened.extra_headers;
  // What the import's transaction sees before it writes: what the sink's
  // look-ups ahead read (RowSink::ahead).
  std::optional<SharedSnapshot> before;
  if (sink.looks_up_ahead()) {
    auto shared = tx->batch().share_snapshot();
    if (!shared) return shared.error();
    before = std::move(*shared);
  }
  ANJU_TRY(sink.start(*tx));
  // Reading and decoding, and the sink's work ahead, run on a second
  // thread while this one validates and writes. The read transaction
  // outlives that thread. Not while the bulk load holds its table locked
  // (PostgreSQL, indexes dropped): a look-up of that table would wait for
  // this transaction, which waits for it.
  std::unique_ptr<Transaction> lookups;
  if (before && !tx->batch().bulk_load_locks_table()) {
    auto reader = store.begin_shared(*before);
    if (!reader) return reader.error();
    lookups = std::move(*reader);
  }
  // A look-up that cannot have a table's lock within a short wait
  // (PostgreSQL: behind a schema change, which may itself wait for this
  // import) fails the import with a message to try again: waiting on could
  // be a wait the server never ends.
  PrefetchedRows rows(std::move(opened.rows), kImportBatch,
                      [&sink, &lookups](std::vector<ImportRow>& batch) { return sink.ahead(batch, lookups.get()); });
  std::vector<ImportRow> batch;
  std::unique_ptr<BatchNote> note;
  while (true) {
    if (auto read = rows.next_batch(batch, &note); !read) return read.error();  // tx rolls back
    if (batch.empty()) break;
    ANJU_TRY(apply_batch(kind, batch, note.get(), *tx, sink, report));
    if (options.on_progress) options.on_progress(rows.progress(), report.rows);
  }
  ANJU_TRY(tx->batch().end_bulk_load());
  // --strict applies nothing when a row is invalid: nothing to finish (no
  // counts to refresh, nobody re-judged, nothing said of either).
  const bool rejected = options.invalid_rows == InvalidRows::reject_file && report.error_count > 0;
  if (!rejected) ANJU_TRY(sink.finish(*tx, report));
  std::stable_sort(report.errors.begin(), report.errors.end(),
                   [](const FieldError& a, const FieldError& b) { return a.row < b.row; });
  if (options.on_progress) options.on_progress(1.0, report.rows);
  if (rejected) {
    tx.reset();  // roll back: --strict applies nothing when a row is invalid
    report.inserted = report.updated = report.unchanged = 0;
    ANJU_TRY(journal(store, kind, path, options, started, clock, report, nullptr));
    return report;
  }
  report.applied = true;
  ANJU_TRY(journal(store, kind, path, options, started, clock, report, tx.get()));
  ANJU_TRY(audit(tx->audit(), clock, options.actor, std::string("import.") + enum_key(kind),
                 "file", std::filesystem::path(path).filename().string(),
                 {{"rows", report.rows},
                  {"inserted", report.inserted},
                  {"updated", report.updated},
                  {"unchanged", report.unchanged},
                  {"rejected_rows", report.rejected_rows}}));
  ANJU_TRY(tx->commit());
  (void)chain_audit_log(store);
  return report;
}

std::optional<FieldError> scope_error(const std::string& scope, long row, const char* column,
                                      std::string_view region_code) {
  if (scope.empty() || scope == kWholeCountry || region_covers(scope, region_code)) return std::nullopt;
  return FieldError{row, column, std::string(region_code),
                    "区划代码" + std::string(region_code) + "不在您的管辖范围内（" + scope + "），不能导入"};
}

}  // namespace anju
