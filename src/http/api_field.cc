// Field verification, appraisal and spot checks (DOMAIN.md §10, §12): task
// lists and progress, assigning, visits, appraisals, photos and the county's
// sample draw.
#include <charconv>

#include <nlohmann/json.hpp>

#include "core/access.h"
#include "http/api_json.h"
#include "http/client_writes.h"
#include "http/router.h"
#include "http/uploads.h"
#include "service/attachment_service.h"
#include "service/field_service.h"
#include "service/query_service.h"
#include "service/task_service.h"
#include "service/upload_parts.h"
#include "service/user_service.h"

namespace anju::http {
namespace {

using nlohmann::json;

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json task_json(const FieldTask& t) {
  return {{"id", t.id}, {"household_id", t.household_id}, {"region_code", t.region_code},
          {"origin", enum_key(t.origin)}, {"origin_name", enum_name(t.origin)},
          {"sample_id", t.sample_id ? json(*t.sample_id) : json(nullptr)}, {"status", enum_key(t.status)},
          {"status_name", enum_name(t.status)}, {"assignee", t.assignee},
          {"due_on", t.due ? json(t.due->to_string()) : json(nullptr)}, {"closed_reason", t.closed_reason},
          {"version", t.version}, {"updated_at", t.updated_at}, {"updated_by", t.updated_by}};
}

json attachment_json(const Attachment& a) {
  return {{"id", a.id}, {"kind", a.kind}, {"mime", a.mime}, {"bytes", a.bytes}, {"file_name", a.file_name},
          {"taken_at", a.taken_at.empty() ? json(nullptr) : json(a.taken_at)}, {"lon", opt(a.lon)},
          {"lat", opt(a.lat)}, {"url", "/api/v1/attachments/" + std::to_string(a.id)},
          {"thumb_url", a.mime == "application/pdf" ? json(nullptr)
                                                    : json("/api/v1/attachments/" + std::to_string(a.id) + "?thumb=1")},
          {"created_at", a.created_at}, {"created_by", a.created_by}};
}

json appraisal_json(const AppraisalRecord& r) {
  json parts = json::array();
  for (const PartGrade& p : r.appraisal.parts)
    parts.push_back({{"part", p.part}, {"grade", p.grade ? json(enum_key(*p.grade)) : json(nullptr)}, {"note", p.note}});
  const Appraisal& a = r.appraisal;
  return {{"id", r.id}, {"site_dangerous", a.site_dangerous}, {"site_hazard", a.site_hazard}, {"parts", parts},
          {"computed_grade", enum_key(r.computed)},
          {"override_grade", a.override_grade ? json(enum_key(*a.override_grade)) : json(nullptr)},
          {"override_reason", a.override_reason}, {"grade", enum_key(r.grade)},
          {"prevention", enum_key(a.prevention)}, {"prevention_name", enum_name(a.prevention)},
          {"method", enum_key(a.method)}, {"method_name", enum_name(a.method)}, {"appraiser", a.appraiser},
          {"appraised_on", a.appraised_on.to_string()}, {"evidence_id", r.evidence_id},
          {"created_at", r.created_at}, {"created_by", r.created_by}};
}

json judgment_brief(const JudgmentRow& j) {
  return {{"result", judge_result_key(j.result)}, {"result_name", judge_result_name(j.result)},
          {"grade", j.grade ? json(enum_key(*j.grade)) : json(nullptr)},
          {"previous_result", j.previous_result ? json(judge_result_key(*j.previous_result)) : json(nullptr)}};
}

Response no_task(const RouteContext& c) {
  return error_response(c.req, bh::status::not_found, "not_found", kNotFoundInScope);
}

// The request's JSON object, and the version it carries.
std::optional<std::pair<json, long>> versioned_body(const RouteContext& c) {
  json body = json::parse(c.req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer()) return std::nullopt;
  const long v = body["version"];
  return std::make_pair(std::move(body), v);
}

Response field_result(const RouteContext& c, const Result<FieldResult>& r) {
  if (!r) return error_response(c.req, r.error());
  return json_response(c.req, bh::status::ok, {{"task", task_json(r->task)}, {"judgment", judgment_brief(r->judgment)}});
}

}  // namespace

Response get_field_tasks(RouteContext& c) {
  TaskQuery q;
  q.region_code = c.q("region");
  if (!c.q("status").empty()) {
    q.status = enum_from_key<TaskStatus>(c.q("status"));
    if (!q.status) return error_response(c.req, bh::status::bad_request, "invalid", "未知的任务状态：" + c.q("status"));
  }
  q.active_only = c.q("active") == "1";
  if (c.q("mine") == "1") q.assignee = c.user.name;
  else if (c.query.count("assignee")) q.assignee = c.q("assignee");
  q.overdue = c.q("overdue") == "1";
  std::tie(q.offset, q.limit) = c.paging();
  auto page = list_field_tasks(c.store, c.user, q, c.clock);
  if (!page) return error_response(c.req, page.error());
  json items = json::array();
  for (const TaskRow& r : page->items) {
    json j = task_json(r.task);
    j["head_name"] = r.head_name;
    j["address"] = r.address;
    j["lon"] = opt(r.lon);
    j["lat"] = opt(r.lat);
    j["overdue"] = task_overdue(r.task, c.clock.today());
    j["assignee_name"] = r.assignee_name;
    items.push_back(std::move(j));
  }
  return list_response(c.req, std::move(items), page->total);
}

Response get_field_task(RouteContext& c) {
  const auto id = c.id_param("task_id");
  if (!id) return no_task(c);
  auto d = field_task_detail(c.store, c.user, *id);
  if (!d) return error_response(c.req, d.error());
  json j = {{"task", task_json(d->task)}, {"household", household_json(d->household.value, d->household.version)},
            {"parcel_id", d->parcel_id}, {"judgment", d->judgment ? judgment_brief(*d->judgment) : json(nullptr)}};
  j["task"]["overdue"] = task_overdue(d->task, c.clock.today());
  j["task"]["assignee_name"] = d->task.assignee.empty() ? "" : name_of(d->names, d->task.assignee);
  j["visits"] = json::array();
  for (const Visit& v : d->visits)
    j["visits"].push_back({{"id", v.id}, {"visited_on", v.visited_on.to_string()}, {"lon", opt(v.lon)},
                           {"lat", opt(v.lat)}, {"gps_source", v.gps_source}, {"people_met", v.people_met},
                           {"notes", v.notes}, {"outcome", enum_key(v.outcome)},
                           {"outcome_name", enum_name(v.outcome)}, {"evidence_id", v.evidence_id},
                           {"created_at", v.created_at}, {"created_by", v.created_by},
                           {"created_by_name", name_of(d->names, v.created_by)}});
  j["appraisals"] = json::array();
  for (const AppraisalRecord& r : d->appraisals) {
    json a = appraisal_json(r);
    a["created_by_name"] = name_of(d->names, r.created_by);
    j["appraisals"].push_back(std::move(a));
  }
  j["attachments"] = json::array();
  for (const Attachment& a : d->attachments) {
    json x = attachment_json(a);
    x["created_by_name"] = name_of(d->names, a.created_by);
    j["attachments"].push_back(std::move(x));
  }
  return json_response(c.req, bh::status::ok, j);
}

Response post_field_assign(RouteContext& c) {
  const json body = json::parse(c.req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("tasks") || !body["tasks"].is_array() || !body.contains("assignee") ||
      !body["assignee"].is_string())
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请求应为 {\"tasks\": [{\"id\", \"version\"}], \"assignee\": 队员用户名, \"due_on\": 日期}");
  std::vector<TaskRef> refs;
  for (const json& t : body["tasks"]) {
    if (!t.is_object() || !t.contains("id") || !t["id"].is_number_integer() || !t.contains("version") ||
        !t["version"].is_number_integer())
      return error_response(c.req, bh::status::bad_request, "invalid", "每个任务须有 id 和 version");
    refs.push_back({t["id"].get<long>(), t["version"].get<long>()});
  }
  std::optional<Date> due;
  if (body.contains("due_on") && body["due_on"].is_string() && !body["due_on"].get<std::string>().empty()) {
    due = parse_date(body["due_on"].get<std::string>());
    if (!due) return error_response(c.req, bh::status::bad_request, "invalid", "完成期限应为日期，如 2025-12-31");
  }
  auto n = assign_field_tasks(c.store, c.user, refs, body["assignee"], due, c.clock);
  if (!n) return error_response(c.req, n.error());
  return json_response(c.req, bh::status::ok, {{"assigned", *n}});
}

Response post_field_cancel(RouteContext& c) {
  const auto id = c.id_param("task_id");
  const auto body = versioned_body(c);
  if (!id) return no_task(c);
  if (!body) return error_response(c.req, bh::status::bad_request, "invalid", "请求应为 {\"version\", \"reason\"}");
  auto t = cancel_field_task(c.store, c.user, {*id, body->second}, body->first.value("reason", ""), c.clock);
  if (!t) return error_response(c.req, t.error());
  return json_response(c.req, bh::status::ok, {{"task", task_json(*t)}});
}

Response post_field_visit(RouteContext& c) {
  const auto id = c.id_param("task_id");
  const auto body = versioned_body(c);
  if (!id) return no_task(c);
  if (!body) return error_response(c.req, bh::status::bad_request, "invalid", "请求须带任务的版本号 version");
  const json& b = body->first;
  VisitInput v;
  const auto date = parse_date(b.value("visited_on", ""));
  const auto outcome = enum_from_key<VisitOutcome>(b.value("outcome", ""));
  if (!date) return error_response(c.req, bh::status::bad_request, "invalid", "请填写核实日期");
  if (!outcome) return error_response(c.req, bh::status::bad_request, "invalid", "请选择核实结果");
  v.visited_on = *date;
  v.outcome = *outcome;
  if (b.contains("lon") && b["lon"].is_number() && b.contains("lat") && b["lat"].is_number()) {
    v.lon = b["lon"].get<double>();
    v.lat = b["lat"].get<double>();
    v.gps_source = b.value("gps_source", "manual");
  }
  v.people_met = b.value("people_met", "");
  v.notes = b.value("notes", "");
  return once_only(c, [&](const OnceKey& once) {
    return field_result(c, record_visit(c.store, c.user, {*id, body->second}, v, once, c.clock));
  });
}

Response post_field_appraisal(RouteContext& c) {
  const auto id = c.id_param("task_id");
  const auto body = versioned_body(c);
  if (!id) return no_task(c);
  if (!body) return error_response(c.req, bh::status::bad_request, "invalid", "请求须带任务的版本号 version");
  const json& b = body->first;
  Appraisal a;
  a.site_dangerous = b.value("site_dangerous", false);
  a.site_hazard = b.value("site_hazard", "");
  if (b.contains("parts") && b["parts"].is_array())
    for (const json& p : b["parts"]) {
      if (!p.is_object()) continue;
      PartGrade g{p.value("part", ""), std::nullopt, p.value("note", "")};
      if (p.contains("grade") && p["grade"].is_string()) {
        g.grade = enum_parse<Grade>(p["grade"].get<std::string>());
        if (!g.grade) return error_response(c.req, bh::status::bad_request, "invalid", "构件等级应为 a、b、c、d");
      }
      a.parts.push_back(std::move(g));
    }
  if (b.contains("override_grade") && b["override_grade"].is_string() && !b["override_grade"].get<std::string>().empty()) {
    a.override_grade = enum_parse<Grade>(b["override_grade"].get<std::string>());
    if (!a.override_grade) return error_response(c.req, bh::status::bad_request, "invalid", "调整后的等级应为 A、B、C、D");
  }
  a.override_reason = b.value("override_reason", "");
  const auto prevention = enum_parse<Prevention>(b.value("prevention", ""));
  const auto method = enum_parse<AssessMethod>(b.value("method", ""));
  const auto date = parse_date(b.value("appraised_on", ""));
  if (!prevention) return error_response(c.req, bh::status::bad_request, "invalid", "请选择防灾措施（具备/部分具备/完全不具备）");
  if (!method) return error_response(c.req, bh::status::bad_request, "invalid", "请选择鉴定方式");
  if (!date) return error_response(c.req, bh::status::bad_request, "invalid", "请填写鉴定日期");
  a.prevention = *prevention;
  a.method = *method;
  a.appraised_on = *date;
  a.appraiser = b.value("appraiser", "");
  return once_only(c, [&](const OnceKey& once) {
    return field_result(c, record_appraisal(c.store, c.user, {*id, body->second}, a, once, c.clock));
  });
}

namespace {

// ?taken_at=YYYY-MM-DDTHH:MM:SS&lon=&lat=: what the phone read from the
// camera's file before making it smaller. Anything else is 400 naming it.
CameraFacts camera_facts(const RouteContext& c) {
  CameraFacts f;
  f.taken_at = c.q("taken_at");
  const auto& t = f.taken_at;
  const bool shaped = t.size() == 19 && t[4] == '-' && t[7] == '-' && t[10] == 'T' && t[13] == ':' && t[16] == ':' &&
                      parse_date(t.substr(0, 10)).has_value();
  if (!t.empty() && !shaped) throw BadParameter("taken_at", "拍摄时间 taken_at 应为 YYYY-MM-DDTHH:MM:SS");
  auto coordinate = [&](const char* name, double limit) -> std::optional<double> {
    const std::string text = c.q(name);
    if (text.empty()) return std::nullopt;
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < -limit || v > limit)
      throw BadParameter(name, std::string("参数 ") + name + " 应为 -" + std::to_string(static_cast<int>(limit)) +
                                   " 到 " + std::to_string(static_cast<int>(limit)) + " 之间的度数");
    return v;
  };
  f.lon = coordinate("lon", 180);
  f.lat = coordinate("lat", 90);
  if (f.lon.has_value() != f.lat.has_value()) throw BadParameter(f.lon ? "lat" : "lon", "经度和纬度须同时给出");
  return f;
}

}  // namespace

Response post_field_attachment(RouteContext& c) {
  const auto id = c.id_param("task_id");
  if (!id) return no_task(c);
  const CameraFacts camera = camera_facts(c);
  // ?upload=KEY&bytes=N: the file was sent in parts (PATCH /uploads/KEY).
  const std::string upload = c.q("upload");
  const auto bytes = c.q_long("bytes", 1, kMaxAttachmentBytes);
  if (!upload.empty() && !bytes) throw BadParameter("bytes", "分段上传的文件须带总字节数 bytes");
  return once_only(c, [&](const OnceKey& once) {
    std::string file = c.upload_path;
    if (!upload.empty()) {
      auto whole = whole_upload(FileStore{c.files}, c.user, upload, *bytes);
      if (!whole) return error_response(c.req, whole.error());
      file = whole->string();
    }
    auto a = add_attachment(c.store, c.user, FileStore{c.files}, *id, c.q("kind", "photo"), file,
                            c.q("file_name"), camera, once, c.clock);
    if (!a) return error_response(c.req, a.error());
    if (!upload.empty()) remove_upload(file);  // kept in the store now
    return json_response(c.req, bh::status::created, {{"attachment", attachment_json(*a)}});
  });
}

Response get_upload(RouteContext& c) {
  auto received = upload_received(FileStore{c.files}, c.user, c.param("key"));
  if (!received) return error_response(c.req, received.error());
  return json_response(c.req, bh::status::ok, {{"received", *received}});
}

Response patch_upload(RouteContext& c) {
  const auto offset = c.q_long("offset", 0, kMaxAttachmentBytes);
  if (!offset) throw BadParameter("offset", "请给出这一段的起始位置 offset");
  auto state = append_upload_part(FileStore{c.files}, c.user, c.param("key"), *offset, c.upload_path);
  if (!state) return error_response(c.req, state.error());
  if (!state->appended) {
    // The part does not start where the server is: say where that is.
    Response res = error_response(c.req, bh::status::conflict, "offset",
                                  "这一段的起始位置不对，服务器已收到 " + std::to_string(state->received) + " 字节");
    res.set("Upload-Offset", std::to_string(state->received));
    return res;
  }
  return json_response(c.req, bh::status::ok, {{"received", state->received}});
}

Response get_attachment(RouteContext& c) {
  const auto id = c.id_param("attachment_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个附件");
  auto f = attachment_file(c.store, c.user, FileStore{c.files}, *id, c.q("thumb") == "1");
  if (!f) return error_response(c.req, f.error());
  return file_response(c.req, f->path.string(), f->mime,
                       f->attachment.file_name.empty() ? "附件" + std::to_string(*id) : f->attachment.file_name,
                       /*inline_view=*/true);
}

Response get_appraisal_parts(RouteContext& c) {
  auto parts = appraisal_parts(c.store);
  if (!parts) return error_response(c.req, parts.error());
  json items = json::array();
  for (const AppraisalPart& p : *parts)
    items.push_back({{"key", p.key}, {"name", p.name},
                     {"descriptors", {{"a", p.descriptors[0]}, {"b", p.descriptors[1]}, {"c", p.descriptors[2]},
                                      {"d", p.descriptors[3]}}}});
  return list_response(c.req, std::move(items), static_cast<long>(parts->size()));
}

Response get_field_progress(RouteContext& c) {
  const auto by = c.q_choice<ProgressBy>("by",
                                         {{"village", ProgressBy::village},
                                          {"assignee", ProgressBy::assignee},
                                          {"child", ProgressBy::child}},
                                         ProgressBy::village, "by 应为 village、assignee 或 child");
  auto counts = field_progress(c.store, c.user, c.q("region"), by, c.clock);
  if (!counts) return error_response(c.req, counts.error());
  json items = json::array();
  for (const TaskCount& t : *counts)
    items.push_back({{"key", t.key},
                     {"name", t.name.empty() ? json(nullptr) : json(t.name)},
                     {"open", t.open},
                     {"visited", t.visited},
                     {"closed", t.closed},
                     {"cancelled", t.cancelled},
                     {"overdue", t.overdue}});
  return list_response(c.req, std::move(items), static_cast<long>(counts->size()));
}

Response get_field_workers(RouteContext& c) {
  auto users = field_workers(c.store, c.user, c.q("region"));
  if (!users) return error_response(c.req, users.error());
  json items = json::array();
  for (const User& u : *users)
    items.push_back(
        {{"name", u.name}, {"display_name", u.display_name}, {"region_code", u.region_code}});
  return list_response(c.req, std::move(items), static_cast<long>(items.size()));
}

Response post_sample(RouteContext& c) {
  const json b = json::parse(c.req.body(), nullptr, false);
  if (!b.is_object() || !b.contains("county_code") || !b["county_code"].is_string() || !b.contains("seed") ||
      !b["seed"].is_number_unsigned())
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请求应为 {\"county_code\", \"count\" 或 \"share\", \"seed\", \"dry_run\"}");
  SampleRequest r;
  r.county_code = b["county_code"];
  r.seed = b["seed"].get<uint64_t>();
  if (b.contains("count") && b["count"].is_number_integer()) r.count = b["count"].get<long>();
  if (b.contains("share") && b["share"].is_number()) r.share = b["share"].get<double>();
  r.dry_run = b.value("dry_run", false);
  auto s = draw_spot_check(c.store, c.user, r, c.clock);
  if (!s) return error_response(c.req, s.error());
  return json_response(c.req, r.dry_run ? bh::status::ok : bh::status::created,
                       {{"sample_id", r.dry_run ? json(nullptr) : json(s->sample_id)}, {"households", s->households},
                        {"per_town", s->per_town}});
}

}  // namespace anju::http
