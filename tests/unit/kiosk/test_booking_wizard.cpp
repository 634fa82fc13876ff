// The booking wizard on its own (no App, no screens): a fixed clock and an in-memory database.
#include "app/booking_wizard.hpp"
#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <map>
#include <string>

using kiosk::BookingStep;
using kiosk::BookingWizard;

namespace {

using namespace std::chrono_literals;

// 2026-11-27 01:00 UTC = 08:00 on Friday 27/11 in Hanoi.
const auto t0 = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + 1h;
const kiosk::LocalDate saturday = std::chrono::year{2026} / 11 / 28;

kiosk::db::Database migratedInMemory() {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

struct Fixture {
    kiosk::db::Database db = migratedInMemory();
    kiosk::BookingService bookings{db, kiosk::bookingRulesFromConfig(kiosk::Config{})};
    BookingWizard wizard;

    Fixture() { wizard.connect(bookings); }
    void type(const std::string& keys) {
        for (char c : keys)
            wizard.type(std::string(1, c));
    }
    // Opened from step 4 (0-based 3) of a VNeID guide; on to the phone step for Saturday 08:30.
    void toPhoneFromGuide() {
        wizard.open({"vneid", "vneid-dang-nhap", 3}, t0);
        REQUIRE(wizard.chooseDay(saturday, t0));
        REQUIRE(wizard.chooseSlot(8 * 60 + 30));
    }
    std::map<std::string, std::string> described() const {
        std::map<std::string, std::string> out;
        wizard.describe(out);
        return out;
    }
};

} // namespace

TEST_CASE("wizard: opened from a topic it starts at the days, from home at the topics") {
    Fixture f;
    f.wizard.open({}, t0);
    CHECK(f.wizard.draft().step == BookingStep::Topic);
    CHECK(f.wizard.draft().days.empty());
    f.wizard.open({"ihanoi", "", -1}, t0);
    CHECK(f.wizard.draft().step == BookingStep::Day);
    CHECK(f.wizard.draft().topicId == "ihanoi");
    CHECK(f.wizard.draft().days.size() == 14);
    CHECK_FALSE(f.wizard.chooseTopic("vneid", t0)); // not on the topic step: nothing changes
    CHECK(f.wizard.draft().topicId == "ihanoi");
}

TEST_CASE("wizard: intents that do not fit the step change nothing") {
    Fixture f;
    f.wizard.open({}, t0);
    CHECK_FALSE(f.wizard.chooseDay(saturday, t0));
    CHECK_FALSE(f.wizard.chooseSlot(8 * 60 + 30));
    f.type("0987"); // the topic step has no field
    CHECK(f.wizard.draft().phone.empty());
    REQUIRE(f.wizard.chooseTopic("vneid", t0));
    REQUIRE(f.wizard.chooseDay(saturday, t0));
    CHECK_FALSE(f.wizard.chooseSlot(8 * 60 + 10)); // not a slot of the day
    CHECK(f.wizard.draft().step == BookingStep::Slot);
}

TEST_CASE("wizard: a booking made from a guide remembers the guide and the step as residents count") {
    Fixture f;
    f.toPhoneFromGuide();
    f.type("0987654321");
    CHECK(f.wizard.submit(t0).booked == false);
    REQUIRE(f.wizard.draft().step == BookingStep::Name);
    CHECK(f.wizard.submit(t0).booked == false);
    REQUIRE(f.wizard.draft().step == BookingStep::Confirm);
    const auto outcome = f.wizard.submit(t0);
    CHECK(outcome.booked);
    CHECK(outcome.notice.empty());
    REQUIRE(f.wizard.draft().step == BookingStep::Done);
    REQUIRE(f.wizard.draft().confirmed);
    const auto stored = f.bookings.find(f.wizard.draft().confirmed->code);
    REQUIRE(stored);
    CHECK(stored->guideId == "vneid-dang-nhap");
    CHECK(stored->guideStep == 4);
    CHECK_FALSE(stored->name); // the name was skipped
    CHECK(f.described().at("booking_code") == stored->code);
    CHECK(f.wizard.back(t0) == BookingWizard::Back::GoHome); // made: nothing to undo
}

TEST_CASE("wizard: another topic than the guide's books without the guide") {
    Fixture f;
    f.wizard.open({"", "vneid-dang-nhap", 3}, t0); // a guide, but the resident chooses the topic
    REQUIRE(f.wizard.chooseTopic("ihanoi", t0));
    REQUIRE(f.wizard.chooseDay(saturday, t0));
    REQUIRE(f.wizard.chooseSlot(9 * 60));
    f.type("0987654321");
    for (int i = 0; i < 3; ++i)
        static_cast<void>(f.wizard.submit(t0));
    REQUIRE(f.wizard.draft().confirmed);
    const auto stored = f.bookings.find(f.wizard.draft().confirmed->code);
    REQUIRE(stored);
    CHECK_FALSE(stored->guideId);
    CHECK_FALSE(stored->guideStep);
}

TEST_CASE("wizard: back leaves the screen at the days when the topic came with the resident") {
    Fixture f;
    f.toPhoneFromGuide();
    CHECK(f.wizard.back(t0) == BookingWizard::Back::Stepped);
    CHECK(f.wizard.draft().step == BookingStep::Slot);
    CHECK(f.wizard.back(t0) == BookingWizard::Back::Stepped);
    CHECK(f.wizard.draft().step == BookingStep::Day);
    CHECK(f.wizard.back(t0) == BookingWizard::Back::LeaveScreen);
    CHECK(f.wizard.draft().step == BookingStep::Day);
    f.wizard.open({}, t0);
    CHECK(f.wizard.back(t0) == BookingWizard::Back::LeaveScreen);
}

TEST_CASE("wizard: back from cancelling returns to the days of the topic it was opened with") {
    Fixture f;
    f.wizard.open({"vneid", "", -1}, t0);
    f.wizard.startCancel();
    f.type("ACD");
    REQUIRE(f.wizard.draft().step == BookingStep::CancelCode);
    CHECK(f.wizard.back(t0) == BookingWizard::Back::Stepped);
    CHECK(f.wizard.draft().step == BookingStep::Day);
    CHECK(f.wizard.draft().code.empty());
    CHECK(f.wizard.draft().topicId == "vneid");
}

TEST_CASE("wizard: a database that refuses the write shows a calm message and gives the team a notice") {
    Fixture f;
    f.db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON booking BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    f.toPhoneFromGuide();
    f.type("0987654321");
    static_cast<void>(f.wizard.submit(t0));
    static_cast<void>(f.wizard.submit(t0));
    const auto outcome = f.wizard.submit(t0);
    CHECK_FALSE(outcome.booked);
    CHECK(outcome.notice.find("disk full") != std::string::npos);
    CHECK(f.wizard.draft().step == BookingStep::Confirm);
    CHECK_FALSE(f.wizard.draft().confirmed);
    REQUIRE(f.wizard.draft().problem);
    CHECK(f.wizard.draft().problem->kind == kiosk::BookingProblem::Kind::storageFailed);
    CHECK(f.wizard.message() == "Máy đang gặp trục trặc nên chưa lưu được. Bác nhờ tổ giúp nhé.");
}

TEST_CASE("wizard: close wipes the draft and keeps where it came from, reset wipes both") {
    Fixture f;
    f.toPhoneFromGuide();
    f.type("0987654321");
    f.wizard.close();
    CHECK(f.wizard.draft().step == BookingStep::Topic);
    CHECK(f.wizard.draft().phone.empty());
    CHECK(f.described().at("booking_guide") == "vneid-dang-nhap");
    CHECK(f.described().at("booking_step") == "4");
    f.wizard.reset();
    CHECK(f.described().at("booking_guide") == "");
    CHECK(f.described().at("booking_step") == "0");
}

TEST_CASE("wizard: describe gives every booking key a scenario reads") {
    Fixture f;
    f.toPhoneFromGuide();
    f.type("0987");
    const std::map<std::string, std::string> expected{
        {"booking_guide", "vneid-dang-nhap"},
        {"booking_step", "4"},
        {"booking_screen", "phone"},
        {"booking_topic", "vneid"},
        {"booking_day", "Thứ Bảy 28/11"},
        {"booking_time", "08:30"},
        {"booking_phone_length", "4"},
        {"booking_name", ""},
        {"booking_code", ""},
        {"booking_message", ""},
        {"booking_free_days", "14"},
        {"booking_free_slots", "23"},
    };
    CHECK(f.described() == expected);
}

TEST_CASE("wizard: without the booking service it opens but offers nothing") {
    BookingWizard wizard;
    CHECK_FALSE(wizard.available());
    wizard.open({"vneid", "", -1}, t0);
    CHECK(wizard.draft().step == BookingStep::Day);
    CHECK(wizard.draft().days.empty());
}
