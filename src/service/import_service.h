#pragma once
// Import jobs (DESIGN.md §3.1): read a template file, validate every row,
// upsert the valid ones in ONE transaction and report every invalid one.
// With InvalidRows::reject_file (--strict), any invalid row rolls the whole
// file back. Each run is
// recorded in the store's import journal.

#include <functional>
#include <string>

#include "core/clock.h"
#include "core/enums.h"
#include "core/import_report.h"
#include "store/store.h"

namespace anju {

struct ImportOptions {
  InvalidRows invalid_rows = InvalidRows::skip;
  std::string actor = "system";
  // The region of the importing user: a row of a region outside it is
  // rejected ("" = everywhere, as for the command line's operator).
  std::string scope;
  // Called now and then with the share of the file read and the rows so far.
  std::function<void(double fraction, long rows)> on_progress;
};

// Regions (DOMAIN.md §2): codes and names; a parent must be in the file or
// already stored. The file is held in memory (region lists are small).
// Returns an error only when the file cannot be read at all; row problems
// are in the report.
Result<ImportReport> import_regions(Store& store, const std::string& path,
                                    const ImportOptions& options, const Clock& clock);
// The national division table built in (ingest/builtin_divisions.h), all
// of it or, with a `prefix` such as "500229", the regions under it and
// above it; the same rules as a file: a renamed region is a warning.
Result<ImportReport> import_builtin_regions(Store& store, const std::string& prefix,
                                            const ImportOptions& options, const Clock& clock);

// Households (DOMAIN.md §4.1, §5), streamed row by row.
Result<ImportReport> import_households(Store& store, const std::string& path,
                                       const ImportOptions& options, const Clock& clock);

// Census buildings with footprints (§4.2): spatial files or tables with WKT.
// `assume_srs` is the CRS of files that declare none (default EPSG:4490).
Result<ImportReport> import_buildings(Store& store, const std::string& path,
                                      const std::string& assume_srs, const ImportOptions& options,
                                      const Clock& clock, const std::string& layer = "");

// Assessments of one source (§4.3). A record naming a parcel or household
// not (yet) imported is accepted with a warning.
Result<ImportReport> import_evidence(Store& store, const std::string& path, EvidenceSource source,
                                     const ImportOptions& options, const Clock& clock);

// Disaster events (§4.4).
Result<ImportReport> import_disasters(Store& store, const std::string& path,
                                      const ImportOptions& options, const Clock& clock);

}  // namespace anju
