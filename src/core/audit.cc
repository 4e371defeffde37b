#include "core/audit.h"

namespace anju {

std::string audit_entry_content(const AuditEntry& e) {
  std::string out;
  out.reserve(128 + e.detail.size());
  // Lengths first, so that no shift of text between fields keeps the hash.
  for (const std::string* f : {&e.at, &e.actor, &e.action, &e.object_type, &e.object_id, &e.detail})
    out += std::to_string(f->size()) + ":" + *f + "\n";
  return out;
}

std::string audit_content(const AuditEntry& e, long seq, const std::string& prev_hash) {
  std::string out = audit_entry_content(e);
  out += std::to_string(seq) + "\n" + std::to_string(e.id) + "\n" + prev_hash;
  if (!e.mac.empty()) out += "\n" + e.mac;
  return out;
}

}  // namespace anju
