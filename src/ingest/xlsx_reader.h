#pragma once
// Reads the first sheet of an .xlsx file through GDAL/OGR's XLSX driver,
// every cell as text, the first row as the header.

#include <memory>
#include <string>

#include "ingest/table_reader.h"

namespace anju {

class XlsxReader final : public TableReader {
 public:
  static Result<std::unique_ptr<XlsxReader>> open(const std::string& path);
  ~XlsxReader() override;

  const std::vector<std::string>& header() const override { return header_; }
  Result<std::optional<RawRow>> next() override;
  double progress() const override;
  std::string encoding() const override { return "XLSX"; }

 private:
  XlsxReader() = default;

  void* dataset_ = nullptr;  // GDALDatasetH; GDAL headers stay out of this header
  void* layer_ = nullptr;    // OGRLayerH
  long total_ = 0;
  long read_ = 0;
  long last_row_ = 0;
  std::vector<std::string> header_;
};

}  // namespace anju
