#include "store/sql/key_list.h"

namespace anju::sql {

std::string text_array_literal(std::span<const std::string> keys) {
  std::string out = "{";
  for (const std::string& key : keys) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : key) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

}  // namespace anju::sql
