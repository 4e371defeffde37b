#pragma once
// `anju serve`: HTTP/1.1 on Boost.Beast with C++20 coroutines on the I/O
// threads and a worker pool for store work (a request never blocks an I/O
// thread on the database). Bodies are limited, reads time out, SIGINT and
// SIGTERM stop accepting and let requests in flight finish, and every
// request goes to the access log (standard error).
//
// Routes: /api/v1/… (router.h's table; the session in api_session.cc),
// anything else the built web app (static
// files with the single-page-app fallback).

#include <chrono>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <thread>
#include <vector>
#include <algorithm>

#include "core/session.h"

namespace anju {
// store/store.h: handlers pass it on to services, never call it.
class Store;
}  // namespace anju

namespace anju::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (printed)
  std::filesystem::path web_root;  // the built web app; may not exist yet
  std::filesystem::path files;     // photos and reports of field visits (shared by every app server)
  size_t max_body_bytes = 1 << 20;
  // Uploads (POST /api/v1/imports) are streamed to a file, up to this size.
  size_t max_upload_bytes = size_t{2} << 30;
  std::chrono::seconds read_timeout{30};
  // Open connections at most (0: what the file descriptor limit allows,
  // http/connections.h); beyond it an idle keep-alive connection is closed
  // for a new client, or the new one waits.
  std::size_t max_connections = 0;
  // Reverse proxies or load balancers (addresses or networks) whose
  // X-Forwarded-For and X-Forwarded-Proto are believed
  // (http/client_address.h); none by default.
  std::vector<std::string> trusted_proxies;
  // TLS (both or neither): the certificate chain and its private key, PEM.
  // With them the server speaks HTTPS only, TLS 1.2 and up, and sends HSTS.
  std::filesystem::path tls_cert, tls_key;
  SessionLimits sessions;  // open sessions per user, and their lifetime
  // GET /metrics answers in Prometheus's text format (http/metrics.h).
  // The front (nginx, HAProxy) must not pass /metrics on from outside.
  bool metrics = false;
  int io_threads = 2;
  // Store work runs on this many threads: one per core by default (SQLite's
  // work is CPU); more suit a PostgreSQL server across the network.
  int worker_threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
};

// Serves until SIGINT or SIGTERM; `ready` is called with the bound port once
// the server accepts. Returns 0 after a clean stop, 1 when it cannot listen.
int serve(Store& store, const ServerOptions& options, const std::function<void(unsigned short)>& ready,
          std::ostream& access_log);

}  // namespace anju::http
