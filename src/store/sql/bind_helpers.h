#pragma once
// Binding and reading optional enums and dates, shared by the SQLite files.

#include <optional>

#include <string>

#include "core/date.h"
#include "core/region_code.h"
#include "core/household.h"
#include "store/row_codec.h"
#include "store/sql/sql_db.h"

namespace anju::sql {

template <class E>
void bind_enum(Statement& s, int i, const std::optional<E>& v) {
  if (v) s.bind_view(i, enum_key(*v));  // a static string
  else s.bind_null(i);
}

template <class E>
std::optional<E> read_enum(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return enum_from_db<E>(s.text(col));
}

inline std::optional<int> read_int(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return static_cast<int>(s.integer(col));
}

// "INSERT INTO table(columns, created_at, updated_at, updated_by) VALUES (?,…)"
// for a table whose rows carry the write stamp (DESIGN.md §3.3). Tables
// split by province (households, buildings, evidence) also carry `province`
// (region_province of their region) after `columns`: PostgreSQL partitions
// by it, and SQLite keeps it too so that both run the same SQL.
std::string stamped_insert_sql(const char* table, const char* columns, bool with_province = false);

// The province of `region_code` as parameter i.
inline void bind_province(Statement& s, int i, std::string_view region_code) {
  s.bind(i, region_province(region_code));
}

// Binds the stamp of a fresh row after its `n` data parameters; `stamp`
// must outlive the statement's run.
inline void bind_insert_stamp(Statement& s, int n, const WriteStamp& stamp) {
  s.bind_view(n + 1, stamp.at).bind_view(n + 2, stamp.at).bind_view(n + 3, stamp.actor);
}

// Dates are stored as "YYYY-MM-DD" text; a malformed one is a broken invariant.
Date read_date(const Statement& s, int col);

}  // namespace anju::sql
