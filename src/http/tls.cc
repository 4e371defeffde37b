#include "http/tls.h"

#include <openssl/ssl.h>
#include <sys/stat.h>

namespace anju::http {

namespace ssl = boost::asio::ssl;

Result<ssl::context> make_tls_context(const std::filesystem::path& cert, const std::filesystem::path& key) {
  if (cert.empty() || key.empty())
    return make_error(ErrorCode::invalid, "--tls-cert 和 --tls-key 须同时给出");
  struct stat st{};
  if (::stat(key.c_str(), &st) != 0) return make_error(ErrorCode::invalid, "无法读取私钥文件：" + key.string());
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    return make_error(ErrorCode::invalid, "私钥文件 " + key.string() + " 不应让其他用户可读（请 chmod 600）");
  ssl::context ctx(ssl::context::tls_server);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                  ssl::context::single_dh_use);
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
  SSL_CTX_set_options(ctx.native_handle(), SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  boost::system::error_code ec;
  ctx.use_certificate_chain_file(cert.string(), ec);
  if (ec) return make_error(ErrorCode::invalid, "无法读取证书文件（应为 PEM 格式）：" + cert.string());
  ctx.use_private_key_file(key.string(), ssl::context::pem, ec);
  if (ec) return make_error(ErrorCode::invalid, "无法读取私钥文件（应为 PEM 格式）：" + key.string());
  if (SSL_CTX_check_private_key(ctx.native_handle()) != 1)
    return make_error(ErrorCode::invalid, "私钥与证书不匹配：" + key.string());
  return ctx;
}

}  // namespace anju::http
