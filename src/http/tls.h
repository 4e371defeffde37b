#pragma once
// `anju serve --tls-cert F --tls-key F`: the server's TLS context (OpenSSL
// through Asio). TLS 1.2 and 1.3 only, the library's default strong
// ciphers, no renegotiation or compression; the key must match the
// certificate and may not be readable by others.

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange

#include <boost/asio/ssl/context.hpp>

#include <filesystem>

#include "core/result.h"

namespace anju::http {

// `invalid` (Chinese) naming the file when either cannot be read, is not
// PEM, the two do not belong together, or the key is readable by others.
Result<boost::asio::ssl::context> make_tls_context(const std::filesystem::path& cert,
                                                   const std::filesystem::path& key);

}  // namespace anju::http
