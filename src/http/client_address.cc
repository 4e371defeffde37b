#include "http/client_address.h"

#include <algorithm>
#include <charconv>

#include <optional>

namespace anju::http {
namespace {

namespace ip = boost::asio::ip;

ip::address plain(const ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(trim(text)), ec);
  if (ec) return std::nullopt;
  return plain(a);
}

// The first `prefix` bits of two addresses of one family agree.
bool same_prefix(const ip::address& a, const ip::address& b, int prefix) {
  if (a.is_v4() != b.is_v4()) return false;
  auto bytes = [](const ip::address& x) {
    std::vector<unsigned char> out;
    if (x.is_v4()) {
      auto v = x.to_v4().to_bytes();
      out.assign(v.begin(), v.end());
    } else {
      auto v = x.to_v6().to_bytes();
      out.assign(v.begin(), v.end());
    }
    return out;
  };
  const auto x = bytes(a), y = bytes(b);
  for (int bit = 0; bit < prefix; ++bit) {
    const int mask = 0x80 >> (bit % 8);
    if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) return false;
  }
  return true;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
  TrustedProxies out;
  for (const std::string& entry : entries) {
    const auto slash = entry.find('/');
    auto base = parse_address(std::string_view(entry).substr(0, slash));
    const std::string bad = "可信代理地址无效：" + entry + "（应为地址或网段，如 10.0.0.5 或 10.0.0.0/8）";
    if (!base) return make_error(ErrorCode::invalid, bad);
    const int bits = base->is_v4() ? 32 : 128;
    int prefix = bits;
    if (slash != std::string::npos) {
      const std::string_view p = std::string_view(entry).substr(slash + 1);
      auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
      if (p.empty() || ec != std::errc() || end != p.data() + p.size() || prefix < 0 || prefix > bits)
        return make_error(ErrorCode::invalid, bad);
    }
    out.networks_.push_back({*base, prefix});
  }
  return out;
}

bool TrustedProxies::contains(const ip::address& address) const {
  const ip::address a = plain(address);
  return std::any_of(networks_.begin(), networks_.end(),
                     [&](const Network& n) { return same_prefix(a, n.base, n.prefix); });
}

std::string client_address(const ip::address& peer, std::string_view forwarded_for,
                           const TrustedProxies& trusted) {
  ip::address client = plain(peer);
  if (!trusted.contains(client)) return client.to_string();
  // From the right: each hop a trusted proxy appended, until one that is
  // not a trusted proxy (the client) or one that does not parse (what a
  // client wrote: the proxy that passed it on is the last one known).
  std::string_view rest = forwarded_for;
  while (!trim(rest).empty()) {
    const auto comma = rest.rfind(',');
    const std::string_view hop = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    auto address = parse_address(hop);
    if (!address) break;
    client = *address;
    if (!trusted.contains(client)) break;
  }
  return client.to_string();
}

bool forwarded_https(const ip::address& peer, std::string_view forwarded_proto, const TrustedProxies& trusted) {
  const auto comma = forwarded_proto.rfind(',');  // the hop nearest to us
  const std::string_view last = comma == std::string_view::npos ? forwarded_proto : forwarded_proto.substr(comma + 1);
  return trusted.contains(peer) && trim(last) == "https";
}

}  // namespace anju::http
