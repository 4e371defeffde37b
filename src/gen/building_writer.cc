#include "gen/building_writer.h"

#include <gdal.h>
#include <cpl_error.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <filesystem>
#include <mutex>

namespace anju::gen {
namespace {

struct Field {
  const char* name;
  OGRFieldType type;
};
constexpr Field kFields[] = {{"图斑编号", OFTString}, {"区划代码", OFTString}, {"地址", OFTString},
                             {"户主姓名", OFTString}, {"建筑层数", OFTInteger}, {"建造年代", OFTString},
                             {"结构类型", OFTString}, {"建筑面积", OFTReal},   {"宅基地审批", OFTString},
                             {"地质灾害隐患", OFTString}};

}  // namespace

Result<std::unique_ptr<BuildingWriter>> BuildingWriter::create(const std::string& path) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  const bool gpkg = path.ends_with(".gpkg");
  GDALDriverH driver = GDALGetDriverByName(gpkg ? "GPKG" : "GeoJSON");
  if (!driver) return make_error(ErrorCode::internal, "GDAL 缺少写出驱动");
  std::filesystem::remove(path);
  GDALDatasetH ds = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  if (!ds) return make_error(ErrorCode::io, "无法创建文件：" + path);
  std::unique_ptr<BuildingWriter> w(new BuildingWriter());
  w->dataset_ = ds;
  OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
  OSRImportFromEPSG(srs, 4490);
  OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayerH layer = GDALDatasetCreateLayer(ds, "buildings", gpkg ? srs : nullptr, wkbPolygon, nullptr);
  OSRDestroySpatialReference(srs);
  if (!layer) return make_error(ErrorCode::io, "无法创建图层：" + path);
  for (const Field& f : kFields) {
    OGRFieldDefnH defn = OGR_Fld_Create(f.name, f.type);
    OGR_L_CreateField(layer, defn, TRUE);
    OGR_Fld_Destroy(defn);
  }
  w->layer_ = layer;
  w->transactions_ = gpkg;
  return w;
}

BuildingWriter::~BuildingWriter() { (void)close(); }

Result<void> BuildingWriter::write(const GenBuilding& g) {
  if (transactions_ && in_transaction_ == 0) GDALDatasetStartTransaction(static_cast<GDALDatasetH>(dataset_), FALSE);
  OGRLayerH layer = static_cast<OGRLayerH>(layer_);
  OGRFeatureH f = OGR_F_Create(OGR_L_GetLayerDefn(layer));
  const Building& b = g.attrs;
  OGR_F_SetFieldString(f, 0, b.parcel_id.c_str());
  OGR_F_SetFieldString(f, 1, b.region_code.c_str());
  OGR_F_SetFieldString(f, 2, b.address.c_str());
  if (!b.owner_name.empty()) OGR_F_SetFieldString(f, 3, b.owner_name.c_str());
  if (b.floors) OGR_F_SetFieldInteger(f, 4, *b.floors);
  if (b.built) OGR_F_SetFieldString(f, 5, b.built->text.c_str());
  if (b.structure) OGR_F_SetFieldString(f, 6, enum_name(*b.structure));
  if (b.area_m2) OGR_F_SetFieldDouble(f, 7, *b.area_m2);
  if (b.homestead_approval) OGR_F_SetFieldString(f, 8, enum_name(*b.homestead_approval));
  if (b.geo_hazard) OGR_F_SetFieldString(f, 9, enum_name(*b.geo_hazard));
  OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
  for (size_t i = 0; i + 1 < g.ring.size(); i += 2) OGR_G_AddPoint_2D(ring, g.ring[i], g.ring[i + 1]);
  OGRGeometryH poly = OGR_G_CreateGeometry(wkbPolygon);
  OGR_G_AddGeometryDirectly(poly, ring);
  OGR_F_SetGeometryDirectly(f, poly);
  const OGRErr err = OGR_L_CreateFeature(layer, f);
  OGR_F_Destroy(f);
  if (err != OGRERR_NONE) return make_error(ErrorCode::io, "写入图斑失败：" + b.parcel_id);
  if (transactions_ && ++in_transaction_ == 10000) {
    GDALDatasetCommitTransaction(static_cast<GDALDatasetH>(dataset_));
    in_transaction_ = 0;
  }
  return {};
}

Result<void> BuildingWriter::close() {
  if (!dataset_) return {};
  if (transactions_ && in_transaction_ > 0) GDALDatasetCommitTransaction(static_cast<GDALDatasetH>(dataset_));
  CPLErrorReset();
  GDALClose(static_cast<GDALDatasetH>(dataset_));
  dataset_ = nullptr;
  if (CPLGetLastErrorType() >= CE_Failure) return make_error(ErrorCode::io, "写入图斑文件失败");
  return {};
}

}  // namespace anju::gen
