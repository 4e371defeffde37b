// The C/D ledger, renovation applications and Excel exports through the API
// on both engines (issue 9): every unsafe household is in the ledger; an
// application goes from draft to accepted and the household leaves; a
// rejected one leaves it in; an export job's workbook is read back cell by
// cell, an 18-digit ID with every digit.
#include <cpl_vsi.h>

#include <fstream>
#include <regex>
#include <set>

#include "core/enums.h"
#include "core/renovation.h"
#include "integration/api_fixture.h"

namespace anju::testing {
namespace {

class ApiLedger : public ApiFixture {
 protected:
  // Unsafe households of the town, by id.
  static std::vector<std::string> unsafe() {
    auto rows = db_->query("SELECT j.household_id FROM judgments j JOIN households h ON h.household_id ="
                           " j.household_id WHERE j.result = 'unsafe' AND h.region_code LIKE '500229108%' ORDER BY 1");
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r[0]);
    return out;
  }
  static Reply step(const Client& c, const json& r, const char* action, const json& extra = json::object()) {
    json body = {{"version", r["version"]}, {"action", action}};
    for (const auto& [k, v] : extra.items()) body[k] = v;
    return c.send(bh::verb::post, "/api/v1/renovations/" + std::to_string(r["id"].get<long>()) + "/steps",
                  body.dump());
  }
  static json draft(const Client& c, const std::string& household) {
    Reply made = c.send(bh::verb::post, "/api/v1/renovations",
                        json{{"household_id", household}, {"method", "rebuild"}, {"build_mode", "self_build"},
                             {"area_m2", 72.5}, {"subsidy_central", 20000}, {"subsidy_local", 5000},
                             {"plan_year", 2025}, {"planned_start", "2025-03-01"}}
                            .dump());
    EXPECT_EQ(made.status, 201) << made.body;
    return made.json()["renovation"];
  }
  static json ledger_of(const Client& c, const std::string& household) {
    return c.get("/api/v1/ledger/" + household).json();
  }
};

TEST_F(ApiLedger, EveryUnsafeHouseholdIsInTheLedgerAndNoOtherOne) {
  const auto ids = unsafe();
  ASSERT_GE(ids.size(), 2u) << "the generated town must have C/D houses";
  const json page = as("town").get("/api/v1/ledger?region=500229108000&page_size=200").json();
  EXPECT_EQ(page["total"], static_cast<long>(ids.size()));
  std::vector<std::string> listed;
  for (const auto& item : page["items"]) {
    listed.push_back(item["household_id"]);
    EXPECT_TRUE(item["grade"] == "C" || item["grade"] == "D") << item.dump();
    EXPECT_EQ(item["closed_on"], nullptr);
    EXPECT_NE(item["head_id_number"].get<std::string>().find('*'), std::string::npos) << "masked by default";
  }
  std::sort(listed.begin(), listed.end());
  EXPECT_EQ(listed, ids);
  // A clerk sees its village's part only.
  const json mine = as("clerk200").get("/api/v1/ledger?page_size=200").json();
  for (const auto& item : mine["items"]) EXPECT_EQ(item["region_code"], "500229108200");
  // The urgency filter agrees with each line's urgency (today is past the
  // seed plan's 2025 deadline: every open entry is late, none at risk).
  const json all = as("town").get("/api/v1/ledger?region=500229108000&status=all&page_size=200").json();
  long late = 0;
  for (const auto& item : all["items"]) late += item["urgency"] == "late";
  EXPECT_EQ(as("town").get("/api/v1/ledger?region=500229108000&status=all&urgency=late").json()["total"], late);
  EXPECT_EQ(late, static_cast<long>(ids.size()));
  EXPECT_EQ(as("town").get("/api/v1/ledger?urgency=at_risk").json()["total"], 0);
  EXPECT_EQ(as("town").get("/api/v1/ledger?urgency=soon").status, 400);
  // A household never in the ledger answers with no entries.
  const json safe = ledger_of(as("town"), household_);
  if (std::find(ids.begin(), ids.end(), household_) == ids.end()) {
    EXPECT_EQ(safe["in_ledger"], false);
    EXPECT_TRUE(safe["entries"].empty());
  }
}

TEST_F(ApiLedger, AnApplicationGoesFromDraftToAcceptedAndTheHouseholdLeavesTheLedger) {
  const std::string id = unsafe()[0];
  const Client town = as("town"), county = as("county"), leader = as("leader");
  // The town sets the measure and the transitional safety first.
  json entry = ledger_of(town, id)["current"];
  Reply edited = town.send(bh::verb::put, "/api/v1/ledger/" + id,
                           json{{"version", entry["version"]}, {"measure", "renovation"}, {"plan_year", 2026},
                                {"transitional", "relatives"}, {"responsible", "王镇长"}}
                               .dump());
  EXPECT_EQ(edited.status, 400) << "2026 is after the deadline's year";
  edited = town.send(bh::verb::put, "/api/v1/ledger/" + id,
                     json{{"version", entry["version"]}, {"measure", "renovation"}, {"plan_year", 2025},
                          {"transitional", "relatives"}, {"responsible", "王镇长"}, {"responsible_phone", "023-59991234"}}
                         .dump());
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.json()["current"]["transitional"], "relatives");
  EXPECT_EQ(town.send(bh::verb::put, "/api/v1/ledger/" + id, json{{"version", entry["version"]}}.dump()).status, 409);
  EXPECT_EQ(leader.send(bh::verb::put, "/api/v1/ledger/" + id, json{{"version", 1}}.dump()).status, 403);

  json r = draft(town, id);
  EXPECT_EQ(r["state"], "draft");
  EXPECT_EQ(town.send(bh::verb::post, "/api/v1/renovations", json{{"household_id", id}}.dump()).status, 409)
      << "one application in progress a household";
  Reply s = step(county, r, "approve");
  EXPECT_EQ(s.status, 400) << "a draft is not approved";
  s = step(town, r, "submit");
  ASSERT_EQ(s.status, 200) << s.body;
  r = s.json()["renovation"];
  EXPECT_EQ(step(county, r, "town_review").status, 403) << "the county does not review for the town";
  r = step(town, r, "town_review").json()["renovation"];
  EXPECT_EQ(r["state"], "town_reviewed");
  EXPECT_EQ(step(town, r, "approve").status, 403) << "the town does not approve";
  s = step(county, r, "approve");
  ASSERT_EQ(s.status, 200) << s.body;
  r = s.json()["renovation"];
  EXPECT_EQ(r["state"], "county_approved");
  // Approval put the renovation line into the ledger entry.
  entry = ledger_of(town, id)["current"];
  EXPECT_EQ(entry["measure"], "renovation");
  EXPECT_EQ(entry["plan_year"], 2025);
  EXPECT_EQ(entry["renovation_id"], r["id"]);
  EXPECT_EQ(entry["renovation"]["state"], "county_approved");

  EXPECT_EQ(step(town, r, "start").status, 400) << "the start needs its day";
  const Reply early = step(town, r, "start", {{"on", "2025-03-10"}});
  EXPECT_EQ(early.status, 400) << "work does not start before the county approved it";
  EXPECT_NE(early.body.find("县级审批日期"), std::string::npos) << early.body;
  // The server's clock approved it today (UTC): work starts that day or later.
  const std::string today = r["updated_at"].get<std::string>().substr(0, 10);
  s = step(town, r, "start", {{"on", today}});
  ASSERT_EQ(s.status, 200) << s.body;
  r = s.json()["renovation"];
  EXPECT_EQ(step(town, r, "complete", {{"on", "2025-03-01"}}).status, 400) << "not before the start";
  r = step(town, r, "complete", {{"on", today}}).json()["renovation"];
  EXPECT_EQ(r["state"], "completed");
  EXPECT_EQ(step(county, r, "accept", {{"on", today}, {"grade", "C"}}).status, 400) << "a C house fails";
  // The county's campaign asks for a photo of the house and the signed form
  // before an acceptance: the view says which are missing, the step names them.
  ASSERT_EQ(r["papers_missing"].size(), 2u) << r.dump();
  EXPECT_EQ(r["papers_missing"][0]["name"], "验收照片");
  const Reply bare = step(county, r, "accept", {{"on", today}, {"grade", "B"}});
  EXPECT_EQ(bare.status, 400);
  EXPECT_NE(bare.body.find("验收照片"), std::string::npos) << bare.body;
  EXPECT_NE(bare.body.find("验收单"), std::string::npos) << bare.body;
  const std::string papers = "/api/v1/renovations/" + std::to_string(r["id"].get<long>()) + "/attachments";
  EXPECT_EQ(town.send(bh::verb::post, papers + "?kind=acceptance_photo&file_name=a.pdf", "%PDF-1.4\n%%EOF\n").status,
            400) << "a photo is an image";
  ASSERT_EQ(town.send(bh::verb::post, papers + "?kind=acceptance_photo&file_name=新房.png", tiny_png()).status, 201);
  const Reply one_left = step(county, r, "accept", {{"on", today}, {"grade", "B"}});
  EXPECT_EQ(one_left.status, 400);
  EXPECT_EQ(one_left.body.find("验收照片"), std::string::npos) << one_left.body;
  ASSERT_EQ(town.send(bh::verb::post, papers + "?kind=acceptance&file_name=验收单.png", tiny_png()).status, 201);
  r = county.get("/api/v1/renovations/" + std::to_string(r["id"].get<long>())).json()["renovation"];
  EXPECT_TRUE(r["papers_missing"].empty()) << r.dump();
  s = step(county, r, "accept", {{"on", today}, {"grade", "B"}, {"comment", "验收合格"}});
  ASSERT_EQ(s.status, 200) << s.body;
  r = s.json()["renovation"];
  EXPECT_EQ(r["state"], "accepted");
  EXPECT_EQ(r["evidence_id"], "RN" + std::to_string(r["id"].get<long>()) + "-ACC");
  EXPECT_EQ(r["history"].size(), 7u) << "created and six steps: " << r["history"].dump();
  // People read names, not logins: the town office's display name; a login
  // without one stays as it is.
  ASSERT_EQ(db_->exec("UPDATE users SET display_name = '高燕镇办公室' WHERE name = 'town'"), "");
  const json named = county.get("/api/v1/renovations/" + std::to_string(r["id"].get<long>())).json()["renovation"];
  EXPECT_EQ(named["history"][0]["actor"], "town");
  EXPECT_EQ(named["history"][0]["actor_name"], "高燕镇办公室");
  EXPECT_EQ(named["history"].back()["actor_name"], "county");
  EXPECT_EQ(db_->exec("UPDATE users SET display_name = '' WHERE name = 'town'"), "");

  // The acceptance is an assessment: the household is safe and left the ledger.
  const json after = ledger_of(town, id);
  EXPECT_EQ(after["in_ledger"], false);
  EXPECT_EQ(after["current"]["exit"], "graded_safe");
  EXPECT_NE(after["current"]["closed_on"], nullptr);
  EXPECT_NE(after["current"]["exit_note"].get<std::string>().find("RN"), std::string::npos);
  EXPECT_EQ(town.get("/api/v1/households/" + id).json()["judgment"]["result"], "safe");
  const json open = town.get("/api/v1/ledger?region=500229108000&page_size=200").json();
  for (const auto& item : open["items"]) EXPECT_NE(item["household_id"], id);
  const json closed = town.get("/api/v1/ledger?region=500229108000&status=closed&q=" + id).json();
  ASSERT_EQ(closed["total"], 1);
  EXPECT_EQ(closed["items"][0]["renovation"]["state"], "accepted");
  auto audited = db_->query("SELECT count(*) FROM audit_log WHERE action LIKE 'renovation.%' AND object_id = '" +
                            std::to_string(r["id"].get<long>()) + "'");
  EXPECT_EQ(audited[0][0], 9) << "created, six steps and the two acceptance papers";
  // The statistics count it as closed in time? Today is after the deadline.
  const json stats = town.get("/api/v1/statistics?region=500229108000").json();
  EXPECT_GE(stats["total"]["closed"].get<long>(), 1);
  EXPECT_EQ(stats["total"]["renovation_states"]["accepted"], 1);
  EXPECT_EQ(stats["total"]["renovation_methods"]["rebuild"].get<long>(), 1);
}

TEST_F(ApiLedger, ARejectedApplicationLeavesTheHouseholdInTheLedger) {
  const std::string id = unsafe()[1];
  const Client town = as("town"), county = as("county");
  json r = draft(town, id);
  // The application's papers: an image or a PDF, each of a stage.
  const std::string upload = "/api/v1/renovations/" + std::to_string(r["id"].get<long>()) + "/attachments";
  EXPECT_EQ(town.send(bh::verb::post, upload + "?kind=application&file_name=x.png", "not an image").status, 400);
  EXPECT_EQ(town.send(bh::verb::post, upload + "?kind=bogus&file_name=a.png", tiny_png()).status, 400);
  Reply paper = town.send(bh::verb::post, upload + "?kind=application&file_name=申请书.png", tiny_png());
  ASSERT_EQ(paper.status, 201) << paper.body;
  EXPECT_EQ(county.get(paper.json()["attachment"]["url"].get<std::string>()).body, tiny_png());
  EXPECT_EQ(as("sc_clerk").get(paper.json()["attachment"]["url"].get<std::string>()).status, 404) << "another province's";
  EXPECT_TRUE(fs::is_empty(server_tmp())) << "no upload is left behind, kept or refused";
  r = step(town, r, "submit").json()["renovation"];
  EXPECT_EQ(r["attachments"].size(), 1u);
  EXPECT_EQ(r["attachments"][0]["kind"], "application");
  r = step(town, r, "town_review").json()["renovation"];
  EXPECT_EQ(step(county, r, "reject").status, 400) << "a rejection needs its reason";
  Reply s = step(county, r, "reject", {{"comment", "该户已纳入易地搬迁，不重复补助"}});
  ASSERT_EQ(s.status, 200) << s.body;
  r = s.json()["renovation"];
  EXPECT_EQ(r["state"], "rejected");
  EXPECT_EQ(r["reason"], "该户已纳入易地搬迁，不重复补助");
  EXPECT_TRUE(r["actions"].empty());
  const json entry = ledger_of(town, id);
  EXPECT_EQ(entry["in_ledger"], true);
  EXPECT_EQ(entry["current"]["renovation_id"], 0);
  EXPECT_EQ(entry["renovations"].size(), 1u);
  // A new application may be made.
  json again = draft(town, id);
  EXPECT_EQ(again["state"], "draft");
}

// The sheet's cells by reference ("H3" → {type, style, value}), read from the
// zip with GDAL's /vsizip/.
struct XCell {
  std::string type, style, value;
};
std::map<std::string, XCell> sheet_cells(const std::string& path, const std::string& part) {
  const std::string name = "/vsizip/" + path + "/" + part;
  VSILFILE* f = VSIFOpenL(name.c_str(), "rb");
  EXPECT_NE(f, nullptr) << name;
  std::string xml;
  if (f) {
    char buf[65536];
    size_t n;
    while ((n = VSIFReadL(buf, 1, sizeof buf, f)) > 0) xml.append(buf, n);
    VSIFCloseL(f);
  }
  std::map<std::string, XCell> out;
  static const std::regex cell(R"re(<c r="([A-Z]+[0-9]+)"((?: [a-z]+="[^"]*")*)(?:/>|>(.*?)</c>))re");
  static const std::regex attr(R"re( ([a-z]+)="([^"]*)")re");
  static const std::regex text(R"re(<(?:t|v)(?: [^>]*)?>([^<]*)</(?:t|v)>)re");
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), cell); it != std::sregex_iterator(); ++it) {
    XCell c;
    const std::string attrs = (*it)[2];
    for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), attr); a != std::sregex_iterator(); ++a) {
      if ((*a)[1] == "t") c.type = (*a)[2];
      if ((*a)[1] == "s") c.style = (*a)[2];
    }
    const std::string inner = (*it)[3];
    std::smatch m;
    if (std::regex_search(inner, m, text)) c.value = m[1];
    out[(*it)[1]] = c;
  }
  return out;
}

std::string column_of(const std::map<std::string, XCell>& cells, const std::string& head) {
  for (const auto& [ref, c] : cells)
    if (ref.back() == '2' && ref.size() <= 3 && !std::isdigit(ref[ref.size() - 2]) && c.value == head)
      return ref.substr(0, ref.size() - 1);
  return "";
}

TEST_F(ApiLedger, AnExportJobWritesTheLedgerReadBackCellByCell) {
  const Client county = as("county");
  Reply posted = county.send(bh::verb::post, "/api/v1/exports",
                             json{{"kind", "ledger"}, {"region", "500229108000"}, {"full_id", true}}.dump());
  ASSERT_EQ(posted.status, 202) << posted.body;
  const json job = wait_for_job(county, posted.json()["job"]["id"]);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  const long rows = job["result"]["rows"];
  EXPECT_EQ(as("leader").get("/api/v1/jobs/" + std::to_string(job["id"].get<long>()) + "/file").status, 404)
      << "another user's export is not theirs to download";
  Reply file = county.get("/api/v1/jobs/" + std::to_string(job["id"].get<long>()) + "/file");
  ASSERT_EQ(file.status, 200);
  const std::string path = (work_ / "ledger_export.xlsx").string();
  std::ofstream(path, std::ios::binary) << file.body;
  const auto cells = sheet_cells(path, "xl/worksheets/sheet1.xml");
  const std::string idcol = column_of(cells, "身份证号"), hid = column_of(cells, "户编号"),
                    members = column_of(cells, "家庭人口"), opened = column_of(cells, "列入台账日期"),
                    grade = column_of(cells, "鉴定等级");
  ASSERT_FALSE(idcol.empty());
  ASSERT_FALSE(hid.empty());
  ASSERT_FALSE(opened.empty());
  EXPECT_EQ(cells.at("A1").type, "inlineStr");
  EXPECT_NE(cells.at("A1").value.find("导出人"), std::string::npos);
  EXPECT_NE(cells.at("A1").value.find("高燕镇"), std::string::npos) << "the region by its name";
  EXPECT_NE(cells.at("A1").value.find("回头看"), std::string::npos) << "and the campaign: " << cells.at("A1").value;
  // Every line against the database.
  auto expect = db_->query(
      "SELECT h.household_id, h.head_id_number, h.members, l.grade FROM ledger_entries l JOIN households h ON"
      " h.household_id = l.household_id WHERE l.closed_on IS NULL AND h.region_code LIKE '500229108%'"
      " ORDER BY h.region_code, h.household_id");
  ASSERT_EQ(static_cast<long>(expect.size()), rows);
  for (size_t i = 0; i < expect.size(); ++i) {
    const std::string row = std::to_string(i + 3);
    EXPECT_EQ(cells.at(hid + row).value, expect[i][0]);
    const XCell& id = cells.at(idcol + row);
    EXPECT_EQ(id.type, "inlineStr") << "an ID is text, never a number";
    EXPECT_EQ(id.value, expect[i][1]) << "all 18 digits";
    EXPECT_EQ(id.value.size(), 18u);
    EXPECT_EQ(cells.at(members + row).type, "") << "a count is a number";
    EXPECT_EQ(cells.at(members + row).value, expect[i][2].dump());
    EXPECT_EQ(cells.at(grade + row).value, expect[i][3]);
    const XCell& day = cells.at(opened + row);
    EXPECT_EQ(day.type, "") << "a date is a date serial";
    EXPECT_GT(std::stod(day.value), 45000.0);  // after 2023
  }
  // Words, not codes: no cell holds a stored key (是否地灾隐患点 = no, a
  // source, a state), and no time is a UTC stamp.
  std::set<std::string> keys;
  auto add_keys = [&keys](const auto& entries) {
    for (const auto& e : entries) keys.insert(e.key);
  };
  add_keys(EnumTraits<YesNo>::entries());
  add_keys(EnumTraits<EvidenceSource>::entries());
  add_keys(EnumTraits<AssessMethod>::entries());
  add_keys(EnumTraits<RenovationState>::entries());
  for (const auto& [ref, cell] : cells) {
    if (cell.type != "inlineStr") continue;
    EXPECT_FALSE(keys.count(cell.value)) << ref << " holds the key " << cell.value;
    EXPECT_FALSE(std::regex_search(cell.value, std::regex("T\\d\\d:\\d\\d:\\d\\dZ"))) << ref << ": " << cell.value;
  }
  // Who exported it is in the file's properties and the audit log.
  const auto core = sheet_cells(path, "docProps/core.xml");  // no cells, but the file must open
  (void)core;
  VSILFILE* props = VSIFOpenL(("/vsizip/" + path + "/docProps/core.xml").c_str(), "rb");
  ASSERT_NE(props, nullptr);
  char buf[4096] = {};
  VSIFReadL(buf, 1, sizeof buf - 1, props);
  VSIFCloseL(props);
  EXPECT_NE(std::string(buf).find("<dc:creator>county</dc:creator>"), std::string::npos) << buf;
  auto audited = db_->query("SELECT count(*) FROM audit_log WHERE action = 'export.ledger' AND actor = 'county'");
  EXPECT_EQ(audited[0][0], 1);
  // The styles make dates dates and IDs text.
  VSILFILE* styles = VSIFOpenL(("/vsizip/" + path + "/xl/styles.xml").c_str(), "rb");
  ASSERT_NE(styles, nullptr);
  std::string s(8192, '\0');
  s.resize(VSIFReadL(s.data(), 1, s.size(), styles));
  VSIFCloseL(styles);
  EXPECT_NE(s.find("yyyy-mm-dd"), std::string::npos);
}

TEST_F(ApiLedger, ARoleThatMayNotSeeIdsExportsThemMaskedAndMayNotAskForMore) {
  const Client leader = as("leader");
  Reply asked = leader.send(bh::verb::post, "/api/v1/exports", json{{"kind", "ledger"}, {"full_id", true}}.dump());
  ASSERT_EQ(asked.status, 202) << asked.body;
  // The job fails: full IDs are not the leader's to see. (Waited for by its
  // own id: the newest job listed may be another, and the lane still busy.)
  const json refused = wait_for_job(leader, asked.json()["job"]["id"]);
  EXPECT_EQ(refused["status"], "failed");
  Reply posted = leader.send(bh::verb::post, "/api/v1/exports", json{{"kind", "ledger"}}.dump());
  ASSERT_EQ(posted.status, 202) << posted.body;
  const json job = wait_for_job(leader, posted.json()["job"]["id"]);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  Reply file = leader.get("/api/v1/jobs/" + std::to_string(job["id"].get<long>()) + "/file");
  const std::string path = (work_ / "ledger_masked.xlsx").string();
  std::ofstream(path, std::ios::binary) << file.body;
  const auto cells = sheet_cells(path, "xl/worksheets/sheet1.xml");
  const std::string idcol = column_of(cells, "身份证号");
  ASSERT_TRUE(cells.count(idcol + "3"));
  EXPECT_NE(cells.at(idcol + "3").value.find('*'), std::string::npos);
}

TEST_F(ApiLedger, EveryExportKindMakesAWorkbook) {
  const Client town = as("town");
  for (const char* kind : {"households", "field_tasks", "records", "summary"}) {
    Reply posted = town.send(bh::verb::post, "/api/v1/exports", json{{"kind", kind}}.dump());
    ASSERT_EQ(posted.status, 202) << kind << posted.body;
    const json job = wait_for_job(town, posted.json()["job"]["id"]);
    ASSERT_EQ(job["status"], "succeeded") << kind << job.dump();
    EXPECT_GT(job["result"]["rows"].get<long>(), 0) << kind;
    Reply file = town.get("/api/v1/jobs/" + std::to_string(job["id"].get<long>()) + "/file");
    EXPECT_EQ(file.status, 200) << kind;
    EXPECT_EQ(file.body.substr(0, 2), "PK") << kind;
  }
  // The summary has a line per village and the total.
  const json stats = town.get("/api/v1/statistics").json();
  EXPECT_EQ(stats["region_code"], "500229108000");
  EXPECT_GE(stats["rows"].size(), 2u);
  long unsafe_households = 0;
  for (const auto& row : stats["rows"]) unsafe_households += row["results"].value("unsafe", 0L);
  EXPECT_EQ(unsafe_households, stats["total"]["results"].value("unsafe", 0L));
}

}  // namespace
}  // namespace anju::testing
