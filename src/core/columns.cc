#include "core/columns.h"

#include <cctype>

namespace anju {
namespace {

constexpr ColumnSpec kRegionColumns[] = {
    {"code", "区划代码", Requirement::required,
     "12位统计用区划代码；上级区划须已导入或在同一文件中", "500229108201"},
    {"name", "名称", Requirement::required, "1-50个字", "来凤村"},
};

constexpr ColumnSpec kHouseholdColumns[] = {
    {"household_id", "户编号", Requirement::required, "不超过32个字符，全表唯一",
     "5002291082010001"},
    {"head_name", "户主姓名", Requirement::required, "1-30个字", "张三"},
    {"head_id_number", "户主身份证号", Requirement::required,
     "18位公民身份号码，校验位正确，末位x按X处理；请设为文本格式，以免末位丢失",
     "500229198001011234"},
    {"members", "家庭人口数", Requirement::required, "整数1-30", "4"},
    {"region_code", "区划代码", Requirement::required, "12位村级区划代码，须已导入",
     "500229108201"},
    {"address", "详细地址", Requirement::optional, "不超过200个字", "高燕镇来凤村3组12号"},
    {"phone", "联系电话", Requirement::optional, "11位手机号或固定电话（如023-12345678）",
     "13800000000"},
    {"category", "户类型", Requirement::required, "脱贫户 / 监测对象", "脱贫户"},
    {"monitor_type", "监测对象类别", Requirement::conditional,
     "户类型为监测对象时必填：脱贫不稳定户 / 边缘易致贫户 / 突发严重困难户；脱贫户不填",
     ""},
    {"source", "数据来源", Requirement::optional, "建档立卡 / 2020核验", "建档立卡"},
    {"status", "户状态", Requirement::optional, "正常（默认） / 死亡销户 / 迁出", "正常"},
    {"housing", "现住房情况", Requirement::optional,
     "自有农村住房（默认） / 自有城镇住房 / 集体公租房 / 幸福大院 / 敬(养)老院 / 投亲靠友 / "
     "租住 / 租赁借住其他安全房屋",
     "自有农村住房"},
    {"parcel_id", "图斑编号", Requirement::optional, "自然灾害风险普查房屋图斑编号", ""},
    {"lon", "经度", Requirement::optional, "十进制度数（73-136），与纬度同时填写",
     "108.6012"},
    {"lat", "纬度", Requirement::optional, "十进制度数（3-54），与经度同时填写", "31.8023"},
};

bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

std::span<const ColumnSpec> template_columns(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::regions: return kRegionColumns;
    case TemplateKind::households: return kHouseholdColumns;
  }
  return {};
}

const char* template_title(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::regions: return "区划";
    case TemplateKind::households: return "农户花名册";
  }
  return "";
}

const ColumnSpec* find_column(TemplateKind kind, std::string_view header) {
  while (!header.empty() && header.front() == '*') header.remove_prefix(1);
  while (!header.empty() && header.back() == '*') header.remove_suffix(1);
  for (const auto& spec : template_columns(kind))
    if (header == spec.name || equals_ignore_case(header, spec.key)) return &spec;
  return nullptr;
}

}  // namespace anju
