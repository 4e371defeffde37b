#include "core/enums.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace anju {
namespace {

template <class E>
void expect_round_trip() {
  std::set<std::string> keys, names;
  for (const auto& e : EnumTraits<E>::entries()) {
    EXPECT_EQ(enum_parse<E>(e.key), e.value) << e.key;
    EXPECT_EQ(enum_parse<E>(e.name), e.value) << e.name;
    EXPECT_STREQ(enum_key(e.value), e.key);
    EXPECT_STREQ(enum_name(e.value), e.name);
    EXPECT_TRUE(keys.insert(e.key).second) << "duplicate key " << e.key;
    EXPECT_TRUE(names.insert(e.name).second) << "duplicate name " << e.name;
  }
}

TEST(Enums, EveryValueRoundTrips) {
  expect_round_trip<Category>();
  expect_round_trip<MonitorType>();
  expect_round_trip<RosterSource>();
  expect_round_trip<HouseholdStatus>();
  expect_round_trip<Housing>();
  expect_round_trip<Structure>();
  expect_round_trip<Availability>();
  expect_round_trip<YesNo>();
  expect_round_trip<Grade>();
  expect_round_trip<AssessMethod>();
  expect_round_trip<EvidenceSource>();
  expect_round_trip<DisasterKind>();
}

TEST(Enums, HousingHasTheEightOptionsOfDomain3) {
  EXPECT_EQ(EnumTraits<Housing>::entries().size(), 8u);
  EXPECT_EQ(enum_parse<Housing>("敬(养)老院"), Housing::nursing_home);
  EXPECT_EQ(enum_parse<Housing>("自有城市住房"), Housing::own_urban);  // the seed's wording
  EXPECT_EQ(enum_parse<Housing>("别墅"), std::nullopt);
}

TEST(Enums, CredibilityAndDefaults) {
  EXPECT_EQ(credibility(AssessMethod::professional), 4);
  EXPECT_EQ(credibility(AssessMethod::technical), 3);
  EXPECT_EQ(credibility(AssessMethod::survey), 2);
  EXPECT_EQ(credibility(AssessMethod::census), 1);
  EXPECT_EQ(default_method(EvidenceSource::census), AssessMethod::census);
  EXPECT_EQ(default_method(EvidenceSource::selfbuilt), AssessMethod::survey);
  EXPECT_EQ(default_method(EvidenceSource::monitoring), AssessMethod::survey);
  EXPECT_EQ(default_method(EvidenceSource::appraisal), AssessMethod::professional);
}

TEST(Enums, NamesJoined) {
  EXPECT_EQ(enum_names_joined<Category>(), "脱贫户 / 监测对象");
}

}  // namespace

TEST(EvidenceLabel, AnAppraisalSaysWhoMadeIt) {
  EXPECT_EQ(evidence_label(EvidenceSource::appraisal, AssessMethod::technical), "技术人员评估（镇组织）");
  EXPECT_EQ(evidence_label(EvidenceSource::appraisal, AssessMethod::professional), "专业机构鉴定");
  EXPECT_EQ(evidence_label(EvidenceSource::appraisal, std::nullopt), "房屋安全性鉴定");
  EXPECT_EQ(evidence_label(EvidenceSource::census, AssessMethod::census), "自然灾害风险普查");
  // Older files and forms name them the old way.
  EXPECT_EQ(enum_parse<AssessMethod>("技术人员评估"), AssessMethod::technical);
  EXPECT_EQ(enum_parse<EvidenceSource>("专业鉴定"), EvidenceSource::appraisal);
}

}  // namespace anju
