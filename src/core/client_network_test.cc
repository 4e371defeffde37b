#include "core/client_network.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(GuessingNetwork, AnIpv6ClientIsItsSlash64AndAnIpv4ClientItsAddress) {
  EXPECT_EQ(guessing_network("2001:db8:1:2::7"), "2001:db8:1:2::/64");
  EXPECT_EQ(guessing_network("2001:db8:1:2:ffff:eeee:dddd:cccc"), "2001:db8:1:2::/64");
  EXPECT_EQ(guessing_network("2001:0DB8:0001:0002:0:0:0:1"), "2001:db8:1:2::/64");
  EXPECT_EQ(guessing_network("::1"), "0:0:0:0::/64");
  EXPECT_EQ(guessing_network("10.0.0.7"), "10.0.0.7");
  EXPECT_EQ(guessing_network(""), "");
  EXPECT_EQ(guessing_network("not:an:address"), "not:an:address");
}

}  // namespace
}  // namespace anju
