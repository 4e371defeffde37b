// The audit log in words: every action the services write has a Chinese
// name, families by their step, unknown ones kept as stored; details as
// 「label：value」 lines.
#include "service/audit_words.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(AuditWords, ActionsAreNamedInChineseAndUnknownOnesKept) {
  EXPECT_EQ(audit_action_name("print.household"), "打印农户档案");
  EXPECT_EQ(audit_action_name("export.ledger"), "导出危房台账");
  EXPECT_EQ(audit_action_name("record.approve"), "四类信息：审核通过");
  EXPECT_EQ(audit_action_name("record.return"), "四类信息：退回");
  EXPECT_EQ(audit_action_name("renovation.accept"), "危房改造：验收合格");
  EXPECT_EQ(audit_action_name("import.households"), "导入农户花名册");
  EXPECT_EQ(audit_action_name("field.appraisal"), "房屋安全性鉴定");
  EXPECT_EQ(audit_action_name("something.new"), "something.new");
  EXPECT_EQ(audit_object_name("household"), "农户");
  EXPECT_EQ(audit_object_name("widget"), "widget");
}

TEST(AuditWords, ADetailReadsAsLabelledLines) {
  EXPECT_EQ(audit_detail_text(R"({"rows":22,"full_id":false,"status":"open"})"), "行数：22\n含完整证件号：否\n状态：在账");
  EXPECT_EQ(audit_detail_text(R"({"role":"town_office","from":"submitted","to":"town_approved"})"),
            "角色：镇办公室\n原状态：已提交待镇审核\n新状态：镇已审核待县审核");
  EXPECT_EQ(audit_detail_text(R"({"changes":[{"field":"floors","before":"1","after":"2"}],"x":1})"),
            "修改：层数：1 → 2\nx：1");
  EXPECT_EQ(audit_detail_text(R"({"results":{"safe":4,"unsafe":1}})"), "结果：安全 4，危房 1");
  EXPECT_EQ(audit_detail_text("not json"), "not json");
  EXPECT_EQ(audit_detail_text("{}"), "");
}

}  // namespace
}  // namespace anju
