#include "ingest/geo_rows.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>

#include <cmath>
#include <cstdio>

#include "core/geometry.h"
#include "core/text.h"
#include "ingest/cell_text.h"
#include "ingest/normalize.h"
#include "ingest/zipped_layer.h"

namespace anju {
namespace {

namespace fs = std::filesystem;

std::string lower_ext(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// Text of a Shapefile DBF in UTF-8 (`gbk`: recoded from GB18030).
std::string decode_text(const char* raw, bool gbk) {
  if (!raw) return {};
  if (!gbk || is_ascii(raw)) return std::string(raw);
  char* utf8 = CPLRecode(raw, "GB18030", CPL_ENC_UTF8);
  std::string out(utf8 ? utf8 : "");
  CPLFree(utf8);
  return out;
}

// A transformation from `source` to lon/lat EPSG:4490, or null when the
// source already is geographic CGCS2000/WGS 84 (treated alike, DESIGN §3.3).
Result<gdal::Transform> make_transform(OGRSpatialReferenceH source) {
  gdal::SpatialReference target(OSRNewSpatialReference(nullptr));
  OSRImportFromEPSG(target.get(), 4490);
  OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
  OSRSetAxisMappingStrategy(source, OAMS_TRADITIONAL_GIS_ORDER);
  gdal::Transform ct;
  // CGCS2000 and WGS 84 (EPSG:4326, OGC:CRS84) differ by centimetres: the
  // design treats them alike, so lon/lat in either is taken as it is.
  bool same = false;
  const char* options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES",
                           "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
  for (int epsg : {4490, 4326}) {
    gdal::SpatialReference known(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(known.get(), epsg);
    same = same || OSRIsSameEx(source, known.get(), options);
  }
  if (!same) ct.reset(OCTNewCoordinateTransformation(source, target.get()));
  if (!same && !ct) return make_error(ErrorCode::invalid, "无法把文件的坐标系转换为经纬度（CGCS2000）");
  return ct;
}

// A polygon of one ring (or a multipolygon of one such polygon) that
// ring_surely_simple proves valid, without GEOS: a footprint is mostly a
// handful of points, and GEOS's check of it was a quarter of reading a
// GeoPackage (copying the shape over, building its topology).
bool surely_valid(OGRGeometryH g) {
  if (wkbFlatten(OGR_G_GetGeometryType(g)) == wkbMultiPolygon) {
    if (OGR_G_GetGeometryCount(g) != 1) return false;
    g = OGR_G_GetGeometryRef(g, 0);
  }
  if (OGR_G_GetGeometryCount(g) != 1) return false;
  OGRGeometryH ring = OGR_G_GetGeometryRef(g, 0);
  const int n = OGR_G_GetPointCount(ring);
  if (n < 4 || n > 64) return false;
  double x[64], y[64];
  OGR_G_GetPoints(ring, x, sizeof(double), y, sizeof(double), nullptr, 0);
  return ring_surely_simple(x, y, static_cast<size_t>(n));
}

Result<gdal::SpatialReference> srs_from_text(const std::string& text) {
  gdal::SpatialReference srs(OSRNewSpatialReference(nullptr));
  if (OSRSetFromUserInput(srs.get(), text.empty() ? "EPSG:4490" : text.c_str()) != OGRERR_NONE)
    return make_error(ErrorCode::invalid, "无法识别的坐标系：" + text);
  return srs;
}

// Without a .cpg (and ogr2ogr and many GIS tools write none and no LDID
// either), the DBF's encoding is told from its text: field names and the
// string values of the first features. Any text that is not plausible
// UTF-8 for Chinese registers means GBK for the whole file.
bool sniff_gbk(OGRLayerH layer) {
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  auto suspicious = [](const char* text) {
    return text && !is_ascii(text) && !looks_like_chinese_utf8(text);
  };
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
    if (suspicious(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)))) return true;
  bool gbk = false;
  OGR_L_ResetReading(layer);
  for (int n = 0; n < 2000 && !gbk; ++n) {
    gdal::Feature f(OGR_L_GetNextFeature(layer));
    if (!f) break;
    for (int i = 0; i < OGR_F_GetFieldCount(f.get()) && !gbk; ++i)
      if (OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i)) == OFTString && OGR_F_IsFieldSetAndNotNull(f.get(), i))
        gbk = suspicious(OGR_F_GetFieldAsString(f.get(), i));
  }
  OGR_L_ResetReading(layer);
  return gbk;
}

// The .cpg beside a Shapefile, read through GDAL's virtual files so that
// it is found inside a zip too.
std::string read_cpg(const std::string& shp_path) {
  std::string enc;
  for (const char* ext : {".cpg", ".CPG"}) {
    VSILFILE* f = VSIFOpenL(fs::path(shp_path).replace_extension(ext).c_str(), "rb");
    if (!f) continue;
    char buf[64] = {};
    VSIFReadL(buf, 1, sizeof buf - 1, f);
    VSIFCloseL(f);
    for (const char* c = buf; *c; ++c)
      if (!std::isspace(static_cast<unsigned char>(*c))) enc += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
    break;
  }
  return enc;
}

// GDAL's own messages ("ERROR 1: …", in English) never reach a user: every
// failure is reported by Anju in Chinese from the call's result.
void register_gdal() {
  static std::once_flag registered;
  std::call_once(registered, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

}  // namespace

Result<GeoRows::Opened> GeoRows::open(const std::string& path, const std::string& assume_srs,
                                      const std::string& layer_name) {
  register_gdal();
  Opened out;
  std::unique_ptr<GeoRows> rows(new GeoRows());
  std::string ext = lower_ext(path);
  if (!fs::is_regular_file(path)) return make_error(ErrorCode::io, "文件不存在：" + path);

  if (ext == ".csv" || ext == ".txt" || ext == ".xlsx" || ext == ".xls" || ext == ".et" || ext == ".ett") {
    auto reader = open_table(path);
    if (!reader) return reader.error();
    auto opened = TemplateRows::open(TemplateKind::buildings, std::move(*reader));
    if (!opened) return opened.error();
    out.header_errors = std::move(opened->header_errors);
    out.notes = std::move(opened->notes);
    if (opened->rows && !opened->rows->has_column("wkt"))
      out.header_errors.push_back(FieldError{opened->rows->header_row(), "wkt", "",
                                             "缺少几何列“几何”（或“wkt”），其中填写面的WKT"});
    if (!out.header_errors.empty()) return out;
    rows->table_ = std::move(opened->rows);
    auto srs = srs_from_text(assume_srs);
    if (!srs) return srs.error();
    auto ct = make_transform(srs->get());
    if (!ct) return ct.error();
    rows->transform_ = std::move(*ct);
    out.rows = std::move(rows);
    return out;
  }

  // A zip of GIS files is read in place, whatever its name says.
  std::string source = path;
  if (is_zip_file(path)) {
    auto inner = zipped_layer(path, layer_name);
    if (!inner) return inner.error();
    source = *inner;
    ext = lower_ext(source);
  }
  CPLStringList options;
  const bool shapefile = ext == ".shp" || ext == ".dbf";
  std::string cpg;
  if (shapefile) {
    cpg = read_cpg(source);
    options.SetNameValue("ENCODING", "");  // we decode DBF text ourselves
    // A .cpg names UTF-8 or a Chinese code page (936, GBK, GB2312, GB18030).
    rows->gbk_ = !cpg.empty() && cpg.find("UTF") == std::string::npos;
  }
  // Only the drivers of the formats the import takes: a hostile file does
  // not reach the other two hundred (fuzz_geojson found a leak in one).
  const char* const drivers[] = {"ESRI Shapefile", "GeoJSON", "GPKG", nullptr};
  rows->dataset_.reset(GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options.List(),
                                 nullptr));
  GDALDatasetH ds = rows->dataset_.get();
  if (!ds) return make_error(ErrorCode::invalid, "无法读取空间数据文件（支持 Shapefile、GeoJSON、GeoPackage，或含WKT列的CSV/Excel）：" + path);
  if (GDALDatasetGetLayerCount(ds) < 1) return make_error(ErrorCode::invalid, "文件中没有图层");
  OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
  rows->layer_ = layer;
  rows->total_ = static_cast<long>(OGR_L_GetFeatureCount(layer, TRUE));
  if (shapefile && cpg.empty()) rows->gbk_ = sniff_gbk(layer);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  std::vector<std::string> seen;
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) {
    const char* raw = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
    const std::string name = normalize_cell(decode_text(raw, rows->gbk_));
    // DBF field names hold 10 bytes: a full one may have been cut.
    const bool cut = shapefile && std::string_view(raw).size() >= 10;
    const ColumnSpec* spec = find_column(TemplateKind::buildings, name, cut);
    if (spec && std::find(seen.begin(), seen.end(), spec->key) != seen.end())
      out.header_errors.push_back(FieldError{1, spec->key, name, std::string("“") + spec->name + "”列重复出现"});
    if (spec) seen.emplace_back(spec->key);
    rows->fields_.push_back(spec);
    rows->real_fields_.push_back(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i)) == OFTReal);
    rows->field_names_.push_back(name);
  }
  for (const ColumnSpec& spec : template_columns(TemplateKind::buildings))
    if (spec.requirement == Requirement::required &&
        std::find(seen.begin(), seen.end(), spec.key) == seen.end())
      out.header_errors.push_back(FieldError{1, spec.key, "", std::string("缺少必填字段“") + spec.name +
                                                                  "”（或英文名“" + spec.key + "”）"});
  if (!out.header_errors.empty()) return out;
  OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef(layer);
  Result<gdal::Transform> ct = make_error(ErrorCode::internal, "");
  if (layer_srs) {
    gdal::SpatialReference copy(OSRClone(layer_srs));
    ct = make_transform(copy.get());
  } else {
    auto srs = srs_from_text(assume_srs);
    if (!srs) return srs.error();
    // Projected coordinates taken for lon/lat would fail every row alike:
    // one message instead, with the projections they look like.
    OGREnvelope env;
    const bool geographic = OSRIsGeographic(srs->get());
    if (geographic && OGR_L_GetExtent(layer, &env, TRUE) == OGRERR_NONE &&
        (std::fabs(env.MinX) > 180 || std::fabs(env.MaxX) > 180 || std::fabs(env.MinY) > 90 ||
         std::fabs(env.MaxY) > 90)) {
      return make_error(ErrorCode::invalid, missing_crs_message(env.MinX, env.MinY, env.MaxX, env.MaxY));
    }
    ct = make_transform(srs->get());
  }
  if (!ct) return ct.error();
  rows->transform_ = std::move(*ct);
  out.rows = std::move(rows);
  return out;
}

double GeoRows::progress() const {
  if (table_) return table_->progress();
  return total_ > 0 ? static_cast<double>(read_) / static_cast<double>(total_) : 1.0;
}

Result<std::optional<ImportRow>> GeoRows::next() {
  return table_ ? next_table_row() : next_feature();
}

Result<std::optional<ImportRow>> GeoRows::next_table_row() {
  auto row = table_->next();
  if (!row || !*row) return row;
  ImportRow& r = **row;
  const std::string wkt(r.get("wkt"));
  if (wkt.empty()) {
    r.geometry_error = "几何列为空";
    return row;
  }
  OGRGeometryH g = nullptr;
  char* cursor = const_cast<char*>(wkt.c_str());
  if (OGR_G_CreateFromWkt(&cursor, nullptr, &g) != OGRERR_NONE || !g) {
    r.geometry_error = "几何列不是有效的WKT";
    return row;
  }
  set_geometry(r, gdal::Geometry(g));
  return row;
}

Result<std::optional<ImportRow>> GeoRows::next_feature() {
  gdal::Feature owned(OGR_L_GetNextFeature(layer_));
  OGRFeatureH f = owned.get();
  if (!f) return std::optional<ImportRow>();
  ++read_;
  ImportRow row;
  row.row_number = read_ + 1;
  row.fields.reserve(fields_.size());
  for (size_t i = 0; i < fields_.size(); ++i) {
    const int idx = static_cast<int>(i);
    if (!OGR_F_IsFieldSetAndNotNull(f, idx)) continue;
    std::string value;
    if (fields_[i] && holds_code(fields_[i]->key) && real_fields_[i]) {
      // A code stored as a floating-point attribute: taken only when exact.
      char digits[32];
      std::snprintf(digits, sizeof digits, "%.17g", OGR_F_GetFieldAsDouble(f, idx));
      auto taken = cell_text(digits, CellKind::number, true, fields_[i]->name);
      if (!taken) {
        row.cell_errors.push_back(FieldError{row.row_number, fields_[i]->key, digits, taken.error().message});
        continue;
      }
      value = std::move(*taken);
    } else {
      value = normalize_cell(decode_text(OGR_F_GetFieldAsString(f, idx), gbk_));
    }
    if (value.empty()) continue;
    if (fields_[i]) row.fields.emplace_back(fields_[i]->key, std::move(value));
    else row.extras.emplace_back(field_names_[i], std::move(value));
  }
  gdal::Geometry g(OGR_F_StealGeometry(f));
  owned.reset();
  if (!g) row.geometry_error = "该要素没有几何图形";
  else set_geometry(row, std::move(g));
  return std::optional(std::move(row));
}

namespace {

// Every vertex of a (multi)polygon, over all its rings.
long vertex_count(OGRGeometryH g) {
  const int parts = OGR_G_GetGeometryCount(g);
  if (parts == 0) return OGR_G_GetPointCount(g);
  long n = 0;
  for (int i = 0; i < parts; ++i) n += vertex_count(OGR_G_GetGeometryRef(g, i));
  return n;
}

}  // namespace

void GeoRows::set_geometry(ImportRow& row, gdal::Geometry geometry) const {
  OGRGeometryH g = geometry.get();
  const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(g));
  auto fail = [&](const char* message) { row.geometry_error = message; };
  if (type != wkbPolygon && type != wkbMultiPolygon) return fail("几何图形应为面（Polygon或MultiPolygon）");
  if (OGR_G_IsEmpty(g)) return fail("几何图形为空");
  // Before any check that costs with the size (validity, transformation):
  // a house's outline has tens of vertices, never ten thousand.
  if (const long n = vertex_count(g); n > kMaxFootprintVertices) {
    const std::string message = "几何图形的顶点过多（" + std::to_string(n) + " 个，上限 " +
                                std::to_string(kMaxFootprintVertices) + " 个），请检查是否为房屋图斑";
    return fail(message.c_str());
  }
  OGR_G_FlattenTo2D(g);
  if (transform_ && OGR_G_Transform(g, transform_.get()) != OGRERR_NONE) return fail("坐标转换失败");
  if (!surely_valid(g) && !OGR_G_IsValid(g)) return fail("几何图形无效（如自相交或环未闭合）");
  // Takes the geometry and hands back the multipolygon (maybe itself).
  geometry.reset(OGR_G_ForceToMultiPolygon(geometry.release()));
  g = geometry.get();
  OGREnvelope env;
  OGR_G_GetEnvelope(g, &env);
  if (env.MinX < 73 || env.MaxX > 136 || env.MinY < 3 || env.MaxY > 54)
    return fail("坐标不在中国范围内（坐标系可能有误）");
  row.bbox = BBox{env.MinX, env.MinY, env.MaxX, env.MaxY};
  row.wkb.resize(static_cast<size_t>(OGR_G_WkbSize(g)));
  OGR_G_ExportToWkb(g, wkbNDR, reinterpret_cast<unsigned char*>(row.wkb.data()));
}

}  // namespace anju
