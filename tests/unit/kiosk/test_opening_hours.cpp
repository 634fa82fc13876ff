// kiosk/schedule: open or closed at a local time, the next opening or closing across midnight and the
// week's end, and the closed page's rules in kiosk::App (Vietnam time: UTC+7, no daylight saving).
#include "app/app.hpp"
#include "schedule/opening_hours.hpp"
#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include <chrono>

using namespace std::chrono_literals;
using kiosk::LocalDate;
using kiosk::LocalDateTime;
using kiosk::TimeInterval;

namespace {

// 2026-12-07 is a Monday.
constexpr LocalDate kMonday{std::chrono::year{2026}, std::chrono::December, std::chrono::day{7}};

LocalDate plusDays(LocalDate date, int days) {
    return LocalDate{std::chrono::sys_days{date} + std::chrono::days{days}};
}

LocalDateTime at(int dayFromMonday, int hour, int minute = 0) {
    return {plusDays(kMonday, dayFromMonday), hour * 60 + minute};
}

struct Week {
    std::vector<TimeInterval> days[7];
};

Week everyDay(std::vector<TimeInterval> hours) {
    Week week;
    for (auto& day : week.days)
        day = hours;
    return week;
}

constexpr TimeInterval hm(int startHour, int startMinute, int endHour, int endMinute) {
    return {startHour * 60 + startMinute, endHour * 60 + endMinute};
}

} // namespace

TEST_CASE("Opening hours: weekday index is Monday 0 to Sunday 6") {
    CHECK(kiosk::weekdayIndex(kMonday) == 0);
    CHECK(kiosk::weekdayIndex(plusDays(kMonday, 5)) == 5);
    CHECK(kiosk::weekdayIndex(plusDays(kMonday, 6)) == 6);
    CHECK(kiosk::weekdayIndex(plusDays(kMonday, 7)) == 0);
    CHECK(std::string(kiosk::weekdayName(6)) == "Chủ nhật");
}

TEST_CASE("Opening hours: open inside an interval, closed at its end minute and between intervals") {
    const Week week = everyDay({hm(7, 30, 11, 0), hm(14, 0, 21, 0)});
    CHECK(kiosk::openingStatus(week.days, at(0, 7, 30)).open);
    CHECK(kiosk::openingStatus(week.days, at(0, 10, 59)).open);
    CHECK_FALSE(kiosk::openingStatus(week.days, at(0, 11, 0)).open);
    CHECK_FALSE(kiosk::openingStatus(week.days, at(0, 7, 29)).open);

    const auto lunch = kiosk::openingStatus(week.days, at(0, 12, 0));
    CHECK_FALSE(lunch.open);
    CHECK(lunch.nextChange == at(0, 14, 0));
    const auto morning = kiosk::openingStatus(week.days, at(0, 8, 0));
    CHECK(morning.nextChange == at(0, 11, 0));
}

TEST_CASE("Opening hours: after the evening closing the next opening is the next morning") {
    const Week week = everyDay({hm(7, 30, 11, 0), hm(14, 0, 21, 0)});
    const auto night = kiosk::openingStatus(week.days, at(2, 23, 15));
    CHECK_FALSE(night.open);
    CHECK(night.nextChange == at(3, 7, 30));
    const auto early = kiosk::openingStatus(week.days, at(3, 0, 5));
    CHECK(early.nextChange == at(3, 7, 30));
}

TEST_CASE("Opening hours: closed days are skipped, Sunday night wraps to next Monday") {
    Week week = everyDay({hm(8, 0, 17, 0)});
    week.days[5] = {}; // Saturday
    week.days[6] = {}; // Sunday
    const auto friday = kiosk::openingStatus(week.days, at(4, 18, 0));
    CHECK(friday.nextChange == at(7, 8, 0));
    const auto sunday = kiosk::openingStatus(week.days, at(6, 23, 59));
    CHECK_FALSE(sunday.open);
    CHECK(sunday.nextChange == at(7, 8, 0));
}

TEST_CASE("Opening hours: an evening running to 24:00 continues past midnight into a 00:00 start") {
    Week week = everyDay({hm(18, 0, 24, 0)});
    week.days[1] = {hm(0, 0, 2, 0), hm(18, 0, 24, 0)}; // Tuesday: the Monday evening runs on to 02:00
    const auto monday = kiosk::openingStatus(week.days, at(0, 23, 0));
    CHECK(monday.open);
    CHECK(monday.nextChange == at(1, 2, 0));
    const auto wednesday = kiosk::openingStatus(week.days, at(2, 23, 0));
    CHECK(wednesday.nextChange == at(3, 0, 0)); // no 00:00 start on Thursday: closes at midnight
    CHECK_FALSE(kiosk::openingStatus(week.days, at(3, 0, 0)).open);
}

TEST_CASE("Opening hours: never open and always open have no next change") {
    const Week never = everyDay({});
    const auto closed = kiosk::openingStatus(never.days, at(0, 12, 0));
    CHECK_FALSE(closed.open);
    CHECK_FALSE(closed.nextChange.has_value());
    const Week always = everyDay({hm(0, 0, 24, 0)});
    const auto open = kiosk::openingStatus(always.days, at(0, 12, 0));
    CHECK(open.open);
    CHECK_FALSE(open.nextChange.has_value());
}

TEST_CASE("Opening hours: the next opening in Vietnamese, today, tomorrow or a weekday") {
    CHECK(kiosk::openingTimeText(at(0, 12, 0), at(0, 14, 0)) == "14:00 hôm nay");
    CHECK(kiosk::openingTimeText(at(3, 22, 0), at(4, 7, 30)) == "07:30 ngày mai (thứ Sáu)");
    CHECK(kiosk::openingTimeText(at(5, 22, 0), at(6, 7, 30)) == "07:30 ngày mai (Chủ nhật)");
    CHECK(kiosk::openingTimeText(at(4, 22, 0), at(7, 8, 0)) == "08:00 thứ Hai");
}

TEST_CASE("Opening hours: local time is UTC+7 with no daylight saving, in June as in December") {
    // 2026-06-15 (a Monday) 14:30 UTC is 21:30 in Hanoi, after an evening closing at 21:00.
    const Week week = everyDay({hm(7, 30, 11, 0), hm(14, 0, 21, 0)});
    const auto june = kiosk::toLocal(std::chrono::sys_days{std::chrono::year{2026} / 6 / 15} + 14h + 30min);
    CHECK(june.minuteOfDay == 21 * 60 + 30);
    CHECK_FALSE(kiosk::openingStatus(week.days, june).open);
    const auto december = kiosk::toLocal(std::chrono::sys_days{kMonday} + 3h + 59min); // 10:59 local
    CHECK(kiosk::openingStatus(week.days, december).open);
}

// --- the closed page in kiosk::App ---

namespace {

struct ClosingKiosk {
    kiosk::db::Database db = [] {
        auto database = kiosk::db::Database::openInMemory();
        kiosk::db::migrate(database, kiosk::db::kioskMigrations());
        return database;
    }();
    kiosk::StaffRepository staff{db};
    kiosk::App app;

    static kiosk::Config config() {
        kiosk::Config c;
        for (auto& day : c.openingHours)
            day = {hm(8, 0, 17, 0)};
        c.sleepWhenClosed = true;
        c.wakeSeconds = 60;
        c.idleSeconds = 30;
        c.countdownSeconds = 10;
        return c;
    }
    explicit ClosingKiosk(kiosk::TimePoint start, kiosk::Config c = config())
        : app(std::move(c), staff, {}, start) {
        app.setTapSettle(kiosk::Milliseconds(0));
    }
};

kiosk::TimePoint local(int dayFromMonday, int hour, int minute = 0, int second = 0) {
    return kiosk::toSystem(at(dayFromMonday, hour, minute)) + std::chrono::seconds(second);
}

} // namespace

TEST_CASE("Closed page: shown at once when the kiosk starts outside the hours, gone at the opening") {
    const auto start = local(0, 22, 0);
    ClosingKiosk k(start);
    k.app.tick(start);
    CHECK(k.app.state().closed);
    CHECK(k.app.describe().at("closed") == "1");
    CHECK(k.app.nextOpening(start) == at(1, 8, 0));
    // Nothing to do until the opening: the frame loop sleeps until then (or input).
    CHECK(k.app.timeUntilNextTimer(start) == std::chrono::ceil<kiosk::Milliseconds>(local(1, 8, 0) - start));
    const auto revision = k.app.revision();
    k.app.tick(local(1, 7, 59));
    CHECK(k.app.revision() == revision); // no redraw while closed
    k.app.tick(local(1, 8, 0));
    CHECK_FALSE(k.app.state().closed);
    CHECK(k.app.state().screen == kiosk::Screen::Home);
}

TEST_CASE("Closed page: a touch wakes it for wake_seconds and presses nothing underneath") {
    const auto start = local(0, 22, 0);
    ClosingKiosk k(start);
    k.app.tick(start);
    REQUIRE(k.app.state().closed);
    const auto touch = start + 5min;
    k.app.noteInput(touch);
    k.app.apply(kiosk::intent::OpenBooking{}, touch);
    CHECK_FALSE(k.app.state().closed);
    CHECK(k.app.state().screen == kiosk::Screen::Home); // the waking tap did not open the booking
    k.app.tick(touch + 59s);
    CHECK_FALSE(k.app.state().closed);
    CHECK(k.app.timeUntilNextTimer(touch + 59s) == kiosk::Milliseconds(1000));
    k.app.tick(touch + 60s);
    CHECK(k.app.state().closed);
}

TEST_CASE("Closed page: a resident using the kiosk at closing time is not cut off") {
    const auto start = local(0, 16, 59, 50);
    ClosingKiosk k(start);
    k.app.tick(start);
    CHECK_FALSE(k.app.state().closed);
    k.app.noteInput(start);
    k.app.apply(kiosk::intent::OpenBooking{}, start);
    REQUIRE(k.app.state().screen == kiosk::Screen::Booking);
    k.app.tick(local(0, 17, 0));
    CHECK_FALSE(k.app.state().closed); // a session is open: the idle reset comes first
    CHECK(k.app.state().screen == kiosk::Screen::Booking);
    // Idle 30 s, then the 10 s countdown: home at 17:00:30.
    k.app.tick(start + 41s);
    CHECK(k.app.state().screen == kiosk::Screen::Home);
    k.app.tick(start + 42s);
    CHECK_FALSE(k.app.state().closed); // the last touch's wake time (60 s) is not over yet
    CHECK(k.app.timeUntilNextTimer(start + 42s) == kiosk::Milliseconds(18000));
    k.app.tick(start + 60s);
    CHECK(k.app.state().closed);
}

TEST_CASE("Closed page: at the evening closing the home screen sleeps, and not when the schedule is off") {
    const auto start = local(2, 9, 0);
    ClosingKiosk k(start);
    k.app.tick(start);
    CHECK_FALSE(k.app.state().closed);
    CHECK(k.app.timeUntilNextTimer(start) == std::chrono::ceil<kiosk::Milliseconds>(local(2, 17, 0) - start));
    k.app.tick(local(2, 17, 0));
    CHECK(k.app.state().closed);
    CHECK(k.app.nextOpening(local(2, 17, 0)) == at(3, 8, 0));

    auto off = ClosingKiosk::config();
    off.sleepWhenClosed = false;
    ClosingKiosk plain(start, off);
    plain.app.tick(local(2, 23, 0));
    CHECK_FALSE(plain.app.state().closed);
    CHECK(plain.app.describe().at("closed") == "0");
}
