#include "core/appraisal.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

const std::vector<AppraisalPart> kCatalogue = {
    {"foundation", "地基基础", {}}, {"walls", "承重墙体", {}}, {"timber_frame", "木柱梁檩", {}},
    {"timber_truss", "木屋架", {}}, {"concrete_frame", "混凝土梁柱", {}}, {"roof", "楼屋盖", {}},
};

Appraisal with(std::vector<std::optional<Grade>> grades, bool site_dangerous = false) {
  Appraisal a;
  a.site_dangerous = site_dangerous;
  if (site_dangerous) a.site_hazard = "滑坡";
  for (size_t i = 0; i < grades.size(); ++i) a.parts.push_back({kCatalogue[i].key, grades[i], ""});
  a.appraiser = "城口县建设工程质量检测站";
  a.appraised_on = *parse_date("2026-11-20");
  return a;
}

TEST(Appraisal, TheHouseGradeIsTheWorstPart) {
  using G = Grade;
  struct Case {
    std::vector<std::optional<Grade>> parts;
    bool site;
    Grade want;
  };
  const std::vector<Case> table = {
      {{G::A, G::A, G::A}, false, G::A},
      {{G::A, G::B, G::A}, false, G::B},
      {{G::B, G::A, G::C, std::nullopt}, false, G::C},
      {{G::A, G::D, G::B}, false, G::D},
      {{std::nullopt, G::A, std::nullopt, std::nullopt, std::nullopt, G::B}, false, G::B},  // absent parts ignored
      {{G::A, G::A}, true, G::D},  // a dangerous site grades D outright
      {{}, true, G::D},
  };
  for (const Case& c : table) {
    auto g = computed_grade(with(c.parts, c.site));
    ASSERT_TRUE(g);
    EXPECT_EQ(*g, c.want);
  }
  EXPECT_FALSE(computed_grade(with({std::nullopt, std::nullopt})));  // nothing graded, safe site
}

TEST(Appraisal, AnOverrideNeedsAReasonAndWins) {
  Appraisal a = with({Grade::B, Grade::C});
  EXPECT_EQ(*house_grade(a), Grade::C);
  a.override_grade = Grade::B;
  auto bad = check_appraisal(a, kCatalogue, *parse_date("2026-11-28"));
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("理由"), std::string::npos);
  a.override_reason = "裂缝为非受力抹灰层开裂";
  EXPECT_TRUE(check_appraisal(a, kCatalogue, *parse_date("2026-11-28")));
  EXPECT_EQ(*house_grade(a), Grade::B);
  EXPECT_EQ(*computed_grade(a), Grade::C) << "the computed grade is kept beside the override";
}

TEST(Appraisal, ChecksPartsSiteMethodAndDate) {
  const Date today = *parse_date("2026-11-28");
  Appraisal a = with({Grade::A});
  a.parts.push_back({"chimney", Grade::B, ""});
  EXPECT_FALSE(check_appraisal(a, kCatalogue, today));
  a = with({Grade::A});
  a.parts.push_back({"foundation", Grade::B, ""});
  EXPECT_FALSE(check_appraisal(a, kCatalogue, today)) << "a part twice";
  a = with({Grade::A}, true);
  a.site_hazard = "";
  EXPECT_FALSE(check_appraisal(a, kCatalogue, today)) << "a dangerous site names its hazard";
  a = with({Grade::A});
  a.method = AssessMethod::census;
  EXPECT_FALSE(check_appraisal(a, kCatalogue, today));
  a = with({Grade::A});
  a.appraiser = "";
  EXPECT_FALSE(check_appraisal(a, kCatalogue, today));
  a = with({Grade::A});
  a.appraised_on = *parse_date("2026-12-01");
  EXPECT_FALSE(check_appraisal(a, kCatalogue, today));
  EXPECT_TRUE(check_appraisal(with({Grade::A}), kCatalogue, today));
}

TEST(Appraisal, PreventionMeasures) {
  EXPECT_EQ(enum_parse<Prevention>("部分具备"), Prevention::partial);
  EXPECT_EQ(enum_parse<Prevention>("none"), Prevention::none);
  EXPECT_STREQ(enum_name(Prevention::full), "具备");
  EXPECT_FALSE(enum_parse<Prevention>("有"));
}

}  // namespace
}  // namespace anju
