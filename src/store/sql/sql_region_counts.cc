// The region_counts read model on both engines (store/count_rows.h): read
// by lists and dashboards, and kept by refresh_summary, which counts the
// households in one pass (core/region_tally.h) — or, after a match or
// judge run, takes the dimensions the run counted and keeps the others as
// stored — and writes only the rows whose cells changed.
#include <optional>
#include <set>

#include "core/access.h"
#include "core/region_code.h"
#include "core/region_tally.h"
#include "store/count_rows.h"
#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"

namespace anju::sql {
namespace {

// "region_code, leaf, parent_code, counts"
constexpr const char* kRows = "SELECT region_code, leaf, parent_code, counts FROM region_counts";

// Appended deltas of the country (each change appends one) after which
// they are folded into the rows: readers then add at most this many a region.
constexpr long kFoldDeltasAfter = 64;
constexpr long kFoldLockKey = 7267311;  // any fixed key (the migrations' is 7267310)

// The cells of `rows` in `dimension` as RegionCounts, appended to `out`.
void append_counts(const std::vector<CountRow>& rows, const std::string& dimension, std::vector<RegionCount>& out) {
  for (const CountRow& row : rows)
    for (CountCell& c : unpack_count_row(row))
      if (c.dimension == dimension) out.push_back(RegionCount{c.region_code, c.dimension, std::move(c.key), c.n});
}

// The regions above `region_code` (town, county, city, province) and the
// whole country: the only cells above that a change within it moves.
std::vector<std::string> codes_above(const std::string& region_code) {
  std::vector<std::string> out{std::string(kWholeCountry)};
  for (size_t digits : {9, 6, 4, 2})
    if (region_code.size() >= digits) out.push_back(region_code.substr(0, digits) + std::string(12 - digits, '0'));
  return out;
}

}  // namespace

Result<void> SqlTransaction::read_rows(Statement& s, std::vector<CountRow>& out) {
  return each_row(s, [&](const Statement& r) {
    out.push_back(CountRow{r.text(0), r.integer(1) != 0, r.text(2), r.text(3)});
  });
}

Result<std::vector<CountRow>> SqlTransaction::counted_rows(const char* where,
                                                         std::initializer_list<std::string_view> values) {
  const std::string sql = std::string("SELECT 0, region_code, leaf, parent_code, counts FROM region_counts WHERE ") +
                          where +
                          " UNION ALL SELECT 1, region_code, 0, parent_code, counts FROM region_count_deltas"
                          " WHERE " + where + " ORDER BY 1, 2, 3 DESC";
  auto& s = conn_.prepare(sql.c_str());
  int i = 0;
  for (std::string_view v : values) s.bind(++i, v);
  std::vector<CountRow> rows, deltas;
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    (r.integer(0) ? deltas : rows).push_back(CountRow{r.text(1), r.integer(2) != 0, r.text(3), r.text(4)});
  }));
  return add_count_deltas(std::move(rows), deltas);
}

Result<std::vector<RegionCount>> SqlTransaction::region_counts(const std::string& lo, const std::string& hi,
                                                              const std::vector<std::string>& dimensions) {
  // A region's own cells before its sums: a town with households of its
  // own has both, and readers that keep one value keep the sum.
  auto rows = counted_rows("region_code BETWEEN ?1 AND ?2", {lo, hi});
  if (!rows) return rows.error();
  std::vector<RegionCount> out;
  for (const std::string& d : dimensions) append_counts(*rows, d, out);
  return out;
}

Result<std::vector<RegionCount>> SqlTransaction::child_counts(const std::string& parent,
                                                             const std::string& dimension) {
  auto rows = counted_rows("parent_code = ?1", {parent});
  if (!rows) return rows.error();
  std::vector<RegionCount> out;
  append_counts(*rows, dimension, out);
  return out;
}

Result<long> SqlTransaction::region_total(const std::string& region_code, const std::string& dimension,
                                          const std::string& key) {
  auto rows = counted_rows("region_code = ?1", {region_code});
  if (!rows) return rows.error();
  // A town with households of its own has its own row and its sums, and
  // the sums hold its own: the sums when there are any, else its own.
  long own = 0, sums = 0;
  bool summed = false;
  for (const CountRow& row : *rows) {
    summed = summed || !row.leaf;
    for (const CountCell& c : unpack_count_row(row))
      if (c.dimension == dimension && c.key == key) (row.leaf ? own : sums) += c.n;
  }
  return summed ? sums : own;
}

Result<void> SqlTransaction::refresh_summary(const std::string& region_code) {
  return refresh_counts(region_code, nullptr);
}

Result<void> SqlTransaction::refresh_summary(const std::string& region_code, const RunCounts& run) {
  return refresh_counts(region_code, &run);
}

Result<void> SqlTransaction::refresh_counts(const std::string& region_code, const RunCounts* run) {
  const bool all = region_code == kWholeCountry;
  const CodeRange range = region_range(region_code);
  // The leaf rows: the region's own households, as stored and as counted
  // (from what the run counted and the stored rows, or by reading them all).
  std::vector<CountRow> stored_leaves;
  ANJU_TRY(read_rows(conn_.scan((std::string(kRows) + " WHERE leaf = 1 AND region_code BETWEEN ?1 AND ?2").c_str())
                         .bind(1, range.lo).bind(2, range.hi),
                     stored_leaves));
  // Unpacked once: for what the run keeps, and for what a region's
  // households moved in the regions above.
  std::vector<CountCell> stored_cells;
  if (run || !all)
    for (const CountRow& row : stored_leaves)
      for (CountCell& c : unpack_count_row(row)) stored_cells.push_back(std::move(c));
  std::optional<CountTable> after_run;
  if (run) after_run = leaves_after_run(stored_cells, *run);
  CountTable leaves;
  if (after_run) leaves = std::move(*after_run);
  else ANJU_TRY(count_households(region_code, leaves));
  auto regions = region_directory(region_code);
  if (!regions) return regions.error();
  // The rows above. For everything: the sums of the new leaf cells, and
  // the deltas (seen by this transaction) are no longer needed. For one
  // region: what its households moved in each region above, appended as
  // deltas — rewriting those rows would make every writer in the country
  // write the country's row.
  CountTable levels;
  leaves.roll_up_into(levels, *regions);
  if (!all) {
    CountTable old_leaves;
    for (const CountCell& c : stored_cells) old_leaves.add(c);
    old_leaves.roll_up_into(levels, *regions, -1);
  }
  ANJU_TRY(write_counts(diff_count_rows(std::move(stored_leaves), pack_count_rows(leaves.cells(*regions)))));
  if (!all) return append_count_deltas(pack_count_rows(levels.cells(*regions)));
  std::vector<CountRow> stored_levels;
  ANJU_TRY(read_rows(conn_.scan((std::string(kRows) + " WHERE leaf = 0").c_str()), stored_levels));
  ANJU_TRY(write_counts(diff_count_rows(std::move(stored_levels), pack_count_rows(levels.cells(*regions)))));
  return conn_.prepare("DELETE FROM region_count_deltas").run();
}

Result<void> SqlTransaction::append_count_deltas(const std::vector<CountRow>& deltas) {
  if (deltas.empty()) return {};
  ANJU_TRY(insert_rows("INSERT INTO region_count_deltas(region_code, parent_code, counts)", "(?,?,?)", "",
                       deltas.size(), [&](Statement& s, size_t i, int p) {
                         s.bind(p + 1, deltas[i].region_code).bind(p + 2, deltas[i].parent_code);
                         s.bind(p + 3, deltas[i].counts);
                       }));
  long pending = 0;
  ANJU_TRY(each_row(conn_.prepare("SELECT count(*) FROM region_count_deltas WHERE region_code = ?1")
                        .bind(1, std::string(kWholeCountry)),
                    [&](const Statement& r) { pending = r.integer(0); }));
  if (pending < kFoldDeltasAfter) return {};
  // One fold at a time: writers who find another folding leave it to that
  // one instead of all writing the rows above and all but one losing.
  auto mine = conn_.try_lock_until_commit(kFoldLockKey);
  if (!mine) return mine.error();
  return *mine ? fold_count_deltas() : Result<void>{};
}

Result<void> SqlTransaction::fold_count_deltas() {
  std::vector<CountRow> deltas;
  long last = 0;
  ANJU_TRY(each_row(conn_.scan("SELECT id, region_code, parent_code, counts FROM region_count_deltas ORDER BY id"),
                    [&](const Statement& r) {
                      last = r.integer(0);
                      deltas.push_back(CountRow{r.text(1), false, r.text(2), r.text(3)});
                    }));
  std::set<std::string> codes;
  for (const CountRow& d : deltas) codes.insert(d.region_code);
  std::vector<CountRow> stored;
  auto& s = conn_.prepare((std::string(kRows) + " WHERE leaf = 0 AND region_code = ?1").c_str());
  for (const std::string& code : codes) ANJU_TRY(read_rows(s.bind(1, code), stored));
  std::vector<CountRow> folded = add_count_deltas(stored, deltas);
  ANJU_TRY(write_counts(diff_count_rows(std::move(stored), std::move(folded))));
  // What this transaction read, no more: on PostgreSQL a delta appended
  // meanwhile is not seen here, so it is neither folded nor deleted.
  return conn_.prepare("DELETE FROM region_count_deltas WHERE id <= ?1").bind(1, last).run();
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
                  " AND m.province = h.province LEFT JOIN judgments j ON j.household_id = h.household_id"
                  " AND j.province = h.province") +
      (all ? "" : " WHERE h.province = ?1 AND h.region_code BETWEEN ?2 AND ?3");
  auto& s = conn_.scan(sql.c_str());
  if (!all) s.bind(1, region_province(range.lo)).bind(2, range.lo).bind(3, range.hi);
  std::vector<Reason> reasons;
  return each_row(s, [&](const Statement& r) {
    reasons = r.is_null(7) ? std::vector<Reason>() : reasons_from_json(r.text_view(7));
    into.add(CountedHousehold{r.text_view(0), r.text_view(1), r.text_view(2), r.text_view(3), r.text_view(4),
                              r.text_view(5), r.text_view(6), &reasons});
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

Result<void> SqlTransaction::write_counts(const CountRowChanges& changes) {
  auto& remove = conn_.prepare("DELETE FROM region_counts WHERE region_code = ?1 AND leaf = ?2");
  for (const CountRow& r : changes.remove) ANJU_TRY(remove.bind(1, r.region_code).bind(2, r.leaf ? 1 : 0).run());
  // A whole run rewrites a row per village.
  const std::vector<CountRow>& rows = changes.put;
  return insert_rows("INSERT INTO region_counts(region_code, leaf, parent_code, counts)", "(?,?,?,?)",
                     "ON CONFLICT (region_code, leaf) DO UPDATE SET parent_code = excluded.parent_code,"
                     " counts = excluded.counts",
                     rows.size(), [&](Statement& s, size_t i, int p) {
                       const CountRow& r = rows[i];
                       s.bind(p + 1, r.region_code).bind(p + 2, r.leaf ? 1 : 0).bind(p + 3, r.parent_code);
                       s.bind(p + 4, r.counts);
                     });
}

}  // namespace anju::sql
