#include "http/http_types.h"

#include <gtest/gtest.h>

namespace anju::http {
namespace {

Response answer(const Error& error) {
  Request req{bh::verb::get, "/api/v1/households", 11};
  return error_response(req, error);
}

TEST(ErrorResponse, OnlyAnAbsentStoreIsToldToRetry) {
  // A failover in progress: 503, ask again in a moment.
  Response away = answer(Error{ErrorCode::io, "数据库错误（BEGIN）：server closed the connection",
                               Transient::store_away});
  EXPECT_EQ(away.result(), bh::status::service_unavailable);
  EXPECT_EQ(std::string(away[bh::field::retry_after]), "3");
  EXPECT_EQ(away.find(kLostRace), away.end());

  // A full disk or a refused statement would fail again: no Retry-After.
  Response broken = answer(Error{ErrorCode::io, "无法写入文件 /srv/anju/files/x：No space left on device"});
  EXPECT_EQ(broken.result(), bh::status::service_unavailable);
  EXPECT_EQ(broken.find(bh::field::retry_after), broken.end());
  // Neither names the file or the server's words to the client.
  EXPECT_EQ(broken.body().find("/srv"), std::string::npos);
  EXPECT_EQ(away.body().find("server closed"), std::string::npos);
}

TEST(ErrorResponse, ALostRaceIsMarkedForTheServerNotTheClient) {
  Response lost = answer(Error{ErrorCode::conflict, "数据已被他人同时修改，请稍后重试", Transient::lost_race});
  EXPECT_EQ(lost.result(), bh::status::conflict);
  EXPECT_NE(lost.find(kLostRace), lost.end());  // http/server.cc runs the request again and strips it
  EXPECT_EQ(lost.find(bh::field::retry_after), lost.end());
}

}  // namespace
}  // namespace anju::http
