// Field writes a phone may send twice (issue 24): every visit, appraisal and
// photo carries an Idempotency-Key; the same key again gets the first answer
// and makes no second row, the same key with another body is refused (422),
// on both engines.
#include <algorithm>
#include <thread>

#include "integration/api_fixture.h"

namespace anju::testing {
namespace {

class ApiOnce : public ApiFixture {
 protected:
  // The n-th open task of village 201 with no graded assessment (a
  // `no_prior` visit is always allowed there): each test takes its own.
  static std::string open_task(int n, bool any_grade = false) {
    auto rows = db_->query(
        std::string("SELECT t.id FROM field_tasks t JOIN judgments j ON j.household_id = t.household_id"
                    " WHERE t.region_code = '500229108200' AND t.status = 'open'") +
        (any_grade ? "" : " AND j.grade IS NULL") +
        " AND (t.assignee IS NULL OR t.assignee = '' OR t.assignee = 'worker200')"
        " ORDER BY t.id LIMIT 1 OFFSET " + std::to_string(n));
    return rows.empty() ? "" : rows[0][0].dump();
  }
  static long rows_of(const std::string& table, const std::string& task) {
    return db_->query("SELECT count(*) FROM " + table + " WHERE task_id = " + task)[0][0].get<long>();
  }
  static long version_of(const Client& c, const std::string& task) {
    return c.get("/api/v1/field-tasks/" + task).json()["task"]["version"];
  }
  static Headers key(const std::string& k) { return {{"Idempotency-Key", k}}; }
  static bool replayed(const Reply& r) {
    return std::find(r.header_names.begin(), r.header_names.end(), "Idempotent-Replayed") != r.header_names.end();
  }
  static std::string visit_body(long version, const std::string& notes) {
    return json{{"version", version}, {"visited_on", "2026-11-20"}, {"outcome", "no_prior"}, {"notes", notes}}.dump();
  }
};

TEST_F(ApiOnce, TheSameVisitTwiceIsOneVisitAndTheFirstAnswer) {
  const std::string task = open_task(0);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  const std::string body = visit_body(version_of(worker, task), "第一次");
  Reply first = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body, key("visit-a-1"));
  ASSERT_EQ(first.status, 200) << first.body;
  // The phone lost the answer and sends the same again: the version it
  // carries is stale now, yet it gets the first answer, not a conflict.
  Reply again = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body, key("visit-a-1"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.body, first.body);
  EXPECT_TRUE(replayed(again));
  EXPECT_FALSE(replayed(first));
  EXPECT_EQ(rows_of("visits", task), 1);
  // The same key with another body is refused and changes nothing.
  Reply other = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits",
                            visit_body(first.json()["task"]["version"], "另一份"), key("visit-a-1"));
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_NE(other.body.find("Idempotency-Key"), std::string::npos);
  EXPECT_EQ(rows_of("visits", task), 1);
  // Without a key, a repeat is checked as before: stale (409), not a second row.
  EXPECT_EQ(worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body).status, 409);
  EXPECT_EQ(rows_of("visits", task), 1);
}

TEST_F(ApiOnce, ARetryAfterTheServerStoppedBeforeKeepingTheAnswerMakesNoSecondRow) {
  const std::string task = open_task(1);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  const std::string body = visit_body(version_of(worker, task), "断电");
  ASSERT_EQ(worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body, key("visit-b-1")).status, 200);
  // As if the server had stopped between the write and keeping its answer.
  ASSERT_EQ(db_->exec("UPDATE client_writes SET status = NULL, answer = NULL WHERE client_key = 'visit-b-1'"), "");
  Reply again = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body, key("visit-b-1"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["replayed"], true);
  EXPECT_EQ(rows_of("visits", task), 1);
}

TEST_F(ApiOnce, AnAppraisalAndAPhotoRetriedAreKeptOnce) {
  const std::string task = open_task(2);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  const std::string photos = "/api/v1/field-tasks/" + task + "/attachments?kind=photo&file_name=east.png";
  Reply photo = worker.send(bh::verb::post, photos, tiny_png(), key("photo-c-1"));
  ASSERT_EQ(photo.status, 201) << photo.body;
  Reply again = worker.send(bh::verb::post, photos, tiny_png(), key("photo-c-1"));
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, photo.body);
  EXPECT_EQ(rows_of("attachments", task), 1);
  // Another file under the same key: refused.
  EXPECT_EQ(worker.send(bh::verb::post, photos, tiny_png() + std::string(1, '\0'), key("photo-c-1")).status, 422);
  EXPECT_EQ(rows_of("attachments", task), 1);

  const json appraisal = {{"version", version_of(worker, task)}, {"prevention", "partial"}, {"method", "technical"},
                          {"appraiser", "镇建设服务中心"}, {"appraised_on", "2026-11-21"},
                          {"parts", {{{"part", "walls"}, {"grade", "c"}}}}};
  Reply done = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/appraisals", appraisal.dump(),
                           key("appraisal-c-1"));
  ASSERT_EQ(done.status, 200) << done.body;
  Reply twice = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/appraisals", appraisal.dump(),
                            key("appraisal-c-1"));
  EXPECT_EQ(twice.status, 200);
  EXPECT_EQ(twice.body, done.body);
  EXPECT_EQ(rows_of("appraisals", task), 1);
}

// A photo sent in parts: a part sent twice (its answer lost) is kept once,
// the server says where it is, and the write takes the whole file once.
TEST_F(ApiOnce, APhotoSentInPartsGoesOnFromWhereTheServerIs) {
  const std::string task = open_task(1, /*any_grade=*/true);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  const std::string png = tiny_png();
  const std::string head = png.substr(0, 30), tail = png.substr(30);
  EXPECT_EQ(worker.get("/api/v1/uploads/photo-e-1").json()["received"], 0);
  Reply first = worker.send(bh::verb::patch, "/api/v1/uploads/photo-e-1?offset=0", head);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["received"], 30);
  // The same part again: refused, nothing kept twice, and where to go on.
  Reply again = worker.send(bh::verb::patch, "/api/v1/uploads/photo-e-1?offset=0", head);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(worker.get("/api/v1/uploads/photo-e-1").json()["received"], 30);
  // Another user does not see this user's upload.
  EXPECT_EQ(as("worker200b").get("/api/v1/uploads/photo-e-1").json()["received"], 0);
  const std::string photos = "/api/v1/field-tasks/" + task + "/attachments?kind=photo&file_name=east.png&upload=photo-e-1";
  const std::string whole = "&bytes=" + std::to_string(png.size());
  // Not all there yet: refused, and the key stays free.
  EXPECT_EQ(worker.send(bh::verb::post, photos + whole, "", key("photo-e-1")).status, 400);
  ASSERT_EQ(worker.send(bh::verb::patch, "/api/v1/uploads/photo-e-1?offset=30", tail).status, 200);
  EXPECT_EQ(worker.send(bh::verb::post, photos, "", key("photo-e-1")).status, 400) << "bytes is required";
  Reply done = worker.send(bh::verb::post, photos + whole, "", key("photo-e-1"));
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.json()["attachment"]["bytes"], static_cast<long>(png.size()));
  Reply twice = worker.send(bh::verb::post, photos + whole, "", key("photo-e-1"));
  EXPECT_EQ(twice.body, done.body);
  EXPECT_EQ(rows_of("attachments", task), 1);
  const std::string url = done.json()["attachment"]["url"];
  EXPECT_EQ(worker.get(url).body, png);
  EXPECT_EQ(worker.send(bh::verb::patch, "/api/v1/uploads/a%20b?offset=0", head).status, 400);
}

// A key is the user's own, and only a write that was done claims it.
TEST_F(ApiOnce, AKeyIsTheUsersOwnAndAFailedWriteClaimsNone) {
  const std::string mine = open_task(2, /*any_grade=*/true), theirs = open_task(3, /*any_grade=*/true);
  ASSERT_FALSE(mine.empty());
  ASSERT_FALSE(theirs.empty());
  const Client worker = as("worker200"), other = as("worker200b");
  // Stale: refused, and the key stays free for the write done right.
  EXPECT_EQ(worker.send(bh::verb::post, "/api/v1/field-tasks/" + mine + "/visits", visit_body(999, "旧版本"),
                        key("shared-1")).status, 409);
  Reply done = worker.send(bh::verb::post, "/api/v1/field-tasks/" + mine + "/visits",
                           visit_body(version_of(worker, mine), "新版本"), key("shared-1"));
  ASSERT_EQ(done.status, 200) << done.body;
  Reply theirs_done = other.send(bh::verb::post, "/api/v1/field-tasks/" + theirs + "/visits",
                                 visit_body(version_of(other, theirs), "另一位队员"), key("shared-1"));
  ASSERT_EQ(theirs_done.status, 200) << theirs_done.body;
  EXPECT_FALSE(replayed(theirs_done)) << "another user's key is another key";
  EXPECT_EQ(rows_of("visits", mine), 1);
  EXPECT_EQ(rows_of("visits", theirs), 1);
}

// A photo made smaller on the phone has lost its EXIF: when and where it
// was taken come beside it, are kept where the file has none, and are
// checked like any parameter.
TEST_F(ApiOnce, APhotosCameraFactsComeBesideIt) {
  const std::string task = open_task(4, /*any_grade=*/true);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  const std::string base = "/api/v1/field-tasks/" + task + "/attachments?kind=photo&file_name=a.jpg";
  Reply bad = worker.send(bh::verb::post, base + "&taken_at=2026-13-01T10:00:00", tiny_png());
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("taken_at"), std::string::npos);
  EXPECT_EQ(worker.send(bh::verb::post, base + "&lon=108.6", tiny_png()).status, 400) << "lon without lat";
  EXPECT_EQ(worker.send(bh::verb::post, base + "&lon=208.6&lat=31.8", tiny_png()).status, 400);
  EXPECT_EQ(rows_of("attachments", task), 0);
  Reply kept = worker.send(bh::verb::post, base + "&taken_at=2026-11-20T09:15:00&lon=108.61&lat=31.82", tiny_png());
  ASSERT_EQ(kept.status, 201) << kept.body;
  const json a = kept.json()["attachment"];
  EXPECT_EQ(a["taken_at"], "2026-11-20T09:15:00");
  EXPECT_DOUBLE_EQ(a["lon"].get<double>(), 108.61);
  EXPECT_DOUBLE_EQ(a["lat"].get<double>(), 31.82);
}

TEST_F(ApiOnce, TwoCopiesSentAtOnceMakeOneVisit) {
  const std::string task = open_task(3);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  const std::string body = visit_body(version_of(worker, task), "同时");
  int status[2] = {0, 0};
  std::thread a([&] { status[0] = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body,
                                              key("visit-d-1")).status; });
  std::thread b([&] { status[1] = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body,
                                              key("visit-d-1")).status; });
  a.join();
  b.join();
  EXPECT_EQ(status[0], 200);
  EXPECT_EQ(status[1], 200);
  EXPECT_EQ(rows_of("visits", task), 1);
}

TEST_F(ApiOnce, AKeyThatIsNoKeyIsRefusedNamingTheHeader) {
  const std::string task = open_task(0, /*any_grade=*/true);
  ASSERT_FALSE(task.empty());
  const Client worker = as("worker200");
  const std::string body = visit_body(version_of(worker, task), "坏编号");
  for (const std::string& bad : {std::string(101, 'a'), std::string("带中文"), std::string("a b"), std::string("")}) {
    Reply r = worker.send(bh::verb::post, "/api/v1/field-tasks/" + task + "/visits", body, key(bad));
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_NE(r.body.find("Idempotency-Key"), std::string::npos) << r.body;
  }
  EXPECT_EQ(rows_of("visits", task), 0);
}

}  // namespace
}  // namespace anju::testing
