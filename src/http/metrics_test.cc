#include "http/metrics.h"

#include <gtest/gtest.h>

namespace anju::http {
namespace {

TEST(Metrics, CountsRequestsByRouteAndStatusAndBucketsTheirTimes) {
  Metrics m;
  m.observe("GET", "/api/v1/households", 200, 0.004);
  m.observe("GET", "/api/v1/households", 200, 0.2);
  m.observe("GET", "/api/v1/households", 503, 0.03);
  m.observe("POST", "/api/v1/field-tasks/{task_id}/visits", 200, 20);  // past the last bucket
  const std::string text = m.text({3, 7, 1, 4, 2});
  EXPECT_NE(text.find("anju_http_requests_total{method=\"GET\",route=\"/api/v1/households\",status=\"200\"} 2\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("anju_http_requests_total{method=\"GET\",route=\"/api/v1/households\",status=\"503\"} 1\n"),
            std::string::npos);
  // Buckets are cumulative: ≤ 5 ms holds one, ≤ 50 ms two, ≤ 250 ms all three.
  const std::string h = "anju_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/households\",";
  EXPECT_NE(text.find(h + "le=\"0.0025\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find(h + "le=\"0.005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find(h + "le=\"0.05\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find(h + "le=\"0.25\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find(h + "le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("anju_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/households\"} 3\n"),
            std::string::npos);
  const std::string v = "anju_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/field-tasks/{task_id}/visits\",";
  EXPECT_NE(text.find(v + "le=\"10\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find(v + "le=\"+Inf\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("anju_http_requests_in_flight 3\n"), std::string::npos);
  EXPECT_NE(text.find("anju_http_connections 7\n"), std::string::npos);
  EXPECT_NE(text.find("anju_jobs_running 1\n"), std::string::npos);
  EXPECT_NE(text.find("anju_store_pool_idle 4\n"), std::string::npos);
  EXPECT_NE(text.find("anju_store_pool_leased 2\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE anju_http_request_duration_seconds histogram\n"), std::string::npos);
}

TEST(Metrics, CountsLostRacesByRoute) {
  Metrics m;
  m.lost_race("/api/v1/records/{household_id}");
  m.lost_race("/api/v1/records/{household_id}");
  EXPECT_NE(m.text({}).find("anju_http_lost_races_total{route=\"/api/v1/records/{household_id}\"} 2\n"),
            std::string::npos) << m.text({});
}

TEST(Metrics, EscapesLabelValues) {
  Metrics m;
  m.observe("GET", "a\"b\\c\nd", 404, 0.001);
  EXPECT_NE(m.text({}).find("route=\"a\\\"b\\\\c\\nd\""), std::string::npos) << m.text({});
}

}  // namespace
}  // namespace anju::http
