#pragma once
// Masking of personal numbers (DESIGN.md §4): what every list, detail and
// export shows unless the role may see the full value and asked for it.

#include <string>
#include <string_view>

#include "core/id_number.h"

namespace anju {

// ID numbers: mask_id_number (core/id_number.h).

// "13812345678" → "138****5678"; shorter numbers keep at most their last two.
std::string mask_phone(std::string_view phone);

}  // namespace anju
