#include "core/privacy.h"

namespace anju {

std::string mask_phone(std::string_view phone) {
  if (phone.empty()) return "";
  if (phone.size() >= 11) return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
                                 std::string(phone.substr(phone.size() - 4));
  const size_t keep = phone.size() > 4 ? 2 : 0;
  return std::string(phone.size() - keep, '*') + std::string(phone.substr(phone.size() - keep));
}

}  // namespace anju
