#include "ingest/table_reader.h"

#include <algorithm>
#include <filesystem>

#include "ingest/csv_reader.h"
#include "ingest/xlsx_reader.h"

namespace anju {

Result<std::unique_ptr<TableReader>> open_table(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return make_error(ErrorCode::io, "文件不存在或不是普通文件：" + path);
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".csv" || ext == ".txt") {
    auto r = CsvReader::open(path);
    if (!r) return r.error();
    return std::unique_ptr<TableReader>(std::move(*r));
  }
  if (ext == ".xlsx") {
    auto r = XlsxReader::open(path);
    if (!r) return r.error();
    return std::unique_ptr<TableReader>(std::move(*r));
  }
  if (ext == ".xls" || ext == ".et")
    return make_error(ErrorCode::invalid, "不支持旧版 Excel（.xls/.et）文件，请另存为 .xlsx 或 CSV 后再导入");
  return make_error(ErrorCode::invalid, "不支持的文件类型“" + ext + "”，请使用 .xlsx 或 .csv");
}

}  // namespace anju
