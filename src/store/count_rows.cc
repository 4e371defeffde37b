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

std::vector<CountRow> add_count_deltas(std::vector<CountRow> rows, const std::vector<CountRow>& deltas) {
  if (deltas.empty()) return rows;
  // (region, own row first) → its parent and cells, in the rows' order.
  struct Sums {
    std::string parent_code;
    std::map<std::pair<std::string, std::string>, long> cells;  // (dimension, key) → n
  };
  std::map<std::pair<std::string, bool>, Sums> merged;
  auto add = [&](const CountRow& row, bool leaf) {
    Sums& sums = merged[{row.region_code, !leaf}];
    if (sums.parent_code.empty()) sums.parent_code = row.parent_code;
    for (const CountCell& c : unpack_count_row(row)) sums.cells[{c.dimension, c.key}] += c.n;
  };
  for (const CountRow& row : rows) add(row, row.leaf);
  for (const CountRow& delta : deltas) add(delta, false);
  std::vector<CountCell> cells;
  for (const auto& [key, sums] : merged)
    for (const auto& [cell, n] : sums.cells)
      if (n != 0) cells.push_back(CountCell{key.first, sums.parent_code, !key.second, cell.first, cell.second, n});
  return pack_count_rows(cells);
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
