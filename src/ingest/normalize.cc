#include "ingest/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <stdexcept>

#include "core/text.h"

namespace anju {
namespace {

const icu::Normalizer2& nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC data is missing");
    return p;
  }();
  return *n;
}

bool starts_with_invisible(std::string_view s, size_t& len) {
  for (std::string_view z : {"\xE2\x80\x8B", "\xEF\xBB\xBF", "\xE2\x80\x8C", "\xE2\x80\x8D"}) {
    if (s.starts_with(z)) {
      len = z.size();
      return true;
    }
  }
  len = (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) ? 1 : 0;
  return len > 0;
}

bool ends_with_invisible(std::string_view s, size_t& len) {
  for (std::string_view z : {"\xE2\x80\x8B", "\xEF\xBB\xBF", "\xE2\x80\x8C", "\xE2\x80\x8D"}) {
    if (s.ends_with(z)) {
      len = z.size();
      return true;
    }
  }
  len = (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n'))
            ? 1
            : 0;
  return len > 0;
}

std::string trim(std::string_view s) {
  size_t len = 0;
  while (starts_with_invisible(s, len)) s.remove_prefix(len);
  while (ends_with_invisible(s, len)) s.remove_suffix(len);
  return std::string(s);
}

}  // namespace

std::string normalize_cell(std::string_view text) {
  // ASCII is already in NFKC: the common case skips ICU entirely.
  if (is_ascii(text)) return trim(text);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString n = nfkc().normalize(u, status);
  if (U_FAILURE(status)) return trim(text);
  std::string out;
  n.toUTF8String(out);
  return trim(out);
}

}  // namespace anju
