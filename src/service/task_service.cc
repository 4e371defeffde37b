#include "service/task_service.h"

#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/id_number.h"
#include "core/judgment.h"
#include "core/privacy.h"
#include "service/audit_service.h"
#include "service/census_service.h"
#include "service/client_write_service.h"
#include "service/roll_up.h"
#include "service/user_service.h"

namespace anju {
namespace {

const char* kNoTask = kNotFoundInScope;

// The task, if the user covers its village and may take `action` there.
Result<FieldTask> task_for(Transaction& tx, const User& user, long id, Action action) {
  auto t = tx.field_work().find_task(id);
  if (!t) return t.error();
  if (!*t) return make_error(ErrorCode::not_found, kNoTask);
  ANJU_TRY(authorize(user, Action::read, (*t)->region_code));
  ANJU_TRY(authorize(user, action, (*t)->region_code));
  return **t;
}

Result<void> check_version(const FieldTask& t, long seen) {
  if (t.version != seen) return make_error(ErrorCode::conflict, "该任务已被他人修改，请刷新后再操作");
  return {};
}

// The task a field write works on: in the user's scope, at the version the
// user saw, the user's own (or unassigned) when a field worker writes.
Result<FieldTask> task_to_work_on(Transaction& tx, const User& user, TaskRef ref) {
  auto t = task_for(tx, user, ref.id, Action::field_work);
  if (!t) return t.error();
  ANJU_TRY(check_version(*t, ref.version));
  ANJU_TRY(check_task_worker(*t, user));
  return t;
}

std::string matched_parcel(Transaction& tx, const std::string& household_id) {
  auto m = tx.results().find_match(household_id);
  return m && *m ? (*m)->parcel_id : "";
}

// The best graded assessment of the household's building or household.
Result<std::optional<Evidence>> latest_graded(Transaction& tx, const std::string& parcel, const std::string& household) {
  auto all = tx.census().evidence_about(parcel, household);
  if (!all) return all.error();
  std::optional<Evidence> best;
  for (const auto& e : *all)
    if (e.value.grade && (!best || better_evidence(e.value, *best))) best = e.value;
  return best;
}

std::string who(const User& u) { return u.display_name.empty() ? u.name : u.display_name; }

// Ends a field write: the task saved, the household judged again, audited,
// committed.
Result<FieldResult> finish(Store& store, Transaction& tx, FieldTask task, long seen_version, const WriteStamp& stamp,
                           const std::string& action, const nlohmann::json& detail, const Clock& clock) {
  ANJU_TRY(tx.field_work().update_task(task, seen_version, stamp));
  auto judged = rejudge_household(tx, task.household_id, stamp.actor, clock);
  if (!judged) return judged.error();
  ANJU_TRY(
      audit(tx.audit(), clock, stamp.actor, action, "field_task", std::to_string(task.id), detail));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  ++task.version;
  return FieldResult{std::move(task), std::move(*judged)};
}

}  // namespace

Result<std::vector<AppraisalPart>> appraisal_parts(Store& store) {
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  return (*tx)->field_work().appraisal_parts();
}

Result<Page<TaskRow>> list_field_tasks(Store& store, const User& user, const TaskQuery& q, const Clock& clock) {
  auto region = list_region(user, q.region_code);
  if (!region) return region.error();
  const CodeRange range = region_range(*region);
  TaskFilter f{range.lo, range.hi, q.status, q.active_only, q.assignee, std::nullopt, std::max(0L, q.offset),
               std::clamp(q.limit, 1L, 200L)};
  if (q.overdue) f.overdue_on = clock.today();
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto page = (*tx)->field_work().list_tasks(f);
  if (!page) return page.error();
  ANJU_TRY(name_assignees((*tx)->accounts(), page->items));
  return page;
}

Result<std::vector<TaskCount>> field_progress(Store& store, const User& user,
                                              const std::string& region_code, ProgressBy by,
                                              const Clock& clock) {
  auto region = list_region(user, region_code);
  if (!region) return region.error();
  const CodeRange range = region_range(*region);
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto counts = (*tx)->field_work().task_counts(
      range.lo, range.hi,
      by == ProgressBy::assignee ? TaskGrouping::assignee : TaskGrouping::village, clock.today());
  if (!counts || by != ProgressBy::child) return counts;
  auto children = (*tx)->regions().child_regions(*region);
  if (!children) return children.error();
  return roll_up(*children, std::move(*counts), &TaskCount::key,
                 [](TaskCount& into, const TaskCount& t) {
                   into.open += t.open, into.visited += t.visited, into.closed += t.closed,
                       into.cancelled += t.cancelled;
                   into.overdue += t.overdue;
                   return true;
                 });
}

Result<std::vector<User>> field_workers(Store& store, const User& user,
                                        const std::string& region_code) {
  auto region = list_region(user, region_code);
  if (!region) return region.error();
  auto tx = store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto users = (*tx)->accounts().list_users();
  if (!users) return users.error();
  std::vector<User> out;
  for (auto& s : *users) {
    const User& u = s.value;
    if (u.role != Role::field_worker || u.disabled) continue;
    if (region_covers(*region, u.region_code) || region_covers(u.region_code, *region))
      out.push_back(u);
  }
  return out;
}

Result<void> name_assignees(AccountRepo& accounts, std::vector<TaskRow>& rows) {
  std::vector<std::string> logins;
  for (const TaskRow& r : rows)
    if (!r.task.assignee.empty()) logins.push_back(r.task.assignee);
  auto names = people_names(accounts, logins);
  if (!names) return names.error();
  for (TaskRow& r : rows)
    if (!r.task.assignee.empty()) r.assignee_name = (*names)[r.task.assignee];
  return {};
}

Result<TaskDetail> field_task_detail(Store& store, const User& user, long task_id) {
  auto txr = store.begin(TxMode::read);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto task = task_for(tx, user, task_id, Action::read);
  if (!task) return task.error();
  auto h = tx.households().find_household(task->household_id);
  if (!h) return h.error();
  if (!*h) return make_error(ErrorCode::not_found, kNoTask);
  TaskDetail d{*task, **h, {}, matched_parcel(tx, task->household_id), {}, {}, {}};
  // Personal numbers masked, as in every list (full ones: the household's own page, audited).
  d.household.value.head_id_number = mask_id_number(d.household.value.head_id_number);
  d.household.value.phone = mask_phone(d.household.value.phone);
  auto j = tx.results().find_judgment(task->household_id);
  if (!j) return j.error();
  d.judgment = *j;
  auto visits = tx.field_work().visits_of(task_id);
  if (!visits) return visits.error();
  d.visits = std::move(*visits);
  auto appraisals = tx.field_work().appraisals_of(task_id);
  if (!appraisals) return appraisals.error();
  d.appraisals = std::move(*appraisals);
  auto files = tx.field_work().attachments_of(task_id);
  if (!files) return files.error();
  d.attachments = std::move(*files);
  std::vector<std::string> logins = {d.task.assignee};
  for (const Visit& v : d.visits) logins.push_back(v.created_by);
  for (const AppraisalRecord& a : d.appraisals) logins.push_back(a.created_by);
  for (const Attachment& a : d.attachments) logins.push_back(a.created_by);
  auto names = people_names(tx.accounts(), logins);
  if (!names) return names.error();
  d.names = std::move(*names);
  return d;
}

Result<long> assign_field_tasks(Store& store, const User& user, const std::vector<TaskRef>& tasks,
                                const std::string& assignee, std::optional<Date> due, const Clock& clock) {
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  std::optional<User> worker;
  if (!assignee.empty()) {
    auto u = tx.accounts().find_user(assignee);
    if (!u) return u.error();
    if (!*u || (*u)->value.role != Role::field_worker || (*u)->value.disabled)
      return make_error(ErrorCode::invalid, "没有这个驻村工作队员：" + assignee);
    worker = (*u)->value;
  }
  const WriteStamp stamp{user.name, clock.now_iso()};
  for (const TaskRef& ref : tasks) {
    auto t = task_for(tx, user, ref.id, Action::assign_tasks);
    if (!t) return t.error();
    ANJU_TRY(check_version(*t, ref.version));
    if (!task_active(t->status)) return make_error(ErrorCode::invalid, "任务 " + std::to_string(t->id) + " 已结束，不能再分派");
    if (worker && !user_covers(*worker, t->region_code))
      return make_error(ErrorCode::invalid, assignee + " 不负责任务 " + std::to_string(t->id) + " 所在的村");
    t->assignee = assignee;
    if (due) t->due = due;
    ANJU_TRY(tx.field_work().update_task(*t, ref.version, stamp));
  }
  nlohmann::json ids = nlohmann::json::array();
  for (const TaskRef& ref : tasks) ids.push_back(ref.id);
  ANJU_TRY(audit(tx.audit(), clock, user.name, "field.assign", "field_task", ids.dump(),
                 {{"assignee", assignee}, {"due_on", due ? due->to_string() : ""}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  return static_cast<long>(tasks.size());
}

Result<FieldTask> cancel_field_task(Store& store, const User& user, TaskRef ref, const std::string& reason,
                                    const Clock& clock) {
  if (reason.empty()) return make_error(ErrorCode::invalid, "取消任务须写明原因");
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto t = task_for(tx, user, ref.id, Action::assign_tasks);
  if (!t) return t.error();
  ANJU_TRY(check_version(*t, ref.version));
  if (!task_active(t->status)) return make_error(ErrorCode::invalid, "该任务已结束");
  t->status = TaskStatus::cancelled;
  t->closed_reason = reason;
  ANJU_TRY(tx.field_work().update_task(*t, ref.version, WriteStamp{user.name, clock.now_iso()}));
  ANJU_TRY(audit(tx.audit(), clock, user.name, "field.cancel", "field_task", std::to_string(t->id),
                 {{"reason", reason}}));
  ANJU_TRY(tx.commit());
  (void)chain_audit_log(store);
  ++t->version;
  return *t;
}

Result<FieldResult> record_visit(Store& store, const User& user, TaskRef ref, const VisitInput& in,
                                 const OnceKey& once, const Clock& clock) {
  if (clock.today() < in.visited_on) return make_error(ErrorCode::invalid, "核实日期不能晚于今天");
  if (in.lat && (*in.lat < -90 || *in.lat > 90)) return make_error(ErrorCode::invalid, "纬度应在 -90 到 90 之间");
  if (in.lon && (*in.lon < -180 || *in.lon > 180)) return make_error(ErrorCode::invalid, "经度应在 -180 到 180 之间");
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto t = task_to_work_on(tx, user, ref);
  if (!t) return t.error();
  if (t->status != TaskStatus::open) return make_error(ErrorCode::invalid, "该任务不在待核实状态");
  ANJU_TRY(claim_client_key(tx.client_writes(), user, once, clock));
  const WriteStamp stamp{user.name, clock.now_iso()};
  auto visits = tx.field_work().visits_of(t->id);
  if (!visits) return visits.error();
  Visit v{0, t->id, t->household_id, in.visited_on, in.lon, in.lat, in.gps_source, in.people_met, in.notes,
          in.outcome, "", stamp.at, stamp.actor};
  const std::string parcel = matched_parcel(tx, t->household_id);
  if (in.outcome == VisitOutcome::unchanged) {
    auto latest = latest_graded(tx, parcel, t->household_id);
    if (!latest) return latest.error();
    if (!*latest)
      return make_error(ErrorCode::invalid, "该户没有带鉴定等级的评估记录可供确认，请选择“无评估记录，需鉴定”");
    auto region = tx.households().household_region(t->household_id);
    if (!region) return region.error();
    Evidence e{EvidenceSource::field, "FT" + std::to_string(t->id) + "-V" + std::to_string(visits->size() + 1),
               parcel, t->household_id, in.visited_on, (*latest)->grade, false, AssessMethod::technical, who(user),
               {{"核实说明", in.notes}}, region->value_or("")};
    ANJU_TRY(tx.census().insert_evidence(e, stamp));
    v.evidence_id = e.evidence_id;
    t->status = TaskStatus::closed;
    t->closed_reason = std::string("现场核实：与最近评估一致（") + enum_name(*(*latest)->grade) + "级）";
  } else {
    t->status = TaskStatus::visited;
  }
  auto visit_id = tx.field_work().insert_visit(v);
  if (!visit_id) return visit_id.error();
  return finish(store, tx, *t, ref.version, stamp, "field.visit",
                {{"visit", *visit_id}, {"outcome", enum_key(in.outcome)}, {"evidence_id", v.evidence_id}},
                clock);
}

Result<FieldResult> record_appraisal(Store& store, const User& user, TaskRef ref, const Appraisal& a,
                                     const OnceKey& once, const Clock& clock) {
  auto txr = store.begin(TxMode::write);
  if (!txr) return txr.error();
  Transaction& tx = **txr;
  auto t = task_to_work_on(tx, user, ref);
  if (!t) return t.error();
  if (!task_active(t->status)) return make_error(ErrorCode::invalid, "该任务已结束");
  auto parts = tx.field_work().appraisal_parts();
  if (!parts) return parts.error();
  ANJU_TRY(check_appraisal(a, *parts, clock.today()));
  ANJU_TRY(claim_client_key(tx.client_writes(), user, once, clock));
  const Grade computed = *computed_grade(a);
  const Grade grade = *house_grade(a);
  const WriteStamp stamp{user.name, clock.now_iso()};
  auto earlier = tx.field_work().appraisals_of(t->id);
  if (!earlier) return earlier.error();
  const std::string parcel = matched_parcel(tx, t->household_id);
  auto region = tx.households().household_region(t->household_id);
  if (!region) return region.error();
  // The grade is the appraisal's whole verdict: no separate hazard flag, which
  // the judgment would read as a reason to visit again (DOMAIN.md §7).
  Evidence e{EvidenceSource::appraisal, "FT" + std::to_string(t->id) + "-A" + std::to_string(earlier->size() + 1),
             parcel, t->household_id, a.appraised_on, grade, std::nullopt, a.method, a.appraiser,
             {{"防灾措施", enum_name(a.prevention)}}, region->value_or("")};
  ANJU_TRY(tx.census().insert_evidence(e, stamp));
  AppraisalRecord r{0, t->id, t->household_id, parcel, a, computed, grade, e.evidence_id, stamp.at, stamp.actor};
  auto id = tx.field_work().insert_appraisal(r);
  if (!id) return id.error();
  t->status = TaskStatus::closed;
  t->closed_reason = std::string("鉴定为") + enum_name(grade) + "级";
  return finish(store, tx, *t, ref.version, stamp, "field.appraisal",
                {{"appraisal", *id}, {"computed_grade", enum_key(computed)}, {"grade", enum_key(grade)},
                 {"override_reason", a.override_reason}, {"evidence_id", e.evidence_id}},
                clock);
}

}  // namespace anju
