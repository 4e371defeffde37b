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

}  // namespace anju
