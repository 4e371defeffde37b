#pragma once
// The audit log (core/audit.h) and the import journal.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/audit.h"
#include "core/import_report.h"
#include "core/read_models.h"
#include "core/result.h"

namespace anju {

class AuditRepo {
 public:
  virtual ~AuditRepo() = default;

  // Adds an unchained entry (its id, seq and hashes are the store's to set).
  virtual Result<void> append_audit(const AuditEntry& entry) = 0;
  // The chained entry of the highest seq, if any.
  virtual Result<std::optional<AuditEntry>> last_chained_audit() = 0;
  // Up to `limit` unchained entries, by id.
  virtual Result<std::vector<AuditEntry>> unchained_audit(long limit) = 0;
  // Chains entry `id`; `conflict` when it was chained meanwhile.
  virtual Result<void> chain_audit(long id, long seq, const std::string& prev_hash,
                                   const std::string& hash) = 0;
  // Every entry: the chained ones by seq, then the unchained by id.
  virtual Result<void> for_each_audit(const std::function<void(AuditEntry&&)>& fn) = 0;
  // A page of entries, newest first.
  virtual Result<Page<AuditEntry>> list_audit(const AuditFilter& filter) = 0;
  // Records a finished import; returns its id.
  virtual Result<long> record_import(const ImportRun& run) = 0;

 protected:
  AuditRepo() = default;
  AuditRepo(const AuditRepo&) = default;
  AuditRepo& operator=(const AuditRepo&) = default;
};

}  // namespace anju
