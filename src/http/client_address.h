#pragma once
// Who the client is when the server stands behind a reverse proxy or a load
// balancer: the socket's peer is the proxy, and the client's address is in
// X-Forwarded-For. That header is anyone's to write, so it counts only when
// the peer is a proxy the operator named (`anju serve --trusted-proxy`), and
// then only the addresses those proxies appended: read from the right, the
// first address that is not a trusted proxy is the client. Lock-out,
// throttling, sessions and the audit log all use this address.

#include <boost/asio/ip/address.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace anju::http {

class TrustedProxies {
 public:
  // Addresses or networks ("10.0.0.5", "10.0.0.0/8", "fd00::/8"); `invalid`
  // naming the first that is neither.
  static Result<TrustedProxies> parse(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  bool contains(const boost::asio::ip::address& address) const;

 private:
  struct Network {
    boost::asio::ip::address base;
    int prefix = 0;
  };
  std::vector<Network> networks_;
};

// The client behind `peer` as the module comment says. `forwarded_for` is
// the X-Forwarded-For header ("" when absent). An IPv4 address mapped into
// IPv6 is given as IPv4.
std::string client_address(const boost::asio::ip::address& peer, std::string_view forwarded_for,
                           const TrustedProxies& trusted);

// Whether the request reached the first trusted proxy over TLS
// (X-Forwarded-Proto: https from a trusted peer, its last value when there
// are several): its cookie is then Secure. Callers join every line of
// either header with ", " in order.
bool forwarded_https(const boost::asio::ip::address& peer, std::string_view forwarded_proto,
                     const TrustedProxies& trusted);

}  // namespace anju::http
