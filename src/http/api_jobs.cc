// Uploads, background jobs and templates: an import is a file posted to
// /imports (streamed to disk by the server) that becomes a job; matching
// and judgment are jobs posted to /jobs; either is polled at /jobs/{id}.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/columns.h"
#include "http/api_json.h"
#include "http/job_threads.h"
#include "http/router.h"
#include "report/import_report_json.h"
#include "report/template_writer.h"
#include "core/text.h"
#include "service/audit_service.h"
#include "service/secure_random.h"

namespace anju::http {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

Response accepted(const RouteContext& c, const Job& job) {
  Response res = json_response(c.req, bh::status::accepted, {{"job", job_json(job)}});
  res.set(bh::field::location, "/api/v1/jobs/" + std::to_string(job.id));
  return res;
}

}  // namespace

Response post_import(RouteContext& c) {
  // The server removes the upload after answering unless the job took it.
  const auto kind = enum_from_key<TemplateKind>(c.q("kind"));
  FileImportParams params;
  params.file_name = c.q("file_name");
  if (!kind || params.file_name.empty())
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请指定导入类型 kind（regions/households/buildings/evidence/disasters）和文件名 file_name");
  const std::string strict = c.q("strict");
  if (!strict.empty() && strict != "0" && strict != "1" && strict != "true" && strict != "false")
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "strict 应为 1/true（严格模式）或 0/false");
  if (strict == "1" || strict == "true") params.invalid_rows = InvalidRows::reject_file;
  if (!c.q("source").empty()) {
    params.source = enum_parse<EvidenceSource>(c.q("source"));
    if (!params.source)
      return error_response(
          c.req, bh::status::bad_request, "invalid",
          "source 应为 census、selfbuilt、monitoring、appraisal、field 或 acceptance");
  }
  if (!c.q("srs").empty()) params.srs = c.q("srs");
  params.layer = c.q("layer");
  auto job = create_job(c.store, c.user, import_job_kind(*kind), params, c.clock);
  if (!job) return error_response(c.req, job.error());
  c.jobs.start(*job, job_work(c.store, c.user, *job, c.upload_path, FileStore{c.files}, c.clock));
  c.upload_path.clear();  // the job's now: it removes the file when done
  return accepted(c, *job);
}

// {"kind": "match"|"judge", "region": "500229108000"} (region: optional, the
// user's own by default), or {"kind": "import.regions", "prefix": "500229"}:
// the national division table built in (all of it without a prefix).
Response post_job(RouteContext& c) {
  static const char* kWhich =
      "任务类型 kind 应为 match（人房对应）、judge（初判）或 import.regions（导入内置区划表）";
  auto body = json::parse(c.req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("kind") || !body["kind"].is_string())
    return error_response(c.req, bh::status::bad_request, "invalid", kWhich);
  const auto kind = enum_parse<JobKind>(body["kind"].get<std::string>());
  JobParams params = RunParams{};
  if (kind == JobKind::import_regions) {
    if (body.contains("prefix") && !body["prefix"].is_string())
      return error_response(c.req, bh::status::bad_request, "invalid", "prefix 应为文本（区划代码前缀，如 500229）");
    params = BuiltinRegionsParams{body.value("prefix", "")};
  } else if (kind == JobKind::match || kind == JobKind::judge) {
    if (body.contains("region") && !body["region"].is_string())
      return error_response(c.req, bh::status::bad_request, "invalid", "region 应为文本（12位区划代码）");
    params = RunParams{body.value("region", "")};
  } else {
    return error_response(c.req, bh::status::bad_request, "invalid", kWhich);
  }
  auto job = create_job(c.store, c.user, *kind, params, c.clock);
  if (!job) return error_response(c.req, job.error());
  c.jobs.start(*job, job_work(c.store, c.user, *job, "", FileStore{c.files}, c.clock));
  return accepted(c, *job);
}

// ?errors=pending: only the user's imports whose rejected rows still wait
// (what 待办 counts).
Response get_jobs(RouteContext& c) {
  const bool pending = c.q_choice<bool>("errors", {{"pending", true}}, false,
                                        "errors 只可为 pending（只列有误、尚未改正重新导入的导入）");
  const long limit = c.q_long("limit", 1, 200).value_or(20);
  auto jobs = pending ? imports_with_pending_errors(c.store, c.user, c.clock) : list_jobs(c.store, c.user, limit);
  if (!jobs) return error_response(c.req, jobs.error());
  json items = json::array();
  for (const Job& j : *jobs) items.push_back(job_json(j));
  return list_response(c.req, std::move(items), static_cast<long>(items.size()));
}

Response get_job(RouteContext& c) {
  const auto id = c.id_param("job_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个任务");
  auto job = find_job(c.store, c.user, *id);
  if (!job) return error_response(c.req, job.error());
  // While this server runs it, the job's progress is fresher here.
  if (auto live = c.jobs.live(*id); live && !job->finished_at.size()) job = *live;
  return json_response(c.req, bh::status::ok, {{"job", job_json(*job)}});
}

Response get_job_errors(RouteContext& c) {
  const auto id = c.id_param("job_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个任务");
  auto job = find_job(c.store, c.user, *id);
  if (!job) return error_response(c.req, job.error());
  const json result = json::parse(job->result, nullptr, false);
  const auto kind = enum_from_key<TemplateKind>(result.is_object() ? result.value("template", "") : "");
  if (!kind) return error_response(c.req, bh::status::not_found, "not_found", "该任务没有错误清单");
  TempFile file;
  const json& rejected = result.contains("rejected") ? result["rejected"] : json();
  const json& extras = result.contains("extra_headers") ? result["extra_headers"] : json();
  if (auto w = write_error_workbook(*kind, result["errors"], rejected, extras, file.path); !w)
    return error_response(c.req, w.error());
  // The rows' cells hold personal data: the export is on record.
  if (auto a = audit(c.store, c.clock, c.user.name, "export.import_errors", "job", std::to_string(job->id),
                     {{"errors", result["errors"].size()}, {"rows", rejected.is_array() ? rejected.size() : 0}});
      !a)
    return error_response(c.req, a.error());
  return file_response(c.req, file.path, kXlsx,
                       std::string(enum_name(*kind)) + "导入错误_任务" + std::to_string(job->id) + ".xlsx");
}

Response get_template(RouteContext& c) {
  const auto kind = enum_from_key<TemplateKind>(c.param("kind"));
  if (!kind) return error_response(c.req, bh::status::not_found, "not_found", "没有这个模板：" + c.param("kind"));
  TempFile file;
  if (auto w = write_template(*kind, file.path); !w) return error_response(c.req, w.error());
  return file_response(c.req, file.path, kXlsx, std::string(enum_name(*kind)) + "导入模板.xlsx");
}

}  // namespace anju::http
