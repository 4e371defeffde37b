// A census file as the buildings import reads it: GeoRows over a GeoJSON
// input (GDAL's driver; the attribute mapping, the GBK sniffing, the
// geometry checks and the transformation are ours), every feature read.
#include <cstdint>
#include <cstdio>

#include "fuzz/fuzz_input.h"
#include "ingest/geo_rows.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = anju::fuzz::input_file(data, size, ".geojson");
  auto opened = anju::GeoRows::open(path, "");
  if (opened && opened->rows) anju::fuzz::read_all(*opened->rows);
  std::remove(path.c_str());
  return 0;
}
