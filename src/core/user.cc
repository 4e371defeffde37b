#include "core/user.h"

#include <cctype>

#include "core/text.h"

namespace anju {

std::optional<RegionLevel> role_level(Role role) {
  switch (role) {
    case Role::admin: return std::nullopt;
    case Role::city_reviewer: return RegionLevel::city;
    case Role::county_reviewer: return RegionLevel::county;
    case Role::town_office:
    case Role::town_leader: return RegionLevel::town;
    case Role::village_clerk:
    case Role::field_worker: return RegionLevel::village;
  }
  return std::nullopt;
}

std::string role_region_problem(Role role, std::string_view region_code) {
  if (role == Role::admin && region_code == kWholeCountry) return "";
  if (!is_region_code(region_code)) return "区划代码应为12位数字";
  const auto level = role_level(role);
  if (level && region_level(region_code) != *level)
    return std::string(enum_name(role)) + "的区划应为" + enum_name(*level) + "级，" +
           std::string(region_code) + "是" + enum_name(region_level(region_code)) + "级";
  return "";
}

bool user_covers(const User& user, std::string_view region_code) {
  return user.region_code == kWholeCountry || region_covers(user.region_code, region_code);
}

std::string user_name_problem(std::string_view name) {
  if (name.empty()) return "用户名不能为空";
  if (!is_valid_utf8(name)) return "用户名不是有效的文字";
  if (utf8_length(name) > 32) return "用户名最多32个字符";
  for (unsigned char c : name)
    if (c <= ' ' || c == 0x7f || c == ':' || c == '/' || c == '\\') return "用户名不能含空格、控制字符、冒号或斜杠";
  return "";
}

std::string password_problem(std::string_view password) {
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (std::islower(c)) lower = true;
    else if (std::isupper(c)) upper = true;
    else if (std::isdigit(c)) digit = true;
    else other = true;  // punctuation, spaces, and every non-ASCII byte
  }
  if (utf8_length(password) < 10) return "密码至少10个字符";
  if (lower + upper + digit + other < 3) return "密码须包含小写字母、大写字母、数字、其他字符中的至少三类";
  return "";
}

std::string shown_name(const User& user) {
  if (!user.display_name.empty()) return user.display_name;
  if (user.name.rfind("cli:", 0) == 0) return "命令行用户 " + user.name.substr(4);
  return user.name;
}

}  // namespace anju
