#include "report/import_report_json.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <map>
#include <set>

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

nlohmann::json rejected_rows_json(TemplateKind kind, const ImportReport& report) {
  if (kind == TemplateKind::buildings || report.rows == 0) return nullptr;
  auto out = nlohmann::json::array();
  for (const RejectedRow& r : report.rejected) {
    auto fields = nlohmann::json::object();
    for (const auto& [key, value] : r.fields) fields[key] = value;
    // Extras as pairs, to keep the file's order of columns.
    auto extras = nlohmann::json::array();
    for (const auto& [header, value] : r.extras) extras.push_back({header, value});
    out.push_back({{"row", r.row}, {"fields", std::move(fields)}, {"extras", std::move(extras)}});
  }
  return out;
}

namespace {

struct Formats {
  lxw_format* bold = nullptr;
  lxw_format* text = nullptr;
  lxw_format* fault = nullptr;  // a cell the row was rejected for
};

// The template's name of `key`, "整行" for the whole row.
std::string column_name(TemplateKind kind, const std::string& key) {
  if (key.empty()) return "整行";
  if (const ColumnSpec* spec = find_column(kind, key)) return spec->name;
  return key;
}

// The file's extra columns (`file_extras`), then any other header a kept
// row has (a cell kept under a key that is not the template's), in the
// order first met: every extra column of the file, filled or not, so that a
// re-import clears what the file meant to clear.
std::vector<std::string> extra_headers(TemplateKind kind, const nlohmann::json& file_extras,
                                       const nlohmann::json& rejected) {
  std::vector<std::string> out;
  const auto add = [&out](const std::string& h) {
    if (std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
  };
  if (file_extras.is_array())
    for (const auto& h : file_extras)
      if (h.is_string()) add(h.get<std::string>());
  for (const auto& r : rejected) {
    const nlohmann::json fields = r.value("fields", nlohmann::json::object());
    for (const auto& [key, value] : fields.items())
      if (!find_column(kind, key)) add(key);
    for (const auto& pair : r.value("extras", nlohmann::json::array()))
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string()) add(pair[0].get<std::string>());
  }
  return out;
}

// Each row's errors, by row number.
std::map<long, std::vector<const nlohmann::json*>> errors_by_row(const nlohmann::json& errors) {
  std::map<long, std::vector<const nlohmann::json*>> out;
  if (errors.is_array())
    for (const auto& e : errors) out[e.value("row", 0L)].push_back(&e);
  return out;
}

// One rejected row: its number, its problems, and its cells in `columns`
// (template keys, then extra headers), the cells at fault marked.
void write_rejected_row(lxw_worksheet* ws, lxw_row_t at, TemplateKind kind, const nlohmann::json& r,
                        const std::vector<const nlohmann::json*>& errors, const std::vector<std::string>& keys,
                        const std::vector<std::string>& extras, const Formats& f) {
  std::string problems;
  std::set<std::string> faulty;
  for (const nlohmann::json* e : errors) {
    const std::string key = e->value("column", "");
    faulty.insert(key);
    problems += (problems.empty() ? "" : "；") + column_name(kind, key) + "：" + e->value("message", "");
  }
  worksheet_write_number(ws, at, 0, static_cast<double>(r.value("row", 0L)), nullptr);
  worksheet_write_string(ws, at, 1, problems.c_str(), nullptr);
  const nlohmann::json fields = r.value("fields", nlohmann::json::object());
  lxw_col_t c = 2;
  for (const std::string& key : keys) {
    const std::string value = fields.is_object() ? fields.value(key, "") : "";
    worksheet_write_string(ws, at, c++, value.c_str(), faulty.count(key) ? f.fault : f.text);
  }
  std::map<std::string, std::string> extra_values;
  for (const auto& pair : r.value("extras", nlohmann::json::array()))
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string())
      extra_values[pair[0].get<std::string>()] = pair[1].get<std::string>();
  for (const auto& [key, value] : fields.items())
    if (value.is_string() && !find_column(kind, key)) extra_values[key] = value.get<std::string>();
  for (const std::string& header : extras)
    worksheet_write_string(ws, at, c++, extra_values[header].c_str(), faulty.count(header) ? f.fault : f.text);
}

// A row with only its number and what to do: the rows rejected whose cells
// are not here (unreadable bytes, rejected after the rows were read, past
// the rows kept). An import skips it as blank.
void write_note_row(lxw_worksheet* ws, lxw_row_t at, long row, const std::string& note) {
  worksheet_write_number(ws, at, 0, static_cast<double>(row), nullptr);
  worksheet_write_string(ws, at, 1, note.c_str(), nullptr);
}

// 待修改行: the rejected rows in the template's columns, ready to correct;
// a rejected row not kept is named with its problems, to mend in the file.
void write_rows_sheet(lxw_workbook* wb, TemplateKind kind, const nlohmann::json& errors,
                      const nlohmann::json& rejected, const nlohmann::json& file_extras, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "待修改行");
  std::vector<std::string> keys;
  for (const ColumnSpec& spec : template_columns(kind)) keys.emplace_back(spec.key);
  const std::vector<std::string> extras = extra_headers(kind, file_extras, rejected);
  worksheet_write_string(ws, 0, 0, kSourceRowColumn, f.bold);
  worksheet_write_string(ws, 0, 1, kProblemColumn, f.bold);
  worksheet_set_column(ws, 0, 0, 8, nullptr);
  worksheet_set_column(ws, 1, 1, 48, nullptr);
  lxw_col_t c = 2;
  for (const std::string& key : keys) worksheet_write_string(ws, 0, c++, find_column(kind, key)->name, f.bold);
  for (const std::string& header : extras) worksheet_write_string(ws, 0, c++, header.c_str(), f.bold);
  if (c > 2) worksheet_set_column(ws, 2, c - 1, 18, f.text);
  const auto by_row = errors_by_row(errors);
  std::set<long> written;
  lxw_row_t at = 1;
  for (const auto& r : rejected) {
    const long row = r.value("row", 0L);
    const auto found = by_row.find(row);
    const auto none = std::vector<const nlohmann::json*>();
    if (r.value("fields", nlohmann::json::object()).empty() && r.value("extras", nlohmann::json::array()).empty())
      continue;  // nothing of it could be kept: named below
    write_rejected_row(ws, at++, kind, r, found == by_row.end() ? none : found->second, keys, extras, f);
    written.insert(row);
  }
  for (const auto& [row, row_errors] : by_row) {
    if (written.count(row)) continue;
    std::string problems;
    for (const nlohmann::json* e : row_errors)
      problems += (problems.empty() ? "" : "；") + column_name(kind, e->value("column", "")) + "：" + e->value("message", "");
    write_note_row(ws, at++, row, "（此行原内容未能列在这里，请在原文件第" + std::to_string(row) + "行改正）" + problems);
  }
  worksheet_freeze_panes(ws, 1, 2);
  worksheet_autofilter(ws, 0, 0, at - 1, c - 1);
}

// 错误清单: one line per error.
void write_errors_sheet(lxw_workbook* wb, TemplateKind kind, const nlohmann::json& errors, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, "错误清单");
  const char* heads[] = {"行号", "列", "单元格内容", "问题"};
  const double widths[] = {8, 24, 28, 70};
  for (lxw_col_t c = 0; c < 4; ++c) {
    worksheet_write_string(ws, 0, c, heads[c], f.bold);
    worksheet_set_column(ws, c, c, widths[c], c == 2 ? f.text : nullptr);
  }
  lxw_row_t r = 1;
  if (errors.is_array())
    for (const auto& e : errors) {
      worksheet_write_number(ws, r, 0, static_cast<double>(e.value("row", 0L)), nullptr);
      worksheet_write_string(ws, r, 1, column_label(kind, e.value("column", "")).c_str(), nullptr);
      worksheet_write_string(ws, r, 2, e.value("value", "").c_str(), f.text);
      worksheet_write_string(ws, r, 3, e.value("message", "").c_str(), nullptr);
      ++r;
    }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, r - 1, 3);
}

}  // namespace

Result<void> write_error_workbook(TemplateKind kind, const nlohmann::json& errors, const nlohmann::json& rejected,
                                  const nlohmann::json& file_extras, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(ErrorCode::io, "无法创建文件：" + path);
  Formats f;
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);
  f.text = workbook_add_format(wb);
  format_set_num_format(f.text, "@");
  f.fault = workbook_add_format(wb);
  format_set_num_format(f.fault, "@");
  format_set_bg_color(f.fault, 0xFFC7CE);
  format_set_font_color(f.fault, 0x9C0006);
  if (rejected.is_array() && errors.is_array() && !errors.empty())
    write_rows_sheet(wb, kind, errors, rejected, file_extras, f);
  write_errors_sheet(wb, kind, errors, f);
  if (workbook_close(wb) != LXW_NO_ERROR) return make_error(ErrorCode::io, "无法写入文件：" + path);
  return {};
}

}  // namespace anju
