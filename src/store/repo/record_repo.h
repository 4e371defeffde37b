#pragma once
// The four-part record (DOMAIN.md §12) with its history, and change
// requests with their files.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/field_task.h"
#include "core/read_models.h"
#include "core/record.h"
#include "core/result.h"

namespace anju {

class RecordRepo {
 public:
  virtual ~RecordRepo() = default;

  virtual Result<std::optional<StoredRecord>> find_record(std::string_view household_id) = 0;
  // Inserts (record.version 0) or updates at `record.version`; `conflict`
  // when someone else changed it first.
  virtual Result<void> save_record(const StoredRecord& record, const WriteStamp& stamp) = 0;
  virtual Result<void> add_record_history(const RecordHistoryEntry& entry) = 0;
  virtual Result<std::vector<RecordHistoryEntry>> record_history(std::string_view household_id) = 0;
  // Every household of the regions with its record's state (not_started
  // when it has none).
  virtual Result<Page<RecordRow>> list_records(const RecordFilter& filter) = 0;
  virtual Result<std::vector<RecordCount>> record_counts(const std::string& region_lo,
                                                         const std::string& region_hi) = 0;
  // Change requests: `conflict` on a second open request of a household or a
  // stale version.
  virtual Result<long> insert_change(const ChangeRequest& request) = 0;
  virtual Result<std::optional<ChangeRequest>> find_change(long id) = 0;
  virtual Result<void> update_change(const ChangeRequest& request, const WriteStamp& stamp) = 0;
  virtual Result<Page<ChangeRequest>> list_changes(const ChangeFilter& filter) = 0;
  // Files of change requests (Attachment::change_id is the owner).
  virtual Result<long> insert_change_attachment(const Attachment& attachment) = 0;
  virtual Result<std::vector<Attachment>> change_attachments_of(long change_id) = 0;
  virtual Result<std::optional<Attachment>> find_change_attachment(long id) = 0;

 protected:
  RecordRepo() = default;
  RecordRepo(const RecordRepo&) = default;
  RecordRepo& operator=(const RecordRepo&) = default;
};

}  // namespace anju
