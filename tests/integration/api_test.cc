// The API against a real `anju serve` on a loopback port, with a generated
// town (Chongqing) and one household and building in another province
// (Sichuan), users of every role, and on both engines:
// - the role × route × in/out-of-region matrix, generated from the route
//   table, so a new route cannot be forgotten;
// - a village clerk cannot reach another village by any URL;
// - lists, masking and audited full ID numbers, a stale version's 409,
//   uploads with row errors (and their workbook), jobs run to completion,
//   idle sessions.
#include <gtest/gtest.h>

#include <set>

#include "core/access.h"
#include "http/router.h"
#include "integration/api_fixture.h"

namespace anju::testing {
namespace {

using http::Route;
using http::api_routes;
using http::RouteScope;

// Who may do what (DOMAIN.md §8), written out here independently of
// core/access.cc so that the matrix checks the rules, not just the code.
const std::map<Action, std::set<std::string>> kMay = {
    {Action::read, {"admin", "city", "county", "town", "leader", "clerk200", "worker200"}},
    {Action::manual_match, {"admin", "town", "clerk200"}},
    {Action::import_data, {"admin", "town"}},
    {Action::run_jobs, {"admin", "town"}},
    {Action::read_audit, {"admin"}},
    {Action::manage_users, {"admin"}},
    {Action::export_lists, {"admin", "city", "county", "town", "leader", "clerk200"}},
    {Action::draw_samples, {"admin", "county"}},
    {Action::assign_tasks, {"admin", "town"}},
    {Action::field_work, {"admin", "town", "worker200"}},
    {Action::fill_records, {"admin", "town", "clerk200"}},
    {Action::review_records, {"admin", "county", "town"}},
    {Action::decide_changes, {"admin", "city", "county"}},
    {Action::keep_ledger, {"admin", "town"}},
    {Action::draft_renovations, {"admin", "town", "clerk200"}},
    {Action::renovate, {"admin", "county", "town", "clerk200"}},
    {Action::set_campaign, {"admin", "city", "county", "town"}},
};

class Api : public ApiFixture {};

// --- the matrix ---------------------------------------------------------------

struct Cell {
  std::string target;
  std::string body;
};

constexpr const char* kStaleCampaign =
    R"({"version":999,"name":"x","window_start":"2026-01-01","window_end":"2026-02-01","as_of":null,)"
    R"("cutoff":"2020-01-01","aging_year":1980,"aging_age_years":3,"aging_structures":["earth_wood"],)"
    R"("ledger_deadline":"2026-12-31","acceptance_papers":["acceptance_photo","acceptance"]})";

constexpr const char* kStaleAppraisal =
    R"({"version":999,"prevention":"partial","method":"technical","appraised_on":"2026-01-01",)"
    R"("appraiser":"x","parts":[{"part":"walls","grade":"b"}]})";

std::pair<Cell, std::optional<Cell>> stale_record(const std::string& household, const std::string& step) {
  const std::string body = R"({"version":999,"comment":"x"})";
  return {Cell{"/api/v1/records/" + household + "/" + step, body},
          Cell{std::string("/api/v1/records/") + kSichuanHousehold + "/" + step, body}};
}

// How to call each route in and out of the users' regions. Every route of
// the table must be here: a new route fails this test until it is added.
std::optional<std::pair<Cell, std::optional<Cell>>> samples(const Route& r, const std::string& household,
                                                            const std::string& parcel, const std::string& task,
                                                            const std::string& other_task) {
  const std::string key = std::string(bh::to_string(r.method)) + " " + r.pattern;
  const std::string out_region = "?region=510104001001";
  const std::map<std::string, std::pair<Cell, std::optional<Cell>>> table = {
      {"GET /api/v1/codes", {{"/api/v1/codes", ""}, std::nullopt}},
      {"GET /api/v1/field-tasks", {{"/api/v1/field-tasks?region=500229108200", ""},
                                   Cell{"/api/v1/field-tasks" + out_region, ""}}},
      {"POST /api/v1/field-tasks/assign", {{"/api/v1/field-tasks/assign", R"({"tasks":[],"assignee":""})"}, std::nullopt}},
      {"GET /api/v1/field-tasks/{task_id}",
       {{"/api/v1/field-tasks/" + task, ""}, Cell{"/api/v1/field-tasks/" + other_task, ""}}},
      // Stale versions: whoever may write gets 409, nothing changes.
      {"POST /api/v1/field-tasks/{task_id}/cancel",
       {{"/api/v1/field-tasks/" + task + "/cancel", R"({"version":999,"reason":"x"})"},
        Cell{"/api/v1/field-tasks/" + other_task + "/cancel", R"({"version":999,"reason":"x"})"}}},
      {"POST /api/v1/field-tasks/{task_id}/visits",
       {{"/api/v1/field-tasks/" + task + "/visits", R"({"version":999,"visited_on":"2026-01-01","outcome":"unchanged"})"},
        Cell{"/api/v1/field-tasks/" + other_task + "/visits",
             R"({"version":999,"visited_on":"2026-01-01","outcome":"unchanged"})"}}},
      {"POST /api/v1/field-tasks/{task_id}/appraisals",
       {{"/api/v1/field-tasks/" + task + "/appraisals", kStaleAppraisal},
        Cell{"/api/v1/field-tasks/" + other_task + "/appraisals", kStaleAppraisal}}},
      // Not an image: whoever may upload gets 400.
      {"POST /api/v1/field-tasks/{task_id}/attachments",
       {{"/api/v1/field-tasks/" + task + "/attachments?kind=photo&file_name=x.jpg", "not an image"},
        Cell{"/api/v1/field-tasks/" + other_task + "/attachments?kind=photo&file_name=x.jpg", "not an image"}}},
      {"GET /api/v1/attachments/{attachment_id}", {{"/api/v1/attachments/999999", ""}, std::nullopt}},
      // A part of a photo sent in parts: the user's own, no region.
      {"GET /api/v1/uploads/{key}", {{"/api/v1/uploads/matrix-1", ""}, std::nullopt}},
      {"PATCH /api/v1/uploads/{key}", {{"/api/v1/uploads/matrix-2?offset=0", "part"}, std::nullopt}},
      {"GET /api/v1/field-workers", {{"/api/v1/field-workers?region=500229108200", ""},
                                     Cell{"/api/v1/field-workers" + out_region, ""}}},
      {"GET /api/v1/records", {{"/api/v1/records?region=500229108200", ""}, Cell{"/api/v1/records" + out_region, ""}}},
      {"POST /api/v1/records/bulk", {{"/api/v1/records/bulk", R"({"action":"approve","records":[]})"}, std::nullopt}},
      {"GET /api/v1/records/{household_id}",
       {{"/api/v1/records/" + household, ""}, Cell{std::string("/api/v1/records/") + kSichuanHousehold, ""}}},
      // Stale versions: whoever may act gets 409, nothing changes.
      {"PUT /api/v1/records/{household_id}",
       {{"/api/v1/records/" + household, R"({"version":999,"fields":{}})"},
        Cell{std::string("/api/v1/records/") + kSichuanHousehold, R"({"version":999,"fields":{}})"}}},
      {"POST /api/v1/records/{household_id}/submit", stale_record(household, "submit")},
      {"POST /api/v1/records/{household_id}/approve", stale_record(household, "approve")},
      {"POST /api/v1/records/{household_id}/return", stale_record(household, "return")},
      {"POST /api/v1/records/{household_id}/reopen", stale_record(household, "reopen")},
      {"GET /api/v1/change-requests", {{"/api/v1/change-requests?region=500229108200", ""},
                                        Cell{"/api/v1/change-requests" + out_region, ""}}},
      // No date of death: whoever may raise gets 400.
      {"POST /api/v1/change-requests",
       {{"/api/v1/change-requests", json{{"household_id", household}, {"kind", "deceased"}}.dump()},
        Cell{"/api/v1/change-requests", json{{"household_id", kSichuanHousehold}, {"kind", "deceased"}}.dump()}}},
      {"POST /api/v1/change-requests/{change_id}/approve",
       {{"/api/v1/change-requests/999999/approve", R"({"version":1})"}, std::nullopt}},
      {"POST /api/v1/change-requests/{change_id}/reject",
       {{"/api/v1/change-requests/999999/reject", R"({"version":1,"reason":"x"})"}, std::nullopt}},
      {"POST /api/v1/change-requests/{change_id}/attachments",
       {{"/api/v1/change-requests/999999/attachments?file_name=a.png", "x"}, std::nullopt}},
      {"GET /api/v1/change-attachments/{attachment_id}", {{"/api/v1/change-attachments/999999", ""}, std::nullopt}},
      {"GET /api/v1/record-progress", {{"/api/v1/record-progress?region=500229108200", ""},
                                       Cell{"/api/v1/record-progress" + out_region, ""}}},
      {"GET /api/v1/appraisal-parts", {{"/api/v1/appraisal-parts", ""}, std::nullopt}},
      {"GET /api/v1/campaign", {{"/api/v1/campaign?region=500229108200", ""}, Cell{"/api/v1/campaign" + out_region, ""}}},
      {"GET /api/v1/todo", {{"/api/v1/todo", ""}, std::nullopt}},
      // Villages follow their town: whoever may set a campaign gets 400.
      {"PUT /api/v1/campaign",
       {{"/api/v1/campaign?region=500229108200", kStaleCampaign},
        Cell{"/api/v1/campaign?region=510104001000", kStaleCampaign}}},
      {"DELETE /api/v1/campaign",
       {{"/api/v1/campaign?region=500229108200&version=999", ""},
        Cell{"/api/v1/campaign?region=510104001000&version=999", ""}}},
      {"GET /api/v1/field-progress", {{"/api/v1/field-progress?region=500229108200", ""},
                                      Cell{"/api/v1/field-progress" + out_region, ""}}},
      {"POST /api/v1/samples",
       {{"/api/v1/samples", R"({"county_code":"500229000000","count":1,"seed":1,"dry_run":true})"}, std::nullopt}},
      {"GET /api/v1/regions", {{"/api/v1/regions", ""}, std::nullopt}},
      // The division tree is public: a move may lead out of one's region.
      {"GET /api/v1/regions/children", {{"/api/v1/regions/children?parent=500229108000", ""}, std::nullopt}},
      {"GET /api/v1/ledger", {{"/api/v1/ledger?region=500229108200", ""}, Cell{"/api/v1/ledger" + out_region, ""}}},
      {"GET /api/v1/ledger/{household_id}",
       {{"/api/v1/ledger/" + household, ""}, Cell{std::string("/api/v1/ledger/") + kSichuanHousehold, ""}}},
      // Stale versions: whoever may write gets 409 or 400 (not in the ledger).
      {"PUT /api/v1/ledger/{household_id}",
       {{"/api/v1/ledger/" + household, R"({"version":999})"},
        Cell{std::string("/api/v1/ledger/") + kSichuanHousehold, R"({"version":999})"}}},
      {"GET /api/v1/renovations", {{"/api/v1/renovations?region=500229108200", ""},
                                   Cell{"/api/v1/renovations" + out_region, ""}}},
      // Not in the ledger: whoever may apply gets 400.
      {"POST /api/v1/renovations",
       {{"/api/v1/renovations", json{{"household_id", household}}.dump()},
        Cell{"/api/v1/renovations", json{{"household_id", kSichuanHousehold}}.dump()}}},
      {"GET /api/v1/renovations/{renovation_id}", {{"/api/v1/renovations/999999", ""}, std::nullopt}},
      {"PUT /api/v1/renovations/{renovation_id}", {{"/api/v1/renovations/999999", R"({"version":1})"}, std::nullopt}},
      {"POST /api/v1/renovations/{renovation_id}/steps",
       {{"/api/v1/renovations/999999/steps", R"({"version":1,"action":"submit"})"}, std::nullopt}},
      {"POST /api/v1/renovations/{renovation_id}/attachments",
       {{"/api/v1/renovations/999999/attachments?kind=application&file_name=a.png", "x"}, std::nullopt}},
      {"GET /api/v1/renovation-attachments/{attachment_id}",
       {{"/api/v1/renovation-attachments/999999", ""}, std::nullopt}},
      {"GET /api/v1/statistics", {{"/api/v1/statistics?region=500229108200", ""},
                                  Cell{"/api/v1/statistics" + out_region, ""}}},
      // An unknown kind: allowed roles get 400.
      {"POST /api/v1/exports", {{"/api/v1/exports", R"({"kind":"bogus"})"}, std::nullopt}},
      {"GET /api/v1/jobs/{job_id}/file", {{"/api/v1/jobs/999999/file", ""}, std::nullopt}},
      {"GET /api/v1/print/{kind}", {{"/api/v1/print/record?household=" + household, ""},
                                    Cell{std::string("/api/v1/print/record?household=") + kSichuanHousehold, ""}}},
      // A region that is not text: allowed roles get 400, no job starts.
      {"POST /api/v1/prints", {{"/api/v1/prints", R"({"region":5})"}, std::nullopt}},
      {"GET /api/v1/households", {{"/api/v1/households?region=500229108200", ""},
                                  Cell{"/api/v1/households" + out_region, ""}}},
      {"GET /api/v1/households.xlsx", {{"/api/v1/households.xlsx?region=500229108200", ""},
                                       Cell{"/api/v1/households.xlsx" + out_region, ""}}},
      {"GET /api/v1/households/{household_id}/candidates",
       {{"/api/v1/households/" + household + "/candidates", ""},
        Cell{std::string("/api/v1/households/") + kSichuanHousehold + "/candidates", ""}}},
      {"GET /api/v1/households/{household_id}",
       {{"/api/v1/households/" + household, ""}, Cell{std::string("/api/v1/households/") + kSichuanHousehold, ""}}},
      // A choice exists: version 0 and 999 are stale for whoever may write.
      {"PUT /api/v1/households/{household_id}/match",
       {{"/api/v1/households/" + household + "/match", json{{"parcel_id", parcel}, {"version", 0}}.dump()},
        Cell{std::string("/api/v1/households/") + kSichuanHousehold + "/match",
             json{{"parcel_id", kSichuanParcel}, {"version", 0}}.dump()}}},
      {"DELETE /api/v1/households/{household_id}/match",
       {{"/api/v1/households/" + household + "/match?version=999", ""},
        Cell{std::string("/api/v1/households/") + kSichuanHousehold + "/match?version=999", ""}}},
      {"GET /api/v1/buildings", {{"/api/v1/buildings?bbox=108,31,109,32", ""}, std::nullopt}},
      {"GET /api/v1/buildings/{parcel_id}",
       {{"/api/v1/buildings/" + parcel, ""}, Cell{std::string("/api/v1/buildings/") + kSichuanParcel, ""}}},
      {"GET /api/v1/stats", {{"/api/v1/stats?region=500229108200&by=reason", ""},
                             Cell{"/api/v1/stats" + out_region, ""}}},
      // Kinds nobody may run: allowed roles get 400, the others 403.
      {"POST /api/v1/imports", {{"/api/v1/imports?kind=bogus&file_name=x.csv", "a,b\n"}, std::nullopt}},
      {"POST /api/v1/jobs", {{"/api/v1/jobs", R"({"kind":"bogus"})"}, std::nullopt}},
      {"GET /api/v1/jobs", {{"/api/v1/jobs", ""}, std::nullopt}},
      {"GET /api/v1/jobs/{job_id}", {{"/api/v1/jobs/999999", ""}, std::nullopt}},
      {"GET /api/v1/jobs/{job_id}/errors.xlsx", {{"/api/v1/jobs/999999/errors.xlsx", ""}, std::nullopt}},
      {"GET /api/v1/templates/{kind}", {{"/api/v1/templates/households", ""}, std::nullopt}},
      {"GET /api/v1/audit", {{"/api/v1/audit", ""}, std::nullopt}},
      {"GET /api/v1/users", {{"/api/v1/users", ""}, std::nullopt}},
      // A weak password: allowed roles get 400, nothing is added.
      {"POST /api/v1/users",
       {{"/api/v1/users",
         R"({"name":"m_new","role":"village_clerk","region_code":"500229108200","password":"weak"})"},
        std::nullopt}},
      // Enabling an enabled user changes nothing.
      {"PUT /api/v1/users/{name}",
       {{"/api/v1/users/worker200", R"({"disabled":false})"}, Cell{"/api/v1/users/sc_clerk", R"({"disabled":false})"}}},
      // Values of the wrong type: 400 for everyone, and no guess counted
      // (counted guesses would slow this address's later ones down).
      {"PUT /api/v1/session/password",
       {{"/api/v1/session/password", R"({"old_password":1,"new_password":"x"})"}, std::nullopt}},
      {"POST /api/v1/session/two-step", {{"/api/v1/session/two-step", R"({"password":1})"}, std::nullopt}},
      {"PUT /api/v1/session/two-step", {{"/api/v1/session/two-step", R"({"code":1})"}, std::nullopt}},
      // Not on: turning it off changes nothing.
      {"DELETE /api/v1/users/{name}/two-step",
       {{"/api/v1/users/worker200/two-step", ""}, Cell{"/api/v1/users/sc_clerk/two-step", ""}}},
      // A weak password: allowed roles get 400, nothing changes.
      {"POST /api/v1/users/{name}/password",
       {{"/api/v1/users/worker200/password", R"({"password":"weak"})"},
        Cell{"/api/v1/users/sc_clerk/password", R"({"password":"weak"})"}}},
  };
  auto it = table.find(key);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

// The out-of-region sample with its object's id replaced by one that
// exists nowhere (nullopt when it names no such id).
std::optional<Cell> missing_cell(const Cell& out, const std::string& other_task) {
  Cell c = out;
  auto swap = [&](const std::string& from, const std::string& to) {
    const auto at = c.target.find(from);
    if (at == std::string::npos) return false;
    c.target.replace(at, from.size(), to);
    return true;
  };
  if (swap(kSichuanHousehold, "5101040010019999") || swap(kSichuanParcel, "510104001001-99999-1") ||
      swap("/" + other_task + "/", "/99999999/") || (c.target.ends_with("/" + other_task) && swap("/" + other_task, "/99999999")))
    return c;
  return std::nullopt;
}

// Routes whose object belongs to a user rather than a region (a job is its
// submitter's): 404 for an unknown id is the right answer for everyone.
bool owned_object(const Route& r) {
  return r.pattern.find("{job_id}") != std::string::npos || r.pattern.find("{attachment_id}") != std::string::npos ||
         r.pattern.find("{change_id}") != std::string::npos || r.pattern.find("{renovation_id}") != std::string::npos;
}

TEST_F(Api, RoleRouteRegionMatrix) {
  std::map<std::string, Client> clients;
  for (const char* name : {"admin", "city", "county", "town", "leader", "clerk200", "worker200"})
    clients[name] = as(name);
  long cells = 0;
  for (const Route& route : api_routes()) {
    const std::string key = std::string(bh::to_string(route.method)) + " " + route.pattern;
    auto sample = samples(route, household_, parcel_, task_, sichuan_task_);
    ASSERT_TRUE(sample) << "route " << key << " is not in the matrix: add its samples to api_test.cc";
    ASSERT_TRUE(kMay.count(route.action)) << key;
    for (const auto& [name, client] : clients) {
      const bool may = kMay.at(route.action).count(name) > 0;
      auto call = [&](const Cell& cell) {
        return route.writes() ? client.send(route.method, cell.target, cell.body) : client.get(cell.target);
      };
      const Reply in = call(sample->first);
      ++cells;
      if (!may) {
        EXPECT_EQ(in.status, 403) << name << " " << key << " → " << in.body;
      } else {
        EXPECT_TRUE(in.status != 401 && in.status != 403 && in.status < 500 &&
                    (in.status != 404 || owned_object(route)))
            << name << " " << key << " → " << in.status << " " << in.body;
      }
      if (sample->second && name != "admin") {
        const Reply out = call(*sample->second);
        ++cells;
        EXPECT_EQ(out.status, 404) << name << " " << key << " (other province) → " << out.body;
        // An id that exists nowhere gets the very same answer (no existence leak).
        if (auto missing = missing_cell(*sample->second, sichuan_task_); missing && route.scope == RouteScope::object) {
          const Reply none = call(*missing);
          ++cells;
          EXPECT_EQ(none.status, 404) << name << " " << key << " (no such id) → " << none.body;
          EXPECT_EQ(none.json()["error"]["message"], out.json()["error"]["message"]) << name << " " << key;
        }
      }
    }
  }
  EXPECT_GT(cells, 150);
}

// --- scope --------------------------------------------------------------------

TEST_F(Api, AVillageClerkSeesOnlyItsVillageByAnyUrl) {
  const Client clerk = as("clerk200");
  EXPECT_EQ(clerk.get("/api/v1/households/" + other_household_).status, 404);
  EXPECT_EQ(clerk.get("/api/v1/households?region=500229108204").status, 404);
  EXPECT_EQ(clerk.get("/api/v1/households?region=500229108000").status, 404);
  EXPECT_EQ(clerk.get("/api/v1/stats?region=500229108000").status, 404);
  // Searching by another village's ID number finds nothing.
  json found = clerk.get("/api/v1/households?q=" + other_id_number_).json();
  EXPECT_EQ(found["total"], 0);
  EXPECT_TRUE(found["items"].empty());
  // Its own list holds only its village, and the total says so.
  json mine = clerk.get("/api/v1/households?page_size=200").json();
  auto count = db_->query("SELECT count(*) AS n FROM households WHERE region_code = '500229108200'");
  EXPECT_EQ(mine["total"], count[0][0]);
  for (const auto& h : mine["items"]) EXPECT_EQ(h["region_code"], "500229108200");
  // The map and the region tree too.
  const json map = clerk.get("/api/v1/buildings?bbox=100,20,120,40&limit=5000").json();
  EXPECT_FALSE(map["features"].empty());
  for (const auto& f : map["features"]) EXPECT_EQ(f["properties"]["region_code"], "500229108200");
  json regions = clerk.get("/api/v1/regions").json();
  ASSERT_EQ(regions["items"].size(), 1u);
  EXPECT_EQ(regions["items"][0]["households"], count[0][0]);
}

// A query number that is not one, or out of its range, is 400 naming the
// parameter: never a quiet default, never a crash ("limit=-1" once ended in
// vector::_M_default_append).
TEST_F(Api, QueryNumbersAreCheckedAndTheWrongOneIsNamed) {
  const Client clerk = as("clerk200");
  for (const char* target : {"/api/v1/households?page_size=-1", "/api/v1/households?page_size=12abc",
                             "/api/v1/households?page=0", "/api/v1/households?page_size=201",
                             "/api/v1/jobs?limit=-1", "/api/v1/buildings?bbox=100,20,120,40&limit=-1",
                             "/api/v1/buildings?bbox=100,20,120,40&limit=99999999999999999999"}) {
    const Reply r = clerk.get(target);
    EXPECT_EQ(r.status, 400) << target;
    const std::string name = std::string(target).substr(std::string(target).rfind('&') != std::string::npos
                                                            ? std::string(target).rfind('&') + 1
                                                            : std::string(target).find('?') + 1);
    const std::string message = r.json()["error"]["message"];
    EXPECT_NE(message.find("参数 " + name.substr(0, name.find('='))), std::string::npos) << target << " " << message;
    EXPECT_EQ(message.find("exception"), std::string::npos);
  }
  EXPECT_EQ(clerk.get("/api/v1/households?page_size=200&page=1").status, 200);
}

TEST_F(Api, ListsFilterPageAndCount) {
  const Client town = as("town");
  json all = town.get("/api/v1/households?page_size=200").json();
  auto n = db_->query("SELECT count(*) AS n FROM households WHERE region_code LIKE '500229108%'");
  EXPECT_EQ(all["total"], n[0][0]);
  // A filter's total matches the database, page by page.
  auto verify = db_->query("SELECT count(*) AS n FROM judgments j JOIN households h ON h.household_id ="
                           " j.household_id WHERE j.result = 'verify' AND h.region_code LIKE '500229108%'");
  json page1 = town.get("/api/v1/households?result=verify&page_size=7&page=1").json();
  json page2 = town.get("/api/v1/households?result=verify&page_size=7&page=2").json();
  EXPECT_EQ(page1["total"], verify[0][0]);
  ASSERT_EQ(page1["items"].size(), 7u);
  EXPECT_LT(page1["items"][6]["household_id"].get<std::string>(), page2["items"][0]["household_id"].get<std::string>());
  for (const auto& h : page1["items"]) EXPECT_EQ(h["result"], "verify");
  // By reason, with its Chinese name (the detail explains it).
  json aging = town.get("/api/v1/households?reason=no_assessment&page_size=200").json();
  auto no_assessment = db_->query(
      "SELECT count(*) AS n FROM judgment_reasons r JOIN households h ON h.household_id = r.household_id"
      " WHERE r.reason = 'no_assessment' AND h.region_code LIKE '500229108%'");
  EXPECT_EQ(aging["total"], no_assessment[0][0]);
  for (const auto& h : aging["items"]) {
    bool has = false;
    for (const auto& r : h["reasons"]) has |= r["key"] == "no_assessment" && !r["name"].get<std::string>().empty();
    EXPECT_TRUE(has) << h.dump();
  }
  // An unknown key is an error, in Chinese, not an empty page.
  Reply bogus = town.get("/api/v1/households?result=bogus");
  EXPECT_EQ(bogus.status, 400);
  EXPECT_NE(bogus.json()["error"]["message"].get<std::string>().find("初判结论"), std::string::npos);
  EXPECT_EQ(town.get("/api/v1/households?result=none").json()["total"], 0);  // all judged
  // Stats by reason add up to the reasons table; by result to the households.
  json stats = town.get("/api/v1/stats?by=result").json();
  EXPECT_EQ(stats["households"], n[0][0]);
  long sum = 0;
  for (const auto& row : stats["rows"]) sum += row["total"].get<long>();
  EXPECT_EQ(sum, n[0][0].get<long>());
}

TEST_F(Api, IdNumbersAreMaskedUnlessTownOfficeAsksAndThatIsAudited) {
  const Client town = as("town");
  json masked = town.get("/api/v1/households/" + household_).json();
  const std::string shown = masked["household"]["head_id_number"];
  EXPECT_NE(shown.find("********"), std::string::npos) << shown;
  EXPECT_EQ(masked["household"]["phone"].get<std::string>().find_first_of("0123456789") == std::string::npos ||
                masked["household"]["phone"].get<std::string>().find('*') != std::string::npos,
            true);
  json full = town.get("/api/v1/households/" + household_ + "?full_id=1").json();
  const std::string id = full["household"]["head_id_number"];
  EXPECT_EQ(id.size(), 18u);
  EXPECT_EQ(id.find('*'), std::string::npos);
  auto audited = db_->query("SELECT count(*) AS n FROM audit_log WHERE actor = 'town' AND action ="
                            " 'personal.view_full' AND object_id = '" + household_ + "'");
  EXPECT_GE(audited[0][0].get<long>(), 1);
  EXPECT_EQ(as("clerk200").get("/api/v1/households/" + household_ + "?full_id=1").status, 403);
  EXPECT_EQ(as("leader").get("/api/v1/households?full_id=1").status, 403);
  // The detail explains the judgment and lists the evidence by date.
  ASSERT_TRUE(full["judgment"].is_object());
  EXPECT_FALSE(full["judgment"]["result_name"].get<std::string>().empty());
  for (const auto& r : full["judgment"]["reasons"]) EXPECT_FALSE(r["explanation"].get<std::string>().empty());
  EXPECT_EQ(full["manual_match"]["parcel_id"], parcel_);
}

TEST_F(Api, AStaleVersionOfAManualChoiceGets409) {
  const Client town = as("town");
  json detail = town.get("/api/v1/households/" + household_).json();
  const long version = detail["manual_match_version"];
  ASSERT_GT(version, 0);
  const std::string target = "/api/v1/households/" + household_ + "/match";
  Reply first = town.send(bh::verb::put, target, json{{"parcel_id", parcel_}, {"version", version}}.dump());
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["manual_match"]["version"], version + 1);
  Reply stale = town.send(bh::verb::put, target, json{{"parcel_id", parcel_}, {"version", version}}.dump());
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["code"], "conflict");
  // A building outside the scope does not exist for the user.
  Reply foreign = town.send(bh::verb::put, target, json{{"parcel_id", kSichuanParcel}, {"version", version + 1}}.dump());
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(town.get("/api/v1/households/" + household_).json()["manual_match_version"], version + 1);
  auto audited = db_->query("SELECT count(*) AS n FROM audit_log WHERE action = 'match.manual_set' AND actor = 'town'");
  EXPECT_GE(audited[0][0].get<long>(), 1);
}

TEST_F(Api, AnUploadWithRowErrorsBecomesAJobWithAnErrorWorkbook) {
  const Client town = as("town");
  const std::string csv =
      "户编号,户主姓名,户主身份证号,家庭人口数,区划代码,户类型\n"
      "5002291082009901,新户甲,500229197503030038,2,500229108200,脱贫户\n"
      "5002291082009902,新户乙,500229197503030031,2,500229108200,脱贫户\n"   // bad check digit
      "5101040010019903,外省户,51010419800202002X,2,510104001001,脱贫户\n";  // outside the town
  Reply posted = town.send(bh::verb::post, "/api/v1/imports?kind=households&file_name=%E8%8A%B1%E5%90%8D%E5%86%8C.csv",
                           csv, {{"Content-Type", "text/csv"}});
  ASSERT_EQ(posted.status, 202) << posted.body;
  const long id = posted.json()["job"]["id"];
  json job = wait_for_job(town, id);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  EXPECT_EQ(job["progress"], 1.0);
  EXPECT_EQ(job["result"]["inserted"], 1);
  EXPECT_EQ(job["result"]["rejected_rows"], 2);
  std::string messages;
  for (const auto& e : job["result"]["errors"]) messages += e["message"].get<std::string>() + "\n";
  EXPECT_NE(messages.find("不在您的管辖范围"), std::string::npos) << messages;
  ASSERT_TRUE(job.contains("errors_url"));
  Reply workbook = town.get(job["errors_url"]);
  EXPECT_EQ(workbook.status, 200);
  EXPECT_EQ(workbook.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(workbook.body.substr(0, 2), "PK");
  EXPECT_NE(workbook.content_disposition.find("filename*=UTF-8''"), std::string::npos);
  EXPECT_EQ(db_->query("SELECT count(*) FROM audit_log WHERE action = 'export.import_errors' AND object_id = '" +
                       std::to_string(id) + "'")[0][0], 1);
  // Another user's job does not exist for them.
  EXPECT_EQ(as("clerk200").get("/api/v1/jobs/" + std::to_string(id)).status, 404);
  EXPECT_EQ(db_->query("SELECT count(*) AS n FROM households WHERE household_id = '5101040010019903'")[0][0], 0);
}

TEST_F(Api, AJudgmentJobRunsToCompletionOnePerLane) {
  const Client town = as("town");
  Reply posted = town.send(bh::verb::post, "/api/v1/jobs", R"({"kind":"judge"})");
  ASSERT_EQ(posted.status, 202) << posted.body;
  // A second one while the first is queued or running is refused, unless
  // the first was already done.
  Reply second = town.send(bh::verb::post, "/api/v1/jobs", R"({"kind":"judge"})");
  EXPECT_TRUE(second.status == 409 || second.status == 202) << second.body;
  json job = wait_for_job(town, posted.json()["job"]["id"]);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  // The town office's own town: its households, not the database's.
  ASSERT_EQ(job["region"], "500229108000") << job.dump();
  auto n = db_->query("SELECT count(*) AS n FROM households WHERE region_code LIKE '500229108%'");
  auto all = db_->query("SELECT count(*) AS n FROM households");
  EXPECT_EQ(job["result"]["households"], n[0][0]);
  EXPECT_NE(n[0][0], all[0][0]) << "the fixture has households outside the town";
  if (second.status == 202) wait_for_job(town, second.json()["job"]["id"]);
  json listed = town.get("/api/v1/jobs").json();
  EXPECT_GE(listed["total"].get<long>(), 1);
}

TEST_F(Api, AnIdleSessionEnds) {
  const Client worker = as("worker200");
  ASSERT_EQ(worker.get("/api/v1/households").status, 200);
  db_->exec("UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z' WHERE user_name = 'worker200'");
  Reply expired = worker.get("/api/v1/households");
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.json()["error"]["message"].get<std::string>().find("登录"), std::string::npos);
}

TEST_F(Api, TemplatesDownloadAsWorkbooks) {
  Reply t = as("leader").get("/api/v1/templates/evidence");
  EXPECT_EQ(t.status, 200);
  EXPECT_EQ(t.body.substr(0, 2), "PK");
  EXPECT_EQ(as("leader").get("/api/v1/templates/nope").status, 404);
  EXPECT_EQ(request(server_->port(), bh::verb::get, "/api/v1/templates/evidence").status, 401);
}

// 「结论与上次不同 N 户」 opens those N: the list filters households whose
// judgment differs from the one before it (or is their first).
TEST_F(Api, TheHouseholdsAJudgmentChangedAreAList) {
  const Client town = as("town");
  auto changed = db_->query(
      "SELECT count(*) FROM judgments j JOIN households h ON h.household_id = j.household_id"
      " WHERE h.region_code LIKE '500229108%' AND (j.previous_result IS NULL OR j.previous_result <> j.result)");
  const json listed = town.get("/api/v1/households?changed=1&page_size=200").json();
  EXPECT_EQ(listed["total"], changed[0][0]) << listed.dump().substr(0, 300);
  const json all = town.get("/api/v1/households?page_size=1").json();
  EXPECT_LE(listed["total"].get<long>(), all["total"].get<long>());
  const Reply wrong = town.get("/api/v1/households?changed=yes");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("changed"), std::string::npos) << wrong.body;
}

}  // namespace
}  // namespace anju::testing
