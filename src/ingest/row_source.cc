#include "ingest/row_source.h"

#include "ingest/geo_rows.h"
#include "ingest/template_rows.h"

namespace anju {

Result<OpenedSource> open_template_source(TemplateKind kind, const std::string& path) {
  auto reader = open_table(path);
  if (!reader) return reader.error();
  auto opened = TemplateRows::open(kind, std::move(*reader));
  if (!opened) return opened.error();
  std::vector<std::string> extras = opened->rows ? opened->rows->extra_headers() : std::vector<std::string>();
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
