#include "core/date.h"

#include <gtest/gtest.h>

namespace anju {
namespace {

TEST(IsoSeconds, RoundTripsAndRejectsOtherForms) {
  EXPECT_EQ(parse_iso_seconds("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_iso_seconds("2026-11-28T10:00:00Z"), 1795860000);
  EXPECT_EQ(parse_iso_seconds("2026-11-28T10:00:00.123Z"), 1795860000);
  EXPECT_EQ(iso_from_seconds(1795860000), "2026-11-28T10:00:00Z");
  EXPECT_EQ(iso_from_seconds(1795860000 + 30 * 60 + 59), "2026-11-28T10:30:59Z");
  EXPECT_FALSE(parse_iso_seconds("2026-11-28 10:00:00Z"));
  EXPECT_FALSE(parse_iso_seconds("2026-11-28T10:00:00"));
  EXPECT_FALSE(parse_iso_seconds("2026-02-30T10:00:00Z"));
  EXPECT_FALSE(parse_iso_seconds("2026-11-28T24:00:00Z"));
}

}  // namespace

TEST(LocalMinuteText, ShowsChinaTimeToTheMinuteAcrossMidnight) {
  EXPECT_EQ(local_minute_text("2026-12-02T05:55:44Z"), "2026-12-02 13:55");
  EXPECT_EQ(local_minute_text("2026-12-31T16:30:00Z"), "2027-01-01 00:30");
  EXPECT_EQ(local_minute_text("2026-12-02T05:55:44.123Z"), "2026-12-02 13:55");
  EXPECT_EQ(local_minute_text("2026-12-02T05:55:44Z", 0), "2026-12-02 05:55");
  EXPECT_EQ(local_minute_text("昨天"), "昨天") << "not a time stamp: as it is";
}

}  // namespace anju
