#include "core/sampler.h"

#include <algorithm>
#include <cmath>

#include "core/rng.h"

namespace anju {

std::map<std::string, long> allocate_sample(const std::vector<TownFrame>& towns, long n) {
  std::map<std::string, long> quota;
  std::map<std::string, long> room;
  for (const TownFrame& t : towns) {
    quota[t.town_code] = 0;
    room[t.town_code] = static_cast<long>(t.eligible.size());
  }
  long left = n;
  // Each round shares what is left among the towns that still have room.
  while (left > 0) {
    double weight = 0;
    for (const TownFrame& t : towns)
      if (room[t.town_code] > 0) weight += static_cast<double>(std::max(t.households, 1L));
    if (weight == 0) break;
    struct Share {
      std::string code;
      long whole;
      double rest;
    };
    std::vector<Share> shares;
    long given = 0;
    for (const TownFrame& t : towns) {
      if (room[t.town_code] == 0) continue;
      const double exact = static_cast<double>(left) * static_cast<double>(std::max(t.households, 1L)) / weight;
      const long whole = std::min(static_cast<long>(std::floor(exact)), room[t.town_code]);
      shares.push_back({t.town_code, whole, exact - std::floor(exact)});
      given += whole;
    }
    std::stable_sort(shares.begin(), shares.end(), [](const Share& a, const Share& b) {
      return a.rest != b.rest ? a.rest > b.rest : a.code < b.code;
    });
    for (Share& s : shares)
      if (given < left && s.whole < room[s.code]) {
        ++s.whole;
        ++given;
      }
    if (given == 0) break;
    for (const Share& s : shares) {
      quota[s.code] += s.whole;
      room[s.code] -= s.whole;
    }
    left -= given;
  }
  return quota;
}

Result<std::vector<std::string>> draw_sample(std::vector<TownFrame> towns, long n, uint64_t seed) {
  if (n < 1) return make_error(ErrorCode::invalid, "抽查户数至少为 1");
  long eligible = 0;
  for (const TownFrame& t : towns) eligible += static_cast<long>(t.eligible.size());
  if (eligible < n)
    return make_error(ErrorCode::invalid, "可抽查的农户只有 " + std::to_string(eligible) + " 户（已在核实中的不再抽取），少于要抽的 " +
                                              std::to_string(n) + " 户");
  std::sort(towns.begin(), towns.end(), [](const TownFrame& a, const TownFrame& b) { return a.town_code < b.town_code; });
  const auto quota = allocate_sample(towns, n);
  Rng rng(seed);
  std::vector<std::string> out;
  for (TownFrame& t : towns) {
    std::sort(t.eligible.begin(), t.eligible.end());
    const long k = quota.at(t.town_code);
    for (long i = 0; i < k; ++i) {
      const size_t j = static_cast<size_t>(i) + static_cast<size_t>(rng.below(t.eligible.size() - static_cast<size_t>(i)));
      std::swap(t.eligible[static_cast<size_t>(i)], t.eligible[j]);
      out.push_back(t.eligible[static_cast<size_t>(i)]);
    }
  }
  return out;
}

Result<long> sample_size_for_share(long households, double share) {
  if (!(share > 0 && share <= 1)) return make_error(ErrorCode::invalid, "抽查比例应大于 0 且不超过 1（如 0.05 表示 5%）");
  return std::max(1L, static_cast<long>(std::ceil(share * static_cast<double>(households) - 1e-9)));
}

}  // namespace anju
