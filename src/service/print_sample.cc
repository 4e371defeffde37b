// The county's spot-check list: every household a sample drew, by town and
// village, with what the judgment said and how far its check has come, and
// a column for the checker to sign.
#include <algorithm>
#include <map>

#include "core/access.h"
#include "core/judgment.h"
#include "core/region_code.h"
#include "service/print_sections.h"
#include "service/user_service.h"

namespace anju::print {
namespace {

struct Drawn {
  TaskRow row;
  std::string town, village;
};

Result<std::vector<Drawn>> drawn(Transaction& tx, const Sample& s) {
  std::vector<Drawn> out;
  ANJU_TRY(for_each_task(tx, s.county_code, [&](TaskRow&& row) {
    if (row.task.sample_id == s.id) out.push_back({std::move(row), "", ""});
  }));
  std::map<std::string, std::string> names;
  auto name = [&](const std::string& code) -> Result<std::string> {
    if (auto it = names.find(code); it != names.end()) return it->second;
    auto n = region_name(tx, code);
    if (n) names[code] = *n;
    return n;
  };
  for (Drawn& d : out) {
    auto village = name(d.row.task.region_code);
    if (!village) return village.error();
    d.village = *village;
    if (auto town_code = region_parent(d.row.task.region_code)) {
      auto town = name(*town_code);
      if (!town) return town.error();
      d.town = *town;
    }
  }
  std::sort(out.begin(), out.end(), [](const Drawn& a, const Drawn& b) {
    return std::tie(a.row.task.region_code, a.row.task.household_id) < std::tie(b.row.task.region_code, b.row.task.household_id);
  });
  return out;
}

}  // namespace

Result<Printed> sample(const Run& run, PdfDocument& doc) {
  if (run.request.id <= 0) return make_error(ErrorCode::invalid, "请指定抽查样本编号（sample）");
  auto tx = run.store.begin(TxMode::read);
  if (!tx) return tx.error();
  auto s = (*tx)->field_work().find_sample(run.request.id);
  if (!s) return s.error();
  if (!*s || !authorize(run.user, Action::read, (*s)->county_code))
    return make_error(ErrorCode::not_found, "没有这个抽查样本：" + std::to_string(run.request.id));
  const Sample& sample = **s;
  auto rows = drawn(**tx, sample);
  if (!rows) return rows.error();
  std::vector<std::string> logins = {sample.drawn_by};
  for (const Drawn& d : *rows) logins.push_back(d.row.task.assignee);
  auto names = people_names((*tx)->accounts(), logins);
  if (!names) return names.error();
  ANJU_TRY(name_region(**tx, sample.county_code, doc.info()));
  auto county = region_name(**tx, sample.county_code);
  if (!county) return county.error();
  std::vector<std::vector<std::string>> lines;
  for (const Drawn& d : *rows) {
    auto j = (*tx)->results().find_judgment(d.row.task.household_id);
    if (!j) return j.error();
    lines.push_back({std::to_string(lines.size() + 1), d.town, d.village, d.row.task.household_id, d.row.head_name,
                     d.row.address, *j ? judge_result_name((*j)->result) + std::string(" ") + grade_text((*j)->grade) : "未初判",
                     enum_name(d.row.task.status),
                     d.row.task.assignee.empty() ? "未分派" : name_of(*names, d.row.task.assignee), ""});
  }
  doc.info().side = PaperSide::landscape;
  doc.info().title = "抽查核实清单";
  doc.title("县级抽查核实清单", *county + "　样本 " + std::to_string(sample.id) + "　共 " +
                                    std::to_string(sample.households) + " 户　抽取人 " +
                                    name_of(*names, sample.drawn_by) + "　抽取时间 " + local_time(sample.drawn_at) +
                                    "　随机种子 " + std::to_string(sample.seed));
  doc.table({{"序号", 0.5}, {"乡镇", 1}, {"村（社区）", 1.1}, {"户编号", 1.7}, {"户主姓名", 0.9}, {"地址", 2.2},
             {"初判", 1.1}, {"核实状态", 1}, {"核实人", 0.9}, {"核实人签字", 1.1}},
            std::move(lines));
  doc.signatures({{"抽查组织人", name_of(*names, sample.drawn_by)}, {"县住建部门审核", ""}});
  return Printed{static_cast<long>(rows->size()), *county, "sample", std::to_string(sample.id)};
}

}  // namespace anju::print
