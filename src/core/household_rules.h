#pragma once
// Row-level validation of the roster and region templates (DOMAIN.md §4-§5).
// Pure: the checks that need stored data (known regions, IDs already used by
// another household) are made by the importer with what these return.

#include <optional>
#include <vector>

#include "core/date.h"
#include "core/household.h"
#include "core/import_row.h"

namespace anju {

template <class T>
struct Parsed {
  std::optional<T> value;          // set when `errors` is empty
  std::vector<FieldError> errors;  // one per faulty cell, in column order
};

// Validates every cell of a roster row; `today` bounds birth dates.
Parsed<Household> parse_household(const ImportRow& row, const Date& today);

// The household as the roster template writes it: one text per template
// column, in the template's order (core/columns.h), such that
// parse_household reads the very same household back (coordinates in the
// shortest form that round-trips; extras are not template columns).
std::vector<std::string> household_template_values(const Household& h);

// Validates a region row: a 12-digit code and a 1-50 character name.
Parsed<Region> parse_region(const ImportRow& row);

// True for an 11-digit mainland mobile number or a landline with area code
// (0xx-xxxxxxxx, optionally with an extension).
bool is_phone_number(std::string_view text);

}  // namespace anju
