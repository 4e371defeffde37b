#include "http/client_address.h"

#include <gtest/gtest.h>

namespace anju::http {
namespace {

namespace ip = boost::asio::ip;

TrustedProxies trusted(const std::vector<std::string>& entries) {
  auto t = TrustedProxies::parse(entries);
  EXPECT_TRUE(t) << t.error().message;
  return t ? *t : TrustedProxies{};
}

TEST(ClientAddress, WithoutTrustedProxiesTheHeaderIsIgnored) {
  EXPECT_EQ(client_address(ip::make_address("192.0.2.7"), "203.0.113.1", trusted({})), "192.0.2.7");
}

TEST(ClientAddress, TrustedHopsAreSkippedFromTheRight) {
  const auto proxies = trusted({"10.0.0.0/8", "fd00::/8"});
  const auto lb = ip::make_address("10.1.2.3");
  EXPECT_EQ(client_address(lb, "203.0.113.1", proxies), "203.0.113.1");
  EXPECT_EQ(client_address(lb, "6.6.6.6, 203.0.113.1, 10.0.0.9", proxies), "203.0.113.1");
  EXPECT_EQ(client_address(lb, "", proxies), "10.1.2.3");
  EXPECT_EQ(client_address(lb, "10.0.0.8", proxies), "10.0.0.8");  // every hop a proxy: the leftmost
  // A hop that does not parse was written by a client: the proxy that passed it on is the last one known.
  EXPECT_EQ(client_address(lb, "<script>, 10.0.0.9", proxies), "10.0.0.9");
  EXPECT_EQ(client_address(ip::make_address("fd12::1"), "2001:db8::5", proxies), "2001:db8::5");
  EXPECT_EQ(client_address(ip::make_address("::ffff:10.0.0.1"), "203.0.113.2", proxies), "203.0.113.2");
  EXPECT_EQ(client_address(ip::make_address("::ffff:192.0.2.1"), "203.0.113.2", proxies), "192.0.2.1");
}

TEST(ClientAddress, ForwardedProtoCountsOnlyFromATrustedPeer) {
  const auto proxies = trusted({"127.0.0.1"});
  EXPECT_TRUE(forwarded_https(ip::make_address("127.0.0.1"), "https", proxies));
  EXPECT_FALSE(forwarded_https(ip::make_address("127.0.0.1"), "http", proxies));
  EXPECT_FALSE(forwarded_https(ip::make_address("192.0.2.1"), "https", proxies));
  EXPECT_FALSE(forwarded_https(ip::make_address("127.0.0.1"), "https, http", proxies)) << "the nearest hop says";
}

TEST(ClientAddress, BadProxyEntriesAreRefusedByName) {
  for (const char* bad : {"10.0.0.0/33", "example.org", "10.0.0.0/", "10.0.0.0/8x", "::/129"}) {
    auto t = TrustedProxies::parse({bad});
    ASSERT_FALSE(t) << bad;
    EXPECT_NE(t.error().message.find(bad), std::string::npos);
  }
  EXPECT_TRUE(TrustedProxies::parse({"0.0.0.0/0", "::1"}));
}

}  // namespace
}  // namespace anju::http
