// Change requests through the API on both engines (issue 8): a death, a new
// head of household, and a move to another county that needs the county and
// then the city; each applied with history and judged again.
#include "core/id_number.h"
#include "integration/api_fixture.h"

namespace anju::testing {
namespace {

class ApiChanges : public ApiFixture {
 protected:
  // Households of village 201, other than the one the matrix uses.
  static std::vector<std::string> households() {
    auto rows = db_->query("SELECT household_id FROM households WHERE region_code = '500229108200' AND household_id <> '" +
                           household_ + "' AND status = 'normal' ORDER BY 1 LIMIT 4");
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r[0]);
    return out;
  }
  static Reply raise(const Client& c, const std::string& id, const char* kind, const json& details) {
    return c.send(bh::verb::post, "/api/v1/change-requests",
                  json{{"household_id", id}, {"kind", kind}, {"details", details}, {"note", "村里上报"}}.dump());
  }
  static Reply decide(const Client& c, const json& change, const char* what, const std::string& reason = "") {
    return c.send(bh::verb::post, "/api/v1/change-requests/" + std::to_string(change["id"].get<long>()) + "/" + what,
                  json{{"version", change["version"]}, {"reason", reason}}.dump());
  }
};

TEST_F(ApiChanges, ADeathIsApprovedByTheCountyAndTheHouseholdIsExcluded) {
  const std::string id = households()[0];
  const Client clerk = as("clerk200"), county = as("county");
  EXPECT_EQ(raise(clerk, id, "deceased", json::object()).status, 400) << "the date is required";
  EXPECT_EQ(raise(as("worker200"), id, "deceased", {{"died_on", "2026-10-01"}}).status, 403);
  Reply raised = raise(clerk, id, "deceased", {{"died_on", "2026-10-01"}});
  ASSERT_EQ(raised.status, 201) << raised.body;
  EXPECT_EQ(raise(clerk, id, "deceased", {{"died_on", "2026-10-01"}}).status, 409) << "one open request a household";
  const json change = raised.json()["change"];
  EXPECT_EQ(decide(clerk, change, "approve").status, 403) << "the clerk does not decide";
  EXPECT_EQ(decide(as("town"), change, "approve").status, 403);
  Reply no_evidence = decide(county, change, "approve");
  EXPECT_EQ(no_evidence.status, 400) << "a death needs its certificate";
  const std::string png = tiny_png();
  const std::string upload = "/api/v1/change-requests/" + std::to_string(change["id"].get<long>()) + "/attachments";
  Reply file = clerk.send(bh::verb::post, upload + "?file_name=death.png", png);
  ASSERT_EQ(file.status, 201) << file.body;
  EXPECT_EQ(county.get(file.json()["attachment"]["url"].get<std::string>()).body, png);
  EXPECT_EQ(as("clerk204").get(file.json()["attachment"]["url"].get<std::string>()).status, 404);
  Reply approved = decide(county, change, "approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["change"]["state"], "approved");
  const json detail = clerk.get("/api/v1/households/" + id).json();
  EXPECT_EQ(detail["household"]["status"], "deceased");
  EXPECT_EQ(detail["judgment"]["result"], "excluded");
  EXPECT_EQ(decide(county, approved.json()["change"], "approve").status, 400) << "decided once";
  EXPECT_EQ(approved.json()["change"]["attachments"].size(), 1u);
  EXPECT_EQ(clerk.send(bh::verb::post, upload + "?file_name=late.png", png).status, 400) << "closed";
  const json audit = as("admin").get("/api/v1/audit?action=change.approve&object_id=" + id).json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["detail"]["applied"]["before"]["status"], "normal");
}

TEST_F(ApiChanges, ANewHeadNeedsAValidIdAndARejectionNeedsAReason) {
  const std::string id = households()[1];
  const Client clerk = as("clerk200"), county = as("county");
  EXPECT_EQ(raise(clerk, id, "head_change", {{"head_name", "李四"}, {"head_id_number", "500229199001011230"}}).status,
            400) << "a wrong check digit";
  std::string first17 = "50022919900101123";
  const std::string good = first17 + id_check_char(first17);
  Reply raised = raise(clerk, id, "head_change", {{"head_name", "李四"}, {"head_id_number", good}});
  ASSERT_EQ(raised.status, 201) << raised.body;
  EXPECT_EQ(raised.json()["change"]["details"]["head_id_number"], mask_id_number(good)) << "masked for a clerk";
  // The county sees the new head's number masked in the list unless it
  // asks; asking is audited; a clerk may not ask.
  const long change_id = raised.json()["change"]["id"];
  auto shown = [&](const std::string& query) {
    const Reply r = county.get("/api/v1/change-requests?state=submitted&page_size=200" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    for (const auto& item : page["items"])
      if (item["id"] == change_id) return item["details"].value("head_id_number", std::string());
    return std::string("(not listed)");
  };
  EXPECT_EQ(shown(""), mask_id_number(good));
  EXPECT_EQ(shown("&full_id=1"), good);
  // The list names the household's head beside its id.
  const json listed = county.get("/api/v1/change-requests?state=submitted&page_size=200").json();
  const auto head = db_->query("SELECT head_name FROM households WHERE household_id = '" + id + "'");
  bool found = false;
  for (const auto& item : listed["items"])
    if (item["id"] == change_id) {
      found = true;
      EXPECT_EQ(item["head_name"], head[0][0]);
    }
  EXPECT_TRUE(found);
  EXPECT_GE(db_->query("SELECT count(*) FROM audit_log WHERE actor = 'county' AND action = 'personal.view_full'"
                       " AND object_type = 'change_requests'")[0][0].get<long>(),
            1);
  EXPECT_EQ(clerk.get("/api/v1/change-requests?full_id=1").status, 403);
  EXPECT_EQ(decide(county, raised.json()["change"], "reject").status, 400);
  Reply rejected = decide(county, raised.json()["change"], "reject", "缺户口簿变更页");
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(rejected.json()["change"]["reason"], "缺户口簿变更页");
  // Raised again and approved: the household has its new head.
  Reply again = raise(clerk, id, "head_change", {{"head_name", "李四"}, {"head_id_number", good}});
  ASSERT_EQ(again.status, 201);
  ASSERT_EQ(decide(county, again.json()["change"], "approve").status, 200);
  const json h = clerk.get("/api/v1/households/" + id).json()["household"];
  EXPECT_EQ(h["head_name"], "李四");
  EXPECT_EQ(h["head_id_number"], mask_id_number(good));
}

TEST_F(ApiChanges, AMoveToAnotherCountyNeedsTheCountyAndTheCity) {
  const std::string id = households()[2];
  const Client clerk = as("clerk200");
  Reply raised = raise(clerk, id, "relocation", {{"region_code", "510104001001"}, {"address", "春熙路1号"}});
  ASSERT_EQ(raised.status, 201) << raised.body;
  Reply county = decide(as("county"), raised.json()["change"], "approve");
  ASSERT_EQ(county.status, 200) << county.body;
  EXPECT_EQ(county.json()["change"]["state"], "county_approved");
  EXPECT_EQ(clerk.get("/api/v1/households/" + id).json()["household"]["region_code"], "500229108200")
      << "not applied before the city decides";
  EXPECT_EQ(decide(as("county"), county.json()["change"], "approve").status, 403) << "the county decided already";
  Reply city = decide(as("city"), county.json()["change"], "approve");
  ASSERT_EQ(city.status, 200) << city.body;
  EXPECT_EQ(city.json()["change"]["state"], "approved");
  EXPECT_EQ(clerk.get("/api/v1/households/" + id).status, 404) << "it left the clerk's village";
  const json moved = as("admin").get("/api/v1/households/" + id).json();
  EXPECT_EQ(moved["household"]["region_code"], "510104001001");
  EXPECT_EQ(moved["household"]["address"], "春熙路1号");
  EXPECT_FALSE(moved["judgment"].is_null());
  // Within the county: the county alone decides.
  const std::string near = households()[2];
  Reply local = raise(clerk, near, "relocation", {{"region_code", "500229108204"}, {"address", "青山村2组"}});
  ASSERT_EQ(local.status, 201) << local.body;
  EXPECT_EQ(decide(as("county"), local.json()["change"], "approve").json()["change"]["state"], "approved");
  const json list = as("county").get("/api/v1/change-requests?state=approved").json();
  EXPECT_GE(list["total"].get<long>(), 1);
}

}  // namespace
}  // namespace anju::testing
