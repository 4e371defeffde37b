#include "report/import_report_json.h"

#include <xlsxwriter.h>

namespace anju {
namespace {

nlohmann::ordered_json errors_json(const std::vector<FieldError>& errors) {
  auto out = nlohmann::ordered_json::array();
  for (const FieldError& e : errors)
    out.push_back({{"row", e.row}, {"column", e.column}, {"value", e.value}, {"message", e.message}});
  return out;
}

}  // namespace

nlohmann::ordered_json import_report_to_json(const ImportReport& r) {
  return {
      {"inserted", r.inserted},
      {"updated", r.updated},
      {"unchanged", r.unchanged},
      {"errors", errors_json(r.errors)},
      {"rows", r.rows},
      {"rejected_rows", r.rejected_rows},
      {"error_count", r.error_count},
      {"errors_truncated", r.error_count > static_cast<long>(r.errors.size())},
      {"applied", r.applied},
      {"warnings", errors_json(r.warnings)},
      {"warning_count", r.warning_count},
      {"notes", r.notes},
  };
}

std::string column_label(TemplateKind kind, const std::string& key) {
  if (key.empty()) return "整行";
  if (const ColumnSpec* spec = find_column(kind, key)) return std::string(spec->name) + "(" + key + ")";
  return key;
}

Result<void> write_error_workbook(TemplateKind kind, const nlohmann::json& errors, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(ErrorCode::io, "无法创建文件：" + path);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_worksheet* ws = workbook_add_worksheet(wb, "错误清单");
  const char* heads[] = {"行号", "列", "单元格内容", "问题"};
  const double widths[] = {8, 24, 28, 70};
  for (lxw_col_t c = 0; c < 4; ++c) {
    worksheet_write_string(ws, 0, c, heads[c], bold);
    worksheet_set_column(ws, c, c, widths[c], c == 2 ? text : nullptr);
  }
  lxw_row_t r = 1;
  if (errors.is_array())
    for (const auto& e : errors) {
      worksheet_write_number(ws, r, 0, e.value("row", 0L), nullptr);
      worksheet_write_string(ws, r, 1, column_label(kind, e.value("column", "")).c_str(), nullptr);
      worksheet_write_string(ws, r, 2, e.value("value", "").c_str(), text);
      worksheet_write_string(ws, r, 3, e.value("message", "").c_str(), nullptr);
      ++r;
    }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, r - 1, 3);
  if (workbook_close(wb) != LXW_NO_ERROR) return make_error(ErrorCode::io, "无法写入文件：" + path);
  return {};
}

}  // namespace anju
