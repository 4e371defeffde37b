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

// Zero-width space, zero-width (non-)joiner and byte-order mark: all start
// with byte E2 or EF in UTF-8.
constexpr std::string_view kInvisible[] = {"\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D",
                                           "\xEF\xBB\xBF"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Length of the white space or invisible character that `s` starts with (0: none).
size_t leading_blank(std::string_view s) {
  if (s.empty()) return 0;
  if (is_space(s[0])) return 1;
  if (s[0] != '\xE2' && s[0] != '\xEF') return 0;
  for (std::string_view z : kInvisible)
    if (s.starts_with(z)) return z.size();
  return 0;
}

size_t trailing_blank(std::string_view s) {
  if (s.empty()) return 0;
  if (is_space(s.back())) return 1;
  if (s.size() < 3 || (s[s.size() - 3] != '\xE2' && s[s.size() - 3] != '\xEF')) return 0;
  for (std::string_view z : kInvisible)
    if (s.ends_with(z)) return z.size();
  return 0;
}

// Trims in place: the common, already-clean cell is returned without a copy.
std::string trim(std::string s) {
  std::string_view v(s);
  while (size_t n = leading_blank(v)) v.remove_prefix(n);
  while (size_t n = trailing_blank(v)) v.remove_suffix(n);
  if (v.size() == s.size()) return s;
  return std::string(v);
}

}  // namespace

std::string normalize_cell(std::string text) {
  // ASCII is already in NFKC: the common case skips ICU entirely.
  if (is_ascii(text)) return trim(std::move(text));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  // Most Chinese text is already normalised: a quick check says so without
  // building the normalised copy.
  if (nfkc().quickCheck(u, status) == UNORM_YES && U_SUCCESS(status)) return trim(std::move(text));
  status = U_ZERO_ERROR;
  icu::UnicodeString n = nfkc().normalize(u, status);
  if (U_FAILURE(status)) return trim(std::move(text));
  if (n == u) return trim(std::move(text));
  std::string out;
  n.toUTF8String(out);
  return trim(std::move(out));
}

}  // namespace anju
