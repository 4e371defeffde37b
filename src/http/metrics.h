#pragma once
// What `anju serve --metrics` tells Prometheus at GET /metrics, in its text
// format (version 0.0.4): requests by route and status, their latency as a
// histogram by route, and the gauges of the moment (requests in flight,
// open connections, background jobs running, the store's connection pool).
// Routes are the route table's patterns ("/api/v1/households/{household_id}"),
// never the paths asked, so the series stay few and name no household.
// Thread-safe: every request thread records into it.

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace anju::http {

// Values read when /metrics is asked.
struct MetricGauges {
  long in_flight = 0;
  long connections = 0;
  long jobs_running = 0;
  long pool_idle = 0;    // store connections kept for the next request
  long pool_leased = 0;  // store connections in a transaction now
};

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf follows).
  static constexpr std::array<double, 12> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1,    2.5,   10};

  void observe(std::string_view method, std::string_view route, int status, double seconds);
  // A write of `route` lost a race with another transaction and was run again.
  void lost_race(std::string_view route);
  std::string text(const MetricGauges& gauges) const;

 private:
  struct Latency {
    std::array<long, kBuckets.size()> below{};  // not cumulative; summed when written
    long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, long, std::less<>> requests_;  // "method\troute\tstatus"
  std::map<std::string, Latency, std::less<>> latency_;  // "method\troute"
  std::map<std::string, long, std::less<>> lost_races_;  // by route
};

}  // namespace anju::http
