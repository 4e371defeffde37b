// Change requests (DOMAIN.md §12): raise, decide, list.
#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/id_number.h"
#include "http/api_json.h"
#include "http/router.h"
#include "service/change_service.h"

namespace anju::http {
namespace {

using nlohmann::json;

// A new head's ID number is personal data: masked unless asked for, allowed
// and audited (disclose).
json change_json(const ChangeRequest& r, Disclosure disclosure) {
  json details = json::parse(r.details, nullptr, false);
  if (details.is_object() && details.contains("head_id_number") && !disclosure.full)
    details["head_id_number"] = mask_id_number(details.value("head_id_number", ""));
  return {{"id", r.id},
          {"household_id", r.household_id},
          {"head_name", r.head_name},
          {"region_code", r.region_code},
          {"kind", enum_key(r.kind)},
          {"kind_name", enum_name(r.kind)},
          {"state", enum_key(r.state)},
          {"state_name", enum_name(r.state)},
          {"details", details},
          {"note", r.note},
          {"reason", r.reason},
          {"version", r.version},
          {"created_at", r.created_at},
          {"created_by", r.created_by},
          {"updated_at", r.updated_at},
          {"updated_by", r.updated_by}};
}

json file_json(const Attachment& a) {
  const std::string url = "/api/v1/change-attachments/" + std::to_string(a.id);
  return {{"id", a.id}, {"mime", a.mime}, {"bytes", a.bytes}, {"file_name", a.file_name}, {"url", url},
          {"thumb_url", a.mime == "application/pdf" ? json(nullptr) : json(url + "?thumb=1")},
          {"created_at", a.created_at}, {"created_by", a.created_by}};
}

// The request with its evidence files.
json change_with_files(RouteContext& c, const ChangeRequest& r, Disclosure disclosure = {}) {
  json j = change_json(r, disclosure);
  j["attachments"] = json::array();
  if (auto files = change_files(c.store, r.id))
    for (const Attachment& a : *files) j["attachments"].push_back(file_json(a));
  return j;
}

Response decide(RouteContext& c, ChangeAction action) {
  const auto found = c.id_param("change_id");
  if (!found) return error_response(c.req, bh::status::not_found, "not_found", "没有这个变更申请");
  const long id = *found;
  const json b = json::parse(c.req.body(), nullptr, false);
  if (!b.is_object() || !b.contains("version") || !b["version"].is_number_integer())
    return error_response(c.req, bh::status::bad_request, "invalid", "请求须带所见的版本号 version");
  auto r = decide_change(c.store, c.user, id, b["version"].get<long>(), action, b.value("reason", ""), c.clock);
  if (!r) return error_response(c.req, r.error());
  return json_response(c.req, bh::status::ok, {{"change", change_with_files(c, *r)}});
}

}  // namespace

Response get_changes(RouteContext& c) {
  std::optional<ChangeState> state;
  if (!c.q("state").empty()) {
    state = enum_from_key<ChangeState>(c.q("state"));
    if (!state) return error_response(c.req, bh::status::bad_request, "invalid", "未知的状态：" + c.q("state"));
  }
  const auto [offset, size] = c.paging();
  auto page = list_change_requests(c.store, c.user, c.q("region"), state, offset, size);
  if (!page) return error_response(c.req, page.error());
  const Disclosure disclosure{c.asks_full_id()};
  const std::string region = c.q("region").empty() ? c.user.region_code : c.q("region");
  if (auto shown = disclose(c.store, c.user, region, disclosure, "change_requests", region,
                            {{"count", page->items.size()}}, c.clock);
      !shown)
    return error_response(c.req, shown.error());
  json items = json::array();
  for (const ChangeRequest& r : page->items) items.push_back(change_with_files(c, r, disclosure));
  return list_response(c.req, std::move(items), page->total);
}

Response post_change(RouteContext& c) {
  const json b = json::parse(c.req.body(), nullptr, false);
  const auto kind = b.is_object() ? enum_parse<ChangeKind>(b.value("kind", "")) : std::nullopt;
  if (!kind || !b.contains("household_id") || !b["household_id"].is_string())
    return error_response(c.req, bh::status::bad_request, "invalid",
                          "请求应为 {\"household_id\", \"kind\": deceased|head_change|relocation, \"details\": {…}, \"note\"}");
  ChangeInput in{b["household_id"], *kind, {}, b.value("note", "")};
  if (b.contains("details") && b["details"].is_object())
    for (const auto& [k, v] : b["details"].items())
      if (v.is_string()) in.details[k] = v.get<std::string>();
  auto r = raise_change(c.store, c.user, in, c.clock);
  if (!r) return error_response(c.req, r.error());
  return json_response(c.req, bh::status::created, {{"change", change_json(*r, Disclosure{})}});
}

Response post_change_attachment(RouteContext& c) {
  const auto found = c.id_param("change_id");
  if (!found) return error_response(c.req, bh::status::not_found, "not_found", "没有这个变更申请");
  const long id = *found;
  auto a = add_change_attachment(c.store, c.user, FileStore{c.files}, id, c.upload_path, c.q("file_name"), c.clock);
  if (!a) return error_response(c.req, a.error());
  return json_response(c.req, bh::status::created, {{"attachment", file_json(*a)}});
}

Response get_change_attachment(RouteContext& c) {
  const auto found = c.id_param("attachment_id");
  if (!found) return error_response(c.req, bh::status::not_found, "not_found", "没有这个附件");
  const long id = *found;
  auto f = change_attachment_file(c.store, c.user, FileStore{c.files}, id, c.q("thumb") == "1");
  if (!f) return error_response(c.req, f.error());
  return file_response(c.req, f->path.string(), f->mime,
                       f->attachment.file_name.empty() ? "材料" + std::to_string(id) : f->attachment.file_name, true);
}

Response post_change_approve(RouteContext& c) { return decide(c, ChangeAction::approve); }
Response post_change_reject(RouteContext& c) { return decide(c, ChangeAction::reject); }

}  // namespace anju::http
