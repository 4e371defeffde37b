#include "http/router.h"

#include <charconv>
#include <limits>

#include "core/text.h"
#include "service/secure_random.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace anju::http {
namespace {

using bh::verb;

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    const size_t end = std::min(path.find('/', pos), path.size());
    out.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string rfc5987(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') out += static_cast<char>(c);
    else out += std::string("%") + hex[c >> 4] + hex[c & 15];
  }
  return out;
}

}  // namespace

std::string RouteContext::q(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

std::optional<long> RouteContext::q_long(const std::string& name, long min, long max) const {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return std::nullopt;
  const std::string& text = it->second;
  long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    const std::string range = max == std::numeric_limits<long>::max()
                                  ? "不小于 " + std::to_string(min) + " 的整数"
                                  : std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数";
    throw BadParameter(name, "参数 " + name + " 应为" + range + "（收到“" + text.substr(0, 40) + "”）");
  }
  return v;
}

std::optional<long> RouteContext::id_param(const std::string& name) const {
  const std::string& text = param(name);
  if (text.empty() || text.size() > 18 || text[0] < '1' || text[0] > '9') return std::nullopt;
  long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::pair<long, long> RouteContext::paging() const {
  const long size = q_long("page_size", 1, 200).value_or(50);
  const long page = q_long("page", 1, 1'000'000'000).value_or(1);
  return {(page - 1) * size, size};
}

std::string url_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(std::string_view query) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos < query.size()) {
    const size_t end = std::min(query.find('&', pos), query.size());
    const std::string_view pair = query.substr(pos, end - pos);
    const size_t eq = pair.find('=');
    if (!pair.empty())
      out[url_decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
    pos = end + 1;
  }
  return out;
}

std::string_view route_label(bh::verb method, std::string_view target) {
  const std::string_view path = target.substr(0, target.find('?'));
  if (path == "/api/v1/session" || path == "/api/v1/health" || path == "/metrics") return path;
  if (!path.starts_with("/api/")) return "static";
  const RouteMatch matched = match_route(method, path);
  return matched.route ? std::string_view(matched.route->pattern) : std::string_view("unknown");
}

RouteMatch match_route(bh::verb method, std::string_view path) {
  const auto parts = split_path(path);
  RouteMatch found;
  for (const Route& r : api_routes()) {
    const auto pattern = split_path(r.pattern);
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      if (pattern[i].size() > 2 && pattern[i].front() == '{' && pattern[i].back() == '}')
        params[std::string(pattern[i].substr(1, pattern[i].size() - 2))] = url_decode(parts[i]);
      else ok = pattern[i] == parts[i];
    }
    if (!ok) continue;
    found.path_known = true;
    if (r.method == method || (method == verb::head && r.method == verb::get)) {
      found.route = &r;
      found.params = std::move(params);
      return found;
    }
  }
  return found;
}

TempFile::TempFile(const char* extension)
    : path((std::filesystem::temp_directory_path() / ("anju-" + hex_lower(secure_random_bytes(8)) + extension))
               .string()) {}

TempFile::~TempFile() {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

Response file_response(const Request& req, const std::string& path, const std::string& mime,
                       const std::string& download_name, bool inline_view) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return error_response(req, bh::status::internal_server_error, "io", "无法读取生成的文件");
  std::ostringstream body;
  body << in.rdbuf();
  Response res{bh::status::ok, req.version()};
  res.set(bh::field::content_type, mime);
  res.set(bh::field::cache_control, inline_view ? "private, max-age=3600" : "no-store");
  res.set(bh::field::content_disposition,
          std::string(inline_view ? "inline" : "attachment") + "; filename*=UTF-8''" + rfc5987(download_name));
  res.set("X-Content-Type-Options", "nosniff");
  res.body() = body.str();
  return res;
}

const std::vector<Route>& api_routes() {
  using S = RouteScope;
  static const std::vector<Route> routes = {
      {verb::get, "/api/v1/codes", Action::read, S::none, Body::json, get_codes},
      {verb::get, "/api/v1/regions", Action::read, S::listing, Body::json, get_regions},
      {verb::get, "/api/v1/regions/children", Action::read, S::none, Body::json, get_region_children},
      {verb::get, "/api/v1/households", Action::read, S::listing, Body::json, get_households},
      {verb::get, "/api/v1/households.xlsx", Action::export_lists, S::listing, Body::json, get_households_xlsx},
      {verb::get, "/api/v1/households/{household_id}", Action::read, S::object, Body::json, get_household},
      {verb::put, "/api/v1/households/{household_id}/match", Action::manual_match, S::object, Body::json,
       put_household_match},
      {verb::delete_, "/api/v1/households/{household_id}/match", Action::manual_match, S::object, Body::json,
       delete_household_match},
      {verb::get, "/api/v1/households/{household_id}/candidates", Action::read, S::object, Body::json,
       get_household_candidates},
      {verb::get, "/api/v1/buildings", Action::read, S::listing, Body::json, get_buildings},
      {verb::get, "/api/v1/buildings/{parcel_id}", Action::read, S::object, Body::json, get_building},
      {verb::get, "/api/v1/stats", Action::read, S::listing, Body::json, get_stats},
      {verb::post, "/api/v1/imports", Action::import_data, S::none, Body::file, post_import},
      {verb::post, "/api/v1/jobs", Action::run_jobs, S::none, Body::json, post_job},
      {verb::get, "/api/v1/jobs", Action::read, S::none, Body::json, get_jobs},
      {verb::get, "/api/v1/jobs/{job_id}", Action::read, S::none, Body::json, get_job},
      {verb::get, "/api/v1/jobs/{job_id}/errors.xlsx", Action::read, S::none, Body::json, get_job_errors},
      {verb::get, "/api/v1/templates/{kind}", Action::read, S::none, Body::json, get_template},
      {verb::get, "/api/v1/audit", Action::read_audit, S::none, Body::json, get_audit},
      {verb::get, "/api/v1/users", Action::manage_users, S::none, Body::json, get_users},
      {verb::post, "/api/v1/users", Action::manage_users, S::none, Body::json, post_user},
      {verb::get, "/api/v1/field-tasks", Action::read, S::listing, Body::json, get_field_tasks},
      {verb::post, "/api/v1/field-tasks/assign", Action::assign_tasks, S::none, Body::json, post_field_assign},
      {verb::get, "/api/v1/field-tasks/{task_id}", Action::read, S::object, Body::json, get_field_task},
      {verb::post, "/api/v1/field-tasks/{task_id}/cancel", Action::assign_tasks, S::object, Body::json, post_field_cancel},
      {verb::post, "/api/v1/field-tasks/{task_id}/visits", Action::field_work, S::object, Body::json, post_field_visit},
      {verb::post, "/api/v1/field-tasks/{task_id}/appraisals", Action::field_work, S::object, Body::json,
       post_field_appraisal},
      {verb::post, "/api/v1/field-tasks/{task_id}/attachments", Action::field_work, S::object, Body::attachment,
       post_field_attachment},
      {verb::get, "/api/v1/uploads/{key}", Action::field_work, S::none, Body::json, get_upload},
      {verb::patch, "/api/v1/uploads/{key}", Action::field_work, S::none, Body::attachment, patch_upload},
      {verb::get, "/api/v1/attachments/{attachment_id}", Action::read, S::object, Body::json, get_attachment},
      {verb::get, "/api/v1/appraisal-parts", Action::read, S::none, Body::json, get_appraisal_parts},
      {verb::get, "/api/v1/field-progress", Action::read, S::listing, Body::json, get_field_progress},
      {verb::post, "/api/v1/samples", Action::draw_samples, S::none, Body::json, post_sample},
      {verb::get, "/api/v1/field-workers", Action::read, S::listing, Body::json, get_field_workers},
      {verb::get, "/api/v1/records", Action::read, S::listing, Body::json, get_records},
      {verb::post, "/api/v1/records/bulk", Action::read, S::none, Body::json, post_records_bulk},
      {verb::get, "/api/v1/records/{household_id}", Action::read, S::object, Body::json, get_record},
      {verb::put, "/api/v1/records/{household_id}", Action::fill_records, S::object, Body::json, put_record},
      {verb::post, "/api/v1/records/{household_id}/submit", Action::fill_records, S::object, Body::json, post_record_submit},
      {verb::post, "/api/v1/records/{household_id}/approve", Action::review_records, S::object, Body::json,
       post_record_approve},
      {verb::post, "/api/v1/records/{household_id}/return", Action::review_records, S::object, Body::json,
       post_record_return},
      {verb::post, "/api/v1/records/{household_id}/reopen", Action::review_records, S::object, Body::json,
       post_record_reopen},
      {verb::get, "/api/v1/record-progress", Action::read, S::listing, Body::json, get_record_progress},
      {verb::get, "/api/v1/campaign", Action::read, S::listing, Body::json, get_campaign},
      {verb::get, "/api/v1/todo", Action::read, S::none, Body::json, get_todo},
      {verb::put, "/api/v1/campaign", Action::set_campaign, S::listing, Body::json, put_campaign},
      {verb::delete_, "/api/v1/campaign", Action::set_campaign, S::listing, Body::json, delete_campaign},
      {verb::get, "/api/v1/change-requests", Action::read, S::listing, Body::json, get_changes},
      {verb::post, "/api/v1/change-requests", Action::fill_records, S::object, Body::json, post_change},
      {verb::post, "/api/v1/change-requests/{change_id}/approve", Action::decide_changes, S::object, Body::json,
       post_change_approve},
      {verb::post, "/api/v1/change-requests/{change_id}/reject", Action::decide_changes, S::object, Body::json,
       post_change_reject},
      {verb::post, "/api/v1/change-requests/{change_id}/attachments", Action::fill_records, S::object, Body::attachment,
       post_change_attachment},
      {verb::get, "/api/v1/change-attachments/{attachment_id}", Action::read, S::object, Body::json, get_change_attachment},
      {verb::get, "/api/v1/ledger", Action::read, S::listing, Body::json, get_ledger},
      {verb::get, "/api/v1/ledger/{household_id}", Action::read, S::object, Body::json, get_ledger_entry},
      {verb::put, "/api/v1/ledger/{household_id}", Action::keep_ledger, S::object, Body::json, put_ledger_entry},
      {verb::get, "/api/v1/renovations", Action::read, S::listing, Body::json, get_renovations},
      {verb::post, "/api/v1/renovations", Action::draft_renovations, S::object, Body::json, post_renovation},
      {verb::get, "/api/v1/renovations/{renovation_id}", Action::read, S::object, Body::json, get_renovation},
      {verb::put, "/api/v1/renovations/{renovation_id}", Action::renovate, S::object, Body::json, put_renovation},
      {verb::post, "/api/v1/renovations/{renovation_id}/steps", Action::renovate, S::object, Body::json,
       post_renovation_step},
      {verb::post, "/api/v1/renovations/{renovation_id}/attachments", Action::renovate, S::object, Body::attachment,
       post_renovation_attachment},
      {verb::get, "/api/v1/renovation-attachments/{attachment_id}", Action::read, S::object, Body::json,
       get_renovation_attachment},
      {verb::get, "/api/v1/statistics", Action::read, S::listing, Body::json, get_statistics},
      {verb::post, "/api/v1/exports", Action::export_lists, S::none, Body::json, post_export},
      {verb::get, "/api/v1/jobs/{job_id}/file", Action::read, S::none, Body::json, get_job_file},
      {verb::get, "/api/v1/print/{kind}", Action::read, S::none, Body::json, get_print},
      {verb::post, "/api/v1/prints", Action::export_lists, S::none, Body::json, post_print_households},
      {verb::put, "/api/v1/users/{name}", Action::manage_users, S::object, Body::json, put_user},
      {verb::put, "/api/v1/session/password", Action::read, S::none, Body::json, put_own_password},
      {verb::post, "/api/v1/session/two-step", Action::read, S::none, Body::json, post_own_two_step},
      {verb::put, "/api/v1/session/two-step", Action::read, S::none, Body::json, put_own_two_step},
      {verb::delete_, "/api/v1/users/{name}/two-step", Action::manage_users, S::object, Body::json,
       delete_user_two_step},
      {verb::post, "/api/v1/users/{name}/password", Action::manage_users, S::object, Body::json, post_user_password},
  };
  return routes;
}

}  // namespace anju::http
