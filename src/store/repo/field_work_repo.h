#pragma once
// Field work (DOMAIN.md §10, §12): tasks, visits, appraisals, their files,
// and the county's samples.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/appraisal.h"
#include "core/field_task.h"
#include "core/read_models.h"
#include "core/result.h"

namespace anju {

class FieldWorkRepo {
 public:
  virtual ~FieldWorkRepo() = default;

  virtual Result<std::vector<AppraisalPart>> appraisal_parts() = 0;
  // Every task that is open or visited of a household of `region` (a region
  // code, kWholeCountry: all), by where the household lives now.
  virtual Result<std::vector<ActiveTask>> active_tasks_in(std::string_view region) = 0;
  // The open or visited tasks of these households (a few: one statement
  // per few hundred keys).
  virtual Result<std::vector<ActiveTask>> active_tasks_of(const std::vector<std::string>& household_ids) = 0;
  // `conflict` when the household already has an active task. A task is
  // stored beside its household's province (of `region_code`): one without
  // a region is refused with `internal` before anything is written.
  virtual Result<long> insert_task(const FieldTask& task, const WriteStamp& stamp) = 0;
  // Many tasks at once (a judge run's), for households without an active
  // task: fails (`conflict`) if one has gained one meanwhile.
  virtual Result<void> insert_tasks(const std::vector<FieldTask>& tasks,
                                    const WriteStamp& stamp) = 0;
  // Sets the status (closed or cancelled) and reason of active tasks.
  virtual Result<void> end_tasks(const std::vector<long>& ids, TaskStatus status,
                                 const std::string& reason, const WriteStamp& stamp) = 0;
  virtual Result<std::optional<FieldTask>> find_task(long id) = 0;
  // Writes status, assignee, due date and reason; `conflict` on a stale version.
  virtual Result<void> update_task(const FieldTask& task, long expected_version,
                                   const WriteStamp& stamp) = 0;
  virtual Result<Page<TaskRow>> list_tasks(const TaskFilter& filter) = 0;
  // Tasks of the villages in [lo, hi] by village, or by assignee.
  virtual Result<std::vector<TaskCount>> task_counts(const std::string& region_lo,
                                                     const std::string& region_hi, TaskGrouping by,
                                                     const Date& today) = 0;
  virtual Result<long> insert_visit(const Visit& visit) = 0;
  virtual Result<std::vector<Visit>> visits_of(long task_id) = 0;
  virtual Result<long> insert_appraisal(const AppraisalRecord& record) = 0;
  virtual Result<std::vector<AppraisalRecord>> appraisals_of(long task_id) = 0;
  virtual Result<long> insert_attachment(const Attachment& attachment) = 0;
  virtual Result<std::vector<Attachment>> attachments_of(long task_id) = 0;
  virtual Result<std::optional<Attachment>> find_attachment(long id) = 0;
  virtual Result<long> insert_sample(const Sample& sample) = 0;
  virtual Result<std::optional<Sample>> find_sample(long id) = 0;
  virtual Result<std::set<std::string>> households_with_active_task(
      const std::string& region_lo, const std::string& region_hi) = 0;

 protected:
  FieldWorkRepo() = default;
  FieldWorkRepo(const FieldWorkRepo&) = default;
  FieldWorkRepo& operator=(const FieldWorkRepo&) = default;
};

}  // namespace anju
