#pragma once
// Paper the offices sign (seed: 程序资料审核), as use cases: the four-part
// record of a household with its signature lines and review history, the
// appraisal form per the 2019 导则, the household file (一户一档), the C/D
// ledger of a region (landscape), the renovation acceptance form (验收表)
// and a spot-check list, each one PDF (report/pdf_document.h) headed by
// the region and the campaign, with the maker and time at the foot of
// every page. Reading needs the household's or region's scope; a ledger or
// a batch of household files needs Action::export_lists as an export does.
// ID and phone numbers are masked unless asked and allowed
// (view_full_id); every document printed is audited (print.KIND).

#include <functional>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/enums.h"
#include "core/user.h"
#include "service/attachment_service.h"
#include "store/store.h"

namespace anju {

enum class PrintKind { record, appraisal, household, households, ledger, acceptance, sample };
ANJU_ENUM_TRAITS(PrintKind);  // record 四类信息表, appraisal 房屋安全性鉴定表, …

struct PrintRequest {
  PrintKind kind = PrintKind::record;
  std::string household_id;  // record, appraisal, household
  std::string region_code;   // ledger, households ("" = the user's region)
  long id = 0;               // acceptance: the renovation; sample: the sample; appraisal: one (0 = the latest)
  bool full_id = false;      // unmasked ID and phone numbers
  std::string status = "open";  // ledger: open / closed / all
};

struct PrintResult {
  long pages = 0;
  long households = 0;    // households the document covers
  std::string file_name;  // what to call the download: 农户档案_张三_20261206.pdf
};

// households done so far, of `total`.
using PrintProgress = std::function<void(long done, long total)>;

// Most households one batch of household files may hold: a town's (about
// 900) fits; a county's must be printed town by town.
inline constexpr long kMaxPrintedHouseholds = 3000;
// Most lines a printed ledger may have (a county's, about 100 pages):
// beyond this, print town by town or export to Excel.
inline constexpr long kMaxPrintedLedgerRows = 5000;

// 打印本村档案: the village or town whose files `request` asks for (the
// user's own region when it names none), checked before any job is made —
// `invalid` above a town, `not_found` outside the user's region,
// `forbidden` for a role that may not export or see whole numbers.
Result<std::string> household_files_region(const User& user, const PrintRequest& request);

Result<PrintResult> run_print(Store& store, const User& user, const FileStore& files, const PrintRequest& request,
                              const std::string& path, const PrintProgress& progress, const Clock& clock);

}  // namespace anju
