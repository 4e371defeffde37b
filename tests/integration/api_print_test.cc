// Paper through the API on both engines (issue 25), each PDF read back with
// poppler as a person checks it: the household's name, its grade, the
// signature lines and every page number; the ledger landscape with its
// header on every page; the appraisal form with its parts, photo and
// appraiser; the acceptance form and the spot-check list; a village's
// files as a job whose first page renders. Masked unless asked and
// allowed; every print audited.
#include <fstream>

#include "integration/api_fixture.h"
#include "report/pdf_text_testing.h"

namespace anju::testing {
namespace {

class ApiPrint : public ApiFixture {
 protected:
  // The reply's PDF kept in a file for poppler (and in $ANJU_ARTIFACTS,
  // when set, for a person to look at).
  static std::string saved(const Reply& r, const std::string& name) {
    const std::string path = (work_ / name).string();
    std::ofstream(path, std::ios::binary) << r.body;
    if (const char* keep = std::getenv("ANJU_ARTIFACTS")) {
      std::error_code ec;
      fs::create_directories(keep, ec);
      fs::copy_file(path, fs::path(keep) / name, fs::copy_options::overwrite_existing, ec);
    }
    return path;
  }
  static std::string first_of(const std::string& sql) {
    auto rows = db_->query(sql);
    return rows.empty() ? "" : text(rows[0][0]);
  }
  static void every_page_numbered(const std::string& path) {
    const auto pages = pdf_pages(path);
    ASSERT_FALSE(pages.empty()) << path;
    for (size_t n = 1; n <= pages.size(); ++n)
      EXPECT_NE(squeezed(pages[n - 1]).find("第" + std::to_string(n) + "页共" + std::to_string(pages.size()) + "页"),
                std::string::npos)
          << path << " page " << n;
  }
};

TEST_F(ApiPrint, AHouseholdFileNamesTheHeadTheGradeAndTheSignatureLinesMasked) {
  const std::string id = first_of(
      "SELECT j.household_id FROM judgments j JOIN households h ON h.household_id = j.household_id"
      " WHERE j.result = 'unsafe' AND h.region_code LIKE '500229108%' ORDER BY 1");
  ASSERT_FALSE(id.empty());
  const std::string head = first_of("SELECT head_name FROM households WHERE household_id = '" + id + "'");
  const std::string number = first_of("SELECT head_id_number FROM households WHERE household_id = '" + id + "'");
  const std::string grade = first_of("SELECT grade FROM judgments WHERE household_id = '" + id + "'");
  const Client town = as("town");
  const Reply r = town.get("/api/v1/print/household?household=" + id);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/pdf");
  EXPECT_NE(r.content_disposition.find(".pdf"), std::string::npos) << r.content_disposition;
  const std::string path = saved(r, "household.pdf");
  const std::string all = pdf_text(path);
  for (const std::string& s : {std::string("农户档案（一户一档）"), head, grade + "级", std::string("村级填报人："),
                               std::string("镇级审核人："), std::string("县级审核人："), std::string("高燕镇")})
    EXPECT_NE(all.find(s), std::string::npos) << s;
  EXPECT_EQ(all.find(number), std::string::npos) << "the ID number is masked";
  every_page_numbered(path);
  // Asked and allowed: the whole number, and the read is on record.
  const Reply full = town.get("/api/v1/print/record?household=" + id + "&full_id=1");
  ASSERT_EQ(full.status, 200) << full.body;
  const std::string record = pdf_text(saved(full, "record.pdf"));
  EXPECT_NE(record.find(number), std::string::npos);
  EXPECT_NE(record.find("四类信息表"), std::string::npos);
  EXPECT_NE(record.find("县级审核人："), std::string::npos);
  EXPECT_EQ(as("leader").get("/api/v1/print/record?household=" + id + "&full_id=1").status, 403)
      << "a role that may not see whole numbers may not print them";
  auto audited = db_->query("SELECT action, detail FROM audit_log WHERE action LIKE 'print.%' AND object_id = '" + id +
                            "' ORDER BY id");
  ASSERT_GE(audited.size(), 2u) << audited.dump();
  // The audit page reads it in words: the action, the object, the detail.
  const json log = as("admin").get("/api/v1/audit?action=print.record&object_id=" + id).json();
  ASSERT_EQ(log["total"], 1) << log.dump();
  const json& entry = log["items"][0];
  EXPECT_EQ(entry["action_name"], "打印四类信息表");
  EXPECT_EQ(entry["object_type_name"], "农户");
  EXPECT_NE(entry["detail_text"].get<std::string>().find("含完整证件号：是"), std::string::npos) << entry.dump();
  EXPECT_NE(entry["detail_text"].get<std::string>().find("页数："), std::string::npos) << entry.dump();
  EXPECT_EQ(entry["actor_name"], "town");
}

TEST_F(ApiPrint, TheTownLedgerIsLandscapeWithItsHeaderOnEveryPage) {
  const Reply r = as("town").get("/api/v1/print/ledger?region=500229108000&status=all");
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string path = saved(r, "ledger.pdf");
  const std::string info = command_output("pdfinfo '" + path + "'");
  EXPECT_NE(info.find("841.89 x 595.276"), std::string::npos) << info;
  const auto pages = pdf_pages(path);
  ASSERT_FALSE(pages.empty());
  for (const std::string& page : pages) {
    EXPECT_NE(page.find("户主姓名"), std::string::npos);
    EXPECT_NE(page.find("身份证号"), std::string::npos);
  }
  const long rows = std::stol(first_of(
      "SELECT count(*) FROM ledger_entries e JOIN households h ON h.household_id = e.household_id"
      " WHERE h.region_code LIKE '500229108%'"));
  EXPECT_NE(pdf_text(path).find("共 " + std::to_string(rows) + " 条"), std::string::npos);
  EXPECT_NE(pages.back().find("销号原因"), std::string::npos) << "all entries: when and why each left too";
  every_page_numbered(path);
  EXPECT_EQ(as("town").get("/api/v1/print/ledger?status=bogus").status, 400);
}

TEST_F(ApiPrint, AnAppraisalFormShowsEachPartTheGradeThePhotoAndTheAppraiser) {
  const std::string task = first_of("SELECT min(id) FROM field_tasks WHERE region_code = '500229108200' AND status = 'open'");
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  json t = worker.get("/api/v1/field-tasks/" + task).json()["task"];
  const std::string household = t["household_id"];
  ASSERT_EQ(worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits",
                        json{{"version", t["version"]}, {"visited_on", "2026-11-20"}, {"outcome", "changed"}}.dump())
                .status,
            200);
  ASSERT_EQ(worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/attachments?kind=photo&file_name=东立面.png",
                        tiny_png())
                .status,
            201);
  t = worker.get("/api/v1/field-tasks/" + task).json()["task"];
  const Reply done = worker.send(
      bh::verb::post, "/api/v1/field-tasks/" + task + "/appraisals",
      json{{"version", t["version"]}, {"site_dangerous", false}, {"prevention", "partial"}, {"method", "technical"},
           {"appraiser", "高燕镇村镇建设服务中心"}, {"appraised_on", "2026-11-21"},
           {"parts", {{{"part", "foundation"}, {"grade", "a"}}, {{"part", "walls"}, {"grade", "c"}}}}}
          .dump());
  ASSERT_EQ(done.status, 200) << done.body;
  const Reply r = worker.get("/api/v1/print/appraisal?household=" + household);
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string path = saved(r, "appraisal.pdf");
  const std::string all = pdf_text(path);
  for (const char* s : {"农村住房安全性鉴定表", "地基基础", "c级", "C级", "高燕镇村镇建设服务中心", "技术人员评估（镇组织）",
                        "东立面.png", "鉴定人：", "2026-11-21"})
    EXPECT_NE(all.find(s), std::string::npos) << s;
  EXPECT_NE(command_output("pdfimages -list '" + path + "'").find("jpeg"), std::string::npos)
      << "the photo's thumbnail is embedded as a JPEG";
  every_page_numbered(path);
  EXPECT_EQ(worker.get("/api/v1/print/appraisal?household=" + household + "&id=99999999").status, 404);
}

TEST_F(ApiPrint, TheAcceptanceFormAndTheSpotCheckListPrint) {
  const std::string id = first_of(
      "SELECT e.household_id FROM ledger_entries e JOIN households h ON h.household_id = e.household_id"
      " WHERE h.region_code LIKE '500229108%' AND e.closed_on IS NULL ORDER BY 1 DESC");
  ASSERT_FALSE(id.empty());
  const Client town = as("town"), county = as("county");
  const Reply made = town.send(bh::verb::post, "/api/v1/renovations",
                               json{{"household_id", id}, {"method", "repair"}, {"build_mode", "self_build"},
                                    {"area_m2", 60.5}, {"subsidy_central", 12345.67}}
                                   .dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const long renovation = made.json()["renovation"]["id"];
  const Reply r = county.get("/api/v1/print/acceptance?id=" + std::to_string(renovation));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string path = saved(r, "acceptance.pdf");
  const std::string all = pdf_text(path);
  for (const char* s : {"农村危房改造竣工验收表", "60.5", "12345.67", "验收照片", "乡镇验收人员：", "县住建部门："})
    EXPECT_NE(all.find(s), std::string::npos) << s;
  every_page_numbered(path);
  EXPECT_EQ(as("sc_clerk").get("/api/v1/print/acceptance?id=" + std::to_string(renovation)).status, 404);

  const Reply drawn = county.send(bh::verb::post, "/api/v1/samples",
                                  R"({"county_code":"500229000000","count":3,"seed":4242})");
  ASSERT_EQ(drawn.status, 201) << drawn.body;
  const json sample = drawn.json();
  const Reply list = county.get("/api/v1/print/sample?id=" + std::to_string(sample["sample_id"].get<long>()));
  ASSERT_EQ(list.status, 200) << list.body;
  const std::string listed = pdf_text(saved(list, "sample.pdf"));
  EXPECT_NE(listed.find("县级抽查核实清单"), std::string::npos);
  EXPECT_NE(listed.find("随机种子 4242"), std::string::npos);
  for (const auto& h : sample["households"]) EXPECT_NE(listed.find(h.get<std::string>()), std::string::npos) << h;
  EXPECT_EQ(as("sc_clerk").get("/api/v1/print/sample?id=" + std::to_string(sample["sample_id"].get<long>())).status,
            404);
}

TEST_F(ApiPrint, AVillagesFilesAreOneJobWhoseFirstPageRenders) {
  const Client town = as("town");
  const Reply posted = town.send(bh::verb::post, "/api/v1/prints", R"({"region":"500229108200"})");
  ASSERT_EQ(posted.status, 202) << posted.body;
  const json job = wait_for_job(town, posted.json()["job"]["id"]);
  ASSERT_EQ(job["status"], "succeeded") << job.dump();
  const long households = std::stol(first_of("SELECT count(*) FROM households WHERE region_code = '500229108200'"));
  EXPECT_EQ(job["rows"], households);
  const Reply file = town.get("/api/v1/jobs/" + std::to_string(job["id"].get<long>()) + "/file");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.content_type, "application/pdf");
  const std::string path = saved(file, "village.pdf");
  const auto pages = pdf_pages(path);
  EXPECT_GE(static_cast<long>(pages.size()), households) << "each household starts a page";
  every_page_numbered(path);
  command_output("pdftoppm -r 40 -png -singlefile '" + path + "' '" + (work_ / "village").string() + "'");
  std::error_code ec;
  EXPECT_GT(fs::file_size(work_ / "village.png", ec), 1000u) << ec.message();
  // Not above a town, not for a field worker, and typed fields only.
  const Reply county = as("county").send(bh::verb::post, "/api/v1/prints", R"({"region":"500229000000"})");
  EXPECT_EQ(county.status, 400) << "a county's files are refused before any job starts";
  EXPECT_NE(county.body.find("请选择一个村或乡镇"), std::string::npos) << county.body;
  EXPECT_EQ(as("clerk204").send(bh::verb::post, "/api/v1/prints", R"({"region":"500229108200"})").status, 404)
      << "another village's files";
  EXPECT_EQ(as("leader").send(bh::verb::post, "/api/v1/prints", R"({"full_id":true})").status, 403);
  EXPECT_EQ(as("worker200").send(bh::verb::post, "/api/v1/prints", R"({"region":"500229108200"})").status, 403);
  EXPECT_EQ(town.send(bh::verb::post, "/api/v1/prints", R"({"full_id":"yes"})").status, 400);
  EXPECT_EQ(town.get("/api/v1/print/bogus").status, 404);
  EXPECT_EQ(town.get("/api/v1/print/household").status, 400);
  EXPECT_EQ(town.get("/api/v1/print/acceptance?id=12abc").status, 400);
}

}  // namespace
}  // namespace anju::testing
