#include "ingest/zipped_layer.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/text.h"

namespace anju {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool is_spatial(const std::string& name) {
  const std::string ext = lower(std::filesystem::path(name).extension().string());
  return ext == ".shp" || ext == ".geojson" || ext == ".json" || ext == ".gpkg";
}

// "UTF-8" when every entry name is UTF-8 (or flagged so), else "GB18030".
std::string entry_encoding(const std::string& zip_path) {
  int error = 0;
  zip_t* z = zip_open(zip_path.c_str(), ZIP_RDONLY, &error);
  if (!z) return "UTF-8";
  std::string encoding = "UTF-8";
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* raw = zip_get_name(z, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (raw && !is_valid_utf8(raw)) encoding = "GB18030";
  }
  zip_discard(z);
  return encoding;
}

}  // namespace

bool is_zip_file(const std::string& path) {
  char magic[4] = {};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  const size_t n = std::fread(magic, 1, sizeof magic, f);
  std::fclose(f);
  return n == 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0;
}

Result<std::string> zipped_layer(const std::string& zip_path, const std::string& layer) {
  // GDAL reads entry names as CP437 unless told; the setting is read when
  // the archive is opened, and stays set for this thread.
  CPLSetThreadLocalConfigOption("CPL_ZIP_ENCODING", entry_encoding(zip_path).c_str());
  const std::string root = "/vsizip/" + zip_path;
  char** entries = VSIReadDirRecursive(root.c_str());
  std::vector<std::string> layers;
  for (char** e = entries; e && *e; ++e)
    if (is_spatial(*e) && !std::string_view(*e).starts_with("__MACOSX")) layers.emplace_back(*e);
  CSLDestroy(entries);
  std::sort(layers.begin(), layers.end());
  if (!layer.empty()) {
    for (const std::string& l : layers) {
      const std::filesystem::path p(l);
      if (l == layer || p.filename() == layer || p.stem() == layer) return root + "/" + l;
    }
    return make_error(ErrorCode::invalid, "压缩包里没有名为“" + layer + "”的图层");
  }
  if (layers.empty())
    return make_error(ErrorCode::invalid,
                      "压缩包里没有可导入的空间数据（Shapefile 的 .shp、GeoJSON 或 GeoPackage）");
  if (layers.size() > 1) {
    std::string names;
    for (const std::string& l : layers) names += (names.empty() ? "" : "、") + l;
    return make_error(ErrorCode::invalid, "压缩包里有" + std::to_string(layers.size()) + "个图层：" + names +
                                              "；请选择其中一个（命令行用 --layer 名称，网页导入时填写“图层”一栏）");
  }
  return root + "/" + layers.front();
}

std::string missing_crs_message(double min_x, double min_y, double max_x, double max_y) {
  (void)min_y;
  (void)max_y;
  const double x = (min_x + max_x) / 2;
  std::string guess;
  if (x >= 1e7) {
    // The easting carries the zone number in front: 3-degree zones 25–45,
    // 6-degree zones 13–23 (CGCS2000: EPSG:4513–4533, EPSG:4491–4501).
    const int zone = static_cast<int>(x / 1e6);
    if (zone >= 25 && zone <= 45)
      guess = "CGCS2000 高斯-克吕格 3度带第" + std::to_string(zone) + "带（中央经线" +
              std::to_string(zone * 3) + "°E，EPSG:" + std::to_string(4513 + zone - 25) + "）";
    else if (zone >= 13 && zone <= 23)
      guess = "CGCS2000 高斯-克吕格 6度带第" + std::to_string(zone) + "带（中央经线" +
              std::to_string(zone * 6 - 3) + "°E，EPSG:" + std::to_string(4491 + zone - 13) + "）";
  }
  if (guess.empty())
    guess = "CGCS2000 3度带（EPSG:4534–4554，不带带号；如中央经线105°E为EPSG:4544、108°E为EPSG:4545、"
            "111°E为EPSG:4546）";
  return "文件没有坐标系（如 Shapefile 缺少 .prj），坐标不是经纬度；坐标像是 " + guess +
         "，请用 --srs 指定（网页导入时填写“坐标系”一栏）";
}

}  // namespace anju
