#pragma once
// Row validation of the buildings, evidence and disasters templates
// (DOMAIN.md §4.2-§4.4, §5). Geometry is checked by the reader (GDAL);
// these check the attribute cells.

#include "core/building.h"
#include "core/household_rules.h"

namespace anju {

// The geometry is not part of the row; the caller sets wkb and bbox.
Parsed<Building> parse_building(const ImportRow& row, const Date& today);

// `source` comes from the command line; the method defaults by source.
Parsed<Evidence> parse_evidence(const ImportRow& row, EvidenceSource source, const Date& today);

Parsed<Disaster> parse_disaster(const ImportRow& row, const Date& today);

// A date cell: "YYYY-MM-DD", "YYYY/M/D", "YYYY.M.D", "YYYYMMDD", or an Excel
// serial day number (1900 date system).
std::optional<Date> parse_date_cell(std::string_view text);

}  // namespace anju
