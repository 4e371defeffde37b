// The checks every imported and requested value goes through: region codes
// (level, parent, cover), ID numbers (check digit, birth date, masking),
// phones, dates and times, construction years, UTF-8, cell normalisation
// and stored geometry (WKB). The input is split at the first NUL into two
// values, for the functions that take two. Each result is checked against
// the rules it promises (a code's parent covers it, a valid ID is masked to
// its length, normalised text is valid UTF-8 …): a broken promise aborts.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/building.h"
#include "core/date.h"
#include "core/geometry.h"
#include "core/id_number.h"
#include "core/privacy.h"
#include "core/region_code.h"
#include "core/text.h"
#include "ingest/normalize.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const auto nul = all.find('\0');
  const std::string_view a = all.substr(0, nul);
  const std::string_view b = nul == std::string_view::npos ? std::string_view() : all.substr(nul + 1);

  if (anju::is_region_code(a)) {
    (void)anju::region_level(a);
    require(anju::region_covers(anju::region_province(a), a));
    if (auto parent = anju::region_parent(a)) require(anju::region_covers(*parent, a) && *parent != a);
    (void)anju::region_prefix(a);
    if (anju::is_region_code(b)) (void)anju::region_covers(a, b);
  }
  const anju::Date today{2026, 12, 3};
  if (auto id = anju::validate_id_number(a, today)) {
    require(id->size() == 18);
    require(anju::mask_id_number(*id).size() == id->size());
  }
  (void)anju::mask_id_number(a);
  (void)anju::mask_phone(a);
  if (auto d = anju::parse_date(a)) require(d->month >= 1 && d->month <= 12 && d->day >= 1 && d->day <= 31);
  (void)anju::parse_iso_seconds(a);
  (void)anju::parse_built_years(a, 2026);
  if (anju::is_valid_utf8(a)) {
    const std::string cell = anju::normalize_cell(std::string(a));
    require(anju::is_valid_utf8(cell));
    (void)anju::utf8_length(a);
  }
  (void)anju::hex_decode(a);
  (void)anju::parse_wkb(all);
  return 0;
}
