// Field verification through the API on both engines (issue 7): the town
// office assigns, a field worker visits (unchanged: the grade re-confirmed;
// changed: a photo, then an appraisal graded C) and the household's
// judgment follows at once; a field worker sees only its village.
#include "integration/api_fixture.h"

namespace anju::testing {
namespace {

class ApiField : public ApiFixture {
 protected:
  // An active task of village 201 whose household has (or has not) a graded assessment.
  static std::string task_where(bool graded) {
    auto rows = db_->query(std::string(
        "SELECT t.id FROM field_tasks t JOIN judgments j ON j.household_id = t.household_id"
        " WHERE t.region_code = '500229108200' AND t.status = 'open' AND j.grade IS ") +
        (graded ? "NOT NULL" : "NULL") +
        // Not graded: no assessment is its only reason, so an appraisal settles it.
        (graded ? "" : " AND NOT EXISTS (SELECT 1 FROM judgment_reasons r WHERE r.household_id = t.household_id"
                       " AND r.reason <> 'no_assessment')") +
        " ORDER BY t.id LIMIT 1");
    return rows.empty() ? "" : rows[0][0].dump();
  }
  static long version_of(const Client& c, const std::string& task) {
    return c.get("/api/v1/field-tasks/" + task).json()["task"]["version"];
  }
};


TEST_F(ApiField, TheTownAssignsAndAWorkerSeesOnlyItsVillage) {
  const Client town = as("town");
  const json open = town.get("/api/v1/field-tasks?region=500229108200&active=1&page_size=200").json();
  ASSERT_GT(open["total"].get<long>(), 1);
  json refs = json::array();
  for (const auto& t : open["items"]) refs.push_back({{"id", t["id"]}, {"version", t["version"]}});
  Reply assigned = town.send(bh::verb::post, "/api/v1/field-tasks/assign",
                             json{{"tasks", refs}, {"assignee", "worker200"}, {"due_on", "2026-12-31"}}.dump());
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  // The same versions again are stale now.
  EXPECT_EQ(town.send(bh::verb::post, "/api/v1/field-tasks/assign",
                      json{{"tasks", refs}, {"assignee", "worker200"}}.dump()).status, 409);
  // Only a field worker of the task's village can be given it.
  const json one = town.get("/api/v1/field-tasks/" + task_).json()["task"];
  EXPECT_EQ(town.send(bh::verb::post, "/api/v1/field-tasks/assign",
                      json{{"tasks", {{{"id", one["id"]}, {"version", one["version"]}}}}, {"assignee", "clerk200"}}.dump())
                .status, 400);

  const Client worker = as("worker200");
  // People read the field worker's name, not the login.
  ASSERT_EQ(db_->exec("UPDATE users SET display_name = '张队员' WHERE name = 'worker200'"), "");
  const json mine = worker.get("/api/v1/field-tasks?mine=1&page_size=200").json();
  EXPECT_EQ(mine["total"], open["total"]);
  for (const auto& t : mine["items"]) {
    EXPECT_EQ(t["assignee"], "worker200");
    EXPECT_EQ(t["assignee_name"], "张队员");
    EXPECT_EQ(t["due_on"], "2026-12-31");
  }
  const json one_task = worker.get("/api/v1/field-tasks/" + std::to_string(mine["items"][0]["id"].get<long>())).json();
  EXPECT_EQ(one_task["task"]["assignee_name"], "张队员");
  ASSERT_EQ(db_->exec("UPDATE users SET display_name = '' WHERE name = 'worker200'"), "");
  auto other = db_->query("SELECT min(id) FROM field_tasks WHERE region_code = '500229108204'");
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(worker.get("/api/v1/field-tasks/" + other[0][0].dump()).status, 404);
  EXPECT_EQ(worker.get("/api/v1/field-tasks?region=500229108204").status, 404);
  EXPECT_EQ(worker.send(bh::verb::post, "/api/v1/field-tasks/assign", json{{"tasks", refs}, {"assignee", ""}}.dump())
                .status, 403);
  const json progress = town.get("/api/v1/field-progress?by=assignee").json();
  bool found = false;
  for (const auto& p : progress["items"]) found = found || (p["key"] == "worker200" && p["open"].get<long>() > 0);
  EXPECT_TRUE(found) << progress.dump();
  const json towns = as("county").get("/api/v1/field-progress?by=child").json();
  ASSERT_EQ(towns["items"].size(), 1u) << "the county's one town with tasks";
  EXPECT_EQ(towns["items"][0]["key"], "500229108000");
  EXPECT_EQ(as("county").get("/api/v1/field-progress?by=nonsense").status, 400);
}

// One parser for every id in a path (RouteContext::id_param): "12abc"
// once read as task 12 through std::stol.
TEST_F(ApiField, APathIdIsTheIdAsWrittenOrNoId) {
  const Client town = as("town");
  ASSERT_EQ(town.get("/api/v1/field-tasks/" + task_).status, 200);
  for (const std::string& spelling :
       {task_ + "abc", "+" + task_, "0" + task_, task_ + ".0", "-" + task_,
        std::string("99999999999999999999"), std::string("0")})
    EXPECT_EQ(town.get("/api/v1/field-tasks/" + spelling).status, 404) << spelling;
  EXPECT_EQ(town.get("/api/v1/jobs/1x").status, 404);
  EXPECT_EQ(town.get("/api/v1/renovations/1x").status, 404);
}

TEST_F(ApiField, AnUnchangedVisitReconfirmsTheLatestGrade) {
  const std::string task = task_where(true);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  const json before = worker.get("/api/v1/field-tasks/" + task).json();
  const std::string household = before["task"]["household_id"];
  EXPECT_NE(before["household"]["head_id_number"].get<std::string>().find("****"), std::string::npos);
  const std::string phone = before["household"]["phone"];
  EXPECT_TRUE(phone.empty() || phone.find("****") != std::string::npos) << "masked: " << phone;
  Reply visit = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits",
                            json{{"version", before["task"]["version"]}, {"visited_on", "2026-11-20"},
                                 {"outcome", "unchanged"}, {"lon", 108.6}, {"lat", 31.8}, {"gps_source", "device"},
                                 {"people_met", "户主本人"}, {"notes", "房屋无新增裂缝"}}
                                .dump());
  ASSERT_EQ(visit.status, 200) << visit.body;
  EXPECT_EQ(visit.json()["task"]["status"], "closed");
  const json after = worker.get("/api/v1/field-tasks/" + task).json();
  ASSERT_EQ(after["visits"].size(), 1u);
  EXPECT_EQ(after["visits"][0]["people_met"], "户主本人");
  const std::string evidence = after["visits"][0]["evidence_id"];
  EXPECT_FALSE(evidence.empty());
  // The household now has `field` evidence, and the judgment was made from it.
  const json detail = worker.get("/api/v1/households/" + household).json();
  bool field = false;
  for (const auto& e : detail["evidence"]) field = field || (e["source"] == "field" && e["evidence_id"] == evidence);
  EXPECT_TRUE(field);
  EXPECT_EQ(detail["judgment"]["evidence_id"], evidence);
  // A closed task takes no second visit.
  EXPECT_EQ(worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits",
                        json{{"version", after["task"]["version"]}, {"visited_on", "2026-11-20"}, {"outcome", "changed"}}
                            .dump()).status, 400);
}

TEST_F(ApiField, AChangedHouseGetsAPhotoAndAnAppraisalGradedC) {
  const std::string task = task_where(false);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  json t = worker.get("/api/v1/field-tasks/" + task).json()["task"];
  const std::string household = t["household_id"];
  // Nothing graded to re-confirm: "unchanged" is refused with a reason.
  Reply refused = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits",
                              json{{"version", t["version"]}, {"visited_on", "2026-11-20"}, {"outcome", "unchanged"}}.dump());
  EXPECT_EQ(refused.status, 400);
  Reply visit = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits",
                            json{{"version", t["version"]}, {"visited_on", "2026-11-20"}, {"outcome", "no_prior"}}.dump());
  ASSERT_EQ(visit.status, 200) << visit.body;
  EXPECT_EQ(visit.json()["task"]["status"], "visited");

  Reply photo = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/attachments?kind=photo&file_name=east.png",
                            tiny_png());
  ASSERT_EQ(photo.status, 201) << photo.body;
  const json a = photo.json()["attachment"];
  EXPECT_EQ(a["mime"], "image/png");
  Reply thumb = worker.get(a["thumb_url"].get<std::string>());
  EXPECT_EQ(thumb.status, 200);
  EXPECT_EQ(thumb.content_type, "image/jpeg");
  EXPECT_EQ(thumb.body.substr(0, 2), "\xFF\xD8");
  EXPECT_EQ(worker.get(a["url"].get<std::string>()).body.size(), tiny_png().size());
  EXPECT_EQ(as("clerk204").get(a["url"].get<std::string>()).status, 404) << "another village's photo";
  EXPECT_EQ(worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/attachments?kind=photo&file_name=x.jpg",
                        "GIF89a not allowed").status, 400);

  t = worker.get("/api/v1/field-tasks/" + task).json()["task"];
  json appraisal = {{"version", t["version"]}, {"site_dangerous", false}, {"prevention", "partial"},
                    {"method", "technical"}, {"appraiser", "高燕镇村镇建设服务中心"}, {"appraised_on", "2026-11-21"},
                    {"parts", {{{"part", "foundation"}, {"grade", "a"}}, {{"part", "walls"}, {"grade", "c"}},
                               {{"part", "timber_truss"}, {"grade", nullptr}}, {{"part", "roof"}, {"grade", "b"}}}}};
  json without_reason = appraisal;
  without_reason["override_grade"] = "B";
  Reply overridden = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/appraisals", without_reason.dump());
  EXPECT_EQ(overridden.status, 400) << "an override needs its reason";
  Reply done = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/appraisals", appraisal.dump());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["task"]["status"], "closed");
  EXPECT_EQ(done.json()["judgment"]["result"], "unsafe");
  EXPECT_EQ(done.json()["judgment"]["grade"], "C");
  const json detail = worker.get("/api/v1/households/" + household).json();
  EXPECT_EQ(detail["judgment"]["result"], "unsafe");
  EXPECT_EQ(detail["judgment"]["evidence_source"], "appraisal");
  const json saved = worker.get("/api/v1/field-tasks/" + task).json();
  ASSERT_EQ(saved["appraisals"].size(), 1u);
  EXPECT_EQ(saved["appraisals"][0]["computed_grade"], "C");
  EXPECT_EQ(saved["appraisals"][0]["prevention_name"], "部分具备");
  const json audit = as("admin").get("/api/v1/audit?object_type=field_task&object_id=" + task).json();
  EXPECT_GE(audit["total"].get<long>(), 3) << "visit, photo and appraisal are on record";
}

TEST_F(ApiField, TheCountyDrawsTheSameSampleTwiceWithTheSameSeed) {
  const Client county = as("county");
  const std::string body = R"({"county_code":"500229000000","count":5,"seed":77,"dry_run":true})";
  Reply a = county.send(bh::verb::post, "/api/v1/samples", body);
  Reply b = county.send(bh::verb::post, "/api/v1/samples", body);
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.json()["households"], b.json()["households"]);
  Reply kept = county.send(bh::verb::post, "/api/v1/samples", R"({"county_code":"500229000000","count":5,"seed":77})");
  ASSERT_EQ(kept.status, 201) << kept.body;
  EXPECT_EQ(kept.json()["households"], a.json()["households"]);
  const json sampled = county.get("/api/v1/field-tasks?active=1&page_size=200").json();
  long tagged = 0;
  for (const auto& t : sampled["items"]) tagged += t["origin"] == "sample";
  EXPECT_GE(tagged, 5);
  EXPECT_EQ(as("town").send(bh::verb::post, "/api/v1/samples", body).status, 403);
}

// A sub-resource write checks the rule of its parent: a photo goes onto a
// task only for whoever may record its visit (not another field worker).
TEST_F(ApiField, AnotherWorkersTaskTakesNoPhotoFromMe) {
  const Client town = as("town");
  const json open = town.get("/api/v1/field-tasks?region=500229108200&active=1&page_size=1").json();
  ASSERT_GT(open["total"].get<long>(), 0);
  json t = open["items"][0];
  if (t["assignee"].is_null() || t["assignee"] == "") {
    Reply assigned = town.send(bh::verb::post, "/api/v1/field-tasks/assign",
                               json{{"tasks", {{{"id", t["id"]}, {"version", t["version"]}}}}, {"assignee", "worker200"}}.dump());
    ASSERT_EQ(assigned.status, 200) << assigned.body;
  }
  const std::string task = t["id"].dump();
  const json before = as("worker200").get("/api/v1/field-tasks/" + task).json();
  ASSERT_EQ(before["task"]["assignee"], "worker200");
  Reply photo = as("worker200b").send(bh::verb::post, "/api/v1/field-tasks/" + task + "/attachments?kind=photo&file_name=x.png",
                                      tiny_png());
  EXPECT_EQ(photo.status, 403) << photo.body;
  const json after = as("worker200").get("/api/v1/field-tasks/" + task).json();
  EXPECT_EQ(after["attachments"].size(), before["attachments"].size()) << "nothing was attached";
}

}  // namespace
}  // namespace anju::testing
