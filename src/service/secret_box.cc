#include "service/secret_box.h"

#include <openssl/evp.h>

#include <memory>

#include "core/text.h"
#include "service/secure_random.h"

namespace anju {
namespace {

constexpr std::size_t kNonce = 12, kTag = 16;

std::string box_key(const AuditSeal& key) { return *hex_decode(key.mac("anju secret box v1")); }

using Cipher = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

std::string seal_secret(const AuditSeal& key, std::string_view plain, std::string_view context) {
  const std::string k = box_key(key), nonce = secure_random_bytes(kNonce);
  Cipher ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(plain.size(), '\0');
  std::string tag(kTag, '\0');
  int n = 0, last = 0;
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(k), bytes(nonce)) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &n, bytes(context), static_cast<int>(context.size())) == 1 &&
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, bytes(plain),
                        static_cast<int>(plain.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n, &last) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, tag.data()) == 1;
  if (!ok) throw std::runtime_error("AES-GCM sealing failed");
  return "v1:" + hex_lower(nonce + out + tag);
}

Result<std::string> open_secret(const AuditSeal& key, std::string_view sealed, std::string_view context) {
  const Error unreadable{ErrorCode::invalid, "保存的密钥无法解开（服务器密钥文件已更换，或数据被改动），请管理员为该用户重置两步验证"};
  if (!sealed.starts_with("v1:")) return unreadable;
  const auto raw = hex_decode(sealed.substr(3));
  if (!raw || raw->size() < kNonce + kTag) return unreadable;
  const std::string k = box_key(key);
  const std::string_view all(*raw);
  const std::string_view nonce = all.substr(0, kNonce), body = all.substr(kNonce, all.size() - kNonce - kTag);
  std::string tag(all.substr(all.size() - kTag));
  Cipher ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(body.size(), '\0');
  int n = 0, last = 0;
  const bool ok =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(k), bytes(nonce)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &n, bytes(context), static_cast<int>(context.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, bytes(body),
                        static_cast<int>(body.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n, &last) == 1;
  if (!ok) return unreadable;
  return out;
}

}  // namespace anju
