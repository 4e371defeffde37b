#include "service/renovation_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/region_code.h"
#include "service/audit_service.h"
#include "service/user_service.h"
#include "service/census_service.h"
#include "service/household_scope.h"
#include "service/ledger_service.h"

namespace anju {
namespace {

const char* kNoApplication = "没有这个改造申请，或不在您的管辖范围内";

nlohmann::json particulars_json(const Renovation& r) {
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"method", enum_key(r.method)},     {"build_mode", enum_key(r.build_mode)},
          {"area_m2", opt(r.area_m2)},         {"subsidy_central", opt(r.subsidy_central)},
          {"subsidy_local", opt(r.subsidy_local)}, {"plan_year", opt(r.plan_year)},
          {"planned_start", r.planned_start ? nlohmann::json(r.planned_start->to_string()) : nlohmann::json(nullptr)},
          {"note", r.note}};
}

void apply_input(Renovation& r, const RenovationInput& in) {
  r.method = in.method;
  r.build_mode = in.build_mode;
  r.area_m2 = in.area_m2;
  r.subsidy_central = in.subsidy_central;
  r.subsidy_local = in.subsidy_local;
  r.plan_year = in.plan_year;
  r.planned_start = in.planned_start;
  r.note = in.note;
}

// The application in the user's scope.
Result<Renovation> load(Transaction& tx, const User& user, long id) {
  auto r = tx.ledger().find_renovation(id);
  if (!r) return r.error();
  if (!*r || !authorize(user, Action::read, (*r)->region_code)) return make_error(ErrorCode::not_found, kNoApplication);
  return **r;
}

// The application the user may take `action` on, at the version the user
// saw, with the state the action leads to.
struct Opened {
  Renovation r;
  RenovationState to;
};
Result<Opened> to_work_on(Transaction& tx, const User& user, long id, long version, RenovationAction action,
                          const std::string& comment) {
  auto r = load(tx, user, id);
  if (!r) return r.error();
  ANJU_TRY(authorize(user, Action::renovate, r->region_code));
  auto to = renovation_transition(r->state, action, user.role, comment);
  if (!to) return to.error();
  if (r->version != version) return make_error(ErrorCode::conflict, "改造申请已被他人修改，请刷新后再操作");
  return Opened{std::move(*r), *to};
}

// The particulars against the plan years of the household's campaign
// (complete ones to submit).
Result<void> check_particulars(Transaction& tx, const Renovation& r, bool submitting) {
  auto campaign = tx.campaign().campaign_for(r.region_code);
  if (!campaign) return campaign.error();
  return check_renovation(r, first_plan_year(*campaign), campaign->ledger_deadline, submitting);
}

// The papers the household's county asks for before an acceptance (its
// campaign's, or the nearest above) that `files` (the application's) lack.
Result<std::vector<RenovationPaper>> papers_missing(Transaction& tx, const Renovation& r,
                                                    const std::vector<Attachment>& files) {
  auto campaign = tx.campaign().campaign_for(region_county(r.region_code));
  if (!campaign) return campaign.error();
  std::vector<std::string> kinds;
  for (const Attachment& a : files) kinds.push_back(a.kind);
  return missing_papers(campaign->acceptance_papers, kinds);
}

// An acceptance with every paper the campaign asks for, or why not.
Result<void> check_acceptance_papers(Transaction& tx, const Renovation& r) {
  auto files = tx.ledger().renovation_attachments_of(r.id);
  if (!files) return files.error();
  auto missing = papers_missing(tx, r, *files);
  if (!missing) return missing.error();
  if (missing->empty()) return {};
  std::string names;
  for (RenovationPaper p : *missing) names += (names.empty() ? "“" : "”、“") + std::string(enum_name(p));
  return make_error(ErrorCode::invalid, "验收前请先上传" + names + "”（县级工作设置要求验收时具备这些材料）");
}

Result<RenovationView> view_in(Transaction& tx, const User& user, const Renovation& r) {
  RenovationView v;
  v.renovation = r;
  auto h = tx.households().find_household(r.household_id);
  if (!h) return h.error();
  if (*h) {
    v.head_name = (*h)->value.head_name;
    v.members = (*h)->value.members;
  }
  auto history = tx.ledger().renovation_history(r.id);
  if (!history) return history.error();
  v.history = std::move(*history);
  std::vector<std::string> actors;
  for (const RenovationHistoryEntry& h : v.history) actors.push_back(h.actor);
  auto names = people_names(tx.accounts(), actors);
  if (!names) return names.error();
  v.names = std::move(*names);
  auto files = tx.ledger().renovation_attachments_of(r.id);
  if (!files) return files.error();
  v.attachments = std::move(*files);
  if (role_may(user.role, Action::renovate)) v.actions = renovation_actions(r.state, user.role);
  if (r.area_m2) v.area_warning = area_warning(*r.area_m2, v.members);
  if (r.state == RenovationState::completed) {
    auto missing = papers_missing(tx, r, v.attachments);
    if (!missing) return missing.error();
    v.papers_missing = std::move(*missing);
  }
  return v;
}

// The ledger entry the application belongs to, to write.
Result<LedgerEntry> entry_of(Transaction& tx, const Renovation& r) {
  auto entries = tx.ledger().ledger_entries_of(r.household_id);
  if (!entries) return entries.error();
  for (const LedgerEntry& e : *entries)
    if (e.id == r.ledger_id) return e;
  return make_error(ErrorCode::internal, "改造申请对应的台账记录不存在");
}

// What a step changes besides the state: dates, the acceptance's new
// assessment, and the ledger entry (approval puts the renovation line in,
// rejection takes the application off).
Result<void> apply_step(Transaction& tx, const User& user, Renovation& r, RenovationAction action,
                        const RenovationStep& step, const WriteStamp& stamp) {
  using A = RenovationAction;
  switch (action) {
    case A::give_back:
    case A::reject:
    case A::fail: r.reason = step.comment; break;
    case A::start: r.started_on = step.on; break;
    case A::complete: r.completed_on = step.on; break;
    case A::accept: {
      r.accepted_on = step.on;
      r.acceptance_grade = step.grade;
      r.acceptance_note = step.comment;
      auto m = tx.results().find_match(r.household_id);
      if (!m) return m.error();
      Evidence e{EvidenceSource::acceptance, "RN" + std::to_string(r.id) + "-ACC", *m ? (*m)->parcel_id : "",
                 r.household_id, *step.on, step.grade, std::nullopt, AssessMethod::professional,
                 user.display_name.empty() ? user.name : user.display_name,
                 {{"改造方式", enum_name(r.method)}, {"验收意见", step.comment}}, r.region_code};
      ANJU_TRY(tx.census().insert_evidence(e, stamp));
      r.evidence_id = e.evidence_id;
      break;
    }
    default: break;
  }
  if (action != A::approve && action != A::reject) return {};
  auto entry = entry_of(tx, r);
  if (!entry) return entry.error();
  if (action == A::approve) {
    entry->measure = LedgerMeasure::renovation;
    entry->plan_year = r.plan_year;
    entry->renovation_id = r.id;
  } else if (entry->renovation_id == r.id) {
    entry->renovation_id = 0;
  }
  return tx.ledger().update_ledger_entry(*entry, stamp);
}

Result<RenovationView> finish(Store& store, Transaction& tx, const User& user, const Renovation& r,
                              const std::string& action, const nlohmann::json& detail, const Clock& clock) {
  ANJU_TRY(audit(tx.audit(), clock, user.name, "renovation." + action, "renovation",
                 std::to_string(r.id), detail));
  auto fresh = tx.ledger().find_renovation(r.id);
  if (!fresh) return fresh.error();
  auto v = view_in(tx, user, **fresh);
  if (!v) return v.error();
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return v;
}

}  // namespace

Result<RenovationView> renovation_view(Store& store, const User& user, long id) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto r = load(**tx, user, id);
  if (!r) return r.error();
  return view_in(**tx, user, *r);
}

Result<RenovationView> create_renovation(Store& store, const User& user, const std::string& household_id,
                                         const RenovationInput& input, const Clock& clock) {
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto region = household_in_scope(tx.households(), user, household_id, Action::draft_renovations);
  if (!region) return region.error();
  auto entries = tx.ledger().ledger_entries_of(household_id);
  if (!entries) return entries.error();
  if (entries->empty() || entries->front().closed_on)
    return make_error(ErrorCode::invalid, "该户不在危房台账中，不能申请危房改造");
  const WriteStamp stamp{user.name, clock.now_iso()};
  Renovation r;
  apply_input(r, input);
  r.ledger_id = entries->front().id;
  r.household_id = household_id;
  r.region_code = *region;
  r.created_at = r.updated_at = stamp.at;
  r.created_by = r.updated_by = stamp.actor;
  ANJU_TRY(check_particulars(tx, r, false));
  auto id = tx.ledger().insert_renovation(r);
  if (!id) return id.error();
  r.id = *id;
  LedgerEntry entry = entries->front();
  entry.renovation_id = r.id;
  ANJU_TRY(tx.ledger().update_ledger_entry(entry, stamp));
  ANJU_TRY(
      tx.ledger().add_renovation_history({0, r.id, stamp.at, stamp.actor, "create",
                                          RenovationState::draft, RenovationState::draft, ""}));
  return finish(store, tx, user, r, "create", {{"household_id", household_id}, {"after", particulars_json(r)}},
                clock);
}

Result<RenovationView> edit_renovation(Store& store, const User& user, long id, long version,
                                       const RenovationInput& input, const Clock& clock) {
  ANJU_TRY(authorize(user, Action::renovate, ""));
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto opened = to_work_on(tx, user, id, version, RenovationAction::edit, "");
  if (!opened) return opened.error();
  Renovation& r = opened->r;
  const nlohmann::json before = particulars_json(r);
  apply_input(r, input);
  ANJU_TRY(check_particulars(tx, r, false));
  const WriteStamp stamp{user.name, clock.now_iso()};
  ANJU_TRY(tx.ledger().update_renovation(r, stamp));
  ANJU_TRY(tx.ledger().add_renovation_history(
      {0, r.id, stamp.at, stamp.actor, "edit", r.state, r.state, ""}));
  return finish(store, tx, user, r, "edit", {{"before", before}, {"after", particulars_json(r)}}, clock);
}

namespace {

// The day the county approved the application (its latest approval), from
// its history (UTC); nullopt when none is on record.
Result<std::optional<Date>> approval_day(Transaction& tx, long renovation_id) {
  auto history = tx.ledger().renovation_history(renovation_id);
  if (!history) return history.error();
  std::optional<Date> day;
  for (const RenovationHistoryEntry& h : *history)
    if (h.to == RenovationState::county_approved && h.at.size() >= 10)
      if (auto d = parse_date(h.at.substr(0, 10)); d && (!day || *d > *day)) day = *d;
  return day;
}

}  // namespace

Result<RenovationView> act_on_renovation(Store& store, const User& user, long id, long version,
                                         RenovationAction action, const RenovationStep& step, const Clock& clock) {
  ANJU_TRY(authorize(user, Action::renovate, ""));
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto opened = to_work_on(tx, user, id, version, action, step.comment);
  if (!opened) return opened.error();
  Renovation& r = opened->r;
  std::optional<Date> approved_on;
  if (action == RenovationAction::start) {
    auto approved = approval_day(tx, r.id);
    if (!approved) return approved.error();
    approved_on = *approved;
  }
  ANJU_TRY(check_step(r, action, step, clock.today(), approved_on));
  if (action == RenovationAction::submit) ANJU_TRY(check_particulars(tx, r, true));
  if (action == RenovationAction::accept) ANJU_TRY(check_acceptance_papers(tx, r));
  const WriteStamp stamp{user.name, clock.now_iso()};
  const RenovationState from = r.state;
  ANJU_TRY(apply_step(tx, user, r, action, step, stamp));
  r.state = opened->to;
  ANJU_TRY(tx.ledger().update_renovation(r, stamp));
  ANJU_TRY(tx.ledger().add_renovation_history(
      {0, r.id, stamp.at, stamp.actor, enum_key(action), from, r.state, step.comment}));
  nlohmann::json detail = {{"from", enum_key(from)}, {"to", enum_key(r.state)}, {"comment", step.comment}};
  if (step.on) detail["on"] = step.on->to_string();
  if (action == RenovationAction::accept) {
    detail["grade"] = enum_key(*step.grade);
    detail["evidence_id"] = r.evidence_id;
    // The acceptance is a new assessment: the household leaves the ledger
    // through the ordinary rules (DOMAIN.md §11).
    auto judged = rejudge_household(tx, r.household_id, stamp.actor, clock);
    if (!judged) return judged.error();
    detail["result"] = judge_result_key(judged->result);
  }
  return finish(store, tx, user, r, enum_key(action), detail, clock);
}

Result<Page<RenovationRow>> list_renovations(Store& store, const User& user, const std::string& region_code,
                                             std::optional<RenovationState> state, long offset, long limit) {
  auto region = list_region(user, region_code);
  if (!region) return region.error();
  const CodeRange range = region_range(*region);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->ledger().list_renovations(RenovationFilter{
      range.lo, range.hi, state, "", std::clamp(limit, 1L, 200L), std::max(0L, offset)});
}

Result<Attachment> add_renovation_attachment(Store& store, const User& user, const FileStore& files, long id,
                                             const std::string& kind, const std::string& upload,
                                             const std::string& file_name, const Clock& clock) {
  ANJU_TRY(authorize(user, Action::renovate, ""));
  const auto paper = enum_parse<RenovationPaper>(kind);
  if (!paper) {
    std::string known;
    for (const auto& e : EnumTraits<RenovationPaper>::entries())
      known += (known.empty() ? "" : "、") + std::string(e.key) + "（" + e.name + "）";
    return make_error(ErrorCode::invalid, "材料类别 kind 应为 " + known);
  }
  {  // the application must be the user's to work on before the file is looked at
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    auto r = load(**tx, user, id);
    if (!r) return r.error();
    ANJU_TRY(authorize(user, Action::renovate, r->region_code));
    if (r->state == RenovationState::accepted || r->state == RenovationState::rejected)
      return make_error(ErrorCode::invalid, "改造申请已办结，不能再添加材料");
  }
  // A photo of the house is an image; other papers may be a PDF too.
  auto stored = store_upload(files, upload, *paper == RenovationPaper::acceptance_photo ? "photo" : "report",
                             file_name, user, clock);
  if (!stored) return stored.error();
  Attachment a = std::move(*stored);
  a.kind = enum_key(*paper);  // the key, whichever way the kind was named
  a.renovation_id = id;
  auto tx = store.begin(TxMode::write);
  if (!tx) return tx.error();
  auto file_id = (*tx)->ledger().insert_renovation_attachment(a);
  if (!file_id) return file_id.error();
  a.id = *file_id;
  ANJU_TRY(audit((*tx)->audit(), clock, user.name, "renovation.attachment", "renovation",
                 std::to_string(id),
                 {{"attachment", a.id}, {"kind", a.kind}, {"sha256", a.sha256}, {"bytes", a.bytes}}));
  ANJU_TRY((*tx)->commit());
  (void)chain_audit_log(store);
  return a;
}

Result<AttachmentFile> renovation_attachment_file(Store& store, const User& user, const FileStore& files, long id,
                                                  bool thumb) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto a = (*tx)->ledger().find_renovation_attachment(id);
  if (!a) return a.error();
  if (!*a) return make_error(ErrorCode::not_found, "没有这个附件");
  auto r = load(**tx, user, (*a)->renovation_id);
  if (!r) return make_error(ErrorCode::not_found, "没有这个附件");
  return served_file(files, **a, thumb);
}

}  // namespace anju
