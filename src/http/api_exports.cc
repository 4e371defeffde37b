// Files made for people to keep: the Excel exports and the batch of
// household files (jobs, downloaded when done) and the printed documents
// (PDF, made while the request waits: one household or one region's list).
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "http/api_json.h"
#include "http/job_threads.h"
#include "http/router.h"
#include "service/export_service.h"
#include "service/job_service.h"
#include "service/print_service.h"

namespace anju::http {
namespace {

using nlohmann::json;
constexpr const char* kPdf = "application/pdf";

// Exported files are kept for a day for their download, then removed (by
// the next export on any server sharing the folder).
void remove_old_exports(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(24);
  for (const auto& f : fs::directory_iterator(dir, ec)) {
    std::error_code e;
    if (f.is_regular_file(e) && f.last_write_time(e) < cutoff) fs::remove(f.path(), e);
  }
}

// Starts the job that writes its file into the exports folder.
Response start_file_job(RouteContext& c, const Job& job, const char* extension) {
  const std::filesystem::path dir = c.files / "exports";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  remove_old_exports(dir);
  const std::string path = (dir / ("job-" + std::to_string(job.id) + extension)).string();
  c.jobs.start(job, job_work(c.store, c.user, job, path, FileStore{c.files}, c.clock));
  Response res = json_response(c.req, bh::status::accepted, {{"job", job_json(job)}});
  res.set(bh::field::location, "/api/v1/jobs/" + std::to_string(job.id));
  return res;
}

}  // namespace

Response post_export(RouteContext& c) {
  const json b = json::parse(c.req.body(), nullptr, false);
  const auto kind = b.is_object() ? parse_export_kind(b.value("kind", "")) : std::nullopt;
  if (!kind)
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "导出类型 kind 应为 ledger、households、field_tasks、records 或 summary");
  ExportRequest request{*kind, b.value("region", ""), b.value("full_id", false),
                        b.value("status", "open")};
  auto job = create_job(c.store, c.user, export_job_kind(*kind), request, c.clock);
  if (!job) return error_response(c.req, job.error());
  return start_file_job(c, *job, ".xlsx");
}

// {"region": "500229108205", "full_id": false}: 打印本村档案, a job.
Response post_print_households(RouteContext& c) {
  const json b = json::parse(c.req.body(), nullptr, false);
  if (!b.is_object() || (b.contains("region") && !b["region"].is_string()) ||
      (b.contains("full_id") && !b["full_id"].is_boolean()))
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请求应为 {\"region\": 村或乡镇的区划代码, \"full_id\": 是否打印完整证件号码}");
  PrintRequest request;
  request.kind = PrintKind::households;
  request.region_code = b.value("region", "");
  request.full_id = b.value("full_id", false);
  if (auto region = household_files_region(c.user, request); !region) return error_response(c.req, region.error());
  auto job = create_job(c.store, c.user, JobKind::print_households, request, c.clock);
  if (!job) return error_response(c.req, job.error());
  return start_file_job(c, *job, ".pdf");
}

// /print/{kind}?household=…|region=…|id=…[&full_id=1][&status=…]: one
// document as a PDF.
Response get_print(RouteContext& c) {
  const auto kind = enum_from_key<PrintKind>(c.param("kind"));
  if (!kind || *kind == PrintKind::households)
    return error_response(c.req, bh::status::not_found, "not_found",
                          "没有这种打印件（record、appraisal、household、ledger、acceptance、sample；"
                          "本村档案请用“打印本村档案”任务）");
  PrintRequest request;
  request.kind = *kind;
  request.household_id = c.q("household");
  request.region_code = c.q("region");
  request.id = c.q_long("id", 1, std::numeric_limits<long>::max()).value_or(0);
  request.full_id = c.asks_full_id();
  request.status = c.q_choice<std::string>("status", {{"open", "open"}, {"closed", "closed"}, {"all", "all"}}, "open",
                                           "status 应为 open（在账）、closed（已销号）或 all（全部）");
  TempFile file(".pdf");
  auto done = run_print(c.store, c.user, FileStore{c.files}, request, file.path, [](long, long) {}, c.clock);
  if (!done) return error_response(c.req, done.error());
  return file_response(c.req, file.path, kPdf, done->file_name);
}

Response get_job_file(RouteContext& c) {
  auto id = c.id_param("job_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个任务");
  auto job = find_own_job(c.store, c.user, *id);
  if (!job) return error_response(c.req, job.error());
  const json result = json::parse(job->result, nullptr, false);
  if (job_lane(job->kind) != JobLane::exports || job->status != JobStatus::succeeded ||
      !result.is_object() || !result.contains("file"))
    return error_response(c.req, bh::status::not_found, "not_found", "该任务没有可下载的文件（导出未完成或已失败）");
  std::error_code ec;
  if (!std::filesystem::exists(result.value("file", ""), ec))
    return error_response(c.req, bh::status::not_found, "not_found", "导出的文件只保留一天，已清理：请重新导出");
  return file_response(c.req, result.value("file", ""), job->kind == JobKind::print_households ? kPdf : kXlsx,
                       result.value("file_name", "export.xlsx"));
}

}  // namespace anju::http
