// The household's forms laid out: the four-part record, the appraisal form
// (2019 导则) and the household file (一户一档). Every value is a word a
// clerk reads — names, not logins; 是/否, not keys; local times.
#include "core/judgment.h"
#include "service/print_sections.h"

namespace anju::print {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

template <class E>
std::string name_or_blank(const std::optional<E>& v) {
  return v ? enum_name(*v) : "";
}

std::string category_text(const Household& h) {
  std::string s = enum_name(h.category);
  if (h.monitor_type) s += "（" + std::string(enum_name(*h.monitor_type)) + "）";
  return s;
}

std::string reasons_text(const JudgmentRow& j) {
  std::string s;
  for (Reason r : j.reasons) s += (s.empty() ? "" : "；") + std::string(reason_name(r));
  return s;
}

// The step of the record's current round (since it last went back to
// 填报中: returned or reopened) that moved it into `to`. An approval that
// was undone signs nothing.
const RecordHistoryEntry* last_step(const RecordView& r, RecordState to) {
  const RecordHistoryEntry* found = nullptr;
  for (const RecordHistoryEntry& e : r.history) {
    if (e.to == RecordState::draft) found = nullptr;
    if (e.to == to) found = &e;
  }
  return found;
}

std::string recorded(const HouseholdPapers& p, const RecordHistoryEntry* e, const char* what) {
  return e ? name_of(p.names, e->actor) + "，" + local_time(e->at) + " " + what : "";
}

void basic_part(const HouseholdPapers& p, PdfDocument& doc) {
  const Household& h = p.household.value;
  doc.fields({{"户主姓名", h.head_name},
              {"户编号", h.household_id},
              {"身份证号", h.head_id_number},
              {"联系电话", h.phone},
              {"家庭人口", std::to_string(h.members) + " 人"},
              {"户类型", category_text(h)},
              {"户状态", enum_name(h.status)},
              {"现住房情况", enum_name(h.housing)},
              {"所在村（社区）", p.village + "（" + h.region_code + "）"},
              {"数据来源", name_or_blank(h.source)},
              {"详细地址", h.address}});
}

void building_part(const HouseholdPapers& p, PdfDocument& doc) {
  Pairs pairs = {{"人房对应", p.match ? match_outcome_name(p.match->outcome) : "未对应（尚未运行）"},
                 {"房屋图斑编号", p.match ? p.match->parcel_id : ""}};
  if (p.building) {
    const Building& b = p.building->value;
    pairs.insert(pairs.end(), {{"登记户主", b.owner_name},
                               {"房屋地址", b.address},
                               {"结构类型", name_or_blank(b.structure)},
                               {"层数", b.floors ? std::to_string(*b.floors) : ""},
                               {"建造年代", b.built ? b.built->text : ""},
                               {"建筑面积（㎡）", amount_text(b.area_m2)},
                               {"规划许可", name_or_blank(b.planning_permit)},
                               {"宅基地审批", name_or_blank(b.homestead_approval)},
                               {"不动产登记", name_or_blank(b.property_registration)},
                               {"是否地灾隐患点", name_or_blank(b.geo_hazard)},
                               {"是否改扩建", name_or_blank(b.expanded)},
                               {"是否用作经营", name_or_blank(b.business_use)}});
  }
  doc.fields(pairs);
}

void evidence_part(const HouseholdPapers& p, PdfDocument& doc) {
  if (p.evidence.empty()) return doc.note("没有安全性评估或鉴定记录。");
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : p.evidence) {
    const Evidence& x = e.value;
    rows.push_back({x.assessed_on.to_string(), evidence_label(x.source, x.method), grade_text(x.grade),
                    x.hazard ? (*x.hazard ? "有" : "无") : "", x.assessor, x.evidence_id});
  }
  doc.table({{"评估/鉴定日期", 1.2}, {"依据", 2}, {"等级", 0.7}, {"安全隐患", 0.8}, {"评估/鉴定人", 1.4}, {"编号", 1.6}},
            rows);
}

void judgment_part(const HouseholdPapers& p, PdfDocument& doc) {
  if (!p.judgment) return doc.note("尚未初判。");
  const JudgmentRow& j = *p.judgment;
  doc.fields({{"初判结果", judge_result_name(j.result)},
              {"房屋等级", grade_text(j.grade)},
              {"依据", j.evidence_source ? evidence_label(*j.evidence_source, std::nullopt) + "（" + j.evidence_id + "）"
                                           : ""},
              {"上次初判", j.previous_result ? judge_result_name(*j.previous_result) : ""},
              {"初判理由", reasons_text(j)}},
             1);
}

void field_part(const Run& run, const HouseholdPapers& p, PdfDocument& doc) {
  if (p.tasks.empty()) return doc.note("没有外业核实任务。");
  for (const TaskPapers& t : p.tasks) {
    doc.fields({{"核实任务", std::to_string(t.task.id) + "（" + enum_name(t.task.origin) + "）"},
                {"状态", enum_name(t.task.status)},
                {"核实人", t.task.assignee.empty() ? "未分派" : name_of(p.names, t.task.assignee)},
                {"期限", date_text(t.task.due)}});
    std::vector<std::vector<std::string>> rows;
    for (const Visit& v : t.visits)
      rows.push_back({v.visited_on.to_string(), enum_name(v.outcome), v.people_met, v.notes, name_of(p.names, v.created_by)});
    for (const AppraisalRecord& a : t.appraisals)
      rows.push_back({a.appraisal.appraised_on.to_string(), "鉴定为" + grade_text(a.grade),
                      evidence_label(EvidenceSource::appraisal, a.appraisal.method) + "，" + a.appraisal.appraiser,
                      a.appraisal.override_reason, name_of(p.names, a.created_by)});
    if (!rows.empty())
      doc.table({{"日期", 1.1}, {"结果", 1.3}, {"见到的人 / 方式", 1.5}, {"情况说明", 3}, {"记录人", 1.1}}, rows);
    doc.images(photos(run.files, t.attachments, p.names));
  }
}

void ledger_part(const HouseholdPapers& p, PdfDocument& doc) {
  if (p.ledger.empty() && p.renovations.empty()) return doc.note("未列入危房台账。");
  std::vector<std::vector<std::string>> rows;
  for (const LedgerEntry& e : p.ledger) {
    std::string transitional = e.transitional == Transitional::none ? "" : enum_name(e.transitional);
    if (!e.transitional_note.empty()) transitional += "：" + e.transitional_note;
    rows.push_back({e.opened_on.to_string(), grade_text(e.grade), enum_name(e.measure),
                    e.plan_year ? std::to_string(*e.plan_year) : "", transitional, date_text(e.closed_on),
                    e.exit ? std::string(enum_name(*e.exit)) + (e.exit_note.empty() ? "" : "：" + e.exit_note) : "",
                    e.responsible});
  }
  if (!rows.empty())
    doc.table({{"列入日期", 1.1}, {"等级", 0.6}, {"改造措施", 1}, {"列入年度", 0.8}, {"过渡期安全措施", 1.6},
               {"销号日期", 1.1}, {"销号原因", 1.6}, {"责任人", 0.9}},
              rows);
  for (const RenovationPapers& r : p.renovations) {
    const Renovation& x = r.renovation;
    doc.fields({{"改造申请", std::to_string(x.id) + "（" + enum_name(x.state) + "）"},
                {"改造方式", std::string(enum_name(x.method)) + "，" + enum_name(x.build_mode)},
                {"开工 / 竣工", date_text(x.started_on) + " / " + date_text(x.completed_on)},
                {"验收", date_text(x.accepted_on) + (x.acceptance_grade ? "，" + grade_text(x.acceptance_grade) : "")}});
    std::vector<std::vector<std::string>> steps;
    for (const RenovationHistoryEntry& e : r.history)
      steps.push_back({local_time(e.at), name_of(p.names, e.actor), std::string(enum_name(e.from)) + " → " + enum_name(e.to),
                       e.comment});
    if (!steps.empty()) doc.table({{"时间", 1.2}, {"办理人", 1}, {"状态", 1.6}, {"意见", 3}}, steps);
  }
}

}  // namespace

void record_history_table(const HouseholdPapers& p, PdfDocument& doc) {
  if (p.record.history.empty()) return doc.note("尚无填报和审核记录。");
  std::vector<std::vector<std::string>> rows;
  for (const RecordHistoryEntry& e : p.record.history) {
    const auto action = enum_from_key<RecordAction>(e.action);
    rows.push_back({local_time(e.at), name_of(p.names, e.actor), action ? enum_name(*action) : e.action,
                    std::string(enum_name(e.from)) + " → " + enum_name(e.to), e.comment});
  }
  doc.table({{"时间", 1.2}, {"办理人", 1}, {"操作", 0.8}, {"状态", 1.6}, {"意见", 2.6}}, rows);
}

void record_signatures(const HouseholdPapers& p, PdfDocument& doc) {
  doc.signatures({{"村级填报人", recorded(p, last_step(p.record, RecordState::submitted), "提交")},
                  {"镇级审核人", recorded(p, last_step(p.record, RecordState::town_approved), "审核通过")},
                  {"县级审核人", recorded(p, last_step(p.record, RecordState::county_approved), "审核通过")}});
}

void record_form(const HouseholdPapers& p, PdfDocument& doc) {
  const Household& h = p.household.value;
  doc.info().title = "四类信息表";
  doc.title("农村住房安全保障对象四类信息表",
            "户主 " + h.head_name + "　户编号 " + h.household_id + "　审核状态：" + enum_name(p.record.state));
  for (const auto& part : EnumTraits<RecordPart>::entries()) {
    Pairs pairs;
    for (const RecordFieldView& f : p.record.fields)
      if (f.field->part == part.value) pairs.emplace_back(f.field->name, f.value.value);
    doc.section(part.name);
    doc.fields(pairs);
  }
  if (!p.record.missing.empty()) {
    std::string s;
    for (const std::string& m : p.record.missing) s += (s.empty() ? "" : "、") + m;
    doc.note("尚缺：" + s);
  }
  doc.section("填报和审核经过");
  record_history_table(p, doc);
  record_signatures(p, doc);
}

void household_file(const Run& run, const HouseholdPapers& p, PdfDocument& doc) {
  const Household& h = p.household.value;
  doc.info().title = "农户档案（一户一档）";
  doc.title("农户档案（一户一档）", "户主 " + h.head_name + "　户编号 " + h.household_id + "　" + p.village);
  doc.section("一、农户基本信息");
  basic_part(p, doc);
  doc.section("二、住房（人房对应）");
  building_part(p, doc);
  doc.section("三、安全性评估和鉴定");
  evidence_part(p, doc);
  doc.section("四、初判结论");
  judgment_part(p, doc);
  doc.section("五、外业核实和鉴定");
  field_part(run, p, doc);
  doc.section("六、四类信息（" + std::string(enum_name(p.record.state)) + "）");
  record_history_table(p, doc);
  doc.section("七、危房台账和改造");
  ledger_part(p, doc);
  record_signatures(p, doc);
}

void appraisal_form(const Run& run, const HouseholdPapers& p, const TaskPapers& task, const AppraisalRecord& r,
                    const std::vector<AppraisalPart>& catalogue, PdfDocument& doc) {
  const Household& h = p.household.value;
  const Appraisal& a = r.appraisal;
  doc.info().title = "房屋安全性鉴定表";
  doc.title("农村住房安全性鉴定表", "依据《农村住房安全性鉴定技术导则》（2019年）　鉴定编号 " + r.evidence_id);
  doc.section("一、房屋基本情况");
  basic_part(p, doc);
  building_part(p, doc);
  doc.section("二、场地安全性");
  doc.fields({{"场地是否危险", a.site_dangerous ? "是（房屋直接评定为D级）" : "否"}, {"危险情况", a.site_hazard}});
  doc.section("三、地基基础和上部承重结构");
  std::vector<std::vector<std::string>> rows;
  for (const PartGrade& g : a.parts) {
    const AppraisalPart* part = nullptr;
    for (const AppraisalPart& c : catalogue)
      if (c.key == g.part) part = &c;
    const int i = g.grade ? static_cast<int>(*g.grade) : -1;
    std::string grade = g.grade ? std::string(1, static_cast<char>('a' + i)) + "级" : "不适用";
    rows.push_back({part ? part->name : g.part, grade, part && i >= 0 ? part->descriptors[i] : "", g.note});
  }
  doc.table({{"部位", 1.1}, {"等级", 0.7}, {"该等级的表现（导则）", 4}, {"说明", 2}}, rows);
  doc.section("四、鉴定结论");
  doc.fields({{"按构件评定", grade_text(r.computed)},
              {"房屋安全性等级", grade_text(r.grade)},
              {"调整等级", a.override_grade ? grade_text(a.override_grade) + "：" + a.override_reason : "未调整"},
              {"防灾措施", enum_name(a.prevention)},
              {"鉴定方式", evidence_label(EvidenceSource::appraisal, a.method)},
              {"鉴定人", a.appraiser},
              {"鉴定日期", a.appraised_on.to_string()},
              {"录入", name_of(p.names, r.created_by) + "，" + local_time(r.created_at)}});
  doc.section("五、现场照片");
  auto images = photos(run.files, task.attachments, p.names);
  if (images.empty()) doc.note("未上传照片。");
  doc.images(std::move(images));
  doc.signatures({{"鉴定人", a.appraiser}, {"复核人", ""}, {"户主（确认）", h.head_name}});
}

}  // namespace anju::print
