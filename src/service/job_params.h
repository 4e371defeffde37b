#pragma once
// The typed parameters of each job kind (core/job.h). A request is parsed
// into them before its job is created; they are kept with the job as JSON
// (Job::params, shown to whoever polls it) and read back strictly when the
// job runs, so that its work is decided once, by its kind.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "core/columns.h"
#include "core/enums.h"
#include "core/import_report.h"
#include "core/job.h"
#include "core/result.h"
#include "service/export_service.h"
#include "service/print_service.h"

namespace anju {

// match, judge: the region the run acts on (a region code; kWholeCountry:
// all). create_job fills in the user's own region when none is named.
struct RunParams {
  std::string region;
};

// import.*: an uploaded file.
struct FileImportParams {
  std::string file_name;  // as the user named it
  InvalidRows invalid_rows = InvalidRows::skip;
  std::optional<EvidenceSource> source;  // import.evidence: required
  std::string srs = "EPSG:4490";         // import.buildings: the CRS of files that declare none
  std::string layer;  // import.buildings: a layer of a multi-layer file ("" = the first)
};

// import.regions from the national table built in, all of it ("") or
// under a prefix such as "500229".
struct BuiltinRegionsParams {
  std::string prefix;
};

// export.*: ExportRequest, its kind the job's. print.households: a
// PrintRequest of that kind (its region and full_id).
using JobParams = std::variant<RunParams, FileImportParams, BuiltinRegionsParams, ExportRequest, PrintRequest>;

// The job kinds of imports and exports, and back.
JobKind import_job_kind(TemplateKind t);
std::optional<TemplateKind> imported_template(JobKind k);
JobKind export_job_kind(ExportKind k);
std::optional<ExportKind> exported_kind(JobKind k);

// `invalid` (Chinese) unless `params` are of the shape `kind` takes.
Result<void> check_job_params(JobKind kind, const JobParams& params);

// As kept in Job::params.
nlohmann::json job_params_json(const JobParams& params);
// What job_params_json() wrote for a job of `kind`; `internal` when the
// stored text is not that (a corrupt row is an error, never a default).
Result<JobParams> read_job_params(JobKind kind, const std::string& stored);

}  // namespace anju
