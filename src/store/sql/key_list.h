#pragma once
// How a batch look-up names many keys in one statement (SqlTransaction::
// each_in): SQLite binds them as parameters of an IN list; PostgreSQL binds
// one text array, so a look-up is one value to bind whatever its size, and
// its index scan walks the sorted keys in order.

#include <span>
#include <string>

namespace anju::sql {

struct KeyList {
  enum class Form { parameters, text_array };
  Form form = Form::parameters;
  int keys = 256;  // at most this many keys a statement
};

// PostgreSQL's text-array literal of `keys`: every element in double quotes,
// a quote or backslash within it escaped, so that any text (commas, braces,
// spaces, an empty key) reads back as itself.
std::string text_array_literal(std::span<const std::string> keys);

}  // namespace anju::sql
