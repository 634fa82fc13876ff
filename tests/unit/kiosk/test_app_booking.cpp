// The resident's booking flow in kiosk::App, with a fixed clock and an in-memory database:
// topic → day → slot → phone → name → confirm → code; cancelling with code + phone; back and idle reset.
#include "app/app.hpp"
#include "bookings/booking_webhook.hpp"
#include "storage/migrations.hpp"
#include "upload/outbox.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using kiosk::App;
using kiosk::BookingStep;
using kiosk::Screen;
using kiosk::TimePoint;
namespace intent = kiosk::intent;

namespace {

// 2026-11-27 01:00 UTC = 08:00 on Friday 27/11 in Hanoi.
const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + std::chrono::hours(1);

kiosk::db::Database migratedInMemory() {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

kiosk::Config testConfig() {
    kiosk::Config config; // opening hours 07:30-11:30, 13:30-21:00 every day; 30-minute slots
    config.idleSeconds = 60;
    config.countdownSeconds = 10;
    return config;
}

kiosk::Config withWebhook() {
    kiosk::Config config = testConfig();
    config.bookingWebhookUrl = "http://127.0.0.1:9/hook";
    return config;
}

struct Kiosk {
    kiosk::Config config;
    kiosk::db::Database db = migratedInMemory();
    kiosk::StaffRepository staff{db};
    kiosk::BookingService bookings{db, kiosk::bookingRulesFromConfig(config)};
    App app{config, staff, {}, t0};
    std::optional<kiosk::BookingWebhook> webhook; // as main.cpp wires it when bookings.webhook_url is set

    explicit Kiosk(kiosk::Config c = testConfig()) : config(std::move(c)) {
        app.setTapSettle(kiosk::Milliseconds(0)); // every intent at t0: test_tap_settle.cpp covers settling
        app.connectBookings(bookings);
        if (!config.bookingWebhookUrl.empty()) {
            webhook.emplace(db, bookings, kiosk::BookingWebhookSettings::fromConfig(config));
        }
    }
    const kiosk::BookingDraft& draft() const { return app.bookingWizard().draft(); }
    // What the booking screen says under the step (kiosk/app/strings.hpp), as describe() reports it too.
    std::string message() const { return app.bookingWizard().message(); }
    void apply(const kiosk::Intent& i) { app.apply(i, t0); }
    void type(const std::string& keys) {
        for (char c : keys)
            apply(intent::Type{std::string(1, c)});
    }
    int bookingRows() {
        kiosk::db::Statement q = db.prepare("SELECT count(*) FROM booking");
        REQUIRE(q.step());
        return q.columnInt(0);
    }
    // From home to the phone step: tomorrow (Saturday 28/11) at 08:30.
    void chooseTomorrowAt0830(const char* topic = "vneid") {
        apply(intent::OpenBooking{});
        apply(intent::ChooseBookingTopic{topic});
        apply(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
        apply(intent::ChooseSlot{8 * 60 + 30});
    }
};

} // namespace

TEST_CASE(
    "Booking flow: from home, a resident books by touch and gets a code, the row holds what they typed") {
    Kiosk k;
    k.apply(intent::OpenBooking{});
    CHECK(k.app.state().screen == Screen::Booking);
    CHECK(k.draft().step == BookingStep::Topic);
    k.apply(intent::ChooseBookingTopic{"ihanoi"});
    REQUIRE(k.draft().step == BookingStep::Day);
    REQUIRE(k.draft().days.size() == 14);
    CHECK(kiosk::vietnameseDay(k.draft().days[1].day) == "Thứ Bảy 28/11");
    CHECK(k.draft().days[0].freeSlots == 7 + 15); // today from 08:00 (now): 08:00-11:00 and 13:30-20:30
    k.apply(intent::ChooseDay{k.draft().days[1].day});
    REQUIRE(k.draft().step == BookingStep::Slot);
    CHECK(k.draft().slots.size() == 8 + 15); // a whole day: 07:30-11:00 and 13:30-20:30
    k.apply(intent::ChooseSlot{8 * 60 + 30});
    REQUIRE(k.draft().step == BookingStep::Phone);

    k.type("0912");
    k.apply(intent::Submit{});
    CHECK(k.draft().step == BookingStep::Phone); // 4 digits: not a phone number
    CHECK(k.message().starts_with("Số điện thoại chưa đúng."));
    k.type("345678");
    CHECK(k.message().empty()); // typing again clears the message
    k.apply(intent::Submit{});
    REQUIRE(k.draft().step == BookingStep::Name);
    k.type("ba");
    k.apply(intent::Tone{kiosk::ToneMark::grave});
    k.type(" lan");
    k.apply(intent::Submit{});
    REQUIRE(k.draft().step == BookingStep::Confirm);
    CHECK(k.bookingRows() == 0); // nothing is stored before "Đồng ý"
    k.apply(intent::Submit{});
    REQUIRE(k.draft().step == BookingStep::Done);
    REQUIRE(k.draft().confirmed);
    const auto stored = k.bookings.find(k.draft().confirmed->code);
    REQUIRE(stored);
    CHECK(stored->phone == "0912345678");
    CHECK(stored->name == "Bà Lan");
    CHECK(stored->topic == "ihanoi");
    CHECK(stored->slot.minuteOfDay == 8 * 60 + 30);
    CHECK_FALSE(stored->guideId); // booked from home: no guide to remember
    CHECK(k.app.describe().at("booking_code") == stored->code);

    k.apply(intent::GoHome{});
    CHECK(k.draft().step == BookingStep::Topic);
    CHECK(k.draft().phone.empty());
    CHECK(k.draft().name.empty());
}

TEST_CASE("Booking flow: from a guide the topic is known, and the booking remembers the guide and step") {
    Kiosk k;
    // A guide step without a library: set the context the guide player would leave.
    k.apply(intent::OpenTopic{"vneid"});
    k.apply(intent::OpenBooking{});
    CHECK(k.draft().step == BookingStep::Day); // topic pre-filled
    CHECK(k.draft().topicId == "vneid");
    k.apply(intent::Back{});
    CHECK(k.app.state().screen == Screen::Topic); // back where the resident came from
}

TEST_CASE("Booking flow: back goes one step at a time and keeps what was typed") {
    Kiosk k;
    k.chooseTomorrowAt0830();
    k.type("0987654321");
    k.apply(intent::Submit{});
    REQUIRE(k.draft().step == BookingStep::Name);
    k.apply(intent::Back{});
    CHECK(k.draft().step == BookingStep::Phone);
    CHECK(k.draft().phone.text() == "0987654321");
    k.apply(intent::Back{});
    CHECK(k.draft().step == BookingStep::Slot);
    k.apply(intent::Back{});
    CHECK(k.draft().step == BookingStep::Day);
    k.apply(intent::Back{});
    CHECK(k.draft().step == BookingStep::Topic);
    k.apply(intent::Back{});
    CHECK(k.app.state().screen == Screen::Home);
}

TEST_CASE("Booking flow: a slot taken meanwhile sends the resident back to the free ones, nothing stored") {
    Kiosk k;
    k.chooseTomorrowAt0830();
    k.type("0987654321");
    k.apply(intent::Submit{});
    k.apply(intent::Submit{});
    REQUIRE(k.draft().step == BookingStep::Confirm);
    // Someone else books the last place (capacity 1) between the slot list and "Đồng ý".
    kiosk::BookingRequest other{
        {std::chrono::year{2026} / 11 / 28, 8 * 60 + 30}, "vneid", {}, {}, "0911111111", {}};
    REQUIRE(k.bookings.book(other, t0));
    k.apply(intent::Submit{});
    CHECK(k.draft().step == BookingStep::Slot);
    CHECK(k.message().find("Bác chọn giờ khác") != std::string::npos);
    CHECK(std::ranges::none_of(k.draft().slots,
                               [](const kiosk::Slot& s) { return s.start.minuteOfDay == 8 * 60 + 30; }));
    CHECK(k.bookingRows() == 1);
}

TEST_CASE("Booking flow: the per-phone limit is told right after the phone number, with a way on") {
    Kiosk k;
    for (int minute : {13 * 60 + 30, 14 * 60}) {
        kiosk::BookingRequest earlier{
            {std::chrono::year{2026} / 11 / 28, minute}, "vneid", {}, {}, "0987654321", {}};
        REQUIRE(k.bookings.book(earlier, t0));
    }
    k.chooseTomorrowAt0830();
    k.type("0987654321");
    k.apply(intent::Submit{});
    CHECK(k.draft().step == BookingStep::Phone); // not on to the name and the consent
    CHECK(k.message() == "Số điện thoại này đã có 2 lịch hẹn; mỗi số được tối đa 2. Bác dùng số khác, hoặc "
                         "hủy bớt một lịch bằng nút \"Hủy lịch đã đặt\".");
    CHECK(k.app.describe().at("booking_message") == k.message());
    for (int i = 0; i < 10; ++i)
        k.apply(intent::Erase{});
    k.type("0912345678"); // another number goes on
    k.apply(intent::Submit{});
    CHECK(k.draft().step == BookingStep::Name);
    CHECK(k.bookingRows() == 2);
}

TEST_CASE("Booking flow: a number that reaches its limit meanwhile is still refused on the confirm step") {
    Kiosk k;
    kiosk::BookingRequest first{
        {std::chrono::year{2026} / 11 / 28, 13 * 60 + 30}, "vneid", {}, {}, "0987654321", {}};
    REQUIRE(k.bookings.book(first, t0));
    k.chooseTomorrowAt0830();
    k.type("0987654321");
    k.apply(intent::Submit{}); // one of two: on to the name
    REQUIRE(k.draft().step == BookingStep::Name);
    kiosk::BookingRequest second = first;
    second.slot.minuteOfDay = 14 * 60; // made at another kiosk while this resident types
    REQUIRE(k.bookings.book(second, t0));
    k.apply(intent::Submit{});
    k.apply(intent::Submit{});
    CHECK(k.draft().step == BookingStep::Confirm);
    CHECK(k.message().starts_with("Số điện thoại này đã có 2 lịch hẹn"));
    CHECK(k.bookingRows() == 2);
}

TEST_CASE(
    "Booking flow: a resident cancels with the code and the phone number, and the place is free again") {
    Kiosk k;
    kiosk::BookingRequest request{
        {std::chrono::year{2026} / 11 / 28, 9 * 60}, "vneid", {}, {}, "0987654321", {}};
    auto booked = k.bookings.book(request, t0);
    REQUIRE(booked);
    k.apply(intent::OpenBooking{});
    k.apply(intent::StartCancel{});
    REQUIRE(k.draft().step == BookingStep::CancelCode);
    k.type(booked->code.substr(0, 3));
    k.apply(intent::Submit{});
    CHECK(k.draft().step == BookingStep::CancelCode); // too short
    k.type(booked->code.substr(3));
    k.apply(intent::Submit{});
    REQUIRE(k.draft().step == BookingStep::CancelPhone);
    k.type("0900000000");
    k.apply(intent::Submit{});
    CHECK(k.draft().step == BookingStep::CancelPhone); // wrong phone: nothing cancelled
    CHECK_FALSE(k.message().empty());
    CHECK(k.bookings.find(booked->code)->status == kiosk::BookingStatus::booked);
    for (int i = 0; i < 10; ++i)
        k.apply(intent::Erase{});
    k.type("0987654321");
    k.apply(intent::Submit{});
    // Asked first: "Hủy lịch Thứ Bảy 28/11 lúc 09:00?", nothing cancelled yet; "Quay lại" keeps the booking.
    REQUIRE(k.draft().step == BookingStep::CancelConfirm);
    CHECK(k.app.describe().at("booking_screen") == "cancel_confirm");
    REQUIRE(k.draft().toCancel);
    CHECK(k.draft().toCancel->code == booked->code);
    CHECK(kiosk::vietnameseDay(k.draft().toCancel->slot.date) == "Thứ Bảy 28/11");
    CHECK(k.bookings.find(booked->code)->status == kiosk::BookingStatus::booked);
    k.apply(intent::Back{});
    CHECK(k.draft().step == BookingStep::CancelPhone);
    CHECK(k.draft().phone.text() == "0987654321");
    CHECK(k.bookings.find(booked->code)->status == kiosk::BookingStatus::booked);
    k.apply(intent::Submit{});
    REQUIRE(k.draft().step == BookingStep::CancelConfirm);
    k.apply(intent::Submit{}); // "Hủy lịch này"
    CHECK(k.draft().step == BookingStep::Cancelled);
    CHECK(k.bookings.find(booked->code)->status == kiosk::BookingStatus::cancelled);
    const auto slots = k.bookings.availableSlots(std::chrono::year{2026} / 11 / 28, t0);
    CHECK(std::ranges::any_of(slots, [](const kiosk::Slot& s) { return s.start.minuteOfDay == 9 * 60; }));
}

TEST_CASE("Booking flow: the idle reset wipes a half-made booking") {
    Kiosk k;
    k.chooseTomorrowAt0830();
    k.type("0987654321");
    k.app.tick(t0 + std::chrono::seconds(60 + 10));
    CHECK(k.app.state().screen == Screen::Home);
    CHECK(k.draft().step == BookingStep::Topic);
    CHECK(k.draft().phone.empty());
    CHECK_FALSE(k.draft().day);
}

TEST_CASE("Booking flow: without the booking service the screen opens but nothing can be chosen") {
    kiosk::db::Database db = migratedInMemory();
    kiosk::StaffRepository staff{db};
    App app{testConfig(), staff, {}, t0};
    app.setTapSettle(kiosk::Milliseconds(0));
    app.apply(intent::OpenBooking{}, t0);
    app.apply(intent::ChooseBookingTopic{"vneid"}, t0);
    CHECK_FALSE(app.bookingsAvailable());
    CHECK(app.bookingWizard().draft().days.empty());
}

TEST_CASE(
    "Booking flow: with a webhook configured, a made and a cancelled booking each leave one outbox message") {
    Kiosk k{withWebhook()};
    k.chooseTomorrowAt0830();
    k.type("0987654321");
    for (int i = 0; i < 3; ++i)
        k.apply(intent::Submit{});
    REQUIRE(k.app.bookingWizard().draft().confirmed);
    const std::string code = k.app.bookingWizard().draft().confirmed->code;
    k.app.apply(intent::GoHome{}, t0);
    k.app.apply(intent::OpenBooking{}, t0);
    k.app.apply(intent::StartCancel{}, t0);
    for (char c : code)
        k.app.apply(intent::Type{std::string(1, c)}, t0);
    k.app.apply(intent::Submit{}, t0);
    for (char c : std::string("0987654321"))
        k.app.apply(intent::Type{std::string(1, c)}, t0);
    k.app.apply(intent::Submit{}, t0);
    REQUIRE(k.app.bookingWizard().draft().step == BookingStep::CancelConfirm);
    k.app.apply(intent::Submit{}, t0); // "Hủy lịch này"
    REQUIRE(k.app.bookingWizard().draft().step == BookingStep::Cancelled);

    const auto messages = kiosk::Outbox(k.db).due(t0 + std::chrono::seconds(1), 10);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].destination == "http://127.0.0.1:9/hook");
    std::vector<std::string> keys{messages[0].idempotencyKey, messages[1].idempotencyKey};
    std::ranges::sort(keys);
    CHECK(keys == std::vector<std::string>{code + ":cancelled", code + ":made"});
    for (const auto& message : messages) {
        CHECK(message.body.find("0987654321") == std::string::npos); // the phone never leaves the kiosk
        CHECK(message.body.find(code) != std::string::npos);
    }
}

TEST_CASE("Booking flow: a team member's cancel and move reach the webhook too, each move with its own key") {
    Kiosk k{withWebhook()};
    kiosk::BookingRequest request{
        {std::chrono::year{2026} / 11 / 28, 8 * 60 + 30}, "vneid", {}, {}, "0987654321", {}};
    auto booked = k.bookings.book(request, t0);
    REQUIRE(booked);
    REQUIRE(k.bookings.reschedule(booked->code, {std::chrono::year{2026} / 11 / 28, 9 * 60}, 1,
                                  t0 + std::chrono::minutes(1)));
    REQUIRE(k.bookings.reschedule(booked->code, {std::chrono::year{2026} / 11 / 28, 10 * 60}, 1,
                                  t0 + std::chrono::minutes(2)));
    REQUIRE(k.bookings.changeStatus(booked->code, kiosk::BookingStatus::cancelled, 1,
                                    t0 + std::chrono::minutes(3)));
    const auto messages = kiosk::Outbox(k.db).due(t0 + std::chrono::hours(1), 10);
    std::vector<std::string> keys;
    for (const auto& message : messages)
        keys.push_back(message.idempotencyKey);
    std::ranges::sort(keys);
    REQUIRE(keys.size() == 4);
    CHECK(keys[0] == booked->code + ":cancelled");
    CHECK(keys[1] == booked->code + ":made");
    CHECK(keys[2].starts_with(booked->code + ":rescheduled:"));
    CHECK(keys[3].starts_with(booked->code + ":rescheduled:"));
    CHECK(keys[2] != keys[3]);
}

TEST_CASE("Booking flow: the notice is stored with the booking or not at all") {
    Kiosk k{withWebhook()};
    // The outbox refuses the write (as a full disk would): the booking must roll back with it.
    k.db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON outbox_message BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    k.chooseTomorrowAt0830();
    k.type("0987654321");
    for (int i = 0; i < 3; ++i)
        k.apply(intent::Submit{});
    CHECK_FALSE(k.app.bookingWizard().draft().confirmed); // no code shown for a booking that is not stored
    CHECK(k.app.bookingWizard().draft().step == BookingStep::Confirm);
    CHECK_FALSE(k.message().empty());
    kiosk::db::Statement rows = k.db.prepare("SELECT count(*) FROM booking");
    REQUIRE(rows.step());
    CHECK(rows.columnInt(0) == 0);
    CHECK(std::ranges::any_of(k.app.notices(),
                              [](const std::string& n) { return n.find("disk full") != std::string::npos; }));
}

TEST_CASE("Booking flow: the running kiosk erases phone numbers past the retention after midnight, not only "
          "at start") {
    Kiosk k;
    k.chooseTomorrowAt0830();
    k.type("0987654321");
    for (int i = 0; i < 3; ++i)
        k.apply(intent::Submit{});
    REQUIRE(k.draft().confirmed);
    auto phoneKept = [&] {
        kiosk::db::Statement q = k.db.prepare("SELECT phone FROM booking");
        REQUIRE(q.step());
        return !q.columnText(0).empty();
    };
    k.app.tick(t0);
    CHECK(phoneKept());
    // The appointment is on 28/11; with 30 days' retention the number goes on the first tick of 29/12.
    const TimePoint dec28 = t0 + std::chrono::days(31); // 08:00 on 28/12
    k.app.tick(dec28);
    CHECK(phoneKept());
    // The frame loop wakes for the next erasure (00:01 on 29/12) even with nobody at the screen.
    const auto wake = k.app.timeUntilNextTimer(dec28);
    REQUIRE(wake);
    CHECK(*wake == std::chrono::hours(16) + std::chrono::minutes(1));
    k.app.tick(dec28 + std::chrono::days(1));
    CHECK_FALSE(phoneKept());
}
