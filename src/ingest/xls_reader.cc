#include "ingest/xls_reader.h"

#include <freexl.h>

#include <cstdio>

namespace anju {
namespace {

Error freexl_error() {
  return Error{ErrorCode::invalid,
               "无法读取该 Excel 97-2003 / WPS 工作簿（文件已损坏或格式不受支持），请另存为 .xlsx 后再导入"};
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

Result<std::unique_ptr<XlsReader>> XlsReader::open(const std::string& path, const ReadLimits& limits) {
  const void* handle = nullptr;
  if (freexl_open(path.c_str(), &handle) != FREEXL_OK) {
    if (handle) freexl_close(handle);
    return freexl_error();
  }
  std::unique_ptr<XlsReader> r(new XlsReader(handle, limits));
  unsigned password = 0;
  if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password != FREEXL_BIFF_PLAIN)
    return make_error(ErrorCode::invalid, "工作簿设置了密码保护，请取消密码后再导入");
  unsigned count = 0;
  if (freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0)
    return make_error(ErrorCode::invalid, "Excel 文件中没有工作表");
  for (unsigned short i = 0; i < count; ++i) {
    const char* name = nullptr;
    freexl_get_worksheet_name(handle, i, &name);
    r->sheets_.emplace_back(name ? name : "");
  }
  ANJU_TRY(r->select_sheet(0));
  return r;
}

XlsReader::~XlsReader() { freexl_close(handle_); }

Result<void> XlsReader::select_sheet(std::size_t index) {
  if (index >= sheets_.size())
    return make_error(ErrorCode::invalid, "文件中没有第" + std::to_string(index + 1) + "个工作表");
  if (freexl_select_active_worksheet(handle_, static_cast<unsigned short>(index)) != FREEXL_OK)
    return freexl_error();
  if (freexl_worksheet_dimensions(handle_, &rows_, &columns_) != FREEXL_OK)
    return freexl_error();
  if (static_cast<long>(columns_) > limits_.max_columns)
    return make_error(ErrorCode::invalid, "工作表超过" + std::to_string(limits_.max_columns) +
                                              "列，文件不像是导入模板");
  sheet_ = index;
  next_row_ = 0;
  return {};
}

Result<std::optional<RawRow>> XlsReader::next() {
  if (next_row_ >= rows_) return std::optional<RawRow>();
  RawRow row;
  row.row_number = static_cast<long>(next_row_) + 1;
  row.cells.resize(columns_);
  row.kinds.resize(columns_, CellKind::text);
  for (unsigned short c = 0; c < columns_; ++c) {
    FreeXL_CellValue v;
    if (freexl_get_cell_value(handle_, next_row_, c, &v) != FREEXL_OK)
      return freexl_error();
    switch (v.type) {
      case FREEXL_CELL_INT:
        row.cells[c] = std::to_string(v.value.int_value);
        row.kinds[c] = CellKind::number;
        break;
      case FREEXL_CELL_DOUBLE:
        row.cells[c] = number_text(v.value.double_value);
        row.kinds[c] = CellKind::number;
        break;
      case FREEXL_CELL_TEXT:
      case FREEXL_CELL_SST_TEXT:
        row.cells[c] = v.value.text_value ? v.value.text_value : "";
        if (row.cells[c].size() > limits_.max_cell_bytes)
          return make_error(ErrorCode::invalid, "第" + std::to_string(row.row_number) +
                                                    "行有单元格超过32767个字符，文件不像是导入模板");
        break;
      case FREEXL_CELL_DATE:
      case FREEXL_CELL_DATETIME:
      case FREEXL_CELL_TIME:
        row.cells[c] = v.value.text_value ? v.value.text_value : "";
        row.kinds[c] = CellKind::date;
        break;
      default:
        break;  // FREEXL_CELL_NULL
    }
  }
  ++next_row_;
  return std::optional(std::move(row));
}

double XlsReader::progress() const {
  return rows_ ? static_cast<double>(next_row_) / static_cast<double>(rows_) : 1.0;
}

}  // namespace anju
