#pragma once
// Helpers shared by the row rules (household_rules.cc, building_rules.cc):
// a per-row error collector and number parsing for spreadsheet cells.

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/household_rules.h"
#include "core/import_row.h"
#include "core/text.h"

namespace anju {

// Collects the errors of one row.
class RowChecker {
 public:
  explicit RowChecker(const ImportRow& row) : row_(row) {}

  std::string_view get(const char* key) const { return row_.get(key); }

  void fail(const char* key, std::string message) {
    errors_.push_back(FieldError{row_.row_number, key, std::string(row_.get(key)),
                                 std::move(message)});
  }

  // The cell of a required column, or nullopt after reporting it empty.
  std::optional<std::string_view> required(const char* key, const char* name) {
    std::string_view v = row_.get(key);
    if (v.empty()) {
      fail(key, std::string(name) + "为必填项，不能为空");
      return std::nullopt;
    }
    return v;
  }

  // A required text cell of at most `max_chars` characters ("" after
  // reporting it missing).
  std::string required_text(const char* key, const char* name, size_t max_chars) {
    auto v = required(key, name);
    if (!v) return {};
    check_length(key, name, *v, max_chars);
    return std::string(*v);
  }

  // An optional text cell of at most `max_chars` characters.
  std::string optional_text(const char* key, const char* name, size_t max_chars) {
    std::string v(get(key));
    check_length(key, name, v, max_chars);
    return v;
  }

  // Text of 1..max_chars characters (when present).
  void check_length(const char* key, const char* name, std::string_view v, size_t max_chars) {
    if (utf8_length(v) > max_chars)
      fail(key, std::string(name) + "不能超过" + std::to_string(max_chars) + "个字");
  }

  template <class E>
  std::optional<E> parse_enum(const char* key, const char* name, std::string_view v) {
    if (v.empty()) return std::nullopt;
    auto e = enum_parse<E>(v);
    if (!e) fail(key, std::string(name) + "只能填写：" + enum_names_joined<E>());
    return e;
  }

  std::vector<FieldError> take_errors() { return std::move(errors_); }
  bool has_errors() const { return !errors_.empty(); }

 private:
  const ImportRow& row_;
  std::vector<FieldError> errors_;
};

// The row's outcome: the value when no cell failed, and the errors.
template <class T>
Parsed<T> finish(RowChecker& c, T value) {
  Parsed<T> out;
  if (!c.has_errors()) out.value = std::move(value);
  out.errors = c.take_errors();
  return out;
}

// An integer cell; Excel's numeric cells may read as "3.0".
inline std::optional<long> parse_integer(std::string_view v) {
  if (v.size() > 2 && v.substr(v.size() - 2) == ".0") v.remove_suffix(2);
  long out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
  return out;
}

inline std::optional<double> parse_decimal(std::string_view v) {
  double out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(out)) return std::nullopt;
  return out;
}

}  // namespace anju
