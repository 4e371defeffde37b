#pragma once
// The region_counts read model as stored on both engines: one row per
// region and kind (its own households, `leaf`, or the sums of those below),
// its cells packed as {"dimension":{"key":n,…},…}. A run that judges 1M
// households changes ≈ 190k cells but only the ≈ 15k villages' rows and
// the regions above them, so it writes rows, not cells.

#include <string>
#include <vector>

#include "core/region_tally.h"

namespace anju {

struct CountRow {
  std::string region_code;
  bool leaf = true;
  std::string parent_code;
  std::string counts;  // JSON, keys sorted: equal cells give equal text
  bool operator==(const CountRow&) const = default;
};

// Cells grouped into rows; `cells` come ordered by region then kind, as
// CountTable::cells gives them.
std::vector<CountRow> pack_count_rows(const std::vector<CountCell>& cells);
// The cells of a row. Text that is not such JSON gives none (it was
// written by us).
std::vector<CountCell> unpack_count_row(const CountRow& row);

// The stored rows with the deltas of the regions above added in
// (region_count_deltas: a change within a village appends what it moved in
// each region above, instead of rewriting their rows, so that writers in
// different villages never touch one row; see docs/decisions.md). Each
// delta's cells go to the row of its region that is not a leaf, made when
// missing; cells that come to 0 are dropped, and rows left with none.
// Rows stay ordered by region, a region's own (leaf) row first.
std::vector<CountRow> add_count_deltas(std::vector<CountRow> rows, const std::vector<CountRow>& deltas);

// What turns the stored rows into the wanted ones: rows to write (new or
// changed) and rows to delete (no cells any more).
struct CountRowChanges {
  std::vector<CountRow> put, remove;
  bool empty() const { return put.empty() && remove.empty(); }
};
CountRowChanges diff_count_rows(std::vector<CountRow> stored, std::vector<CountRow> wanted);

}  // namespace anju
