// The clerk's day through the API, against a real `anju serve` on both
// engines: 待办 counted as the lists it opens count, an import's rejected
// rows waiting until redone, and an office setting its own campaign.
#include <map>

#include "integration/api_fixture.h"

namespace anju::testing {
namespace {

class ApiDay : public ApiFixture {};

// 待办: each role's first screen says what waits for it, counted as the
// list it opens counts it.
TEST_F(ApiDay, EachRoleSeesWhatWaitsForItCountedAsItsListCountsIt) {
  auto todo = [&](const Client& c) {
    std::map<std::string, json> by_kind;
    const json answer = c.get("/api/v1/todo").json();
    for (const auto& item : answer["items"]) by_kind[item["kind"].get<std::string>()] = item;
    return by_kind;
  };
  const Client county = as("county");
  auto mine = todo(county);
  ASSERT_TRUE(mine.count("records_to_review"));
  EXPECT_EQ(mine["records_to_review"]["state"], "town_approved");
  EXPECT_EQ(mine["records_to_review"]["count"],
            county.get("/api/v1/records?state=town_approved&page_size=1").json()["total"]);
  EXPECT_EQ(mine["changes_to_decide"]["state"], "submitted");
  EXPECT_FALSE(mine.count("records_returned")) << "a county does not fill records";

  const Client clerk = as("clerk200");
  auto clerks = todo(clerk);
  ASSERT_TRUE(clerks.count("records_returned"));
  EXPECT_EQ(clerks["records_returned"]["count"],
            clerk.get("/api/v1/records?state=returned&page_size=1").json()["total"]);
  EXPECT_FALSE(clerks.count("records_to_review"));

  const Client worker = as("worker200");
  auto workers = todo(worker);
  ASSERT_TRUE(workers.count("tasks_open"));
  auto open = db_->query("SELECT count(*) FROM field_tasks WHERE assignee = 'worker200' AND status IN ('open', 'visited')");
  EXPECT_EQ(workers["tasks_open"]["count"], open[0][0]);
  EXPECT_TRUE(workers.count("tasks_overdue"));
}

// 待办 counts the office's imports that rejected rows until a clean import
// of the same kind follows (the corrected file).
TEST_F(ApiDay, AnImportWithRejectedRowsWaitsInTheTodoListUntilRedoneClean) {
  const Client town = as("town");
  auto waiting = [&] {
    const json answer = town.get("/api/v1/todo").json();
    for (const auto& item : answer["items"])
      if (item["kind"] == "imports_with_errors") return item["count"].get<long>();
    ADD_FAILURE() << "no imports_with_errors item: " << answer.dump();
    return -1L;
  };
  auto upload = [&](const std::string& name, const std::string& csv) {
    Reply posted = town.send(bh::verb::post, "/api/v1/imports?kind=households&file_name=" + name, csv,
                             {{"Content-Type", "text/csv"}});
    EXPECT_EQ(posted.status, 202) << posted.body;
    return wait_for_job(town, posted.json()["job"]["id"])["id"].get<long>();
  };
  const std::string head = "户编号,户主姓名,户主身份证号,家庭人口数,区划代码,户类型\n";
  const std::string good = "5002291082009931,新户丙,500229197503030038,2,500229108200,脱贫户\n";
  const std::string bad = "5002291082009932,新户丁,500229197503030031,2,500229108200,脱贫户\n";
  const long before = waiting();
  const long first = upload("roster.csv", head + good + bad);
  const long with_errors = waiting();
  EXPECT_EQ(with_errors, before + 1);
  // The import page lists what 待办 counts.
  const json pending = town.get("/api/v1/jobs?errors=pending").json();
  EXPECT_EQ(static_cast<long>(pending["items"].size()), with_errors);
  EXPECT_EQ(pending["items"][0]["id"], first);
  EXPECT_EQ(town.get("/api/v1/jobs?errors=all").status, 400);
  // Another file going in clean does not mend this one.
  upload("other.csv", head + good);
  EXPECT_EQ(waiting(), with_errors);
  // The corrected file under its name does.
  upload("roster.csv", head + good);
  EXPECT_EQ(waiting(), with_errors - 1);
  // So does the import's error workbook, corrected, under the name it downloads with.
  const long second = upload("roster.csv", head + bad);
  EXPECT_EQ(waiting(), with_errors);
  upload("农户花名册导入错误_任务" + std::to_string(second) + ".csv", head + good);
  EXPECT_EQ(waiting(), with_errors - 1);
  // A role that does not import has no such item.
  const json clerks = as("clerk200").get("/api/v1/todo").json();
  for (const auto& item : clerks["items"]) EXPECT_NE(item["kind"], "imports_with_errors");
}

// A town office sets its own campaign in the web app: the town is judged
// again by it at once, the answer says how many households; removing it
// goes back to the county's (issue: region-scoped runs, item 3).
TEST_F(ApiDay, ATownOfficeSetsItsOwnCampaignAndItsHouseholdsAreJudgedAgain) {
  const Client town = as("town");
  json inherited = town.get("/api/v1/campaign").json();
  ASSERT_EQ(inherited["region_code"], "500229108000") << inherited.dump();
  EXPECT_FALSE(inherited["own"].get<bool>());
  json form = inherited["campaign"];
  form["name"] = "坪坝镇回头看";
  form["window_end"] = "2027-01-31";
  form["version"] = 0;
  const Reply set = town.send(bh::verb::put, "/api/v1/campaign?region=500229108000", form.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  const json now = set.json();
  EXPECT_TRUE(now["own"].get<bool>());
  EXPECT_EQ(now["campaign"]["window_end"], "2027-01-31");
  auto households = db_->query("SELECT count(*) FROM households WHERE region_code LIKE '500229108%'");
  EXPECT_EQ(now["judged"]["households"], households[0][0]) << "the town's households, no others";
  auto used = db_->query("SELECT count(*) FROM judgments WHERE campaign_id = " + now["campaign"]["id"].dump());
  EXPECT_EQ(used[0][0], households[0][0]);

  // The county sees the town's among those set inside it; a clerk reads
  // the one the village follows, and may not change it.
  json county = as("county").get("/api/v1/campaign").json();
  ASSERT_EQ(county["inside"].size(), 1U) << county.dump();
  EXPECT_EQ(county["inside"][0]["region_code"], "500229108000");
  const Client clerk = as("clerk200");
  EXPECT_EQ(clerk.get("/api/v1/campaign").json()["campaign"]["name"], "坪坝镇回头看");
  EXPECT_EQ(clerk.send(bh::verb::put, "/api/v1/campaign?region=500229108000", form.dump()).status, 404);
  // A wrong type names the field; nothing changes.
  json wrong = now["campaign"];
  wrong["aging_year"] = "1980";
  const Reply refused = town.send(bh::verb::put, "/api/v1/campaign", wrong.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("aging_year"), std::string::npos) << refused.body;
  // What an acceptance needs uploaded: the photo and the form by default;
  // an unknown paper names the field; the county decides it, a town cannot
  // lower it; a body without the field keeps it.
  EXPECT_EQ(now["campaign"]["acceptance_papers"], json({"acceptance_photo", "acceptance"}));
  json papers = now["campaign"];
  papers["acceptance_papers"] = {"acceptance_photo", "receipt"};
  const Reply unknown = town.send(bh::verb::put, "/api/v1/campaign?region=500229108000", papers.dump());
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("acceptance_papers"), std::string::npos) << unknown.body;
  papers["acceptance_papers"] = {"acceptance"};
  const Reply lower = town.send(bh::verb::put, "/api/v1/campaign?region=500229108000", papers.dump());
  EXPECT_EQ(lower.status, 400);
  EXPECT_NE(lower.body.find("县级"), std::string::npos) << lower.body;
  papers.erase("acceptance_papers");
  papers["name"] = "坪坝镇回头看（二）";
  const Reply kept = town.send(bh::verb::put, "/api/v1/campaign?region=500229108000", papers.dump());
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(kept.json()["campaign"]["acceptance_papers"], json({"acceptance_photo", "acceptance"}));
  EXPECT_EQ(kept.json()["judged"], nullptr) << "a name does not change a judgment";

  const Reply removed = town.send(
      bh::verb::delete_, "/api/v1/campaign?region=500229108000&version=" + kept.json()["campaign"]["version"].dump());
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_FALSE(removed.json()["own"].get<bool>());
  auto back = db_->query("SELECT count(*) FROM judgments WHERE campaign_id = " + now["campaign"]["id"].dump());
  EXPECT_EQ(back[0][0], 0);
}

}  // namespace
}  // namespace anju::testing
