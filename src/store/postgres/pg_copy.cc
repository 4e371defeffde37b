// The bulk path of the PostgreSQL driver. While a table is bulk-loaded its
// secondary indexes are dropped (and built once at the end), and each plain
// INSERT into it becomes a row of COPY … FROM STDIN, sent in batches: when
// the buffer is full, before any statement that touches the table, and at
// the end of the load or the transaction. COPY is PostgreSQL's fastest way
// in, and stays inside the transaction: a rollback removes it. Rows travel
// in binary format when every column's type allows (pg_copy_binary.h: the
// server parses nothing, footprints are not hex), else as text; a row whose
// values are not plainly of their types turns the rest of the load to text.
#include <cctype>
#include <map>
#include <string_view>

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
    ANJU_TRY(choose_copy_format());
  }
  changes_ = 1;
  if (!copy_types_.empty()) {
    if (copy_buffer_.empty()) {
      copy_buffer_ = copy_binary_header();
      copy_buffer_binary_ = true;
    }
    if (append_binary_row(copy_buffer_, s.values(), s.formats(), copy_types_)) {
      if (copy_buffer_.size() >= kCopyBatchBytes) return flush_copy();
      return {};
    }
    ANJU_TRY(flush_copy());
    copy_types_.clear();
  }
  const auto& values = s.values();
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) copy_buffer_ += '\t';
    append_field(copy_buffer_, values[i], s.formats()[i]);
  }
  copy_buffer_ += '\n';
  if (copy_buffer_.size() >= kCopyBatchBytes) return flush_copy();
  return {};
}

Result<void> Connection::choose_copy_format() {
  copy_types_.clear();
  std::map<std::string, Oid, std::less<>> types;
  auto& s = prepare(
      "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = ?::regclass AND attnum > 0"
      " AND NOT attisdropped");
  s.bind(1, bulk_table_);
  for (;;) {
    auto row = s.step();
    if (!row) return row.error();
    if (!*row) break;
    types.emplace(s.text(0), static_cast<Oid>(s.integer(1)));
  }
  std::vector<CopyType> chosen;
  for (size_t at = 0; at < copy_columns_.size();) {
    size_t end = copy_columns_.find(',', at);
    if (end == std::string::npos) end = copy_columns_.size();
    std::string_view name(copy_columns_.data() + at, end - at);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    auto it = types.find(name);
    auto type = it == types.end() ? std::nullopt : copy_type(it->second);
    if (!type) return {};  // text COPY: the server knows this type
    chosen.push_back(*type);
    at = end + 1;
  }
  copy_types_ = std::move(chosen);
  return {};
}

void Connection::forget_copy() {
  copy_buffer_.clear();
  copy_buffer_binary_ = false;
  copy_columns_.clear();
  copy_types_.clear();
}

Result<void> Connection::flush_copy() {
  if (copy_buffer_.empty()) return {};
  std::string data;
  data.swap(copy_buffer_);
  const bool binary = copy_buffer_binary_;
  copy_buffer_binary_ = false;
  if (binary) append_copy_trailer(data);
  ANJU_TRY(send_begin());
  const std::string sql = "COPY " + bulk_table_ + " (" + copy_columns_ + ") FROM STDIN" +
                          (binary ? " WITH (FORMAT binary)" : "");
  ResultPtr start(PQexec(conn_, sql.c_str()));
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return noted(result_error(start.get(), conn_, sql));
  if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1 ||
      PQputCopyEnd(conn_, nullptr) != 1)
    return noted(result_error(nullptr, conn_, sql));
  std::optional<Error> failed;
  while (PGresult* r = PQgetResult(conn_)) {
    ResultPtr owned(r);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && !failed) failed = result_error(r, conn_, sql);
  }
  if (failed) return noted(*failed);
  return {};
}

Result<void> Connection::begin_bulk_load(std::string_view table, bool rebuild_indexes) {
  ANJU_TRY(end_bulk_load());
  bulk_table_ = std::string(table);
  if (!rebuild_indexes) return {};
  // Partitioned indexes are listed on the parent ("ON ONLY parent"); dropping
  // one drops its partitions' indexes, creating it on the parent builds all.
  // So do its foreign keys to itself (a region's parent), made again after
  // the indexes: each loaded row would queue a check query of its own, the
  // constraint made again checks every row in one join, as its definition
  // says (a deferrable one stays deferrable); dropping an index has locked
  // the table until the commit already. A key to another table stays:
  // dropping it would lock that table against every reader until the
  // commit (households → regions: every page naming a region would wait
  // out a 1M roster import), though its per-row checks are a third of
  // that import (bench/README.md).
  auto& s = prepare(
      "SELECT 'DROP INDEX ' || quote_ident(c.relname), pg_get_indexdef(x.indexrelid), 0, c.relname::text"
      " FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid"
      " WHERE x.indrelid = ?1::regclass AND NOT x.indisprimary"
      " UNION ALL SELECT 'ALTER TABLE ' || ?1::regclass::text || ' DROP CONSTRAINT ' || quote_ident(conname),"
      "   'ALTER TABLE ' || ?1::regclass::text || ' ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid),"
      "   1, conname::text"
      " FROM pg_constraint WHERE conrelid = ?1::regclass AND confrelid = conrelid AND contype = 'f'"
      "   AND conparentid = 0"
      " ORDER BY 3, 4");
  s.bind(1, table);
  ANJU_TRY(deferred_indexes_.drop(*this, s));
  locked_table_ = locked_table_ || !deferred_indexes_.statements().empty();
  for (std::string& create : deferred_indexes_.statements())
    if (auto pos = create.find(" ON ONLY "); pos != std::string::npos) create.erase(pos + 3, 5);
  return {};
}

Result<void> Connection::end_bulk_load() {
  if (bulk_table_.empty()) return {};
  ANJU_TRY(flush_copy());
  forget_copy();
  if (!deferred_indexes_.statements().empty()) {
    // PostgreSQL builds no index on a table with deferred constraint checks
    // pending (regions.parent_code): run them now, build, and defer again
    // (every deferrable constraint of the schema is INITIALLY DEFERRED).
    ANJU_TRY(exec("SET CONSTRAINTS ALL IMMEDIATE"));
    ANJU_TRY(deferred_indexes_.rebuild(*this));
    ANJU_TRY(exec("SET CONSTRAINTS ALL DEFERRED"));
  }
  // Fresh statistics, or the planner guesses on a table it thinks is empty.
  ANJU_TRY(exec("ANALYZE " + bulk_table_));
  bulk_table_.clear();
  return {};
}

}  // namespace anju::postgres
