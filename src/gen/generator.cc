#include "gen/generator.h"

#include <filesystem>

#include "core/columns.h"
#include "gen/roster.h"
#include "report/csv_writer.h"

namespace anju::gen {
namespace {

std::vector<std::string> header_of(TemplateKind kind) {
  std::vector<std::string> out;
  for (const ColumnSpec& spec : template_columns(kind)) out.emplace_back(spec.name);
  return out;
}

}  // namespace

Result<GenSummary> generate(const GenOptions& options) {
  if (options.households < 1) return make_error(ErrorCode::invalid, "户数至少为1");
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return make_error(ErrorCode::io, "无法创建目录：" + options.out_dir);
  const std::filesystem::path dir(options.out_dir);
  GenSummary summary;
  const RegionPlan plan = plan_regions(options.households);

  const std::string regions_path = (dir / "regions.csv").string();
  auto regions = CsvWriter::create(regions_path);
  if (!regions) return regions.error();
  (*regions)->row(header_of(TemplateKind::regions));
  for (const Region& r : plan.regions) (*regions)->row({r.code, r.name});
  ANJU_TRY((*regions)->close());
  summary.regions = static_cast<long>(plan.regions.size());
  summary.files.push_back(regions_path);

  const std::string households_path = (dir / "households.csv").string();
  auto households = CsvWriter::create(households_path);
  if (!households) return households.error();
  (*households)->row(header_of(TemplateKind::households));
  generate_households(plan, options.households, options.seed,
                      [&](const Household& h, const Village&) {
                        (*households)->row(roster_cells(h));
                        ++summary.households;
                      });
  ANJU_TRY((*households)->close());
  summary.files.push_back(households_path);
  return summary;
}

}  // namespace anju::gen
