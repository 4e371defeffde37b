#include "http/http_types.h"

namespace anju::http {

Response json_response(const Request& req, bh::status status, const nlohmann::json& body) {
  Response res{status, req.version()};
  res.set(bh::field::content_type, "application/json; charset=utf-8");
  res.set(bh::field::cache_control, "no-store");
  res.body() = body.dump();
  return res;
}

Response list_response(const Request& req, nlohmann::json&& items, long total) {
  nlohmann::json body = nlohmann::json::object();
  body["items"] = std::move(items);
  body["total"] = total;
  return json_response(req, bh::status::ok, body);
}

Response error_response(const Request& req, bh::status status, const std::string& code,
                        const std::string& message) {
  return json_response(req, status, {{"error", {{"code", code}, {"message", message}}}});
}

Response error_response(const Request& req, const Error& error) {
  bh::status status = bh::status::internal_server_error;
  switch (error.code) {
    case ErrorCode::invalid: status = bh::status::bad_request; break;
    case ErrorCode::not_found: status = bh::status::not_found; break;
    case ErrorCode::conflict: status = bh::status::conflict; break;
    case ErrorCode::forbidden: status = bh::status::forbidden; break;
    case ErrorCode::io: status = bh::status::service_unavailable; break;
    case ErrorCode::internal: break;
  }
  Response res = error_response(req, status, error_code_name(error.code), client_message(error));
  // The store is away (stopped, or its standby taking over): the request
  // may be sent again in a moment. Not for a failure that would only
  // happen again (a full disk, a refused statement).
  if (error.transient == Transient::store_away) res.set(bh::field::retry_after, "3");
  if (error.transient == Transient::lost_race) res.set(kLostRace, "1");
  if (const std::string detail = operator_detail(error); !detail.empty()) {
    std::string one_line = detail;  // a header holds one line
    for (char& c : one_line)
      if (c == '\r' || c == '\n') c = ' ';
    res.set(kOperatorDetail, one_line);
  }
  return res;
}

std::string cookie(const Request& req, std::string_view name) {
  const auto header = req[bh::field::cookie];
  const std::string_view all(header.data(), header.size());
  size_t pos = 0;
  while (pos < all.size()) {
    while (pos < all.size() && (all[pos] == ' ' || all[pos] == ';')) ++pos;
    const size_t end = std::min(all.find(';', pos), all.size());
    const std::string_view pair = all.substr(pos, end - pos);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    pos = end;
  }
  return "";
}

void set_security_headers(Response& res, bool over_tls) {
  // Once a browser has seen HTTPS here, it never asks over plain HTTP again.
  if (over_tls) res.set("Strict-Transport-Security", "max-age=31536000");
  // Element Plus and Leaflet set inline styles; scripts come only from
  // /assets (Vite emits no inline script).
  res.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
  res.set("X-Frame-Options", "DENY");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "same-origin");
}

}  // namespace anju::http
