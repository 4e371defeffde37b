#include "ingest/template_rows.h"

#include <set>

#include "ingest/cell_text.h"
#include "ingest/normalize.h"

namespace anju {
namespace {

// How well one row reads as the template's header.
struct HeaderFit {
  long row = 0;
  int required_found = 0;
  int columns_found = 0;
};

HeaderFit fit_of(TemplateKind kind, const RawRow& raw) {
  HeaderFit fit{raw.row_number, 0, 0};
  std::set<std::string_view> seen;
  for (const std::string& cell : raw.cells) {
    const ColumnSpec* spec = find_column(kind, normalize_cell(cell));
    if (!spec || !seen.insert(spec->key).second) continue;
    ++fit.columns_found;
    if (spec->requirement == Requirement::required) ++fit.required_found;
  }
  return fit;
}

int required_count(TemplateKind kind) {
  int n = 0;
  for (const ColumnSpec& spec : template_columns(kind)) n += spec.requirement == Requirement::required;
  return n;
}

std::string required_names(TemplateKind kind) {
  std::string out;
  for (const ColumnSpec& spec : template_columns(kind)) {
    if (spec.requirement != Requirement::required) continue;
    if (!out.empty()) out += "、";
    out += std::string("“") + spec.name + "”";
  }
  return out;
}

// The name of the column Anju's export or error workbook adds that
// `header` (normalised) is, or nullptr.
const char* export_only(TemplateKind kind, const std::string& header) {
  for (const char* name : export_only_columns(kind))
    if (header == normalize_cell(name)) return name;
  for (const char* name : error_workbook_columns())
    if (header == normalize_cell(name)) return name;
  return nullptr;
}

}  // namespace

// The columns of header row `raw`; a template column named twice is a
// header error.
std::vector<TemplateRows::Column> TemplateRows::map_header(TemplateKind kind, const RawRow& raw,
                                                           std::vector<FieldError>& errors) {
  std::vector<Column> columns;
  std::set<std::string> seen_keys;
  for (size_t i = 0; i < raw.cells.size(); ++i) {
    Column col;
    col.header = normalize_cell(raw.cells[i]);
    if ((col.spec = find_column(kind, col.header)) && !seen_keys.insert(col.spec->key).second)
      errors.push_back(FieldError{raw.row_number, col.spec->key, col.header,
                                  std::string("表头中“") + col.spec->name + "”列重复出现"});
    if (col.header.empty()) col.header = "列" + std::to_string(i + 1);
    if (const char* derived = col.spec ? nullptr : export_only(kind, col.header)) {
      col.skipped = true;
      col.header = derived;
    }
    columns.push_back(std::move(col));
  }
  return columns;
}

Result<TemplateRows::Opened> TemplateRows::open(TemplateKind kind, std::unique_ptr<TableReader> reader) {
  Opened out;
  const int required = required_count(kind);
  // The best partial header seen, to name what it lacks when no sheet has a full one.
  struct Partial {
    HeaderFit fit;
    RawRow row;
    std::string sheet;
  };
  std::optional<Partial> best;
  // The sheets the user sees first; a hidden one only when none has a header.
  std::vector<size_t> sheets;
  for (bool hidden : {false, true})
    for (size_t sheet = 0; sheet < reader->sheet_count(); ++sheet)
      if (reader->sheet_hidden(sheet) == hidden) sheets.push_back(sheet);
  for (size_t sheet : sheets) {
    ANJU_TRY(reader->select_sheet(sheet));
    for (long scanned = 0; scanned < kHeaderScanRows; ++scanned) {
      auto raw = reader->next();
      if (!raw) return raw.error();
      if (!*raw) break;
      if (!(*raw)->encoding_error.empty()) continue;
      const HeaderFit fit = fit_of(kind, **raw);
      if (fit.required_found == required) {
        std::vector<Column> columns = map_header(kind, **raw, out.header_errors);
        out.notes = header_notes(*reader, sheet, fit.row, columns);
        if (out.header_errors.empty())
          out.rows.reset(new TemplateRows(std::move(reader), std::move(columns), fit.row));
        return out;
      }
      if (fit.columns_found >= 1 && (!best || fit.columns_found > best->fit.columns_found))
        best = Partial{fit, std::move(**raw), reader->sheet_name()};
    }
  }
  if (best) {
    // A header with some of the template's columns: say which it lacks.
    const std::vector<Column> columns = map_header(kind, best->row, out.header_errors);
    const std::string at = (best->sheet.empty() ? std::string() : "工作表“" + best->sheet + "”") + "第" +
                           std::to_string(best->fit.row) + "行";
    for (const ColumnSpec& spec : template_columns(kind)) {
      if (spec.requirement != Requirement::required) continue;
      bool present = false;
      for (const Column& c : columns) present = present || c.spec == &spec;
      if (!present)
        out.header_errors.push_back(FieldError{
            best->fit.row, spec.key, "",
            "表头（" + at + "）缺少必填列“" + spec.name + "”（表头可写中文名“" + spec.name +
                "”或英文键“" + spec.key + "”）"});
    }
    return out;
  }
  out.header_errors.push_back(FieldError{
      1, "", "",
      "没有找到表头：在" + std::string(reader->sheet_count() > 1 ? "每个工作表的" : "") + "前" +
          std::to_string(kHeaderScanRows) + "行中都没有含有" + required_names(kind) +
          "的一行；请使用导入模板的表头"});
  return out;
}

// What the report says about the header found: which sheet and row (when
// it is not row 1 of a lone unnamed sheet), and the export's columns skipped.
std::vector<std::string> TemplateRows::header_notes(const TableReader& reader, size_t sheet, long row,
                                                    const std::vector<Column>& columns) {
  std::vector<std::string> notes;
  const std::string name = reader.sheet_name();
  if (reader.sheet_count() > 1 || row > 1 || !name.empty())
    notes.push_back("读取" + std::string(reader.sheet_hidden(sheet) ? "隐藏的" : "") +
                    (name.empty() ? std::string() : "工作表“" + name + "”，") + "表头在第" + std::to_string(row) +
                    "行");
  std::string skipped;
  for (const Column& c : columns)
    if (c.skipped) skipped += (skipped.empty() ? "" : "、") + c.header;
  if (!skipped.empty()) notes.push_back("“" + skipped + "”是导出时由系统生成的列，导入时不读");
  return notes;
}

std::vector<std::string> TemplateRows::extra_headers() const {
  std::vector<std::string> out;
  for (const Column& c : columns_)
    if (!c.spec && !c.skipped) out.push_back(c.header);
  return out;
}

ImportRow TemplateRows::convert(RawRow& r) const {
  ImportRow row;
  row.row_number = r.row_number;
  row.read_error = r.encoding_error;
  row.fields.reserve(r.cells.size());
  for (size_t i = 0; i < r.cells.size(); ++i) {
    const CellKind kind = r.kind(i);
    if (r.cells[i].empty() && kind != CellKind::formula_without_value) continue;
    if (i < columns_.size() && columns_[i].skipped) continue;
    const ColumnSpec* spec = i < columns_.size() ? columns_[i].spec : nullptr;
    const std::string header = i < columns_.size() ? columns_[i].header : "列" + std::to_string(i + 1);
    const bool code = spec && holds_code(spec->key);
    std::string value;
    if (!row.read_error.empty() || (kind == CellKind::text && !(code && looks_scientific(r.cells[i])))) {
      value = std::move(r.cells[i]);  // the common case, without a copy
    } else {
      auto taken = cell_text(r.cells[i], kind, code,
                             spec ? std::string_view(spec->name) : std::string_view(header));
      if (!taken) {
        row.cell_errors.push_back(
            FieldError{row.row_number, spec ? spec->key : header, std::move(r.cells[i]), taken.error().message});
        continue;
      }
      value = std::move(*taken);
    }
    if (row.read_error.empty()) value = normalize_cell(std::move(value));
    if (value.empty()) continue;
    if (spec)
      row.fields.emplace_back(spec->key, std::move(value));
    else
      row.extras.emplace_back(header, std::move(value));
  }
  return row;
}

Result<std::optional<ImportRow>> TemplateRows::next() {
  while (true) {
    auto raw = reader_->next();
    if (!raw) return raw.error();
    if (!*raw) return std::optional<ImportRow>();
    ImportRow row = convert(**raw);
    if (!row.fields.empty() || !row.extras.empty() || !row.readable())
      return std::optional(std::move(row));
  }
}

}  // namespace anju
