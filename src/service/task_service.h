#pragma once
// Field tasks as use cases (DOMAIN.md §10): the lists and progress, the town
// office assigning and cancelling, and the visit and appraisal a field
// worker records. A visit that finds the house unchanged re-confirms the
// latest grade as `field` evidence; an appraisal grades it per the 2019
// 导则 as `appraisal` evidence. Either way the household is judged again at
// once. Every write carries the task's version (stale: `conflict`) and is
// audited.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/appraisal.h"
#include "core/client_write.h"
#include "core/clock.h"
#include "core/field_task.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

struct TaskQuery {
  std::string region_code;  // "" = the user's region
  std::optional<TaskStatus> status;
  bool active_only = false;
  std::optional<std::string> assignee;  // "" = not yet assigned
  bool overdue = false;
  long offset = 0, limit = 50;
};
// The parts an appraisal grades, with their descriptors (DOMAIN.md §10).
Result<std::vector<AppraisalPart>> appraisal_parts(Store& store);

Result<Page<TaskRow>> list_field_tasks(Store& store, const User& user, const TaskQuery& query, const Clock& clock);

// What field progress is counted by: village, field worker, or the regions
// directly under the one asked (villages rolled up, each with its name).
enum class ProgressBy { village, assignee, child };

// Open / visited / closed / cancelled / overdue tasks of the user's region
// (or `region_code`).
Result<std::vector<TaskCount>> field_progress(Store& store, const User& user,
                                              const std::string& region_code, ProgressBy by,
                                              const Clock& clock);

// The enabled field workers who may be given the tasks of `region_code`
// ("" = the user's region; outside it `not_found`): those of a region
// within it or covering it, by name.
Result<std::vector<User>> field_workers(Store& store, const User& user,
                                        const std::string& region_code);

struct TaskDetail {
  FieldTask task;
  Stored<Household> household;
  std::optional<JudgmentRow> judgment;
  std::string parcel_id;  // the matched building, if any
  std::vector<Visit> visits;
  std::vector<AppraisalRecord> appraisals;
  std::vector<Attachment> attachments;
  std::map<std::string, std::string> names;  // the assignee's and every author's name as people read it
};
Result<TaskDetail> field_task_detail(Store& store, const User& user, long task_id);
// Fills each row's assignee_name.
Result<void> name_assignees(AccountRepo& accounts, std::vector<TaskRow>& rows);

// Gives tasks (each with the version the user saw) to a field worker whose
// region covers them, with a due date (nullopt: keep each task's own).
struct TaskRef {
  long id = 0;
  long version = 0;
};
Result<long> assign_field_tasks(Store& store, const User& user, const std::vector<TaskRef>& tasks,
                                const std::string& assignee, std::optional<Date> due, const Clock& clock);
Result<FieldTask> cancel_field_task(Store& store, const User& user, TaskRef task, const std::string& reason,
                                    const Clock& clock);

struct VisitInput {
  Date visited_on;
  std::optional<double> lon, lat;
  std::string gps_source;
  std::string people_met;
  std::string notes;
  VisitOutcome outcome = VisitOutcome::unchanged;
};
struct FieldResult {
  FieldTask task;  // as it is now
  JudgmentRow judgment;
};
// Records a visit to an open task. `unchanged` needs a graded assessment to
// re-confirm; it closes the task. `changed` / `no_prior` leave it visited,
// waiting for the appraisal. `once`: the client's key for this write,
// claimed in its transaction (service/client_write_service.h).
Result<FieldResult> record_visit(Store& store, const User& user, TaskRef task, const VisitInput& visit,
                                 const OnceKey& once, const Clock& clock);
// Records the appraisal of a visited (or open) task and closes it.
Result<FieldResult> record_appraisal(Store& store, const User& user, TaskRef task, const Appraisal& appraisal,
                                     const OnceKey& once, const Clock& clock);

}  // namespace anju
