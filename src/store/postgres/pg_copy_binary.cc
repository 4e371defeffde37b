#include "store/postgres/pg_copy_binary.h"

#include <bit>
#include <charconv>
#include <type_traits>

#include "core/date.h"

namespace anju::postgres {
namespace {

constexpr long kPgEpochDays = 10957;  // 2000-01-01 in days since 1970-01-01
constexpr int64_t kMicrosPerDay = 86'400'000'000;

// Network byte order, as every binary COPY field is written.
template <class T>
void put_be(std::string& out, T value) {
  using U = std::make_unsigned_t<T>;
  U u = static_cast<U>(value);
  char bytes[sizeof(U)];
  for (size_t i = 0; i < sizeof(U); ++i) bytes[i] = static_cast<char>(u >> (8 * (sizeof(U) - 1 - i)));
  out.append(bytes, sizeof(U));
}

// All of `text` is one number (from_chars: no spaces, no "+") into `v`.
template <class T>
bool whole(std::string_view text, T& v) {
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v);
  return ec == std::errc() && p == end && !text.empty();
}

// `value` parsed as a T, its bits (as `Bits`) appended in network order.
template <class T, class Bits = T>
bool put_number(std::string& out, const std::string& value) {
  T v;
  if (!whole(value, v)) return false;
  put_be(out, std::bit_cast<Bits>(v));
  return true;
}

// `n` digits at `text[at…]` into `v`.
bool digits(std::string_view text, size_t at, size_t n, int& v) {
  if (at + n > text.size()) return false;
  v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  return true;
}

// The zone at the end of a time stamp ("Z", "+08", "+0800", "+08:00") as
// seconds east of UTC.
std::optional<int> zone_offset(std::string_view z) {
  if (z == "Z") return 0;
  if (z.size() < 3 || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  int h = 0, m = 0;
  if (!digits(z, 1, 2, h)) return std::nullopt;
  std::string_view rest = z.substr(3);
  if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
  if (!rest.empty() && (rest.size() != 2 || !digits(rest, 0, 2, m))) return std::nullopt;
  if (h > 15 || m > 59) return std::nullopt;
  const int seconds = h * 3600 + m * 60;
  return z[0] == '+' ? seconds : -seconds;
}

// One value in its column's binary form (without the length word).
bool encode(std::string& out, const std::string& value, int format, CopyType type) {
  if (type == CopyType::bytea) {
    if (format != 1) return false;  // text meant for the server to decode
    out += value;
    return true;
  }
  if (format == 1) return false;
  switch (type) {
    case CopyType::text:
      out += value;
      return true;
    case CopyType::boolean:
      if (value == "1" || value == "t" || value == "true") out += '\1';
      else if (value == "0" || value == "f" || value == "false") out += '\0';
      else return false;
      return true;
    case CopyType::int2: return put_number<int16_t>(out, value);
    case CopyType::int4: return put_number<int32_t>(out, value);
    case CopyType::int8: return put_number<int64_t>(out, value);
    // A real is parsed as float: rounding through double could differ.
    case CopyType::float4: return put_number<float, uint32_t>(out, value);
    case CopyType::float8: return put_number<double, uint64_t>(out, value);
    case CopyType::date: {
      auto days = pg_date(value);
      if (!days) return false;
      put_be(out, *days);
      return true;
    }
    case CopyType::timestamptz: {
      auto micros = pg_timestamptz(value);
      if (!micros) return false;
      put_be(out, *micros);
      return true;
    }
    case CopyType::bytea:
      break;
  }
  return false;
}

}  // namespace

std::optional<CopyType> copy_type(unsigned int type) {
  switch (type) {
    case 16: return CopyType::boolean;
    case 17: return CopyType::bytea;
    case 20: return CopyType::int8;
    case 21: return CopyType::int2;
    case 23: return CopyType::int4;
    case 25:
    case 1043: return CopyType::text;  // text, varchar
    case 700: return CopyType::float4;
    case 701: return CopyType::float8;
    case 1082: return CopyType::date;
    case 1184: return CopyType::timestamptz;
    default: return std::nullopt;
  }
}

std::string_view copy_binary_header() {
  // Signature, then 32-bit flags (no OIDs) and header-extension length.
  static constexpr char header[] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
  return std::string_view(header, 19);
}

void append_copy_trailer(std::string& out) { put_be(out, int16_t{-1}); }

bool append_binary_row(std::string& out, const std::vector<std::optional<std::string>>& values,
                       const std::vector<int>& formats, const std::vector<CopyType>& types) {
  if (values.size() != types.size() || values.size() > 0x7FFF) return false;
  const size_t start = out.size();
  put_be(out, static_cast<int16_t>(values.size()));
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      put_be(out, int32_t{-1});
      continue;
    }
    const size_t length_at = out.size();
    put_be(out, int32_t{0});
    if (!encode(out, *values[i], formats[i], types[i]) || out.size() - length_at - 4 > 0x7FFFFFFF) {
      out.resize(start);
      return false;
    }
    const auto n = static_cast<uint32_t>(out.size() - length_at - 4);
    for (int b = 0; b < 4; ++b) out[length_at + b] = static_cast<char>(n >> (8 * (3 - b)));
  }
  return true;
}

std::optional<int32_t> pg_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, y) ||
      !digits(text, 5, 2, m) || !digits(text, 8, 2, d) || !is_real_date(y, m, d))
    return std::nullopt;
  return static_cast<int32_t>(Date{y, m, d}.days_since_epoch() - kPgEpochDays);
}

std::optional<int64_t> pg_timestamptz(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
  auto day = pg_date(text.substr(0, 10));
  int h = 0, mi = 0, s = 0;
  if (!day || text[13] != ':' || text[16] != ':' || !digits(text, 11, 2, h) || !digits(text, 14, 2, mi) ||
      !digits(text, 17, 2, s) || h > 23 || mi > 59 || s > 59)
    return std::nullopt;
  size_t at = 19;
  int64_t micros = 0;
  if (text[at] == '.') {
    int scale = 100'000, n = 0;
    for (++at; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at, ++n) {
      if (n >= 6) return std::nullopt;  // finer than a microsecond: the server would round
      micros += (text[at] - '0') * scale;
      scale /= 10;
    }
    if (n == 0) return std::nullopt;
  }
  auto offset = zone_offset(text.substr(at));
  if (!offset) return std::nullopt;
  const int64_t seconds = int64_t{h} * 3600 + mi * 60 + s - *offset;
  return int64_t{*day} * kMicrosPerDay + seconds * 1'000'000 + micros;
}

}  // namespace anju::postgres
