#pragma once
// `anju gen`: a synthetic data set in the import templates, written to a
// folder. Streams: memory does not grow with the number of households
// beyond the set of ID numbers used.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace anju::gen {

struct GenOptions {
  long households = 898;
  uint64_t seed = 1;
  std::string out_dir;
};

struct GenSummary {
  long regions = 0;
  long households = 0;
  long buildings = 0;
  long evidence = 0;
  std::vector<std::string> files;  // paths written
};

// Fails with `invalid` (households < 1) or `io`.
Result<GenSummary> generate(const GenOptions& options);

}  // namespace anju::gen
