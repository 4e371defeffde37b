#include "ingest/template_rows.h"

#include <set>

#include "ingest/normalize.h"

namespace anju {

TemplateRows::Opened TemplateRows::open(TemplateKind kind, std::unique_ptr<TableReader> reader) {
  Opened out;
  std::vector<Column> columns;
  std::set<std::string> seen_keys;
  for (size_t i = 0; i < reader->header().size(); ++i) {
    Column col;
    col.header = normalize_cell(reader->header()[i]);
    if (const ColumnSpec* spec = find_column(kind, col.header)) {
      col.key = spec->key;
      if (!seen_keys.insert(spec->key).second)
        out.header_errors.push_back(FieldError{1, spec->key, col.header,
                                               std::string("表头中“") + spec->name + "”列重复出现"});
    } else if (col.header.empty()) {
      col.header = "列" + std::to_string(i + 1);
    }
    columns.push_back(std::move(col));
  }
  for (const ColumnSpec& spec : template_columns(kind)) {
    if (spec.requirement == Requirement::required && !seen_keys.count(spec.key))
      out.header_errors.push_back(FieldError{
          1, spec.key, "",
          std::string("缺少必填列“") + spec.name + "”（表头可写中文名“" + spec.name +
              "”或英文键“" + spec.key + "”）"});
  }
  if (out.header_errors.empty())
    out.rows.reset(new TemplateRows(std::move(reader), std::move(columns)));
  return out;
}

Result<std::optional<ImportRow>> TemplateRows::next() {
  while (true) {
    auto raw = reader_->next();
    if (!raw) return raw.error();
    if (!*raw) return std::optional<ImportRow>();
    RawRow& r = **raw;
    ImportRow row;
    row.row_number = r.row_number;
    row.read_error = r.encoding_error;
    row.fields.reserve(r.cells.size());
    bool blank = true;
    for (size_t i = 0; i < r.cells.size(); ++i) {
      std::string value =
          row.read_error.empty() ? normalize_cell(std::move(r.cells[i])) : std::move(r.cells[i]);
      if (value.empty()) continue;
      blank = false;
      if (i < columns_.size() && columns_[i].key)
        row.fields.emplace_back(columns_[i].key, std::move(value));
      else
        row.extras.emplace_back(i < columns_.size() ? columns_[i].header
                                                    : "列" + std::to_string(i + 1),
                                std::move(value));
    }
    if (!blank) return std::optional(std::move(row));
  }
}

}  // namespace anju
