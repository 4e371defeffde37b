// The C/D ledger, renovation applications and the summary statistics
// (DOMAIN.md §11).
#include <filesystem>
#include <nlohmann/json.hpp>

#include "http/api_json.h"
#include "http/job_threads.h"
#include "http/router.h"
#include "service/export_service.h"
#include "service/job_service.h"
#include "service/ledger_service.h"
#include "service/renovation_service.h"
#include "service/statistics_service.h"

namespace anju::http {
namespace {

using nlohmann::json;

template <class E>
json key_or_null(const std::optional<E>& v) {
  return v ? json(enum_key(*v)) : json(nullptr);
}
template <class E>
json name_or_null(const std::optional<E>& v) {
  return v ? json(enum_name(*v)) : json(nullptr);
}
template <class T>
json value_or_null(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
json date_or_null(const std::optional<Date>& d) { return d ? json(d->to_string()) : json(nullptr); }

json renovation_json(const Renovation& r) {
  return {{"id", r.id},
          {"ledger_id", r.ledger_id},
          {"household_id", r.household_id},
          {"region_code", r.region_code},
          {"method", enum_key(r.method)},
          {"method_name", enum_name(r.method)},
          {"build_mode", enum_key(r.build_mode)},
          {"build_mode_name", enum_name(r.build_mode)},
          {"area_m2", value_or_null(r.area_m2)},
          {"subsidy_central", value_or_null(r.subsidy_central)},
          {"subsidy_local", value_or_null(r.subsidy_local)},
          {"plan_year", value_or_null(r.plan_year)},
          {"planned_start", date_or_null(r.planned_start)},
          {"note", r.note},
          {"state", enum_key(r.state)},
          {"state_name", enum_name(r.state)},
          {"reason", r.reason},
          {"started_on", date_or_null(r.started_on)},
          {"completed_on", date_or_null(r.completed_on)},
          {"accepted_on", date_or_null(r.accepted_on)},
          {"acceptance_grade", key_or_null(r.acceptance_grade)},
          {"acceptance_note", r.acceptance_note},
          {"evidence_id", r.evidence_id},
          {"version", r.version},
          {"created_at", r.created_at},
          {"created_by", r.created_by},
          {"updated_at", r.updated_at},
          {"updated_by", r.updated_by}};
}

json entry_json(const LedgerEntry& e, const Date& today, const Date& deadline) {
  const LedgerUrgency u = ledger_urgency(e, today, deadline);
  return {{"entry_id", e.id},
          {"opened_on", e.opened_on.to_string()},
          {"grade", key_or_null(e.grade)},
          {"evidence_source", key_or_null(e.evidence_source)},
          {"evidence_source_name", name_or_null(e.evidence_source)},
          {"evidence_id", e.evidence_id},
          {"closed_on", date_or_null(e.closed_on)},
          {"exit", key_or_null(e.exit)},
          {"exit_name", name_or_null(e.exit)},
          {"exit_note", e.exit_note},
          {"measure", enum_key(e.measure)},
          {"measure_name", enum_name(e.measure)},
          {"plan_year", value_or_null(e.plan_year)},
          {"measure_note", e.measure_note},
          {"transitional", enum_key(e.transitional)},
          {"transitional_name", enum_name(e.transitional)},
          {"transitional_note", e.transitional_note},
          {"responsible", e.responsible},
          {"responsible_phone", e.responsible_phone},
          {"note", e.note},
          {"renovation_id", e.renovation_id},
          {"version", e.version},
          {"updated_at", e.updated_at},
          {"updated_by", e.updated_by},
          {"urgency", enum_key(u)},
          {"urgency_name", enum_name(u)}};
}

json ledger_row_json(const LedgerRow& row, const Date& today, const Date& deadline) {
  const Household& h = row.household;
  json j = entry_json(row.entry, today, deadline);
  j.update(json{{"household_id", h.household_id},
                {"deadline", deadline.to_string()},
                {"head_name", h.head_name},
                {"head_id_number", h.head_id_number},
                {"phone", h.phone},
                {"members", h.members},
                {"region_code", h.region_code},
                {"address", h.address},
                {"category", enum_key(h.category)},
                {"housing", enum_key(h.housing)},
                {"parcel_id", row.parcel_id},
                {"structure", key_or_null(row.structure)},
                {"floors", value_or_null(row.floors)},
                {"built_text", row.built_text},
                {"area_m2", value_or_null(row.area_m2)},
                {"assessed_on", date_or_null(row.assessed_on)},
                {"assessor", row.assessor},
                {"renovation", row.renovation ? renovation_json(*row.renovation) : json(nullptr)}});
  return j;
}

json file_json(const Attachment& a) {
  const std::string url = "/api/v1/renovation-attachments/" + std::to_string(a.id);
  return {{"id", a.id}, {"kind", a.kind}, {"mime", a.mime}, {"bytes", a.bytes}, {"file_name", a.file_name},
          {"url", url}, {"thumb_url", a.mime == "application/pdf" ? json(nullptr) : json(url + "?thumb=1")},
          {"created_at", a.created_at}, {"created_by", a.created_by}};
}

std::string history_action_name(const std::string& action) {
  if (action == "create") return "创建";
  auto a = enum_parse<RenovationAction>(action);
  return a ? enum_name(*a) : action;
}

json renovation_view_json(const RenovationView& v) {
  json j = renovation_json(v.renovation);
  j["head_name"] = v.head_name;
  j["members"] = v.members;
  j["area_warning"] = v.area_warning;
  j["papers_missing"] = json::array();
  for (RenovationPaper p : v.papers_missing) j["papers_missing"].push_back({{"key", enum_key(p)}, {"name", enum_name(p)}});
  j["history"] = json::array();
  for (const RenovationHistoryEntry& h : v.history)
    j["history"].push_back({{"at", h.at}, {"actor", h.actor}, {"actor_name", name_of(v.names, h.actor)},
                            {"action", h.action},
                            {"action_name", history_action_name(h.action)},
                            {"from", enum_key(h.from)}, {"to", enum_key(h.to)}, {"to_name", enum_name(h.to)},
                            {"comment", h.comment}});
  j["attachments"] = json::array();
  for (const Attachment& a : v.attachments) j["attachments"].push_back(file_json(a));
  j["actions"] = json::array();
  for (RenovationAction a : v.actions) j["actions"].push_back({{"key", enum_key(a)}, {"name", enum_name(a)}});
  return j;
}

// A number, an integer or a date from the body; `bad` names what is wrong.
struct BodyReader {
  const json& b;
  std::string bad;
  std::optional<double> number(const char* k) {
    if (!b.contains(k) || b[k].is_null() || (b[k].is_string() && b[k].get<std::string>().empty())) return std::nullopt;
    if (b[k].is_number()) return b[k].get<double>();
    bad += std::string(bad.empty() ? "" : "；") + k + " 应为数字";
    return std::nullopt;
  }
  std::optional<int> integer(const char* k) {
    auto v = number(k);
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
  }
  std::optional<Date> date(const char* k) {
    if (!b.contains(k) || b[k].is_null() || (b[k].is_string() && b[k].get<std::string>().empty())) return std::nullopt;
    if (b[k].is_string())
      if (auto d = parse_date(b[k].get<std::string>())) return d;
    bad += std::string(bad.empty() ? "" : "；") + k + " 应为日期，如 2025-03-01";
    return std::nullopt;
  }
  template <class E>
  E code(const char* k, E fallback) {
    const std::string v = b.value(k, "");
    if (v.empty()) return fallback;
    if (auto e = enum_parse<E>(v)) return *e;
    bad += std::string(bad.empty() ? "" : "；") + "未知的 " + k + "：" + v;
    return fallback;
  }
};

Result<RenovationInput> renovation_input(const json& b) {
  if (!b.is_object()) return make_error(ErrorCode::invalid, "请求体应为 JSON 对象");
  BodyReader r{b, ""};
  RenovationInput in;
  in.method = r.code("method", RenovationMethod::repair);
  in.build_mode = r.code("build_mode", BuildMode::self_build);
  in.area_m2 = r.number("area_m2");
  in.subsidy_central = r.number("subsidy_central");
  in.subsidy_local = r.number("subsidy_local");
  in.plan_year = r.integer("plan_year");
  in.planned_start = r.date("planned_start");
  in.note = b.value("note", "");
  if (!r.bad.empty()) return make_error(ErrorCode::invalid, r.bad);
  return in;
}

std::optional<long> body_version(const json& b) {
  if (!b.is_object() || !b.contains("version") || !b["version"].is_number_integer()) return std::nullopt;
  return b["version"].get<long>();
}

Response bad_version(const RouteContext& c) {
  return error_response(c.req, bh::status::bad_request, "invalid", "请求须带所见的版本号 version");
}

json detail_json(const LedgerDetail& d, const Date& today) {
  json entries = json::array();
  for (const LedgerEntry& e : d.entries) entries.push_back(entry_json(e, today, d.deadline));
  json renovations = json::array();
  for (const RenovationRow& r : d.renovations) renovations.push_back(renovation_json(r.renovation));
  return {{"household_id", d.household_id},
          {"in_ledger", d.current && !d.current->entry.closed_on},
          {"current", d.current ? ledger_row_json(*d.current, today, d.deadline) : json(nullptr)},
          {"entries", entries},
          {"renovations", renovations},
          {"deadline", d.deadline.to_string()}};
}

json tally_json(const LedgerTally& t) {
  return {{"households", t.households},
          {"results", t.results},
          {"in_ledger", t.in_ledger},
          {"closed", t.closed},
          {"closed_in_time", t.closed_in_time},
          {"late", t.late},
          {"at_risk", t.at_risk},
          {"no_application", t.no_application},
          {"grades", t.grades},
          {"measures", t.measures},
          {"plan_years", t.plan_years},
          {"renovation_states", t.renovation_states},
          {"renovation_methods", t.renovation_methods},
          {"subsidy", t.subsidy}};
}

}  // namespace

Response get_ledger(RouteContext& c) {
  LedgerQuery q;
  q.region_code = c.q("region");
  q.status = c.q("status", "open");
  q.measure = c.q("measure");
  if (auto y = c.q_long("plan_year", 2000, 2100)) q.plan_year = static_cast<int>(*y);
  q.renovation_state = c.q("renovation_state");
  q.search = c.q("q");
  q.urgency = c.q("urgency");
  q.full = c.q("full") == "1";
  std::tie(q.offset, q.limit) = c.paging();
  auto page = list_ledger(c.store, c.user, q, c.clock);
  if (!page) return error_response(c.req, page.error());
  json items = json::array();
  for (const LedgerRow& row : page->items) items.push_back(ledger_row_json(row, c.clock.today(), row.deadline));
  return list_response(c.req, std::move(items), page->total);
}

Response get_ledger_entry(RouteContext& c) {
  auto d = ledger_detail(c.store, c.user, c.param("household_id"), c.clock);
  if (!d) return error_response(c.req, d.error());
  return json_response(c.req, bh::status::ok, detail_json(*d, c.clock.today()));
}

Response put_ledger_entry(RouteContext& c) {
  const json b = json::parse(c.req.body(), nullptr, false);
  auto version = body_version(b);
  if (!version) return bad_version(c);
  BodyReader r{b, ""};
  LedgerEdit e;
  e.measure = r.code("measure", LedgerMeasure::undecided);
  e.plan_year = r.integer("plan_year");
  e.measure_note = b.value("measure_note", "");
  e.transitional = r.code("transitional", Transitional::none);
  e.transitional_note = b.value("transitional_note", "");
  e.responsible = b.value("responsible", "");
  e.responsible_phone = b.value("responsible_phone", "");
  e.note = b.value("note", "");
  if (!r.bad.empty()) return error_response(c.req, bh::status::bad_request, "invalid", r.bad);
  auto d = edit_ledger_entry(c.store, c.user, c.param("household_id"), *version, e, c.clock);
  if (!d) return error_response(c.req, d.error());
  return json_response(c.req, bh::status::ok, detail_json(*d, c.clock.today()));
}

Response get_renovations(RouteContext& c) {
  std::optional<RenovationState> state;
  if (!c.q("state").empty()) {
    state = enum_parse<RenovationState>(c.q("state"));
    if (!state) return error_response(c.req, bh::status::bad_request, "invalid", "未知的状态：" + c.q("state"));
  }
  const auto [offset, size] = c.paging();
  auto page = list_renovations(c.store, c.user, c.q("region"), state, offset, size);
  if (!page) return error_response(c.req, page.error());
  json items = json::array();
  for (const RenovationRow& r : page->items) {
    json j = renovation_json(r.renovation);
    j["head_name"] = r.head_name;
    items.push_back(std::move(j));
  }
  return list_response(c.req, std::move(items), page->total);
}

Response post_renovation(RouteContext& c) {
  const json b = json::parse(c.req.body(), nullptr, false);
  if (!b.is_object() || !b.contains("household_id") || !b["household_id"].is_string())
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请求应为 {\"household_id\", \"method\", \"build_mode\", \"area_m2\", …}");
  auto in = renovation_input(b);
  if (!in) return error_response(c.req, in.error());
  auto v = create_renovation(c.store, c.user, b["household_id"], *in, c.clock);
  if (!v) return error_response(c.req, v.error());
  return json_response(c.req, bh::status::created, {{"renovation", renovation_view_json(*v)}});
}

Response get_renovation(RouteContext& c) {
  auto id = c.id_param("renovation_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个改造申请");
  auto v = renovation_view(c.store, c.user, *id);
  if (!v) return error_response(c.req, v.error());
  return json_response(c.req, bh::status::ok, {{"renovation", renovation_view_json(*v)}});
}

Response put_renovation(RouteContext& c) {
  auto id = c.id_param("renovation_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个改造申请");
  const json b = json::parse(c.req.body(), nullptr, false);
  auto version = body_version(b);
  if (!version) return bad_version(c);
  auto in = renovation_input(b);
  if (!in) return error_response(c.req, in.error());
  auto v = edit_renovation(c.store, c.user, *id, *version, *in, c.clock);
  if (!v) return error_response(c.req, v.error());
  return json_response(c.req, bh::status::ok, {{"renovation", renovation_view_json(*v)}});
}

Response post_renovation_step(RouteContext& c) {
  auto id = c.id_param("renovation_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个改造申请");
  const json b = json::parse(c.req.body(), nullptr, false);
  auto version = body_version(b);
  if (!version) return bad_version(c);
  auto action = enum_parse<RenovationAction>(b.value("action", ""));
  if (!action || *action == RenovationAction::edit)
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "action 应为 submit、town_review、return、approve、reject、start、complete、accept 或 fail");
  BodyReader r{b, ""};
  RenovationStep step{r.date("on"), std::nullopt, b.value("comment", "")};
  if (b.contains("grade") && b["grade"].is_string()) step.grade = enum_parse<Grade>(b["grade"].get<std::string>());
  if (!r.bad.empty()) return error_response(c.req, bh::status::bad_request, "invalid", r.bad);
  auto v = act_on_renovation(c.store, c.user, *id, *version, *action, step, c.clock);
  if (!v) return error_response(c.req, v.error());
  return json_response(c.req, bh::status::ok, {{"renovation", renovation_view_json(*v)}});
}

Response post_renovation_attachment(RouteContext& c) {
  auto id = c.id_param("renovation_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个改造申请");
  auto a = add_renovation_attachment(c.store, c.user, FileStore{c.files}, *id, c.q("kind", "application"),
                                     c.upload_path, c.q("file_name"), c.clock);
  if (!a) return error_response(c.req, a.error());
  return json_response(c.req, bh::status::created, {{"attachment", file_json(*a)}});
}

Response get_renovation_attachment(RouteContext& c) {
  auto id = c.id_param("attachment_id");
  if (!id) return error_response(c.req, bh::status::not_found, "not_found", "没有这个附件");
  auto f = renovation_attachment_file(c.store, c.user, FileStore{c.files}, *id, c.q("thumb") == "1");
  if (!f) return error_response(c.req, f.error());
  return file_response(c.req, f->path.string(), f->mime, f->attachment.file_name, true);
}

Response get_statistics(RouteContext& c) {
  auto t = summary_table(c.store, c.user, c.q("region"), c.clock);
  if (!t) return error_response(c.req, t.error());
  json rows = json::array();
  for (const auto& [region, tally] : t->rows) {
    json j = tally_json(tally);
    j["region_code"] = region.code;
    j["name"] = region.name;
    rows.push_back(std::move(j));
  }
  return json_response(c.req, bh::status::ok,
                       {{"region_code", t->region.code}, {"name", t->region.name}, {"today", t->today.to_string()},
                        {"deadline", t->deadline.to_string()},
                        {"deadlines_differ", t->deadlines_differ}, {"rows", rows}, {"total", tally_json(t->total)}});
}

}  // namespace anju::http
