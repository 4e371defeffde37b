#pragma once
// Turns a TableReader's raw rows into ImportRows of one template: headers
// (Chinese or English) are mapped to keys, cells normalised, blank rows
// skipped, unknown columns kept as extras.

#include <memory>
#include <optional>
#include <vector>

#include "core/columns.h"
#include "core/import_row.h"
#include "ingest/row_source.h"
#include "ingest/table_reader.h"

namespace anju {

class TemplateRows final : public RowSource {
 public:
  struct Opened {
    std::unique_ptr<TemplateRows> rows;  // null when header_errors is not empty
    std::vector<FieldError> header_errors;  // row 1: missing or repeated columns
  };

  // Maps the reader's header onto `kind`'s columns.
  static Opened open(TemplateKind kind, std::unique_ptr<TableReader> reader);

  // The next non-blank row. A row whose bytes were not valid text comes back
  // with `read_error` set.
  Result<std::optional<ImportRow>> next() override;
  double progress() const override { return reader_->progress(); }
  bool has_column(std::string_view key) const {
    for (const auto& c : columns_)
      if (c.key && key == c.key) return true;
    return false;
  }
  std::string encoding() const { return reader_->encoding(); }

 private:
  struct Column {
    const char* key = nullptr;  // template key, or null for an extra column
    std::string header;         // the header as written (normalised)
  };
  TemplateRows(std::unique_ptr<TableReader> reader, std::vector<Column> columns)
      : reader_(std::move(reader)), columns_(std::move(columns)) {}

  std::unique_ptr<TableReader> reader_;
  std::vector<Column> columns_;
};

}  // namespace anju
