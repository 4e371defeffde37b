#pragma once
// The columns and rows of each Excel export: the C/D ledger (the standard
// ledger's columns, research/domain-notes.md §6), the household list with
// judgments, the field tasks, the record review status and the summary
// table. Pure mappings from read models to cells; SheetWriter writes them.

#include <string>
#include <vector>

#include "core/field_task.h"
#include "core/ledger.h"
#include "core/read_models.h"
#include "core/record.h"
#include "report/sheet_writer.h"

namespace anju {

// Where a row lies: the names of its town and village.
struct Place {
  std::string town, village;
};

std::vector<SheetColumn> ledger_columns();
std::vector<Cell> ledger_cells(long seq, const LedgerRow& row, const Place& place, const Date& deadline,
                               const Date& today);

std::vector<SheetColumn> household_columns();
std::vector<Cell> household_cells(const HouseholdListRow& row, const Place& place);

std::vector<SheetColumn> task_columns();
std::vector<Cell> task_cells(const TaskRow& row, const Place& place, const Date& today);

std::vector<SheetColumn> record_columns();
std::vector<Cell> record_cells(const RecordRow& row, const Place& place);

}  // namespace anju
