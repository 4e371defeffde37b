#pragma once
// Binding and reading optional enums and dates, shared by the SQLite files.

#include <optional>

#include "core/date.h"
#include "store/row_codec.h"
#include "store/sqlite/sqlite_db.h"

namespace anju::sqlite {

template <class E>
void bind_enum(Statement& s, int i, const std::optional<E>& v) {
  if (v) s.bind(i, enum_key(*v));
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

// Dates are stored as "YYYY-MM-DD" text; a malformed one is a broken invariant.
Date read_date(const Statement& s, int col);

}  // namespace anju::sqlite
