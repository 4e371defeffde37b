// The audit log, users and passwords.
#include <nlohmann/json.hpp>

#include "http/api_json.h"
#include "http/router.h"
#include "service/two_step.h"
#include "service/user_service.h"

namespace anju::http {

using nlohmann::json;

Response get_audit(RouteContext& c) {
  AuditFilter f;
  f.actor = c.q("actor");
  f.action = c.q("action");
  f.object_type = c.q("object_type");
  f.object_id = c.q("object_id");
  f.from = c.q("from");
  f.to = c.q("to");
  std::tie(f.offset, f.limit) = c.paging();
  auto audit = list_audit(c.store, c.user, f);
  if (!audit) return error_response(c.req, audit.error());
  json items = json::array();
  for (const AuditEntry& e : audit->page.items) {
    json j = audit_json(e);
    j["actor_name"] = name_of(audit->names, e.actor);
    items.push_back(std::move(j));
  }
  return list_response(c.req, std::move(items), audit->page.total);
}

Response get_users(RouteContext& c) {
  auto users = list_users(c.store, c.user);
  if (!users) return error_response(c.req, users.error());
  json items = json::array();
  for (const auto& s : *users) {
    const User& u = s.value;
    items.push_back({{"name", u.name}, {"display_name", u.display_name}, {"role", enum_key(u.role)},
                     {"role_name", enum_name(u.role)}, {"region_code", u.region_code},
                     {"disabled", u.disabled}, {"must_change_password", u.must_change_password},
                     {"two_step", u.two_step()}, {"version", s.version}});
  }
  return list_response(c.req, std::move(items), static_cast<long>(items.size()));
}

namespace {

std::optional<std::string> string_field(const json& body, const char* name) {
  if (!body.is_object() || !body.contains(name) || !body[name].is_string()) return std::nullopt;
  return body[name].get<std::string>();
}

}  // namespace

Response put_own_password(RouteContext& c) {
  const auto body = json::parse(c.req.body(), nullptr, false);
  const auto old_password = string_field(body, "old_password");
  const auto new_password = string_field(body, "new_password");
  if (!old_password || !new_password)
    return error_response(c.req, bh::status::bad_request, "invalid", "请提供原密码和新密码");
  auto r = change_own_password(c.store, c.user, *old_password, *new_password, c.source, c.clock);
  if (!r && r.error().code == ErrorCode::forbidden)  // locked out, as a login would be
    return error_response(c.req, bh::status::too_many_requests, "locked", r.error().message);
  if (!r) return error_response(c.req, r.error());
  return json_response(c.req, bh::status::ok, {{"message", "密码已修改，请用新密码重新登录"}});
}

// {"password"}: begins two-step sign-in (service/two_step.h) and answers
// the secret, its otpauth URI and QR code (SVG), shown once.
Response post_own_two_step(RouteContext& c) {
  const auto password = string_field(json::parse(c.req.body(), nullptr, false), "password");
  if (!password) return error_response(c.req, bh::status::bad_request, "invalid", "请提供当前密码（password）");
  auto setup = begin_two_step(c.store, c.user.name, *password, c.source, c.clock);
  if (!setup && setup.error().code == ErrorCode::forbidden)
    return error_response(c.req, bh::status::too_many_requests, "locked", setup.error().message);
  if (!setup) return error_response(c.req, setup.error());
  return json_response(c.req, bh::status::ok,
                       {{"secret", setup->secret}, {"uri", setup->uri}, {"qr_svg", setup->qr_svg}});
}

// {"code"}: the first code from the app turns two-step sign-in on.
Response put_own_two_step(RouteContext& c) {
  const auto code = string_field(json::parse(c.req.body(), nullptr, false), "code");
  if (!code) return error_response(c.req, bh::status::bad_request, "invalid", "请提供验证器上的动态码（code）");
  auto r = confirm_two_step(c.store, c.user.name, *code, c.source, c.clock);
  if (!r && r.error().code == ErrorCode::forbidden)
    return error_response(c.req, bh::status::too_many_requests, "locked", r.error().message);
  if (!r) return error_response(c.req, r.error());
  return json_response(c.req, bh::status::ok, {{"two_step", true}, {"message", "两步验证已开启，下次登录需输入动态码"}});
}

// An administrator turns a user's two-step sign-in off (a lost phone).
Response delete_user_two_step(RouteContext& c) {
  const std::string name = c.param("name");
  if (auto r = turn_off_two_step(c.store, c.user, name, c.clock); !r) return error_response(c.req, r.error());
  return json_response(c.req, bh::status::ok, {{"name", name}, {"two_step", false}});
}

Response post_user(RouteContext& c) {
  const auto body = json::parse(c.req.body(), nullptr, false);
  const auto name = string_field(body, "name");
  const auto role = string_field(body, "role");
  const auto region = string_field(body, "region_code");
  const auto password = string_field(body, "password");
  if (!name || !role || !region || !password)
    return error_response(c.req, bh::status::bad_request, "invalid", "请填写用户名、角色、区划和初始密码");
  const auto parsed_role = enum_parse<Role>(*role);
  if (!parsed_role) return error_response(c.req, bh::status::bad_request, "invalid", "未知的角色：" + *role);
  NewUser u{*name, string_field(body, "display_name").value_or(""), *parsed_role, *region, *password};
  auto made = create_user(c.store, c.user, std::move(u), c.clock);
  if (!made) return error_response(c.req, made.error());
  return json_response(c.req, bh::status::created,
                       {{"user", {{"name", made->name}, {"role", enum_key(made->role)},
                                  {"region_code", made->region_code}, {"must_change_password", true}}}});
}

Response put_user(RouteContext& c) {
  const auto body = json::parse(c.req.body(), nullptr, false);
  if (!body.is_object() || !body.contains("disabled") || !body["disabled"].is_boolean())
    return error_response(c.req, bh::status::bad_request, "invalid", "请求应为 {\"disabled\": true 或 false}");
  const bool disabled = body["disabled"];
  auto r = disable_user(c.store, c.user, c.param("name"), disabled, c.clock);
  if (!r) return error_response(c.req, r.error());
  return json_response(c.req, bh::status::ok, {{"message", disabled ? "已停用，该用户的登录已全部失效" : "已启用"}});
}

Response post_user_password(RouteContext& c) {
  const auto body = json::parse(c.req.body(), nullptr, false);
  const auto password = string_field(body, "password");
  if (!password) return error_response(c.req, bh::status::bad_request, "invalid", "请提供新密码");
  auto r = reset_password(c.store, c.user, c.param("name"), *password, c.clock);
  if (!r) return error_response(c.req, r.error());
  return json_response(c.req, bh::status::ok, {{"message", "密码已重置；该用户的登录已全部失效，下次登录须修改密码"}});
}

}  // namespace anju::http
