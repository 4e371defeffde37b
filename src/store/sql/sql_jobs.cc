// Background jobs (core/job.h) on both engines. The partial unique index
// jobs_one_per_lane turns a second active job of a lane into `conflict`.

#include "store/row_codec.h"
#include "store/sql/sql_transaction.h"

namespace anju::sql {
namespace {

// The lane (job_lane_key) is the store's to enforce; a run's region is read
// back from it.
constexpr const char* kJobColumns =
    "id, kind, status, actor, params, progress, rows, message, result, created_at, heartbeat_at,"
    " finished_at, lane";

Job read_job(const Statement& s) {
  Job j;
  j.id = s.integer(0);
  j.kind = stored_value(enum_parse<JobKind>(s.text(1)), "jobs.kind", s.text(1));
  j.status = stored_value(enum_from_key<JobStatus>(s.text(2)), "jobs.status", s.text(2));
  j.actor = s.text(3);
  j.params = s.text(4);
  j.progress = s.real(5);
  j.rows = s.integer(6);
  j.message = s.text(7);
  j.result = s.text(8);
  j.created_at = s.text(9);
  j.heartbeat_at = s.text(10);
  j.finished_at = s.is_null(11) ? "" : s.text(11);
  j.region = lane_region(s.text(12)).value_or("");
  return j;
}

}  // namespace

Result<void> SqlTransaction::check_run_overlap(const Job& job, const std::string& lane) {
  const auto region = lane_region(lane);
  if (!region) return {};
  const std::string family = lane.substr(0, lane.find(':'));
  // The family's row stays locked until the commit: an overlapping insert
  // waits here and then sees this job (PostgreSQL; SQLite has one writer).
  ANJU_TRY(conn_.prepare("UPDATE job_lanes SET inserts = inserts + 1 WHERE family = ?1").bind(1, family).run());
  std::optional<std::pair<long, std::string>> busy;
  auto& s = conn_.prepare("SELECT id, lane FROM jobs WHERE status IN ('queued', 'running')"
                          " AND (lane = ?1 OR lane LIKE ?2) ORDER BY id");
  ANJU_TRY(each_row(s.bind(1, family).bind(2, family + ":%"), [&](const Statement& r) {
    const auto other = lane_region(r.text(1));
    if (!busy && other && regions_overlap(*other, *region)) busy.emplace(r.integer(0), *other);
  }));
  if (!busy) return {};
  return make_error(ErrorCode::conflict, std::string("区划 ") + busy->second + " 的" + enum_name(job.kind) +
                                             "任务（编号 " + std::to_string(busy->first) +
                                             "）尚未结束，与本次的范围重叠，请等它结束后再试");
}

Result<long> SqlTransaction::insert_job(const Job& job) {
  const std::string lane = job_lane_key(job);
  ANJU_TRY(check_run_overlap(job, lane));
  long id = 0;
  auto& s = conn_.prepare(
      "INSERT INTO jobs(kind, lane, status, actor, params, message, created_at, heartbeat_at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT DO NOTHING RETURNING id");
  s.bind(1, enum_key(job.kind))
      .bind(2, lane)
      .bind(3, enum_key(job.status))
      .bind(4, job.actor);
  s.bind(5, job.params).bind(6, job.message).bind(7, job.created_at);
  ANJU_TRY(each_row(s, [&](const Statement& r) { id = r.integer(0); }));
  if (id == 0) return make_error(ErrorCode::conflict, "已有同类任务在运行，请等它结束后再试");
  return id;
}

Result<std::optional<Job>> SqlTransaction::find_job(long id) {
  static const std::string sql = std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?";
  std::optional<Job> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()).bind(1, id), [&](const Statement& r) { out = read_job(r); }));
  return out;
}

Result<std::vector<Job>> SqlTransaction::list_jobs(long limit, const std::string& actor) {
  static const std::string sql = std::string("SELECT ") + kJobColumns +
                                 " FROM jobs WHERE ?2 = '' OR actor = ?2 ORDER BY id DESC LIMIT ?1";
  std::vector<Job> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()).bind(1, limit).bind(2, actor),
                    [&](const Statement& r) { out.push_back(read_job(r)); }));
  return out;
}

Result<void> SqlTransaction::update_job(const Job& job) {
  auto& s = conn_.prepare(
      "UPDATE jobs SET status = ?2, progress = ?3, rows = ?4, message = ?5, heartbeat_at = ?6,"
      " result = coalesce(?7, result), finished_at = coalesce(?8, finished_at) WHERE id = ?1");
  s.bind(1, job.id).bind(2, enum_key(job.status)).bind(3, job.progress).bind(4, job.rows);
  s.bind(5, job.message).bind(6, job.heartbeat_at);
  if (job.finished_at.empty()) s.bind_null(7).bind_null(8);
  else s.bind(7, job.result).bind(8, job.finished_at);
  ANJU_TRY(s.run());
  if (conn_.changes() != 1) return make_error(ErrorCode::not_found, "没有这个任务");
  return {};
}

Result<void> SqlTransaction::touch_jobs(const std::vector<long>& ids, const std::string& at) {
  auto& s = conn_.prepare("UPDATE jobs SET heartbeat_at = ?2 WHERE id = ?1 AND status IN ('queued', 'running')");
  for (long id : ids) ANJU_TRY(s.bind(1, id).bind(2, at).run());
  return {};
}

Result<long> SqlTransaction::fail_stale_jobs(const std::string& before, const std::string& at) {
  ANJU_TRY(conn_.prepare("UPDATE jobs SET status = 'failed', message = '任务所在的服务器已停止，任务中断；请重新提交',"
                         " finished_at = ?2 WHERE status IN ('queued', 'running') AND heartbeat_at < ?1")
               .bind(1, before).bind(2, at).run());
  return conn_.changes();
}

}  // namespace anju::sql
