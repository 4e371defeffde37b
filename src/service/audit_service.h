#pragma once
// The audit log's use cases: record an entry inside the transaction of the
// change, extend the hash chain afterwards, verify it (core/audit.h).

#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/store.h"

namespace anju {

// Adds an entry to the log of the transaction that makes the change
// (committed with it).
Result<void> audit(AuditRepo& log, const Clock& clock, const std::string& actor,
                   const std::string& action, const std::string& object_type,
                   const std::string& object_id, const nlohmann::json& detail);

// Adds an entry in a transaction of its own (for what changes no row: a
// backup, a read of full personal data).
Result<void> audit(Store& store, const Clock& clock, const std::string& actor,
                   const std::string& action, const std::string& object_type,
                   const std::string& object_id, const nlohmann::json& detail);

// Chains every entry not chained yet, in id order, and records the new tip
// in the checkpoint file; returns how many. Safe
// to run from several processes at once: one wins each entry, the others
// retry.
Result<long> chain_audit_log(Store& store);

struct AuditCheck {
  long chained = 0;    // entries whose chain was checked
  long unchained = 0;  // entries written but not chained yet
  std::optional<long> broken_id;   // the first entry that fails the check
  std::optional<long> broken_seq;  // its place in the chain (0: not chained)
  std::string problem;             // Chinese, when broken

  bool ok() const { return problem.empty(); }
};

// Recomputes the chain from the first entry with the key of audit_seal()
// and compares it with the checkpoints: names the first entry that was
// changed, inserted or is missing, or that the tail was deleted. Records
// the check in the checkpoint file.
Result<AuditCheck> verify_audit_log(Store& store);

// Tells the checkpoint file that the database was restored from `file`:
// the checkpoints recorded before no longer apply.
Result<void> note_audit_restore(const std::string& file);

// Lower-case hex SHA-256.
std::string sha256_hex(const std::string& data);
// The same of a file's bytes, read as it streams (throws when it cannot be read).
std::string sha256_file_hex(const std::string& path);

}  // namespace anju
