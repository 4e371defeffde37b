#pragma once
// Conversions shared by the engines: extra attributes ⇄ JSON text, and
// enum keys read back from the database.

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/enums.h"

namespace anju {

using Extras = std::vector<std::pair<std::string, std::string>>;

// A JSON object of strings, keys in the given order ("{}" when empty).
std::string extras_to_json(const Extras& extras);
// The inverse; text that is not such an object throws UnreadableValue.
Extras extras_from_json(std::string_view json);

// A stored value the program cannot read: the database and the program
// disagree (a broken invariant, a hand edit, a damaged file). It is never
// replaced by a default: an unknown grade read as A would be a safe house
// nobody checked. Thrown from row readers; whoever runs the request turns it
// into a logged failure (HTTP 500, a failed job, a CLI error) and the
// transaction rolls back.
class UnreadableValue : public std::runtime_error {
 public:
  UnreadableValue(std::string_view what, std::string_view value)
      : std::runtime_error("unreadable stored value of " + std::string(what) + ": '" + std::string(value) + "'") {}
};

// An enum stored by its key; an unknown key throws UnreadableValue.
template <class E>
E enum_from_db(std::string_view key) {
  if (auto e = enum_parse<E>(key)) return *e;
  throw UnreadableValue("an enum column", key);
}

// `parsed` (what a parse_* function made of `raw`), or UnreadableValue
// naming `what` (table.column).
template <class T>
T stored_value(std::optional<T> parsed, std::string_view what, std::string_view raw) {
  if (!parsed) throw UnreadableValue(what, raw);
  return *std::move(parsed);
}

}  // namespace anju
