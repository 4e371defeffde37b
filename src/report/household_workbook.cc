#include "report/household_workbook.h"

#include <xlsxwriter.h>

#include <array>

#include "core/judgment.h"
#include "core/match_types.h"

namespace anju {
namespace {

struct Column {
  const char* head;
  double width;
};
constexpr std::array<Column, 14> kColumns = {{
    {"户编号", 18}, {"村（社区）", 12}, {"户主姓名", 10}, {"身份证号", 20}, {"家庭人口", 8},
    {"联系电话", 13}, {"住址", 28}, {"户类型", 10}, {"户状态", 8}, {"现住房情况", 14},
    {"人房对应", 14}, {"对应图斑编号", 22}, {"初判结论", 22}, {"初判原因", 30},
}};

}  // namespace

Result<std::unique_ptr<HouseholdWorkbook>> HouseholdWorkbook::create(const std::string& path,
                                                                     const std::string& scope,
                                                                     const std::string& made_by,
                                                                     const std::string& made_at) {
  std::unique_ptr<HouseholdWorkbook> out(new HouseholdWorkbook());
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  out->wb_ = workbook_new_opt(path.c_str(), &options);
  if (!out->wb_) return make_error(ErrorCode::io, "无法创建文件：" + path);
  out->path_ = path;
  out->ws_ = workbook_add_worksheet(out->wb_, "农户清单");
  out->text_ = workbook_add_format(out->wb_);
  format_set_num_format(out->text_, "@");
  lxw_format* bold = workbook_add_format(out->wb_);
  format_set_bold(bold);
  for (unsigned c = 0; c < kColumns.size(); ++c) worksheet_set_column(out->ws_, c, c, kColumns[c].width, nullptr);
  const std::string title = "农户清单（" + scope + "）  导出人：" + made_by + "  导出时间：" + made_at;
  worksheet_write_string(out->ws_, 0, 0, title.c_str(), bold);
  for (unsigned c = 0; c < kColumns.size(); ++c) worksheet_write_string(out->ws_, 1, c, kColumns[c].head, bold);
  worksheet_freeze_panes(out->ws_, 2, 0);
  out->row_ = 2;
  return out;
}

HouseholdWorkbook::~HouseholdWorkbook() {
  if (wb_) workbook_close(wb_);
}

void HouseholdWorkbook::add(const HouseholdListRow& row, const std::string& village) {
  const Household& h = row.household;
  std::string reasons;
  for (Reason r : row.reasons) reasons += (reasons.empty() ? "" : "、") + std::string(reason_name(r));
  const std::array<std::string, kColumns.size()> cells = {
      h.household_id,
      village,
      h.head_name,
      h.head_id_number,
      std::to_string(h.members),
      h.phone,
      h.address,
      enum_name(h.category),
      enum_name(h.status),
      enum_name(h.housing),
      row.match_outcome ? match_outcome_name(*row.match_outcome) : "未对应",
      row.matched_parcel,
      row.result ? judge_result_name(*row.result) : "未初判",
      reasons,
  };
  for (unsigned c = 0; c < cells.size(); ++c) {
    if (c == 4) worksheet_write_number(ws_, row_, c, h.members, nullptr);
    else if (!cells[c].empty()) worksheet_write_string(ws_, row_, c, cells[c].c_str(), text_);
  }
  ++row_;
}

Result<void> HouseholdWorkbook::close() {
  if (row_ > 2) worksheet_autofilter(ws_, 1, 0, row_ - 1, kColumns.size() - 1);
  const lxw_error e = workbook_close(wb_);
  wb_ = nullptr;
  if (e != LXW_NO_ERROR) return make_error(ErrorCode::io, "无法写入文件：" + path_);
  return {};
}

}  // namespace anju
