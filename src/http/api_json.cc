#include "http/api_json.h"

#include "report/import_report_json.h"
#include "service/audit_words.h"
#include "service/job_service.h"

#include "core/geometry.h"

namespace anju::http {
namespace {

using nlohmann::json;

template <class E>
void put_enum(json& j, const char* key, const std::optional<E>& v) {
  j[key] = v ? json(enum_key(*v)) : json(nullptr);
  j[std::string(key) + "_name"] = v ? json(enum_name(*v)) : json(nullptr);
}

template <class E>
void put_enum(json& j, const char* key, E v) {
  put_enum(j, key, std::optional<E>(v));
}

json extras_json(const std::vector<std::pair<std::string, std::string>>& extras) {
  json out = json::object();
  for (const auto& [k, v] : extras) out[k] = v;
  return out;
}

json geometry_json(const std::string& wkb) {
  auto shape = parse_wkb(wkb);
  if (!shape) return nullptr;
  json polygons = json::array();
  for (const Polygon& p : *shape) {
    json rings = json::array();
    auto ring_json = [](const auto& ring) {
      json r = json::array();
      for (const Point& pt : ring) r.push_back({pt.x(), pt.y()});
      return r;
    };
    rings.push_back(ring_json(p.outer()));
    for (const auto& inner : p.inners()) rings.push_back(ring_json(inner));
    polygons.push_back(std::move(rings));
  }
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
}

// With the explanation (a sentence) for the detail; a list shows the
// short name and keeps its pages small.
json reasons_json(const std::vector<Reason>& reasons, bool explained) {
  json out = json::array();
  for (Reason r : reasons) {
    json j = {{"key", reason_key(r)}, {"name", reason_name(r)}};
    if (explained) j["explanation"] = reason_explanation(r);
    out.push_back(std::move(j));
  }
  return out;
}

json evidence_json(const Stored<Evidence>& s) {
  const Evidence& e = s.value;
  json j = {{"source", enum_key(e.source)}, {"source_name", enum_name(e.source)},
            {"evidence_id", e.evidence_id}, {"parcel_id", e.parcel_id},
            {"household_id", e.household_id}, {"assessed_on", e.assessed_on.to_string()},
            {"hazard", e.hazard ? json(*e.hazard) : json(nullptr)}, {"assessor", e.assessor},
            {"extra", extras_json(e.extras)}, {"version", s.version}};
  put_enum(j, "grade", e.grade);
  put_enum(j, "method", e.method);
  return j;
}

json match_json(const MatchResult& m) {
  return {{"outcome", match_outcome_key(m.outcome)}, {"outcome_name", match_outcome_name(m.outcome)},
          {"parcel_id", m.parcel_id.empty() ? json(nullptr) : json(m.parcel_id)},
          {"candidates", m.candidates}, {"parcel_not_found", m.parcel_not_found}, {"shared", m.shared}};
}

}  // namespace

json judgment_json(const JudgmentRow& j) {
  json out = {{"result", judge_result_key(j.result)}, {"result_name", judge_result_name(j.result)},
              {"reasons", reasons_json(j.reasons, true)},
              {"evidence_id", j.evidence_id.empty() ? json(nullptr) : json(j.evidence_id)}};
  put_enum(out, "grade", j.grade);
  put_enum(out, "evidence_source", j.evidence_source);
  out["previous_result"] = j.previous_result ? json(judge_result_key(*j.previous_result)) : json(nullptr);
  return out;
}

namespace {

template <class E>
void write_enum(JsonWriter& w, const char* key, const std::optional<E>& v) {
  w.key(key).value(v ? enum_key(*v) : nullptr);
  w.key(std::string(key) + "_name").value(v ? enum_name(*v) : nullptr);
}

void write_household_fields(JsonWriter& w, const Household& h, long version) {
  w.key("household_id").value(h.household_id).key("head_name").value(h.head_name);
  w.key("head_id_number").value(h.head_id_number).key("members").value(h.members);
  w.key("region_code").value(h.region_code).key("address").value(h.address).key("phone").value(h.phone);
  w.key("parcel_id").value(h.parcel_id).key("lon").value(h.lon).key("lat").value(h.lat);
  w.key("extra").begin_object();
  for (const auto& [k, v] : h.extras) w.key(k).value(v);
  w.end_object().key("version").value(version);
  write_enum(w, "category", std::optional(h.category));
  write_enum(w, "monitor_type", h.monitor_type);
  write_enum(w, "source", h.source);
  write_enum(w, "status", std::optional(h.status));
  write_enum(w, "housing", std::optional(h.housing));
}

}  // namespace

json household_json(const Household& h, long version) {
  std::string text;
  JsonWriter w(text);
  w.begin_object();
  write_household_fields(w, h, version);
  w.end_object();
  return json::parse(text);
}

void write_household_row(JsonWriter& w, const HouseholdListRow& row) {
  w.begin_object();
  write_household_fields(w, row.household, row.version);
  w.key("match_outcome").value(row.match_outcome ? match_outcome_key(*row.match_outcome) : nullptr);
  w.key("match_outcome_name").value(row.match_outcome ? match_outcome_name(*row.match_outcome) : "未对应");
  w.key("matched_parcel");
  if (row.matched_parcel.empty()) w.null(); else w.value(row.matched_parcel);
  w.key("result").value(row.result ? judge_result_key(*row.result) : nullptr);
  w.key("result_name").value(row.result ? judge_result_name(*row.result) : "未初判");
  w.key("reasons").begin_array();
  for (Reason r : row.reasons)
    w.begin_object().key("key").value(reason_key(r)).key("name").value(reason_name(r)).end_object();
  w.end_array();
  write_enum(w, "grade", row.grade);
  w.end_object();
}

json household_detail_json(const HouseholdDetail& d) {
  json j = {{"household", household_json(d.household.value, d.household.version)}};
  j["household"]["updated_at"] = d.household.updated_at;
  j["household"]["updated_by"] = d.household.updated_by;
  j["match"] = d.match ? match_json(*d.match) : json(nullptr);
  j["manual_match"] = d.manual ? json{{"parcel_id", d.manual->parcel_id}, {"version", d.manual->version},
                                      {"updated_at", d.manual->updated_at}, {"updated_by", d.manual->updated_by}}
                               : json(nullptr);
  j["manual_match_version"] = d.manual ? d.manual->version : 0;
  j["building"] = d.building ? building_feature(*d.building) : json(nullptr);
  j["evidence"] = json::array();
  for (const auto& e : d.evidence) j["evidence"].push_back(evidence_json(e));
  j["judgment"] = d.judgment ? judgment_json(*d.judgment) : json(nullptr);
  return j;
}

json building_json(const Stored<Building>& s) {
  const Building& b = s.value;
  json j = {{"parcel_id", b.parcel_id}, {"region_code", b.region_code}, {"address", b.address},
            {"owner_name", b.owner_name}, {"floors", b.floors ? json(*b.floors) : json(nullptr)},
            {"built", b.built ? json(b.built->text) : json(nullptr)},
            {"area_m2", b.area_m2 ? json(*b.area_m2) : json(nullptr)}, {"extra", extras_json(b.extras)},
            {"bbox", {b.bbox.min_lon, b.bbox.min_lat, b.bbox.max_lon, b.bbox.max_lat}},
            {"version", s.version}};
  put_enum(j, "structure", b.structure);
  put_enum(j, "planning_permit", b.planning_permit);
  put_enum(j, "homestead_approval", b.homestead_approval);
  put_enum(j, "property_registration", b.property_registration);
  put_enum(j, "geo_hazard", b.geo_hazard);
  put_enum(j, "expanded", b.expanded);
  put_enum(j, "business_use", b.business_use);
  return j;
}

json building_feature(const Stored<Building>& b) {
  return {{"type", "Feature"}, {"id", b.value.parcel_id}, {"properties", building_json(b)},
          {"geometry", geometry_json(b.value.wkb)}};
}

json job_json(const Job& job) {
  json j = {{"id", job.id},
            {"kind", enum_key(job.kind)},
            {"kind_name", enum_name(job.kind)},
            {"status", enum_key(job.status)},
            {"status_name", enum_name(job.status)},
            {"actor", job.actor},
            {"region", job.region.empty() ? json(nullptr) : json(job.region)},
            {"params", json::parse(job.params, nullptr, false)},
            {"progress", job.progress},
            {"rows", job.rows},
            {"message", job.message},
            {"created_at", job.created_at},
            {"heartbeat_at", job.heartbeat_at},
            {"finished_at", job.finished_at.empty() ? json(nullptr) : json(job.finished_at)}};
  json result = json::parse(job.result, nullptr, false);
  if (result.is_object()) {  // the rows' cells: in the error workbook only
    result.erase("rejected");
    result.erase("extra_headers");
  }
  if (result.is_object() && result.contains("errors") && result["errors"].is_array()) {
    // The first errors inline; all of them as a workbook.
    const size_t n = result["errors"].size();
    if (n > 100) result["errors"] = json(std::vector<json>(result["errors"].begin(), result["errors"].begin() + 100));
    if (const auto kind = enum_from_key<TemplateKind>(result.value("template", "")))
      for (json& e : result["errors"]) e["column_label"] = column_label(*kind, e.value("column", ""));
    result["errors_listed"] = std::min<size_t>(n, 100);
    if (n > 0) j["errors_url"] = "/api/v1/jobs/" + std::to_string(job.id) + "/errors.xlsx";
  }
  j["result"] = result.is_discarded() ? json(nullptr) : result;
  return j;
}

json audit_json(const AuditEntry& e) {
  json detail = json::parse(e.detail, nullptr, false);
  return {{"id", e.id}, {"at", e.at}, {"actor", e.actor}, {"action", e.action},
          {"action_name", audit_action_name(e.action)}, {"object_type", e.object_type},
          {"object_type_name", audit_object_name(e.object_type)}, {"object_id", e.object_id},
          {"detail", detail.is_discarded() ? json(e.detail) : detail}, {"detail_text", audit_detail_text(e.detail)},
          {"seq", e.seq ? json(*e.seq) : json(nullptr)}, {"hash", e.hash}};
}

}  // namespace anju::http
