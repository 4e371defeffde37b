#pragma once
// Column lists, binders and readers of the SQLite rows that several files
// use. Readers take the index of their first column, so a joined row can
// hold several records side by side.

#include "core/building.h"
#include "core/household.h"
#include "core/match_types.h"
#include "store/sql/bind_helpers.h"

#include <nlohmann/json.hpp>

namespace anju::sql {

// A value with the version and write stamp that follow it from column `col`
// ("…, version, created_at, updated_at, updated_by").
template <class T>
Stored<T> stored(T value, const Statement& s, int col) {
  return Stored<T>{std::move(value), s.integer(col), s.text(col + 1), s.text(col + 2),
                   s.text(col + 3)};
}

// "a, b" → "t.a, t.b"
inline std::string qualify(const char* columns, const char* table) {
  std::string out, cols(columns);
  size_t pos = 0;
  while (pos < cols.size()) {
    while (pos < cols.size() && (cols[pos] == ' ' || cols[pos] == ',')) ++pos;
    const size_t end = std::min(cols.find(',', pos), cols.size());
    if (end > pos) out += (out.empty() ? "" : ", ") + std::string(table) + "." + cols.substr(pos, end - pos);
    pos = end;
  }
  return out;
}

constexpr const char* kHouseholdColumns =
    "household_id, head_name, head_id_number, members, region_code, address, phone, category,"
    " monitor_type, source, status, housing, parcel_id, lon, lat, extra";

// Binds the 16 household columns starting at parameter 1. The text is
// bound as views: `h` must outlive the statement's run.
inline void bind_household(Statement& s, const Household& h) {
  s.bind_view(1, h.household_id).bind_view(2, h.head_name).bind_view(3, h.head_id_number);
  s.bind(4, h.members).bind_view(5, h.region_code).bind_view(6, h.address).bind_view(7, h.phone);
  s.bind_view(8, enum_key(h.category));
  if (h.monitor_type) s.bind_view(9, enum_key(*h.monitor_type)); else s.bind_null(9);
  if (h.source) s.bind_view(10, enum_key(*h.source)); else s.bind_null(10);
  s.bind_view(11, enum_key(h.status)).bind_view(12, enum_key(h.housing)).bind_view(13, h.parcel_id);
  s.bind(14, h.lon).bind(15, h.lat).bind(16, extras_to_json(h.extras));
}

inline Household read_household(const Statement& s, int c = 0) {
  Household h;
  h.household_id = s.text(c + 0);
  h.head_name = s.text(c + 1);
  h.head_id_number = s.text(c + 2);
  h.members = static_cast<int>(s.integer(c + 3));
  h.region_code = s.text(c + 4);
  h.address = s.text(c + 5);
  h.phone = s.text(c + 6);
  h.category = enum_from_db<Category>(s.text(c + 7));
  if (!s.is_null(c + 8)) h.monitor_type = enum_from_db<MonitorType>(s.text(c + 8));
  if (!s.is_null(c + 9)) h.source = enum_from_db<RosterSource>(s.text(c + 9));
  h.status = enum_from_db<HouseholdStatus>(s.text(c + 10));
  h.housing = enum_from_db<Housing>(s.text(c + 11));
  h.parcel_id = s.text(c + 12);
  h.lon = s.optional_real(c + 13);
  h.lat = s.optional_real(c + 14);
  h.extras = extras_from_json(s.text(c + 15));
  return h;
}

constexpr const char* kEvidenceColumns =
    "source, evidence_id, parcel_id, household_id, assessed_on, grade, hazard, method, assessor,"
    " extra, region_code";

// Binds the 11 evidence columns; `e` must outlive the statement's run.
inline void bind_evidence(Statement& s, const Evidence& e) {
  s.bind_view(1, enum_key(e.source)).bind_view(2, e.evidence_id).bind_view(3, e.parcel_id);
  s.bind_view(4, e.household_id).bind(5, e.assessed_on.to_string());
  if (e.grade) s.bind_view(6, enum_key(*e.grade)); else s.bind_null(6);
  if (e.hazard) s.bind(7, *e.hazard ? 1 : 0); else s.bind_null(7);
  s.bind_view(8, enum_key(e.method)).bind_view(9, e.assessor).bind(10, extras_to_json(e.extras));
  s.bind_view(11, e.region_code);
}

inline Evidence read_evidence(const Statement& s, int c = 0) {
  Evidence e;
  e.source = enum_from_db<EvidenceSource>(s.text(c + 0));
  e.evidence_id = s.text(c + 1);
  e.parcel_id = s.text(c + 2);
  e.household_id = s.text(c + 3);
  e.assessed_on = read_date(s, c + 4);
  e.grade = read_enum<Grade>(s, c + 5);
  if (!s.is_null(c + 6)) e.hazard = s.integer(c + 6) != 0;
  e.method = enum_from_db<AssessMethod>(s.text(c + 7));
  e.assessor = s.text(c + 8);
  e.extras = extras_from_json(s.text(c + 9));
  e.region_code = s.text(c + 10);
  return e;
}

constexpr const char* kFactsColumns =
    "parcel_id, floors, built_text, built_from, built_to, structure, region_code";

inline BuildingFacts read_facts(const Statement& s, int c = 0) {
  BuildingFacts f;
  f.parcel_id = s.text(c + 0);
  f.floors = read_int(s, c + 1);
  if (!s.is_null(c + 2)) f.built = BuiltYears{read_int(s, c + 3), read_int(s, c + 4), s.text(c + 2)};
  f.structure = read_enum<Structure>(s, c + 5);
  f.region_code = s.text(c + 6);
  return f;
}

inline std::string strings_json(const std::vector<std::string>& v) { return nlohmann::json(v).dump(); }

inline std::vector<std::string> strings_from_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) throw UnreadableValue("a list of text", text);
  for (const auto& e : j) {
    if (!e.is_string()) throw UnreadableValue("a list of text", text);
    out.push_back(e.get<std::string>());
  }
  return out;
}

// The stored reasons: a JSON array of reason keys (["aging","no_grade"]),
// written and read by hand (the keys are plain identifiers) because a run
// does it a million times and a list page 50 times over.
inline std::string reasons_json(const std::vector<Reason>& reasons) {
  std::string out = "[";
  for (Reason r : reasons) {
    if (out.size() > 1) out += ',';
    out += '"';
    out += reason_key(r);
    out += '"';
  }
  return out += ']';
}

inline std::vector<Reason> reasons_from_json(std::string_view text) {
  // Exactly what reasons_json writes: [] or ["key","key",…]; anything else
  // (an unknown key, a damaged list) is unreadable, never fewer reasons.
  std::vector<Reason> out;
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') throw UnreadableValue("judgments.reasons", text);
  size_t pos = 1;
  const size_t last = text.size() - 1;
  while (pos < last) {
    if (!out.empty()) {
      if (text[pos] != ',') throw UnreadableValue("judgments.reasons", text);
      ++pos;
    }
    const size_t end = pos < last && text[pos] == '"' ? text.find('"', pos + 1) : std::string_view::npos;
    if (end == std::string_view::npos || end >= last) throw UnreadableValue("judgments.reasons", text);
    auto r = parse_reason(text.substr(pos + 1, end - pos - 1));
    if (!r) throw UnreadableValue("judgments.reasons", text);
    out.push_back(*r);
    pos = end + 1;
  }
  return out;
}

// "household_id, outcome, parcel_id, candidates, parcel_not_found, shared"
inline MatchResult read_match(const Statement& s) {
  MatchResult m;
  m.household_id = s.text(0);
  m.outcome = stored_value(parse_match_outcome(s.text(1)), "matches.outcome", s.text(1));
  m.parcel_id = s.text(2);
  m.candidates = strings_from_json(s.text(3));
  m.parcel_not_found = s.integer(4) != 0;
  m.shared = s.integer(5) != 0;
  return m;
}

}  // namespace anju::sql
