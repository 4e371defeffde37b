#include "store/row_codec.h"

#include <nlohmann/json.hpp>

namespace anju {

std::string extras_to_json(const Extras& extras) {
  if (extras.empty()) return "{}";
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [k, v] : extras) j[k] = v;
  return j.dump();
}

Extras extras_from_json(std::string_view json) {
  Extras out;
  if (json == "{}") return out;  // the common case, without a parse
  auto j = nlohmann::ordered_json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) throw UnreadableValue("extras", json);
  for (const auto& [k, v] : j.items()) {
    if (!v.is_string()) throw UnreadableValue("extras", json);
    out.emplace_back(k, v.get<std::string>());
  }
  return out;
}

}  // namespace anju
