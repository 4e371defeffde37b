#include "core/geometry.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace anju {
namespace {

// A cursor over WKB bytes; every read checks the length.
class WkbReader {
 public:
  explicit WkbReader(std::string_view bytes) : b_(bytes) {}
  bool u8(uint8_t& out) {
    if (pos_ + 1 > b_.size()) return false;
    out = static_cast<uint8_t>(b_[pos_++]);
    return true;
  }
  bool u32(uint32_t& out, bool little) {
    if (pos_ + 4 > b_.size()) return false;
    std::memcpy(&out, b_.data() + pos_, 4);
    pos_ += 4;
    if (little != (std::endian::native == std::endian::little)) out = __builtin_bswap32(out);
    return true;
  }
  bool f64(double& out, bool little) {
    if (pos_ + 8 > b_.size()) return false;
    uint64_t raw;
    std::memcpy(&raw, b_.data() + pos_, 8);
    pos_ += 8;
    if (little != (std::endian::native == std::endian::little)) raw = __builtin_bswap64(raw);
    std::memcpy(&out, &raw, 8);
    return true;
  }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

constexpr uint32_t kPolygon = 3, kMultiPolygon = 6;  // OGC WKB type codes

bool read_polygon_body(WkbReader& r, bool little, Polygon& out) {
  uint32_t rings = 0;
  if (!r.u32(rings, little) || rings == 0 || rings > 100000) return false;
  for (uint32_t i = 0; i < rings; ++i) {
    uint32_t n = 0;
    if (!r.u32(n, little) || n > 10000000) return false;
    Polygon::ring_type ring;
    ring.reserve(n);
    for (uint32_t k = 0; k < n; ++k) {
      double x, y;
      if (!r.f64(x, little) || !r.f64(y, little)) return false;
      ring.emplace_back(x, y);
    }
    if (i == 0) out.outer() = std::move(ring);
    else out.inners().push_back(std::move(ring));
  }
  return true;
}

// Reads a byte-order mark and a type; 2D types only (ISO 3D types ≥ 1000
// are refused rather than misread).
bool read_header(WkbReader& r, bool& little, uint32_t& type) {
  uint8_t order = 0;
  if (!r.u8(order) || order > 1) return false;
  little = order == 1;
  return r.u32(type, little);
}

void put_u32(std::string& s, uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); }
void put_f64(std::string& s, double v) { s.append(reinterpret_cast<const char*>(&v), 8); }

}  // namespace

Result<MultiPolygon> parse_wkb(std::string_view wkb) {
  WkbReader r(wkb);
  bool little = true;
  uint32_t type = 0;
  MultiPolygon out;
  const Error bad = make_error(ErrorCode::invalid, "几何数据损坏或不是面（Polygon/MultiPolygon）");
  if (!read_header(r, little, type)) return bad;
  if (type == kPolygon) {
    Polygon p;
    if (!read_polygon_body(r, little, p)) return bad;
    out.push_back(std::move(p));
  } else if (type == kMultiPolygon) {
    uint32_t parts = 0;
    if (!r.u32(parts, little) || parts > 1000000) return bad;
    for (uint32_t i = 0; i < parts; ++i) {
      bool part_little = true;
      uint32_t part_type = 0;
      Polygon p;
      if (!read_header(r, part_little, part_type) || part_type != kPolygon ||
          !read_polygon_body(r, part_little, p))
        return bad;
      out.push_back(std::move(p));
    }
  } else {
    return bad;
  }
  bg::correct(out);
  return out;
}

std::string to_wkb(const MultiPolygon& shape) {
  static_assert(std::endian::native == std::endian::little, "WKB writer assumes little-endian");
  std::string s;
  s.push_back(1);
  put_u32(s, kMultiPolygon);
  put_u32(s, static_cast<uint32_t>(shape.size()));
  for (const Polygon& p : shape) {
    s.push_back(1);
    put_u32(s, kPolygon);
    put_u32(s, static_cast<uint32_t>(1 + p.inners().size()));
    auto ring = [&](const Polygon::ring_type& r) {
      put_u32(s, static_cast<uint32_t>(r.size()));
      for (const Point& pt : r) {
        put_f64(s, pt.x());
        put_f64(s, pt.y());
      }
    };
    ring(p.outer());
    for (const auto& inner : p.inners()) ring(inner);
  }
  return s;
}

bool covers(const MultiPolygon& shape, const Point& p) { return bg::covered_by(p, shape); }

namespace {
constexpr double kMetresPerDegreeLat = 110574.0;
constexpr double kMetresPerDegreeLonAtEquator = 111320.0;
constexpr double kPi = 3.14159265358979323846;
double metres_per_degree_lon(double lat) { return kMetresPerDegreeLonAtEquator * std::cos(lat * kPi / 180.0); }
}  // namespace

double distance_m(const MultiPolygon& shape, const Point& p) {
  const double kx = metres_per_degree_lon(p.y());
  MultiPolygon local;
  for (const Polygon& poly : shape) {
    Polygon out;
    auto project = [&](const Point& q) { return Point((q.x() - p.x()) * kx, (q.y() - p.y()) * kMetresPerDegreeLat); };
    for (const Point& q : poly.outer()) out.outer().push_back(project(q));
    for (const auto& ring : poly.inners()) {
      out.inners().emplace_back();
      for (const Point& q : ring) out.inners().back().push_back(project(q));
    }
    local.push_back(std::move(out));
  }
  return bg::distance(Point(0, 0), local);
}

Box box_around(const Point& p, double radius_m) {
  const double dlon = radius_m / std::max(1.0, metres_per_degree_lon(p.y()));
  const double dlat = radius_m / kMetresPerDegreeLat;
  return Box(Point(p.x() - dlon, p.y() - dlat), Point(p.x() + dlon, p.y() + dlat));
}

namespace {

// The sign of the turn a → b → c (1 left, -1 right), or 0 when the rounded
// determinant is too small to tell its sign (Shewchuk's orient2d filter,
// error bound (3 + 16ε)ε of the terms' magnitude; NaN gives 0).
int surely_turns(double ax, double ay, double bx, double by, double cx, double cy) {
  const double left = (bx - ax) * (cy - ay);
  const double right = (by - ay) * (cx - ax);
  const double det = left - right;
  const double bound = 3.3306690738754716e-16 * (std::fabs(left) + std::fabs(right));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  return 0;
}

// Edges p0–p1 and q0–q1 proven apart: boxes apart, or one edge's ends both
// strictly on one side of the other's line.
bool surely_apart(const double* x, const double* y, size_t p, size_t q) {
  const auto lo = [](double a, double b) { return a < b ? a : b; };
  const auto hi = [](double a, double b) { return a < b ? b : a; };
  if (hi(x[p], x[p + 1]) < lo(x[q], x[q + 1]) || hi(x[q], x[q + 1]) < lo(x[p], x[p + 1]) ||
      hi(y[p], y[p + 1]) < lo(y[q], y[q + 1]) || hi(y[q], y[q + 1]) < lo(y[p], y[p + 1]))
    return true;
  const int a = surely_turns(x[p], y[p], x[p + 1], y[p + 1], x[q], y[q]);
  const int b = surely_turns(x[p], y[p], x[p + 1], y[p + 1], x[q + 1], y[q + 1]);
  if (a != 0 && a == b) return true;
  const int c = surely_turns(x[q], y[q], x[q + 1], y[q + 1], x[p], y[p]);
  const int d = surely_turns(x[q], y[q], x[q + 1], y[q + 1], x[p + 1], y[p + 1]);
  return c != 0 && c == d;
}

}  // namespace

bool ring_surely_simple(const double* x, const double* y, size_t n) {
  if (n < 4 || n > 64 || x[0] != x[n - 1] || y[0] != y[n - 1]) return false;
  const size_t edges = n - 1;  // edge i runs from point i to point i + 1
  for (size_t i = 0; i < edges; ++i) {
    // Neighbours meet at their shared point only when they turn there.
    const size_t next = (i + 1) % edges;
    if (surely_turns(x[i], y[i], x[i + 1], y[i + 1], x[next + 1], y[next + 1]) == 0) return false;
    for (size_t j = i + 2; j < edges; ++j) {
      if (i == 0 && j == edges - 1) continue;  // the closing edge is edge 0's neighbour
      if (!surely_apart(x, y, i, j)) return false;
    }
  }
  return true;
}

}  // namespace anju
