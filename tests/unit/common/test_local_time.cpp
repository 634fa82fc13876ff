#include "common/local_time.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace std::chrono_literals;

namespace {

constexpr kiosk::LocalDate nov(unsigned day) {
    return std::chrono::year{2026} / 11 / std::chrono::day{day};
}

// 2026-11-24T00:00:00Z, 07:00 local.
constexpr std::int64_t kDay24 = 1795478400;

} // namespace

TEST_CASE("local time: Ha Noi is UTC+7, and 20:00 UTC is already the next day there") {
    const auto morning = std::chrono::sys_days{nov(25)} + 2h + 10min; // 09:10 local
    const kiosk::LocalDateTime local = kiosk::toLocal(morning);
    CHECK(local.date == nov(25));
    CHECK(local.minuteOfDay == 9 * 60 + 10);
    CHECK(kiosk::toSystem(local) == morning);
    const kiosk::LocalDateTime late = kiosk::toLocal(std::chrono::sys_days{nov(25)} + 20h);
    CHECK(late.date == nov(26));
    CHECK(late.minuteOfDay == 3 * 60);
}

TEST_CASE("local time: a local day starts at 17:00 UTC the day before, from a time point or unix seconds") {
    const auto midnight = std::chrono::sys_days{nov(25)} - 7h; // 00:00 local on the 25th
    CHECK(kiosk::localDay(midnight - 1s) == "2026-11-24");
    CHECK(kiosk::localDay(midnight) == "2026-11-25");
    CHECK(kiosk::localDay(1795600000) == "2026-11-25");
    CHECK(kiosk::localDay(1795539600 - 1) == "2026-11-24"); // 2026-11-24T16:59:59Z = 23:59:59 local
    CHECK(kiosk::localDay(1795539600) == "2026-11-25");
}

TEST_CASE("local time: days are ISO dates both ways, and only real dates parse") {
    CHECK(kiosk::isoDay(nov(5)) == "2026-11-05");
    CHECK(kiosk::parseIsoDay("2026-11-05") == nov(5));
    for (const char* bad :
         {"2026-11-31", "2026-11-5", "2026-11-05x", "", "2026- 1-05", "2026-+1-05", "1999-12-31"})
        CHECK_FALSE(kiosk::parseIsoDay(bad).has_value());
}

TEST_CASE("local time: calendar days know leap years and month lengths") {
    static_assert(kiosk::isCalendarDay("2026-11-25"));
    CHECK(kiosk::isCalendarDay("2024-02-29"));
    CHECK_FALSE(kiosk::isCalendarDay("2026-02-29"));
    CHECK_FALSE(kiosk::isCalendarDay("2026-13-01"));
    CHECK_FALSE(kiosk::isCalendarDay("2026-1-01"));
    CHECK(kiosk::isCalendarDay("2000-02-29"));
    CHECK_FALSE(kiosk::isCalendarDay("2100-02-29"));
}

TEST_CASE("local time: adding days crosses months and years, and leaves text that is not a day alone") {
    CHECK(kiosk::addDays("2026-03-01", -1) == "2026-02-28");
    CHECK(kiosk::addDays("2026-12-31", 1) == "2027-01-01");
    CHECK(kiosk::addDays("2024-02-28", 1) == "2024-02-29");
    CHECK(kiosk::addDays("not a day", 1) == "not a day");
}

TEST_CASE("local time: clock times and local moments as staff mode and the reports show them") {
    CHECK(kiosk::clockTime(0) == "00:00");
    CHECK(kiosk::clockTime(8 * 60 + 30) == "08:30");
    const auto at = std::chrono::sys_days{nov(28)} + 1h + 30min + 59s; // 08:30:59 local
    CHECK(kiosk::localTimeAndDay(at) == "08:30 28/11");
    CHECK(kiosk::localDateTime(at) == "28/11/2026 08:30");
    CHECK(kiosk::localDateTime(kDay24 + 8 * 3600) == "24/11/2026 15:00");
}

TEST_CASE("local time: UTC stamps are written by hand, from a time point or unix seconds") {
    const auto t = std::chrono::sys_days{nov(25)} + 12h + 3min + 4s + 999ms;
    CHECK(kiosk::isoUtc(t) == "2026-11-25T12:03:04Z");
    CHECK(kiosk::compactUtc(t) == "20261125-120304");
    CHECK(kiosk::isoUtc(0) == "1970-01-01T00:00:00Z");
    CHECK(kiosk::isoUtc(kDay24) == "2026-11-24T00:00:00Z");
}

TEST_CASE("local time: UTC stamps are read to the second, and anything else is no time at all") {
    const auto day24 = std::chrono::sys_seconds{std::chrono::seconds{kDay24}};
    CHECK(kiosk::parseIsoUtc("2026-11-24T00:00:00Z") == day24);
    CHECK(kiosk::parseIsoUtc("2026-11-24T00:00:01.250Z") == day24 + 1s);
    CHECK(kiosk::parseIsoUtc("2026-11-24T00:00:00+00:00") == day24);
    for (const char* bad :
         {"", "2026-11-24", "2026-11-24 00:00:00Z", "2026-11-24T00:00:00", "2026-02-30T00:00:00Z",
          "2026-11-24T24:00:00Z", "2026-11-24T00:00:00+07:00", "2026-11-24T00:00:00.Z"})
        CHECK_FALSE(kiosk::parseIsoUtc(bad).has_value());
    CHECK(kiosk::isoUtc(*kiosk::parseIsoUtc("2026-12-31T23:59:59Z")) == "2026-12-31T23:59:59Z");
}
