#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <atomic>
#include <ctime>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>
#include <nlohmann/json.hpp>

#include "http/api.h"
#include "http/static_files.h"
#include "service/session_service.h"
#include "service/system_clock.h"

namespace anju::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

class Server {
 public:
  Server(Store& store, const ServerOptions& options, std::ostream& log)
      : store_(store), options_(options), log_(log), workers_(options.worker_threads) {}

  // Runs blocking work on the worker pool and resumes on the caller's executor.
  template <class F>
  net::awaitable<std::invoke_result_t<F>> off_io(F work) {
    co_return co_await net::co_spawn(
        workers_.get_executor(), [work]() -> net::awaitable<std::invoke_result_t<F>> { co_return work(); },
        net::use_awaitable);
  }

  net::awaitable<Response> handle(const Request& req, const std::string& source) {
    const std::string target(req.target());
    const std::string path = target.substr(0, target.find('?'));
    if (path == "/api/v1/session") {
      if (req.method() == bh::verb::post) co_await slow_down_guessing(source);
      co_return co_await off_io([&] { return session_endpoint(store_, req, source, clock_); });
    }
    if (path.rfind("/api/", 0) == 0) co_return co_await handle_api(req, path);
    if (req.method() != bh::verb::get && req.method() != bh::verb::head)
      co_return error_response(req, bh::status::method_not_allowed, "method", "不支持的请求方法");
    co_return co_await off_io([&] { return static_file(req, path); });
  }

  // Holds a login from an address that failed often (login_delay_seconds)
  // on a timer: no thread waits.
  net::awaitable<void> slow_down_guessing(const std::string& source) {
    const long delay = co_await off_io([&]() -> long {
      auto d = login_delay_seconds(store_, source, clock_);
      return d ? *d : 0;  // a store error shows in the login itself
    });
    if (delay <= 0) co_return;
    net::steady_timer timer(co_await net::this_coro::executor, std::chrono::seconds(delay));
    beast::error_code ec;
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
  }

  net::awaitable<Response> handle_api(const Request& req, const std::string& path) {
    if (path == "/api/v1/health" && req.method() == bh::verb::get) {
      co_return co_await off_io([&] {
        auto tx = store_.begin(TxMode::read);
        if (!tx) return error_response(req, bh::status::service_unavailable, "io", tx.error().message);
        auto households = (*tx)->count_households();
        if (!households)
          return error_response(req, bh::status::service_unavailable, "io", households.error().message);
        return json_response(req, bh::status::ok,
                             {{"status", "ok"}, {"engine", store_.engine()},
                              {"schema_version", store_.schema_version()}, {"households", *households}});
      });
    }
    co_return error_response(req, bh::status::not_found, "not_found", "没有这个接口：" + path);
  }

  Response static_file(const Request& req, const std::string& path) {
    auto file = resolve_static(options_.web_root, path);
    if (!file) return error_response(req, bh::status::not_found, "not_found", "文件不存在");
    std::ifstream in(file->path, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    Response res{bh::status::ok, req.version()};
    res.set(bh::field::content_type, file->mime);
    res.set(bh::field::cache_control,
            file->path.filename() == "index.html" ? "no-cache" : "public, max-age=31536000, immutable");
    res.body() = body.str();
    return res;
  }

  net::awaitable<void> session(tcp::socket socket) {
    beast::error_code peer_ec;
    const auto peer = socket.remote_endpoint(peer_ec);
    const std::string source = peer_ec ? "" : peer.address().to_string();
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    while (!stopping_) {
      bh::request_parser<bh::string_body> parser;
      parser.body_limit(options_.max_body_bytes);
      stream.expires_after(options_.read_timeout);
      beast::error_code ec;
      co_await bh::async_read(stream, buffer, parser, net::redirect_error(net::use_awaitable, ec));
      if (ec == bh::error::body_limit || ec == bh::error::header_limit) {
        Request head;
        head.version(11);
        Response res = error_response(head, bh::status::payload_too_large, "too_large",
                                      "请求体超过上限（" + std::to_string(options_.max_body_bytes) + " 字节）");
        res.keep_alive(false);
        res.prepare_payload();
        co_await bh::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
        break;
      }
      if (ec) break;  // closed, timed out or malformed: nothing to answer
      ++in_flight_;
      const auto started = std::chrono::steady_clock::now();
      const Request& req = parser.get();
      Response res = co_await handle(req, source);
      res.set("X-Content-Type-Options", "nosniff");
      res.set("Referrer-Policy", "same-origin");
      res.keep_alive(req.keep_alive() && !stopping_);
      if (req.method() == bh::verb::head) {
        res.content_length(res.body().size());
        res.body().clear();
      } else {
        res.prepare_payload();
      }
      const bool keep = res.keep_alive();
      stream.expires_after(options_.read_timeout);
      co_await bh::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
      log(req, res, started);
      --in_flight_;
      if (ec || !keep) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  void log(const Request& req, const Response& res, std::chrono::steady_clock::time_point started) {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    const std::time_t now = std::time(nullptr);
    char at[32];
    std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    std::ostringstream line;
    line << at << ' ' << req.method_string() << ' ' << req.target() << ' ' << res.result_int() << ' '
         << res.body().size() << ' ' << static_cast<long>(ms * 1000) / 1000.0 << "ms\n";
    std::lock_guard lock(log_mutex_);
    log_ << line.str() << std::flush;
  }

  net::awaitable<void> accept(tcp::acceptor& acceptor) {
    while (!stopping_) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
      if (ec) break;
      socket.set_option(tcp::no_delay(true), ec);
      net::co_spawn(socket.get_executor(), session(std::move(socket)), net::detached);
    }
  }

  int run(const std::function<void(unsigned short)>& ready) {
    net::io_context ioc(options_.io_threads);
    tcp::acceptor acceptor(ioc);
    beast::error_code ec;
    const auto address = net::ip::make_address(options_.bind, ec);
    if (ec) return fail("无效的监听地址 " + options_.bind);
    const tcp::endpoint endpoint(address, options_.port);
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return fail("无法监听 " + options_.bind + ":" + std::to_string(options_.port) + "：" + ec.message());
    net::co_spawn(ioc, accept(acceptor), net::detached);

    // Stop: no new connections; requests in flight finish; idle keep-alive
    // connections are dropped once nothing is in flight.
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    net::steady_timer drain(ioc);
    std::function<void()> wait_drained = [&] {
      if (in_flight_ == 0) return ioc.stop();
      drain.expires_after(std::chrono::milliseconds(20));
      drain.async_wait([&](beast::error_code) { wait_drained(); });
    };
    signals.async_wait([&](beast::error_code, int) {
      stopping_ = true;
      acceptor.close();
      wait_drained();
    });
    ready(acceptor.local_endpoint().port());
    std::vector<std::thread> threads;
    for (int i = 1; i < options_.io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : threads) t.join();
    workers_.join();
    return 0;
  }

 private:
  int fail(const std::string& message) {
    std::cerr << "错误：" << message << '\n';
    return 1;
  }

  Store& store_;
  const ServerOptions& options_;
  std::ostream& log_;
  std::mutex log_mutex_;
  net::thread_pool workers_;
  SystemClock clock_;
  std::atomic<bool> stopping_{false};
  std::atomic<long> in_flight_{0};
};

}  // namespace

int serve(Store& store, const ServerOptions& options, const std::function<void(unsigned short)>& ready,
          std::ostream& access_log) {
  Server server(store, options, access_log);
  return server.run(ready);
}

}  // namespace anju::http
