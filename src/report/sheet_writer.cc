#include "report/sheet_writer.h"

#include <xlsxwriter.h>

#include "core/date.h"

namespace anju {
namespace {

constexpr const char* kFont = "宋体";

}  // namespace

Result<std::unique_ptr<SheetWriter>> SheetWriter::create(const std::string& path, const BookInfo& info) {
  std::unique_ptr<SheetWriter> out(new SheetWriter());
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  out->wb_ = workbook_new_opt(path.c_str(), &options);
  if (!out->wb_) return make_error(ErrorCode::io, "无法创建文件：" + path);
  out->path_ = path;
  out->info_ = info;
  // Every cell in a CJK font the county's Excel and WPS have.
  auto format = [&out] {
    lxw_format* f = workbook_add_format(out->wb_);
    format_set_font_name(f, kFont);
    return f;
  };
  out->text_ = format();
  format_set_num_format(out->text_, "@");
  out->date_ = format();
  format_set_num_format(out->date_, "yyyy-mm-dd");
  out->number_ = format();
  format_set_num_format(out->number_, "0.##");
  out->integer_ = format();
  out->title_ = format();
  format_set_bold(out->title_);
  format_set_font_size(out->title_, 14);
  format_set_align(out->title_, LXW_ALIGN_CENTER);
  format_set_align(out->title_, LXW_ALIGN_VERTICAL_CENTER);
  out->head_ = format();
  format_set_bold(out->head_);
  format_set_bg_color(out->head_, 0xDDEBF7);
  format_set_border(out->head_, LXW_BORDER_THIN);
  format_set_text_wrap(out->head_);
  out->strings_ = {info.title, info.made_by,
                   "导出人：" + info.made_by + "；导出时间：" + local_minute_text(info.made_at) + "；范围：" + info.scope,
                   "安居·农村住房安全保障", "住房安全"};
  lxw_doc_properties props{};
  props.title = out->strings_[0].data();
  props.author = out->strings_[1].data();
  props.comments = out->strings_[2].data();
  props.company = out->strings_[3].data();
  props.category = out->strings_[4].data();
  if (auto secs = parse_iso_seconds(info.made_at)) props.created = static_cast<time_t>(*secs);
  workbook_set_properties(out->wb_, &props);
  return out;
}

SheetWriter::~SheetWriter() {
  if (wb_) workbook_close(wb_);
}

void SheetWriter::end_sheet() {
  if (ws_ && rows_ > 0) worksheet_autofilter(ws_, 1, 0, next_ - 1, static_cast<lxw_col_t>(columns_.size() - 1));
}

// Paper: A4, landscape when the columns are wider than a portrait page,
// one page wide however long, the title and header rows on every page, and
// the page number and maker in the footer.
void SheetWriter::set_up_page(double width) {
  constexpr double kPortraitWidth = 95;  // column-width units across A4 portrait inside the margins
  constexpr uint8_t kA4 = 9;
  worksheet_set_paper(ws_, kA4);
  if (width > kPortraitWidth) worksheet_set_landscape(ws_);
  worksheet_fit_to_pages(ws_, 1, 0);
  worksheet_repeat_rows(ws_, 0, 1);
  worksheet_set_margins(ws_, 0.4, 0.4, 0.6, 0.6);
  footers_.push_back("&L导出人：" + info_.made_by + "  " + local_minute_text(info_.made_at) + "&R第 &P 页 共 &N 页");
  worksheet_set_footer(ws_, footers_.back().c_str());
}

void SheetWriter::add_sheet(const std::string& name, const std::string& title, std::vector<SheetColumn> columns) {
  end_sheet();
  ws_ = workbook_add_worksheet(wb_, name.c_str());
  columns_ = std::move(columns);
  double width = 0;
  for (unsigned c = 0; c < columns_.size(); ++c) {
    worksheet_set_column(ws_, c, c, columns_[c].width, nullptr);
    width += columns_[c].width;
  }
  set_up_page(width);
  const std::string line = title + "（" + info_.scope + "）" + (info_.campaign.empty() ? "" : "  " + info_.campaign) +
                           "  导出人：" + info_.made_by +
                           "  导出时间：" + local_minute_text(info_.made_at);
  worksheet_set_row(ws_, 0, 28, nullptr);
  const auto last = static_cast<lxw_col_t>(columns_.empty() ? 0 : columns_.size() - 1);
  if (last > 0) worksheet_merge_range(ws_, 0, 0, 0, last, line.c_str(), title_);
  else worksheet_write_string(ws_, 0, 0, line.c_str(), title_);
  worksheet_set_row(ws_, 1, 30, nullptr);
  for (unsigned c = 0; c < columns_.size(); ++c) worksheet_write_string(ws_, 1, c, columns_[c].head.c_str(), head_);
  worksheet_freeze_panes(ws_, 2, 0);
  next_ = 2;
  rows_ = 0;
}

void SheetWriter::row(const std::vector<Cell>& cells) {
  const size_t n = std::min(cells.size(), columns_.size());
  for (unsigned c = 0; c < n; ++c) {
    const Cell& cell = cells[c];
    if (const auto* s = std::get_if<std::string>(&cell)) {
      if (!s->empty()) worksheet_write_string(ws_, next_, c, s->c_str(), text_);
    } else if (const auto* d = std::get_if<double>(&cell)) {
      worksheet_write_number(ws_, next_, c, *d, columns_[c].type == CellType::integer ? integer_ : number_);
    } else if (const auto* day = std::get_if<Date>(&cell)) {
      lxw_datetime dt{day->year, day->month, day->day, 0, 0, 0};
      worksheet_write_datetime(ws_, next_, c, &dt, date_);
    }
  }
  ++next_;
  ++rows_;
}

Result<void> SheetWriter::close() {
  end_sheet();
  const lxw_error e = workbook_close(wb_);
  wb_ = nullptr;
  if (e != LXW_NO_ERROR) return make_error(ErrorCode::io, "无法写入文件：" + path_ + "（" + lxw_strerror(e) + "）");
  return {};
}

Cell text_cell(const std::string& s) { return s.empty() ? Cell() : Cell(s); }
Cell date_cell(const std::optional<Date>& d) { return d ? Cell(*d) : Cell(); }

}  // namespace anju
