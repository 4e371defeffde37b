#pragma once
// The audit log (DESIGN.md §4): append-only entries, each chained to the one
// before by a hash over its content and that one's hash, so that an edited,
// removed or reordered entry is found (`anju audit verify`).
//
// Entries are written inside the transaction of the change they record, not
// yet chained; the chain is extended afterwards, one chainer at a time, in
// the order entries are found (`seq`). Concurrent writers never wait for
// each other's audit entries, and the chain cannot fork.

#include <optional>
#include <string>

namespace anju {

struct AuditEntry {
  long id = 0;              // assigned by the store
  std::string at;           // ISO time stamp
  std::string actor;        // "cli:<login>" or a user name
  std::string action;       // "user.create", "import.households", "db.backup", …
  std::string object_type;  // "user", "household", "database", …
  std::string object_id;
  std::string detail = "{}";  // JSON: before/after, counts, file name
  std::optional<long> seq;    // position in the chain, once chained
  std::string prev_hash;      // hash of entry seq-1 ("" for the first)
  std::string hash;           // hex SHA-256 of prev_hash and audit_content()
};

// The exact text an entry's hash covers: its position, its fields and the
// previous hash, each on its own line.
std::string audit_content(const AuditEntry& e, long seq, const std::string& prev_hash);

}  // namespace anju
