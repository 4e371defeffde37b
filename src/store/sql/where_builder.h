#pragma once
// A WHERE clause put together from the filters a request sets, with its
// values bound as parameters in order (never spliced into the SQL). Each
// combination of filters is its own statement text, prepared once per
// connection, so both engines plan it with the indexes it can use.

#include <string>
#include <variant>
#include <vector>

#include "store/sql/sql_db.h"

namespace anju::sql {

class WhereBuilder {
 public:
  // Adds `condition`, in which every "?" stands for the next value.
  template <class... V>
  WhereBuilder& add(std::string_view condition, V&&... values) {
    std::string c;
    for (char ch : condition) {
      if (ch == '?') c += "?" + std::to_string(++count_);
      else c += ch;
    }
    (values_.emplace_back(std::forward<V>(values)), ...);
    clauses_ += (clauses_.empty() ? " WHERE " : " AND ") + c;
    return *this;
  }
  // "?N" for one more value that the caller places itself (LIMIT, OFFSET).
  std::string placeholder(std::variant<std::string, long> value) {
    values_.push_back(std::move(value));
    return "?" + std::to_string(++count_);
  }
  // A LIKE pattern (with ESCAPE '\\') that finds `text` anywhere: its own
  // % and _ stand for themselves.
  static std::string anywhere(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
      if (c == '%' || c == '_' || c == '\\') out += '\\';
      out += c;
    }
    return out + "%";
  }
  // Adds a condition whose values were placed with placeholder().
  WhereBuilder& add_placed(std::string_view condition) {
    clauses_ += (clauses_.empty() ? " WHERE " : " AND ") + std::string(condition);
    return *this;
  }
  const std::string& sql() const { return clauses_; }
  void bind(Statement& s) const {
    for (size_t i = 0; i < values_.size(); ++i)
      std::visit([&](const auto& v) { s.bind(static_cast<int>(i + 1), v); }, values_[i]);
  }

 private:
  std::string clauses_;
  std::vector<std::variant<std::string, long>> values_;
  int count_ = 0;
};

}  // namespace anju::sql
