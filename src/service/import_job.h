#pragma once
// The frame every import shares: open the file, map the template, run all
// rows through a RowSink inside one write transaction, honour --strict,
// report progress and record the run in the import journal.

#include <string>

#include "core/columns.h"
#include "core/household_rules.h"
#include "ingest/prefetched_rows.h"
#include "ingest/row_source.h"
#include "service/import_service.h"

namespace anju {

// Rows handed to RowSink::prepare at once.
constexpr size_t kImportBatch = 512;

class RowSink {
 public:
  virtual ~RowSink() = default;
  // Before start(): the headers of the file's columns that are not the
  // template's (OpenedSource::extra_headers).
  virtual void file_columns(const std::vector<std::string>& extra_headers) { (void)extra_headers; }
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
  // Work on a batch ahead of apply(), on the reading thread while this
  // one writes: parsing and checking each row on its own (it may read only
  // the sink's settings, and move values out of the rows), and, given a
  // transaction, the batch's look-ups. What it returns comes to adopt()
  // with the batch, and is freed on the reading thread afterwards (memory
  // goes back to the thread that took it).
  //
  // Look-ups may run ahead only when they read what the import leaves
  // alone: other tables, and the sink's own table as it was before the
  // import (the file's own repeats are the sink's to catch). A sink says so
  // in looks_up_ahead(); the frame then passes ahead() a read transaction
  // on the snapshot the import's transaction shared before it wrote
  // (Store::begin_shared), which sees what that transaction saw when it
  // began, whatever others commit meanwhile. When the bulk load that
  // start() began holds its table locked (BatchRepo::bulk_load_locks_table:
  // on PostgreSQL, its indexes dropped), ahead() gets none and prepare()
  // runs as usual.
  virtual bool looks_up_ahead() const { return false; }
  virtual Result<std::unique_ptr<BatchNote>> ahead(std::vector<ImportRow>& rows, Transaction* tx) const {
    (void)rows;
    (void)tx;
    return std::unique_ptr<BatchNote>();
  }
  // Takes what ahead() made of the batch about to be applied (null when
  // nothing: after a read error). True when that included the batch's
  // look-ups; otherwise the frame calls prepare().
  virtual bool adopt(BatchNote* note) {
    (void)note;
    return false;
  }
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

// The rows of a batch that could be read (the ones prepare() gets).
std::vector<const ImportRow*> readable_rows(const std::vector<ImportRow>& batch);

// Rows a sink parsed ahead (RowSink::ahead), taken in file order by apply().
template <class T>
struct ParsedAhead : BatchNote {
  std::vector<std::pair<long, Parsed<T>>> rows;  // (row number, what the rules made of it)
  size_t next = 0;
  // The row `row_number` as parsed ahead; null when it was not.
  Parsed<T>* take(long row_number) {
    if (next < rows.size() && rows[next].first == row_number) return &rows[next++].second;
    return nullptr;
  }
};

// The row `row_number` as parsed ahead, else as `parse()` gives it now
// (kept in `own`).
template <class T, class Parse>
Parsed<T>& parsed_row(ParsedAhead<T>* ahead, long row_number, Parsed<T>& own, Parse&& parse) {
  if (ahead)
    if (Parsed<T>* found = ahead->take(row_number)) return *found;
  own = parse();
  return own;
}

// Parses the readable rows of a batch with `parse(row)` into `into`.
template <class T, class Parse>
void parse_ahead(std::vector<ImportRow>& rows, ParsedAhead<T>& into, Parse&& parse) {
  into.rows.reserve(rows.size());
  for (ImportRow& row : rows)
    if (row.readable()) into.rows.emplace_back(row.row_number, parse(row));
}

// A sink whose rows' rules run ahead, on the reading thread (parse_row),
// and whose apply() takes each row as parsed there (parsed()). Its look-ups,
// if any, are prepare()'s.
template <class T>
class ParsingSink : public RowSink {
 public:
  Result<std::unique_ptr<BatchNote>> ahead(std::vector<ImportRow>& rows, Transaction*) const override {
    auto note = std::make_unique<ParsedAhead<T>>();
    parse_ahead(rows, *note, [&](ImportRow& row) { return parse_row(row); });
    return std::unique_ptr<BatchNote>(std::move(note));
  }
  bool adopt(BatchNote* note) override {
    ahead_ = dynamic_cast<ParsedAhead<T>*>(note);
    return false;
  }

 protected:
  // The rules of one row; may take what it needs out of `row` (a geometry).
  virtual Parsed<T> parse_row(ImportRow& row) const = 0;
  // `row` as parsed ahead, else parsed now (kept in `own`).
  Parsed<T>& parsed(const ImportRow& row, Parsed<T>& own) const {
    return parsed_row(ahead_, row.row_number, own, [&] {
      ImportRow copy = row;
      return parse_row(copy);
    });
  }

 private:
  ParsedAhead<T>* ahead_ = nullptr;  // the batch being applied, as parsed ahead
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
