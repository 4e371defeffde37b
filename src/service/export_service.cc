#include "service/export_service.h"

#include "service/campaign_service.h"

#include <map>

#include "core/access.h"
#include "core/region_code.h"
#include "report/export_sheets.h"
#include "service/audit_service.h"
#include "service/campaign_service.h"
#include "service/ledger_service.h"
#include "service/query_service.h"
#include "service/statistics_service.h"
#include "service/record_service.h"
#include "service/task_service.h"

namespace anju {
namespace {

struct KindInfo {
  ExportKind kind;
  const char* key;
  const char* name;
};
constexpr KindInfo kKinds[] = {
    {ExportKind::ledger, "ledger", "危房台账"},
    {ExportKind::households, "households", "农户清单"},
    {ExportKind::field_tasks, "field_tasks", "外业核实任务清单"},
    {ExportKind::records, "records", "四类信息审核情况"},
    {ExportKind::summary, "summary", "住房安全保障汇总表"},
};

constexpr long kPage = 1000;  // rows read at a time where the store pages

// Town and village names of a village code, looked up once each.
class Places {
 public:
  explicit Places(Transaction& tx) : tx_(tx) {}
  Place of(const std::string& village) {
    auto [it, fresh] = cache_.try_emplace(village);
    if (fresh) {
      it->second.village = name(village);
      if (auto town = region_parent(village)) it->second.town = name(*town);
    }
    return it->second;
  }
  std::string name(const std::string& code) {
    auto r = tx_.regions().find_region(code);
    return r && *r ? (*r)->value.name : "";
  }

 private:
  Transaction& tx_;
  std::map<std::string, Place> cache_;
};

struct Run {
  Store& store;
  const User& user;
  const ExportRequest& request;
  std::string region;  // checked
  long max_rows;
  const ExportProgress& progress;
  const Clock& clock;
};

Result<void> too_many(long total, long max_rows) {
  if (total <= max_rows) return {};
  return make_error(ErrorCode::invalid, "符合条件的有 " + std::to_string(total) + " 行，超过一次导出的上限 " +
                                            std::to_string(max_rows) + " 行：请按乡镇或村缩小范围");
}

Result<long> write_ledger(const Run& run, SheetWriter& book) {
  LedgerQuery q;
  q.region_code = run.region;
  q.status = run.request.status;
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  const Date today = run.clock.today();
  auto f = ledger_filter((*tx)->campaign(), run.user, q, today);
  if (!f) return f.error();
  f->limit = 1;
  auto first = (*tx)->ledger().list_ledger(*f);
  if (!first) return first.error();
  ANJU_TRY(too_many(first->total, run.max_rows));
  auto campaigns = campaigns_over((*tx)->campaign(), run.region);
  if (!campaigns) return campaigns.error();
  const std::string deadline = campaigns->all().size() == 1
                                   ? campaigns->governing().ledger_deadline.to_string()
                                   : "按各地工作设置，逐户见“期限状态”";
  book.add_sheet("危房台账", std::string("农村低收入群体等重点对象危房台账（") +
                                 (run.request.status == "closed" ? "已销号" : run.request.status == "all" ? "全部" : "在账") +
                                 "，销号期限 " + deadline + "）",
                 ledger_columns());
  Places places(**tx);
  long n = 0;
  ANJU_TRY((*tx)->ledger().for_each_ledger_row(*f, [&](LedgerRow&& row) {
    mask(row.household, Disclosure{run.request.full_id});
    const Date& own = campaigns->of(row.household.region_code).ledger_deadline;
    book.row(ledger_cells(++n, row, places.of(row.household.region_code), own, today));
    if (n % kPage == 0) run.progress(n, first->total);
  }));
  return n;
}

Result<long> write_households(const Run& run, SheetWriter& book) {
  book.add_sheet("农户清单", "农户清单（含人房对应和初判结论）", household_columns());
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  Places places(**tx);
  HouseholdFilter f = run.request.households;
  f.region_code = run.region;
  long n = 0;
  auto rows = export_households(
      run.store, run.user, f, Disclosure{run.request.full_id}, run.max_rows,
      [&](const HouseholdListRow& row, const std::string&) -> Result<void> {
        book.row(household_cells(row, places.of(row.household.region_code)));
        if (++n % kPage == 0) run.progress(n, 0);
        return {};
      },
      run.clock);
  if (!rows) return rows.error();
  return *rows;
}

// Pages through a list the store pages (field tasks, records).
template <class Filter, class Fetch, class Write>
Result<long> write_pages(const Run& run, Filter f, Fetch fetch, Write write) {
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  Places places(**tx);
  long n = 0;
  f.limit = kPage;
  for (f.offset = 0;; f.offset += f.limit) {
    auto page = fetch(**tx, f);
    if (!page) return page.error();
    ANJU_TRY(too_many(page->total, run.max_rows));
    for (const auto& row : page->items) write(row, places), ++n;
    run.progress(n, page->total);
    if (static_cast<long>(page->items.size()) < f.limit) break;
  }
  return n;
}

Result<long> write_tasks(const Run& run, SheetWriter& book) {
  book.add_sheet("外业核实任务", "外业核实任务清单", task_columns());
  const CodeRange range = region_range(run.region);
  const Date today = run.clock.today();
  return write_pages(
      run,
      TaskFilter{range.lo, range.hi, std::nullopt, false, std::nullopt, std::nullopt, 0, kPage},
      [](Transaction& tx, const TaskFilter& f) -> Result<Page<TaskRow>> {
        auto page = tx.field_work().list_tasks(f);
        if (!page) return page.error();
        ANJU_TRY(name_assignees(tx.accounts(), page->items));
        return page;
      },
      [&](const TaskRow& row, Places& places) {
        book.row(task_cells(row, places.of(row.task.region_code), today));
      });
}

Result<long> write_records(const Run& run, SheetWriter& book) {
  book.add_sheet("四类信息审核", "四类信息填报和审核情况", record_columns());
  const CodeRange range = region_range(run.region);
  return write_pages(
      run, RecordFilter{range.lo, range.hi, std::nullopt, 0, kPage},
      [](Transaction& tx, const RecordFilter& f) -> Result<Page<RecordRow>> {
        auto page = tx.records().list_records(f);
        if (!page) return page.error();
        ANJU_TRY(name_updaters(tx.accounts(), page->items));
        return page;
      },
      [&](const RecordRow& row, Places& places) {
        book.row(record_cells(row, places.of(row.region_code)));
      });
}

std::vector<SheetColumn> summary_columns() {
  std::vector<SheetColumn> cols = {{"区划代码", 13}, {"名称", 14}};
  auto n = [&](std::string head) { cols.push_back({std::move(head), 8, CellType::integer}); };
  for (const char* h : {"农户数", "安全住房", "危房", "需现场核实", "其他安全住房", "销户不纳入", "未初判", "在账危房",
                        "其中C级", "其中D级", "措施待定", "危房改造", "其他方式", "在账未申请改造", "已销号", "按期销号",
                        "逾期未销号", "临近期限"})
    n(h);
  for (const auto& s : EnumTraits<RenovationState>::entries()) n(std::string("改造申请：") + s.name);
  for (const auto& m : EnumTraits<RenovationMethod>::entries()) n(std::string("改造方式：") + m.name);
  cols.push_back({"已批补助资金（元）", 12, CellType::number});
  return cols;
}

std::vector<Cell> summary_cells(const Region& region, const LedgerTally& t) {
  auto count = [](const std::map<std::string, long>& m, const std::string& k) {
    auto it = m.find(k);
    return Cell(static_cast<double>(it == m.end() ? 0 : it->second));
  };
  std::vector<Cell> cells = {text_cell(region.code), text_cell(region.name), Cell(static_cast<double>(t.households))};
  for (const char* r : {"safe", "unsafe", "verify", "safe_other_housing", "excluded", ""})
    cells.push_back(count(t.results, r));
  cells.push_back(Cell(static_cast<double>(t.in_ledger)));
  cells.push_back(count(t.grades, "C"));
  cells.push_back(count(t.grades, "D"));
  for (const char* m : {"undecided", "renovation", "other"}) cells.push_back(count(t.measures, m));
  for (long v : {t.no_application, t.closed, t.closed_in_time, t.late, t.at_risk})
    cells.push_back(Cell(static_cast<double>(v)));
  for (const auto& s : EnumTraits<RenovationState>::entries()) cells.push_back(count(t.renovation_states, s.key));
  for (const auto& m : EnumTraits<RenovationMethod>::entries()) cells.push_back(count(t.renovation_methods, m.key));
  cells.push_back(Cell(t.subsidy));
  return cells;
}

Result<long> write_summary(const Run& run, SheetWriter& book) {
  auto table = summary_table(run.store, run.user, run.region, run.clock);
  if (!table) return table.error();
  book.add_sheet("汇总表", "住房安全保障汇总表（截至 " + table->today.to_string() + "，危房销号期限 " +
                                table->deadline.to_string() + "）",
                 summary_columns());
  for (const auto& [region, tally] : table->rows) book.row(summary_cells(region, tally));
  Region total = table->region;
  total.name = "合计：" + total.name;
  book.row(summary_cells(total, table->total));
  return static_cast<long>(table->rows.size()) + 1;
}

}  // namespace

const char* export_kind_key(ExportKind k) {
  for (const KindInfo& i : kKinds)
    if (i.kind == k) return i.key;
  return "";
}

const char* export_kind_name(ExportKind k) {
  for (const KindInfo& i : kKinds)
    if (i.kind == k) return i.name;
  return "";
}

std::optional<ExportKind> parse_export_kind(std::string_view key) {
  for (const KindInfo& i : kKinds)
    if (key == i.key || key == i.name) return i.kind;
  if (key == "field-tasks") return ExportKind::field_tasks;
  return std::nullopt;
}

Result<ExportResult> run_export(Store& store, const User& user, const ExportRequest& request,
                                const std::string& path, long max_rows, const ExportProgress& progress,
                                const Clock& clock) {
  auto region = list_region(user, request.region_code);
  if (!region) return region.error();
  const std::string scope = *region == kWholeCountry ? "" : *region;
  ANJU_TRY(authorize(user, Action::export_lists, scope));
  if (request.full_id) ANJU_TRY(authorize(user, Action::view_full_id, scope));
  if (request.status != "open" && request.status != "closed" && request.status != "all")
    return make_error(ErrorCode::invalid, "台账状态 status 应为 open、closed 或 all：" + request.status);
  std::string region_name = "全国", campaign;
  {
    auto tx = store.begin(TxMode::read);
    if (!tx) return tx.error();
    if (!scope.empty()) {
      auto r = (*tx)->regions().find_region(scope);
      if (!r) return r.error();
      region_name = *r ? (*r)->value.name : scope;
    }
    auto campaigns = campaigns_over((*tx)->campaign(), *region);
    if (!campaigns) return campaigns.error();
    campaign = campaigns->governing().name;
  }
  const std::string made_by = user.display_name.empty() ? shown_name(user) : user.display_name + "（" + user.name + "）";
  const std::string now = clock.now_iso();
  auto book =
      SheetWriter::create(path, BookInfo{export_kind_name(request.kind),
                                         region_name + "，" + (scope.empty() ? "全部" : scope) +
                                             (request.households.search.empty()
                                                  ? ""
                                                  : "，查询“" + request.households.search + "”") +
                                             (request.full_id ? "，含完整证件号码" : ""),
                                         made_by, now, campaign});
  if (!book) return book.error();
  const Run run{store, user, request, *region, max_rows, progress, clock};
  Result<long> rows = make_error(ErrorCode::internal, "");
  switch (request.kind) {
    case ExportKind::ledger: rows = write_ledger(run, **book); break;
    case ExportKind::households: rows = write_households(run, **book); break;
    case ExportKind::field_tasks: rows = write_tasks(run, **book); break;
    case ExportKind::records: rows = write_records(run, **book); break;
    case ExportKind::summary: rows = write_summary(run, **book); break;
  }
  if (!rows) return rows.error();
  ANJU_TRY((*book)->close());
  progress(*rows, *rows);
  // The household list audits itself (query_service); every other kind here.
  if (request.kind != ExportKind::households)
    ANJU_TRY(audit(store, clock, user.name, std::string("export.") + export_kind_key(request.kind), "export",
                   *region, {{"rows", *rows}, {"full_id", request.full_id}, {"status", request.status}}));
  (void)chain_audit_log(store);
  std::string day = now.substr(0, 10);
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  return ExportResult{*rows, std::string(export_kind_name(request.kind)) + "_" + region_name + "_" + day + ".xlsx"};
}

}  // namespace anju
