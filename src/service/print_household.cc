// The household's papers: what one household's file holds, read in one
// snapshot, and the four-part record, the appraisal form and the household
// file (一户一档) laid out from it; a village's or town's files in one PDF.
#include <algorithm>
#include <set>

#include "core/access.h"
#include "core/judgment.h"
#include "core/region_code.h"
#include "service/print_parts.h"
#include "service/print_sections.h"
#include "service/record_service.h"
#include "service/user_service.h"

namespace anju::print {
namespace {

// The tasks of the household's village that are the household's.
Result<std::vector<TaskPapers>> tasks_of(Transaction& tx, const Household& h) {
  std::vector<TaskPapers> out;
  ANJU_TRY(for_each_task(tx, h.region_code, [&](TaskRow&& row) {
    if (row.task.household_id == h.household_id) out.push_back({std::move(row.task), {}, {}, {}});
  }));
  std::sort(out.begin(), out.end(), [](const TaskPapers& a, const TaskPapers& b) { return a.task.id < b.task.id; });
  for (TaskPapers& t : out) {
    auto visits = tx.field_work().visits_of(t.task.id);
    if (!visits) return visits.error();
    auto appraisals = tx.field_work().appraisals_of(t.task.id);
    if (!appraisals) return appraisals.error();
    auto files = tx.field_work().attachments_of(t.task.id);
    if (!files) return files.error();
    t.visits = std::move(*visits);
    t.appraisals = std::move(*appraisals);
    t.attachments = std::move(*files);
  }
  return out;
}

Result<std::vector<RenovationPapers>> renovations_of(Transaction& tx, const Household& h) {
  std::vector<RenovationPapers> out;
  const CodeRange range = region_range(h.region_code);
  auto rows = tx.ledger().list_renovations(RenovationFilter{range.lo, range.hi, std::nullopt, h.household_id, 100, 0});
  if (!rows) return rows.error();
  for (const RenovationRow& row : rows->items) {
    auto history = tx.ledger().renovation_history(row.renovation.id);
    if (!history) return history.error();
    auto files = tx.ledger().renovation_attachments_of(row.renovation.id);
    if (!files) return files.error();
    out.push_back({row.renovation, std::move(*history), std::move(*files)});
  }
  return out;
}

// Everyone the file names, as people read them.
Result<void> add_names(Transaction& tx, HouseholdPapers& p) {
  std::set<std::string> logins;
  for (const RecordHistoryEntry& e : p.record.history) logins.insert(e.actor);
  for (const TaskPapers& t : p.tasks) {
    logins.insert(t.task.assignee);
    for (const Visit& v : t.visits) logins.insert(v.created_by);
    for (const AppraisalRecord& a : t.appraisals) logins.insert(a.created_by);
    for (const Attachment& a : t.attachments) logins.insert(a.created_by);
  }
  for (const RenovationPapers& r : p.renovations) {
    for (const RenovationHistoryEntry& e : r.history) logins.insert(e.actor);
    for (const Attachment& a : r.attachments) logins.insert(a.created_by);
  }
  logins.erase("");
  auto names = people_names(tx.accounts(), {logins.begin(), logins.end()});
  if (!names) return names.error();
  p.names = std::move(*names);
  for (const auto& [login, name] : p.record.names) p.names.emplace(login, name);
  return {};
}

}  // namespace

Result<HouseholdPapers> read_household(Transaction& tx, const Run& run, const std::string& household_id) {
  auto h = tx.households().find_household(household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, kNotFoundInScope);
  ANJU_TRY(may_read(run, (*h)->value.region_code));
  HouseholdPapers p;
  p.household = **h;
  mask(p.household.value, run.disclosure());
  auto m = tx.results().find_match(household_id);
  if (!m) return m.error();
  p.match = *m;
  if (p.match && !p.match->parcel_id.empty()) {
    auto b = tx.census().find_building(p.match->parcel_id);
    if (!b) return b.error();
    p.building = *b;
  }
  auto ev = tx.census().evidence_about(p.match ? p.match->parcel_id : "", household_id);
  if (!ev) return ev.error();
  p.evidence = std::move(*ev);
  auto j = tx.results().find_judgment(household_id);
  if (!j) return j.error();
  p.judgment = *j;
  auto record = record_view_in(tx, run.user, household_id, run.disclosure());
  if (!record) return record.error();
  p.record = std::move(*record);
  auto tasks = tasks_of(tx, p.household.value);
  if (!tasks) return tasks.error();
  p.tasks = std::move(*tasks);
  auto ledger = tx.ledger().ledger_entries_of(household_id);
  if (!ledger) return ledger.error();
  p.ledger = std::move(*ledger);
  auto renovations = renovations_of(tx, p.household.value);
  if (!renovations) return renovations.error();
  p.renovations = std::move(*renovations);
  auto village = region_name(tx, p.household.value.region_code);
  if (!village) return village.error();
  p.village = *village;
  ANJU_TRY(add_names(tx, p));
  return p;
}

namespace {

// One household's document of `kind`, read and laid out.
Result<Printed> one_household(const Run& run, PdfDocument& doc, void (*lay_out)(const Run&, const HouseholdPapers&, PdfDocument&)) {
  if (run.request.household_id.empty()) return make_error(ErrorCode::invalid, "请指定农户（户编号 household）");
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto p = read_household(**tx, run, run.request.household_id);
  if (!p) return p.error();
  ANJU_TRY(name_region(**tx, p->household.value.region_code, doc.info()));
  lay_out(run, *p, doc);
  return Printed{1, p->household.value.head_name, "household", run.request.household_id};
}

}  // namespace

Result<Printed> record(const Run& run, PdfDocument& doc) {
  return one_household(run, doc, [](const Run&, const HouseholdPapers& p, PdfDocument& d) { record_form(p, d); });
}

Result<Printed> household(const Run& run, PdfDocument& doc) {
  return one_household(run, doc, [](const Run& r, const HouseholdPapers& p, PdfDocument& d) { household_file(r, p, d); });
}

Result<Printed> appraisal(const Run& run, PdfDocument& doc) {
  if (run.request.household_id.empty()) return make_error(ErrorCode::invalid, "请指定农户（户编号 household）");
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto p = read_household(**tx, run, run.request.household_id);
  if (!p) return p.error();
  const AppraisalRecord* chosen = nullptr;
  const TaskPapers* of = nullptr;
  for (const TaskPapers& t : p->tasks)
    for (const AppraisalRecord& a : t.appraisals)
      if (run.request.id ? a.id == run.request.id : (!chosen || a.id > chosen->id)) chosen = &a, of = &t;
  if (!chosen)
    return make_error(ErrorCode::not_found, run.request.id ? "该户没有这份鉴定记录：" + std::to_string(run.request.id)
                                                         : "该户还没有房屋安全性鉴定记录");
  auto catalogue = (*tx)->field_work().appraisal_parts();
  if (!catalogue) return catalogue.error();
  ANJU_TRY(name_region(**tx, p->household.value.region_code, doc.info()));
  appraisal_form(run, *p, *of, *chosen, *catalogue, doc);
  return Printed{1, p->household.value.head_name, "household", run.request.household_id};
}

}  // namespace anju::print

namespace anju {

Result<std::string> household_files_region(const User& user, const PrintRequest& request) {
  auto region = list_region(user, request.region_code);
  if (!region) return region.error();
  if (*region == kWholeCountry || region_level(*region) < RegionLevel::town)
    return make_error(ErrorCode::invalid, "农户档案按村或乡镇打印：请选择一个村或乡镇");
  ANJU_TRY(authorize(user, Action::export_lists, *region));
  if (request.full_id) ANJU_TRY(authorize(user, Action::view_full_id, *region));
  return region;
}

}  // namespace anju

namespace anju::print {

Result<Printed> households(const Run& run, PdfDocument& doc) {
  auto region = household_files_region(run.user, run.request);
  if (!region) return region.error();
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  std::vector<std::pair<std::string, std::string>> ids;  // (village, household)
  ANJU_TRY((*tx)->households().for_each_household_place(
      *region, [&](HouseholdPlace&& h) { ids.emplace_back(h.region_code, h.household_id); }));
  if (static_cast<long>(ids.size()) > kMaxPrintedHouseholds)
    return make_error(ErrorCode::invalid, "该区域有 " + std::to_string(ids.size()) + " 户，超过一次打印的上限 " +
                                              std::to_string(kMaxPrintedHouseholds) + " 户：请按村打印");
  if (ids.empty()) return make_error(ErrorCode::not_found, "该区域没有农户");
  std::sort(ids.begin(), ids.end());
  ANJU_TRY(name_region(**tx, *region, doc.info()));
  long n = 0;
  for (const auto& [village, id] : ids) {
    auto p = read_household(**tx, run, id);
    if (!p) return p.error();
    if (n) doc.new_page();
    household_file(run, *p, doc);
    run.progress(++n, static_cast<long>(ids.size()));
  }
  auto name = region_name(**tx, *region);
  if (!name) return name.error();
  return Printed{n, *name, "region", *region};
}

}  // namespace anju::print
