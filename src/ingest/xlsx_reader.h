#pragma once
// Reads the sheets of an OOXML workbook (.xlsx, and WPS .et saved as OOXML)
// with libzip and expat, streaming: one row at a time, every cell with the
// kind the producer stored (text, number, date, formula without a value),
// so that no number is taken for text and no lost digit goes unnoticed.
// Bounded by ReadLimits while it reads.

#include <memory>
#include <string>

#include "ingest/table_reader.h"
#include "ingest/xlsx_workbook.h"
#include "ingest/xml_stream.h"
#include "ingest/zip_archive.h"

namespace anju {

class XlsxReader final : public TableReader {
 public:
  // `invalid` when the file is no OOXML workbook or is damaged.
  static Result<std::unique_ptr<XlsxReader>> open(const std::string& path,
                                                  const ReadLimits& limits = {});
  ~XlsxReader() override;

  std::size_t sheet_count() const override { return workbook_.sheets.size(); }
  std::string sheet_name() const override;
  bool sheet_hidden(std::size_t index) const override { return workbook_.sheets[index].hidden; }
  Result<void> select_sheet(std::size_t index) override;  // the first sheet is selected at open
  Result<std::optional<RawRow>> next() override;
  double progress() const override;
  std::string encoding() const override { return "XLSX"; }

 private:
  class SheetHandler;
  XlsxReader(std::unique_ptr<ZipArchive> zip, XlsxWorkbook workbook, const ReadLimits& limits);

  std::unique_ptr<ZipArchive> zip_;
  XlsxWorkbook workbook_;
  ReadLimits limits_;
  std::size_t sheet_ = 0;
  std::uint64_t sheet_size_ = 0;
  std::unique_ptr<SheetHandler> handler_;
  std::unique_ptr<XmlStream> stream_;
};

// Text of an Excel serial day (1900 or 1904 date system) as YYYY-MM-DD, and
// " HH:MM:SS" after it when the time of day is not midnight; nullopt for a
// serial outside 1900–9999.
std::optional<std::string> excel_serial_text(double serial, bool date1904);

}  // namespace anju
