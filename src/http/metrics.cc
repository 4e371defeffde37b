#include "http/metrics.h"

#include <algorithm>
#include <sstream>

namespace anju::http {
namespace {

// A label value as the text format takes it: backslash, quote and newline escaped.
std::string label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// "a\tb\tc" → its parts.
std::array<std::string_view, 3> fields(std::string_view key) {
  std::array<std::string_view, 3> out{};
  for (size_t i = 0; i < out.size(); ++i) {
    const size_t tab = key.find('\t');
    out[i] = key.substr(0, tab);
    if (tab == std::string_view::npos) break;
    key.remove_prefix(tab + 1);
  }
  return out;
}

void gauge(std::ostringstream& out, const char* name, const char* help, long value) {
  out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n" << name << ' ' << value << '\n';
}

}  // namespace

void Metrics::observe(std::string_view method, std::string_view route, int status, double seconds) {
  std::string key;
  key.reserve(method.size() + route.size() + 6);
  key.append(method).append("\t").append(route);
  const size_t at = static_cast<size_t>(
      std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds) - kBuckets.begin());
  std::lock_guard lock(mutex_);
  Latency& l = latency_[key];
  if (at < l.below.size()) ++l.below[at];
  ++l.count;
  l.sum += seconds;
  key.append("\t").append(std::to_string(status));
  ++requests_[key];
}

void Metrics::lost_race(std::string_view route) {
  std::lock_guard lock(mutex_);
  auto it = lost_races_.find(route);
  if (it == lost_races_.end()) it = lost_races_.emplace(std::string(route), 0).first;
  ++it->second;
}

std::string Metrics::text(const MetricGauges& gauges) const {
  std::ostringstream out;
  out.precision(9);
  std::lock_guard lock(mutex_);
  out << "# HELP anju_http_requests_total Requests answered, by route and status.\n"
         "# TYPE anju_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto [method, route, status] = fields(key);
    out << "anju_http_requests_total{method=\"" << label(method) << "\",route=\"" << label(route)
        << "\",status=\"" << status << "\"} " << n << '\n';
  }
  out << "# HELP anju_http_request_duration_seconds Time from the request read to the answer ready to send.\n"
         "# TYPE anju_http_request_duration_seconds histogram\n";
  for (const auto& [key, l] : latency_) {
    const auto [method, route, unused] = fields(key);
    const std::string labels = "method=\"" + label(method) + "\",route=\"" + label(route) + "\"";
    long cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += l.below[i];
      out << "anju_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
          << cumulative << '\n';
    }
    out << "anju_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << l.count << '\n'
        << "anju_http_request_duration_seconds_sum{" << labels << "} " << l.sum << '\n'
        << "anju_http_request_duration_seconds_count{" << labels << "} " << l.count << '\n';
  }
  out << "# HELP anju_http_lost_races_total Writes run again after losing a race with another transaction.\n"
         "# TYPE anju_http_lost_races_total counter\n";
  for (const auto& [route, n] : lost_races_)
    out << "anju_http_lost_races_total{route=\"" << label(route) << "\"} " << n << '\n';
  gauge(out, "anju_http_requests_in_flight", "Requests being answered now.", gauges.in_flight);
  gauge(out, "anju_http_connections", "Open client connections.", gauges.connections);
  gauge(out, "anju_jobs_running", "Background jobs running in this server.", gauges.jobs_running);
  gauge(out, "anju_store_pool_idle", "Database connections kept for the next request.", gauges.pool_idle);
  gauge(out, "anju_store_pool_leased", "Database connections in a transaction now.", gauges.pool_leased);
  return out.str();
}

}  // namespace anju::http
