#include "ingest/child_wire.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace anju::child_wire {

void Writer::u32(std::uint32_t v) { bytes_.append(reinterpret_cast<const char*>(&v), sizeof v); }
void Writer::i64(std::int64_t v) { bytes_.append(reinterpret_cast<const char*>(&v), sizeof v); }
void Writer::f64(double v) { bytes_.append(reinterpret_cast<const char*>(&v), sizeof v); }

void Writer::str(std::string_view s) {
  u32(static_cast<std::uint32_t>(s.size()));
  bytes_.append(s);
}

void Writer::error(const Error& e) {
  u8(static_cast<std::uint8_t>(e.code));
  str(e.message);
}

void Writer::row(const RawRow& r) {
  i64(r.row_number);
  u32(static_cast<std::uint32_t>(r.cells.size()));
  for (const std::string& c : r.cells) str(c);
  u32(static_cast<std::uint32_t>(r.kinds.size()));
  for (CellKind k : r.kinds) u8(static_cast<std::uint8_t>(k));
  str(r.encoding_error);
}

bool Reader::take(void* out, std::size_t n) {
  if (rest_.size() < n) {
    rest_ = {};
    return false;
  }
  std::memcpy(out, rest_.data(), n);
  rest_.remove_prefix(n);
  return true;
}

bool Reader::u8(std::uint8_t& v) { return take(&v, sizeof v); }
bool Reader::u32(std::uint32_t& v) { return take(&v, sizeof v); }
bool Reader::i64(std::int64_t& v) { return take(&v, sizeof v); }
bool Reader::f64(double& v) { return take(&v, sizeof v); }

bool Reader::str(std::string& s) {
  std::uint32_t n = 0;
  if (!u32(n) || n > rest_.size()) return false;
  s.assign(rest_.substr(0, n));
  rest_.remove_prefix(n);
  return true;
}

bool Reader::error(Error& e) {
  std::uint8_t code = 0;
  if (!u8(code) || code > static_cast<std::uint8_t>(ErrorCode::internal)) return false;
  e.code = static_cast<ErrorCode>(code);
  return str(e.message);
}

bool Reader::row(RawRow& r) {
  std::int64_t number = 0;
  std::uint32_t n = 0;
  if (!i64(number) || !u32(n) || n > kMaxCells || n > rest_.size() / 4) return false;  // a cell takes ≥ 4 bytes
  r.row_number = number;
  r.cells.resize(n);
  for (std::string& c : r.cells)
    if (!str(c)) return false;
  if (!u32(n) || n > kMaxCells || n > rest_.size()) return false;
  r.kinds.resize(n);
  for (CellKind& k : r.kinds) {
    std::uint8_t v = 0;
    if (!u8(v) || v > static_cast<std::uint8_t>(CellKind::formula_without_value)) return false;
    k = static_cast<CellKind>(v);
  }
  return str(r.encoding_error);
}

bool send_frame(int fd, std::string_view payload) {
  const auto n = static_cast<std::uint32_t>(payload.size());
  std::string frame(reinterpret_cast<const char*>(&n), sizeof n);
  frame.append(payload);
  std::size_t sent = 0;
  while (sent < frame.size()) {
    const ssize_t k = ::send(fd, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    sent += static_cast<std::size_t>(k);
  }
  return true;
}

namespace {

// Reads exactly n bytes before `deadline`.
Received read_exactly(int fd, char* out, std::size_t n, std::chrono::steady_clock::time_point deadline) {
  std::size_t got = 0;
  while (got < n) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Received::timed_out;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return Received::closed;
    if (ready == 0) return Received::timed_out;
    const ssize_t k = ::read(fd, out + got, n - got);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return Received::closed;
    got += static_cast<std::size_t>(k);
  }
  return Received::frame;
}

}  // namespace

Received receive_frame(int fd, std::string& out, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::uint32_t n = 0;
  if (auto r = read_exactly(fd, reinterpret_cast<char*>(&n), sizeof n, deadline); r != Received::frame) return r;
  if (n > kMaxFrame) return Received::closed;
  out.resize(n);
  return read_exactly(fd, out.data(), n, deadline);
}

}  // namespace anju::child_wire
