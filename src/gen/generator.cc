#include "gen/generator.h"

#include <filesystem>

#include "core/columns.h"
#include "gen/building_writer.h"
#include "gen/census.h"
#include "gen/roster.h"
#include "report/csv_writer.h"

namespace anju::gen {
namespace {

std::vector<std::string> header_of(TemplateKind kind) {
  std::vector<std::string> out;
  for (const ColumnSpec& spec : template_columns(kind)) out.emplace_back(spec.name);
  return out;
}

std::vector<std::string> evidence_cells(const Evidence& e) {
  return {e.evidence_id, e.parcel_id, e.household_id, e.assessed_on.to_string(),
          e.grade ? enum_name(*e.grade) : "", e.hazard ? (*e.hazard ? "有" : "无") : "",
          enum_name(e.method), e.assessor};
}

// The evidence files, one per source.
class EvidenceFiles {
 public:
  Result<void> open(const std::filesystem::path& dir, GenSummary& summary) {
    for (EvidenceSource s : {EvidenceSource::census, EvidenceSource::selfbuilt,
                             EvidenceSource::monitoring, EvidenceSource::appraisal}) {
      const std::string path = (dir / (std::string("evidence_") + enum_key(s) + ".csv")).string();
      auto w = CsvWriter::create(path);
      if (!w) return w.error();
      (*w)->row(header_of(TemplateKind::evidence));
      files_[static_cast<size_t>(s)] = std::move(*w);
      summary.files.push_back(path);
    }
    return {};
  }
  void write(const Evidence& e) { files_[static_cast<size_t>(e.source)]->row(evidence_cells(e)); }
  Result<void> close() {
    for (auto& f : files_)
      if (f) ANJU_TRY(f->close());
    return {};
  }

 private:
  std::unique_ptr<CsvWriter> files_[5];
};

Result<void> write_disasters(const std::filesystem::path& dir, const RegionPlan& plan, uint64_t seed,
                             GenSummary& summary) {
  Rng rng(seed ^ 0xD15A57E5ULL);
  const std::string path = (dir / "disasters.csv").string();
  auto w = CsvWriter::create(path);
  if (!w) return w.error();
  (*w)->row(header_of(TemplateKind::disasters));
  for (const Disaster& d : generate_disasters(plan, rng))
    (*w)->row({d.event_id, d.region_code, d.occurred_on.to_string(), enum_name(d.kind), d.description});
  summary.files.push_back(path);
  return (*w)->close();
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
  const std::string buildings_path =
      (dir / (options.households > 100000 ? "buildings.gpkg" : "buildings.geojson")).string();
  auto buildings = BuildingWriter::create(buildings_path);
  if (!buildings) return buildings.error();
  EvidenceFiles evidence;
  ANJU_TRY(evidence.open(dir, summary));

  // The census gets its own random stream, so rosters stay as they were.
  Rng census_rng(options.seed ^ 0xC0FFEE1234ULL);
  std::string previous_parcel;
  Result<void> failed;
  generate_households(plan, options.households, options.seed,
                      [&](const Household& generated, const Village& v) {
                        if (!failed) return;
                        Household h = generated;
                        HouseholdCensus c =
                            generate_census(census_rng, h, v, summary.households, previous_parcel);
                        (*households)->row(roster_cells(h));
                        for (const GenBuilding& b : c.buildings)
                          if (auto r = (*buildings)->write(b); !r) failed = r;
                        for (const Evidence& e : c.evidence) evidence.write(e);
                        previous_parcel = c.buildings.front().attrs.parcel_id;
                        summary.buildings += static_cast<long>(c.buildings.size());
                        summary.evidence += static_cast<long>(c.evidence.size());
                        ++summary.households;
                      });
  ANJU_TRY(failed);
  ANJU_TRY((*households)->close());
  ANJU_TRY((*buildings)->close());
  ANJU_TRY(evidence.close());
  summary.files.push_back(households_path);
  summary.files.push_back(buildings_path);
  ANJU_TRY(write_disasters(dir, plan, options.seed, summary));
  return summary;
}

}  // namespace anju::gen
