#include "report/export_sheets.h"

#include "core/columns.h"
#include "core/household_rules.h"
#include "core/judgment.h"
#include "core/match_types.h"

namespace anju {
namespace {

template <class E>
Cell name_cell(const std::optional<E>& v) {
  return v ? Cell(std::string(enum_name(*v))) : Cell();
}

std::string group_of(const Household& h) {
  for (const auto& [k, v] : h.extras)
    if (k == "组" || k == "村民小组") return v;
  return "";
}


}  // namespace

std::vector<SheetColumn> ledger_columns() {
  using T = CellType;
  return {{"序号", 6, T::integer},       {"乡镇", 10},
          {"村（社区）", 10},           {"区划代码", 13},
          {"组", 6},                     {"户编号", 18},
          {"户主姓名", 9},              {"身份证号", 20},
          {"联系电话", 13},              {"家庭人口", 6, T::integer},
          {"农户类型", 10},              {"住房类型", 12},
          {"图斑编号", 20},              {"结构类型", 9},
          {"层数", 5, T::integer},       {"建造年代", 11},
          {"建筑面积（㎡）", 9, T::number}, {"初判结果", 10},
          {"依据来源", 16},              {"评估/鉴定单位", 18},
          {"鉴定日期", 11, T::date},     {"鉴定等级", 6},
          {"是否用作经营", 7},           {"是否改扩建", 7},
          {"是否地灾隐患点", 7},         {"改造措施", 12},
          {"其他方式说明", 18},          {"改造方式", 10},
          {"建设方式", 7},               {"列入年度", 7, T::integer},
          {"改造申请状态", 14},          {"计划开工", 11, T::date},
          {"实际开工", 11, T::date},     {"竣工日期", 11, T::date},
          {"验收日期", 11, T::date},     {"验收等级", 6},
          {"改造面积（㎡）", 9, T::number}, {"中央补助（元）", 10, T::number},
          {"地方补助（元）", 10, T::number}, {"过渡期安全措施", 14},
          {"列入台账日期", 11, T::date}, {"销号日期", 11, T::date},
          {"销号原因", 18},              {"期限状态", 9},
          {"责任人", 9},                 {"责任人电话", 13},
          {"备注", 24}};
}

std::vector<Cell> ledger_cells(long seq, const LedgerRow& row, const Place& place, const Date& deadline,
                               const Date& today) {
  const LedgerEntry& e = row.entry;
  const Household& h = row.household;
  const Renovation* r = row.renovation ? &*row.renovation : nullptr;
  std::string source = e.evidence_source ? evidence_label(*e.evidence_source, row.method) : "";
  if (!e.evidence_id.empty()) source += "（" + e.evidence_id + "）";
  std::string transitional = e.transitional == Transitional::none ? "" : enum_name(e.transitional);
  if (!e.transitional_note.empty()) transitional += (transitional.empty() ? "" : "：") + e.transitional_note;
  std::string exit = e.exit ? enum_name(*e.exit) : "";
  if (!e.exit_note.empty()) exit += (exit.empty() ? "" : "：") + e.exit_note;
  return {Cell(static_cast<double>(seq)),
          text_cell(place.town),
          text_cell(place.village),
          text_cell(h.region_code),
          text_cell(group_of(h)),
          text_cell(h.household_id),
          text_cell(h.head_name),
          text_cell(h.head_id_number),
          text_cell(h.phone),
          Cell(static_cast<double>(h.members)),
          text_cell(enum_name(h.category)),
          text_cell(enum_name(h.housing)),
          text_cell(row.parcel_id),
          name_cell(row.structure),
          number_cell(row.floors),
          text_cell(row.built_text),
          number_cell(row.area_m2),
          text_cell(e.closed_on ? "已销号" : std::string("危房（") + (e.grade ? enum_name(*e.grade) : "?") + "级）"),
          text_cell(source),
          text_cell(row.assessor),
          date_cell(row.assessed_on),
          name_cell(e.grade),
          name_cell(row.business_use),
          name_cell(row.expanded),
          name_cell(row.geo_hazard),
          text_cell(enum_name(e.measure)),
          text_cell(e.measure_note),
          text_cell(r ? enum_name(r->method) : ""),
          text_cell(r ? enum_name(r->build_mode) : ""),
          number_cell(e.plan_year ? e.plan_year : (r ? r->plan_year : std::nullopt)),
          text_cell(r ? enum_name(r->state) : "未申请"),
          date_cell(r ? r->planned_start : std::nullopt),
          date_cell(r ? r->started_on : std::nullopt),
          date_cell(r ? r->completed_on : std::nullopt),
          date_cell(r ? r->accepted_on : std::nullopt),
          name_cell(r ? r->acceptance_grade : std::nullopt),
          number_cell(r ? r->area_m2 : std::nullopt),
          number_cell(r ? r->subsidy_central : std::nullopt),
          number_cell(r ? r->subsidy_local : std::nullopt),
          text_cell(transitional),
          Cell(e.opened_on),
          date_cell(e.closed_on),
          text_cell(exit),
          text_cell(enum_name(ledger_urgency(e, today, deadline))),
          text_cell(e.responsible),
          text_cell(e.responsible_phone),
          text_cell(e.note)};
}

// The roster template's columns first, under the template's headers, so
// that the list imports back as a roster (its title line is skipped by the
// header search); then what Anju derived, which an import skips
// (export_only_columns).
std::vector<SheetColumn> household_columns() {
  std::vector<SheetColumn> columns;
  for (const ColumnSpec& spec : template_columns(TemplateKind::households)) {
    const std::string_view key = spec.key;
    const double width = key == "address" ? 28 : key == "household_id" || key == "head_id_number" ? 20
                         : key == "members" || key == "lon" || key == "lat"                          ? 10
                                                                                                     : 14;
    columns.push_back({spec.name, width, key == "members" ? CellType::integer : CellType::text});
  }
  const auto derived = export_only_columns(TemplateKind::households);
  const double widths[] = {10, 12, 14, 22, 22, 8, 30};
  for (size_t i = 0; i < derived.size(); ++i) columns.push_back({derived[i], i < std::size(widths) ? widths[i] : 14});
  return columns;
}

std::vector<Cell> household_cells(const HouseholdListRow& row, const Place& place) {
  const Household& h = row.household;
  std::vector<Cell> cells;
  const auto specs = template_columns(TemplateKind::households);
  std::vector<std::string> values = household_template_values(h);
  for (size_t i = 0; i < values.size(); ++i)
    cells.push_back(std::string_view(specs[i].key) == "members" ? Cell(static_cast<double>(h.members))
                                                                 : text_cell(values[i]));
  std::string reasons;
  for (Reason r : row.reasons) reasons += (reasons.empty() ? "" : "、") + std::string(reason_name(r));
  // In the order of export_only_columns(households).
  for (Cell& c : std::vector<Cell>{text_cell(place.town), text_cell(place.village),
                                   text_cell(row.match_outcome ? match_outcome_name(*row.match_outcome) : "未对应"),
                                   text_cell(row.matched_parcel),
                                   text_cell(row.result ? judge_result_name(*row.result) : "未初判"),
                                   name_cell(row.grade), text_cell(reasons)})
    cells.push_back(std::move(c));
  return cells;
}

std::vector<SheetColumn> task_columns() {
  return {{"任务编号", 8, CellType::integer}, {"乡镇", 10}, {"村（社区）", 12}, {"户编号", 18},
          {"户主姓名", 10},   {"住址", 28},        {"来源", 12},        {"状态", 10},
          {"核实人员", 12},   {"完成期限", 11, CellType::date}, {"是否逾期", 8},
          {"结果说明", 30},   {"创建时间", 16},    {"最后更新", 16},    {"更新人", 12}};
}

std::vector<Cell> task_cells(const TaskRow& row, const Place& place, const Date& today) {
  const FieldTask& t = row.task;
  return {Cell(static_cast<double>(t.id)),
          text_cell(place.town),
          text_cell(place.village),
          text_cell(t.household_id),
          text_cell(row.head_name),
          text_cell(row.address),
          text_cell(enum_name(t.origin)),
          text_cell(enum_name(t.status)),
          text_cell(t.assignee.empty() ? "未分派" : row.assignee_name.empty() ? t.assignee : row.assignee_name),
          date_cell(t.due),
          text_cell(task_overdue(t, today) ? "是" : "否"),
          text_cell(t.closed_reason),
          text_cell(local_minute_text(t.created_at)),
          text_cell(local_minute_text(t.updated_at)),
          text_cell(t.updated_by)};
}

std::vector<SheetColumn> record_columns() {
  return {{"户编号", 18}, {"乡镇", 10}, {"村（社区）", 12}, {"户主姓名", 10},
          {"审核状态", 16}, {"最后更新", 16}, {"更新人", 12}};
}

std::vector<Cell> record_cells(const RecordRow& row, const Place& place) {
  return {text_cell(row.household_id), text_cell(place.town),  text_cell(place.village),
          text_cell(row.head_name),    text_cell(enum_name(row.state)),
          text_cell(local_minute_text(row.updated_at)), text_cell(row.updated_by_name.empty() ? row.updated_by : row.updated_by_name)};
}

}  // namespace anju
