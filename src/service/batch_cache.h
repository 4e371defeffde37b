#pragma once
// What an import's batch look-up (Transaction::find_households(ids) and its
// kin) found, by key, for the rows of one batch: a key asked and not found
// is known to be absent. The sink keeps it true while it writes.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"

namespace anju {

template <class V>
class BatchCache {
 public:
  // Forgets the last batch and asks `fetch(keys)` for this one; `fetch`
  // returns Result<std::vector<std::pair<std::string, V>>>.
  template <class Fetch>
  Result<void> load(std::vector<std::string> keys, Fetch&& fetch) {
    found_.clear();
    std::erase(keys, std::string());
    for (const std::string& k : keys) found_.emplace(k, std::nullopt);
    if (keys.empty()) return {};
    auto got = fetch(keys);
    if (!got) return got.error();
    for (auto& [k, v] : *got) found_[k] = std::move(v);
    return {};
  }
  // The answer for `key`, or nullptr when the batch did not ask for it.
  const std::optional<V>* find(std::string_view key) const {
    auto it = found_.find(std::string(key));
    return it == found_.end() ? nullptr : &it->second;
  }
  // The answer for `key`, from the batch or else from `single()` (which
  // returns Result<std::optional<V>>), for a key the batch did not name.
  template <class Single>
  Result<std::optional<V>> get(std::string_view key, Single&& single) const {
    if (const auto* hit = find(key)) return *hit;
    return single();
  }
  void set(const std::string& key, std::optional<V> value) { found_[key] = std::move(value); }

 private:
  std::unordered_map<std::string, std::optional<V>> found_;
};

// The values of one column of a batch's rows.
template <class Row>
std::vector<std::string> column_values(const std::vector<const Row*>& rows, const char* key) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const Row* r : rows) out.emplace_back(r->get(key));
  return out;
}

// Pairs (key, value) of records a batch look-up found, keyed by `key_of`.
template <class T, class KeyOf>
Result<std::vector<std::pair<std::string, T>>> keyed(Result<std::vector<T>> values, KeyOf key_of) {
  if (!values) return values.error();
  std::vector<std::pair<std::string, T>> out;
  out.reserve(values->size());
  for (T& v : *values) {
    std::string k = key_of(v);
    out.emplace_back(std::move(k), std::move(v));
  }
  return out;
}

}  // namespace anju
