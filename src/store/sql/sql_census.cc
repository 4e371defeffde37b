// Buildings, evidence and disasters on SQLite.
#include <algorithm>
#include <stdexcept>

#include "store/sql/bind_helpers.h"
#include "store/sql/row_readers.h"
#include "store/sql/sql_transaction.h"

namespace anju::sql {

std::string stamped_insert_sql(const char* table, const char* columns, bool with_province) {
  std::string cols(columns);
  if (with_province) cols += ", province";
  const long n = std::count(cols.begin(), cols.end(), ',') + 1 + 3;
  std::string marks;
  for (long i = 0; i < n; ++i) marks += i ? ",?" : "?";
  return std::string("INSERT INTO ") + table + "(" + cols + ", created_at, updated_at, updated_by)" +
         " VALUES (" + marks + ")";
}

Date read_date(const Statement& s, int col) {
  auto d = parse_date(s.text(col));
  if (!d) throw std::runtime_error("malformed stored date '" + s.text(col) + "'");
  return *d;
}

namespace {

constexpr const char* kBuildingColumns =
    "parcel_id, region_code, address, owner_name, floors, built_text, built_from, built_to,"
    " structure, area_m2, planning_permit, homestead_approval, property_registration,"
    " geo_hazard, expanded, business_use, geom, min_lon, min_lat, max_lon, max_lat, extra";
constexpr int kBuildingCount = 22;

// The text and the geometry are bound as views: `b` must outlive the run.
void bind_building(Statement& s, const Building& b) {
  s.bind_view(1, b.parcel_id).bind_view(2, b.region_code).bind_view(3, b.address).bind_view(4, b.owner_name);
  s.bind(5, b.floors);
  if (b.built) {
    s.bind_view(6, b.built->text).bind(7, b.built->from).bind(8, b.built->to);
  } else {
    s.bind_null(6).bind_null(7).bind_null(8);
  }
  bind_enum(s, 9, b.structure);
  s.bind(10, b.area_m2);
  bind_enum(s, 11, b.planning_permit);
  bind_enum(s, 12, b.homestead_approval);
  bind_enum(s, 13, b.property_registration);
  bind_enum(s, 14, b.geo_hazard);
  bind_enum(s, 15, b.expanded);
  bind_enum(s, 16, b.business_use);
  s.bind_blob_view(17, b.wkb);
  s.bind(18, b.bbox.min_lon).bind(19, b.bbox.min_lat).bind(20, b.bbox.max_lon).bind(21, b.bbox.max_lat);
  s.bind(22, extras_to_json(b.extras));
}

Building read_building(const Statement& s) {
  Building b;
  b.parcel_id = s.text(0);
  b.region_code = s.text(1);
  b.address = s.text(2);
  b.owner_name = s.text(3);
  b.floors = read_int(s, 4);
  if (!s.is_null(5)) b.built = BuiltYears{read_int(s, 6), read_int(s, 7), s.text(5)};
  b.structure = read_enum<Structure>(s, 8);
  b.area_m2 = s.optional_real(9);
  b.planning_permit = read_enum<Availability>(s, 10);
  b.homestead_approval = read_enum<Availability>(s, 11);
  b.property_registration = read_enum<Availability>(s, 12);
  b.geo_hazard = read_enum<YesNo>(s, 13);
  b.expanded = read_enum<YesNo>(s, 14);
  b.business_use = read_enum<YesNo>(s, 15);
  b.wkb = s.blob(16);
  b.bbox = BBox{s.real(17), s.real(18), s.real(19), s.real(20)};
  b.extras = extras_from_json(s.text(21));
  return b;
}

constexpr const char* kDisasterColumns = "event_id, region_code, occurred_on, kind, description, extra";

Disaster read_disaster(const Statement& s) {
  return Disaster{s.text(0), s.text(1), read_date(s, 2), enum_from_db<DisasterKind>(s.text(3)),
                  s.text(4), extras_from_json(s.text(5))};
}

// "?, ?, … ?" with n marks.
}  // namespace

Result<std::optional<Stored<Building>>> SqlTransaction::find_building(std::string_view parcel_id) {
  static const std::string sql = std::string("SELECT ") + kBuildingColumns +
                                 ", version, created_at, updated_at, updated_by FROM buildings"
                                 " WHERE parcel_id = ?";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, parcel_id);
  std::optional<Stored<Building>> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out = stored(read_building(r), r, kBuildingCount); }));
  return out;
}

Result<void> SqlTransaction::insert_building(const Building& b, const WriteStamp& stamp) {
  static const std::string sql = stamped_insert_sql("buildings", kBuildingColumns, true);
  auto& s = conn_.prepare(sql.c_str());
  bind_building(s, b);
  bind_province(s, kBuildingCount + 1, b.region_code);
  bind_insert_stamp(s, kBuildingCount + 1, stamp);
  return s.run();
}

Result<void> SqlTransaction::update_building(const Building& b, long expected_version,
                                                const WriteStamp& stamp) {
  static const char* sql =
      "UPDATE buildings SET region_code = ?2, address = ?3, owner_name = ?4, floors = ?5,"
      " built_text = ?6, built_from = ?7, built_to = ?8, structure = ?9, area_m2 = ?10,"
      " planning_permit = ?11, homestead_approval = ?12, property_registration = ?13,"
      " geo_hazard = ?14, expanded = ?15, business_use = ?16, geom = ?17, min_lon = ?18,"
      " min_lat = ?19, max_lon = ?20, max_lat = ?21, extra = ?22, province = ?23,"
      " version = version + 1, updated_at = ?24, updated_by = ?25"
      " WHERE parcel_id = ?1 AND version = ?26";
  auto& s = conn_.prepare(sql);
  bind_building(s, b);
  bind_province(s, 23, b.region_code);
  s.bind(24, stamp.at).bind(25, stamp.actor).bind(26, expected_version);
  ANJU_TRY(s.run());
  return check_versioned_update("SELECT 1 FROM buildings WHERE parcel_id = ?", b.parcel_id, "房屋图斑");
}

Result<long> SqlTransaction::count_buildings() {
  long n = 0;
  ANJU_TRY(each_row(conn_.prepare("SELECT count(*) FROM buildings"),
                    [&](const Statement& s) { n = s.integer(0); }));
  return n;
}

namespace {

Footprint read_footprint(const Statement& s) {
  return Footprint{s.text(0), s.text(1), s.text(2), s.blob(3), BBox{s.real(4), s.real(5), s.real(6), s.real(7)}};
}

}  // namespace

Result<void> SqlTransaction::for_each_footprint(std::string_view after, std::string_view upto,
                                                   const std::function<void(Footprint&&)>& fn) {
  auto& s = conn_.scan(
      "SELECT parcel_id, region_code, owner_name, geom, min_lon, min_lat, max_lon, max_lat FROM buildings"
      " WHERE parcel_id > ?1 AND parcel_id <= ?2");
  return each_row(s.bind(1, after).bind(2, upto), [&](const Statement& s) { fn(read_footprint(s)); });
}

// A building's bounding box is at most this wide (degrees): a box query
// scans the min_lon index from this far west of the box.
constexpr double kMaxBuildingSpan = 0.01;

Result<void> SqlTransaction::for_each_footprint_meeting(const BBox& box, const std::function<void(Footprint&&)>& fn) {
  auto& s = conn_.scan(
      "SELECT parcel_id, region_code, owner_name, geom, min_lon, min_lat, max_lon, max_lat FROM buildings"
      " WHERE min_lon BETWEEN ?1 AND ?2 AND max_lon >= ?3 AND min_lat <= ?4 AND max_lat >= ?5");
  s.bind(1, box.min_lon - kMaxBuildingSpan).bind(2, box.max_lon).bind(3, box.min_lon);
  s.bind(4, box.max_lat).bind(5, box.min_lat);
  return each_row(s, [&](const Statement& r) { fn(read_footprint(r)); });
}

Result<void> SqlTransaction::for_each_footprint_in(const std::string& region_lo, const std::string& region_hi,
                                                      const std::function<void(Footprint&&)>& fn) {
  // Streamed: a province's run reads millions of footprints.
  auto& s = conn_.scan(
      "SELECT parcel_id, region_code, owner_name, geom, min_lon, min_lat, max_lon, max_lat FROM buildings"
      " WHERE region_code BETWEEN ?1 AND ?2");
  return each_row(s.bind(1, region_lo).bind(2, region_hi), [&](const Statement& s) { fn(read_footprint(s)); });
}

Result<std::optional<BuildingFacts>> SqlTransaction::find_building_facts(
    std::string_view parcel_id) {
  static const std::string sql =
      std::string("SELECT ") + kFactsColumns + " FROM buildings WHERE parcel_id = ?";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, parcel_id);
  std::optional<BuildingFacts> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out = read_facts(r); }));
  return out;
}

Result<std::optional<Stored<Evidence>>> SqlTransaction::find_evidence(EvidenceSource source,
                                                                         std::string_view id) {
  static const std::string sql = std::string("SELECT ") + kEvidenceColumns +
                                 ", version, created_at, updated_at, updated_by FROM evidence"
                                 " WHERE source = ? AND evidence_id = ?";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, enum_key(source)).bind(2, id);
  std::optional<Stored<Evidence>> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out = stored(read_evidence(r), r, 11); }));
  return out;
}

Result<void> SqlTransaction::insert_evidence(const Evidence& e, const WriteStamp& stamp) {
  static const std::string sql = stamped_insert_sql("evidence", kEvidenceColumns, true);
  auto& s = conn_.prepare(sql.c_str());
  bind_evidence(s, e);
  bind_province(s, 12, e.region_code);
  bind_insert_stamp(s, 12, stamp);
  return s.run();
}

Result<void> SqlTransaction::update_evidence(const Evidence& e, long expected_version,
                                                const WriteStamp& stamp) {
  auto& s = conn_.prepare(
      "UPDATE evidence SET parcel_id = ?3, household_id = ?4, assessed_on = ?5, grade = ?6,"
      " hazard = ?7, method = ?8, assessor = ?9, extra = ?10, region_code = ?11, province = ?12,"
      " version = version + 1, updated_at = ?13, updated_by = ?14"
      " WHERE source = ?1 AND evidence_id = ?2 AND version = ?15");
  bind_evidence(s, e);
  bind_province(s, 12, e.region_code);
  s.bind(13, stamp.at).bind(14, stamp.actor).bind(15, expected_version);
  ANJU_TRY(s.run());
  if (conn_.changes() == 1) return {};
  auto stored = find_evidence(e.source, e.evidence_id);
  if (!stored) return stored.error();
  if (!*stored) return make_error(ErrorCode::not_found, "评估记录不存在：" + e.evidence_id);
  return make_error(ErrorCode::conflict, "评估记录已被他人修改，请刷新后重试：" + e.evidence_id);
}

Result<long> SqlTransaction::count_evidence(std::optional<EvidenceSource> source) {
  long n = 0;
  // coalesce, not "?1 IS NULL OR": PostgreSQL must infer the parameter's type.
  auto& s = conn_.prepare("SELECT count(*) FROM evidence WHERE source = coalesce(?1, source)");
  bind_enum(s, 1, source);
  ANJU_TRY(each_row(s, [&](const Statement& r) { n = r.integer(0); }));
  return n;
}

Result<std::optional<Stored<Disaster>>> SqlTransaction::find_disaster(std::string_view event_id) {
  static const std::string sql = std::string("SELECT ") + kDisasterColumns +
                                 ", version, created_at, updated_at, updated_by FROM disasters"
                                 " WHERE event_id = ?";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, event_id);
  std::optional<Stored<Disaster>> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out = stored(read_disaster(r), r, 6); }));
  return out;
}

Result<void> SqlTransaction::insert_disaster(const Disaster& d, const WriteStamp& stamp) {
  static const std::string sql = stamped_insert_sql("disasters", kDisasterColumns);
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, d.event_id).bind(2, d.region_code).bind(3, d.occurred_on.to_string());
  s.bind(4, enum_key(d.kind)).bind(5, d.description).bind(6, extras_to_json(d.extras));
  bind_insert_stamp(s, 6, stamp);
  return s.run();
}

Result<void> SqlTransaction::update_disaster(const Disaster& d, long expected_version,
                                                const WriteStamp& stamp) {
  ANJU_TRY(conn_
               .prepare("UPDATE disasters SET region_code = ?2, occurred_on = ?3, kind = ?4,"
                        " description = ?5, extra = ?6, version = version + 1, updated_at = ?7,"
                        " updated_by = ?8 WHERE event_id = ?1 AND version = ?9")
               .bind(1, d.event_id).bind(2, d.region_code).bind(3, d.occurred_on.to_string())
               .bind(4, enum_key(d.kind)).bind(5, d.description).bind(6, extras_to_json(d.extras))
               .bind(7, stamp.at).bind(8, stamp.actor).bind(9, expected_version)
               .run());
  return check_versioned_update("SELECT 1 FROM disasters WHERE event_id = ?", d.event_id, "灾害事件");
}

Result<std::vector<Disaster>> SqlTransaction::list_disasters() {
  static const std::string sql =
      std::string("SELECT ") + kDisasterColumns + " FROM disasters ORDER BY event_id";
  std::vector<Disaster> out;
  ANJU_TRY(each_row(conn_.prepare(sql.c_str()), [&](const Statement& s) { out.push_back(read_disaster(s)); }));
  return out;
}

Result<std::vector<Stored<Building>>> SqlTransaction::find_buildings(
    const std::vector<std::string>& parcel_ids) {
  static const std::string sql = std::string("SELECT ") + kBuildingColumns +
                                 ", version, created_at, updated_at, updated_by FROM buildings"
                                 " WHERE parcel_id";
  std::vector<Stored<Building>> out;
  ANJU_TRY(each_in(sql, 0, parcel_ids, {}, [&](const Statement& s) {
    out.push_back(stored(read_building(s), s, kBuildingCount));
  }));
  return out;
}

// A building is taken to be narrower than kMaxBuildingSpan degrees, so the
// index on (min_lon, min_lat) bounds the scan on both sides.

Result<std::vector<Stored<Building>>> SqlTransaction::buildings_in_box(const BBox& box, const std::string& lo,
                                                                       const std::string& hi, long limit) {
  static const std::string sql = std::string("SELECT ") + kBuildingColumns +
                                 ", version, created_at, updated_at, updated_by FROM buildings"
                                 " WHERE min_lon BETWEEN ?1 AND ?2 AND max_lon >= ?3 AND min_lat <= ?4"
                                 " AND max_lat >= ?5 AND region_code BETWEEN ?6 AND ?7"
                                 " ORDER BY parcel_id LIMIT ?8";
  auto& s = conn_.prepare(sql.c_str());
  s.bind(1, box.min_lon - kMaxBuildingSpan).bind(2, box.max_lon).bind(3, box.min_lon);
  s.bind(4, box.max_lat).bind(5, box.min_lat).bind(6, lo).bind(7, hi).bind(8, limit);
  std::vector<Stored<Building>> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) { out.push_back(stored(read_building(r), r, kBuildingCount)); }));
  return out;
}

Result<std::optional<BBox>> SqlTransaction::buildings_extent(const std::string& lo, const std::string& hi) {
  auto& s = conn_.prepare(
      "SELECT min(min_lon), min(min_lat), max(max_lon), max(max_lat) FROM buildings"
      " WHERE region_code BETWEEN ?1 AND ?2 AND NOT (min_lon = 0 AND max_lon = 0)");  // a house with no place
  s.bind(1, lo).bind(2, hi);
  std::optional<BBox> out;
  ANJU_TRY(each_row(s, [&](const Statement& r) {
    if (!r.is_null(0)) out = BBox{r.real(0), r.real(1), r.real(2), r.real(3)};
  }));
  return out;
}

Result<std::vector<BuildingFacts>> SqlTransaction::find_building_facts(
    const std::vector<std::string>& parcel_ids) {
  static const std::string sql = std::string("SELECT ") + kFactsColumns + " FROM buildings WHERE parcel_id";
  std::vector<BuildingFacts> out;
  ANJU_TRY(each_in(sql, 0, parcel_ids, {}, [&](const Statement& s) { out.push_back(read_facts(s)); }));
  return out;
}

Result<std::vector<Stored<Evidence>>> SqlTransaction::find_evidence(
    EvidenceSource source, const std::vector<std::string>& ids) {
  static const std::string sql = std::string("SELECT ") + kEvidenceColumns +
                                 ", version, created_at, updated_at, updated_by FROM evidence"
                                 " WHERE source = ?1 AND evidence_id";
  std::vector<Stored<Evidence>> out;
  ANJU_TRY(each_in(
      sql, 1, ids, [&](Statement& s) { s.bind(1, enum_key(source)); },
      [&](const Statement& s) { out.push_back(stored(read_evidence(s), s, 11)); }));
  return out;
}

}  // namespace anju::sql
