#pragma once
// Writes a client may send more than once (docs/api.md "Idempotency-Key";
// service/client_write_service.h): the header names the write; the first
// answer is kept and sent again to a retry, so a phone that lost the
// answer never makes a second visit or photo.

#include <functional>

#include "core/client_write.h"
#include "http/router.h"

namespace anju::http {

inline constexpr const char* kIdempotencyHeader = "Idempotency-Key";
// Set on an answer sent again from the kept one.
inline constexpr const char* kReplayedHeader = "Idempotent-Replayed";

// Runs `write` with the request's key (empty without the header). A key
// seen before with the same method, path and body: its first answer again
// (or, when the server stopped before keeping it, 200 {"replayed": true});
// with another body: 422. A key that is not 1–100 letters, digits or
// "-_.:": 400 naming the header.
Response once_only(RouteContext& c, const std::function<Response(const OnceKey&)>& write);

}  // namespace anju::http
