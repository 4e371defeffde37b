#pragma once
// Calendar dates without time zones or clock reads. "Today" is always passed
// in by the caller (core does no I/O, DESIGN.md §2).

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace anju {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  auto operator<=>(const Date&) const = default;

  // "YYYY-MM-DD".
  std::string to_string() const;
  // Days since 1970-01-01 (negative before).
  long days_since_epoch() const;
  static Date from_days_since_epoch(long days);
  // The same day `years` calendar years earlier; 29 February becomes 28
  // February when the target year is not a leap year.
  Date minus_years(int years) const;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_real_date(int year, int month, int day);

// Parses "YYYY-MM-DD", "YYYY/M/D", "YYYY.M.D" and "YYYYMMDD". Returns
// nullopt when the text is not one of these or not a real calendar date.
std::optional<Date> parse_date(std::string_view text);

// UTC time stamps as Anju writes them ("2026-11-28T10:00:00Z", fractions of
// a second allowed and dropped) ⇄ seconds since 1970-01-01T00:00:00Z.
std::optional<long> parse_iso_seconds(std::string_view text);
std::string iso_from_seconds(long seconds);

// China's time (UTC+8 all year): what a person in the office reads.
inline constexpr long kChinaUtcOffsetSeconds = 8 * 3600;
// A time stamp as a person reads it, to the minute, in the zone
// `offset_seconds` east of UTC: "2026-12-02T05:55:44Z" → "2026-12-02 13:55".
// The text as it is when it is not a time stamp.
std::string local_minute_text(std::string_view iso, long offset_seconds = kChinaUtcOffsetSeconds);

}  // namespace anju
