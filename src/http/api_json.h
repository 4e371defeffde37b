#pragma once
// How the API writes the domain's objects as JSON: keys as in DOMAIN.md,
// each enum as its key plus a Chinese `*_name` for the UI.

#include <nlohmann/json.hpp>

#include "core/job.h"
#include "core/read_models.h"
#include "service/query_service.h"

namespace anju::http {

nlohmann::json household_json(const Household& h, long version);
nlohmann::json household_row_json(const HouseholdListRow& row);
nlohmann::json household_detail_json(const HouseholdDetail& d);
nlohmann::json building_json(const Stored<Building>& b);  // properties and GeoJSON geometry
nlohmann::json building_feature(const Stored<Building>& b);
nlohmann::json job_json(const Job& job);
nlohmann::json audit_json(const AuditEntry& e);

}  // namespace anju::http
