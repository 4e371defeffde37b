// anju-xls FILE MAX_COLUMNS MAX_CELL_BYTES: reads an Excel 97–2003 / WPS
// workbook with FreeXL for the parent on fd 3, confined to reading FILE
// (ingest/child_reader.h). Started by open_table, never by a person.
#include <cstdlib>
#include <string>

#include "ingest/child_serve.h"
#include "ingest/xls_reader.h"

int main(int argc, char** argv) {
  if (argc != 4) return 64;
  anju::ReadLimits limits;
  limits.max_columns = std::atol(argv[2]);
  limits.max_cell_bytes = static_cast<std::size_t>(std::atol(argv[3]));
  const std::string file = argv[1];
  return anju::serve_in_child(file, [&]() -> anju::Result<std::unique_ptr<anju::TableReader>> {
    auto r = anju::XlsReader::open(file, limits);
    if (!r) return r.error();
    return std::unique_ptr<anju::TableReader>(std::move(*r));
  });
}
