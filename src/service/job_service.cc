#include "service/job_service.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <thread>

#include "core/access.h"
#include "core/date.h"
#include "report/import_report_json.h"
#include "service/audit_service.h"
#include "service/census_service.h"
#include "service/export_service.h"
#include "service/import_service.h"
#include "service/retry.h"

namespace anju {
namespace {

Result<void> write_job(Store& store, const Job& job) {
  auto tx = store.begin(TxMode::write);
  if (!tx) return tx.error();
  ANJU_TRY((*tx)->jobs().update_job(job));
  return (*tx)->commit();
}

Action job_action(JobKind kind) {
  if (kind == JobKind::import_regions) return Action::manage_regions;
  switch (job_lane(kind)) {
    case JobLane::import:
      return Action::import_data;
    case JobLane::exports:
      return Action::export_lists;
    case JobLane::match:
    case JobLane::judge:
      break;
  }
  return Action::run_jobs;
}

nlohmann::json import_result(TemplateKind kind, const ImportReport& report) {
  nlohmann::json j = import_report_to_json(report);
  j["template"] = enum_key(kind);
  // For the error workbook's 待修改行 only (job_json leaves them out).
  j["rejected"] = rejected_rows_json(kind, report);
  j["extra_headers"] = report.extra_headers;
  return j;
}

Result<ImportReport> import_file(Store& store, TemplateKind t, const std::string& path,
                                 const FileImportParams& p, const ImportOptions& options,
                                 const Clock& clock) {
  switch (t) {
    case TemplateKind::households: return import_households(store, path, options, clock);
    case TemplateKind::buildings:
      return import_buildings(store, path, p.srs, options, clock, p.layer);
    case TemplateKind::evidence:
      return import_evidence(store, path, *p.source, options, clock);
    case TemplateKind::disasters: return import_disasters(store, path, options, clock);
    case TemplateKind::regions:
      return import_regions(store, path, options, clock);
  }
  return make_error(ErrorCode::invalid, "不支持的导入类型");
}

// Removes a job's file when the job is done with it.
struct RemoveFile {
  std::string path;
  ~RemoveFile() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove(path, ec);
  }
};

JobWork import_work(Store& store, const User& user, TemplateKind t, JobParams params,
                    const std::string& path, const Clock& clock) {
  return [&store, user, &clock, t, params = std::move(params),
          path](JobProgress& p) -> Result<nlohmann::json> {
    RemoveFile remove{path};
    ImportOptions options;
    options.actor = user.name;
    options.scope = user.region_code;
    options.on_progress = [&p](double fraction, long rows) {
      p.update(fraction, rows, "正在导入");
    };
    Result<ImportReport> report = make_error(ErrorCode::invalid, "不支持的导入类型");
    if (const auto* builtin = std::get_if<BuiltinRegionsParams>(&params)) {
      // No file: the national table built in, all of it or under a prefix.
      report = import_builtin_regions(store, builtin->prefix, options, clock);
    } else {
      const auto& file = std::get<FileImportParams>(params);
      options.invalid_rows = file.invalid_rows;
      report = import_file(store, t, path, file, options, clock);
    }
    if (!report) return report.error();
    return import_result(t, *report);
  };
}

JobWork match_work(Store& store, const User& user, const std::string& region, const Clock& clock) {
  return [&store, user, region, &clock](JobProgress& p) -> Result<nlohmann::json> {
    p.update(0, 0, "正在进行人房对应");
    auto s = run_match(store, region, user.name, clock);
    if (!s) return s.error();
    return nlohmann::json{{"region", region},
                          {"households", s->households},
                          {"outcomes", s->outcomes},
                          {"shared", s->shared},
                          {"parcel_not_found", s->parcel_not_found}};
  };
}

JobWork judge_work(Store& store, const User& user, const std::string& region, const Clock& clock) {
  return [&store, user, region, &clock](JobProgress& p) -> Result<nlohmann::json> {
    p.update(0, 0, "正在初判");
    JudgeOverrides run;
    run.region = region;
    auto s = run_judge(store, run, user.name, clock);
    if (!s) return s.error();
    return nlohmann::json{{"region", region},
                          {"households", s->households},
                          {"results", s->results},
                          {"reasons", s->reasons},
                          {"changed", s->changed},
                          {"tasks_opened", s->tasks_opened},
                          {"tasks_closed", s->tasks_closed},
                          {"ledger_opened", s->ledger_opened},
                          {"ledger_closed", s->ledger_closed},
                          {"as_of", s->settings.as_of.to_string()},
                          {"cutoff", s->settings.cutoff.to_string()}};
  };
}

JobWork export_work(Store& store, const User& user, ExportRequest request, const std::string& path,
                    const Clock& clock) {
  return [&store, user, &clock, request = std::move(request),
          path](JobProgress& p) -> Result<nlohmann::json> {
    p.update(0, 0, "正在导出");
    auto done = run_export(
        store, user, request, path, kMaxExportRows,
        [&p](long rows, long total) {
          p.update(total > 0 ? static_cast<double>(rows) / static_cast<double>(total) : 0.5, rows,
                   "正在导出");
        },
        clock);
    if (!done) {
      RemoveFile remove{path};
      return done.error();
    }
    return nlohmann::json{{"rows", done->rows}, {"file_name", done->file_name}, {"file", path}};
  };
}

JobWork print_work(Store& store, const User& user, PrintRequest request, const std::string& path,
                   const FileStore& files, const Clock& clock) {
  return [&store, user, &clock, request = std::move(request), path, files](JobProgress& p) -> Result<nlohmann::json> {
    p.update(0, 0, "正在打印");
    auto done = run_print(
        store, user, files, request, path,
        [&p](long n, long total) {
          p.update(total > 0 ? static_cast<double>(n) / static_cast<double>(total) : 0.5, n,
                   "正在排版第 " + std::to_string(n) + " 户，共 " + std::to_string(total) + " 户");
        },
        clock);
    if (!done) {
      RemoveFile remove{path};
      return done.error();
    }
    return nlohmann::json{{"rows", done->households}, {"pages", done->pages}, {"file_name", done->file_name},
                          {"file", path}};
  };
}

Result<Job> insert_new_job(Store& store, const User& user, JobKind kind, const JobParams& params,
                           const std::string& region, const Clock& clock) {
  const std::string now = clock.now_iso();
  auto tx = store.begin(TxMode::write);
  if (!tx) return tx.error();
  // Where jobs report a heartbeat, a silent one is dead (its server
  // stopped); on SQLite the server fails them when it starts.
  if (store.concurrent_writes()) {
    const auto stale = parse_iso_seconds(now);
    ANJU_TRY((*tx)->jobs().fail_stale_jobs(
        iso_from_seconds((stale ? *stale : 0) - kJobStaleSeconds), now));
  }
  Job job;
  job.kind =
      kind;  // its lane (job_lane_key): one import, match or judgment at a time, one export a user
  job.actor = user.name;
  job.region = region;
  const nlohmann::json stored = job_params_json(params);
  job.params = stored.dump();
  job.message = "等待开始";
  job.created_at = now;
  job.heartbeat_at = now;
  auto id = (*tx)->jobs().insert_job(job);
  if (!id) return id.error();
  job.id = *id;
  ANJU_TRY(audit((*tx)->audit(), clock, user.name, "job.create", "job", std::to_string(job.id),
                 {{"kind", enum_key(job.kind)}, {"params", stored}}));
  ANJU_TRY((*tx)->commit());
  (void)chain_audit_log(store);
  return job;
}

}  // namespace

Result<Job> create_job(Store& store, const User& user, JobKind kind, const JobParams& requested,
                       const Clock& clock) {
  ANJU_TRY(check_job_params(kind, requested));
  ANJU_TRY(authorize(user, job_action(kind), ""));
  JobParams params = requested;
  std::string region;  // a run's: the region it names, within the user's, or the user's own
  if (auto* run = std::get_if<RunParams>(&params)) {
    auto scope = list_region(user, run->region);
    if (!scope) return scope.error();
    region = run->region = *scope;
  }
  // Two submitted at the same instant race for the lane's row: the loser
  // looks again (and then sees the winner's job, or none in its way).
  return retry_races([&] { return insert_new_job(store, user, kind, params, region, clock); });
}


void JobBoard::post(const Job& job) {
  std::lock_guard lock(mutex_);
  jobs_[job.id] = job;
}

std::optional<Job> JobBoard::find(long id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

std::vector<long> JobBoard::ids() const {
  std::lock_guard lock(mutex_);
  std::vector<long> out;
  for (const auto& [id, job] : jobs_) out.push_back(id);
  return out;
}

void JobBoard::remove(long id) {
  std::lock_guard lock(mutex_);
  jobs_.erase(id);
}

void JobProgress::update(double fraction, long rows, const std::string& message) {
  job_.progress = std::clamp(fraction, 0.0, 1.0);
  job_.rows = rows;
  if (!message.empty()) job_.message = message;
  board_.post(job_);
  if (!store_.concurrent_writes()) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::seconds(1)) return;
  last_ = now;
  (void)save();  // progress is best effort; the outcome is written for sure
}

Result<void> JobProgress::save() {
  job_.heartbeat_at = clock_.now_iso();
  if (job_.finished_at.empty()) {
    board_.post(job_);
    return write_job(store_, job_);
  }
  // A job is shown finished only once the store has it so: from then on its
  // lane takes the next job. Shown earlier, a client that waited for it
  // could be refused a new one (the lane still busy in the store).
  ANJU_TRY(write_job(store_, job_));
  board_.post(job_);
  return {};
}

void run_job(Store& store, JobBoard& board, const Job& queued, const JobWork& work, const Clock& clock) {
  JobProgress progress(store, board, queued, clock);
  progress.job().status = JobStatus::running;
  progress.job().message = "进行中";
  (void)progress.save();
  Result<nlohmann::json> result = make_error(ErrorCode::internal, "任务没有运行");
  try {
    result = work(progress);
  } catch (const std::exception& e) {
    // The text is for the operator, not for whoever reads the job.
    std::cerr << "job " << queued.id << " (" << enum_key(queued.kind) << "): " << e.what() << '\n';
    result = make_error(ErrorCode::internal, "内部错误，已记入服务器日志");
  }
  Job& job = progress.job();
  job.finished_at = clock.now_iso();
  if (result) {
    job.status = JobStatus::succeeded;
    job.progress = 1;
    job.message = "已完成";
    job.result = result->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    job.status = JobStatus::failed;
    if (for_operator_only(result.error()))
      std::cerr << "job " << queued.id << " (" << enum_key(queued.kind) << "): " << operator_detail(result.error())
                << '\n';
    job.message = client_message(result.error());
    job.result = nlohmann::json{{"error", {{"code", error_code_name(result.error().code)},
                                          {"message", job.message}}}}.dump();
  }
  // The outcome must land: a lost write would leave the lane busy.
  bool saved = false;
  for (int attempt = 0; attempt < 6 && !(saved = static_cast<bool>(progress.save())); ++attempt)
    std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
  if (saved) board.remove(job.id);
}

Result<long> fail_abandoned_jobs(Store& store, const Clock& clock) {
  auto tx = store.begin(TxMode::write);
  if (!tx) return tx.error();
  const std::string now = clock.now_iso();
  auto n = (*tx)->jobs().fail_stale_jobs("9999-12-31T23:59:59Z", now);
  if (!n) return n.error();
  ANJU_TRY((*tx)->commit());
  return *n;
}

Result<long> keep_jobs_alive(Store& store, const std::vector<long>& running, const Clock& clock) {
  const std::string now = clock.now_iso();
  const auto seconds = parse_iso_seconds(now);
  return retry_races([&]() -> Result<long> {
    auto tx = store.begin(TxMode::write);
    if (!tx) return tx.error();
    ANJU_TRY((*tx)->jobs().touch_jobs(running, now));
    auto failed = (*tx)->jobs().fail_stale_jobs(iso_from_seconds((seconds ? *seconds : 0) - kJobStaleSeconds), now);
    if (!failed) return failed.error();
    ANJU_TRY((*tx)->commit());
    return *failed;
  });
}

JobWork job_work(Store& store, const User& user, const Job& job, const std::string& path, const FileStore& files,
                 const Clock& clock) {
  auto params = read_job_params(job.kind, job.params);
  if (!params)
    return [error = params.error(), path](JobProgress&) -> Result<nlohmann::json> {
      RemoveFile remove{path};
      return error;
    };
  switch (job_lane(job.kind)) {
    case JobLane::import:
      return import_work(store, user, *imported_template(job.kind), *std::move(params), path,
                         clock);
    case JobLane::match:
      return match_work(store, user, std::get<RunParams>(*params).region, clock);
    case JobLane::judge:
      return judge_work(store, user, std::get<RunParams>(*params).region, clock);
    case JobLane::exports:
      if (job.kind == JobKind::print_households)
        return print_work(store, user, std::get<PrintRequest>(*params), path, files, clock);
      return export_work(store, user, std::get<ExportRequest>(*params), path, clock);
  }
  return [](JobProgress&) -> Result<nlohmann::json> {
    return make_error(ErrorCode::internal, "不支持的任务类型");
  };
}

Result<Job> find_job(Store& store, const User& user, long id) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto job = (*tx)->jobs().find_job(id);
  if (!job) return job.error();
  if (!*job || ((*job)->actor != user.name && user.role != Role::admin))
    return make_error(ErrorCode::not_found, "没有这个任务，或不是您提交的");
  return **job;
}

Result<Job> find_own_job(Store& store, const User& user, long id) {
  auto job = find_job(store, user, id);
  if (job && job->actor != user.name) return make_error(ErrorCode::not_found, "没有这个任务，或不是您提交的");
  return job;
}

Result<std::vector<Job>> list_jobs(Store& store, const User& user, long limit) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->jobs().list_jobs(std::clamp(limit, 1L, 200L),
                                 user.role == Role::admin ? "" : user.name);
}

namespace {

// The file an import job read, as the user named it.
std::string import_file_name(const Job& job) {
  const auto params = nlohmann::json::parse(job.params, nullptr, false);
  return params.is_object() ? params.value("file_name", "") : "";
}

// Whether `later`, a clean import, redoes `job`: the same file again, or
// job's error workbook ("…导入错误_任务12.xlsx", as it downloads).
bool redoes(const Job& later, const Job& job) {
  if (later.kind != job.kind) return false;
  const std::string name = import_file_name(later);
  if (!name.empty() && name == import_file_name(job)) return true;
  const std::string mark = "任务" + std::to_string(job.id);
  const size_t at = name.find(mark);
  return at != std::string::npos &&
         (at + mark.size() == name.size() || !std::isdigit(static_cast<unsigned char>(name[at + mark.size()])));
}

}  // namespace

Result<std::vector<Job>> imports_with_pending_errors(Store& store, const User& user, const Clock& clock) {
  constexpr long kJobsLooked = 200;
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto jobs = (*tx)->jobs().list_jobs(kJobsLooked, user.name);  // newest first
  if (!jobs) return jobs.error();
  const auto now = parse_iso_seconds(clock.now_iso());
  std::vector<Job> clean, out;
  for (Job& job : *jobs) {
    if (job_lane(job.kind) != JobLane::import || job.status != JobStatus::succeeded) continue;
    const auto at = parse_iso_seconds(job.finished_at);
    if (!now || !at || *now - *at > kPendingImportDays * 86400) break;
    const auto result = nlohmann::json::parse(job.result, nullptr, false);
    const long errors = result.is_object() ? result.value("error_count", 0L) : 0;
    if (errors == 0) clean.push_back(std::move(job));
    else if (std::none_of(clean.begin(), clean.end(), [&](const Job& later) { return redoes(later, job); }))
      out.push_back(std::move(job));
  }
  return out;
}

}  // namespace anju
