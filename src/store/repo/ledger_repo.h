#pragma once
// The C/D ledger and renovations (DOMAIN.md §11).
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_task.h"
#include "core/ledger.h"
#include "core/read_models.h"
#include "core/result.h"

namespace anju {

class LedgerRepo {
 public:
  virtual ~LedgerRepo() = default;

  // The open entries of one household.
  virtual Result<std::vector<OpenLedgerEntry>> open_ledger_entries(
      std::string_view household_id) = 0;
  // The open entries of the households of `region` (a region code,
  // kWholeCountry: all), by where the household lives now.
  virtual Result<std::vector<OpenLedgerEntry>> open_ledger_entries_in(std::string_view region) = 0;
  // Opens, regrades and closes entries as `sync` says, dated `on`. An entry
  // is stored beside its household's province: an opening without the
  // household's region is refused with `internal` before anything is written.
  virtual Result<void> apply_ledger_sync(const LedgerSync& sync, const Date& on,
                                         const WriteStamp& stamp) = 0;
  // Every entry of a household, newest first (the open one, if any, first).
  virtual Result<std::vector<LedgerEntry>> ledger_entries_of(std::string_view household_id) = 0;
  // Writes what a clerk sets (measure … note, renovation_id) at
  // `entry.version`; `conflict` when someone else changed it first.
  virtual Result<void> update_ledger_entry(const LedgerEntry& entry, const WriteStamp& stamp) = 0;
  // The ledger's lines of the filter, by village and household, and how many.
  virtual Result<Page<LedgerRow>> list_ledger(const LedgerFilter& filter) = 0;
  // Every line of the filter, ignoring limit and offset (exports stream).
  virtual Result<void> for_each_ledger_row(const LedgerFilter& filter,
                                           const std::function<void(LedgerRow&&)>& fn) = 0;
  // What statistics need of every entry of the regions in [lo, hi].
  virtual Result<void> for_each_ledger_fact(const std::string& region_lo,
                                            const std::string& region_hi,
                                            const std::function<void(LedgerFact&&)>& fn) = 0;
  // Applications: `conflict` on a second live application of a household or
  // a stale version.
  virtual Result<long> insert_renovation(const Renovation& r) = 0;
  virtual Result<std::optional<Renovation>> find_renovation(long id) = 0;
  virtual Result<void> update_renovation(const Renovation& r, const WriteStamp& stamp) = 0;
  virtual Result<Page<RenovationRow>> list_renovations(const RenovationFilter& filter) = 0;
  virtual Result<void> add_renovation_history(const RenovationHistoryEntry& entry) = 0;
  virtual Result<std::vector<RenovationHistoryEntry>> renovation_history(long renovation_id) = 0;
  // Files of applications (Attachment::renovation_id is the owner).
  virtual Result<long> insert_renovation_attachment(const Attachment& attachment) = 0;
  virtual Result<std::vector<Attachment>> renovation_attachments_of(long renovation_id) = 0;
  virtual Result<std::optional<Attachment>> find_renovation_attachment(long id) = 0;

 protected:
  LedgerRepo() = default;
  LedgerRepo(const LedgerRepo&) = default;
  LedgerRepo& operator=(const LedgerRepo&) = default;
};

}  // namespace anju
