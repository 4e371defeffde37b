// `anju serve --tls-cert --tls-key`: HTTPS only, with HSTS and a Secure
// session cookie; plain HTTP on that port gets no answer; a private key
// others can read is refused. The certificate is made for the test by the
// openssl command. Runs on both engines.
#include <utility>  // before Asio (Boost 1.74 with GCC 12)

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "integration/town_server.h"

namespace anju::testing {
namespace {

namespace fs = std::filesystem;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;

class HttpTls : public TownServer {
 protected:
  void SetUp() override {
    if (auto why = engine_unavailable(); !why.empty()) GTEST_SKIP() << why;
    make_town("tls");
    const std::string made = "cd " + work_.string() +
                             " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
                             " -keyout key.pem -out cert.pem -days 2 -subj /CN=localhost"
                             " -addext subjectAltName=IP:127.0.0.1 2>/dev/null";
    ASSERT_EQ(std::system(made.c_str()), 0) << "openssl could not make a certificate";
    fs::permissions(work_ / "key.pem", fs::perms::owner_read | fs::perms::owner_write);
  }
  std::vector<std::string> tls_flags() const {
    return {"--tls-cert", (work_ / "cert.pem").string(), "--tls-key", (work_ / "key.pem").string()};
  }
  std::vector<std::string> serve_args() const {
    std::vector<std::string> args = {"--db", db_->url(), "serve", "--port", "0"};
    for (auto& f : tls_flags()) args.push_back(f);
    return args;
  }

  // One request over TLS, the server's certificate checked against the test's own.
  bh::response<bh::string_body> https(bh::verb method, const std::string& target, const std::string& body = "") {
    net::io_context io;
    ssl::context ctx(ssl::context::tls_client);
    ctx.load_verify_file((work_ / "cert.pem").string());
    ctx.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
    beast::get_lowest_layer(stream).connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
    stream.handshake(ssl::stream_base::client);
    bh::request<bh::string_body> req{method, target, 11};
    req.set(bh::field::host, "127.0.0.1");
    if (!body.empty()) req.set(bh::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    bh::write(stream, req);
    beast::flat_buffer buffer;
    bh::response<bh::string_body> res;
    bh::read(stream, buffer, res);
    return res;
  }
};

TEST_F(HttpTls, ServesHttpsWithHstsAndASecureCookie) {
  serve(tls_flags());
  const auto health = https(bh::verb::get, "/api/v1/health");
  EXPECT_EQ(health.result_int(), 200);
  EXPECT_EQ(health["Strict-Transport-Security"], "max-age=31536000");
  const auto in = https(bh::verb::post, "/api/v1/session",
                        nlohmann::json{{"username", "clerk"}, {"password", kPassword}}.dump());
  ASSERT_EQ(in.result_int(), 200) << in.body();
  EXPECT_NE(std::string(in[bh::field::set_cookie]).find("; Secure"), std::string::npos);
  // Plain HTTP on the TLS port: no HTTP answer at all.
  EXPECT_EQ(request(port_, bh::verb::get, "/api/v1/health").status, 0) << "answered over plain HTTP";
}

TEST_F(HttpTls, AKeyOthersCanReadIsRefused) {
  fs::permissions(work_ / "key.pem", fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
  const auto r = run_anju(serve_args(), work_.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("chmod 600"), std::string::npos) << r.err;
}

TEST_F(HttpTls, ACertificateWithoutItsKeyIsRefused) {
  auto args = serve_args();
  args.resize(args.size() - 2);  // no --tls-key
  const auto r = run_anju(args, work_.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--tls-key"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace anju::testing
