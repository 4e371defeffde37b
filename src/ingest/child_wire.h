#pragma once
// The frames a reader in a child process (ingest/child_reader.h) and its
// parent exchange over their socket: a 4-byte length, then the bytes. Each
// side reads the other's bytes as untrusted: every field is bounds-checked.
//
//   parent → child:  'S' u32 sheet    select a sheet
//                    'N'              the next rows
//   child → parent:  the hello (once): u8 0, u32 sheets, per sheet str name
//                    and u8 hidden, str encoding; or u8 1 and an error
//                    to 'S': u8 0, or u8 1 and an error
//                    to 'N': u8 0, u8 end, f64 progress, u32 n, n rows;
//                    or u8 1 and an error

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/table_reader.h"

namespace anju::child_wire {

// A batch of rows is at most kMaxBatchRows rows of at most kMaxCells cells
// (BIFF8 has 256 columns), in a frame of at most kMaxFrame bytes: what a
// hostile helper can make its parent hold at once.
inline constexpr std::uint32_t kMaxFrame = 32u << 20;
inline constexpr std::uint32_t kMaxBatchRows = 512;
inline constexpr std::uint32_t kMaxCells = 1024;

class Writer {
 public:
  void u8(std::uint8_t v) { bytes_.push_back(static_cast<char>(v)); }
  void u32(std::uint32_t v);
  void i64(std::int64_t v);
  void f64(double v);
  void str(std::string_view s);
  void error(const Error& e);
  void row(const RawRow& r);
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  // Each reads a field; false (and nothing further) once the bytes run out.
  bool u8(std::uint8_t& v);
  bool u32(std::uint32_t& v);
  bool i64(std::int64_t& v);
  bool f64(double& v);
  bool str(std::string& s);
  bool error(Error& e);
  bool row(RawRow& r);

 private:
  bool take(void* out, std::size_t n);
  std::string_view rest_;
};

// Sends one frame; false when the peer is gone.
bool send_frame(int fd, std::string_view payload);

enum class Received { frame, closed, timed_out };
// Waits up to `timeout` for one whole frame (of at most kMaxFrame bytes);
// `closed` also when the peer sends something that is not a frame.
Received receive_frame(int fd, std::string& out, std::chrono::milliseconds timeout);

}  // namespace anju::child_wire
