#include "service/audit_words.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "core/columns.h"
#include "core/enums.h"
#include "core/record.h"
#include "core/renovation.h"

namespace anju {
namespace {

using Words = std::pair<std::string_view, std::string_view>;

constexpr Words kActions[] = {
    {"auth.login", "登录"}, {"auth.login_failed", "登录失败"}, {"auth.login_locked", "账号锁定"},
    {"auth.logout", "退出"}, {"auth.password_change_failed", "修改密码失败"}, {"auth.session_limit", "超出会话数，旧会话结束"},
    {"auth.two_step_begin", "开始设置两步验证"}, {"auth.two_step_failed", "两步验证码错误"},
    {"auth.two_step_on", "开启两步验证"}, {"auth.two_step_off", "关闭两步验证"},
    {"personal.view_full", "查看完整证件号"}, {"match.manual_set", "选择图斑"}, {"match.manual_clear", "撤销选择图斑"},
    {"match.run", "人房对应"}, {"judge.run", "初判"}, {"job.create", "提交任务"},
    {"campaign.update", "修改工作设置"}, {"campaign.remove", "改为沿用上级工作设置"},
    {"census.building_add", "补录房屋"}, {"census.building_edit", "修改房屋信息"},
    {"field.assign", "分派核实任务"}, {"field.cancel", "取消核实任务"}, {"field.visit", "现场核实"},
    {"field.appraisal", "房屋安全性鉴定"}, {"field.attachment", "上传现场照片或报告"}, {"sample.draw", "县级抽查抽样"},
    {"change.raise", "提出变更申请"}, {"change.approve", "批准变更申请"}, {"change.reject", "驳回变更申请"},
    {"change.attachment", "上传变更证明材料"}, {"ledger.edit", "修改危房台账"},
    {"renovation.create", "新建危房改造申请"}, {"renovation.attachment", "上传改造资料"},
    {"export.ledger", "导出危房台账"}, {"export.households", "导出农户清单"}, {"export.field_tasks", "导出外业核实任务"},
    {"export.records", "导出四类信息审核情况"}, {"export.summary", "导出汇总表"}, {"export.import_errors", "导出导入错误清单"},
    {"print.record", "打印四类信息表"}, {"print.appraisal", "打印房屋安全性鉴定表"}, {"print.household", "打印农户档案"},
    {"print.households", "打印本村（镇）农户档案"}, {"print.ledger", "打印危房台账"},
    {"print.acceptance", "打印竣工验收表"}, {"print.sample", "打印抽查核实清单"},
    {"user.create", "添加用户"}, {"user.password_reset", "重置密码"}, {"user.password_change", "修改密码"},
    {"user.disable", "停用用户"}, {"user.enable", "启用用户"}, {"user.edit", "修改用户"},
    {"db.backup", "备份数据库"}, {"db.restore", "恢复数据库"},
};

constexpr Words kObjects[] = {
    {"household", "农户"}, {"building", "房屋"}, {"user", "用户"}, {"region", "区划"}, {"job", "任务"},
    {"field_task", "核实任务"}, {"renovation", "改造申请"}, {"change_request", "变更申请"}, {"sample", "抽查样本"},
    {"database", "数据库"}, {"export", "导出"}, {"household_list", "农户清单"}, {"source", "证据来源"},
    {"campaign", "工作设置"}, {"session", "会话"}, {"file", "文件"},
};

constexpr Words kKeys[] = {
    {"region", "区划"}, {"region_code", "区划代码"}, {"rows", "行数"}, {"pages", "页数"}, {"households", "户数"},
    {"full_id", "含完整证件号"}, {"status", "状态"}, {"reason", "原因"}, {"comment", "意见"}, {"note", "备注"},
    {"kind", "类型"}, {"source", "来源"}, {"file", "文件"}, {"file_name", "文件名"}, {"bytes", "字节数"},
    {"facts_from_phone", "手机读取的拍摄信息"},
    {"parcel_id", "图斑编号"}, {"household_id", "户编号"}, {"head_name", "户主姓名"}, {"result", "结果"},
    {"results", "结果"}, {"outcome", "核实结果"}, {"changed", "变化户数"}, {"role", "角色"}, {"plan_year", "列入年度"},
    {"from", "原状态"}, {"to", "新状态"}, {"changes", "修改"}, {"before", "修改前"}, {"after", "修改后"},
    {"search", "查询"}, {"version", "版本"}, {"seed", "随机种子"}, {"share", "比例"}, {"count", "户数"},
    {"county", "县"}, {"town", "镇"}, {"village", "村"}, {"grade", "等级"}, {"evidence_id", "证据编号"},
    {"tasks_opened", "新开核实任务"}, {"tasks_closed", "关闭核实任务"}, {"ledger_opened", "列入台账"},
    {"ledger_closed", "台账销号"}, {"as_of", "初判日期"}, {"cutoff", "截止日期"}, {"strict", "严格模式"},
    {"assignee", "核实人"}, {"due_on", "期限"}, {"attachment", "附件"}, {"died_on", "死亡日期"},
    {"sessions_ended", "结束的会话"}, {"state", "状态"}, {"params", "参数"}, {"address", "地址"},
    {"inserted", "新增"}, {"updated", "更新"}, {"unchanged", "未变"}, {"rejected_rows", "拒收行数"},
    {"outcomes", "对应结果"}, {"parcel_not_found", "图斑编号不存在"}, {"shared", "共用房屋"}, {"settings", "设置"},
    {"display_name", "姓名"}, {"ip", "来源地址"}, {"safe", "安全"}, {"unsafe", "危房"}, {"verify", "需现场核实"},
    {"excluded", "不纳入"}, {"safe_other_housing", "其他安全住房"}, {"by_parcel", "按图斑编号"},
    {"by_location", "按位置"}, {"by_owner", "按户主姓名"}, {"manual", "选择图斑"}, {"ambiguous", "多个候选"},
    {"unmatched", "未对应"},
};

std::string_view look_up(std::span<const Words> table, std::string_view key) {
  for (const auto& [k, v] : table)
    if (k == key) return v;
  return {};
}

std::string value_text(const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "是" : "否";
  if (v.is_null()) return "（空）";
  if (v.is_array() && !v.empty() && v.front().is_object() && v.front().contains("field")) {
    std::string out;
    for (const auto& c : v) {
      const std::string field = c.value("field", "");
      const RecordField* f = find_record_field(field);
      out += (out.empty() ? "" : "；") + (f ? std::string(f->name) : field) + "：" +
             (c.contains("before") ? value_text(c["before"]) : "") + " → " +
             (c.contains("after") ? value_text(c["after"]) : "");
    }
    return out;
  }
  if (v.is_object()) {
    std::string out;
    for (const auto& [key, value] : v.items()) {
      const auto label = look_up(kKeys, key);
      out += (out.empty() ? "" : "，") + (label.empty() ? key : std::string(label)) + " " + value_text(value);
    }
    return out;
  }
  return v.dump();
}

// A coded value of a known key in its words ("" when it is not one).
std::string coded_value(std::string_view key, const std::string& value) {
  if (key == "role")
    if (auto r = enum_from_key<Role>(value)) return enum_name(*r);
  if (key == "status") {
    if (value == "open") return "在账";
    if (value == "closed") return "已销号";
    if (value == "all") return "全部";
  }
  if (key == "from" || key == "to" || key == "state") {
    if (auto s = enum_from_key<RecordState>(value)) return enum_name(*s);
    if (auto s = enum_from_key<RenovationState>(value)) return enum_name(*s);
  }
  return "";
}

}  // namespace

std::string audit_action_name(std::string_view action) {
  if (auto w = look_up(kActions, action); !w.empty()) return std::string(w);
  const size_t dot = action.find('.');
  if (dot == std::string_view::npos) return std::string(action);
  const std::string_view family = action.substr(0, dot), step = action.substr(dot + 1);
  if (family == "record")
    if (auto a = enum_from_key<RecordAction>(step)) return std::string("四类信息：") + enum_name(*a);
  if (family == "renovation")
    if (auto a = enum_from_key<RenovationAction>(step)) return std::string("危房改造：") + enum_name(*a);
  if (family == "import")
    if (auto t = enum_from_key<TemplateKind>(step)) return std::string("导入") + enum_name(*t);
  return std::string(action);
}

std::string audit_object_name(std::string_view object_type) {
  auto w = look_up(kObjects, object_type);
  return w.empty() ? std::string(object_type) : std::string(w);
}

std::string audit_detail_text(const std::string& detail) {
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(detail, nullptr, false);
  if (!j.is_object()) return detail;
  std::string out;
  for (const auto& [key, value] : j.items()) {
    const auto label = look_up(kKeys, key);
    const std::string coded = value.is_string() ? coded_value(key, value.get<std::string>()) : "";
    out += (out.empty() ? "" : "\n") + (label.empty() ? key : std::string(label)) + "：" +
           (coded.empty() ? value_text(value) : coded);
  }
  return out;
}

}  // namespace anju
