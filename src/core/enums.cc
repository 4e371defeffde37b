#include "core/enums.h"

namespace anju {
namespace {

constexpr EnumEntry<Category> kCategory[] = {
    {Category::lifted, "lifted", "脱贫户"},
    {Category::monitored, "monitored", "监测对象"},
};
constexpr EnumEntry<MonitorType> kMonitorType[] = {
    {MonitorType::unstable, "unstable", "脱贫不稳定户"},
    {MonitorType::marginal, "marginal", "边缘易致贫户"},
    {MonitorType::sudden_hardship, "sudden_hardship", "突发严重困难户"},
};
constexpr EnumEntry<RosterSource> kRosterSource[] = {
    {RosterSource::poverty_registry, "poverty_registry", "建档立卡"},
    {RosterSource::verification_2020, "verification_2020", "2020核验", {"2020年核验"}},
};
constexpr EnumEntry<HouseholdStatus> kStatus[] = {
    {HouseholdStatus::normal, "normal", "正常"},
    {HouseholdStatus::deceased, "deceased", "死亡销户", {"死亡", "销户"}},
    {HouseholdStatus::relocated, "relocated", "迁出"},
};
constexpr EnumEntry<Housing> kHousing[] = {
    {Housing::own_rural, "own_rural", "自有农村住房"},
    {Housing::own_urban, "own_urban", "自有城镇住房", {"自有城市住房"}},
    {Housing::public_rental, "public_rental", "集体公租房", {"公租房"}},
    {Housing::happiness_compound, "happiness_compound", "幸福大院"},
    // NFKC turns the full-width brackets of 敬（养）老院 into ASCII ones.
    {Housing::nursing_home, "nursing_home", "敬(养)老院", {"敬老院", "养老院"}},
    {Housing::relatives, "relatives", "投亲靠友"},
    {Housing::renting, "renting", "租住"},
    {Housing::borrowed, "borrowed", "租赁借住其他安全房屋", {"借住"}},
};
constexpr EnumEntry<Structure> kStructure[] = {
    {Structure::masonry, "masonry", "砖石", {"砖石结构", "砖混", "砖混结构"}},
    {Structure::earth_wood, "earth_wood", "土木", {"土木结构"}},
    {Structure::stone_wood, "stone_wood", "石木", {"石木结构"}},
    {Structure::wood, "wood", "木结构", {"木"}},
    {Structure::cave, "cave", "窑洞"},
    {Structure::concrete, "concrete", "钢筋混凝土", {"钢筋混凝土结构", "框架"}},
    {Structure::steel, "steel", "钢结构"},
    {Structure::mixed, "mixed", "混杂结构", {"混杂"}},
    {Structure::other, "other", "其他", {"其它"}},
};
constexpr EnumEntry<Availability> kAvailability[] = {
    {Availability::yes, "yes", "有"},
    {Availability::no, "no", "无"},
    {Availability::unknown, "unknown", "不详"},
};
constexpr EnumEntry<YesNo> kYesNo[] = {
    {YesNo::yes, "yes", "是"},
    {YesNo::no, "no", "否"},
};
constexpr EnumEntry<Role> kRole[] = {
    {Role::admin, "admin", "系统管理员", {"管理员"}},
    {Role::city_reviewer, "city_reviewer", "市级审核", {"市级审核员"}},
    {Role::county_reviewer, "county_reviewer", "县住建审核", {"县级审核", "县级审核员"}},
    {Role::town_office, "town_office", "镇办公室", {"乡镇办公室"}},
    {Role::town_leader, "town_leader", "镇领导小组", {"乡镇领导小组"}},
    {Role::village_clerk, "village_clerk", "村资料员", {"资料员"}},
    {Role::field_worker, "field_worker", "驻村工作队员", {"工作队员"}},
};

constexpr EnumEntry<Grade> kGrade[] = {
    {Grade::A, "A", "A", {"a", "A级"}},
    {Grade::B, "B", "B", {"b", "B级"}},
    {Grade::C, "C", "C", {"c", "C级"}},
    {Grade::D, "D", "D", {"d", "D级"}},
};
constexpr EnumEntry<AssessMethod> kMethod[] = {
    {AssessMethod::professional, "professional", "专业机构鉴定"},
    {AssessMethod::technical, "technical", "技术人员评估（镇组织）", {"技术人员评估", "镇组织技术人员评定"}},
    {AssessMethod::survey, "survey", "排查", {"监测", "排查/监测"}},
    {AssessMethod::census, "census", "普查"},
};
constexpr EnumEntry<EvidenceSource> kEvidenceSource[] = {
    {EvidenceSource::census, "census", "自然灾害风险普查"},
    {EvidenceSource::selfbuilt, "selfbuilt", "农村自建房安全专项整治排查"},
    {EvidenceSource::monitoring, "monitoring", "住房安全动态监测"},
    {EvidenceSource::appraisal, "appraisal", "房屋安全性鉴定", {"专业鉴定", "鉴定"}},
    {EvidenceSource::field, "field", "外业核实"},
    {EvidenceSource::acceptance, "acceptance", "危改竣工验收"},
};
constexpr EnumEntry<DisasterKind> kDisasterKind[] = {
    {DisasterKind::earthquake, "earthquake", "地震"},
    {DisasterKind::flood, "flood", "洪涝"},
    {DisasterKind::geohazard, "geohazard", "地质灾害"},
    {DisasterKind::wind_hail, "wind_hail", "风雹"},
    {DisasterKind::other, "other", "其他", {"其它"}},
};

}  // namespace

ANJU_ENUM_ENTRIES(Category, kCategory)
ANJU_ENUM_ENTRIES(MonitorType, kMonitorType)
ANJU_ENUM_ENTRIES(RosterSource, kRosterSource)
ANJU_ENUM_ENTRIES(HouseholdStatus, kStatus)
ANJU_ENUM_ENTRIES(Housing, kHousing)
ANJU_ENUM_ENTRIES(Structure, kStructure)
ANJU_ENUM_ENTRIES(Availability, kAvailability)
ANJU_ENUM_ENTRIES(YesNo, kYesNo)
ANJU_ENUM_ENTRIES(Grade, kGrade)
ANJU_ENUM_ENTRIES(Role, kRole)
ANJU_ENUM_ENTRIES(AssessMethod, kMethod)
ANJU_ENUM_ENTRIES(EvidenceSource, kEvidenceSource)
ANJU_ENUM_ENTRIES(DisasterKind, kDisasterKind)

int credibility(AssessMethod method) {
  switch (method) {
    case AssessMethod::professional: return 4;
    case AssessMethod::technical: return 3;
    case AssessMethod::survey: return 2;
    case AssessMethod::census: return 1;
  }
  return 1;
}

std::string evidence_label(EvidenceSource source, std::optional<AssessMethod> method) {
  if (source == EvidenceSource::appraisal && method &&
      (*method == AssessMethod::professional || *method == AssessMethod::technical))
    return enum_name(*method);
  return enum_name(source);
}

AssessMethod default_method(EvidenceSource source) {
  switch (source) {
    case EvidenceSource::census: return AssessMethod::census;
    case EvidenceSource::selfbuilt:
    case EvidenceSource::monitoring: return AssessMethod::survey;
    case EvidenceSource::appraisal:
    case EvidenceSource::acceptance: return AssessMethod::professional;
    case EvidenceSource::field: return AssessMethod::technical;
  }
  return AssessMethod::census;
}

}  // namespace anju
