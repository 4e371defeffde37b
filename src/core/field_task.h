#pragma once
// Field tasks (外业现场核实, DOMAIN.md §10): one for every household the
// judgment says to `verify` and for every spot-check sample. A task is open
// (to visit), visited (an appraisal is due), closed, or cancelled with a
// reason; a household has at most one task that is open or visited.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enums.h"

namespace anju {

enum class TaskStatus { open, visited, closed, cancelled };
ANJU_ENUM_TRAITS(TaskStatus);  // 待核实 / 已核实待鉴定 / 已完成 / 已取消
enum class TaskOrigin { judgment, sample };  // why it was opened ("sampled")
ANJU_ENUM_TRAITS(TaskOrigin);  // 初判需核实 / 县级抽查
// What the visitor found (DOMAIN.md §10).
enum class VisitOutcome { unchanged, changed, no_prior };
ANJU_ENUM_TRAITS(VisitOutcome);

struct FieldTask {
  long id = 0;
  std::string household_id;
  std::string region_code;  // the household's village
  TaskOrigin origin = TaskOrigin::judgment;
  std::optional<long> sample_id;
  TaskStatus status = TaskStatus::open;
  std::string assignee;  // a field worker's user name, "" = not yet assigned
  std::optional<Date> due;
  std::string closed_reason;
  long version = 0;
  std::string created_at, updated_at, updated_by;
};

inline bool task_active(TaskStatus s) { return s == TaskStatus::open || s == TaskStatus::visited; }

// After a judgment (a run's, or one household's after a change): which
// households get a new task (judged `verify`, no active task), which active
// judgment tasks to close because their household no longer needs a visit
// (sampled and visited tasks wait for their visit and appraisal), and which
// tasks to cancel because their household is gone (death, judged
// `excluded`): every active task of it, of any origin, visited or not.
struct TaskSync {
  std::vector<std::string> open;  // household ids, sorted
  std::vector<long> close;        // task ids, sorted
  std::vector<long> cancel;       // task ids, sorted
};
struct ActiveTask {
  long id = 0;
  std::string household_id;
  TaskOrigin origin = TaskOrigin::judgment;
  TaskStatus status = TaskStatus::open;
};
TaskSync sync_tasks(const std::set<std::string>& verify, const std::set<std::string>& gone,
                    const std::vector<ActiveTask>& active);

// The due date of a task opened on `today`: the campaign window's end, but
// never a day already past (a task made after the window is due the day it
// is made, and shows as overdue from the next).
inline Date task_due(const Date& window_end, const Date& today) { return std::max(window_end, today); }

// One visit to the house (DOMAIN.md §10).
struct Visit {
  long id = 0;
  long task_id = 0;
  std::string household_id;
  Date visited_on;
  std::optional<double> lon, lat;
  std::string gps_source;  // "device" (the phone's GPS), "manual", "" (none)
  std::string people_met;
  std::string notes;
  VisitOutcome outcome = VisitOutcome::unchanged;
  std::string evidence_id;  // the `field` evidence an unchanged visit made
  std::string created_at, created_by;
};

// A photo or report file of a task (or of a change request: `change_id`),
// stored by content hash.
struct Attachment {
  long id = 0;
  long task_id = 0;
  std::string kind;  // "photo" | "report"
  std::string sha256;
  std::string mime;
  long bytes = 0;
  std::string file_name;
  std::string taken_at;  // from EXIF, "" when absent
  std::optional<double> lon, lat;
  std::string created_at, created_by;
  long change_id = 0;
  long renovation_id = 0;
};

// A county's spot-check draw.
struct Sample {
  long id = 0;
  std::string county_code;
  uint64_t seed = 0;
  std::string params;  // {"count": N} or {"share": P}
  long households = 0;
  std::string drawn_by, drawn_at;
};

// What the task lists filter by.
struct TaskFilter {
  std::string region_lo, region_hi;  // the villages covered
  std::optional<TaskStatus> status;
  bool active_only = false;          // open or visited
  std::optional<std::string> assignee;
  std::optional<Date> overdue_on;    // active and due before this day
  long offset = 0, limit = 50;
};
struct TaskRow {
  FieldTask task;
  std::string head_name, address;
  std::optional<double> lon, lat;  // the dwelling
  std::string assignee_name;       // as people read it (filled by the service; "" unassigned)
};
// Tasks of one village (or one assignee) by status; `overdue` counts active
// tasks due before the day asked.
// How task counts are kept apart: by village or by field worker.
enum class TaskGrouping { village, assignee };

struct TaskCount {
  std::string key;  // village code or assignee (or, rolled up, a region's code)
  long open = 0, visited = 0, closed = 0, cancelled = 0, overdue = 0;
  std::string name;  // rolled up (service/roll_up.h): the region's name; else ""
};

// Overdue: still active after its due date.
inline bool task_overdue(const FieldTask& t, Date today) { return task_active(t.status) && t.due && *t.due < today; }

}  // namespace anju
