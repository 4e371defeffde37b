#pragma once
// Turns a TableReader's raw rows into ImportRows of one template. The header
// is looked for, not assumed: in the first kHeaderScanRows rows of each
// sheet, the first row that names all of the template's required columns
// (under title rows, after a notes sheet, among empty columns). Headers
// (Chinese or English) are mapped to keys, cells normalised and checked by
// kind (cell_text.h), blank rows skipped, unknown columns kept as extras.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/columns.h"
#include "core/import_row.h"
#include "ingest/row_source.h"
#include "ingest/table_reader.h"

namespace anju {

class TemplateRows final : public RowSource {
 public:
  static constexpr long kHeaderScanRows = 30;

  struct Opened {
    std::unique_ptr<TemplateRows> rows;     // null when header_errors is not empty
    std::vector<FieldError> header_errors;  // no header, or missing or repeated columns
    std::vector<std::string> notes;         // "读取工作表“花名册”，表头在第3行"
  };

  // Finds the header of `kind` in the reader's sheets and maps it. Fails
  // only when the file cannot be read; a file without a header is Opened
  // with header_errors.
  static Result<Opened> open(TemplateKind kind, std::unique_ptr<TableReader> reader);

  // The next non-blank row after the header. A row whose bytes were not
  // valid text comes back with `read_error` set; cells that cannot be taken
  // as they are, with `cell_errors`.
  Result<std::optional<ImportRow>> next() override;
  double progress() const override { return reader_->progress(); }
  bool has_column(std::string_view key) const {
    for (const auto& c : columns_)
      if (c.spec && key == c.spec->key) return true;
    return false;
  }
  long header_row() const { return header_row_; }
  // The headers of the columns that are not the template's (kept as the
  // row's extras), in file order.
  std::vector<std::string> extra_headers() const;

 private:
  struct Column {
    const ColumnSpec* spec = nullptr;  // null for an extra column
    std::string header;                // the header as written (normalised)
    bool skipped = false;              // a column Anju's export adds (export_only_columns)
  };
  TemplateRows(std::unique_ptr<TableReader> reader, std::vector<Column> columns, long header_row)
      : reader_(std::move(reader)), columns_(std::move(columns)), header_row_(header_row) {}
  ImportRow convert(RawRow& raw) const;
  static std::vector<Column> map_header(TemplateKind kind, const RawRow& raw,
                                        std::vector<FieldError>& errors);
  static std::vector<std::string> header_notes(const TableReader& reader, size_t sheet, long row,
                                               const std::vector<Column>& columns);

  std::unique_ptr<TableReader> reader_;
  std::vector<Column> columns_;
  long header_row_ = 1;
};

}  // namespace anju
