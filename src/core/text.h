#pragma once
// Pure UTF-8 helpers (no locale, no I/O).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace anju {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates). With
// `allow_truncated_tail`, an incomplete sequence at the very end is accepted
// (for sniffing the first block of a file).
bool is_valid_utf8(std::string_view s, bool allow_truncated_tail = false);

// Number of code points in valid UTF-8 text.
size_t utf8_length(std::string_view s);

// Bytes as lower-case hexadecimal, two digits each.
std::string hex_lower(std::string_view bytes);
// The bytes that hexadecimal `hex` (either case, two digits each) stands
// for; nullopt when it is not such text.
std::optional<std::string> hex_decode(std::string_view hex);

bool is_ascii(std::string_view s);

// True when `s` is valid UTF-8 without code points in U+0080..U+1FFF
// (Latin-1 supplement to Greek extended: Hebrew, Arabic, Cyrillic …). GBK
// bytes often happen to be valid UTF-8, but then decode to such letters,
// which Chinese registers do not contain; this tells the two apart.
bool looks_like_chinese_utf8(std::string_view s);

}  // namespace anju
