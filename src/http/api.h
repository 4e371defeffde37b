#pragma once
// The API's handlers (DESIGN.md §3.2). Each runs on the worker pool, takes
// the request and the client's address, and answers with JSON.

#include <string>

#include "core/clock.h"
#include "core/session.h"
#include "http/http_types.h"

namespace anju {
// store/store.h: handlers pass it on to services, never call it.
class Store;
}  // namespace anju

namespace anju::http {

// The session cookie: HttpOnly, SameSite=Strict, the whole site.
inline constexpr const char* kSessionCookie = "anju_session";
// The header a write must carry, equal to the session's CSRF token.
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// How the client reached the server: the session cookie is Secure when it
// came over TLS (here, or to a trusted proxy that says so).
enum class Transport { plain, tls };

// /api/v1/session — POST {username, password}: log in (sets the cookie; 401
// on a wrong name or password, 429 while the name is locked); GET: who is
// logged in (401 when nobody); DELETE: log out (403 without the CSRF token).
Response session_endpoint(Store& store, const Request& req, const std::string& source, Transport transport,
                          const Clock& clock, const SessionLimits& limits);

// GET /api/v1/health: the engine, the schema version and the households
// counted (503 when the store cannot be read). No session needed.
Response health_endpoint(Store& store, const Request& req);

// The name a login body tries ("" when it names none): what its attempts
// are serialised and counted by.
std::string login_name(const Request& req);

}  // namespace anju::http
