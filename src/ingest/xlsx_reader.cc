#include "ingest/xlsx_reader.h"

#include <gdal.h>
#include <ogr_api.h>
#include <cpl_conv.h>

#include <mutex>

namespace anju {
namespace {

// GDAL's XLSX driver reads these settings lazily, when the sheet is parsed,
// so they stay set (thread-locally) for the reader's whole life. Headers are
// read by us from row 1: GDAL's own header detection gives "Field1…" names
// for a sheet that has only a header row.
void set_xlsx_options() {
  CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "DISABLE");
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
  r->total_ = static_cast<long>(OGR_L_GetFeatureCount(layer, TRUE));
  OGR_L_ResetReading(layer);
  auto first = r->next();
  if (!first) return first.error();
  if (!*first || (*first)->row_number != 1)
    return make_error(ErrorCode::invalid, "工作表为空或第1行不是表头：第1行应为表头");
  r->header_ = std::move((*first)->cells);
  while (!r->header_.empty() && r->header_.back().empty()) r->header_.pop_back();
  if (r->header_.empty()) return make_error(ErrorCode::invalid, "工作表第1行（表头）为空");
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
  // With headers disabled, OGR's FID is the sheet's row number.
  const GIntBig fid = OGR_F_GetFID(f);
  row.row_number = fid > 0 ? static_cast<long>(fid) : last_row_ + 1;
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
