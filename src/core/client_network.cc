#include "core/client_network.h"

#include <arpa/inet.h>

#include <cstdio>

namespace anju {

std::string guessing_network(std::string_view address) {
  const std::string text(address);
  unsigned char bytes[16];
  if (text.find(':') == std::string::npos || inet_pton(AF_INET6, text.c_str(), bytes) != 1) return text;
  char out[48];
  std::snprintf(out, sizeof out, "%x:%x:%x:%x::/64", bytes[0] << 8 | bytes[1], bytes[2] << 8 | bytes[3],
                bytes[4] << 8 | bytes[5], bytes[6] << 8 | bytes[7]);
  return out;
}

}  // namespace anju
