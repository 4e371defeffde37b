#pragma once
// How the API writes the domain's objects as JSON: keys as in DOMAIN.md,
// each enum as its key plus a Chinese `*_name` for the UI.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/job.h"
#include "core/read_models.h"
#include "http/json_writer.h"
#include "service/query_service.h"
#include "service/user_service.h"

namespace anju::http {

// A household, and a list row (the household with its match and judgment),
// written as text: a page of 50 is the API's busiest answer.
void write_household_row(JsonWriter& w, const HouseholdListRow& row);
nlohmann::json household_json(const Household& h, long version);
nlohmann::json household_detail_json(const HouseholdDetail& d);
nlohmann::json judgment_json(const JudgmentRow& j);  // result, reasons, grade and the evidence used
nlohmann::json building_json(const Stored<Building>& b);  // properties and GeoJSON geometry
nlohmann::json building_feature(const Stored<Building>& b);
nlohmann::json job_json(const Job& job);
nlohmann::json audit_json(const AuditEntry& e);

}  // namespace anju::http
