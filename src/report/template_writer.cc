#include "report/template_writer.h"

#include <xlsxwriter.h>

namespace anju {
namespace {

const char* requirement_name(Requirement r) {
  switch (r) {
    case Requirement::required: return "必填";
    case Requirement::optional: return "选填";
    case Requirement::conditional: return "条件必填";
  }
  return "";
}

void write_instructions(lxw_workbook* wb, TemplateKind kind, lxw_format* bold,
                        lxw_format* wrap) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "填写说明");
  const char* heads[] = {"列名（表头）", "英文键（也可作表头）", "是否必填", "格式与取值", "示例"};
  const double widths[] = {16, 22, 10, 70, 22};
  for (lxw_col_t c = 0; c < 5; ++c) {
    worksheet_write_string(ws, 0, c, heads[c], bold);
    worksheet_set_column(ws, c, c, widths[c], c == 3 ? wrap : nullptr);
  }
  lxw_row_t r = 1;
  for (const ColumnSpec& spec : template_columns(kind)) {
    worksheet_write_string(ws, r, 0, spec.name, nullptr);
    worksheet_write_string(ws, r, 1, spec.key, nullptr);
    worksheet_write_string(ws, r, 2, requirement_name(spec.requirement), nullptr);
    worksheet_write_string(ws, r, 3, spec.format, wrap);
    worksheet_write_string(ws, r, 4, spec.example, nullptr);
    ++r;
  }
  ++r;
  const char* notes[] = {
      "说明：",
      "1. 第一张工作表的第1行是表头，从第2行起每行一条记录；列的顺序可以调整，未列出的列会作为附加信息保留。",
      "2. 支持 .xlsx 和 .csv（UTF-8 或 GBK 编码）；全角数字、字母和括号会自动转换为半角，单元格首尾空格会被去除。",
      "3. 导入时逐行检查，错误会列出行号（表头为第1行）、列名和原因；正确的行照常导入。",
      "4. 同一文件可以重复导入：内容未变的行不做修改，内容变化的行按户编号（区划按代码）更新。",
  };
  for (const char* n : notes) worksheet_write_string(ws, r++, 0, n, nullptr);
}

}  // namespace

Result<void> write_template(TemplateKind kind, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(ErrorCode::io, "无法创建文件：" + path);
  lxw_format* required = workbook_add_format(wb);
  format_set_bold(required);
  format_set_bg_color(required, 0xFCE4D6);
  format_set_border(required, LXW_BORDER_THIN);
  lxw_format* optional = workbook_add_format(wb);
  format_set_bold(optional);
  format_set_bg_color(optional, 0xDDEBF7);
  format_set_border(optional, LXW_BORDER_THIN);
  // Every data column is text: an 18-digit ID typed into a number cell
  // would lose its last digits.
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);

  lxw_worksheet* ws = workbook_add_worksheet(wb, enum_name(kind));
  lxw_col_t c = 0;
  for (const ColumnSpec& spec : template_columns(kind)) {
    worksheet_write_string(ws, 0, c, spec.name,
                           spec.requirement == Requirement::required ? required : optional);
    worksheet_set_column(ws, c, c, std::string_view(spec.key) == "head_id_number" ? 22 : 14, text);
    worksheet_write_comment(ws, 0, c, spec.format);
    ++c;
  }
  worksheet_freeze_panes(ws, 1, 0);
  write_instructions(wb, kind, bold, wrap);
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return make_error(ErrorCode::io, "写入模板失败：" + path + "（" + lxw_strerror(err) + "）");
  return {};
}

}  // namespace anju
