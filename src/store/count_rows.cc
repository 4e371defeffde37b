#include "store/count_rows.h"

#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "store/row_codec.h"

namespace anju {

std::vector<CountRow> pack_count_rows(const std::vector<CountCell>& cells) {
  std::vector<CountRow> out;
  nlohmann::json counts = nlohmann::json::object();
  const auto flush = [&] {
    if (!out.empty()) out.back().counts = counts.dump();
    counts = nlohmann::json::object();
  };
  for (const CountCell& c : cells) {
    if (out.empty() || out.back().region_code != c.region_code || out.back().leaf != c.leaf) {
      flush();
      out.push_back(CountRow{c.region_code, c.leaf, c.parent_code, ""});
    }
    counts[c.dimension][c.key] = c.n;
  }
  flush();
  return out;
}

std::vector<CountCell> unpack_count_row(const CountRow& row) {
  std::vector<CountCell> out;
  const nlohmann::json counts = nlohmann::json::parse(row.counts, nullptr, false);
  if (!counts.is_object()) throw UnreadableValue("region_counts.counts", row.counts);
  for (const auto& [dimension, keys] : counts.items()) {
    if (!keys.is_object()) throw UnreadableValue("region_counts.counts", row.counts);
    for (const auto& [key, n] : keys.items()) {
      if (!n.is_number_integer()) throw UnreadableValue("region_counts.counts", row.counts);
      out.push_back(CountCell{row.region_code, row.parent_code, row.leaf, dimension, key, n.get<long>()});
    }
  }
  return out;
}

CountRowChanges diff_count_rows(std::vector<CountRow> stored, std::vector<CountRow> wanted) {
  std::map<std::pair<std::string, bool>, CountRow> left;
  for (CountRow& r : stored) {
    auto key = std::make_pair(r.region_code, r.leaf);
    left.insert_or_assign(std::move(key), std::move(r));
  }
  CountRowChanges out;
  for (CountRow& w : wanted) {
    auto it = left.find({w.region_code, w.leaf});
    if (it == left.end()) {
      out.put.push_back(std::move(w));
      continue;
    }
    if (!(it->second == w)) out.put.push_back(std::move(w));
    left.erase(it);
  }
  for (auto& [key, row] : left) out.remove.push_back(std::move(row));
  return out;
}

}  // namespace anju
