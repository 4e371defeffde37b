// The four-part record and its review (DOMAIN.md §12): the record with each
// value's source and what is missing, saving fields, the review steps one
// by one or in bulk, the queues and the counts by state.
#include <nlohmann/json.hpp>

#include "core/judgment.h"
#include "http/api_json.h"
#include "http/router.h"
#include "service/campaign_service.h"
#include "service/todo_service.h"
#include "service/query_service.h"
#include "service/record_service.h"

namespace anju::http {
namespace {

using nlohmann::json;

// What this user may do with the record now (core/record.h decides), so the
// page offers only those buttons.
json allowed_actions(const RecordView& v, const User& user) {
  json out = json::array();
  for (RecordAction a : {RecordAction::edit, RecordAction::submit, RecordAction::approve, RecordAction::give_back,
                         RecordAction::reopen})
    if (record_transition(v.state, a, user.role, "-")) out.push_back(enum_key(a));
  return out;
}

json record_json(const RecordView& v, const User& user) {
  json fields = json::array();
  for (const RecordFieldView& f : v.fields)
    fields.push_back({{"key", f.field->key}, {"name", f.field->name}, {"part", enum_name(f.field->part)},
                      {"value", f.value.value}, {"source", f.value.source}, {"by", f.value.by}, {"at", f.value.at},
                      {"required", f.required}, {"typed", record_field_typed(*f.field)}});
  json history = json::array();
  for (const RecordHistoryEntry& h : v.history)
    history.push_back({{"at", h.at}, {"actor", h.actor}, {"actor_name", name_of(v.names, h.actor)}, {"action", h.action},
                       {"action_name", enum_from_key<RecordAction>(h.action) ? enum_name(*enum_from_key<RecordAction>(h.action))
                                                                     : h.action.c_str()},
                       {"from", enum_key(h.from)}, {"to", enum_key(h.to)},
                       {"to_name", enum_name(h.to)}, {"comment", h.comment},
                       {"changes", json::parse(h.changes, nullptr, false)}});
  json judgment = nullptr;
  if (v.judgment) {
    json reasons = json::array();
    for (Reason r : v.judgment->reasons) reasons.push_back({{"key", reason_key(r)}, {"name", reason_name(r)}});
    judgment = {{"result", judge_result_key(v.judgment->result)},
                {"result_name", judge_result_name(v.judgment->result)},
                {"reasons", reasons}};
  }
  return {{"household_id", v.household_id}, {"region_code", v.region_code}, {"state", enum_key(v.state)},
          {"judgment", judgment},
          {"state_name", enum_name(v.state)}, {"version", v.version}, {"editable", record_editable(v.state)},
          {"fields", fields}, {"missing", v.missing}, {"history", history}, {"actions", allowed_actions(v, user)},
          {"updated_at", v.updated_at},
          {"updated_by", v.updated_by},
          {"updated_by_name", name_of(v.names, v.updated_by)}};
}

std::optional<std::pair<json, long>> versioned(const RouteContext& c) {
  json body = json::parse(c.req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("version") || !body["version"].is_number_integer()) return std::nullopt;
  const long v = body["version"];
  return std::make_pair(std::move(body), v);
}

Response act(RouteContext& c, RecordAction action) {
  const auto body = versioned(c);
  if (!body) return error_response(c.req, bh::status::bad_request, "invalid", "请求须带所见的版本号 version");
  auto v = act_on_record(c.store, c.user, c.param("household_id"), body->second, action,
                         body->first.value("comment", ""), c.clock);
  if (!v) return error_response(c.req, v.error());
  return json_response(c.req, bh::status::ok, {{"record", record_json(*v, c.user)}});
}

}  // namespace

Response get_records(RouteContext& c) {
  std::optional<RecordState> state;
  RecordsShown shown = RecordsShown::all;
  if (c.q("state") == "returned") {  // 被退回: 填报中 after a return
    shown = RecordsShown::returned;
  } else if (!c.q("state").empty()) {
    state = enum_from_key<RecordState>(c.q("state"));
    if (!state) return error_response(c.req, bh::status::bad_request, "invalid", "未知的状态：" + c.q("state"));
  }
  const auto [offset, size] = c.paging();
  auto page = list_records(c.store, c.user, c.q("region"), state, offset, size, shown);
  if (!page) return error_response(c.req, page.error());
  json items = json::array();
  for (const RecordRow& r : page->items)
    items.push_back({{"household_id", r.household_id}, {"head_name", r.head_name}, {"region_code", r.region_code},
                     {"state", enum_key(r.state)}, {"state_name", enum_name(r.state)},
                     {"version", r.version}, {"updated_at", r.updated_at}, {"updated_by", r.updated_by},
                     {"updated_by_name", r.updated_by_name}});
  return list_response(c.req, std::move(items), page->total);
}

Response get_record(RouteContext& c) {
  auto v = record_view(c.store, c.user, c.param("household_id"), Disclosure{c.asks_full_id()}, c.clock);
  if (!v) return error_response(c.req, v.error());
  return json_response(c.req, bh::status::ok, {{"record", record_json(*v, c.user)}});
}

Response put_record(RouteContext& c) {
  const auto body = versioned(c);
  if (!body || !body->first.contains("fields") || !body->first["fields"].is_object())
    return error_response(c.req, bh::status::bad_request, "invalid", "请求应为 {\"version\", \"fields\": {字段: 值}}");
  std::map<std::string, std::string> changes;
  for (const auto& [k, v] : body->first["fields"].items()) {
    if (v.is_string()) changes[k] = v.get<std::string>();
    else if (v.is_number()) changes[k] = v.dump();
    else if (v.is_null()) changes[k] = "";
    else return error_response(c.req, bh::status::bad_request, "invalid", "字段 " + k + " 的值应为文字或数字");
  }
  auto v = save_record_fields(c.store, c.user, c.param("household_id"), body->second, changes, c.clock);
  if (!v) return error_response(c.req, v.error());
  return json_response(c.req, bh::status::ok, {{"record", record_json(*v, c.user)}});
}

Response post_record_submit(RouteContext& c) { return act(c, RecordAction::submit); }
Response post_record_approve(RouteContext& c) { return act(c, RecordAction::approve); }
Response post_record_return(RouteContext& c) { return act(c, RecordAction::give_back); }
Response post_record_reopen(RouteContext& c) { return act(c, RecordAction::reopen); }

Response post_records_bulk(RouteContext& c) {
  const json b = json::parse(c.req.body(), nullptr, false);
  const auto action = b.is_object() ? enum_from_key<RecordAction>(b.value("action", "")) : std::nullopt;
  if (!action || *action == RecordAction::edit || !b.contains("records") || !b["records"].is_array())
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请求应为 {\"action\": submit|approve|return|reopen, \"records\": [{\"household_id\", \"version\"}], \"comment\"}");
  std::vector<RecordRef> refs;
  for (const json& r : b["records"]) {
    if (!r.is_object() || !r.contains("household_id") || !r["household_id"].is_string() || !r.contains("version") ||
        !r["version"].is_number_integer())
      return error_response(c.req, bh::status::bad_request, "invalid", "每条记录须有 household_id 和 version");
    refs.push_back({r["household_id"], r["version"]});
  }
  const auto outcomes = act_on_records(c.store, c.user, refs, *action, b.value("comment", ""), c.clock);
  json items = json::array();
  long done = 0;
  for (const BulkOutcome& o : outcomes) {
    items.push_back({{"household_id", o.household_id}, {"done", o.done}, {"message", o.message}});
    done += o.done;
  }
  return json_response(c.req, bh::status::ok, {{"items", items}, {"done", done}, {"refused", items.size() - done}});
}

Response get_record_progress(RouteContext& c) {
  const auto by =
      c.q_choice<RecordsBy>("by", {{"village", RecordsBy::village}, {"child", RecordsBy::child}},
                            RecordsBy::village, "by 应为 village 或 child");
  auto counts = record_progress(c.store, c.user, c.q("region"), by);
  if (!counts) return error_response(c.req, counts.error());
  // Past its campaign's window, every record not yet approved by the county
  // is late: each row by the campaign its region follows.
  auto campaign = read_campaign(c.store, c.user, c.q("region"));
  if (!campaign) return error_response(c.req, campaign.error());
  const CampaignIndex campaigns(campaign->campaign, campaign->inside);
  json items = json::array();
  for (const RecordCount& r : *counts) {
    const Date& end = campaigns.of(r.region_code).window_end;
    items.push_back({{"region_code", r.region_code},
                     {"name", r.name.empty() ? json(nullptr) : json(r.name)},
                     {"state", enum_key(r.state)},
                     {"n", r.n},
                     {"window_end", end.to_string()},
                     {"past_window", end < c.clock.today()}});
  }
  const long total = static_cast<long>(items.size());
  return json_response(c.req, bh::status::ok,
                       {{"items", std::move(items)}, {"total", total},
                        {"window_end", campaign->campaign.window_end.to_string()},
                        {"past_window", campaign->campaign.window_end < c.clock.today()}});
}

}  // namespace anju::http

namespace anju::http {

// 待办: what waits for this user, each with the list filter that opens it.
Response get_todo(RouteContext& c) {
  auto items = todo_list(c.store, c.user, c.clock);
  if (!items) return error_response(c.req, items.error());
  json out = json::array();
  for (const TodoItem& t : *items)
    out.push_back({{"kind", enum_key(t.kind)}, {"name", enum_name(t.kind)}, {"state", t.state}, {"count", t.count}});
  return json_response(c.req, bh::status::ok, {{"items", std::move(out)}});
}

}  // namespace anju::http
