// The bulk path of the PostgreSQL driver. While a table is bulk-loaded its
// secondary indexes are dropped (and built once at the end), and each plain
// INSERT into it becomes a row of COPY … FROM STDIN text, sent in batches:
// when the buffer is full, before any statement that touches the table,
// and at the end of the load or the transaction. COPY is PostgreSQL's
// fastest way in, and stays inside the transaction: a rollback removes it.
#include <cctype>

#include "core/text.h"
#include "store/postgres/pg_db.h"

namespace anju::postgres {
namespace {

constexpr size_t kCopyBatchBytes = 8 << 20;

// True when `sql` names `table` as a whole word.
bool references(const std::string& sql, const std::string& table) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t pos = sql.find(table); pos != std::string::npos; pos = sql.find(table, pos + 1)) {
    const size_t end = pos + table.size();
    if ((pos == 0 || !word(sql[pos - 1])) && (end == sql.size() || !word(sql[end]))) return true;
  }
  return false;
}

// One field of COPY text format.
void append_field(std::string& out, const std::optional<std::string>& value, int format) {
  if (!value) {
    out += "\\N";
    return;
  }
  if (format == 1) {  // bytea: "\x" + hex, its backslash escaped for COPY
    out += "\\\\x";
    out += hex_lower(*value);
    return;
  }
  for (char c : *value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

}  // namespace

bool Connection::copies(const Statement& s) const {
  return !bulk_table_.empty() && s.copy_table() == bulk_table_;
}

Result<void> Connection::before(const Statement& s) {
  if (!copy_buffer_.empty() && references(s.sql(), bulk_table_)) return flush_copy();
  return {};
}

Result<void> Connection::add_copy_row(const Statement& s) {
  if (copy_columns_ != s.copy_columns()) {
    ANJU_TRY(flush_copy());
    copy_columns_ = s.copy_columns();
  }
  const auto& values = s.values();
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) copy_buffer_ += '\t';
    append_field(copy_buffer_, values[i], s.formats()[i]);
  }
  copy_buffer_ += '\n';
  changes_ = 1;
  if (copy_buffer_.size() >= kCopyBatchBytes) return flush_copy();
  return {};
}

Result<void> Connection::flush_copy() {
  if (copy_buffer_.empty()) return {};
  std::string data;
  data.swap(copy_buffer_);
  const std::string sql = "COPY " + bulk_table_ + " (" + copy_columns_ + ") FROM STDIN";
  ResultPtr start(PQexec(conn_, sql.c_str()));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return result_error(start.get(), conn_, sql);
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1 ||
      PQputCopyEnd(conn_, nullptr) != 1)
    return result_error(nullptr, conn_, sql);
  std::optional<Error> failed;
  while (PGresult* r = PQgetResult(conn_)) {
    ResultPtr owned(r);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && !failed) failed = result_error(r, conn_, sql);
  }
  if (failed) return *failed;
  return {};
}

Result<void> Connection::begin_bulk_load(std::string_view table, bool rebuild_indexes) {
  ANJU_TRY(end_bulk_load());
  bulk_table_ = std::string(table);
  if (!rebuild_indexes) return {};
  // Partitioned indexes are listed on the parent ("ON ONLY parent"); dropping
  // one drops its partitions' indexes, creating it on the parent builds all.
  auto& s = prepare(
      "SELECT quote_ident(c.relname), pg_get_indexdef(x.indexrelid) FROM pg_index x"
      " JOIN pg_class c ON c.oid = x.indexrelid"
      " WHERE x.indrelid = ?::regclass AND NOT x.indisprimary ORDER BY c.relname");
  s.bind(1, table);
  ANJU_TRY(deferred_indexes_.drop(*this, s));
  for (std::string& create : deferred_indexes_.statements())
    if (auto pos = create.find(" ON ONLY "); pos != std::string::npos) create.erase(pos + 3, 5);
  return {};
}

Result<void> Connection::end_bulk_load() {
  if (bulk_table_.empty()) return {};
  ANJU_TRY(flush_copy());
  ANJU_TRY(deferred_indexes_.rebuild(*this));
  // Fresh statistics, or the planner guesses on a table it thinks is empty.
  ANJU_TRY(exec("ANALYZE " + bulk_table_));
  bulk_table_.clear();
  return {};
}

}  // namespace anju::postgres
