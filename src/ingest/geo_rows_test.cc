// The footprint check that spares GEOS (ring_surely_simple) against GEOS
// itself, through GDAL as the import calls it: whatever the quick check
// proves valid, GEOS must find valid too.
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <gtest/gtest.h>

#include <vector>

#include "core/geometry.h"
#include "core/rng.h"

namespace anju {
namespace {

bool geos_valid(const std::vector<double>& x, const std::vector<double>& y) {
  OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
  for (size_t i = 0; i < x.size(); ++i) OGR_G_AddPoint_2D(ring, x[i], y[i]);
  OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
  OGR_G_AddGeometryDirectly(polygon, ring);
  const bool valid = OGR_G_IsValid(polygon);
  OGR_G_DestroyGeometry(polygon);
  return valid;
}

TEST(FootprintCheck, WhatTheQuickCheckProvesGeosFindsValid) {
  CPLPushErrorHandler(CPLQuietErrorHandler);  // GEOS reports each self-intersection
  Rng rng(20261129);
  long proven = 0, valid = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    // Few points on a small grid (collinear points, repeated points and
    // touching edges are common), or anywhere around a village.
    const size_t n = 3 + rng.below(8);
    const bool grid = trial % 2 == 0;
    std::vector<double> x, y;
    for (size_t i = 0; i < n; ++i) {
      x.push_back(grid ? static_cast<double>(rng.below(4)) : 108.5 + static_cast<double>(rng.below(1000)) * 1e-6);
      y.push_back(grid ? static_cast<double>(rng.below(4)) : 31.8 + static_cast<double>(rng.below(1000)) * 1e-6);
    }
    x.push_back(x.front());
    y.push_back(y.front());
    const bool quick = ring_surely_simple(x.data(), y.data(), x.size());
    const bool full = geos_valid(x, y);
    proven += quick;
    valid += full;
    if (quick) ASSERT_TRUE(full) << "trial " << trial;
  }
  CPLPopErrorHandler();
  // The quick check decides most valid rings on its own (it is not a
  // check that never says yes); those left are mostly grid rings with a
  // straight vertex, valid for GEOS, not proven here.
  EXPECT_GT(proven, valid * 3 / 4);
}

}  // namespace
}  // namespace anju

#include <cmath>
#include <filesystem>
#include <fstream>

#include "ingest/geo_rows.h"

namespace anju {
namespace {

// A GeoJSON building whose outline is a circle of `n` vertices near 城口.
std::string circle_geojson(int n) {
  std::string ring;
  for (int i = 0; i <= n; ++i) {
    const double a = 2 * M_PI * (i % n) / n;
    ring += (i ? "," : "") + std::string("[") + std::to_string(108.6 + 0.001 * std::cos(a)) + "," +
            std::to_string(31.9 + 0.001 * std::sin(a)) + "]";
  }
  return R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"图斑编号":"P1","区划代码":"500229108201"},)"
         R"("geometry":{"type":"Polygon","coordinates":[[)" + ring + "]]}}]}";
}

std::string geometry_error_of(const std::string& geojson) {
  const auto path = std::filesystem::temp_directory_path() / ("anju_vertices_" + std::to_string(::getpid()) + ".geojson");
  std::ofstream(path) << geojson;
  auto opened = GeoRows::open(path.string(), "");
  std::filesystem::remove(path);
  if (!opened) return "open failed: " + opened.error().message;
  if (!opened->rows) return "no rows";
  auto row = opened->rows->next();
  if (!row || !*row) return "no row";
  return (*row)->geometry_error;
}

TEST(FootprintVertices, AnOutlineOfTooManyVerticesIsARowError) {
  EXPECT_EQ(geometry_error_of(circle_geojson(64)), "");
  const std::string error = geometry_error_of(circle_geojson(kMaxFootprintVertices + 1));
  EXPECT_NE(error.find("顶点过多"), std::string::npos) << error;
}

}  // namespace
}  // namespace anju
