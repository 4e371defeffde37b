#include "integration/http_client.h"

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <csignal>
#include <sys/wait.h>

namespace anju::testing {

namespace net = boost::asio;

Reply request(unsigned short port, bh::verb method, const std::string& target, const std::string& body,
              const Headers& headers) {
  net::io_context ioc;
  boost::beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  bh::request<bh::string_body> req{method, target, 11};
  req.set(bh::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.insert(k, v);  // a name twice: two lines
  req.body() = body;
  req.prepare_payload();
  boost::beast::error_code ec;
  bh::write(stream, req, ec);
  boost::beast::flat_buffer buffer;
  bh::response_parser<bh::string_body> parser;
  parser.body_limit(1 << 30);
  bh::read(stream, buffer, parser, ec);
  if (!parser.is_done()) return Reply{};  // no answer (status 0): not the parser's default 200
  const auto& res = parser.get();
  Reply reply{static_cast<int>(res.result_int()), std::string(res[bh::field::content_type]), res.body(),
              std::string(res[bh::field::set_cookie]), std::string(res[bh::field::content_disposition]), {}};
  for (const auto& field : res) reply.header_names.emplace_back(field.name_string());
  return reply;
}

std::string ServedAnju::start(const std::vector<std::string>& args, const std::string& cwd) {
  process_ = spawn_anju(args, cwd, /*capture=*/1);
  // The first line names the URL, with the port the system chose.
  out_ = fdopen(process_.stderr_fd, "r");
  char line[256] = {};
  if (!std::fgets(line, sizeof line, out_)) return "the server printed nothing";
  const std::string text(line);
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return "no port in: " + text;
  port_ = static_cast<unsigned short>(std::stoi(text.substr(colon + 1)));
  return "";
}

void ServedAnju::stop() {
  if (process_.pid > 0) {
    kill(process_.pid, SIGKILL);
    waitpid(process_.pid, nullptr, 0);
    process_.pid = -1;
  }
  if (out_) std::fclose(out_);
  out_ = nullptr;
}

Client Client::log_in(unsigned short port, const std::string& name, const std::string& password) {
  Client c;
  c.port = port;
  Reply r = request(port, bh::verb::post, "/api/v1/session",
                    nlohmann::json{{"username", name}, {"password", password}}.dump(),
                    {{"Content-Type", "application/json"}});
  c.login_status = r.status;
  if (r.status == 200) {
    c.cookie = r.set_cookie.substr(0, r.set_cookie.find(';'));
    c.csrf = r.json()["csrf_token"];
  }
  return c;
}

Reply Client::get(const std::string& target) const {
  return request(port, bh::verb::get, target, "", {{"Cookie", cookie}});
}

Reply Client::send(bh::verb method, const std::string& target, const std::string& body,
                   const Headers& extra) const {
  Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Content-Type", "application/json"}};
  h.insert(h.end(), extra.begin(), extra.end());
  return request(port, method, target, body, h);
}

}  // namespace anju::testing
