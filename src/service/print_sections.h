#pragma once
// Inside print_service: a household's papers as read (print_household.cc)
// and the forms laid out from them (print_forms.cc).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/appraisal.h"
#include "core/building.h"
#include "core/field_task.h"
#include "core/ledger.h"
#include "core/renovation.h"
#include "service/print_parts.h"
#include "service/record_service.h"

namespace anju::print {

struct TaskPapers {
  FieldTask task;
  std::vector<Visit> visits;
  std::vector<AppraisalRecord> appraisals;
  std::vector<Attachment> attachments;
};

struct RenovationPapers {
  Renovation renovation;
  std::vector<RenovationHistoryEntry> history;
  std::vector<Attachment> attachments;
};

// Everything a household's file shows, read in one snapshot, numbers
// masked as the run asks.
struct HouseholdPapers {
  Stored<Household> household;
  std::string village;  // its name
  std::optional<MatchResult> match;
  std::optional<Stored<Building>> building;
  std::vector<Stored<Evidence>> evidence;
  std::optional<JudgmentRow> judgment;
  RecordView record;
  std::vector<TaskPapers> tasks;
  std::vector<LedgerEntry> ledger;
  std::vector<RenovationPapers> renovations;
  std::map<std::string, std::string> names;  // login → name as people read it
};

// In the household's scope (Run::request.full_id needs view_full_id), or
// `not_found`.
Result<HouseholdPapers> read_household(Transaction& tx, const Run& run, const std::string& household_id);

void record_form(const HouseholdPapers& p, PdfDocument& doc);
void household_file(const Run& run, const HouseholdPapers& p, PdfDocument& doc);
void appraisal_form(const Run& run, const HouseholdPapers& p, const TaskPapers& task, const AppraisalRecord& a,
                    const std::vector<AppraisalPart>& catalogue, PdfDocument& doc);

// The record's review steps as a table, and its three signature lines with
// who submitted and approved it, as recorded.
void record_history_table(const HouseholdPapers& p, PdfDocument& doc);
void record_signatures(const HouseholdPapers& p, PdfDocument& doc);

}  // namespace anju::print
