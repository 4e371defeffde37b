// What a page of 50 households costs to turn into the API's JSON (the
// busiest answer of bench/api.sh), against a reference in the same run: the
// same values appended to a string with no structure (a floor for any
// writer). Run: build/bench/list_page_bench
#include <benchmark/benchmark.h>

#include "http/api_json.h"
#include "http/http_types.h"

namespace {

using namespace anju;

std::vector<HouseholdListRow> page_rows() {
  std::vector<HouseholdListRow> rows;
  for (int i = 0; i < 50; ++i) {
    HouseholdListRow r;
    Household& h = r.household;
    h.household_id = "50022910820100" + std::to_string(10 + i);
    h.head_name = "黄志贵";
    h.head_id_number = "500229********6630";
    h.members = 3;
    h.region_code = "500229108201";
    h.address = "高燕镇来凤村3组37号";
    h.phone = "179****5001";
    h.category = Category::lifted;
    h.source = RosterSource::poverty_registry;
    h.lon = 108.56003;
    h.lat = 31.878904;
    r.version = 1;
    r.match_outcome = MatchOutcome::by_location;
    r.matched_parcel = "500229108201-00042-1";
    r.result = JudgeResult::verify;
    r.reasons = {Reason::changed_since_assessment, Reason::aging};
    r.grade = Grade::B;
    rows.push_back(std::move(r));
  }
  return rows;
}

void BM_ListPageJson(benchmark::State& state) {
  const auto rows = page_rows();
  http::Request req;
  size_t bytes = 0;
  for (auto _ : state) {
    std::string body;
    http::JsonWriter w(body);
    w.begin_object().key("items").begin_array();
    for (const auto& row : rows) http::write_household_row(w, row);
    w.end_array().key("total").value(1000L).end_object();
    bytes = body.size();
    benchmark::DoNotOptimize(body);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ListPageJson);

void BM_ReferenceAppendValues(benchmark::State& state) {
  const auto rows = page_rows();
  for (auto _ : state) {
    std::string out;
    out.reserve(48 * 1024);
    for (const auto& r : rows) {
      const Household& h = r.household;
      for (const std::string* s : {&h.household_id, &h.head_name, &h.head_id_number, &h.region_code, &h.address,
                                   &h.phone, &r.matched_parcel})
        out.append(*s);
      out.append(std::to_string(h.members)).append(std::to_string(*h.lon)).append(std::to_string(*h.lat));
    }
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_ReferenceAppendValues);

}  // namespace

BENCHMARK_MAIN();
