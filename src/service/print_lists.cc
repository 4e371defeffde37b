// The region's papers: the C/D ledger (landscape, the county form's
// columns), the renovation acceptance form and the spot-check list.
#include <algorithm>
#include <map>

#include "core/access.h"
#include "core/region_code.h"
#include "report/export_sheets.h"
#include "service/campaign_service.h"
#include "service/ledger_service.h"
#include "service/print_sections.h"
#include "service/renovation_service.h"

namespace anju::print {
namespace {

// The ledger's columns a county prints on paper (of the export's 46), each
// with its width in points on landscape A4 at 6 pt type: a date or an ID
// number stays on one line.
struct PrintedColumn {
  const char* head;
  double width;
};
constexpr PrintedColumn kPrintedLedger[] = {
    {"序号", 18},     {"乡镇", 30},         {"村（社区）", 36}, {"组", 18},       {"户主姓名", 36},
    {"身份证号", 64}, {"家庭人口", 18},     {"农户类型", 28},   {"结构类型", 28}, {"层数", 16},
    {"建造年代", 26}, {"依据来源", 56},     {"鉴定日期", 40},   {"鉴定等级", 18}, {"改造措施", 28},
    {"改造方式", 28}, {"列入年度", 24},     {"改造申请状态", 28}, {"竣工日期", 40}, {"验收日期", 40},
    {"过渡期安全措施", 34}, {"列入台账日期", 40}, {"期限状态", 30}, {"责任人", 28},   {"备注", 30}};
// A ledger with closed entries also says when and why each left.
constexpr PrintedColumn kClosedLedger[] = {{"销号日期", 40}, {"销号原因", 44}};

std::string cell_text(const Cell& c, CellType type) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* d = std::get_if<Date>(&c)) return d->to_string();
  if (const auto* v = std::get_if<double>(&c))
    return type == CellType::integer ? std::to_string(static_cast<long long>(*v)) : amount_text(*v);
  return "";
}

std::string ledger_status_name(const std::string& status) {
  return status == "closed" ? "已销号" : status == "all" ? "全部" : "在账";
}

// The region a list covers, allowed for the user as an export is.
Result<std::string> list_scope(const Run& run) {
  auto region = list_region(run.user, run.request.region_code);
  if (!region) return region.error();
  const std::string scope = *region == kWholeCountry ? "" : *region;
  ANJU_TRY(authorize(run.user, Action::export_lists, scope));
  if (run.request.full_id) ANJU_TRY(authorize(run.user, Action::view_full_id, scope));
  return *region;
}

}  // namespace

Result<Printed> ledger(const Run& run, PdfDocument& doc) {
  auto region = list_scope(run);
  if (!region) return region.error();
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  const Date today = run.clock.today();
  LedgerQuery q;
  q.region_code = *region;
  q.status = run.request.status;
  auto f = ledger_filter((*tx)->campaign(), run.user, q, today);
  if (!f) return f.error();
  // Paper for a town or a county's ledger, made while the request waits: a
  // larger region is printed town by town (or exported to Excel).
  f->limit = 1;
  auto first = (*tx)->ledger().list_ledger(*f);
  if (!first) return first.error();
  if (first->total > kMaxPrintedLedgerRows)
    return make_error(ErrorCode::invalid, "该区域台账有 " + std::to_string(first->total) + " 条，超过一次打印的上限 " +
                                              std::to_string(kMaxPrintedLedgerRows) +
                                              " 条：请按乡镇打印，或导出 Excel");
  auto campaigns = campaigns_over((*tx)->campaign(), *region);
  if (!campaigns) return campaigns.error();
  ANJU_TRY(name_region(**tx, *region, doc.info()));
  auto name = region_name(**tx, *region);
  if (!name) return name.error();
  const auto all = ledger_columns();
  std::vector<size_t> picked;
  std::vector<PdfColumn> columns;
  std::vector<PrintedColumn> printed(std::begin(kPrintedLedger), std::end(kPrintedLedger));
  if (run.request.status != "open") printed.insert(printed.end() - 2, std::begin(kClosedLedger), std::end(kClosedLedger));
  for (const PrintedColumn& c : printed)
    for (size_t i = 0; i < all.size(); ++i)
      if (all[i].head == c.head) picked.push_back(i), columns.push_back({all[i].head, c.width});
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, Place> places;
  std::optional<Error> failed;  // a region's name that could not be read fails the print
  f->limit = kMaxPrintedLedgerRows;
  ANJU_TRY((*tx)->ledger().for_each_ledger_row(*f, [&](LedgerRow&& row) {
    if (failed) return;
    mask(row.household, run.disclosure());
    const std::string& village = row.household.region_code;
    if (!places.count(village)) {
      auto v = region_name(**tx, village);
      auto t = region_parent(village) ? region_name(**tx, *region_parent(village)) : Result<std::string>(std::string());
      if (!v || !t) return void(failed = !v ? v.error() : t.error());
      places[village] = Place{*t, *v};
    }
    const auto cells = ledger_cells(static_cast<long>(rows.size()) + 1, row, places[village],
                                    campaigns->of(village).ledger_deadline, today);
    std::vector<std::string> line;
    for (size_t i : picked) line.push_back(i < cells.size() ? cell_text(cells[i], all[i].type) : "");
    rows.push_back(std::move(line));
  }));
  if (failed) return *failed;
  doc.info().side = PaperSide::landscape;
  doc.info().title = "危房台账";
  doc.title("农村低收入群体等重点对象危房台账", *name + "，" + ledger_status_name(run.request.status) + "，共 " +
                                                  std::to_string(rows.size()) + " 条，截至 " + today.to_string());
  const long n = static_cast<long>(rows.size());
  if (rows.empty()) doc.note("该区域没有符合条件的台账记录。");
  else doc.table(std::move(columns), std::move(rows));
  doc.signatures({{"填表人", ""}, {"审核人", ""}});
  return Printed{n, *name, "region", *region};
}

Result<Printed> acceptance(const Run& run, PdfDocument& doc) {
  if (run.request.id <= 0) return make_error(ErrorCode::invalid, "请指定改造申请编号（renovation）");
  auto view = renovation_view(run.store, run.user, run.request.id);
  if (!view) return view.error();
  const Renovation& r = view->renovation;
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto p = read_household(**tx, run, r.household_id);
  if (!p) return p.error();
  auto campaigns = campaigns_over((*tx)->campaign(), r.region_code);
  if (!campaigns) return campaigns.error();
  ANJU_TRY(name_region(**tx, r.region_code, doc.info()));
  const Household& h = p->household.value;
  const LedgerEntry* entry = nullptr;
  for (const LedgerEntry& e : p->ledger)
    if (e.id == r.ledger_id) entry = &e;
  doc.info().title = "危房改造竣工验收表";
  doc.title("农村危房改造竣工验收表", "改造申请 " + std::to_string(r.id) + "　" + enum_name(r.state));
  doc.section("一、农户和原房屋");
  doc.fields({{"户主姓名", h.head_name}, {"户编号", h.household_id}, {"身份证号", h.head_id_number},
              {"家庭人口", std::to_string(h.members) + " 人"}, {"所在村（社区）", p->village}, {"详细地址", h.address},
              {"原鉴定等级", entry ? grade_text(entry->grade) : ""},
              {"列入台账日期", entry ? entry->opened_on.to_string() : ""}});
  doc.section("二、改造情况");
  doc.fields({{"改造方式", enum_name(r.method)}, {"建设方式", enum_name(r.build_mode)},
              {"改造面积（㎡）", amount_text(r.area_m2)}, {"列入年度", r.plan_year ? std::to_string(*r.plan_year) : ""},
              {"中央补助（元）", amount_text(r.subsidy_central)}, {"地方补助（元）", amount_text(r.subsidy_local)},
              {"计划开工", date_text(r.planned_start)}, {"实际开工", date_text(r.started_on)},
              {"竣工日期", date_text(r.completed_on)}, {"验收日期", date_text(r.accepted_on)}});
  doc.section("三、验收结论");
  doc.fields({{"验收后房屋等级", grade_text(r.acceptance_grade)}, {"验收意见", r.acceptance_note}}, 1);
  doc.section("四、验收资料");
  std::vector<std::vector<std::string>> papers;
  const auto& required = campaigns->of(r.region_code).acceptance_papers;
  for (const auto& paper : EnumTraits<RenovationPaper>::entries()) {
    std::string files;
    for (const Attachment& a : view->attachments)
      if (a.kind == paper.key || a.kind == paper.name) files += (files.empty() ? "" : "、") + a.file_name;
    const bool needed = std::find(required.begin(), required.end(), paper.value) != required.end();
    papers.push_back({paper.name, needed ? "是" : "否", files.empty() ? "未上传" : files});
  }
  doc.table({{"资料", 1.2}, {"验收前必须上传", 1}, {"已上传的文件", 4}}, papers);
  doc.section("五、办理经过");
  std::vector<std::vector<std::string>> steps;
  for (const RenovationHistoryEntry& e : view->history)
    steps.push_back({local_time(e.at), name_of(view->names, e.actor), std::string(enum_name(e.from)) + " → " + enum_name(e.to),
                     e.comment});
  doc.table({{"时间", 1.2}, {"办理人", 1}, {"状态", 1.6}, {"意见", 3}}, steps);
  doc.signatures({{"户主", h.head_name}, {"施工方（建房户）", ""}, {"村委会", ""}, {"乡镇验收人员", ""}, {"县住建部门", ""}});
  return Printed{1, h.head_name, "renovation", std::to_string(r.id)};
}

}  // namespace anju::print
