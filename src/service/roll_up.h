#pragma once
// Dashboards count by village; a county or town asks for the regions
// directly under it (by=child). One roll-up for every such count.

#include <algorithm>
#include <string>
#include <vector>

#include "core/household.h"
#include "core/region_code.h"

namespace anju {

// `rows` of villages (Row::*code a village code) rolled up into `children`:
// each row takes the code and name (Row::name) of the child covering it and
// is merged (`merge(into, row)` → true) into a row already of that child
// that `merge` takes, else kept as the child's next row. Rows no child
// covers are left out. By child code; a child's rows in the order of their
// first village row.
template <class Row, class Merge>
std::vector<Row> roll_up(const std::vector<Region>& children, std::vector<Row> rows,
                         std::string Row::*code, Merge merge) {
  std::vector<Row> out;
  for (Row& row : rows) {
    const Region* child = nullptr;
    for (const Region& r : children)
      if (region_covers(r.code, row.*code)) {
        child = &r;
        break;
      }
    if (!child) continue;
    row.*code = child->code;
    row.name = child->name;
    bool merged = false;
    for (Row& into : out)
      if (into.*code == row.*code && (merged = merge(into, row))) break;
    if (!merged) out.push_back(std::move(row));
  }
  std::stable_sort(out.begin(), out.end(),
                   [code](const Row& a, const Row& b) { return a.*code < b.*code; });
  return out;
}

}  // namespace anju
