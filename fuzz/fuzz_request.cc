// An API request as the server handles it once read: the first line is
// "METHOD /target?query", the rest the body. The path is matched against
// the route table, the query decoded, and the route's handler run as the
// server runs it — as a country-wide administrator over a SQLite store of
// this process — for every route whose body is JSON and that starts no
// job. The server answers a BadParameter or a JSON type error with 400;
// anything else thrown, or an answer of 500 or more, is a defect: bad
// input must be a 4xx naming the field (issue 21 #8), never an internal
// error. Those abort.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_input.h"
#include "http/job_threads.h"
#include "http/router.h"
#include "service/system_clock.h"
#include "store/store.h"

namespace {

using namespace anju;
namespace bh = anju::http::bh;

struct World {
  std::unique_ptr<Store> store;
  SystemClock clock;
  std::unique_ptr<http::JobThreads> jobs;
  User admin{"fuzz", "", Role::admin, std::string(kWholeCountry), "", false, false, {}};
};

World& world() {
  static World* w = [] {
    auto* out = new World;
    const std::string path = fuzz::scratch_path(".db");
    std::remove(path.c_str());
    auto opened = open_store("sqlite:" + path);
    if (!opened) std::abort();
    out->store = std::move(*opened);
    out->jobs = std::make_unique<http::JobThreads>(*out->store, out->clock);
    return out;
  }();
  return *w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto eol = input.find('\n');
  const std::string line = input.substr(0, eol);
  const auto space = line.find(' ');
  if (space == std::string::npos) return 0;
  const auto method = bh::string_to_verb(line.substr(0, space));
  const std::string target = line.substr(space + 1);
  const std::string path = target.substr(0, target.find('?'));
  http::RouteMatch match = http::match_route(method, path);
  if (!match.route || match.route->body != http::Body::json) return 0;
  if (path.starts_with("/api/v1/jobs") || path.starts_with("/api/v1/imports") || path.starts_with("/api/v1/exports"))
    return 0;  // these start background jobs
  World& w = world();
  http::Request req{method, target, 11};
  req.set(bh::field::content_type, "application/json");
  req.body() = eol == std::string::npos ? "" : input.substr(eol + 1);
  const auto question = target.find('?');
  http::RouteContext c{*w.store, w.clock, req, w.admin, std::move(match.params),
                       http::parse_query(question == std::string::npos ? "" : target.substr(question + 1)),
                       *w.jobs, "", fuzz::scratch_path(".files"), "127.0.0.1"};
  try {
    const http::Response res = match.route->handler(c);
    if (res.result_int() >= 500) {
      std::fprintf(stderr, "%s answered %d: %s\n", line.c_str(), res.result_int(), res.body().c_str());
      std::abort();
    }
  } catch (const http::BadParameter&) {
  } catch (const nlohmann::json::type_error&) {
  }
  return 0;
}
