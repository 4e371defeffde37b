#include "service/job_service.h"

#include <filesystem>
#include <iostream>
#include <thread>

#include "core/access.h"
#include "report/import_report_json.h"
#include "service/audit_service.h"
#include "service/census_service.h"
#include "service/export_service.h"
#include "service/import_service.h"

namespace anju {
namespace {

Result<void> write_job(Store& store, const Job& job) {
  auto tx = store.begin(TxMode::write);
  if (!tx) return tx.error();
  ANJU_TRY((*tx)->jobs().update_job(job));
  return (*tx)->commit();
}

Action job_action(const JobKind& k) {
  if (k.kind == "import.regions") return Action::manage_regions;
  if (k.lane == "export") return Action::export_lists;
  return k.lane == "import" ? Action::import_data : Action::run_jobs;
}

nlohmann::json import_result(TemplateKind kind, const ImportReport& report) {
  nlohmann::json j = import_report_to_json(report);
  j["template"] = template_key(kind);
  return j;
}

std::optional<TemplateKind> import_template(const std::string& kind) {
  for (TemplateKind t : {TemplateKind::regions, TemplateKind::households, TemplateKind::buildings,
                         TemplateKind::evidence, TemplateKind::disasters})
    if (kind == std::string("import.") + template_key(t)) return t;
  return std::nullopt;
}

Result<ImportReport> run_upload(Store& store, TemplateKind t, const std::string& path, const nlohmann::json& params,
                                const ImportOptions& options, const Clock& clock) {
  switch (t) {
    case TemplateKind::households: return import_households(store, path, options, clock);
    case TemplateKind::buildings:
      return import_buildings(store, path, params.value("srs", "EPSG:4490"), options, clock,
                              params.value("layer", ""));
    case TemplateKind::evidence: {
      auto source = enum_parse<EvidenceSource>(params.value("source", ""));
      if (!source) return make_error(ErrorCode::invalid, "请指定安全性证据的来源（source）");
      return import_evidence(store, path, *source, options, clock);
    }
    case TemplateKind::disasters: return import_disasters(store, path, options, clock);
    case TemplateKind::regions:
      // No file: the national table built in, all of it or under a prefix.
      if (params.value("builtin", false)) return import_builtin_regions(store, params.value("prefix", ""), options, clock);
      return import_regions(store, path, options, clock);
  }
  return make_error(ErrorCode::invalid, "不支持的导入类型");
}

}  // namespace

const std::vector<JobKind>& job_kinds() {
  static const std::vector<JobKind> kinds = {
      {"import.regions", "import", "导入区划"},
      {"import.households", "import", "导入农户花名册"},
      {"import.buildings", "import", "导入房屋图斑"},
      {"import.evidence", "import", "导入安全性证据"},
      {"import.disasters", "import", "导入灾害事件"},
      {"match", "match", "人房对应"},
      {"judge", "judge", "初判"},
      {"export.ledger", "export", "导出危房台账"},
      {"export.households", "export", "导出农户清单"},
      {"export.field_tasks", "export", "导出外业核实任务"},
      {"export.records", "export", "导出四类信息审核情况"},
      {"export.summary", "export", "导出汇总表"},
  };
  return kinds;
}

std::optional<JobKind> job_kind(const std::string& kind) {
  for (const JobKind& k : job_kinds())
    if (k.kind == kind) return k;
  return std::nullopt;
}

Result<Job> create_job(Store& store, const User& user, const std::string& kind, const nlohmann::json& params,
                       const Clock& clock) {
  auto k = job_kind(kind);
  if (!k) return make_error(ErrorCode::invalid, "不支持的任务类型：" + kind);
  ANJU_TRY(authorize(user, job_action(*k), ""));
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
  job.kind = k->kind;
  // One import, match or judgment at a time; one export at a time a user.
  job.lane = k->lane == "export" ? "export:" + user.name : k->lane;
  job.actor = user.name;
  job.params = params.dump();
  job.message = "等待开始";
  job.created_at = now;
  job.heartbeat_at = now;
  auto id = (*tx)->jobs().insert_job(job);
  if (!id) return id.error();
  job.id = *id;
  ANJU_TRY(audit((*tx)->audit(), clock, user.name, "job.create", "job", std::to_string(job.id),
                 {{"kind", job.kind}, {"params", params}}));
  ANJU_TRY((*tx)->commit());
  (void)chain_audit_log(store);
  return job;
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
    std::cerr << "job " << queued.id << " (" << queued.kind << "): " << e.what() << '\n';
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
    job.message = result.error().message;
    job.result = nlohmann::json{{"error", {{"code", error_code_name(result.error().code)},
                                          {"message", result.error().message}}}}.dump();
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

JobWork job_work(Store& store, const User& user, const Job& job, const std::string& path, const Clock& clock) {
  const nlohmann::json params = nlohmann::json::parse(job.params, nullptr, false);
  if (job.kind == "match")
    return [&store, user, &clock](JobProgress& p) -> Result<nlohmann::json> {
      p.update(0, 0, "正在进行人房对应");
      auto s = run_match(store, user.name, clock);
      if (!s) return s.error();
      return nlohmann::json{{"households", s->households}, {"outcomes", s->outcomes},
                            {"shared", s->shared}, {"parcel_not_found", s->parcel_not_found}};
    };
  if (job.kind == "judge")
    return [&store, user, &clock](JobProgress& p) -> Result<nlohmann::json> {
      p.update(0, 0, "正在初判");
      auto s = run_judge(store, {}, user.name, clock);
      if (!s) return s.error();
      return nlohmann::json{{"households", s->households}, {"results", s->results}, {"reasons", s->reasons},
                            {"changed", s->changed}, {"tasks_opened", s->tasks_opened},
                            {"tasks_closed", s->tasks_closed}, {"ledger_opened", s->ledger_opened},
                            {"ledger_closed", s->ledger_closed}, {"as_of", s->settings.as_of.to_string()},
                            {"cutoff", s->settings.cutoff.to_string()}};
    };
  if (job.kind.starts_with("export."))
    return [&store, user, &clock, kind = parse_export_kind(job.kind.substr(7)), path, params](
               JobProgress& p) -> Result<nlohmann::json> {
      if (!kind) return make_error(ErrorCode::invalid, "不支持的导出类型");
      ExportRequest request{*kind, params.value("region", ""), params.value("full_id", false),
                            params.value("status", "open")};
      p.update(0, 0, "正在导出");
      auto done = run_export(store, user, request, path, kMaxExportRows, [&p](long rows, long total) {
        p.update(total > 0 ? static_cast<double>(rows) / static_cast<double>(total) : 0.5, rows, "正在导出");
      }, clock);
      if (!done) {
        std::error_code ec;
        std::filesystem::remove(path, ec);
        return done.error();
      }
      return nlohmann::json{{"rows", done->rows}, {"file_name", done->file_name}, {"file", path}};
    };
  const auto t = import_template(job.kind);
  return [&store, user, &clock, t, path, params](JobProgress& p) -> Result<nlohmann::json> {
    struct Remove {
      std::string path;
      ~Remove() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
      }
    } remove{path};
    if (!t) return make_error(ErrorCode::invalid, "不支持的任务类型");
    ImportOptions options;
    options.strict = params.value("strict", false);
    options.actor = user.name;
    options.scope = user.region_code;
    options.on_progress = [&p](double fraction, long rows) { p.update(fraction, rows, "正在导入"); };
    auto report = run_upload(store, *t, path, params, options, clock);
    if (!report) return report.error();
    return import_result(*t, *report);
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

Result<std::vector<Job>> list_jobs(Store& store, const User& user, long limit) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->jobs().list_jobs(std::clamp(limit, 1L, 200L),
                                 user.role == Role::admin ? "" : user.name);
}

}  // namespace anju
