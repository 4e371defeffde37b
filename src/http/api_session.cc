#include "core/access.h"
#include "http/api.h"
#include "service/campaign_service.h"
#include "service/query_service.h"
#include "service/session_service.h"

namespace anju::http {
namespace {

// The user as the console needs it: who, where, and which actions the role
// may take (core/access.h), so the browser shows only what will be allowed.
nlohmann::json user_json(const User& u, const SessionLimits& limits) {
  nlohmann::json may = nlohmann::json::array();
  for (Action a : kActions)
    if (role_may(u.role, a)) may.push_back(enum_key(a));
  return {{"name", u.name}, {"display_name", u.display_name}, {"role", enum_key(u.role)},
          {"role_name", enum_name(u.role)}, {"region_code", u.region_code},
          {"must_change_password", u.must_change_password}, {"two_step", u.two_step()},
          {"two_step_required", limits.needs_two_step(u)}, {"may", may}};
}

// The names of the user's region and the regions above it, from the top:
// what the console's header shows ("重庆市 / 县 / 城口县").
// A failed read leaves the path empty: the header then shows the code
// alone, and the session itself is not refused for it.
nlohmann::json region_path_json(Store& store, const std::string& code) {
  nlohmann::json out = nlohmann::json::array();
  auto path = region_path(store, code);
  if (!path) return out;
  for (const Region& r : *path) out.push_back({{"code", r.code}, {"name", r.name}});
  return out;
}

nlohmann::json session_json(Store& store, const User& u, const std::string& csrf, const SessionLimits& limits) {
  nlohmann::json user = user_json(u, limits);
  user["region_path"] = region_path_json(store, u.region_code);
  return {{"user", user}, {"csrf_token", csrf}};
}

enum class CookieLife { session, clear };

std::string session_cookie(const std::string& token, CookieLife life, Transport transport) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (transport == Transport::tls ? "; Secure" : "") + (life == CookieLife::clear ? "; Max-Age=0" : "");
}

// The login body's name field: "username", or "name" (older clients).
const char* name_key(const nlohmann::json& body) {
  return body.is_object() && body.contains("username") ? "username" : "name";
}

// {"username", "password"} (DESIGN §3.2; "name" is accepted too), as JSON
// only: a form or text/plain body is what a cross-site page can send
// without asking (login CSRF), so it is refused.
Response log_in(Store& store, const Request& req, const std::string& source, Transport transport,
                const Clock& clock, const SessionLimits& limits) {
  const std::string type(req[bh::field::content_type]);
  if (!type.starts_with("application/json"))
    return error_response(req, bh::status::unsupported_media_type, "invalid",
                          "登录请求应为 JSON（Content-Type: application/json）");
  auto body = nlohmann::json::parse(req.body(), nullptr, false);
  const char* key = name_key(body);
  if (!body.is_object() || !body.contains(key) || !body.contains("password") || !body[key].is_string() ||
      !body["password"].is_string())
    return error_response(req, bh::status::bad_request, "invalid", "请提供用户名（username）和密码（password）");
  if (body.contains("code") && !body["code"].is_string())
    return error_response(req, bh::status::bad_request, "invalid", "动态码（code）应为文字");
  const std::string code = body.value("code", "");
  auto in = login(store, body[key].get<std::string>(), body["password"].get<std::string>(), source, clock, limits,
                  code);
  if (!in) {
    if (in.error().code == ErrorCode::invalid)
      return error_response(req, bh::status::unauthorized, "unauthorized", in.error().message);
    if (in.error().code == ErrorCode::forbidden)
      return error_response(req, bh::status::too_many_requests, "locked", in.error().message);
    return error_response(req, in.error());
  }
  if (in->needs_code)
    return error_response(req, bh::status::unauthorized, "two_step_code", "请输入手机验证器上的6位动态码");
  Response res = json_response(req, bh::status::ok, session_json(store, in->user, in->csrf_token, limits));
  res.set(bh::field::set_cookie, session_cookie(in->token, CookieLife::session, transport));
  return res;
}

}  // namespace

// Anyone may ask (a load balancer), so it tells nothing about the data or
// the software: the engine, schema and counts are the console's to show.
Response health_endpoint(Store& store, const Request& req) {
  if (auto ok = check_store(store); !ok)
    return error_response(req, bh::status::service_unavailable, "io", "数据库暂时无法访问");
  return json_response(req, bh::status::ok, {{"status", "ok"}});
}

std::string login_name(const Request& req) {
  auto body = nlohmann::json::parse(req.body(), nullptr, false);
  const char* key = name_key(body);
  std::string name = body.is_object() && body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
  return user_name_problem(name).empty() ? name : "";  // every impossible name waits in one line
}

Response session_endpoint(Store& store, const Request& req, const std::string& source, Transport transport,
                          const Clock& clock, const SessionLimits& limits) {
  if (req.method() == bh::verb::post) return log_in(store, req, source, transport, clock, limits);
  const std::string token = cookie(req, kSessionCookie);
  if (token.empty()) return error_response(req, bh::status::unauthorized, "unauthorized", "请先登录");
  auto who = session_user(store, token, clock, limits);
  if (!who)  // an unknown or ended session: log in again; the store failing: say so
    return who.error().code == ErrorCode::forbidden
               ? error_response(req, bh::status::unauthorized, "unauthorized", who.error().message)
               : error_response(req, who.error());
  if (req.method() == bh::verb::get)
    return json_response(req, bh::status::ok, session_json(store, who->user, who->csrf_token, limits));
  if (req.method() != bh::verb::delete_)
    return error_response(req, bh::status::method_not_allowed, "method", "不支持的请求方法");
  if (req[kCsrfHeader] != who->csrf_token)
    return error_response(req, bh::status::forbidden, "csrf", "缺少或错误的 CSRF 令牌，请刷新页面后重试");
  if (auto out = logout(store, token, clock); !out) return error_response(req, out.error());
  Response res{bh::status::no_content, req.version()};
  res.set(bh::field::set_cookie, session_cookie("", CookieLife::clear, transport));
  return res;
}

}  // namespace anju::http
