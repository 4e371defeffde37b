// The judgment's input, joined by SQLite: four cursors in household_id
// order (households; matched building; evidence by the matched parcel;
// evidence by household; previous judgments) merged in one pass, so memory
// does not grow with the number of households.
#include "core/access.h"
#include "core/region_code.h"
#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"

namespace anju::sql {
namespace {

// A statement stepped alongside the households, keyed by its column 0.
class Cursor {
 public:
  explicit Cursor(Statement& s) : s_(s) {}
  Result<void> advance() {
    auto more = s_.step();
    if (!more) return more.error();
    done_ = !*more;
    if (!done_) key_ = s_.text(0);
    return {};
  }
  // True while the current row belongs to `household_id` (rows of smaller
  // keys, for households that no longer exist, are skipped).
  Result<bool> at(const std::string& household_id) {
    while (!done_ && key_ < household_id) ANJU_TRY(advance());
    return !done_ && key_ == household_id;
  }
  const Statement& row() const { return s_; }
  ~Cursor() { s_.reset(); }

 private:
  Statement& s_;
  bool done_ = false;
  std::string key_;
};

// The five statements, in household_id order.
struct JudgeInputSql {
  std::string households, buildings, by_parcel, by_household, previous;
};

// ?1 < household_id ≤ ?2; ?3 the as_of date.
const JudgeInputSql& in_key_range() {
  static const JudgeInputSql sql{
      "SELECT household_id, region_code, status, housing"
      " FROM households WHERE household_id > ?1 AND household_id <= ?2 ORDER BY household_id",
      "SELECT m.household_id, " + qualify(kFactsColumns, "b") +
          " FROM matches m JOIN buildings b ON b.parcel_id = m.parcel_id"
          " WHERE m.household_id > ?1 AND m.household_id <= ?2 ORDER BY m.household_id",
      "SELECT m.household_id, " + qualify(kEvidenceColumns, "e") +
          " FROM matches m JOIN evidence e ON e.parcel_id = m.parcel_id"
          " WHERE m.household_id > ?1 AND m.household_id <= ?2 AND e.assessed_on <= ?3"
          " ORDER BY m.household_id",
      "SELECT household_id, " + std::string(kEvidenceColumns) +
          " FROM evidence WHERE household_id > ?1 AND household_id <= ?2 AND assessed_on <= ?3"
          " ORDER BY household_id",
      "SELECT household_id, result FROM judgments WHERE household_id > ?1 AND household_id <= ?2"
      " ORDER BY household_id"};
  return sql;
}

// The households of a region: province ?1, region_code BETWEEN ?2 AND ?3
// (through its index); ?4 the as_of date.
const JudgeInputSql& in_region() {
  static const std::string h = " FROM households h";
  static const std::string where = " WHERE h.province = ?1 AND h.region_code BETWEEN ?2 AND ?3";
  static const JudgeInputSql sql{
      "SELECT h.household_id, h.region_code, h.status, h.housing" + h + where + " ORDER BY h.household_id",
      "SELECT m.household_id, " + qualify(kFactsColumns, "b") + h +
          " JOIN matches m ON m.household_id = h.household_id JOIN buildings b ON b.parcel_id = m.parcel_id" +
          where + " ORDER BY m.household_id",
      "SELECT m.household_id, " + qualify(kEvidenceColumns, "e") + h +
          " JOIN matches m ON m.household_id = h.household_id JOIN evidence e ON e.parcel_id = m.parcel_id" +
          where + " AND e.assessed_on <= ?4 ORDER BY m.household_id",
      "SELECT e.household_id, " + qualify(kEvidenceColumns, "e") + h +
          " JOIN evidence e ON e.household_id = h.household_id" + where +
          " AND e.assessed_on <= ?4 ORDER BY e.household_id",
      "SELECT j.household_id, j.result" + h + " JOIN judgments j ON j.household_id = h.household_id" + where +
          " ORDER BY j.household_id"};
  return sql;
}

}  // namespace

Result<void> SqlTransaction::for_each_judge_input(const Date& as_of, std::string_view after,
                                                     std::string_view upto, std::string_view region,
                                                     const std::function<void(JudgeInput&&)>& fn) {
  const CodeRange range = region_range(region);
  const JudgeInputSql& sql = range.whole() ? in_key_range() : in_region();
  const std::string cutoff = as_of.to_string();
  // Binds the range (after, upto; or the region) and, when `dated`, the cutoff.
  auto ranged = [&](const std::string& text, bool dated) -> Statement& {
    Statement& s = conn_.scan(text.c_str());
    if (range.whole()) {
      s.bind(1, after).bind(2, upto);
      if (dated) s.bind(3, cutoff);
    } else {
      s.bind(1, region_province(range.lo)).bind(2, range.lo).bind(3, range.hi);
      if (dated) s.bind(4, cutoff);
    }
    return s;
  };
  Statement& households = ranged(sql.households, false);
  Cursor buildings(ranged(sql.buildings, false));
  Cursor by_parcel(ranged(sql.by_parcel, true));
  Cursor by_household(ranged(sql.by_household, true));
  Cursor previous(ranged(sql.previous, false));
  for (Cursor* c : {&buildings, &by_parcel, &by_household, &previous}) ANJU_TRY(c->advance());

  std::optional<Error> side_error;  // the first failure of a side cursor
  auto at = [&](Cursor& c, const std::string& id) {
    if (side_error) return false;
    auto r = c.at(id);
    if (!r) side_error = r.error();
    return r.ok() && *r;
  };
  auto step = [&](Cursor& c) {
    if (auto r = c.advance(); !r && !side_error) side_error = r.error();
  };
  ANJU_TRY(each_row(households, [&](const Statement& s) {
    if (side_error) return;
    JudgeInput in;
    in.household = HouseholdStanding{s.text(0), s.text(1), enum_from_db<HouseholdStatus>(s.text_view(2)),
                                     enum_from_db<Housing>(s.text_view(3))};
    const std::string& id = in.household.household_id;
    if (at(buildings, id)) in.building = read_facts(buildings.row(), 1);
    for (; at(by_parcel, id); step(by_parcel)) in.evidence.push_back(read_evidence(by_parcel.row(), 1));
    for (; at(by_household, id); step(by_household))
      in.evidence.push_back(read_evidence(by_household.row(), 1));
    if (at(previous, id))
      in.previous = stored_value(parse_judge_result(previous.row().text(1)), "judgments.result",
                                 previous.row().text(1));
    fn(std::move(in));
  }));
  if (side_error) return *side_error;
  return {};
}

}  // namespace anju::sql
