// Writers of one town at once (issue 26): on PostgreSQL a visit re-judges
// its household and moves the counts rows of its village, town, county and
// above, so two visits at once often lose a race (a serialization
// failure). That changed nothing and is no client's concern: the server
// runs the request again, and each visit is answered 200 and kept once.
// On SQLite the writers take turns. Both engines.
#include <atomic>
#include <mutex>
#include <thread>

#include "integration/api_fixture.h"

namespace anju::testing {
namespace {

class ApiRace : public ApiFixture {};

TEST_F(ApiRace, VisitsOfOneTownAtOnceAreAllAnsweredAndKept) {
  constexpr int kWriters = 4, kVisits = 5;
  const auto rows = db_->query(
      "SELECT t.id, CASE WHEN j.grade IS NULL THEN 'no_prior' ELSE 'unchanged' END FROM field_tasks t"
      " JOIN judgments j ON j.household_id = t.household_id WHERE t.status = 'open' AND t.region_code LIKE '500229108%'"
      " ORDER BY t.id LIMIT " + std::to_string(kWriters * kVisits));
  ASSERT_EQ(rows.size(), static_cast<size_t>(kWriters * kVisits));
  const Client town = as("town");
  std::atomic<int> answered{0};
  std::vector<std::string> refusals;
  std::mutex refused;
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      for (int i = w; i < kWriters * kVisits; i += kWriters) {
        const std::string task = rows[i][0].dump();
        const long version = town.get("/api/v1/field-tasks/" + task).json()["task"]["version"];
        const json body = {{"version", version}, {"visited_on", "2026-11-20"}, {"outcome", rows[i][1]},
                           {"notes", "同时核实"}};
        Reply r = town.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body.dump());
        if (r.status == 200) {
          ++answered;
          continue;
        }
        std::lock_guard lock(refused);
        refusals.push_back("task " + task + ": " + std::to_string(r.status) + " " + r.body);
      }
    });
  for (auto& w : writers) w.join();
  EXPECT_TRUE(refusals.empty()) << refusals.size() << " refused, the first: " << (refusals.empty() ? "" : refusals.front());
  EXPECT_EQ(answered, kWriters * kVisits);
  std::string ids;
  for (const auto& row : rows) ids += (ids.empty() ? "" : ",") + row[0].dump();
  EXPECT_EQ(db_->query("SELECT count(*) FROM visits WHERE task_id IN (" + ids + ")")[0][0].get<long>(),
            kWriters * kVisits);
}

}  // namespace
}  // namespace anju::testing
