#pragma once
// The read models the API lists and dashboards use: household pages and the
// region counts kept beside the data.
//
// Part of a Transaction (store.h): its failures, snapshot and thread rules.

#include <string>
#include <vector>

#include "core/household.h"
#include "core/read_models.h"
#include "core/region_tally.h"
#include "core/result.h"

namespace anju {

class ReadModelRepo {
 public:
  virtual ~ReadModelRepo() = default;

  // A page of households with their match and judgment; `total` counts every
  // household the filter keeps.
  virtual Result<Page<HouseholdListRow>> list_households(const HouseholdFilter& filter) = 0;
  // Counts (core/read_models.h) of the regions in [lo, hi], of the given
  // dimensions; and of the regions directly under `parent` (kWholeCountry:
  // the provinces) in one dimension.
  virtual Result<std::vector<RegionCount>> region_counts(
      const std::string& region_lo, const std::string& region_hi,
      const std::vector<std::string>& dimensions) = 0;
  virtual Result<std::vector<RegionCount>> child_counts(const std::string& parent,
                                                        const std::string& dimension) = 0;
  // Recomputes the counts of the households of `region_code` (a village, or
  // kWholeCountry for all) from the households, matches and judgments, and
  // the sums of every region above it.
  virtual Result<void> refresh_summary(const std::string& region_code) = 0;
  // The same after a run that went through every household of
  // `region_code` and changed only `run.dimensions`: those are taken from
  // what the run counted and the others kept as stored, without reading
  // the households back (all counted afresh when a village's stored number
  // of households is not the number the run went through). A run that
  // counted everything (RunCounts::Counted::everything: a first roster
  // import) replaces them whole.
  virtual Result<void> refresh_summary(const std::string& region_code, const RunCounts& run) = 0;

 protected:
  ReadModelRepo() = default;
  ReadModelRepo(const ReadModelRepo&) = default;
  ReadModelRepo& operator=(const ReadModelRepo&) = default;
};

}  // namespace anju
