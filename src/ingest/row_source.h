#pragma once
// A stream of template rows, whatever the file type: TemplateRows (tables)
// and GeoRows (spatial files) both are one.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/columns.h"
#include "core/import_row.h"
#include "core/result.h"

namespace anju {

class RowSource {
 public:
  virtual ~RowSource() = default;
  // The next non-blank row; nullopt at the end; an error when the file
  // cannot be read further.
  virtual Result<std::optional<ImportRow>> next() = 0;
  virtual double progress() const = 0;
};

struct OpenedSource {
  std::unique_ptr<RowSource> rows;        // null when header_errors is not empty
  std::vector<FieldError> header_errors;  // the header row: missing or repeated columns
  std::vector<std::string> notes;         // which sheet and header row were read
  // Table files: the headers of the columns that are not the template's
  // (the rows' extras), whether or not a row fills them.
  std::vector<std::string> extra_headers;
};

// A table file (.csv/.xlsx) in template `kind`.
Result<OpenedSource> open_template_source(TemplateKind kind, const std::string& path);
// A buildings file: spatial (.geojson/.shp/.gpkg) or a table with a WKT
// column, or a .zip of one; `assume_srs` applies when the file declares no
// CRS; `layer` chooses among several layers in a zip.
Result<OpenedSource> open_geo_source(const std::string& path, const std::string& assume_srs,
                                     const std::string& layer = "");

}  // namespace anju
