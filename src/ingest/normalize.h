#pragma once
// Cell normalisation of every import (DOMAIN.md §4): Unicode NFKC (full-width
// digits, letters and brackets become ASCII; the ideographic space becomes a
// space), then leading and trailing white space removed, including
// zero-width spaces and byte-order marks.

#include <string>
#include <string_view>

namespace anju {

// `text` must be valid UTF-8. Thread-safe.
std::string normalize_cell(std::string text);

}  // namespace anju
