#include "core/field_task.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(FieldTasks, AJudgmentRunOpensOneTaskPerVerifyHousehold) {
  const std::set<std::string> verify = {"h1", "h2", "h3"};
  TaskSync s = sync_tasks(verify, {}, {});
  EXPECT_EQ(s.open, (std::vector<std::string>{"h1", "h2", "h3"}));
  // Run again with those tasks open: nothing new (idempotent).
  std::vector<ActiveTask> active = {{1, "h1"}, {2, "h2"}, {3, "h3"}};
  s = sync_tasks(verify, {}, active);
  EXPECT_TRUE(s.open.empty());
  EXPECT_TRUE(s.close.empty());
}

TEST(FieldTasks, ATaskWhoseHouseholdNoLongerNeedsAVisitIsClosed) {
  std::vector<ActiveTask> active = {
      {1, "h1", TaskOrigin::judgment, TaskStatus::open},
      {2, "h2", TaskOrigin::judgment, TaskStatus::visited},  // awaits its appraisal
      {3, "h3", TaskOrigin::sample, TaskStatus::open},       // a spot check stays
  };
  TaskSync s = sync_tasks({"h4"}, {}, active);
  EXPECT_EQ(s.close, (std::vector<long>{1}));
  EXPECT_EQ(s.open, (std::vector<std::string>{"h4"}));
  // A sampled household judged verify already has its task.
  s = sync_tasks({"h3"}, {}, active);
  EXPECT_TRUE(s.open.empty());
}

TEST(FieldTasks, EveryActiveTaskOfAHouseholdThatIsGoneIsCancelled) {
  std::vector<ActiveTask> active = {
      {4, "h1", TaskOrigin::judgment, TaskStatus::visited},
      {2, "h2", TaskOrigin::sample, TaskStatus::open},
      {3, "h3", TaskOrigin::judgment, TaskStatus::open},
  };
  // h1 and h2 died: their tasks are cancelled whatever their origin or
  // status (nobody is to visit); h3 still needs its visit.
  TaskSync s = sync_tasks({"h3"}, {"h1", "h2"}, active);
  EXPECT_EQ(s.cancel, (std::vector<long>{2, 4}));
  EXPECT_TRUE(s.close.empty());
  EXPECT_TRUE(s.open.empty());
}

TEST(FieldTasks, ANewTaskIsNeverDueOnADayAlreadyPast) {
  const Date window_end{2024, 10, 13};
  EXPECT_EQ(task_due(window_end, {2024, 9, 20}), window_end);
  EXPECT_EQ(task_due(window_end, {2026, 12, 6}), (Date{2026, 12, 6}));
}

TEST(FieldTasks, OverdueMeansActiveAfterTheDueDate) {
  FieldTask t;
  t.due = *parse_date("2025-12-31");
  EXPECT_TRUE(task_overdue(t, *parse_date("2026-01-01")));
  EXPECT_FALSE(task_overdue(t, *parse_date("2025-12-31")));
  t.status = TaskStatus::closed;
  EXPECT_FALSE(task_overdue(t, *parse_date("2026-01-01")));
  t.status = TaskStatus::visited;
  t.due.reset();
  EXPECT_FALSE(task_overdue(t, *parse_date("2026-01-01")));
}

TEST(FieldTasks, KeysRoundTrip) {
  for (TaskStatus s : {TaskStatus::open, TaskStatus::visited, TaskStatus::closed, TaskStatus::cancelled})
    EXPECT_EQ(enum_from_key<TaskStatus>(enum_key(s)), s);
  for (VisitOutcome o : {VisitOutcome::unchanged, VisitOutcome::changed, VisitOutcome::no_prior})
    EXPECT_EQ(enum_from_key<VisitOutcome>(enum_key(o)), o);
  EXPECT_FALSE(enum_from_key<VisitOutcome>("bogus"));
}

}  // namespace
}  // namespace anju
