// A roster file as an import reads it, with the import's read limits made
// small: the reader, the household template's header found and mapped,
// every row read. Built twice: fuzz_csv (CsvReader: UTF-8 or GBK text) and
// fuzz_xlsx (XlsxReader: our zip and XML reading of OOXML workbooks, seeds
// from the office files of tests/cases). The XLS reader is FreeXL's and is
// not fuzzed here: docs/security.md says why.
#include <cstdint>
#include <cstdio>

#include "fuzz/fuzz_input.h"
#include "ingest/csv_reader.h"
#include "ingest/table_reader.h"
#include "ingest/xlsx_reader.h"
#include "ingest/template_rows.h"

#ifndef ANJU_FUZZ_XLSX
#define ANJU_FUZZ_XLSX 0
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = anju::fuzz::input_file(data, size, ANJU_FUZZ_XLSX ? ".xlsx" : ".csv");
  anju::ReadLimits limits;
  limits.max_unpacked_bytes = 64 << 20;
  limits.max_shared_string_bytes = 16 << 20;
  limits.max_rows = 20000;
  limits.max_columns = 200;
  limits.max_cell_bytes = 1 << 16;
  anju::Result<std::unique_ptr<anju::TableReader>> reader = anju::make_error(anju::ErrorCode::invalid, "");
  if (ANJU_FUZZ_XLSX) {
    if (auto x = anju::XlsxReader::open(path, limits)) reader = std::unique_ptr<anju::TableReader>(std::move(*x));
  } else if (auto c = anju::CsvReader::open(path, limits)) {
    reader = std::unique_ptr<anju::TableReader>(std::move(*c));
  }
  if (reader) {
    auto opened = anju::TemplateRows::open(anju::TemplateKind::households, std::move(*reader));
    if (opened && opened->rows) anju::fuzz::read_all(*opened->rows);
  }
  std::remove(path.c_str());
  return 0;
}
