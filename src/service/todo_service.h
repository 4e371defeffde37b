#pragma once
// 待办: what waits for the user, by role, counted from the same lists the
// pages show (each item names the list's filter), so that every office
// finds its work from the first screen (issue: the clerk's day).

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/enums.h"
#include "core/user.h"
#include "store/store.h"

namespace anju {

enum class TodoKind {
  records_returned,    // records returned to their filler (village clerk, town office)
  records_to_review,   // submitted to the town / approved by the town for the county
  changes_to_decide,   // change requests for the county, then the city
  renovations_to_act,  // applications at the user's step: town review, county approval, acceptance
  tasks_open,          // a field worker's own open tasks
  tasks_overdue,       // open tasks past their due date in the region
  imports_with_errors, // the user's own imports of the last week with rejected rows, not since redone clean
};
ANJU_ENUM_TRAITS(TodoKind);  // its name: what the dashboard shows

struct TodoItem {
  TodoKind kind = TodoKind::records_returned;
  std::string state;  // the list's state filter ("returned", "submitted", …; "" none)
  long count = 0;
};

// Every item the user's role has, with its count in the user's region
// (zero included: "nothing waits" is an answer too).
Result<std::vector<TodoItem>> todo_list(Store& store, const User& user, const Clock& clock);

}  // namespace anju
