// The household's forms from papers built by hand, read back with
// pdftotext: a record's signature lines name only the current round's
// steps (an approval returned since signs nothing), values are words, and
// amounts print exactly as stored.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "report/pdf_text_testing.h"
#include "service/print_sections.h"

namespace anju::print {
namespace {

struct File {
  std::string path =
      (std::filesystem::temp_directory_path() / ("print_forms_" + std::to_string(::getpid()) + ".pdf")).string();
  ~File() { std::filesystem::remove(path); }
};

HouseholdPapers papers() {
  HouseholdPapers p;
  p.household.value.household_id = "GY0001";
  p.household.value.head_name = "张国华";
  p.household.value.region_code = "500229108200";
  p.village = "来凤村";
  p.record.state = RecordState::draft;
  p.names = {{"clerk", "李文书"}, {"town", "高燕镇办公室"}};
  auto step = [&](const char* actor, const char* action, RecordState from, RecordState to, const char* at) {
    RecordHistoryEntry e;
    e.actor = actor;
    e.action = action;
    e.from = from;
    e.to = to;
    e.at = at;
    p.record.history.push_back(e);
  };
  step("clerk", "submit", RecordState::draft, RecordState::submitted, "2026-12-01T02:00:00Z");
  step("town", "approve", RecordState::submitted, RecordState::town_approved, "2026-12-02T03:00:00Z");
  step("town", "return", RecordState::town_approved, RecordState::draft, "2026-12-03T04:00:00Z");
  step("clerk", "submit", RecordState::draft, RecordState::submitted, "2026-12-04T05:00:00Z");
  return p;
}

TEST(PrintForms, ARecordSignsOnlyTheStepsOfItsCurrentRound) {
  File f;
  PdfDocument doc(PdfInfo{"四类信息表", "高燕镇", "", "王会计", "2026-12-06 10:00"});
  HouseholdPapers p = papers();
  p.record.state = RecordState::submitted;
  record_form(p, doc);
  ASSERT_TRUE(doc.write(f.path));
  const std::string text = anju::testing::squeezed(anju::testing::pdf_text(f.path));
  EXPECT_NE(text.find("村级填报人：李文书，2026-12-0413:00提交"), std::string::npos) << text;
  EXPECT_NE(text.find("镇级审核人：签字"), std::string::npos) << "the returned approval signs nothing";
  EXPECT_NE(text.find("退回"), std::string::npos) << "the history still shows it";
  EXPECT_NE(text.find("高燕镇办公室"), std::string::npos);
  EXPECT_EQ(text.find("town"), std::string::npos) << "names, not logins";
}

TEST(PrintForms, AmountsPrintAsStoredNeverRounded) {
  EXPECT_EQ(amount_text(123.456), "123.456");
  EXPECT_EQ(amount_text(12345.67), "12345.67");
  EXPECT_EQ(amount_text(20000.0), "20000");
  EXPECT_EQ(amount_text(std::nullopt), "");
  EXPECT_EQ(grade_text(Grade::C), "C级");
}

}  // namespace
}  // namespace anju::print
