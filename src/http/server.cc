#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <ctime>
#include <iostream>
#include <mutex>
#include <random>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <variant>

#include "http/api.h"
#include "http/client_address.h"
#include "http/tls.h"
#include "http/job_threads.h"
#include "http/login_turns.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/connections.h"
#include "http/static_files.h"
#include "http/uploads.h"
#include "core/client_network.h"
#include "core/text.h"
#include "service/campaign_service.h"
#include "service/retry.h"
#include "service/session_service.h"
#include "service/statistics_service.h"
#include "service/system_clock.h"

namespace anju::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;

class Server {
 public:
  Server(Store& store, const ServerOptions& options, const TrustedProxies& proxies,
         net::ssl::context* tls, std::ostream& log)
      : store_(store), options_(options), proxies_(proxies), tls_(tls), log_(log),
        workers_(options.worker_threads), jobs_(store, clock_) {}

  // Who sent a request, as http/client_address.h finds it behind proxies.
  struct Client {
    std::string source;  // "" when the socket's peer is unknown
    Transport transport = Transport::plain;
  };
  template <class Header>
  Client client_of(const std::optional<net::ip::address>& peer, const Header& req, Transport transport) const {
    if (!peer) return {"", transport};
    // Every line of a header, in order: a proxy may add a line of its own
    // rather than extend the client's, and the client's must not come first.
    auto header = [&](const char* name) {
      std::string all;
      for (auto [it, end] = req.equal_range(name); it != end; ++it)
        all += (all.empty() ? "" : ", ") + std::string(it->value());
      return all;
    };
    const bool forwarded_tls = forwarded_https(*peer, header("X-Forwarded-Proto"), proxies_);
    return {client_address(*peer, header("X-Forwarded-For"), proxies_),
            forwarded_tls ? Transport::tls : transport};
  }

  // Runs blocking work on the worker pool and resumes on the caller's executor.
  template <class F>
  net::awaitable<std::invoke_result_t<F>> off_io(F work) {
    co_return co_await net::co_spawn(
        workers_.get_executor(), [work]() -> net::awaitable<std::invoke_result_t<F>> { co_return work(); },
        net::use_awaitable);
  }

  net::awaitable<Response> handle(const Request& req, const Client& client, const std::string& upload) {
    const std::string target(req.target());
    const std::string path = target.substr(0, target.find('?'));
    if (path == "/api/v1/session") {
      if (req.method() != bh::verb::post)
        co_return co_await off_io([&] { return session_endpoint(store_, req, client.source, client.transport, clock_, options_.sessions); });
      // One attempt at a time per address and per name (http/login_turns.h).
      std::vector<std::string> keys{"address:" + guessing_network(client.source), "name:" + login_name(req)};
      auto turn = co_await turns_.take(std::move(keys));
      if (!turn) co_return busy(req);
      co_await slow_down_guessing(client.source);
      co_return co_await off_io([&] { return session_endpoint(store_, req, client.source, client.transport, clock_, options_.sessions); });
    }
    // Whatever spelling of the path reached it (router.cc drops empty segments).
    const RouteMatch matched = match_route(req.method(), path);
    // These guess the password or a code: taken in turns and slowed down as logins are.
    if (matched.route && (matched.route->pattern == "/api/v1/session/password" ||
                          (matched.route->pattern == "/api/v1/session/two-step" && req.method() != bh::verb::get))) {
      std::vector<std::string> keys{"address:" + guessing_network(client.source),
                                    "session:" + cookie(req, kSessionCookie)};
      auto turn = co_await turns_.take(std::move(keys));
      if (!turn) co_return busy(req);
      co_await slow_down_guessing(client.source);
      co_return co_await handle_api(req, target, client, upload);
    }
    if (path.rfind("/api/", 0) == 0) co_return co_await handle_api(req, target, client, upload);
    if (options_.metrics && path == "/metrics" && req.method() == bh::verb::get) co_return metrics_response(req);
    if (req.method() != bh::verb::get && req.method() != bh::verb::head)
      co_return error_response(req, bh::status::method_not_allowed, "method", "不支持的请求方法");
    co_return co_await off_io([&] { return static_file_response(options_.web_root, req, path); });
  }

  // handle(), with whatever it throws outside a handler (a stored value
  // that cannot be read, met by the session check) answered 500 and
  // logged: the connection and the count of requests in flight stay right.
  net::awaitable<Response> answer(const Request& req, const Client& client, const std::string& upload) {
    std::optional<Response> res;
    try {
      res = co_await handle(req, client, upload);
    } catch (const std::exception& e) {
      log_failure(req, e.what());
    }
    if (!res) {
      remove_upload(upload);
      res = error_response(req, bh::status::internal_server_error, "internal", "内部错误，已记入服务器日志");
    }
    co_return std::move(*res);
  }

  static Response busy(const Request& req) {
    return error_response(req, bh::status::too_many_requests, "busy", "登录请求过多，请稍后再试");
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

  net::awaitable<Response> handle_api(const Request& req, const std::string& target, const Client& client,
                                      const std::string& upload) {
    const size_t question = target.find('?');
    const std::string path = target.substr(0, question);
    if (path == "/api/v1/health" && req.method() == bh::verb::get) {
      // "?live=1": is this process answering (a load balancer's check)? Its
      // store being away is then its own 503, said in each answer.
      if (target.ends_with("?live=1")) co_return json_response(req, bh::status::ok, {{"status", "alive"}});
      co_return co_await off_io([&] { return health_endpoint(store_, req); });
    }
    RouteMatch match = match_route(req.method(), path);
    if (!match.route)
      co_return match.path_known ? error_response(req, bh::status::method_not_allowed, "method", "不支持的请求方法")
                                 : error_response(req, bh::status::not_found, "not_found", "没有这个接口：" + path);
    co_return co_await off_io([&]() -> Response {
      auto gated = gate(req, *match.route);
      if (auto* refused = std::get_if<Response>(&gated)) {
        remove_upload(upload);
        return std::move(*refused);
      }
      const SessionUser& who = std::get<SessionUser>(gated);
      RouteContext context{store_, clock_, req, who.user, std::move(match.params),
                           parse_query(question == std::string::npos ? "" : target.substr(question + 1)),
                           jobs_, upload, options_.files, client.source};
      // An upload the handler did not hand on (to a job) is removed once
      // it has answered, whatever the answer.
      struct Discard {
        RouteContext& c;
        ~Discard() { remove_upload(c.upload_path); }
      } discard{context};
      // What went wrong inside stays in the server's log: no exception
      // text reaches a client. A body whose JSON has a value of the wrong
      // type (a number where text belongs) is the client's mistake.
      try {
        return run_handler(*match.route, context);
      } catch (const BadParameter& e) {
        return error_response(req, bh::status::bad_request, "invalid", e.what());
      } catch (const nlohmann::json::type_error& e) {
        log_failure(req, e.what());
        return error_response(req, bh::status::bad_request, "invalid",
                              "请求中有字段的类型不正确（例如应为文本却给了数字），请按接口说明填写");
      } catch (const std::exception& e) {
        log_failure(req, e.what());
        return error_response(req, bh::status::internal_server_error, "internal", "内部错误，已记入服务器日志");
      }
    });
  }

  // The route's handler; run again (up to kRaceAttempts times, after a
  // short random pause) while its write loses a race with another
  // transaction (kLostRace): writers of one town on PostgreSQL move the same
  // counts rows, and a lost race changed nothing. An upload is read once,
  // so only JSON routes are run again.
  Response run_handler(const Route& route, RouteContext& context) {
    Response res = route.handler(context);
    std::minstd_rand pause(std::random_device{}());
    for (int attempt = 1; attempt < kRaceAttempts && res.find(kLostRace) != res.end() && route.body == Body::json;
         ++attempt) {
      metrics_.lost_race(route.pattern);
      std::this_thread::sleep_for(std::chrono::milliseconds(pause() % (50 * attempt + 1)));
      res = route.handler(context);
    }
    res.erase(kLostRace);
    return res;
  }

  // Who asks, and whether they may: 401 without a live session, 403 for a
  // write without the session's CSRF token or, on routes not tied to a
  // region, for a role without the route's action. Routes tied to a region
  // leave that to the service (out-of-scope objects answer 404 first).
  // The session's user, or the answer that refuses the request.
  template <class Header>
  std::variant<SessionUser, Response> gate(const Header& head, const Route& route) {
    Request req{head};
    const std::string token = cookie(req, kSessionCookie);
    if (token.empty()) return error_response(req, bh::status::unauthorized, "unauthorized", "请先登录");
    auto found = session_user(store_, token, clock_, options_.sessions);
    if (!found)  // an unknown or ended session: log in again; the store failing: say so
      return found.error().code == ErrorCode::forbidden
                 ? error_response(req, bh::status::unauthorized, "unauthorized", found.error().message)
                 : error_response(req, found.error());
    SessionUser& who = *found;
    if (route.writes() && req[kCsrfHeader] != who.csrf_token)
      return error_response(req, bh::status::forbidden, "csrf", "缺少或错误的 CSRF 令牌，请刷新页面后重试");
    // A password an administrator chose is changed before anything else.
    if (who.user.must_change_password && route.pattern != "/api/v1/session/password")
      return error_response(req, bh::status::forbidden, "password_change_required", "请先修改初始密码");
    // A role that must sign in in two steps sets it up before anything else.
    if (options_.sessions.needs_two_step(who.user) && route.pattern != "/api/v1/session/two-step" &&
        route.pattern != "/api/v1/session/password")
      return error_response(req, bh::status::forbidden, "two_step_required", "请先开启两步验证（账户设置）");
    if (route.scope == RouteScope::none)
      if (auto ok = authorize(who.user, route.action, ""); !ok) return error_response(req, ok.error());
    return std::move(who);
  }

  net::awaitable<void> session(tcp::socket socket) {
    beast::error_code peer_ec;
    const auto endpoint = socket.remote_endpoint(peer_ec);
    const std::optional<net::ip::address> peer =
        peer_ec ? std::nullopt : std::optional<net::ip::address>(endpoint.address());
    if (!tls_) {
      auto shared = std::make_shared<beast::tcp_stream>(std::move(socket));
      Registered registered{connections_, connections_.opened(shared)};
      co_await serve_requests(*shared, peer, Transport::plain, registered.id);
      beast::error_code ignored;
      shared->socket().shutdown(tcp::socket::shutdown_send, ignored);
      co_return;
    }
    auto shared = std::make_shared<beast::ssl_stream<beast::tcp_stream>>(std::move(socket), *tls_);
    // The registry closes the TCP layer under the TLS one (close_idle).
    Registered registered{connections_,
                          connections_.opened(std::shared_ptr<beast::tcp_stream>(shared, &shared->next_layer()))};
    beast::error_code ec;
    beast::get_lowest_layer(*shared).expires_after(options_.read_timeout);
    connections_.idle(registered.id, true);  // a client that never says hello makes room for others
    co_await shared->async_handshake(net::ssl::stream_base::server, net::redirect_error(net::use_awaitable, ec));
    connections_.idle(registered.id, false);
    if (ec) co_return;  // not TLS, or a failed handshake: nothing to answer
    co_await serve_requests(*shared, peer, Transport::tls, registered.id);
    beast::get_lowest_layer(*shared).expires_after(std::chrono::seconds(5));
    co_await shared->async_shutdown(net::redirect_error(net::use_awaitable, ec));
  }

  struct Registered {
    Connections& all;
    long id;
    ~Registered() { all.closed(id); }
  };

  // The requests of one connection, one after the other (keep-alive).
  template <class Stream>
  net::awaitable<void> serve_requests(Stream& stream, const std::optional<net::ip::address>& peer,
                                      Transport transport, long connection) {
    beast::flat_buffer buffer;
    while (!stopping_) {
      bh::request_parser<bh::empty_body> head;
      // Beast checks a Content-Length against the limit as the header ends:
      // the header parser lets uploads through, read_body() the rest.
      head.body_limit(std::max(options_.max_body_bytes, options_.max_upload_bytes));
      beast::get_lowest_layer(stream).expires_after(options_.read_timeout);
      beast::error_code ec;
      connections_.idle(connection, true);  // may be closed for a new client meanwhile
      co_await bh::async_read_header(stream, buffer, head, net::redirect_error(net::use_awaitable, ec));
      connections_.idle(connection, false);
      if (ec == bh::error::header_limit || ec == bh::error::body_limit) {  // a declared length past every limit
        co_await refuse_too_large(stream, std::max(options_.max_body_bytes, options_.max_upload_bytes));
        break;
      }
      if (ec) break;  // closed, timed out or malformed: nothing to answer
      auto read = co_await read_body(stream, buffer, std::move(head));
      const std::string& upload = read.upload;
      ec = read.ec;
      if (ec == bh::error::body_limit) {
        remove_upload(upload);
        co_await refuse_too_large(stream, read.limit);
        break;
      }
      if (!read) {  // refused before the body was read: answer and close
        remove_upload(upload);
        if (ec || !read.refusal) break;
        take_operator_detail(*read.refusal, "a request refused before its body");
        co_await bh::async_write(stream, *read.refusal, net::redirect_error(net::use_awaitable, ec));
        break;
      }
      if (ec) {
        remove_upload(upload);
        break;
      }
      struct InFlight {
        std::atomic<long>& n;
        explicit InFlight(std::atomic<long>& count) : n(count) { ++n; }
        ~InFlight() { --n; }
      } in_flight{in_flight_};
      const auto started = std::chrono::steady_clock::now();
      const Request& req = *read.request;
      const Client client = client_of(peer, req, transport);
      Response res = co_await answer(req, client, upload);
      take_operator_detail(res, std::string(req.method_string()) + " " + std::string(req.target()));
      set_security_headers(res, client.transport == Transport::tls);
      res.keep_alive(req.keep_alive() && !stopping_);
      if (req.method() == bh::verb::head) {
        res.content_length(res.body().size());
        res.body().clear();
      } else {
        res.prepare_payload();
      }
      const bool keep = res.keep_alive();
      beast::get_lowest_layer(stream).expires_after(options_.read_timeout);
      // Counted before it is sent: a client that has its answer finds it counted.
      if (options_.metrics)
        metrics_.observe(req.method() == bh::verb::unknown
                             ? std::string_view("other")  // a client's own word: no series of its own
                             : std::string_view(req.method_string().data(), req.method_string().size()),
                         route_label(req.method(), std::string_view(req.target().data(), req.target().size())),
                         res.result_int(),
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      co_await bh::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
      log(req, res, client.source, started);
      if (ec || !keep) break;
    }
  }

  // A request read whole, or the answer that refused it after its header,
  // or the error that ended reading it.
  struct ReadRequest {
    std::optional<Request> request;
    std::optional<Response> refusal;
    std::size_t limit = 0;  // the most the route's body may hold
    std::string upload;     // an upload route's body, on disk ("" for none yet)
    beast::error_code ec;   // body_limit: over `limit`; else the stream's or the file's
    explicit operator bool() const { return request.has_value(); }
  };

  // Reads the body after the header: into memory (JSON) or, for an upload
  // route, into a file of the temporary folder (http/uploads.h) once the
  // session and CSRF token are checked, so that nobody can fill the disk
  // without logging in. A declared length over the route's limit is refused
  // before anything is read; a body without one is counted as it comes.
  template <class Stream>
  net::awaitable<ReadRequest> read_body(Stream& stream, beast::flat_buffer& buffer,
                                        bh::request_parser<bh::empty_body>&& head) {
    ReadRequest read;
    const std::string target(head.get().target());
    const RouteMatch match = match_route(head.get().method(), target.substr(0, target.find('?')));
    const Body body = match.route ? match.route->body : Body::json;
    read.limit = body_limit(body, {options_.max_body_bytes, options_.max_upload_bytes});
    if (head.content_length() &&
        *head.content_length() > read.limit) {  // before anything is written
      read.ec = bh::error::body_limit;
      co_return read;
    }
    if (body != Body::json) {
      const auto& header = head.get().base();
      auto gated = co_await off_io([&] { return gate(header, *match.route); });
      if (auto* refused = std::get_if<Response>(&gated)) {
        refused->keep_alive(false);
        refused->prepare_payload();
        read.refusal = std::move(*refused);
        co_return read;
      }
      const auto query = parse_query(target.find('?') == std::string::npos ? "" : target.substr(target.find('?') + 1));
      const std::string name = query.count("file_name") ? query.at("file_name") : "";
      read.upload = create_upload_file(std::filesystem::path(name).extension().string());
      if (read.upload.empty()) {
        read.ec = beast::error_code(errno ? errno : EIO, boost::system::generic_category());
        co_return read;
      }
      bh::request_parser<bh::file_body> file(std::move(head));
      file.body_limit(read.limit);  // counted while streaming (a chunked body declares no length)
      file.get().body().open(read.upload.c_str(), beast::file_mode::write_existing, read.ec);
      if (read.ec) co_return read;
      beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(3600));  // large files on slow links
      co_await bh::async_read(stream, buffer, file,
                              net::redirect_error(net::use_awaitable, read.ec));
      file.get().body().close();
      read.request = Request{file.get().base()};
      co_return read;
    }
    bh::request_parser<bh::string_body> parser(std::move(head));
    parser.body_limit(read.limit);  // chunked bodies
    co_await bh::async_read(stream, buffer, parser,
                            net::redirect_error(net::use_awaitable, read.ec));
    read.request = parser.release();
    co_return read;
  }

  template <class Stream>
  net::awaitable<void> refuse_too_large(Stream& stream, size_t limit) {
    Request head;
    head.version(11);
    Response res = error_response(head, bh::status::payload_too_large, "too_large",
                                  "请求体超过上限（" + std::to_string(limit) + " 字节）");
    res.keep_alive(false);
    res.prepare_payload();
    beast::error_code ec;
    co_await bh::async_write(stream, res, net::redirect_error(net::use_awaitable, ec));
  }

  // Takes what only the operator may read out of an answer (http_types.h:
  // kOperatorDetail) into the log, before anything is sent.
  void take_operator_detail(Response& res, const std::string& where) {
    res.erase(kLostRace);  // inside only, wherever the answer was made
    auto detail = res.find(kOperatorDetail);
    if (detail == res.end()) return;
    log_failure(where, std::string(detail->value()).c_str());
    res.erase(kOperatorDetail);
  }

  void log_failure(const Request& req, const char* what) {
    log_failure(std::string(req.method_string()) + " " + std::string(req.target()), what);
  }
  void log_failure(const std::string& where, const char* what) {
    std::lock_guard lock(log_mutex_);
    log_ << "error " << where << ": " << what << '\n' << std::flush;
  }

  void log(const Request& req, const Response& res, const std::string& source,
           std::chrono::steady_clock::time_point started) {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    const std::time_t now = std::time(nullptr);
    char at[32];
    std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    std::ostringstream line;
    line << at << ' ' << req.method_string() << ' ' << req.target() << ' ' << res.result_int() << ' '
         << res.body().size() << ' ' << static_cast<long>(ms * 1000) / 1000.0 << "ms "
         << (source.empty() ? "-" : source) << '\n';
    std::lock_guard lock(log_mutex_);
    log_ << line.str() << std::flush;
  }

  Response metrics_response(const Request& req) {
    const StoreConnections pool = store_connections(store_);
    Response res{bh::status::ok, req.version()};
    res.set(bh::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.set(bh::field::cache_control, "no-store");
    res.body() = metrics_.text({in_flight_.load(), static_cast<long>(connections_.count()), jobs_.running(),
                                pool.idle, pool.leased});
    return res;
  }

  // Accepts until the server stops. Each connection gets a strand of its
  // own (so that close_idle() may close it from elsewhere). At the
  // connection limit, or when the process runs out of file descriptors
  // (EMFILE) or memory, an idle keep-alive connection is closed first, and
  // otherwise accepting waits and retries (10 ms, doubling to 1 s): the
  // server never stops accepting while it runs.
  net::awaitable<void> accept(tcp::acceptor& acceptor) {
    net::steady_timer pause(acceptor.get_executor());
    auto backoff = std::chrono::milliseconds(10);
    auto wait = [&]() -> net::awaitable<void> {
      pause.expires_after(backoff);
      beast::error_code ignored;
      co_await pause.async_wait(net::redirect_error(net::use_awaitable, ignored));
      backoff = std::min(backoff * 2, std::chrono::milliseconds(1000));
    };
    bool warned = false;
    while (!stopping_) {
      if (connections_.full() && !connections_.close_idle()) {
        co_await wait();
        continue;
      }
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(net::make_strand(acceptor.get_executor()),
                                                          net::redirect_error(net::use_awaitable, ec));
      if (stopping_ || ec == net::error::operation_aborted) break;
      if (ec) {
        if (!warned) log_failure("accept", ec.message().c_str());
        warned = true;
        connections_.close_idle();
        co_await wait();
        continue;
      }
      warned = false;
      backoff = std::chrono::milliseconds(10);
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
    if (auto r = ensure_region_counts(store_); !r) return fail(operator_detail(r.error()));
    if (const int stale = remove_stale_uploads(); stale > 0) {
      std::lock_guard lock(log_mutex_);
      log_ << "start: removed " << stale << " uploads left by stopped servers\n" << std::flush;
    }
    if (!store_.concurrent_writes())  // one server per SQLite file: what ran before is over
      if (auto r = fail_abandoned_jobs(store_, clock_); !r) return fail(operator_detail(r.error()));
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
    jobs_.join();  // background jobs finish what they started

    return 0;
  }

 private:
  int fail(const std::string& message) {
    std::cerr << "错误：" << message << '\n';
    return 1;
  }

  Store& store_;
  const ServerOptions& options_;
  const TrustedProxies& proxies_;
  net::ssl::context* tls_;  // null: plain HTTP
  std::ostream& log_;
  std::mutex log_mutex_;
  net::thread_pool workers_;
  SystemClock clock_;
  JobThreads jobs_;
  std::atomic<bool> stopping_{false};
  std::atomic<long> in_flight_{0};
  LoginTurns turns_;
  Metrics metrics_;
  Connections connections_{options_.max_connections ? options_.max_connections : default_connection_limit()};
};

}  // namespace

int serve(Store& store, const ServerOptions& options, const std::function<void(unsigned short)>& ready,
          std::ostream& access_log) {
  auto proxies = TrustedProxies::parse(options.trusted_proxies);
  if (!proxies) {
    std::cerr << "错误：" << proxies.error().message << '\n';
    return 1;
  }
  std::optional<net::ssl::context> tls;
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    auto made = make_tls_context(options.tls_cert, options.tls_key);
    if (!made) {
      std::cerr << "错误：" << made.error().message << '\n';
      return 1;
    }
    tls.emplace(std::move(*made));
  }
  Server server(store, options, *proxies, tls ? &*tls : nullptr, access_log);
  return server.run(ready);
}

}  // namespace anju::http
