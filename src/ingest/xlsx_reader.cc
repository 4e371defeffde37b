#include "ingest/xlsx_reader.h"

#include <gdal.h>
#include <ogr_api.h>
#include <cpl_conv.h>

#include <mutex>

namespace anju {
namespace {

// GDAL's XLSX driver reads these settings lazily, when the sheet is parsed,
// so they stay set (thread-locally) for the reader's whole life.
void set_xlsx_options() {
  CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
  CPLSetThreadLocalConfigOption("OGR_XLSX_FIELD_TYPES", "STRING");
}

}  // namespace

Result<std::unique_ptr<XlsxReader>> XlsxReader::open(const std::string& path) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  set_xlsx_options();
  const char* drivers[] = {"XLSX", nullptr};
  GDALDatasetH ds = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers,
                               nullptr, nullptr);
  if (!ds) return make_error(ErrorCode::invalid, "无法读取 Excel 文件（不是有效的 .xlsx）：" + path);
  std::unique_ptr<XlsxReader> r(new XlsxReader());
  r->dataset_ = ds;
  if (GDALDatasetGetLayerCount(ds) < 1)
    return make_error(ErrorCode::invalid, "Excel 文件中没有工作表");
  OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
  r->layer_ = layer;
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
  const int n = OGR_FD_GetFieldCount(defn);
  if (n == 0) return make_error(ErrorCode::invalid, "工作表为空：第1行应为表头");
  for (int i = 0; i < n; ++i) r->header_.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
  r->total_ = static_cast<long>(OGR_L_GetFeatureCount(layer, TRUE));
  OGR_L_ResetReading(layer);
  return r;
}

XlsxReader::~XlsxReader() {
  if (dataset_) GDALClose(static_cast<GDALDatasetH>(dataset_));
}

Result<std::optional<RawRow>> XlsxReader::next() {
  set_xlsx_options();
  OGRFeatureH f = OGR_L_GetNextFeature(static_cast<OGRLayerH>(layer_));
  if (!f) return std::optional<RawRow>();
  RawRow row;
  // OGR numbers features from the first data row: FID 1 is sheet row 2.
  const GIntBig fid = OGR_F_GetFID(f);
  row.row_number = fid >= 0 ? static_cast<long>(fid) + 1 : last_row_ + 1;
  last_row_ = row.row_number;
  const int n = OGR_F_GetFieldCount(f);
  row.cells.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i)
    row.cells.emplace_back(OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i) : "");
  OGR_F_Destroy(f);
  ++read_;
  return std::optional(std::move(row));
}

double XlsxReader::progress() const {
  return total_ > 0 ? static_cast<double>(read_) / static_cast<double>(total_) : 1.0;
}

}  // namespace anju
