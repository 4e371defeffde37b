#include "service/job_params.h"

#include "core/region_code.h"
#include "core/user.h"

namespace anju {
namespace {

using nlohmann::json;

constexpr std::pair<JobKind, TemplateKind> kImports[] = {
    {JobKind::import_regions, TemplateKind::regions},
    {JobKind::import_households, TemplateKind::households},
    {JobKind::import_buildings, TemplateKind::buildings},
    {JobKind::import_evidence, TemplateKind::evidence},
    {JobKind::import_disasters, TemplateKind::disasters},
};

constexpr std::pair<JobKind, ExportKind> kExports[] = {
    {JobKind::export_ledger, ExportKind::ledger},
    {JobKind::export_households, ExportKind::households},
    {JobKind::export_field_tasks, ExportKind::field_tasks},
    {JobKind::export_records, ExportKind::records},
    {JobKind::export_summary, ExportKind::summary},
};

// A stored field: a string, a bool, or absent (nullopt); anything else
// makes the whole row unreadable.
struct StoredParams {
  const json& j;
  bool ok = true;
  std::string text(const char* key, std::string fallback = "") {
    if (!j.contains(key)) return fallback;
    if (!j[key].is_string()) ok = false;
    return ok ? j[key].get<std::string>() : fallback;
  }
  bool flag(const char* key) {
    if (!j.contains(key)) return false;
    if (!j[key].is_boolean()) ok = false;
    return ok && j[key].get<bool>();
  }
};

// The household list's filters an export keeps (ExportRequest::households).
constexpr std::pair<const char*, std::optional<std::string> HouseholdFilter::*> kFilterFields[] = {
    {"category", &HouseholdFilter::category},
    {"monitor_type", &HouseholdFilter::monitor_type},
    {"status", &HouseholdFilter::status},
    {"housing", &HouseholdFilter::housing},
    {"match_outcome", &HouseholdFilter::match_outcome},
    {"result", &HouseholdFilter::result},
    {"reason", &HouseholdFilter::reason},
};

json filter_json(const HouseholdFilter& f) {
  json j = json::object();
  for (auto [key, field] : kFilterFields)
    if (f.*field) j[key] = *(f.*field);
  if (!f.search.empty()) j["q"] = f.search;
  if (f.changed_only) j["changed"] = true;
  return j;
}

HouseholdFilter read_filter(StoredParams& in) {
  HouseholdFilter f;
  if (!in.j.contains("filter")) return f;
  if (!in.j["filter"].is_object()) {
    in.ok = false;
    return f;
  }
  StoredParams filter{in.j["filter"]};
  for (auto [key, field] : kFilterFields)
    if (filter.j.contains(key)) f.*field = filter.text(key);
  f.search = filter.text("q");
  f.changed_only = filter.flag("changed");
  in.ok = in.ok && filter.ok;
  return f;
}

Result<JobParams> read_import(StoredParams& in) {
  if (in.flag("builtin")) return JobParams(BuiltinRegionsParams{in.text("prefix")});
  FileImportParams p;
  p.file_name = in.text("file_name");
  p.invalid_rows = in.flag("strict") ? InvalidRows::reject_file : InvalidRows::skip;
  if (in.j.contains("source")) {
    p.source = enum_parse<EvidenceSource>(in.text("source"));
    if (!p.source) in.ok = false;
  }
  p.srs = in.text("srs", p.srs);
  p.layer = in.text("layer");
  return JobParams(std::move(p));
}

}  // namespace

JobKind import_job_kind(TemplateKind t) {
  for (auto [k, tk] : kImports)
    if (tk == t) return k;
  return JobKind::import_households;
}

std::optional<TemplateKind> imported_template(JobKind k) {
  for (auto [jk, t] : kImports)
    if (jk == k) return t;
  return std::nullopt;
}

JobKind export_job_kind(ExportKind k) {
  for (auto [jk, ek] : kExports)
    if (ek == k) return jk;
  return JobKind::export_ledger;
}

std::optional<ExportKind> exported_kind(JobKind k) {
  for (auto [jk, ek] : kExports)
    if (jk == k) return ek;
  return std::nullopt;
}

Result<void> check_job_params(JobKind kind, const JobParams& params) {
  bool fits = false;
  switch (job_lane(kind)) {
    case JobLane::match:
    case JobLane::judge:
      if (const auto* run = std::get_if<RunParams>(&params)) {
        if (!run->region.empty() && run->region != kWholeCountry && !is_region_code(run->region))
          return make_error(ErrorCode::invalid, "区划代码 region 应为12位数字：" + run->region);
        fits = true;
      }
      break;
    case JobLane::import:
      if (const auto* file = std::get_if<FileImportParams>(&params)) {
        if (kind == JobKind::import_evidence && !file->source)
          return make_error(ErrorCode::invalid, "请指定安全性证据的来源（source）：" +
                                                    enum_names_joined<EvidenceSource>("、"));
        fits = !file->file_name.empty();
      } else {
        fits =
            kind == JobKind::import_regions && std::holds_alternative<BuiltinRegionsParams>(params);
      }
      break;
    case JobLane::exports: {
      if (kind == JobKind::print_households) {
        const auto* print = std::get_if<PrintRequest>(&params);
        fits = print && print->kind == PrintKind::households;
        break;
      }
      const auto* request = std::get_if<ExportRequest>(&params);
      fits = request && exported_kind(kind) == request->kind;
      break;
    }
  }
  if (!fits)
    return make_error(ErrorCode::invalid,
                      std::string("任务参数与任务类型不符：") + enum_name(kind));
  return {};
}

json job_params_json(const JobParams& params) {
  struct Visit {
    json operator()(const RunParams& p) const { return {{"region", p.region}}; }
    json operator()(const FileImportParams& p) const {
      json j = {{"file_name", p.file_name}, {"strict", p.invalid_rows == InvalidRows::reject_file}};
      if (p.source) j["source"] = enum_key(*p.source);
      if (p.srs != FileImportParams{}.srs) j["srs"] = p.srs;
      if (!p.layer.empty()) j["layer"] = p.layer;
      return j;
    }
    json operator()(const BuiltinRegionsParams& p) const {
      return {{"builtin", true}, {"prefix", p.prefix}};
    }
    json operator()(const ExportRequest& r) const {
      json j = {{"region", r.region_code}, {"full_id", r.full_id}, {"status", r.status}};
      if (json filter = filter_json(r.households); !filter.empty()) j["filter"] = std::move(filter);
      return j;
    }
    json operator()(const PrintRequest& r) const { return {{"region", r.region_code}, {"full_id", r.full_id}}; }
  };
  return std::visit(Visit{}, params);
}

Result<JobParams> read_job_params(JobKind kind, const std::string& stored) {
  const json j = json::parse(stored, nullptr, false);
  if (!j.is_object()) return make_error(ErrorCode::internal, "任务参数无法读取");
  StoredParams in{j};
  Result<JobParams> out = JobParams(RunParams{});
  switch (job_lane(kind)) {
    case JobLane::match:
    case JobLane::judge:
      // A run kept before runs had regions ran over everything.
      out = JobParams(RunParams{j.empty() ? std::string(kWholeCountry) : in.text("region")});
      in.ok = in.ok && (j.empty() || (j.size() == 1 && j.contains("region")));
      break;
    case JobLane::import:
      out = read_import(in);
      break;
    case JobLane::exports:
      if (kind == JobKind::print_households) {
        PrintRequest print;
        print.kind = PrintKind::households;
        print.region_code = in.text("region");
        print.full_id = in.flag("full_id");
        out = JobParams(std::move(print));
        break;
      }
      out = JobParams(ExportRequest{*exported_kind(kind), in.text("region"), in.flag("full_id"),
                                    in.text("status", "open"), read_filter(in)});
      break;
  }
  if (!in.ok || !out) return make_error(ErrorCode::internal, "任务参数无法读取");
  return out;
}

}  // namespace anju
