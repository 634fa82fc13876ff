// What kiosk::App counts for the commune (kiosk/usage/usage_events.hpp): a resident's session, screens, a
// guide's funnel (reached, left at step N, finished), practice taps, the survey, bookings — and nothing from
// staff mode.
#include "app/app.hpp"
#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using kiosk::App;
using kiosk::Screen;
using kiosk::TimePoint;
namespace intent = kiosk::intent;

namespace {

// 2026-11-27 01:00 UTC = 08:00 in Hanoi.
const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + std::chrono::hours(1);

content::Library threeStepGuide() {
    content::Library library;
    content::Guide guide;
    guide.id = "vneid-dang-nhap";
    guide.topic = "vneid";
    guide.title = "Đăng nhập";
    for (int i = 0; i < 3; ++i)
        guide.steps.push_back(content::Step{});
    library.guides.push_back(guide);
    return library;
}

struct Kiosk {
    kiosk::db::Database db = [] {
        auto d = kiosk::db::Database::openInMemory();
        kiosk::db::migrate(d, kiosk::db::kioskMigrations());
        return d;
    }();
    kiosk::StaffRepository staff{db};
    kiosk::BookingService bookings{db, kiosk::bookingRulesFromConfig(kiosk::Config{})};
    kiosk::UsageRecorder usage{db, kiosk::RecorderWrites::onCallerThread};
    content::Library library = threeStepGuide();
    App app{kiosk::Config{}, staff, {}, t0, &library};

    Kiosk() {
        app.setTapSettle(kiosk::Milliseconds(0)); // some intents share a second
        app.connectBookings(bookings);
        app.connectUsage(usage);
    }
    void apply(const kiosk::Intent& i, int second) { app.apply(i, t0 + std::chrono::seconds(second)); }
    // A booking for 2026-11-27 at minute past midnight, made at t0; its code.
    std::string bookAt(int minute, const char* phone) {
        kiosk::BookingRequest request{
            {std::chrono::year{2026} / 11 / 27, minute}, "vneid", {}, {}, phone, {}};
        auto booked = bookings.book(request, t0);
        REQUIRE(booked);
        return booked->code;
    }
    kiosk::upload::DailyRollup today() {
        usage.flush();
        return kiosk::UsageStore(db).compute("2026-11-27", false);
    }
};

} // namespace

TEST_CASE(
    "Usage: a guide read to step 2, then help asked: reached 1 and 2, left at 2, one session after idle") {
    Kiosk k;
    k.apply(intent::OpenTopic{"vneid"}, 1);
    k.apply(intent::OpenGuide{"vneid-dang-nhap"}, 2);
    k.apply(intent::StartGuide{true}, 3);
    k.apply(intent::PracticeTap{false}, 4);
    k.apply(intent::PracticeTap{true}, 5);
    k.apply(intent::NextStep{}, 6);
    k.apply(intent::PreviousStep{}, 7); // back and forth: step 1 is not reached twice
    k.apply(intent::NextStep{}, 8);
    k.apply(intent::OpenBooking{}, 9);
    k.app.tick(t0 + std::chrono::hours(1)); // the resident walks away: idle reset ends the session
    k.app.tick(t0 + std::chrono::hours(2));

    const auto day = k.today();
    CHECK(day.sessions == 1);
    REQUIRE(day.guides.size() == 1);
    const auto& guide = day.guides[0];
    CHECK(guide.guideId == "vneid-dang-nhap");
    CHECK(guide.started == 1);
    CHECK(guide.finished == 0);
    CHECK(guide.reachedStep == std::map<int, int>{{1, 1}, {2, 1}});
    CHECK(guide.leftAtStep == std::map<int, int>{{2, 1}});
    CHECK(day.practiceRight == 1);
    CHECK(day.practiceWrong == 1);
    CHECK(day.screens.at("guide_step") >= 1);
    CHECK(day.screens.at("booking") == 1);
}

TEST_CASE("Usage: a finished guide, the two survey answers once per session, and a booking made") {
    Kiosk k;
    k.apply(intent::OpenTopic{"vneid"}, 1);
    k.apply(intent::OpenGuide{"vneid-dang-nhap"}, 2);
    k.apply(intent::StartGuide{false}, 3);
    for (int s = 4; s < 7; ++s)
        k.apply(intent::NextStep{}, s);
    REQUIRE(k.app.state().screen == Screen::Survey);
    k.apply(intent::AnswerSurvey{kiosk::SurveyAnswer::yes}, 7);
    k.apply(intent::AnswerSurvey{kiosk::SurveyAnswer::no}, 8);
    REQUIRE(k.app.state().screen == Screen::GuideFinish);
    k.apply(intent::StartGuide{false}, 9); // "Xem lại": read again, no second survey
    for (int s = 10; s < 13; ++s)
        k.apply(intent::NextStep{}, s);
    CHECK(k.app.state().screen == Screen::GuideFinish);

    k.apply(intent::OpenBooking{}, 14);
    k.apply(intent::ChooseDay{std::chrono::year{2026} / 11 / 28}, 15);
    k.apply(intent::ChooseSlot{9 * 60}, 16);
    for (char c : std::string("0987654321"))
        k.apply(intent::Type{std::string(1, c)}, 17);
    k.apply(intent::Submit{}, 18);
    k.apply(intent::Submit{}, 19);
    k.apply(intent::Submit{}, 20);
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Done);

    const auto day = k.today();
    REQUIRE(day.guides.size() == 1);
    CHECK(day.guides[0].started == 2);
    CHECK(day.guides[0].finished == 2);
    CHECK(day.guides[0].leftAtStep.empty());
    CHECK(day.smartphone.yes == 1);
    CHECK(day.vneidLevel2.no == 1);
    CHECK(day.bookingsMade == 1);
    CHECK(day.sessions == 1); // still one resident: the session ends at the idle reset
}

TEST_CASE("Usage: the hidden staff corner and staff mode are not counted as a resident") {
    Kiosk k;
    for (int i = 0; i < 5; ++i)
        k.app.apply(intent::CornerTap{}, t0 + std::chrono::milliseconds(200 * i));
    REQUIRE(k.app.state().screen == Screen::StaffPin);
    k.apply(intent::PinDigit{'1'}, 6);
    k.apply(intent::GoHome{}, 7);
    const auto day = k.today();
    CHECK(day.sessions == 0);
    CHECK(day.screens.empty());
}

TEST_CASE("Usage: the team's marks count too: done, no-show and a cancellation by a team member") {
    Kiosk k;
    const std::string first = k.bookAt(9 * 60, "0987654321"), second = k.bookAt(10 * 60, "0912345678"),
                      third = k.bookAt(14 * 60, "0911111111");
    const TimePoint later = t0 + std::chrono::hours(3);
    REQUIRE(k.bookings.changeStatus(first, kiosk::BookingStatus::arrived, 1, later));
    REQUIRE(k.bookings.changeStatus(first, kiosk::BookingStatus::done, 1, later));
    REQUIRE(k.bookings.changeStatus(second, kiosk::BookingStatus::noShow, 1, later));
    REQUIRE(k.bookings.changeStatus(third, kiosk::BookingStatus::cancelled, 1, later));
    const auto day = k.today();
    CHECK(day.bookingsMade == 3);
    CHECK(day.bookingsDone == 1);
    CHECK(day.bookingsNoShow == 1);
    CHECK(day.bookingsCancelled == 1);
}

TEST_CASE("Usage: a no-show mark taken back (Hoàn tác) no longer counts, an arrived mark taken back changes "
          "nothing") {
    Kiosk k;
    const std::string first = k.bookAt(9 * 60, "0987654321"), second = k.bookAt(10 * 60, "0912345678");
    const TimePoint later = t0 + std::chrono::hours(3);
    REQUIRE(k.bookings.changeStatus(first, kiosk::BookingStatus::noShow, 1, later));
    REQUIRE(k.bookings.changeStatus(second, kiosk::BookingStatus::noShow, 1, later));
    CHECK(k.today().bookingsNoShow == 2);
    REQUIRE(k.bookings.undoMark(first, kiosk::BookingStatus::noShow, 1, later));
    CHECK(k.today().bookingsNoShow == 1);
    // The resident came after all: arrived, then done, as if the mark had never been.
    REQUIRE(k.bookings.changeStatus(first, kiosk::BookingStatus::arrived, 1, later));
    REQUIRE(k.bookings.undoMark(first, kiosk::BookingStatus::arrived, 1, later));
    REQUIRE(k.bookings.changeStatus(first, kiosk::BookingStatus::arrived, 1, later));
    REQUIRE(k.bookings.changeStatus(first, kiosk::BookingStatus::done, 1, later));
    const auto day = k.today();
    CHECK(day.bookingsNoShow == 1);
    CHECK(day.bookingsDone == 1);
}
