#pragma once
// The appraisal of a house per the 2019 《农村住房安全性鉴定技术导则》
// (DOMAIN.md §10): site safety first, then each load-bearing part present
// graded a–d; the house grade is the worst part grade, D outright on a
// dangerous site; the appraiser may override it with a written reason. The
// parts and their grade descriptors are data (the appraisal_parts table).

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/enums.h"
#include "core/result.h"

namespace anju {

// One load-bearing part as the catalogue lists it.
struct AppraisalPart {
  std::string key;   // "foundation", "walls", …
  std::string name;  // 地基基础
  std::string descriptors[4];  // what a, b, c and d look like
};

// 防灾措施
enum class Prevention { full, partial, none };
ANJU_ENUM_TRAITS(Prevention);

struct PartGrade {
  std::string part;            // a catalogue key
  std::optional<Grade> grade;  // the part's a–d as A–D; nullopt = not applicable (absent)
  std::string note;
  bool operator==(const PartGrade&) const = default;
};

struct Appraisal {
  bool site_dangerous = false;
  std::string site_hazard;  // what makes it dangerous (滑坡, 崩塌, …)
  std::vector<PartGrade> parts;
  std::optional<Grade> override_grade;
  std::string override_reason;
  Prevention prevention = Prevention::partial;
  AssessMethod method = AssessMethod::technical;  // professional body or town technical staff
  std::string appraiser;
  Date appraised_on;
};

// An appraisal as saved: the task it closes, the computed grade beside the
// one that counts, and the evidence record it made.
struct AppraisalRecord {
  long id = 0;
  long task_id = 0;
  std::string household_id;
  std::string parcel_id;
  Appraisal appraisal;
  Grade computed = Grade::A;
  Grade grade = Grade::A;
  std::string evidence_id;
  std::string created_at, created_by;
};

// D on a dangerous site; else the worst graded part; `invalid` when the
// site is safe and no part is graded.
Result<Grade> computed_grade(const Appraisal& a);

// The grade that counts: the override, else the computed one.
Result<Grade> house_grade(const Appraisal& a);

// Everything a saved appraisal must satisfy (Chinese messages): known parts,
// each at most once; an override only with a reason; a dangerous site names
// its hazard; professional or technical method; an appraiser; a date not in
// the future of `today`.
Result<void> check_appraisal(const Appraisal& a, const std::vector<AppraisalPart>& catalogue, Date today);

}  // namespace anju
