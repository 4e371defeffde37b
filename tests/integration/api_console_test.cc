// The API routes the web console leans on, against a real `anju serve` on
// both engines: the coded values, the session's permissions and region path,
// 选择图斑's candidates, the household list as a workbook, admins adding and
// disabling users, and a first-login password change before anything else.
#include <set>

#include "ingest/xlsx_reader.h"
#include "integration/api_fixture.h"

namespace anju::testing {
namespace {

class ApiConsole : public ApiFixture {};

std::vector<std::vector<std::string>> workbook_rows(const std::string& bytes, const fs::path& where) {
  const fs::path file = where / "export.xlsx";
  std::ofstream(file, std::ios::binary) << bytes;
  std::vector<std::vector<std::string>> out;
  auto reader = XlsxReader::open(file.string());
  EXPECT_TRUE(reader) << (reader ? "" : reader.error().message);
  if (!reader) return out;
  for (;;) {
    auto row = (*reader)->next();
    if (!row || !*row) break;
    out.push_back((*row)->cells);
  }
  return out;
}

TEST_F(ApiConsole, CodesNameEveryFilterValueInChinese) {
  const json codes = as("leader").get("/api/v1/codes").json();
  for (const char* kind : {"category", "monitor_type", "status", "housing", "match_outcome", "result", "reason", "role"}) {
    ASSERT_TRUE(codes.contains(kind)) << kind;
    EXPECT_FALSE(codes[kind].empty()) << kind;
  }
  std::set<std::string> results;
  for (const auto& r : codes["result"]) results.insert(r["key"].get<std::string>());
  EXPECT_EQ(results, (std::set<std::string>{"excluded", "verify", "safe_other_housing", "safe", "unsafe"}));
  EXPECT_EQ(codes["reason"].back()["key"], "aging");
  EXPECT_FALSE(codes["reason"].back()["explanation"].get<std::string>().empty());
}

TEST_F(ApiConsole, TheSessionSaysWhatTheRoleMayAndWhereItIs) {
  const json clerk = as("clerk200").get("/api/v1/session").json()["user"];
  EXPECT_EQ(clerk["may"], json({"read", "manual_match", "export_lists", "fill_records", "draft_renovations", "renovate"}));
  ASSERT_EQ(clerk["region_path"].size(), 5u);
  EXPECT_EQ(clerk["region_path"][0]["code"], "500000000000");
  EXPECT_EQ(clerk["region_path"][4]["code"], "500229108200");
  const json worker = as("worker200").get("/api/v1/session").json()["user"];
  EXPECT_EQ(worker["may"], json({"read", "field_work"}));
  EXPECT_TRUE(as("admin").get("/api/v1/session").json()["user"]["region_path"].empty());
}

TEST_F(ApiConsole, CandidatesAreRankedByDistanceFromTheDwelling) {
  auto rows = db_->query(
      "SELECT h.household_id FROM households h JOIN matches m ON m.household_id = h.household_id"
      " WHERE h.region_code = '500229108200' AND h.lon IS NOT NULL AND m.outcome = 'by_location' ORDER BY 1 LIMIT 1");
  ASSERT_EQ(rows.size(), 1u);
  const json c = as("clerk200").get("/api/v1/households/" + std::string(rows[0][0]) + "/candidates?radius=200").json();
  EXPECT_EQ(c["origin"]["kind"], "dwelling");
  ASSERT_GE(c["features"].size(), 2u);
  // The building the dwelling lies in comes first, at distance 0, as the current one.
  EXPECT_EQ(c["features"][0]["properties"]["distance_m"], 0.0);
  EXPECT_TRUE(c["features"][0]["properties"]["current"].get<bool>());
  double last = 0;
  for (const auto& f : c["features"]) {
    const double d = f["properties"]["distance_m"];
    EXPECT_GE(d, last);
    EXPECT_LE(d, 300.0);  // the radius, plus the corner of its box
    last = d;
    EXPECT_EQ(f["properties"]["region_code"].get<std::string>().substr(0, 9), "500229108") << "in the clerk's town";
  }
  ASSERT_EQ(c["view"].size(), 4u);
  // Out of the clerk's village: 404.
  EXPECT_EQ(as("clerk200").get("/api/v1/households/" + other_household_ + "/candidates").status, 404);
}

TEST_F(ApiConsole, TheListExportsAsAWorkbookThatSaysWhoMadeItAndIsAudited) {
  const Client leader = as("leader");
  const long total = leader.get("/api/v1/households?result=verify&page_size=1").json()["total"];
  Reply x = leader.get("/api/v1/households.xlsx?result=verify");
  ASSERT_EQ(x.status, 200) << x.body;
  EXPECT_NE(x.content_disposition.find(".xlsx"), std::string::npos);
  auto rows = workbook_rows(x.body, work_);
  ASSERT_EQ(static_cast<long>(rows.size()), total + 2) << "title, header, one row a household";
  EXPECT_NE(rows[0][0].find("导出人"), std::string::npos);
  EXPECT_NE(rows[0][0].find("leader"), std::string::npos);
  // The roster template's headers first (so that the list imports back),
  // then what Anju derived.
  EXPECT_EQ(rows[1][0], "户编号");
  EXPECT_EQ(rows[1][2], "户主身份证号");
  EXPECT_EQ(rows[1][4], "区划代码");
  ASSERT_GT(rows[1].size(), 19u);
  EXPECT_EQ(rows[1][15], "乡镇");
  EXPECT_EQ(rows[1][19], "初判结论");
  for (size_t i = 2; i < rows.size(); ++i) {
    EXPECT_NE(rows[i][2].find("********"), std::string::npos) << "masked: " << rows[i][2];
    EXPECT_EQ(rows[i][19], "需现场核实");
  }
  // A town leader may not see full numbers; a town office may, on record.
  EXPECT_EQ(leader.get("/api/v1/households.xlsx?full_id=1").status, 403);
  Reply full = as("town").get("/api/v1/households.xlsx?region=500229108204&full_id=1");
  ASSERT_EQ(full.status, 200);
  auto full_rows = workbook_rows(full.body, work_);
  ASSERT_GT(full_rows.size(), 2u);
  EXPECT_EQ(full_rows[2][2].find('*'), std::string::npos);
  const json audit = as("admin").get("/api/v1/audit?action=export.households").json();
  ASSERT_GE(audit["total"].get<long>(), 2);
  EXPECT_EQ(audit["items"][0]["actor"], "town");
  EXPECT_EQ(audit["items"][0]["detail"]["full_id"], true);
  // A field worker exports nothing; an unknown filter value is a clear 400.
  EXPECT_EQ(as("worker200").get("/api/v1/households.xlsx").status, 403);
  EXPECT_EQ(leader.get("/api/v1/households.xlsx?result=bogus").status, 400);
}

// The clerk's way back from a rejected row: the error workbook's first
// sheet is the rows as uploaded with their problems; corrected in it (here:
// one check digit) and uploaded as it is, the row goes in, and the two
// columns the workbook added are skipped, not stored.
TEST_F(ApiConsole, TheErrorWorkbookHoldsTheRejectedRowsReadyToCorrectAndUploadAgain) {
  const Client town = as("town");
  const std::string csv =
      "户编号,户主姓名,户主身份证号,家庭人口数,区划代码,户类型,备注\n"
      "5002291082009911,新户甲,500229197503030038,2,500229108200,脱贫户,\n"
      "5002291082009912,新户乙,500229197503030031,2,500229108200,脱贫户,门前有坎\n";  // bad check digit
  Reply posted = town.send(bh::verb::post, "/api/v1/imports?kind=households&file_name=a.csv", csv,
                           {{"Content-Type", "text/csv"}});
  ASSERT_EQ(posted.status, 202) << posted.body;
  const json job = wait_for_job(town, posted.json()["job"]["id"]);
  ASSERT_EQ(job["result"]["rejected_rows"], 1) << job.dump();
  EXPECT_FALSE(job["result"].contains("rejected")) << "the rows' cells stay out of the job's JSON";
  const auto rows = workbook_rows(town.get(job["errors_url"]).body, work_);
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_GE(rows[0].size(), 5u);
  EXPECT_EQ(rows[0][0], "原行号");
  EXPECT_EQ(rows[0][1], "导入问题");
  EXPECT_EQ(rows[0][2], "户编号");
  EXPECT_EQ(rows[0].back(), "备注");
  EXPECT_EQ(rows[1][0], "3");
  EXPECT_NE(rows[1][1].find("户主身份证号：身份证号校验位错误"), std::string::npos) << rows[1][1];
  EXPECT_EQ(rows[1][2], "5002291082009912");
  EXPECT_EQ(rows[1].back(), "门前有坎");
  // Corrected and uploaded again, columns and all.
  std::string fixed;
  for (auto row : rows) {
    for (auto& cell : row)
      if (cell == "500229197503030031") cell = "50022919750303002X";
    for (size_t i = 0; i < row.size(); ++i) fixed += (i ? "," : "") + row[i];
    fixed += "\n";
  }
  Reply again = town.send(bh::verb::post, "/api/v1/imports?kind=households&file_name=fixed.csv", fixed,
                          {{"Content-Type", "text/csv"}});
  ASSERT_EQ(again.status, 202) << again.body;
  const json second = wait_for_job(town, again.json()["job"]["id"]);
  EXPECT_EQ(second["result"]["inserted"], 1) << second.dump();
  EXPECT_EQ(second["result"]["rejected_rows"], 0) << second.dump();
  const auto stored = db_->query("SELECT head_id_number, extra FROM households WHERE household_id = '5002291082009912'");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0][0], "50022919750303002X");
  EXPECT_EQ(stored[0][1], R"({"备注":"门前有坎"})");
}

TEST_F(ApiConsole, AnAdminAddsAUserWhoMustChangeThePasswordBeforeAnythingElse) {
  const Client admin = as("admin");
  const std::string body = json{{"name", "new_clerk"}, {"display_name", "新村资料员"}, {"role", "village_clerk"},
                                {"region_code", "500229108204"}, {"password", kPassword}}
                               .dump();
  Reply made = admin.send(bh::verb::post, "/api/v1/users", body);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(admin.send(bh::verb::post, "/api/v1/users", body).status, 409);
  // A user outside the admin's region cannot be made by a lesser admin: only
  // the country-wide admin exists here, so check the clerk's own limits.
  EXPECT_EQ(as("clerk200").send(bh::verb::post, "/api/v1/users", body).status, 403);

  Client fresh = Client::log_in(server_->port(), "new_clerk", kPassword);
  ASSERT_EQ(fresh.login_status, 200);
  Reply blocked = fresh.get("/api/v1/households");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.json()["error"]["code"], "password_change_required");
  EXPECT_TRUE(fresh.get("/api/v1/session").json()["user"]["must_change_password"].get<bool>());
  Reply changed = fresh.send(bh::verb::put, "/api/v1/session/password",
                             json{{"old_password", kPassword}, {"new_password", "Fresh-Clerk-2026"}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.body;
  Client again = Client::log_in(server_->port(), "new_clerk", "Fresh-Clerk-2026");
  ASSERT_EQ(again.login_status, 200);
  EXPECT_EQ(again.get("/api/v1/households").status, 200);

  // Disabled: the session ends and logging in fails; enabled again: it works.
  EXPECT_EQ(admin.send(bh::verb::put, "/api/v1/users/new_clerk", R"({"disabled":true})").status, 200);
  EXPECT_EQ(again.get("/api/v1/households").status, 401);
  EXPECT_NE(Client::log_in(server_->port(), "new_clerk", "Fresh-Clerk-2026").login_status, 200);
  EXPECT_EQ(admin.send(bh::verb::put, "/api/v1/users/new_clerk", R"({"disabled":false})").status, 200);
  EXPECT_EQ(Client::log_in(server_->port(), "new_clerk", "Fresh-Clerk-2026").login_status, 200);
  EXPECT_EQ(admin.send(bh::verb::put, "/api/v1/users/admin", R"({"disabled":true})").status, 400)
      << "an admin cannot lock itself out";
}

// 数据导入's regions: only an administrator loads the national table, as a
// job; the generated 高燕镇 is the table's (same codes, same names), so
// loading its part changes nothing. The 变更申请 form's tree reads one
// level at a time, whoever asks.
TEST_F(ApiConsole, AnAdminLoadsTheBuiltinDivisionTableAndAnyoneReadsItsTree) {
  const std::string body = R"({"kind":"import.regions","prefix":"500229108"})";
  EXPECT_EQ(as("town").send(bh::verb::post, "/api/v1/jobs", body).status, 403);
  EXPECT_EQ(as("admin").send(bh::verb::post, "/api/v1/jobs", R"({"kind":"import.regions","prefix":500229})").status,
            400);
  const Client admin = as("admin");
  Reply posted = admin.send(bh::verb::post, "/api/v1/jobs", body);
  ASSERT_EQ(posted.status, 202) << posted.body;
  const json job = wait_for_job(admin, posted.json()["job"]["id"]);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["unchanged"], 18) << job.dump();
  EXPECT_EQ(job["result"]["inserted"], 0);
  EXPECT_EQ(job["result"]["updated"], 0);
  Reply bad = admin.send(bh::verb::post, "/api/v1/jobs", R"({"kind":"import.regions","prefix":"5002291"})");
  ASSERT_EQ(bad.status, 202);
  const json refused = wait_for_job(admin, bad.json()["job"]["id"]);
  EXPECT_EQ(refused["status"], "failed");
  EXPECT_NE(refused["message"].get<std::string>().find("前缀"), std::string::npos) << refused.dump();

  const json villages = as("clerk200").get("/api/v1/regions/children?parent=500229108000").json();
  ASSERT_EQ(villages["total"], 14) << villages.dump();
  EXPECT_EQ(villages["items"][2]["code"], "500229108200");
  EXPECT_EQ(villages["items"][2]["name"], "来凤村村民委员会");
  EXPECT_EQ(villages["items"][2]["level"], "village");
  const json provinces = as("worker200").get("/api/v1/regions/children").json();
  EXPECT_GE(provinces["total"].get<long>(), 1);
  EXPECT_EQ(as("clerk200").get("/api/v1/regions/children?parent=12abc").status, 400);
}

// A value of the wrong type in a body is the client's mistake (400), and no
// exception text ever reaches the client.
TEST_F(ApiConsole, AWrongTypeInABodyIsA400WithoutInternalText) {
  const Client clerk = as("clerk200");
  Reply r = clerk.send(bh::verb::post, "/api/v1/change-requests",
                       R"({"household_id":")" + household_ + R"(","kind":"deceased","details":{"died_on":"2026-01-02"},"note":5})");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.body.find("json.exception"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("type_error"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("类型不正确"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace anju::testing
