#pragma once
// Excel exports as use cases (DESIGN.md §4): the C/D ledger, the household
// list with judgments, the field tasks, the record review status and the
// summary table of a region, streamed into an .xlsx with who exported it
// and when. Needs Action::export_lists in the region (view_full_id for
// unmasked numbers); every export is audited with its size. Run at the
// command line or as a background job with progress.

#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

enum class ExportKind { ledger, households, field_tasks, records, summary };
const char* export_kind_key(ExportKind k);
const char* export_kind_name(ExportKind k);  // Chinese: 危房台账, 农户清单 …
std::optional<ExportKind> parse_export_kind(std::string_view key);

struct ExportRequest {
  ExportKind kind = ExportKind::ledger;
  std::string region_code;      // "" = the user's region
  bool full_id = false;         // unmasked ID and phone numbers
  std::string status = "open";  // ledger: open / closed / all
  HouseholdFilter
      households;  // households: the list's filters (its region and paging are not used)
};

struct ExportResult {
  long rows = 0;
  std::string file_name;  // what to call the download, e.g. 危房台账_高燕镇_20261129.xlsx
};

// rows written so far, of about `total` (0 when not known).
using ExportProgress = std::function<void(long rows, long total)>;

// One export into `path`. At most `max_rows` rows (more is `invalid`).
Result<ExportResult> run_export(Store& store, const User& user, const ExportRequest& request,
                                const std::string& path, long max_rows, const ExportProgress& progress,
                                const Clock& clock);

// Most rows an export may have: a province's ledger is a few hundred
// thousand lines; beyond this, narrow the region.
inline constexpr long kMaxExportRows = 1'000'000;

}  // namespace anju
