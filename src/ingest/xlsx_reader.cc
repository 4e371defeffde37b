#include "ingest/xlsx_reader.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <deque>

#include "core/date.h"

namespace anju {
namespace {

// "B12" → column 1 (zero-based); -1 when there is no column part.
long column_of(std::string_view ref) {
  long col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 1'000'000) return -1;
  }
  return i == 0 ? -1 : col - 1;
}

long to_long(std::string_view s, long fallback) {
  long v = fallback;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() ? v : fallback;
}

}  // namespace

std::optional<std::string> excel_serial_text(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465.99999) return std::nullopt;
  double day = std::floor(serial);
  long seconds = std::lround((serial - day) * 86400.0);
  if (seconds >= 86400) day += 1, seconds -= 86400;
  long days;  // since 1970-01-01
  if (date1904) {
    days = static_cast<long>(day) - 24107;
  } else {
    if (day < 1) return std::nullopt;  // serial 0 is "1900-01-00"
    if (day == 60) return std::nullopt;  // Excel's phantom 1900-02-29
    days = static_cast<long>(day) - (day > 60 ? 25569 : 25568);
  }
  std::string text = Date::from_days_since_epoch(days).to_string();
  if (seconds != 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " %02ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60, seconds % 60);
    text += buf;
  }
  return text;
}

// Turns the sheet's XML into RawRows, queued as each </row> ends.
class XlsxReader::SheetHandler final : public XmlHandler {
 public:
  SheetHandler(const XlsxWorkbook& wb, const ReadLimits& limits) : wb_(wb), limits_(limits) {}
  std::deque<RawRow> rows;

  void start(std::string_view name, const char** attrs) override {
    if (failed()) return;
    if (name == "row") {
      const long r = to_long(attr(attrs, "r").value_or(""), last_row_ + 1);
      if (r <= last_row_ || r > limits_.max_rows)
        return fail(Error{ErrorCode::invalid, r > limits_.max_rows
                                                  ? "工作表超过" + std::to_string(limits_.max_rows) + "行"
                                                  : "工作表的行号顺序错乱，文件可能已损坏"});
      row_ = RawRow{};
      row_.row_number = last_row_ = r;
      last_col_ = -1;
      in_row_ = true;
    } else if (name == "c" && in_row_) {
      const long col = column_of(attr(attrs, "r").value_or(""));
      col_ = col >= 0 ? col : last_col_ + 1;
      if (col_ <= last_col_ || col_ >= limits_.max_columns)
        return fail(Error{ErrorCode::invalid, col_ >= limits_.max_columns
                                                  ? "第" + std::to_string(row_.row_number) + "行超过" +
                                                        std::to_string(limits_.max_columns) + "列，文件不像是导入模板"
                                                  : "工作表的列顺序错乱，文件可能已损坏"});
      last_col_ = col_;
      type_ = std::string(attr(attrs, "t").value_or("n"));
      style_ = to_long(attr(attrs, "s").value_or("0"), 0);
      value_.clear();
      has_value_ = has_formula_ = false;
    } else if (name == "v") {
      capture_ = true;
      has_value_ = true;
    } else if (name == "f") {
      has_formula_ = true;
    } else if (name == "is") {
      in_inline_ = true;
      has_value_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_inline_ && !phonetic_) {
      capture_ = true;
    }
  }

  void end(std::string_view name) override {
    if (failed()) return;
    if (name == "v" || name == "t") {
      capture_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_;
    } else if (name == "c" && in_row_) {
      finish_cell();
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      rows.push_back(std::move(row_));
    }
  }

  void text(std::string_view piece) override {
    if (!capture_ || failed()) return;
    if (value_.size() + piece.size() > limits_.max_cell_bytes)
      return fail(Error{ErrorCode::invalid, "第" + std::to_string(row_.row_number) +
                                                "行有单元格超过32767个字符，文件不像是导入模板"});
    value_.append(piece);
  }

 private:
  void put(std::string text, CellKind kind) {
    const size_t at = static_cast<size_t>(col_);
    if (row_.cells.size() <= at) {
      row_.cells.resize(at + 1);
      row_.kinds.resize(at + 1, CellKind::text);
    }
    row_.cells[at] = std::move(text);
    row_.kinds[at] = kind;
  }

  void finish_cell() {
    if (type_ == "s") {
      const long i = to_long(value_, -1);
      if (!has_value_) return;
      if (i < 0 || static_cast<size_t>(i) >= wb_.shared_strings.size())
        return fail(Error{ErrorCode::invalid, "工作表引用了不存在的共享字符串，文件可能已损坏"});
      return put(wb_.shared_strings[static_cast<size_t>(i)], CellKind::text);
    }
    if (type_ == "inlineStr") return put(std::move(value_), CellKind::text);
    // openpyxl writes a formula it cannot calculate with an empty <v/>.
    if (has_value_ && value_.empty() && type_ != "str") has_value_ = false;
    if (!has_value_) {
      if (has_formula_) put("", CellKind::formula_without_value);
      return;  // a styled empty cell
    }
    if (type_ == "str") return put(std::move(value_), CellKind::text);
    if (type_ == "b") return put(value_ == "1" ? "TRUE" : "FALSE", CellKind::boolean);
    if (type_ == "e") return put(std::move(value_), CellKind::error);
    if (type_ == "d") return put(value_.substr(0, 10), CellKind::date);
    // A number; shown as a date by its style.
    const bool date_style = style_ >= 0 && static_cast<size_t>(style_) < wb_.date_styles.size() &&
                            wb_.date_styles[static_cast<size_t>(style_)];
    const size_t pad = style_ >= 0 && static_cast<size_t>(style_) < wb_.zero_pad.size()
                           ? wb_.zero_pad[static_cast<size_t>(style_)]
                           : 0;
    if (pad > 0 && value_.find_first_not_of("0123456789") == std::string::npos && value_.size() < pad)
      value_.insert(0, pad - value_.size(), '0');  // shown as 00123: the office typed the zeros
    if (date_style) {
      char* end = nullptr;
      const double serial = std::strtod(value_.c_str(), &end);
      if (auto text = excel_serial_text(serial, wb_.date1904); text && end && *end == '\0')
        return put(std::move(*text), CellKind::date);
    }
    put(std::move(value_), CellKind::number);
  }

  const XlsxWorkbook& wb_;
  const ReadLimits& limits_;
  RawRow row_;
  bool in_row_ = false, in_inline_ = false, capture_ = false, has_value_ = false, has_formula_ = false;
  int phonetic_ = 0;
  long last_row_ = 0, last_col_ = -1, col_ = 0, style_ = 0;
  std::string type_, value_;
};

XlsxReader::XlsxReader(std::unique_ptr<ZipArchive> zip, XlsxWorkbook workbook, const ReadLimits& limits)
    : zip_(std::move(zip)), workbook_(std::move(workbook)), limits_(limits) {}

XlsxReader::~XlsxReader() = default;

Result<std::unique_ptr<XlsxReader>> XlsxReader::open(const std::string& path, const ReadLimits& limits) {
  auto zip = ZipArchive::open(path, limits.max_unpacked_bytes);
  if (!zip) return zip.error();
  auto wb = XlsxWorkbook::read(**zip, limits);
  if (!wb) return wb.error();
  std::unique_ptr<XlsxReader> r(new XlsxReader(std::move(*zip), std::move(*wb), limits));
  ANJU_TRY(r->select_sheet(0));
  return r;
}

std::string XlsxReader::sheet_name() const { return workbook_.sheets[sheet_].name; }

Result<void> XlsxReader::select_sheet(std::size_t index) {
  if (index >= workbook_.sheets.size())
    return make_error(ErrorCode::invalid, "文件中没有第" + std::to_string(index + 1) + "个工作表");
  const std::string& part = workbook_.sheets[index].part;
  auto entry = zip_->open_entry(part);
  if (!entry) return entry.error();  // the sheet read so far stays selected
  stream_.reset();
  handler_ = std::make_unique<SheetHandler>(workbook_, limits_);
  sheet_ = index;
  sheet_size_ = zip_->declared_size(part);
  stream_ = std::make_unique<XmlStream>(*handler_, std::move(*entry), part);
  return {};
}

Result<std::optional<RawRow>> XlsxReader::next() {
  while (handler_->rows.empty()) {
    auto more = stream_->feed();
    if (!more) return more.error();
    if (!*more && handler_->rows.empty()) return std::optional<RawRow>();
  }
  RawRow row = std::move(handler_->rows.front());
  handler_->rows.pop_front();
  return std::optional(std::move(row));
}

double XlsxReader::progress() const {
  if (sheet_size_ == 0) return 1.0;
  return std::min(1.0, static_cast<double>(stream_->consumed()) / static_cast<double>(sheet_size_));
}

}  // namespace anju
