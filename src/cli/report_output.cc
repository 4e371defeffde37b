#include "cli/report_output.h"

#include <nlohmann/json.hpp>

#include "report/import_report_json.h"

namespace anju::cli {
std::string import_report_json(const ImportReport& r) {
  return import_report_to_json(r).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string import_report_text(TemplateKind kind, const ImportReport& r, size_t max_errors) {
  std::string out = std::string("导入") + enum_name(kind) + "：读取 " + std::to_string(r.rows) +
                    " 行；新增 " + std::to_string(r.inserted) + "，更新 " +
                    std::to_string(r.updated) + "，未变 " + std::to_string(r.unchanged);
  if (r.error_count > 0)
    out += "；有误 " + std::to_string(r.rejected_rows) + " 行（" + std::to_string(r.error_count) +
           " 处错误）";
  out += "\n";
  for (const std::string& note : r.notes) out += note + "\n";
  if (!r.applied)
    out += r.rows == 0 && r.error_count > 0 ? "文件表头有误，未导入任何数据。\n"
                                            : "严格模式（--strict）：存在错误，未导入任何数据。\n";
  size_t shown = 0;
  for (const FieldError& e : r.errors) {
    if (shown++ == max_errors) {
      out += "…… 其余 " + std::to_string(r.error_count - static_cast<long>(max_errors)) +
             " 处错误请用 --json 查看\n";
      break;
    }
    out += "  第" + std::to_string(e.row) + "行 " + column_label(kind, e.column);
    if (!e.value.empty()) out += " “" + e.value + "”";
    out += "：" + e.message + "\n";
  }
  if (r.warning_count > 0) out += "提示 " + std::to_string(r.warning_count) + " 条（不影响导入）：\n";
  shown = 0;
  for (const FieldError& w : r.warnings) {
    if (shown++ == max_errors) {
      out += "  …… 其余提示请用 --json 查看\n";
      break;
    }
    out += "  第" + std::to_string(w.row) + "行 " + column_label(kind, w.column) + " “" + w.value +
           "”：" + w.message + "\n";
  }
  return out;
}

}  // namespace anju::cli
