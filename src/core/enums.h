#pragma once
// The coded values of DOMAIN.md §3-§4: each has an English key (code, API,
// database) and the Chinese name users see and type. Parsing accepts the key,
// the Chinese name or a listed alias.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace anju {

template <class E>
struct EnumEntry {
  E value;
  const char* key;
  const char* name;
  std::array<const char*, 3> aliases = {};
};

// Specialised for each enum below with `static const std::span<const EnumEntry<E>> entries`.
template <class E>
struct EnumTraits;

template <class E>
const char* enum_key(E value) {
  for (const auto& e : EnumTraits<E>::entries())
    if (e.value == value) return e.key;
  return "";
}

template <class E>
const char* enum_name(E value) {
  for (const auto& e : EnumTraits<E>::entries())
    if (e.value == value) return e.name;
  return "";
}

// The value whose key, Chinese name or alias equals `text`; nullopt otherwise.
template <class E>
std::optional<E> enum_parse(std::string_view text) {
  for (const auto& e : EnumTraits<E>::entries()) {
    if (text == e.key || text == e.name) return e.value;
    for (const char* alias : e.aliases)
      if (alias && text == alias) return e.value;
  }
  return std::nullopt;
}

// The value whose English key equals `key`: for the API and stored values,
// where a Chinese name is not a key.
template <class E>
std::optional<E> enum_from_key(std::string_view key) {
  for (const auto& e : EnumTraits<E>::entries())
    if (key == e.key) return e.value;
  return std::nullopt;
}

// "A / B / C": the Chinese names, for error messages and templates.
template <class E>
std::string enum_names_joined(const char* separator = " / ") {
  std::string out;
  for (const auto& e : EnumTraits<E>::entries()) {
    if (!out.empty()) out += separator;
    out += e.name;
  }
  return out;
}

// Declares the table of an enum (defined in its .cc with ANJU_ENUM_ENTRIES);
// other headers (ledger.h, renovation.h) use it for their own codes.
#define ANJU_ENUM_TRAITS(E) \
  template <>               \
  struct EnumTraits<E> {    \
    static std::span<const EnumEntry<E>> entries(); \
  }

// Defines the table of an enum declared with ANJU_ENUM_TRAITS, in its .cc.
#define ANJU_ENUM_ENTRIES(E, table) \
  std::span<const EnumEntry<E>> EnumTraits<E>::entries() { return table; }

// 户类型
enum class Category { lifted, monitored };
ANJU_ENUM_TRAITS(Category);
// 监测对象类别
enum class MonitorType { unstable, marginal, sudden_hardship };
ANJU_ENUM_TRAITS(MonitorType);
// 数据来源 of a roster row
enum class RosterSource { poverty_registry, verification_2020 };
ANJU_ENUM_TRAITS(RosterSource);
// 户状态
enum class HouseholdStatus { normal, deceased, relocated };
ANJU_ENUM_TRAITS(HouseholdStatus);
// 现住房情况 (DOMAIN.md §3)
enum class Housing {
  own_rural, own_urban, public_rental, happiness_compound, nursing_home, relatives, renting,
  borrowed
};
ANJU_ENUM_TRAITS(Housing);
// 结构类型 of a census building
enum class Structure {
  masonry, earth_wood, stone_wood, wood, cave, concrete, steel, mixed, other
};
ANJU_ENUM_TRAITS(Structure);
// 有 / 无 / 不详 (permits and registrations)
enum class Availability { yes, no, unknown };
ANJU_ENUM_TRAITS(Availability);
// 是 / 否
enum class YesNo { yes, no };
ANJU_ENUM_TRAITS(YesNo);
// 鉴定等级
enum class Grade { A, B, C, D };
ANJU_ENUM_TRAITS(Grade);

// DOMAIN.md §8.
enum class Role {
  admin, city_reviewer, county_reviewer, town_office, town_leader, village_clerk, field_worker
};
ANJU_ENUM_TRAITS(Role);
// 评估方式, with its credibility
enum class AssessMethod { professional, technical, survey, census };
ANJU_ENUM_TRAITS(AssessMethod);
int credibility(AssessMethod method);  // professional 4 … census 1
// Where an assessment record comes from
enum class EvidenceSource { census, selfbuilt, monitoring, appraisal, field, acceptance };
ANJU_ENUM_TRAITS(EvidenceSource);
AssessMethod default_method(EvidenceSource source);
// What an assessment is, as a person reads it: an appraisal by who made it
// (「专业机构鉴定」 / 「技术人员评估（镇组织）」), any other record by where
// it comes from.
std::string evidence_label(EvidenceSource source, std::optional<AssessMethod> method);
// 灾害类型
enum class DisasterKind { earthquake, flood, geohazard, wind_hail, other };
ANJU_ENUM_TRAITS(DisasterKind);


}  // namespace anju
