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
// The inverse; malformed text gives an empty list (it was written by us).
Extras extras_from_json(std::string_view json);

// An enum stored by its key. A key the code does not know means the
// database and the program disagree: a broken invariant, so it throws.
template <class E>
E enum_from_db(std::string_view key) {
  if (auto e = enum_parse<E>(key)) return *e;
  throw std::runtime_error("unknown stored value '" + std::string(key) + "'");
}

}  // namespace anju
