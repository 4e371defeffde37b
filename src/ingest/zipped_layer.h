#pragma once
// GIS files sent as one .zip (a Shapefile's .shp/.dbf/.shx/.prj/.cpg, with
// or without a folder inside, or a GeoJSON/GeoPackage): the GDAL path of
// the layer inside, read in place through /vsizip/. Entry names written by
// Chinese zip tools in GBK without the UTF-8 flag are detected and decoded.

#include <string>
#include <vector>

#include "core/result.h"

namespace anju {

// The /vsizip/ path of the one spatial file in `zip_path`, or of the one
// whose name (with or without folder and extension) is `layer`. `invalid`
// when the zip holds none, or several and `layer` does not choose one (the
// message lists them).
Result<std::string> zipped_layer(const std::string& zip_path, const std::string& layer);

// Whether the file starts as a zip archive does.
bool is_zip_file(const std::string& path);

// The message for a layer without a CRS whose coordinates are not lon/lat:
// the CGCS2000 Gauss–Krüger projections they look like, from their range.
std::string missing_crs_message(double min_x, double min_y, double max_x, double max_y);

}  // namespace anju
