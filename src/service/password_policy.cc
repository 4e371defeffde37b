#include "service/password_policy.h"

#include <pwquality.h>

#include <memory>
#include <mutex>
#include <string>

#include "core/user.h"

namespace anju {
namespace {

// Words a password may not contain (case does not matter): the passwords
// leaked lists start with, the Chinese ones among them, and this system's
// names for itself and its work, which a clerk would reach for.
constexpr const char* kCommonPasswords =
    "password passwd qwerty qwert asdfgh zxcvbn qazwsx 1qaz2wsx 1q2w3e 123456 654321 111111 000000 "
    "abc123 abcd iloveyou letmein welcome monkey dragon master shadow sunshine superman football "
    "admin administrator root guest test changeme secret login "
    "woaini wuaini aini1314 5201314 1314520 woshini nihao zhongguo china beijing "
    "anju anquan zhufang weifang gaizao tuopin jiance huitoukan shenhe";

// The password as read with digits and signs for the letters they stand for.
std::string plain_letters(std::string_view password) {
  std::string out(password);
  for (char& c : out) {
    switch (c) {
      case '@': case '4': c = 'a'; break;
      case '0': c = 'o'; break;
      case '1': case '!': case '|': c = 'i'; break;
      case '3': c = 'e'; break;
      case '$': case '5': c = 's'; break;
      case '7': c = 't'; break;
      default: break;
    }
  }
  return out;
}

std::string message(int code) {
  switch (code) {
    case PWQ_ERROR_CRACKLIB_CHECK: return "密码以常见单词或简单规律（如连续、重复的字符）为基础，容易被猜中";
    case PWQ_ERROR_USER_CHECK: return "密码不能包含用户名";
    case PWQ_ERROR_BAD_WORDS: return "密码包含常见密码或本系统的常用词（如 password、woaini、anju），容易被猜中";
    case PWQ_ERROR_PALINDROME: return "密码不能是回文";
    case PWQ_ERROR_MAX_CONSECUTIVE: return "密码中同一字符连续出现太多";
    case PWQ_ERROR_MAX_SEQUENCE: return "密码中有太长的连续序列（如 12345、abcde）";
    default: return "密码太简单，请换一个";
  }
}

using Settings = std::unique_ptr<pwquality_settings_t, decltype(&pwquality_free_settings)>;

Settings settings() {
  Settings s(pwquality_default_settings(), &pwquality_free_settings);  // not /etc/security: the same everywhere
  if (!s) return s;
  pwquality_set_str_value(s.get(), PWQ_SETTING_BAD_WORDS, kCommonPasswords);
  pwquality_set_int_value(s.get(), PWQ_SETTING_MAX_SEQUENCE, 4);
  pwquality_set_int_value(s.get(), PWQ_SETTING_MAX_REPEAT, 3);
  return s;
}

}  // namespace

Result<std::string> password_weakness(std::string_view password, std::string_view name) {
  if (auto why = password_problem(password); !why.empty()) return why;
  Settings s = settings();
  if (!s) return make_error(ErrorCode::io, "无法检查密码强度：密码质量库未能初始化");
  const std::string user(name);
  // cracklib keeps the open dictionary in globals: one check at a time.
  static std::mutex cracklib;
  std::lock_guard lock(cracklib);
  for (const std::string& candidate : {std::string(password), plain_letters(password)}) {
    void* aux = nullptr;
    const int score = pwquality_check(s.get(), candidate.c_str(), nullptr, user.c_str(), &aux);
    if (score >= 0) continue;
    // aux is cracklib's message for a dictionary check (a number for others).
    const std::string detail = score == PWQ_ERROR_CRACKLIB_CHECK && aux ? static_cast<const char*>(aux) : "";
    if (score == PWQ_ERROR_MEM_ALLOC || score == PWQ_ERROR_FATAL_FAILURE ||
        (score == PWQ_ERROR_CRACKLIB_CHECK && detail.starts_with("error loading dictionary")))
      return make_error(ErrorCode::io, "无法检查密码强度：密码字典不可读（请安装 cracklib-runtime）");
    if (score == PWQ_ERROR_MIN_LENGTH || score == PWQ_ERROR_MIN_CLASSES) continue;  // core's rule decides those
    return message(score);
  }
  return std::string();
}

}  // namespace anju
