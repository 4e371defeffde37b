// The region_counts read model on both engines: read by lists and
// dashboards, and kept by refresh_summary, which counts the households in
// one pass (core/region_tally.h) and writes only the cells that changed.
#include <map>
#include <tuple>

#include "core/access.h"
#include "core/region_code.h"
#include "core/region_tally.h"
#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"

namespace anju::sql {
namespace {

// "region_code, dimension, key, n"
RegionCount read_count(const Statement& r) { return RegionCount{r.text(0), r.text(1), r.text(2), r.integer(3)}; }

// The regions above `region_code` (town, county, city, province) and the
// whole country: the only cells above that a change within it moves.
std::vector<std::string> codes_above(const std::string& region_code) {
  std::vector<std::string> out{std::string(kWholeCountry)};
  for (size_t digits : {9, 6, 4, 2})
    if (region_code.size() >= digits) out.push_back(region_code.substr(0, digits) + std::string(12 - digits, '0'));
  return out;
}

}  // namespace

Result<std::vector<RegionCount>> SqlTransaction::region_counts(const std::string& lo, const std::string& hi,
                                                              const std::vector<std::string>& dimensions) {
  std::vector<RegionCount> out;
  for (const std::string& d : dimensions)
    ANJU_TRY(each_row(conn_.prepare("SELECT region_code, dimension, key, n FROM region_counts"
                                    " WHERE dimension = ?3 AND region_code BETWEEN ?1 AND ?2")
                          .bind(1, lo).bind(2, hi).bind(3, d),
                      [&](const Statement& r) { out.push_back(read_count(r)); }));
  return out;
}

Result<std::vector<RegionCount>> SqlTransaction::child_counts(const std::string& parent,
                                                             const std::string& dimension) {
  std::vector<RegionCount> out;
  ANJU_TRY(each_row(conn_.prepare("SELECT region_code, dimension, key, n FROM region_counts"
                                  " WHERE parent_code = ?1 AND dimension = ?2")
                        .bind(1, parent).bind(2, dimension),
                    [&](const Statement& r) { out.push_back(read_count(r)); }));
  return out;
}

Result<void> SqlTransaction::refresh_summary(const std::string& region_code) {
  const bool all = region_code == kWholeCountry;
  const CodeRange range = region_range(region_code);
  CountTable leaves;
  ANJU_TRY(count_households(region_code, leaves));
  auto regions = region_directory(region_code);
  if (!regions) return regions.error();
  constexpr const char* kCells = "SELECT region_code, parent_code, leaf, dimension, key, n FROM region_counts";
  const auto read_cells = [&](Statement& s, std::vector<CountCell>& out) {
    return each_row(s, [&](const Statement& r) {
      out.push_back(CountCell{r.text(0), r.text(1), r.integer(2) != 0, r.text(3), r.text(4), r.integer(5)});
    });
  };
  // The leaf cells: the region's own households, as stored and as counted.
  std::vector<CountCell> stored_leaves;
  ANJU_TRY(read_cells(conn_.scan((std::string(kCells) + " WHERE leaf = 1 AND region_code BETWEEN ?1 AND ?2").c_str())
                          .bind(1, range.lo).bind(2, range.hi),
                      stored_leaves));
  // The cells above: for everything, the sums of the new leaf cells; for
  // one region, the stored cells of the regions above it moved by the
  // difference its households made.
  std::vector<CountCell> stored_levels;
  CountTable levels;
  leaves.roll_up_into(levels, *regions);
  if (all) {
    ANJU_TRY(read_cells(conn_.scan((std::string(kCells) + " WHERE leaf = 0").c_str()), stored_levels));
  } else {
    CountTable old_leaves;
    for (const CountCell& c : stored_leaves) old_leaves.add(c);
    old_leaves.roll_up_into(levels, *regions, -1);
    auto& s = conn_.prepare((std::string(kCells) + " WHERE leaf = 0 AND region_code = ?1").c_str());
    for (const std::string& code : levels.regions(false)) ANJU_TRY(read_cells(s.bind(1, code), stored_levels));
    for (const CountCell& c : stored_levels) levels.add(c);
  }
  ANJU_TRY(write_counts(diff_counts(std::move(stored_leaves), leaves.cells(*regions))));
  return write_counts(diff_counts(std::move(stored_levels), levels.cells(*regions)));
}

Result<void> SqlTransaction::count_households(const std::string& region_code, CountTable& into) {
  const bool all = region_code == kWholeCountry;
  const CodeRange range = region_range(region_code);
  // Everything in the order of the households' key; one region through
  // its index (and, on PostgreSQL, its province's partition only).
  const std::string sql =
      std::string("SELECT h.region_code, h.category, coalesce(h.monitor_type, ''), h.status, h.housing,"
                  " coalesce(m.outcome, ''), coalesce(j.result, ''), j.reasons"
                  " FROM households h LEFT JOIN matches m ON m.household_id = h.household_id"
                  " LEFT JOIN judgments j ON j.household_id = h.household_id") +
      (all ? "" : " WHERE h.province = ?1 AND h.region_code BETWEEN ?2 AND ?3");
  auto& s = conn_.scan(sql.c_str());
  if (!all) s.bind(1, region_province(range.lo)).bind(2, range.lo).bind(3, range.hi);
  return each_row(s, [&](const Statement& r) {
    const std::string region = r.text(0), category = r.text(1), monitor_type = r.text(2), status = r.text(3),
                      housing = r.text(4), outcome = r.text(5), result = r.text(6);
    const std::vector<Reason> reasons = r.is_null(7) ? std::vector<Reason>() : reasons_from_json(r.text(7));
    into.add(CountedHousehold{region, category, monitor_type, status, housing, outcome, result, &reasons});
  });
}

Result<RegionDirectory> SqlTransaction::region_directory(const std::string& region_code) {
  RegionDirectory out;
  const auto row = [&](const Statement& r) {
    out[r.text(0)] = TallyRegion{r.text(1), r.is_null(2) ? std::string() : r.text(2)};
  };
  if (region_code == kWholeCountry) {
    ANJU_TRY(each_row(conn_.scan("SELECT code, level, parent_code FROM regions"), row));
    return out;
  }
  const CodeRange range = region_range(region_code);
  ANJU_TRY(each_row(conn_.prepare("SELECT code, level, parent_code FROM regions WHERE code BETWEEN ?1 AND ?2")
                        .bind(1, range.lo).bind(2, range.hi),
                    row));
  auto& s = conn_.prepare("SELECT code, level, parent_code FROM regions WHERE code = ?1");
  for (const std::string& code : codes_above(region_code)) ANJU_TRY(each_row(s.bind(1, code), row));
  return out;
}

Result<void> SqlTransaction::write_counts(const CountChanges& changes) {
  // Cells that go or change are deleted many regions a statement, grouped
  // by the cell they are (leaf, dimension, key): a run's changes are mostly
  // one cell in every village (the result "" of households not judged
  // before), and PostgreSQL pays a round trip a statement. Changed cells
  // then come back with the new ones.
  std::map<std::tuple<bool, std::string, std::string>, std::vector<std::string>> gone;
  for (const auto* cells : {&changes.remove, &changes.update})
    for (const CountCell& c : *cells) gone[{c.leaf, c.dimension, c.key}].push_back(c.region_code);
  for (const auto& [cell, regions] : gone) {
    const auto& [leaf, dimension, key] = cell;
    ANJU_TRY(each_in("DELETE FROM region_counts WHERE leaf = ?1 AND dimension = ?2 AND key = ?3 AND region_code", 3,
                     regions,
                     [&](Statement& s) { s.bind(1, leaf ? 1 : 0).bind(2, dimension).bind(3, key); }, {}));
  }
  const bool bulk = changes.insert.size() + changes.update.size() >= kBulkRows;
  if (bulk) ANJU_TRY(begin_bulk_load("region_counts", Indexes::keep));
  auto& insert = conn_.prepare("INSERT INTO region_counts(region_code, parent_code, leaf, dimension, key, n)"
                               " VALUES (?,?,?,?,?,?)");
  for (const auto* cells : {&changes.insert, &changes.update})
    for (const CountCell& c : *cells)
      ANJU_TRY(insert.bind(1, c.region_code).bind(2, c.parent_code).bind(3, c.leaf ? 1 : 0).bind(4, c.dimension)
                   .bind(5, c.key).bind(6, c.n).run());
  return bulk ? end_bulk_load() : Result<void>();
}

}  // namespace anju::sql
