#include "http/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace anju::http {
namespace {

TEST(JsonWriter, WritesWhatAParserReadsBack) {
  std::string out;
  JsonWriter w(out);
  const std::string tricky = std::string("引号\" 反斜杠\\ 换行\n 制表\t 控制") + '\x01' + " 完";
  w.begin_object()
      .key("s").value(tricky)
      .key("n").value(42L)
      .key("d").value(108.56003)
      .key("b").value(true)
      .key("z").null()
      .key("o").value(std::optional<long>())
      .key("a").begin_array().value("x").value(1).begin_object().end_object().end_array()
      .key("e").begin_array().end_array()
      .end_object();
  const auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["s"], tricky);
  EXPECT_EQ(j["n"], 42);
  EXPECT_EQ(j["d"], 108.56003);
  EXPECT_EQ(j["b"], true);
  EXPECT_TRUE(j["z"].is_null());
  EXPECT_TRUE(j["o"].is_null());
  EXPECT_EQ(j["a"], nlohmann::json::parse(R"(["x",1,{}])"));
  EXPECT_TRUE(j["e"].empty());
  EXPECT_NE(out.find("\\u0001"), std::string::npos);
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull) {
  std::string out;
  JsonWriter(out).begin_array().value(std::nan("")).value(1.5).end_array();
  EXPECT_EQ(out, "[null,1.5]");
}

}  // namespace
}  // namespace anju::http
