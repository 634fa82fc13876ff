// Steady screens in kiosk::App (issue 17): taps settle for a moment after the screen changes, "Quay lại" goes
// back exactly one page of a list, the "no sound" notice belongs to the step where "Nghe" failed, and the
// idle question is answered by whatever tap comes while it shows. A fixed clock, an in-memory database.
#include "app/app.hpp"
#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using kiosk::App;
using kiosk::Milliseconds;
using kiosk::Screen;
using kiosk::TimePoint;
namespace intent = kiosk::intent;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

// 2026-11-27 01:00 UTC = 08:00 in Hanoi.
const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + std::chrono::hours(1);

// Seven guides of one topic (more than a page of cards) and a three-step guide with narration.
content::Library library() {
    content::Library lib;
    for (int g = 0; g < 7; ++g) {
        content::Guide guide;
        guide.id = "vneid-" + std::to_string(g);
        guide.topic = "vneid";
        guide.title = "Bài " + std::to_string(g);
        for (int i = 0; i < 3; ++i) {
            content::Step step;
            step.narration = guide.id + "/0" + std::to_string(i + 1) + ".ogg";
            guide.steps.push_back(step);
        }
        lib.guides.push_back(guide);
    }
    return lib;
}

struct Kiosk {
    kiosk::db::Database db = [] {
        auto d = kiosk::db::Database::openInMemory();
        kiosk::db::migrate(d, kiosk::db::kioskMigrations());
        return d;
    }();
    kiosk::StaffRepository staff{db};
    kiosk::BookingService bookings{db, kiosk::bookingRulesFromConfig(kiosk::Config{})};
    content::Library guides = library();
    App app{kiosk::Config{}, staff, {}, t0, &guides};
    TimePoint now = t0;

    Kiosk() { app.connectBookings(bookings); }
    // A tap `after` the last one.
    void tap(const kiosk::Intent& i, Milliseconds after = seconds(1)) {
        now += after;
        app.noteInput(now);
        app.apply(i, now);
    }
    const kiosk::State& state() const { return app.state(); }
};

} // namespace

TEST_CASE("app: a quick second tap after the screen changed is ignored, a later one counts") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    k.tap(intent::OpenGuide{"vneid-0"});
    k.tap(intent::StartGuide{false});
    REQUIRE(k.state().screen == Screen::GuideStep);
    CHECK(App::kTapSettle >= Milliseconds(300));
    CHECK(App::kTapSettle <= Milliseconds(400));

    k.tap(intent::NextStep{});
    REQUIRE(k.state().guide.step == 1);
    CHECK(k.app.tapSettleLeft(k.now) == App::kTapSettle);
    k.tap(intent::NextStep{}, milliseconds(150)); // "Tiếp theo" twice: the second lands on the new step
    CHECK(k.state().guide.step == 1);
    CHECK(k.app.tapSettleLeft(k.now) == App::kTapSettle - milliseconds(150));
    k.tap(intent::NextStep{}, App::kTapSettle); // now it counts
    CHECK(k.state().guide.step == 2);

    // Keys that do not change the screen are never held back: a phone number is typed as fast as one likes.
    k.tap(intent::OpenBooking{});
    k.tap(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
    k.tap(intent::ChooseSlot{8 * 60 + 30});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Phone);
    k.now += seconds(1);
    for (char c : std::string("0912345678"))
        k.tap(intent::Type{std::string(1, c)}, milliseconds(50));
    CHECK(k.app.bookingWizard().draft().phone.text() == "0912345678");

    // A wrong number's message goes with the next key; the keys after it are not held back either.
    for (int i = 0; i < 10; ++i)
        k.tap(intent::Erase{}, milliseconds(50));
    k.tap(intent::Type{"0"}, milliseconds(50));
    k.tap(intent::Submit{}, milliseconds(50));
    REQUIRE_FALSE(k.app.bookingWizard().message().empty());
    k.tap(intent::Type{"9"}, milliseconds(50));
    k.tap(intent::Type{"1"}, milliseconds(50));
    CHECK(k.app.bookingWizard().draft().phone.text() == "091");
}

// The scenario player (ui/src/scenario_player.cpp) does not wait out the moment: it has the app settle.
TEST_CASE("app: settleTapsNow lets the next tap count at once") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    REQUIRE(k.app.tapSettleLeft(k.now) > Milliseconds(0));
    k.app.settleTapsNow();
    CHECK(k.app.tapSettleLeft(k.now) == Milliseconds(0));
    k.tap(intent::OpenGuide{"vneid-0"}, milliseconds(0));
    CHECK(k.state().screen == Screen::GuideIntro);
}

TEST_CASE("app: a double tap on a day does not pick a time the resident never saw") {
    Kiosk k;
    k.tap(intent::OpenBooking{});
    k.tap(intent::ChooseBookingTopic{"vneid"});
    k.tap(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Slot);
    k.tap(intent::ChooseSlot{8 * 60 + 30}, milliseconds(100)); // where the day was, a time now shows
    CHECK(k.app.bookingWizard().draft().step == kiosk::BookingStep::Slot);
    CHECK_FALSE(k.app.bookingWizard().draft().slotMinute);
}

TEST_CASE("app: the hidden corner counts every tap, and a clock set back never holds taps") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    for (int tap = 0; tap < 5; ++tap) // each right after the other, the last opening the pad
        k.tap(intent::CornerTap{}, milliseconds(100));
    CHECK(k.state().screen == Screen::StaffPin);

    Kiosk back;
    back.tap(intent::OpenTopic{"vneid"});
    back.now -= std::chrono::hours(1); // the system clock was corrected backwards
    back.tap(intent::OpenGuide{"vneid-0"}, milliseconds(0));
    CHECK(back.state().screen == Screen::GuideIntro);
}

TEST_CASE("app: Quay lại on page 2 of a list goes to page 1, then off the list, and a guide opened there "
          "comes back to its page") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    k.tap(intent::ShowPage{1});
    k.tap(intent::ShowPage{2});
    REQUIRE(k.state().page == 2);
    k.tap(intent::OpenGuide{"vneid-6"});
    REQUIRE(k.state().screen == Screen::GuideIntro);
    CHECK(k.state().page == 0);
    k.tap(intent::Back{});
    CHECK(k.state().screen == Screen::Topic);
    CHECK(k.state().page == 2); // back where the card was
    k.tap(intent::Back{});
    CHECK(k.state().screen == Screen::Topic);
    CHECK(k.state().page == 1);
    k.tap(intent::Back{});
    CHECK(k.state().page == 0);
    k.tap(intent::Back{});
    CHECK(k.state().screen == Screen::Home);

    // The booking days too; a new booking step starts at its first page.
    k.tap(intent::OpenBooking{});
    k.tap(intent::ChooseBookingTopic{"vneid"});
    k.tap(intent::ShowPage{1});
    k.tap(intent::Back{});
    CHECK(k.app.bookingWizard().draft().step == kiosk::BookingStep::Day);
    CHECK(k.state().page == 0);
    k.tap(intent::ShowPage{1});
    k.tap(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
    CHECK(k.state().page == 0);
    CHECK(k.state().pageTrail.empty());
    k.tap(intent::Back{}); // from the times to the days
    CHECK(k.app.bookingWizard().draft().step == kiosk::BookingStep::Day);
}

// A small screen at large text gives a typing page's question a page of its own, the keys the next.
TEST_CASE("app: Quay lại from a typing page's keys comes back to its question, and a refused number is told "
          "on the question") {
    Kiosk k;
    k.tap(intent::OpenBooking{});
    k.tap(intent::ChooseBookingTopic{"vneid"});
    k.tap(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
    k.tap(intent::ChooseSlot{8 * 60 + 30});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Phone);
    k.tap(intent::ShowPage{1}); // "Bấm số"
    k.tap(intent::Back{});
    CHECK(k.app.bookingWizard().draft().step == kiosk::BookingStep::Phone);
    CHECK(k.state().page == 0);
    k.tap(intent::ShowPage{1});
    for (const char* digit : {"0", "9", "1", "2"})
        k.tap(intent::Type{digit});
    k.tap(intent::Submit{});
    REQUIRE_FALSE(k.app.bookingWizard().message().empty());
    CHECK(k.state().page == 0);
    CHECK(k.state().pageTrail.empty());
    k.tap(intent::Back{}); // from the question: off the step
    CHECK(k.app.bookingWizard().draft().step == kiosk::BookingStep::Slot);
}

TEST_CASE("app: Trang đầu from a topic list's page 2 goes home and forgets the pages") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    k.tap(intent::ShowPage{1});
    k.tap(intent::GoHome{});
    CHECK(k.state().screen == Screen::Home);
    CHECK(k.state().page == 0);
    CHECK(k.state().pageTrail.empty());
    CHECK(k.state().history.empty());
}

TEST_CASE("app: the no-sound notice shows on the step where Nghe failed, and on no other") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    k.tap(intent::OpenGuide{"vneid-0"});
    k.tap(intent::StartGuide{false});
    k.tap(intent::PlayNarration{});
    k.app.noteNarrationFailed();
    CHECK(k.state().guide.narrationFailed);
    CHECK(k.app.describe().at("narration_failed") == "1");
    k.tap(intent::NextStep{});
    CHECK_FALSE(k.state().guide.narrationFailed);
    k.tap(intent::PlayNarration{});
    k.app.noteNarrationFailed();
    k.tap(intent::PreviousStep{});
    CHECK_FALSE(k.state().guide.narrationFailed);
    k.tap(intent::PlayNarration{});
    k.app.noteNarrationFailed();
    k.tap(intent::OpenBooking{}); // "Cần người giúp", then back to the same step
    k.tap(intent::Back{});
    REQUIRE(k.state().screen == Screen::GuideStep);
    CHECK_FALSE(k.state().guide.narrationFailed);
    // Not on other screens.
    k.tap(intent::GoHome{});
    k.app.noteNarrationFailed();
    CHECK_FALSE(k.state().guide.narrationFailed);
}

TEST_CASE("app: a touch during the idle question that never became a tap still keeps the session") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    const TimePoint idleAt = k.now + seconds(k.app.config().idleSeconds);
    k.app.tick(idleAt);
    REQUIRE(k.state().countdownEndsAt);
    const TimePoint endsAt = *k.state().countdownEndsAt;
    k.app.noteInput(idleAt + seconds(2)); // a finger went down and slid off: no intent came
    k.app.tick(idleAt + seconds(3));
    CHECK(k.state().countdownEndsAt); // the question stays until it is answered or its time is up
    k.app.tick(endsAt);
    CHECK_FALSE(k.state().countdownEndsAt); // then it goes, and no reset: someone is there
    CHECK(k.state().screen == Screen::Topic);
}

TEST_CASE("app: a step read in pages - Quay lại turns back a page before the step, Tiếp theo starts the next "
          "step at its first page") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    k.tap(intent::OpenGuide{"vneid-0"});
    k.tap(intent::StartGuide{false});
    k.tap(intent::NextStep{});
    REQUIRE(k.state().guide.step == 1);
    k.tap(intent::ShowPage{1}); // "Tiếp theo" on page 1 of the step's words
    k.tap(intent::ShowPage{2});
    REQUIRE(k.state().page == 2);
    k.tap(intent::PreviousStep{});
    CHECK(k.state().guide.step == 1);
    CHECK(k.state().page == 1);
    k.tap(intent::PreviousStep{});
    CHECK(k.state().guide.step == 1);
    CHECK(k.state().page == 0);
    k.tap(intent::PreviousStep{});
    CHECK(k.state().guide.step == 0);
    CHECK(k.state().page == 0);

    k.tap(intent::ShowPage{1});
    k.tap(intent::NextStep{});
    CHECK(k.state().guide.step == 1);
    CHECK(k.state().page == 0);
    CHECK(k.state().pageTrail.empty());
    // Practice mode adds its prompt, so the pages change: it starts again at the first.
    k.tap(intent::ShowPage{1});
    k.tap(intent::SetPractice{true});
    CHECK(k.state().page == 0);
    CHECK(k.state().pageTrail.empty());
    // Turned on beside a picture on its own page (a small screen): that page, now after the prompt's, and
    // "Quay lại" goes back one page, to the words before it.
    k.tap(intent::SetPractice{false});
    k.tap(intent::SetPractice{true, 3});
    CHECK(k.state().guide.practice);
    CHECK(k.state().page == 3);
    k.tap(intent::PreviousStep{});
    CHECK(k.state().guide.step == 1);
    CHECK(k.state().page == 2);
}

TEST_CASE("app: the enlarged picture - Quay lại goes back to the step as it was, a step change or practice "
          "closes it") {
    Kiosk k;
    k.tap(intent::OpenTopic{"vneid"});
    k.tap(intent::OpenGuide{"vneid-0"});
    k.tap(intent::StartGuide{false});
    k.tap(intent::NextStep{});
    k.tap(intent::ShowPage{1}); // on page 2 of the step's words
    k.tap(intent::ZoomPicture{0});
    CHECK(k.state().guide.zoomPart == 0);
    CHECK(k.app.describe().at("zoom_part") == "1");
    k.tap(intent::ZoomPicture{1}); // "Xem tiếp": the next part
    CHECK(k.state().guide.zoomPart == 1);
    k.tap(intent::Back{});
    CHECK(k.state().screen == Screen::GuideStep);
    CHECK(k.state().guide.zoomPart == -1);
    CHECK(k.state().guide.step == 1);
    CHECK(k.state().page == 1);

    k.tap(intent::ZoomPicture{0});
    k.tap(intent::NextStep{});
    CHECK(k.state().guide.step == 2);
    CHECK(k.state().guide.zoomPart == -1);
    k.tap(intent::ZoomPicture{0});
    k.tap(intent::SetPractice{true});
    CHECK(k.state().guide.zoomPart == -1);
    // Not while practising: the enlarged picture would show where to tap.
    k.tap(intent::ZoomPicture{0});
    CHECK(k.state().guide.zoomPart == -1);
    // Nowhere but on a step.
    k.tap(intent::GoHome{});
    k.tap(intent::ZoomPicture{0});
    CHECK(k.state().guide.zoomPart == -1);
}
