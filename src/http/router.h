#pragma once
// The API's route table (DESIGN.md §3.2): each route names its method,
// path pattern, whether it writes (and so needs the CSRF token), what it
// needs of the user's role (core/access.h) and how its object's region is
// found — the facts the role × route × region test matrix is generated from.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/clock.h"
#include "core/user.h"
#include "http/http_types.h"

namespace anju {
// store/store.h: handlers pass it on to services, never call it.
class Store;
}  // namespace anju

namespace anju::http {

class JobThreads;

// A query parameter that is not what its route takes (400).
struct BadParameter : std::runtime_error {
  BadParameter(const std::string& name, const std::string& message)
      : std::runtime_error(message), name(name) {}
  std::string name;
};

// What a handler gets: the request, the logged-in user, the path's
// {placeholders}, the query string, and the server's shared parts.
struct RouteContext {
  Store& store;
  const Clock& clock;
  const Request& req;
  const User& user;
  std::map<std::string, std::string> params;  // from the path
  std::map<std::string, std::string> query;   // decoded
  JobThreads& jobs;
  std::string upload_path;  // uploads: the body, on disk; removed after the answer unless cleared (handed to a job)
  std::filesystem::path files;  // where photos and reports are kept
  std::string source;  // the client's address (http/client_address.h)

  const std::string& param(const std::string& name) const { return params.at(name); }
  // The path parameter as a row's id: a positive decimal integer written as
  // the server writes ids (no sign, space, leading zero or suffix: "12abc",
  // "+12" and "012" are no id). nullopt otherwise, which a route answers as
  // it answers an id that does not exist (404).
  std::optional<long> id_param(const std::string& name) const;
  // The query value, or `fallback` when absent.
  std::string q(const std::string& name, const std::string& fallback = "") const;
  // The query value as a whole number in [min, max], nullopt when absent.
  // Anything else ("12abc", -1 for a limit) throws BadParameter: the
  // server answers 400 naming the parameter, never a quiet default.
  std::optional<long> q_long(const std::string& name, long min, long max) const;
  // The query value as one of `choices` (key → value), `fallback` when
  // absent; any other text throws BadParameter with `message` (400).
  template <class E>
  E q_choice(const std::string& name, std::initializer_list<std::pair<std::string_view, E>> choices,
             E fallback, const char* message) const {
    const auto it = query.find(name);
    if (it == query.end()) return fallback;
    for (const auto& [key, value] : choices)
      if (it->second == key) return value;
    throw BadParameter(name, message);
  }
  // Whether the request asks for full ID and phone numbers (?full_id=1):
  // every answer that carries one is asked for, allowed and audited
  // (service/query_service.h, disclose).
  bool asks_full_id() const { return q("full_id") == "1" || q("full_id") == "true"; }
  // ?page (from 1) and ?page_size (default 50, 1..200) as offset and limit.
  std::pair<long, long> paging() const;
};

// How a route's object is tied to a region.
enum class RouteScope {
  none,     // not tied to a region (a run, the audit log, one's own password)
  listing,  // lists within ?region= (default: the user's region)
  object,   // one object addressed by the path, in some region
};

// What a route's body is: JSON in memory (up to --max-body), or a file
// streamed to disk: an import (up to --max-upload) or an attachment (a
// photo or scan, up to kMaxAttachmentBytes). Bodies over the limit are
// refused with 413 before anything is written when their length is
// declared, else as soon as they pass it.
enum class Body : std::uint8_t { json, file, attachment };

struct Route {
  bh::verb method;
  std::string pattern;  // "/api/v1/households/{household_id}"
  Action action;        // what the role must be allowed
  RouteScope scope;
  Body body;
  std::function<Response(RouteContext&)> handler;

  bool writes() const { return method != bh::verb::get && method != bh::verb::head; }
};

const std::vector<Route>& api_routes();

// The route for `method` and `path`, with its placeholders filled. When the
// path is known but not the method, `method_known` is false.
struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;
};
RouteMatch match_route(bh::verb method, std::string_view path);
// What the metrics call a request (http/metrics.h): the route table's
// pattern, "static" for the web app's files, "unknown" for an API path no
// route takes — few series, no household in any.
std::string_view route_label(bh::verb method, std::string_view target);

// "a=1&b=%E4%B8%AD" → {a: 1, b: 中}; '+' is a space.
std::map<std::string, std::string> parse_query(std::string_view query);
std::string url_decode(std::string_view text);

// Handlers of the route table, by resource.
Response get_regions(RouteContext& c);
Response get_region_children(RouteContext& c);
Response get_ledger(RouteContext& c);
Response get_ledger_entry(RouteContext& c);
Response put_ledger_entry(RouteContext& c);
Response get_renovations(RouteContext& c);
Response post_renovation(RouteContext& c);
Response get_renovation(RouteContext& c);
Response put_renovation(RouteContext& c);
Response post_renovation_step(RouteContext& c);
Response post_renovation_attachment(RouteContext& c);
Response get_renovation_attachment(RouteContext& c);
Response get_statistics(RouteContext& c);
Response post_export(RouteContext& c);
Response get_job_file(RouteContext& c);
Response get_print(RouteContext& c);
Response post_print_households(RouteContext& c);
Response get_codes(RouteContext& c);
Response get_households(RouteContext& c);
Response get_household(RouteContext& c);
Response get_households_xlsx(RouteContext& c);
Response put_household_match(RouteContext& c);
Response delete_household_match(RouteContext& c);
Response get_household_candidates(RouteContext& c);
Response get_buildings(RouteContext& c);
Response get_building(RouteContext& c);
Response get_stats(RouteContext& c);
Response post_import(RouteContext& c);
Response post_job(RouteContext& c);
Response get_jobs(RouteContext& c);
Response get_job(RouteContext& c);
Response get_job_errors(RouteContext& c);
Response get_template(RouteContext& c);
Response get_audit(RouteContext& c);
Response get_users(RouteContext& c);
Response put_own_password(RouteContext& c);
Response post_own_two_step(RouteContext& c);
Response put_own_two_step(RouteContext& c);
Response delete_user_two_step(RouteContext& c);
Response post_user_password(RouteContext& c);
Response post_user(RouteContext& c);
Response get_field_tasks(RouteContext& c);
Response get_field_task(RouteContext& c);
Response post_field_assign(RouteContext& c);
Response post_field_cancel(RouteContext& c);
Response post_field_visit(RouteContext& c);
Response post_field_appraisal(RouteContext& c);
Response post_field_attachment(RouteContext& c);
Response get_upload(RouteContext& c);
Response patch_upload(RouteContext& c);
Response get_attachment(RouteContext& c);
Response get_appraisal_parts(RouteContext& c);
Response get_field_progress(RouteContext& c);
Response post_sample(RouteContext& c);
Response get_field_workers(RouteContext& c);
Response get_records(RouteContext& c);
Response get_record(RouteContext& c);
Response put_record(RouteContext& c);
Response post_record_submit(RouteContext& c);
Response post_record_approve(RouteContext& c);
Response post_record_return(RouteContext& c);
Response post_record_reopen(RouteContext& c);
Response post_records_bulk(RouteContext& c);
Response get_record_progress(RouteContext& c);
Response get_changes(RouteContext& c);
Response post_change(RouteContext& c);
Response post_change_approve(RouteContext& c);
Response post_change_reject(RouteContext& c);
Response post_change_attachment(RouteContext& c);
Response get_change_attachment(RouteContext& c);
Response put_user(RouteContext& c);
Response get_campaign(RouteContext& c);
Response get_todo(RouteContext& c);
Response put_campaign(RouteContext& c);
Response delete_campaign(RouteContext& c);

inline constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A new path in the temporary folder (.xlsx, or the extension given),
// removed when it goes out of scope.
struct TempFile {
  explicit TempFile(const char* extension = ".xlsx");
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path;
};

// A file as a download (Content-Disposition with the UTF-8 file name).
Response file_response(const Request& req, const std::string& path, const std::string& mime,
                       const std::string& download_name, bool inline_view = false);

}  // namespace anju::http
