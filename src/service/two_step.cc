#include "service/two_step.h"

#include <liboath/oath.h>
#include <qrencode.h>

#include <cstdlib>
#include <memory>
#include <mutex>

#include "core/date.h"
#include "service/audit_seal.h"
#include "service/audit_service.h"
#include "service/secret_box.h"
#include "service/secure_random.h"
#include "service/session_service.h"
#include "service/user_service.h"

namespace anju {
namespace {

void init_oath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

// Base32 without padding, as authenticator apps take it.
std::string base32(const std::string& raw) {
  init_oath();
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_encode(raw.data(), raw.size(), &out, &length) != OATH_OK) throw std::runtime_error("base32");
  std::string text(out, length);
  std::free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::optional<std::string> from_base32(const std::string& text) {
  init_oath();
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_decode(text.data(), text.size(), &out, &length) != OATH_OK) return std::nullopt;
  std::string raw(out, length);
  std::free(out);
  return raw;
}

std::string percent_encoded(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string otpauth_uri(const std::string& name, const std::string& secret) {
  return "otpauth://totp/" + percent_encoded("安居:" + name) + "?secret=" + secret + "&issuer=" +
         percent_encoded("安居") + "&algorithm=SHA1&digits=6&period=" + std::to_string(kTwoStepPeriod);
}

// The QR code of `text` as SVG: one square per dark module, a quiet zone
// of four around.
std::string qr_svg(const std::string& text) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!qr) throw std::runtime_error("QR encoding failed");
  const int w = qr->width, size = w + 8;
  std::string path;
  for (int y = 0; y < w; ++y)
    for (int x = 0; x < w; ++x)
      if (qr->data[y * w + x] & 1) path += "M" + std::to_string(x + 4) + " " + std::to_string(y + 4) + "h1v1h-1z";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
         std::to_string(size) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
         "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

long now_seconds(const Clock& clock) { return parse_iso_seconds(clock.now_iso()).value_or(0); }

// The user as stored (`not_found` when there is none).
Result<User> stored_user(Store& store, const std::string& name) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto found = (*tx)->accounts().find_user(name);
  if (!found) return found.error();
  if (!*found) return make_error(ErrorCode::not_found, "用户不存在：" + name);
  return (*found)->value;
}

}  // namespace

std::string two_step_code(const std::string& base32_secret, long now_seconds) {
  init_oath();
  const auto raw = from_base32(base32_secret);
  char code[16] = {};
  if (!raw || oath_totp_generate(raw->data(), raw->size(), now_seconds, kTwoStepPeriod, 0, 6, code) != OATH_OK)
    return "";
  return code;
}

Result<std::optional<long>> fresh_code_step(const User& user, const std::string& code, long now_seconds) {
  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos) return std::optional<long>();
  auto secret = open_secret(audit_seal(), user.two_step_secret, user.name);
  if (!secret) return secret.error();
  const auto raw = from_base32(*secret);
  if (!raw) return make_error(ErrorCode::invalid, "保存的两步验证密钥无法读取，请管理员为该用户关闭两步验证");
  init_oath();
  int position = 0;
  if (oath_totp_validate2(raw->data(), raw->size(), now_seconds, kTwoStepPeriod, 0, 1, &position, code.c_str()) < 0)
    return std::optional<long>();
  const long step = now_seconds / kTwoStepPeriod + position;
  if (step <= user.two_step_step) return std::optional<long>();  // taken already
  return std::optional<long>(step);
}

Result<TwoStepSetup> begin_two_step(Store& store, const std::string& name, const std::string& password,
                                    const std::string& source, const Clock& clock) {
  auto user = recheck_password(store, name, password, source, "auth.two_step_failed", clock);
  if (!user) return user.error();
  if (user->two_step())
    return make_error(ErrorCode::conflict, "两步验证已开启；更换手机请先由管理员关闭后重新设置");
  const std::string secret = base32(secure_random_bytes(20));
  const std::string sealed = seal_secret(audit_seal(), secret, name);
  ANJU_TRY(change_user(store, name, "auth.two_step_begin", nlohmann::json::object(), name, clock, [&](User& u) {
    u.two_step_secret = sealed;
    u.two_step_step = 0;
    return false;
  }));
  const std::string uri = otpauth_uri(name, secret);
  return TwoStepSetup{secret, uri, qr_svg(uri)};
}

Result<void> confirm_two_step(Store& store, const std::string& name, const std::string& code,
                              const std::string& source, const Clock& clock) {
  auto locked = password_lock(store, name, clock);
  if (!locked) return locked.error();
  if (*locked) return make_error(ErrorCode::forbidden, **locked);
  auto user = stored_user(store, name);
  if (!user && user.error().code != ErrorCode::not_found) return user.error();
  if (!user || user->two_step_secret.empty() || user->two_step())
    return make_error(ErrorCode::conflict, "没有正在设置的两步验证，请重新开始设置");
  auto step = fresh_code_step(*user, code, now_seconds(clock));
  if (!step) return step.error();
  if (!*step) {
    const char* wrong = "动态码不正确，请核对手机时间后输入验证器上当前的6位数字";
    ANJU_TRY(record_password_failure(store, name, source, "auth.two_step_failed", wrong, clock));
    return make_error(ErrorCode::invalid, wrong);
  }
  // On only for the secret the code was checked against: a setup begun
  // again meanwhile is not switched on unverified.
  auto begun = store.begin(TxMode::write);
  if (!begun) return begun.error();
  Transaction& tx = **begun;
  auto now = tx.accounts().find_user(name);
  if (!now) return now.error();
  if (!*now || (*now)->value.two_step_secret != user->two_step_secret || (*now)->value.two_step())
    return make_error(ErrorCode::conflict, "两步验证的设置已在别处重新开始，请用最新显示的二维码重新设置");
  User on = (*now)->value;
  on.two_step_step = **step;
  ANJU_TRY(tx.accounts().update_user(on, (*now)->version, WriteStamp{name, clock.now_iso()}));
  ANJU_TRY(audit(tx.audit(), clock, name, "auth.two_step_on", "user", name, nlohmann::json::object()));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return {};
}

Result<void> turn_off_two_step(Store& store, const std::string& name, const std::string& actor,
                               const Clock& clock) {
  // Off already: nothing to change, no session to end.
  auto user = stored_user(store, name);
  if (!user) return user.error();
  if (user->two_step_secret.empty()) return {};
  return change_user(store, name, "auth.two_step_off", nlohmann::json::object(), actor, clock, [](User& u) {
    u.two_step_secret.clear();
    u.two_step_step = 0;
    return true;
  });
}

Result<void> turn_off_two_step(Store& store, const User& admin, const std::string& name, const Clock& clock) {
  auto target = managed_user(store, admin, name);
  if (!target) return target.error();
  return turn_off_two_step(store, name, admin.name, clock);
}

}  // namespace anju
