#include "ingest/row_source.h"

#include "ingest/geo_rows.h"
#include "ingest/template_rows.h"

namespace anju {

Result<OpenedSource> open_template_source(TemplateKind kind, const std::string& path) {
  auto reader = open_table(path);
  if (!reader) return reader.error();
  // FreeXL, which reads the old format, returns a formula's text result as
  // an empty cell and a logical or error value (TRUE, #N/A) as a number.
  const bool old_excel = (*reader)->encoding() == "XLS";
  auto opened = TemplateRows::open(kind, std::move(*reader));
  if (!opened) return opened.error();
  std::vector<std::string> extras = opened->rows ? opened->rows->extra_headers() : std::vector<std::string>();
  if (old_excel)
    opened->notes.push_back(
        "Excel 97–2003（.xls）文件中，公式算出的文字读不出、逻辑值和错误值（如 #N/A）会被读成数字；"
        "表中有公式时，请另存为 .xlsx 后再导入");
  return OpenedSource{std::move(opened->rows), std::move(opened->header_errors), std::move(opened->notes),
                      std::move(extras)};
}

Result<OpenedSource> open_geo_source(const std::string& path, const std::string& assume_srs,
                                     const std::string& layer) {
  auto opened = GeoRows::open(path, assume_srs, layer);
  if (!opened) return opened.error();
  return OpenedSource{std::move(opened->rows), std::move(opened->header_errors), std::move(opened->notes), {}};
}

}  // namespace anju
