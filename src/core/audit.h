#pragma once
// The audit log (DESIGN.md §4): append-only entries, each chained to the one
// before by a keyed hash (HMAC-SHA256) over its content and that one's hash,
// so that an edited, removed, inserted or reordered entry is found (`anju
// audit verify`). The key and the checkpoints that show a deleted tail live
// outside the database (service/audit_seal.h).
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
  std::string mac;            // keyed hash of audit_entry_content(), set when written
  std::optional<long> seq;    // position in the chain, once chained
  std::string prev_hash;      // hash of entry seq-1 ("" for the first)
  std::string hash;           // keyed hash of audit_content()
};

// The text an entry's own `mac` covers, given when it is written (before it
// has an id or a place in the chain): a row put into the table by anyone
// without the key has none that fits.
std::string audit_entry_content(const AuditEntry& e);

// The exact text an entry's chain hash covers: its fields, its position and
// id, the previous hash and its mac, each on its own line. An entry without
// a mac (chained unkeyed, before there was a key) has no last line.
std::string audit_content(const AuditEntry& e, long seq, const std::string& prev_hash);

}  // namespace anju
