#pragma once
// Rows of the buildings template with their footprints (DOMAIN.md §4.2),
// read through GDAL/OGR: GeoJSON, Shapefile (DBF in UTF-8 or GBK, from the
// .cpg or detected; field names cut to 10 bytes accepted), GeoPackage, or
// CSV/XLSX with a WKT column 几何/wkt. Every geometry is transformed to
// lon/lat EPSG:4490 and checked (polygonal, not empty, valid, inside China).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/columns.h"
#include "core/import_row.h"
#include "ingest/gdal_handles.h"
#include "ingest/template_rows.h"

namespace anju {

// The most vertices a footprint may have (all rings together): more is a
// row error, found before the geometry is checked or transformed.
inline constexpr long kMaxFootprintVertices = 10000;

class GeoRows final : public RowSource {
 public:
  struct Opened {
    std::unique_ptr<GeoRows> rows;
    std::vector<FieldError> header_errors;
    std::vector<std::string> notes;
  };
  // `assume_srs` ("EPSG:4547", …) is used when the file declares no CRS;
  // empty means EPSG:4490. Fails with `invalid`/`io` when the file cannot
  // be opened as a vector layer, or has no CRS and coordinates that are not
  // lon/lat. A .zip is read in place (zipped_layer.h); `layer` chooses
  // among several layers in it.
  static Result<Opened> open(const std::string& path, const std::string& assume_srs,
                             const std::string& layer = "");

  // The next feature as a row (row number = feature ordinal + 1, as if the
  // attribute table were a sheet with a header row), nullopt at the end.
  Result<std::optional<ImportRow>> next() override;
  double progress() const override;

 private:
  GeoRows() = default;
  Result<std::optional<ImportRow>> next_feature();
  Result<std::optional<ImportRow>> next_table_row();
  // Checks, transforms and stores a geometry in `row`.
  void set_geometry(ImportRow& row, gdal::Geometry geometry) const;

  // OGR layer mode (GeoJSON, Shapefile, GeoPackage)
  gdal::Dataset dataset_;
  OGRLayerH layer_ = nullptr;  // the dataset's
  std::vector<const ColumnSpec*> fields_;  // per OGR field, null for extras
  std::vector<bool> real_fields_;          // per OGR field: stored as floating point
  std::vector<std::string> field_names_;
  bool gbk_ = false;  // DBF text is GBK, recoded to UTF-8 as read
  long total_ = 0;
  long read_ = 0;
  // Table mode (CSV, XLSX with WKT)
  std::unique_ptr<TemplateRows> table_;
  // Both
  gdal::Transform transform_;  // null when already EPSG:4490
};

}  // namespace anju
