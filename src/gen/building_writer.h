#pragma once
// Writes generated buildings in the buildings template through GDAL/OGR:
// GeoJSON for small sets, GeoPackage (one transaction per 10,000 features)
// for large ones. Attributes carry the template's Chinese field names.

#include <memory>
#include <string>

#include "core/result.h"
#include "gen/census.h"

namespace anju::gen {

class BuildingWriter {
 public:
  // `path` ends in .geojson or .gpkg. Fails with `io`.
  static Result<std::unique_ptr<BuildingWriter>> create(const std::string& path);
  ~BuildingWriter();
  Result<void> write(const GenBuilding& b);
  Result<void> close();

 private:
  BuildingWriter() = default;
  void* dataset_ = nullptr;  // GDALDatasetH
  void* layer_ = nullptr;    // OGRLayerH
  bool transactions_ = false;
  long in_transaction_ = 0;
};

}  // namespace anju::gen
