#include "ingest/table_reader.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "ingest/csv_reader.h"
#include "ingest/child_reader.h"
#include "ingest/xlsx_reader.h"

namespace anju {
namespace {

enum class Content { zip, ole2, other };

Content sniff(const std::string& path) {
  unsigned char magic[8] = {};
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Content::other;
  const size_t n = std::fread(magic, 1, sizeof magic, f);
  std::fclose(f);
  if (n >= 4 && std::memcmp(magic, "PK\x03\x04", 4) == 0) return Content::zip;
  if (n == 8 && std::memcmp(magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) return Content::ole2;
  return Content::other;
}

template <class Reader>
Result<std::unique_ptr<TableReader>> as_table(Result<std::unique_ptr<Reader>> r) {
  if (!r) return r.error();
  return std::unique_ptr<TableReader>(std::move(*r));
}

}  // namespace

Result<std::unique_ptr<TableReader>> open_table(const std::string& path, const ReadLimits& limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return make_error(ErrorCode::io, "文件不存在或不是普通文件：" + path);
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  const bool workbook_ext = ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".et" || ext == ".ett";
  // WPS saves .et/.ett as either format, and files get renamed: the bytes
  // decide, not the name.
  switch (sniff(path)) {
    case Content::zip:
      if (workbook_ext || ext == ".csv" || ext == ".txt") return as_table(XlsxReader::open(path, limits));
      break;
    case Content::ole2:
      // FreeXL is not trusted with hostile files: it runs confined, in a
      // helper process of its own (child_reader.h).
      if (workbook_ext || ext == ".csv" || ext == ".txt")
        return open_in_child({helper_path("anju-xls"),
                              {path, std::to_string(limits.max_columns), std::to_string(limits.max_cell_bytes)}});
      break;
    case Content::other:
      if (ext == ".csv" || ext == ".txt") return as_table(CsvReader::open(path, limits));
      if (workbook_ext)
        return make_error(ErrorCode::invalid, "文件扩展名是“" + ext + "”，但内容不是 Excel/WPS 工作簿（文件可能已损坏）");
      break;
  }
  return make_error(ErrorCode::invalid, "不支持的文件类型“" + ext +
                                            "”，请使用 .xlsx、.xls、WPS 表格（.et）或 .csv");
}

}  // namespace anju
