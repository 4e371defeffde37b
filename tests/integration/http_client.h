#pragma once
// A small HTTP client and a running `anju serve` for the HTTP tests.
#include <utility>  // before Asio (Boost 1.74 with GCC 12)

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "integration/cli_runner.h"

namespace anju::testing {

namespace bh = boost::beast::http;

struct Reply {
  int status = 0;
  std::string content_type;
  std::string body;
  std::string set_cookie;
  std::string content_disposition;
  std::vector<std::string> header_names;  // every header's name, as sent
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request on a fresh connection to 127.0.0.1:port.
Reply request(unsigned short port, bh::verb method, const std::string& target, const std::string& body = "",
              const Headers& headers = {});

// `anju … serve --port 0 …` started in `cwd`; stopped (SIGKILL) when destroyed.
class ServedAnju {
 public:
  ServedAnju() = default;
  ServedAnju(const ServedAnju&) = delete;
  ServedAnju& operator=(const ServedAnju&) = delete;
  ~ServedAnju() { stop(); }
  // Starts the server; returns "" or what went wrong.
  std::string start(const std::vector<std::string>& args, const std::string& cwd);
  void stop();
  unsigned short port() const { return port_; }
  int pid() const { return process_.pid; }
  void forget() { process_.pid = -1; }  // it was stopped otherwise

 private:
  Spawned process_;
  FILE* out_ = nullptr;
  unsigned short port_ = 0;
};

// A logged-in client: the session cookie and CSRF token of one user.
struct Client {
  unsigned short port = 0;
  std::string cookie;
  std::string csrf;
  int login_status = 0;

  static Client log_in(unsigned short port, const std::string& name, const std::string& password);
  Reply get(const std::string& target) const;
  // A write with the CSRF token.
  Reply send(bh::verb method, const std::string& target, const std::string& body = "",
             const Headers& extra = {}) const;
};

}  // namespace anju::testing
