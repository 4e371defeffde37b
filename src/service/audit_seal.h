#pragma once
// What keeps the audit log honest from outside the database (core/audit.h):
// the key of its HMACs and the checkpoint file.
//
// The key is a file of 32 random bytes (hex), mode 0600, beside a SQLite
// database or where the operator says (--audit-key); every app server of one
// PostgreSQL database is given the same file. Without the key nobody can
// write an entry or re-chain the log so that it verifies.
//
// The checkpoint file (the key's path + ".checkpoints") is append-only: a
// line for every extension of the chain (its newest sequence number and
// hash), for every `anju audit verify` and for every restore. A database
// whose tail was deleted or that was re-chained no longer matches it.
//
//   chain   <seq> <hash> <time>          the chain's tip after an extension
//   verify  <seq> <hash> <time> ok|broken
//   legacy  <seq> <hash> <time>          entries 1..seq were chained unkeyed
//                                        (SHA-256) before the key existed
//   restore <seq> <hash> <time> <file>   the database was restored: what was
//                                        recorded before no longer applies

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace anju {

struct AuditCheckpoints {
  std::map<long, std::string> hashes;  // seq → hash, recorded since the last restore
  long newest = 0;                     // the highest seq recorded (0: none)
  std::optional<long> legacy_until;    // entries up to here may be unkeyed (its hash is in `hashes`)
};

class AuditSeal {
 public:
  // A key of its own for the life of the process and no checkpoint file:
  // for tests and scratch databases, whose log is never verified later.
  static AuditSeal ephemeral();
  // Reads the key at `key_path`, creating it (mode 0600) when there is no
  // file. `invalid` when it cannot be read, is malformed, or can be read by
  // others than its owner.
  static Result<AuditSeal> open(const std::filesystem::path& key_path);

  // Lower-case hex HMAC-SHA256 of `data` under the key.
  std::string mac(std::string_view data) const;
  bool keeps_checkpoints() const { return !checkpoint_path_.empty(); }
  const std::filesystem::path& checkpoint_path() const { return checkpoint_path_; }

  // Appends one line (kinds above). A seal without a file records nothing.
  Result<void> record(std::string_view kind, long seq, const std::string& hash,
                      std::string_view note = {}) const;
  // What the file holds since its last restore line. `invalid` names the
  // line that cannot be read.
  Result<AuditCheckpoints> checkpoints() const;

 private:
  std::string key_;
  std::filesystem::path checkpoint_path_;
};

// The seal every audit entry of this process is written and checked with:
// the one given to use_audit_seal, else an ephemeral one.
const AuditSeal& audit_seal();
void use_audit_seal(AuditSeal seal);

// Where the key is kept when the operator does not say: beside a SQLite file
// ("town.db" → "town.db.audit-key"), else "anju-<database>.audit-key" in the
// working folder.
std::filesystem::path default_audit_key_path(std::string_view db_url);

}  // namespace anju
