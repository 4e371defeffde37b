#pragma once
// Building footprints: (multi)polygons in lon/lat degrees (EPSG:4490,
// treated as planar at the scale of a village), stored as WKB.

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace anju {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
// Counter-clockwise outer rings, as GeoJSON and WKB from GDAL usually give
// them; `parse_wkb` corrects whatever order it receives.
using Polygon = bg::model::polygon<Point, /*ClockWise=*/false, /*Closed=*/true>;
using MultiPolygon = bg::model::multi_polygon<Polygon>;
using Box = bg::model::box<Point>;

// Parses WKB (either byte order) of a Polygon or MultiPolygon into a
// corrected MultiPolygon. Fails with `invalid` on other types or truncated
// bytes.
Result<MultiPolygon> parse_wkb(std::string_view wkb);

// Writes a MultiPolygon as little-endian WKB.
std::string to_wkb(const MultiPolygon& shape);

// True when `p` lies inside `shape` or on its boundary.
bool covers(const MultiPolygon& shape, const Point& p);

// Metres from `p` to the nearest point of `shape` (0 inside or on the
// edge), on a local equirectangular projection around `p`: exact to well
// under a metre over the few hundred metres a dwelling is looked for in.
double distance_m(const MultiPolygon& shape, const Point& p);

// The box of `radius_m` metres around `p`, in degrees.
Box box_around(const Point& p, double radius_m);

// True when the ring of points (x[i], y[i]), i < n, is proven to bound a
// valid polygon on its own: closed (last point = first), no edge of zero
// length, every two neighbouring edges turning (not folding back), and no
// two other edges meeting, every sign decided exactly (a floating-point
// filter: a product too close to call is not guessed). False means "not
// proven", not "invalid": the caller asks a full validity check (GEOS),
// which then has only the unusual shapes left. Rings of more than 64
// points are not tried.
bool ring_surely_simple(const double* x, const double* y, size_t n);

}  // namespace anju
