#include "core/geometry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

namespace anju {
namespace {

MultiPolygon square(double x0, double y0, double size, bool clockwise) {
  Polygon p;
  if (clockwise)
    p.outer() = {{x0, y0}, {x0, y0 + size}, {x0 + size, y0 + size}, {x0 + size, y0}, {x0, y0}};
  else
    p.outer() = {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}};
  return MultiPolygon{p};
}

TEST(Geometry, WkbRoundTripCorrectsRingOrder) {
  for (bool cw : {false, true}) {
    auto parsed = parse_wkb(to_wkb(square(108.0, 31.0, 0.001, cw)));
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(covers(*parsed, Point(108.0005, 31.0005))) << "clockwise=" << cw;
    EXPECT_FALSE(covers(*parsed, Point(108.002, 31.0005)));
    EXPECT_GT(bg::area(*parsed), 0.0);
  }
}

TEST(Geometry, BoundaryCountsAsInside) {
  auto s = square(0, 0, 1, false);
  EXPECT_TRUE(covers(s, Point(0.5, 0)));  // on an edge
  EXPECT_TRUE(covers(s, Point(1, 1)));    // on a corner
  EXPECT_FALSE(covers(s, Point(1.0000001, 0.5)));
}

TEST(Geometry, DistanceInMetres) {
  // A 0.001° square at 31°N: 1° of latitude ≈ 110.6 km, of longitude ≈ 95.4 km.
  auto s = square(108.0, 31.0, 0.001, false);
  EXPECT_DOUBLE_EQ(distance_m(s, Point(108.0005, 31.0005)), 0.0);  // inside
  EXPECT_DOUBLE_EQ(distance_m(s, Point(108.001, 31.0005)), 0.0);   // on the edge
  EXPECT_NEAR(distance_m(s, Point(108.0005, 31.002)), 110.6, 0.5);  // north of it
  EXPECT_NEAR(distance_m(s, Point(108.002, 31.0005)), 95.4, 0.5);   // east of it
  const Box b = box_around(Point(108.0, 31.0), 100);
  EXPECT_NEAR((b.max_corner().y() - b.min_corner().y()) * 110574.0, 200.0, 0.01);
  EXPECT_NEAR(b.max_corner().x() - 108.0, 108.0 - b.min_corner().x(), 1e-12);
}

TEST(Geometry, MalformedWkbIsRejected) {
  EXPECT_FALSE(parse_wkb(""));
  EXPECT_FALSE(parse_wkb(std::string("\x01\x01\x00\x00\x00", 5)));  // a Point
  std::string wkb = to_wkb(square(0, 0, 1, false));
  EXPECT_FALSE(parse_wkb(wkb.substr(0, wkb.size() - 3)));           // truncated
}

std::string from_hex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

TEST(Geometry, ParsesWkbWrittenByGdal) {
  // A square MultiPolygon as GDAL's OGR_G_ExportToWkb(wkbNDR) wrote it. (A
  // first version used 2, LineString, as the Polygon code: its own writer
  // and reader agreed, real files did not.)
  const std::string wkb = from_hex(
      "01060000000100000001030000000100000005000000FCA9F1D24D225B40CDCCCCCCCCCC3F40EE7C3F355E225B40"
      "CDCCCCCCCCCC3F40EE7C3F355E225B40931804560ECD3F40FCA9F1D24D225B40931804560ECD3F40FCA9F1D24D22"
      "5B40CDCCCCCCCCCC3F40");
  auto parsed = parse_wkb(wkb);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_TRUE(covers(*parsed, Point(108.5365, 31.8005)));
  EXPECT_TRUE(covers(*parsed, Point(108.536, 31.8005)));  // on the west edge
  EXPECT_EQ(to_wkb(*parsed), wkb);
}

TEST(Geometry, BigEndianPolygon) {
  // A unit square as big-endian WKB Polygon.
  std::string s;
  s.push_back(0);
  auto u32 = [&](uint32_t v) { for (int i = 3; i >= 0; --i) s.push_back(static_cast<char>(v >> (8 * i))); };
  auto f64 = [&](double d) {
    uint64_t v;
    std::memcpy(&v, &d, 8);
    for (int i = 7; i >= 0; --i) s.push_back(static_cast<char>(v >> (8 * i)));
  };
  u32(3);  // wkbPolygon
  u32(1);
  u32(5);
  for (auto [x, y] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {1.0, 1.0}, {0.0, 1.0}, {0.0, 0.0}}) {
    f64(x);
    f64(y);
  }
  auto parsed = parse_wkb(s);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(covers(*parsed, Point(0.5, 0.5)));
}

// ring_surely_simple on (x, y) pairs.
bool simple(std::vector<std::pair<double, double>> ring) {
  std::vector<double> x, y;
  for (auto [a, b] : ring) {
    x.push_back(a);
    y.push_back(b);
  }
  return ring_surely_simple(x.data(), y.data(), ring.size());
}

TEST(Geometry, SimpleRingsAreProvenEitherWay) {
  EXPECT_TRUE(simple({{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}));
  EXPECT_TRUE(simple({{0, 0}, {0, 1}, {1, 1}, {1, 0}, {0, 0}}));  // clockwise
  EXPECT_TRUE(simple({{0, 0}, {2, 0}, {1, 1}, {0, 0}}));          // a triangle
  // An L-shape whose inner corner comes close to the far edges.
  EXPECT_TRUE(simple({{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}, {0, 0}}));
  // Real coordinates: a footprint of a few metres in degrees.
  EXPECT_TRUE(simple({{108.53600, 31.80000}, {108.53607, 31.80000}, {108.53607, 31.80006},
                      {108.53600, 31.80006}, {108.53600, 31.80000}}));
}

TEST(Geometry, WhatIsNotProvenSimpleIsLeftToTheFullCheck) {
  EXPECT_FALSE(simple({{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}));          // a bow-tie
  EXPECT_FALSE(simple({{0, 0}, {1, 0}, {1, 1}, {0, 1}}));                  // not closed
  EXPECT_FALSE(simple({{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}));  // a repeated point
  EXPECT_FALSE(simple({{0, 0}, {2, 0}, {1, 0}, {1, 1}, {0, 0}}));          // folds back on itself
  EXPECT_FALSE(simple({{0, 0}, {1, 0}, {2, 0}, {0, 0}}));                  // no area
  EXPECT_FALSE(simple({{0, 0}, {1, 0}, {0, 0}}));                          // too few points
  // The ring comes back to a point it passed (GEOS: a self-touching ring).
  EXPECT_FALSE(simple({{0, 0}, {2, 0}, {1, 1}, {2, 2}, {0, 2}, {1, 1}, {0, 0}}));
  // A vertex lying on another edge.
  EXPECT_FALSE(simple({{0, 0}, {2, 0}, {2, 2}, {1, 0}, {0, 2}, {0, 0}}));
  // Not a number is never proven.
  EXPECT_FALSE(simple({{0, 0}, {1, 0}, {std::nan(""), 1}, {0, 1}, {0, 0}}));
  // Three points on a line as decimals, not quite in binary: the turn is
  // below the rounding error, so it is not guessed.
  EXPECT_FALSE(simple({{0.1, 0.1}, {0.2, 0.2}, {0.3, 0.3}, {0.1, 0.3}, {0.1, 0.1}}));
  // A turn far below the coordinates' size but well above the rounding
  // error is decided: a sliver, and simple.
  EXPECT_TRUE(simple({{0, 0}, {1, 1e-12}, {2, 0}, {1, 1}, {0, 0}}));
}

}  // namespace
}  // namespace anju
