// The judgment's input, joined by SQLite: four cursors in household_id
// order (households; matched building; evidence by the matched parcel;
// evidence by household; previous judgments) merged in one pass, so memory
// does not grow with the number of households.
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

}  // namespace

Result<void> SqlTransaction::for_each_judge_input(const Date& as_of, std::string_view after,
                                                     std::string_view upto,
                                                     const std::function<void(JudgeInput&&)>& fn) {
  // ?1 < household_id ≤ ?2; ?3 the as_of date.
  static const std::string households_sql =
      "SELECT household_id, region_code, status, housing"
      " FROM households WHERE household_id > ?1 AND household_id <= ?2 ORDER BY household_id";
  static const std::string buildings_sql =
      "SELECT m.household_id, " + qualify(kFactsColumns, "b") +
      " FROM matches m JOIN buildings b ON b.parcel_id = m.parcel_id"
      " WHERE m.household_id > ?1 AND m.household_id <= ?2 ORDER BY m.household_id";
  static const std::string by_parcel_sql =
      "SELECT m.household_id, " + qualify(kEvidenceColumns, "e") +
      " FROM matches m JOIN evidence e ON e.parcel_id = m.parcel_id"
      " WHERE m.household_id > ?1 AND m.household_id <= ?2 AND e.assessed_on <= ?3"
      " ORDER BY m.household_id";
  static const std::string by_household_sql =
      "SELECT household_id, " + std::string(kEvidenceColumns) +
      " FROM evidence WHERE household_id > ?1 AND household_id <= ?2 AND assessed_on <= ?3"
      " ORDER BY household_id";
  static const std::string previous_sql =
      "SELECT household_id, result FROM judgments WHERE household_id > ?1 AND household_id <= ?2"
      " ORDER BY household_id";

  const std::string cutoff = as_of.to_string();
  auto ranged = [&](const std::string& sql) -> Statement& {
    return conn_.scan(sql.c_str()).bind(1, after).bind(2, upto);
  };
  Statement& households = ranged(households_sql);
  Cursor buildings(ranged(buildings_sql));
  Cursor by_parcel(ranged(by_parcel_sql).bind(3, cutoff));
  Cursor by_household(ranged(by_household_sql).bind(3, cutoff));
  Cursor previous(ranged(previous_sql));
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
