#pragma once
// Beast's request and response types as the server's handlers use them,
// and the JSON answers every API handler gives.
#include <utility>  // before Asio (Boost 1.74 with GCC 12)

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"

namespace anju::http {

namespace bh = boost::beast::http;
using Request = bh::request<bh::string_body>;
using Response = bh::response<bh::string_body>;

Response json_response(const Request& req, bh::status status, const nlohmann::json& body);

// The headers every answer carries: a Content-Security-Policy that lets
// only the app's own script files run (markup injected into a page stays
// inert), no framing by other sites, no MIME sniffing, the referrer kept
// on the site; over TLS also Strict-Transport-Security (HSTS).
void set_security_headers(Response& res, bool over_tls);
// {"items": items, "total": total}: the shape of every list (DESIGN.md §3.2),
// without copying the items.
Response list_response(const Request& req, nlohmann::json&& items, long total);
Response error_response(const Request& req, bh::status status, const std::string& code,
                        const std::string& message);
// The HTTP status of a service error (invalid 400, not_found 404, conflict
// 409, forbidden 403, io 503, internal 500). The body says what
// client_message (core/result.h) allows; an operator-only message rides in
// the kOperatorDetail header, which the server takes out and logs before
// anything is sent.
Response error_response(const Request& req, const Error& error);
inline constexpr const char* kOperatorDetail = "X-Anju-Operator-Detail";
// Set on the answer to a write that lost a race with another transaction
// (Transient::lost_race: PostgreSQL's serialization failure or deadlock), which
// changed nothing: the server runs the request again before answering, and
// takes the header out.
inline constexpr const char* kLostRace = "X-Anju-Lost-Race";

// The value of cookie `name` in the request, or "".
std::string cookie(const Request& req, std::string_view name);

}  // namespace anju::http
