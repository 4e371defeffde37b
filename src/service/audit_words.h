#pragma once
// The audit log as a person reads it (DOMAIN.md §8): each action named in
// Chinese (四类信息：审核通过, 打印农户档案 …), each kind of object, and an
// entry's detail as 「label：value」 lines instead of JSON. An action or key
// the tables do not know is shown as it is stored — never dropped.

#include <string>
#include <string_view>

namespace anju {

std::string audit_action_name(std::string_view action);
std::string audit_object_name(std::string_view object_type);
// The detail JSON as text, in the order stored: top-level keys by their
// Chinese label, true and
// false as 是/否, a list of {field, before, after} as 「field：before → after」.
// Text that is not a JSON object comes back unchanged.
std::string audit_detail_text(const std::string& detail);

}  // namespace anju
