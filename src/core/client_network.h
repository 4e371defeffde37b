#pragma once
// The network whose password guesses are counted together. One IPv4
// address is one client; an IPv6 client is usually given a whole /64 and
// can speak from any of its 2^64 addresses, so guesses from a /64 count as
// one client's ("2001:db8:1:2::/64"). Anything else ("" or a name) is
// itself.

#include <string>
#include <string_view>

namespace anju {

std::string guessing_network(std::string_view address);

}  // namespace anju
