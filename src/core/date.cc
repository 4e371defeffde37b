#include "core/date.h"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace anju {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_real_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && day >= 1 && day <= days_in_month(year, month);
}

std::string Date::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// Howard Hinnant's days_from_civil algorithm (public domain description).
long Date::days_since_epoch() const {
  const int y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

Date Date::from_days_since_epoch(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), m, d};
}

Date Date::minus_years(int years) const {
  Date d{year - years, month, day};
  if (d.month == 2 && d.day == 29 && !is_leap_year(d.year)) d.day = 28;
  return d;
}

namespace {

bool parse_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 4) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() == 8 && text.find_first_not_of("0123456789") == std::string_view::npos) {
    if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(4, 2), m) ||
        !parse_int(text.substr(6, 2), d))
      return std::nullopt;
  } else {
    const size_t sep = text.find_first_of("-/.");
    if (sep != 4) return std::nullopt;
    const char sep_char = text[sep];
    const size_t sep2 = text.find(sep_char, sep + 1);
    if (sep2 == std::string_view::npos) return std::nullopt;
    if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, sep2 - 5), m) ||
        !parse_int(text.substr(sep2 + 1), d))
      return std::nullopt;
    if (sep2 - 5 > 2 || text.size() - sep2 - 1 > 2) return std::nullopt;
  }
  if (!is_real_date(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

std::optional<long> parse_iso_seconds(std::string_view t) {
  if (t.size() < 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t.back() != 'Z') return std::nullopt;
  auto date = parse_date(t.substr(0, 10));
  if (!date) return std::nullopt;
  auto two = [&](size_t at) -> int {
    if (!std::isdigit(static_cast<unsigned char>(t[at])) || !std::isdigit(static_cast<unsigned char>(t[at + 1])))
      return -1;
    return (t[at] - '0') * 10 + (t[at + 1] - '0');
  };
  const int h = two(11), m = two(14), s = two(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return std::nullopt;
  if (t.size() > 20 && t[19] != '.') return std::nullopt;
  return date->days_since_epoch() * 86400 + h * 3600L + m * 60L + s;
}

std::string iso_from_seconds(long seconds) {
  long days = seconds / 86400, rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02ld:%02ld:%02ldZ", rest / 3600, rest / 60 % 60, rest % 60);
  return Date::from_days_since_epoch(days).to_string() + buf;
}

std::string local_minute_text(std::string_view iso, long offset_seconds) {
  const auto seconds = parse_iso_seconds(iso);
  if (!seconds) return std::string(iso);
  const std::string local = iso_from_seconds(*seconds + offset_seconds);  // "YYYY-MM-DDTHH:MM:SSZ"
  return local.substr(0, 10) + " " + local.substr(11, 5);
}

}  // namespace anju
