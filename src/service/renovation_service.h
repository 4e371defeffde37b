#pragma once
// Renovation applications as use cases (DOMAIN.md §11): drafted for a
// household in the ledger, reviewed by the town, approved by the county
// (which puts the renovation line into the ledger entry), started,
// completed and accepted — the acceptance is recorded as a new assessment
// so the household leaves the ledger through the ordinary rules. Each step
// is audited and kept in the application's history; each stage may carry
// its papers.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/renovation.h"
#include "core/user.h"
#include "service/attachment_service.h"
#include "store/store.h"

namespace anju {

// What the applicant fills in.
struct RenovationInput {
  RenovationMethod method = RenovationMethod::repair;
  BuildMode build_mode = BuildMode::self_build;
  std::optional<double> area_m2, subsidy_central, subsidy_local;
  std::optional<int> plan_year;
  std::optional<Date> planned_start;
  std::string note;
};

struct RenovationView {
  Renovation renovation;
  std::string head_name;
  int members = 0;
  std::vector<RenovationHistoryEntry> history;
  std::map<std::string, std::string> names;  // each actor's name as people read it
  std::vector<Attachment> attachments;
  std::vector<RenovationAction> actions;  // what this user may do now
  std::string area_warning;               // the area guideline exceeded, or ""
  // Completed: the papers the household's campaign asks for before an
  // acceptance that are not uploaded yet (acceptance is refused until none).
  std::vector<RenovationPaper> papers_missing;
};

Result<RenovationView> renovation_view(Store& store, const User& user, long id);
// A draft for the household's open ledger entry (Action::draft_renovations;
// one live application a household: `conflict` otherwise).
Result<RenovationView> create_renovation(Store& store, const User& user, const std::string& household_id,
                                         const RenovationInput& input, const Clock& clock);
// Saves a draft's particulars at the version the user saw.
Result<RenovationView> edit_renovation(Store& store, const User& user, long id, long version,
                                       const RenovationInput& input, const Clock& clock);
// One step (submit … accept) at the version the user saw.
Result<RenovationView> act_on_renovation(Store& store, const User& user, long id, long version,
                                         RenovationAction action, const RenovationStep& step, const Clock& clock);
Result<Page<RenovationRow>> list_renovations(Store& store, const User& user, const std::string& region_code,
                                             std::optional<RenovationState> state, long offset, long limit);

// The papers of a stage (RenovationPaper's key as `kind`): images or PDF,
// acceptance_photo an image.
Result<Attachment> add_renovation_attachment(Store& store, const User& user, const FileStore& files, long id,
                                             const std::string& kind, const std::string& upload,
                                             const std::string& file_name, const Clock& clock);
Result<AttachmentFile> renovation_attachment_file(Store& store, const User& user, const FileStore& files, long id,
                                                  bool thumb);

}  // namespace anju
