#include "core/columns.h"

#include <cctype>

#include "core/text.h"

namespace anju {
namespace {

constexpr EnumEntry<TemplateKind> kTemplates[] = {
    {TemplateKind::regions, "regions", "区划"},
    {TemplateKind::households, "households", "农户花名册"},
    {TemplateKind::buildings, "buildings", "房屋图斑"},
    {TemplateKind::evidence, "evidence", "安全评估记录"},
    {TemplateKind::disasters, "disasters", "灾害事件"},
};

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
     "500229198001011237"},
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

constexpr ColumnSpec kBuildingColumns[] = {
    {"parcel_id", "图斑编号", Requirement::required, "普查房屋图斑编号，全表唯一", "500229108201-0001"},
    {"region_code", "区划代码", Requirement::required, "12位区划代码", "500229108201"},
    {"address", "地址", Requirement::optional, "不超过200个字", "高燕镇来凤村3组12号"},
    {"owner_name", "户主姓名", Requirement::optional, "房屋户主姓名", "张三"},
    {"floors", "建筑层数", Requirement::optional, "关键信息：整数1-50", "2"},
    {"built_year", "建造年代", Requirement::optional,
     "关键信息：年份（如1987）或普查分段：1980年及以前 / 1981-1990年 / 1991-2000年 / "
     "2001-2010年 / 2011-2015年 / 2016年及以后",
     "1981-1990年"},
    {"structure", "结构类型", Requirement::optional,
     "关键信息：砖石 / 土木 / 石木 / 木结构 / 窑洞 / 钢筋混凝土 / 钢结构 / 混杂结构 / 其他", "砖石"},
    {"area_m2", "建筑面积", Requirement::optional, "平方米，大于0", "120.5"},
    {"planning_permit", "规划许可", Requirement::optional, "有 / 无 / 不详", "无"},
    {"homestead_approval", "宅基地审批", Requirement::optional, "有 / 无 / 不详", "有"},
    {"property_registration", "不动产登记", Requirement::optional, "有 / 无 / 不详", "不详"},
    {"geo_hazard", "地质灾害隐患", Requirement::optional, "是 / 否", "否"},
    {"expanded", "改扩建", Requirement::optional, "是 / 否", "否"},
    {"business_use", "用作经营", Requirement::optional, "是 / 否", "否"},
    {"wkt", "几何", Requirement::conditional,
     "仅CSV/Excel：面的WKT（POLYGON或MULTIPOLYGON），经纬度（CGCS2000）", "POLYGON((...))"},
};

constexpr ColumnSpec kEvidenceColumns[] = {
    {"evidence_id", "记录编号", Requirement::required, "同一来源内唯一", "PC-000123"},
    {"parcel_id", "图斑编号", Requirement::conditional, "与户编号至少填写一个", ""},
    {"household_id", "户编号", Requirement::conditional, "与图斑编号至少填写一个", ""},
    {"assessed_on", "评估日期", Requirement::required, "YYYY-MM-DD（也可 YYYY/M/D 或Excel日期）",
     "2021-06-15"},
    {"grade", "鉴定等级", Requirement::optional, "A / B / C / D", "B"},
    {"hazard", "安全隐患", Requirement::optional, "有 / 无", "无"},
    {"method", "评估方式", Requirement::optional,
     "专业机构鉴定 / 技术人员评估 / 排查 / 普查；不填时按来源取默认值", ""},
    {"assessor", "评估单位", Requirement::optional, "不超过100个字", ""},
};

constexpr ColumnSpec kDisasterColumns[] = {
    {"event_id", "事件编号", Requirement::required, "唯一", "DZ-2024-01"},
    {"region_code", "区划代码", Requirement::required, "12位区划代码，任意级别，按前缀覆盖下级",
     "500229108000"},
    {"occurred_on", "发生日期", Requirement::required, "YYYY-MM-DD", "2024-07-02"},
    {"kind", "类型", Requirement::required, "地震 / 洪涝 / 地质灾害 / 风雹 / 其他", "洪涝"},
    {"description", "描述", Requirement::optional, "不超过500个字", ""},
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

constexpr const char* kHouseholdExportOnly[] = {"乡镇",   "村（社区）", "人房对应", "对应图斑编号",
                                                "初判结论", "鉴定等级",   "初判原因"};

std::span<const char* const> export_only_columns(TemplateKind kind) {
  if (kind == TemplateKind::households) return kHouseholdExportOnly;
  return {};
}

constexpr const char* kErrorWorkbookOnly[] = {kSourceRowColumn, kProblemColumn};

std::span<const char* const> error_workbook_columns() { return kErrorWorkbookOnly; }

ANJU_ENUM_ENTRIES(TemplateKind, kTemplates)

std::span<const ColumnSpec> template_columns(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::regions: return kRegionColumns;
    case TemplateKind::households: return kHouseholdColumns;
    case TemplateKind::buildings: return kBuildingColumns;
    case TemplateKind::evidence: return kEvidenceColumns;
    case TemplateKind::disasters: return kDisasterColumns;
  }
  return {};
}

const ColumnSpec* find_column(TemplateKind kind, std::string_view header, bool truncated) {
  while (!header.empty() && header.front() == '*') header.remove_prefix(1);
  while (!header.empty() && header.back() == '*') header.remove_suffix(1);
  for (const auto& spec : template_columns(kind))
    if (header == spec.name || equals_ignore_case(header, spec.key)) return &spec;
  if (!truncated || utf8_length(header) < 2) return nullptr;
  const ColumnSpec* found = nullptr;
  for (const auto& spec : template_columns(kind)) {
    const std::string_view name(spec.name), key(spec.key);
    const bool prefix_of_key =
        key.size() > header.size() && equals_ignore_case(key.substr(0, header.size()), header);
    if (name.starts_with(header) || prefix_of_key) {
      if (found) return nullptr;  // ambiguous
      found = &spec;
    }
  }
  return found;
}

bool holds_code(std::string_view key) {
  static constexpr std::string_view kCodes[] = {"household_id", "parcel_id", "evidence_id",
                                                "head_id_number", "region_code", "code",
                                                "phone", "event_id"};
  for (std::string_view k : kCodes)
    if (k == key) return true;
  return false;
}

}  // namespace anju
