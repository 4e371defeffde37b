#pragma once
// One normalised data row of an import, as the template readers hand it to
// the rules: values by template key, unknown columns kept by their header.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/building.h"

namespace anju {

// A problem with one cell, reported to the user (DESIGN.md §3.1).
struct FieldError {
  long row = 0;
  std::string column;   // the template key
  std::string value;    // the cell as read
  std::string message;  // Chinese
};

struct ImportRow {
  long row_number = 0;  // as a spreadsheet counts: the header is row 1
  std::vector<std::pair<std::string, std::string>> fields;  // key → trimmed, NFKC text
  std::vector<std::pair<std::string, std::string>> extras;  // header → text
  std::string read_error;  // set when the row's bytes could not be decoded
  // Cells the reader could not take as text (a code stored as a rounded
  // number, a formula without a value): the row is rejected with these.
  std::vector<FieldError> cell_errors;
  // Geometry rows only (buildings): WKB MultiPolygon in lon/lat and its
  // bounding box, or why the geometry was refused.
  std::string wkb;
  BBox bbox;
  std::string geometry_error;

  // Whether the rules may look at the row: its bytes were text and every
  // cell could be taken.
  bool readable() const { return read_error.empty() && cell_errors.empty(); }

  // The value of `key`, or "" when the column is absent or the cell empty.
  std::string_view get(std::string_view key) const {
    for (const auto& [k, v] : fields)
      if (k == key) return v;
    return {};
  }
};

}  // namespace anju
