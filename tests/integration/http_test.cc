// `anju serve` as a real process on a loopback port, asked over HTTP: the
// health endpoint reads the store, the web app's files are served with
// their types and the app's own routes fall back to index.html, paths that
// leave the web folder are refused, bodies over the limit get 413, and
// SIGTERM stops the server cleanly. Runs on both engines.
#include <utility>  // before Asio (Boost 1.74 with GCC 12)

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration/town_server.h"

namespace anju::testing {
namespace {

namespace fs = std::filesystem;
namespace net = boost::asio;
namespace bh = boost::beast::http;

class Http : public TownServer {
 protected:
  void SetUp() override {
    if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
    make_town("http");
    fs::create_directories(work_ / "web/assets");
    std::ofstream(work_ / "web/index.html") << "<!doctype html><title>安居</title>";
    std::ofstream(work_ / "web/assets/app.js") << "console.log('安居')";
    std::ofstream(work_ / "secret.txt") << "not for the web";
    serve({"--web", (work_ / "web").string(), "--max-body", "4096"});
  }

  Reply log_in(const std::string& password) {
    return request(port_, bh::verb::post, "/api/v1/session",
                   nlohmann::json{{"name", "clerk"}, {"password", password}}.dump(),
                   {{"Content-Type", "application/json"}});
  }

  // Serves again with `extra` arguments, under a file descriptor limit of
  // `fd_limit` when given (the child inherits it; this process gets its
  // own back at once).
  void restart(const std::vector<std::string>& extra, rlim_t fd_limit = 0) {
    server_.stop();
    rlimit saved{};
    getrlimit(RLIMIT_NOFILE, &saved);
    if (fd_limit) {
      rlimit low = saved;
      low.rlim_cur = fd_limit;
      setrlimit(RLIMIT_NOFILE, &low);
    }
    std::vector<std::string> args = {"--db", db_->url(), "serve", "--port", "0", "--web", (work_ / "web").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::string started = server_.start(args, work_.string());
    setrlimit(RLIMIT_NOFILE, &saved);
    ASSERT_EQ(started, "");
    port_ = server_.port();
  }

  // Open TCP connections that send nothing (idle from their first byte on).
  std::vector<std::unique_ptr<net::ip::tcp::socket>> connect_idle(net::io_context& io, int n) {
    std::vector<std::unique_ptr<net::ip::tcp::socket>> out;
    const net::ip::tcp::endpoint at(net::ip::make_address("127.0.0.1"), port_);
    for (int i = 0; i < n; ++i) {
      auto s = std::make_unique<net::ip::tcp::socket>(io);
      boost::system::error_code ec;
      s->connect(at, ec);
      if (!ec) out.push_back(std::move(s));
    }
    return out;
  }

  // Whether GET /api/v1/health is answered 200 within `limit`.
  bool answers_within(std::chrono::seconds limit) {
    auto answered = std::async(std::launch::async, [port = port_] { return request(port, bh::verb::get, "/api/v1/health"); });
    if (answered.wait_for(limit) != std::future_status::ready) {
      server_.stop();  // ends the request waiting in vain
      return false;
    }
    return answered.get().status == 200;
  }
};

TEST_F(Http, HealthReadsTheStore) {
  Reply r = request(port_, bh::verb::get, "/api/v1/health");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["status"], "ok");
  // Anyone may ask: nothing about the data or the software (issue 21).
  EXPECT_EQ(j.size(), 1u) << r.body;
  Reply missing = request(port_, bh::verb::get, "/api/v1/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing.body)["error"]["code"], "not_found");
}

TEST_F(Http, ServesTheWebAppAndItsRoutes) {
  Reply index = request(port_, bh::verb::get, "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("安居"), std::string::npos);
  Reply js = request(port_, bh::verb::get, "/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  Reply route = request(port_, bh::verb::get, "/households/5002291080010002?tab=evidence");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);  // the app's own route: index.html
  EXPECT_EQ(request(port_, bh::verb::get, "/assets/missing.js").status, 404);
}

TEST_F(Http, PathsOutOfTheWebFolderAreRefused) {
  for (const char* target : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt",
                             "/%2E%2E%2Fsecret.txt", "/..%5csecret.txt", "/%00/index.html"}) {
    Reply r = request(port_, bh::verb::get, target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body.find("not for the web"), std::string::npos) << target;
  }
}

TEST_F(Http, OversizedBodiesAreRefused) {
  Reply r = request(port_, bh::verb::post, "/api/v1/health", std::string(5000, 'x'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"]["code"], "too_large");
  EXPECT_EQ(request(port_, bh::verb::get, "/api/v1/health").status, 200);  // still serving
}

// The status line's code of the answer to a request that declares a body of
// `length` bytes and sends none of it (0: no answer before the server closed).
int status_for_declared(unsigned short port, const std::string& target, unsigned long long length) {
  net::io_context io;
  net::ip::tcp::socket s(io);
  boost::system::error_code ec;
  s.connect({net::ip::make_address("127.0.0.1"), port}, ec);
  if (ec) return 0;
  const std::string head = "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                           "Content-Length: " + std::to_string(length) + "\r\n\r\n";
  net::write(s, net::buffer(head), ec);
  std::string answer(64, '\0');
  const size_t got = s.read_some(net::buffer(answer), ec);
  answer.resize(got);
  return answer.starts_with("HTTP/1.1 ") ? std::atoi(answer.c_str() + 9) : 0;
}

// Bodies are refused by their declared length, per route, before a byte of
// them is read or written to disk: 5 GiB anywhere, 25 MB as a photo (the
// limit is 20 MB); 25 MB is a fine size for an import (401 here: not
// logged in). Nothing is left in the temporary folder.
TEST_F(Http, DeclaredBodiesOverTheRoutesLimitAre413BeforeAnythingIsWritten) {
  EXPECT_EQ(status_for_declared(port_, "/api/v1/imports?kind=households", 5ULL << 30), 413);
  EXPECT_EQ(status_for_declared(port_, "/api/v1/field-tasks/1/attachments?file_name=a.jpg", 25ULL << 20), 413);
  EXPECT_EQ(status_for_declared(port_, "/api/v1/change-requests/1/attachments?file_name=a.pdf", 25ULL << 20), 413);
  EXPECT_EQ(status_for_declared(port_, "/api/v1/imports?kind=households", 25ULL << 20), 401);
  EXPECT_EQ(status_for_declared(port_, "/api/v1/session", 5000), 413);  // JSON: --max-body 4096
  EXPECT_EQ(request(port_, bh::verb::get, "/api/v1/health").status, 200);  // still serving
}

// What anju creates is read by its owner and group only: the database
// 0640, the audit key 0600.
TEST_F(Http, TheDatabaseAndTheAuditKeyAreNotReadableByOthers) {
  if (test_engine() == "postgresql") GTEST_SKIP() << "the database file is PostgreSQL's";
  struct stat st {};
  ASSERT_EQ(::stat(db_->url().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  ASSERT_EQ(::stat((db_->url() + ".audit-key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(Http, LoginSetsAStrictHttpOnlyCookieAndLogoutNeedsTheCsrfToken) {
  Reply wrong = log_in("Laifeng-2025");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.set_cookie, "");
  EXPECT_EQ(request(port_, bh::verb::post, "/api/v1/session", "not json", {{"Content-Type", "application/json"}}).status,
            400);
  // A body a cross-site form can send without asking (login CSRF) is refused.
  EXPECT_EQ(request(port_, bh::verb::post, "/api/v1/session",
                    nlohmann::json{{"username", "clerk"}, {"password", kPassword}}.dump(), {{"Content-Type", "text/plain"}})
                .status,
            415);

  Reply in = log_in(kPassword);
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_NE(in.set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(in.set_cookie.find("SameSite=Strict"), std::string::npos);
  const std::string cookie = in.set_cookie.substr(0, in.set_cookie.find(';'));
  const auto body = nlohmann::json::parse(in.body);
  EXPECT_EQ(body["user"]["role"], "village_clerk");
  EXPECT_EQ(body["user"]["role_name"], "村资料员");
  const std::string csrf = body["csrf_token"];

  Reply me = request(port_, bh::verb::get, "/api/v1/session", "", {{"Cookie", cookie}});
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(nlohmann::json::parse(me.body)["user"]["name"], "clerk");
  EXPECT_EQ(request(port_, bh::verb::get, "/api/v1/session").status, 401);

  // A write without the CSRF token, or with another one, is refused.
  EXPECT_EQ(request(port_, bh::verb::delete_, "/api/v1/session", "", {{"Cookie", cookie}}).status, 403);
  EXPECT_EQ(request(port_, bh::verb::delete_, "/api/v1/session", "",
                    {{"Cookie", cookie}, {"X-CSRF-Token", std::string(32, '0')}}).status, 403);
  Reply out = request(port_, bh::verb::delete_, "/api/v1/session", "",
                      {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.set_cookie.find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(request(port_, bh::verb::get, "/api/v1/session", "", {{"Cookie", cookie}}).status, 401);
}

TEST_F(Http, FiveWrongPasswordsLockTheAccountAndSlowTheAddress) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(log_in("Wrong-password-1").status, 401);
  // Five failures from this address: its next answer waits 4 s (1, 2, 4 …).
  const auto started = std::chrono::steady_clock::now();
  Reply locked = log_in(kPassword);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(3900));
  EXPECT_EQ(locked.status, 429);
  EXPECT_NE(nlohmann::json::parse(locked.body)["error"]["message"].get<std::string>().find("锁定"),
            std::string::npos);
}

// A storage failure is answered 503 with one fixed sentence: the database's
// own words (a table's name, the server's message) are for the operator's
// log, and the header that carries them to it never leaves the server.
TEST_F(Http, AStorageFailureTellsTheClientNothingOfTheDatabase) {
  const Client clerk = Client::log_in(port_, "clerk", kPassword);
  ASSERT_EQ(clerk.login_status, 200);
  ASSERT_EQ(db_->exec("ALTER TABLE sessions RENAME TO sessions_elsewhere"), "");
  const Reply failed = log_in(kPassword);
  // A session that cannot be looked up is not an ended one (401 would log
  // the user out): a 5xx, and nothing of the database either.
  const Reply who = clerk.get("/api/v1/session");
  db_->exec("ALTER TABLE sessions_elsewhere RENAME TO sessions");
  EXPECT_TRUE(who.status == 503 || who.status == 500) << who.status;  // 500: SQLite fails a cached statement
  EXPECT_EQ(who.body.find("sessions"), std::string::npos) << who.body;
  EXPECT_EQ(failed.status, 503);
  const std::string message = nlohmann::json::parse(failed.body)["error"]["message"];
  EXPECT_EQ(message, "服务器暂时无法读写数据，已记入服务器日志，请稍后再试或联系管理员");
  EXPECT_EQ(failed.body.find("sessions"), std::string::npos) << failed.body;
  for (const std::string& name : failed.header_names) EXPECT_NE(name, "X-Anju-Operator-Detail");
  EXPECT_EQ(log_in(kPassword).status, 200);
}

// Out of file descriptors (EMFILE), the server backs off and keeps
// accepting: once the flood is gone it answers again.
TEST_F(Http, RunningOutOfFileDescriptorsDoesNotStopAccepting) {
  restart({"--max-connections", "5000"}, 96);
  net::io_context io;
  {
    auto flood = connect_idle(io, 200);
    EXPECT_GT(flood.size(), 96u) << "the kernel's backlog takes more than the server can open";
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  EXPECT_TRUE(answers_within(std::chrono::seconds(10))) << "the server no longer accepts after EMFILE";
}

// At its connection limit the server closes the connection idle longest
// for a new client, rather than leaving the client waiting.
TEST_F(Http, AtTheConnectionLimitAnIdleConnectionMakesRoom) {
  restart({"--max-connections", "8"});
  net::io_context io;
  auto idle = connect_idle(io, 8);
  ASSERT_EQ(idle.size(), 8u);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(answers_within(std::chrono::seconds(5))) << "a new client waited behind idle connections";
  // An idle connection was closed: reading it ends (the others time out).
  int closed = 0;
  for (auto& s : idle) {
    pollfd p{s->native_handle(), POLLIN, 0};
    char byte;
    if (poll(&p, 1, 200) == 1 && recv(s->native_handle(), &byte, 1, MSG_DONTWAIT) <= 0) ++closed;
  }
  EXPECT_GE(closed, 1) << "no idle connection was closed";
}

// A load balancer's check asks only whether the process answers; the
// metrics count requests by the route table's pattern, never the path.
TEST_F(Http, LivenessAndPrometheusMetrics) {
  Reply live = request(port_, bh::verb::get, "/api/v1/health?live=1");
  EXPECT_EQ(live.status, 200);
  EXPECT_EQ(live.json()["status"], "alive");
  // Without --metrics, /metrics is one of the web app's routes.
  Reply off = request(port_, bh::verb::get, "/metrics");
  EXPECT_EQ(off.body.find("anju_http"), std::string::npos);

  restart({"--metrics"});
  ASSERT_EQ(request(port_, bh::verb::get, "/api/v1/health").status, 200);
  ASSERT_EQ(request(port_, bh::verb::get, "/api/v1/households/5002291080010002").status, 401);
  Reply m = request(port_, bh::verb::get, "/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(m.body.find("anju_http_requests_total{method=\"GET\",route=\"/api/v1/health\",status=\"200\"} 1\n"),
            std::string::npos) << m.body;
  EXPECT_NE(m.body.find("anju_http_requests_total{method=\"GET\",route=\"/api/v1/households/{household_id}\","
                        "status=\"401\"} 1\n"),
            std::string::npos) << m.body;
  EXPECT_EQ(m.body.find("5002291080010002"), std::string::npos) << "no household in a series";
  EXPECT_NE(m.body.find("anju_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/health\",le=\"+Inf\"} 1\n"),
            std::string::npos);
  EXPECT_NE(m.body.find("anju_store_pool_idle "), std::string::npos);
  EXPECT_NE(m.body.find("anju_jobs_running 0\n"), std::string::npos);
}

TEST_F(Http, SigtermStopsTheServerCleanly) {
  ASSERT_EQ(request(port_, bh::verb::get, "/api/v1/health").status, 200);
  kill(server_.pid(), SIGTERM);
  int status = -1;
  for (int i = 0; i < 100 && waitpid(server_.pid(), &status, WNOHANG) == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_TRUE(WIFEXITED(status)) << "still running 5 s after SIGTERM";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  server_.forget();
}

}  // namespace
}  // namespace anju::testing
