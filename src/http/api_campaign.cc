// A region's campaign (DOMAIN.md §7): read by anyone within scope, set or
// removed by town offices and above (service/campaign_service.h).
#include <nlohmann/json.hpp>

#include "http/router.h"
#include "service/campaign_service.h"

namespace anju::http {
namespace {

using nlohmann::json;

// campaign_json keeps its keys in order for print and audit; a response need not.
json plain(const Campaign& c) { return json::parse(campaign_json(c).dump()); }

json region_campaign_json(const RegionCampaign& rc) {
  json inside = json::array();
  for (const Campaign& c : rc.inside) inside.push_back(plain(c));
  return {{"region_code", rc.region_code}, {"campaign", plain(rc.campaign)}, {"own", rc.own},
          {"inside", std::move(inside)}};
}

json change_json(const CampaignChange& change) {
  json j = region_campaign_json(change.now);
  j["judged"] = change.judged ? json{{"households", change.judged->households}, {"changed", change.judged->changed},
                                     {"results", change.judged->results}}
                              : json(nullptr);
  return j;
}

// The form, every field typed: the settings as a whole, and the version seen.
struct CampaignForm {
  long version = 0;
  Campaign settings;
  bool papers_given = false;  // acceptance_papers in the body (absent: kept as stored)
};

Result<CampaignForm> parse_form(const json& b) {
  if (!b.is_object()) return make_error(ErrorCode::invalid, "请求体应为 JSON 对象");
  CampaignForm f;
  std::string bad;
  auto fail = [&](const char* field, const char* what) { bad += (bad.empty() ? "" : "；") + std::string(field) + what; };
  auto date = [&](const char* field, Date& into) {
    if (b.contains(field) && b[field].is_string())
      if (auto d = parse_date(b[field].get<std::string>())) return void(into = *d);
    fail(field, " 应为日期，如 2024-10-13");
  };
  auto integer = [&](const char* field, auto& into) {
    if (b.contains(field) && b[field].is_number_integer()) return void(into = b[field].get<long>());
    fail(field, " 应为整数");
  };
  integer("version", f.version);
  Campaign& c = f.settings;
  if (b.contains("name") && b["name"].is_string()) c.name = b["name"].get<std::string>();
  else fail("name", " 应为文字");
  date("window_start", c.window_start);
  date("window_end", c.window_end);
  if (!b.contains("as_of") || b["as_of"].is_null()) c.as_of.reset();
  else {
    Date d;
    date("as_of", d);
    c.as_of = d;
  }
  date("cutoff", c.settings.cutoff);
  date("ledger_deadline", c.ledger_deadline);
  long year = 0, age = 0;
  integer("aging_year", year);
  integer("aging_age_years", age);
  c.settings.aging_year = static_cast<int>(std::clamp(year, -1L, 10000L));
  c.settings.aging_age_years = static_cast<int>(std::clamp(age, -1L, 10000L));
  // A list of codes: every one known, else the field is named.
  auto codes = [&]<class E>(const char* field, std::vector<E>& into, const char* unknown, const char* not_list) {
    into.clear();
    if (!b.contains(field) || !b[field].is_array()) return fail(field, not_list);
    for (const json& s : b[field]) {
      auto v = s.is_string() ? enum_parse<E>(s.get<std::string>()) : std::nullopt;
      if (!v) return fail(field, unknown);
      into.push_back(*v);
    }
  };
  codes("aging_structures", c.settings.aging_structures, " 含未知的结构类型", " 应为结构类型的列表");
  f.papers_given = b.contains("acceptance_papers");
  if (f.papers_given) codes("acceptance_papers", c.acceptance_papers, " 含未知的材料类别", " 应为材料类别的列表（可为空）");
  if (!bad.empty()) return make_error(ErrorCode::invalid, bad);
  return f;
}

}  // namespace

Response get_campaign(RouteContext& c) {
  auto rc = read_campaign(c.store, c.user, c.q("region"));
  if (!rc) return error_response(c.req, rc.error());
  return json_response(c.req, bh::status::ok, region_campaign_json(*rc));
}

Response put_campaign(RouteContext& c) {
  auto form = parse_form(json::parse(c.req.body(), nullptr, false));
  if (!form) return error_response(c.req, form.error());
  auto changed = change_campaign(
      c.store, c.user, c.q("region"), form->version,
      [&](Campaign& stored) -> Result<void> {
        const Campaign& s = form->settings;
        stored.name = s.name;
        stored.window_start = s.window_start;
        stored.window_end = s.window_end;
        stored.as_of = s.as_of;
        stored.settings.cutoff = s.settings.cutoff;
        stored.settings.aging_year = s.settings.aging_year;
        stored.settings.aging_age_years = s.settings.aging_age_years;
        stored.settings.aging_structures = s.settings.aging_structures;
        stored.ledger_deadline = s.ledger_deadline;
        if (form->papers_given) stored.acceptance_papers = s.acceptance_papers;
        return {};
      },
      c.clock);
  if (!changed) return error_response(c.req, changed.error());
  return json_response(c.req, bh::status::ok, change_json(*changed));
}

Response delete_campaign(RouteContext& c) {
  const auto version = c.q_long("version", 0, std::numeric_limits<long>::max());
  if (!version) return error_response(c.req, bh::status::bad_request, "invalid", "请提供所见的版本（version）");
  auto changed = remove_campaign(c.store, c.user, c.q("region"), *version, c.clock);
  if (!changed) return error_response(c.req, changed.error());
  return json_response(c.req, bh::status::ok, change_json(*changed));
}

}  // namespace anju::http
