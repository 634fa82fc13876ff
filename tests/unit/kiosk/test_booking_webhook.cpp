// The team's booking webhook as a BookingService listener: one outbox message per booking made, cancelled
// or moved, stored in the booking's own transaction, and the sender woken only after the commit.
#include "bookings/booking_webhook.hpp"
#include "storage/migrations.hpp"
#include "upload/outbox.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;

// 2026-11-27 01:00 UTC = 08:00 on Friday 27/11 in Hanoi.
const auto t0 = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + 1h;
const kiosk::LocalDate saturday = std::chrono::year{2026} / 11 / 28;
constexpr const char* hook = "http://127.0.0.1:9/hook";

kiosk::db::Database migratedInMemory() {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

kiosk::BookingWebhookSettings settings() {
    return {hook, "kiosk-07", "Thôn Đông"};
}

kiosk::BookingRequest request(int minute, std::string phone = "0987654321") {
    return {{saturday, minute},   "vneid", std::string("vneid-dang-nhap"), 4, std::move(phone),
            std::string("Bà Lan")};
}

struct Fixture {
    kiosk::db::Database db = migratedInMemory();
    kiosk::BookingService bookings{db, kiosk::bookingRulesFromConfig(kiosk::Config{})};

    std::vector<kiosk::OutboxMessage> messages() { return kiosk::Outbox(db).due(t0 + 1h, 50); }
    std::vector<std::string> keys() {
        std::vector<std::string> out;
        for (const auto& message : messages())
            out.push_back(message.idempotencyKey);
        std::ranges::sort(out);
        return out;
    }
    int rows(const char* table) {
        kiosk::db::Statement q = db.prepare(std::string("SELECT count(*) FROM ") + table);
        REQUIRE(q.step());
        return q.columnInt(0);
    }
};

} // namespace

TEST_CASE("webhook: a booking made, moved twice and cancelled leaves CODE:made, two CODE:rescheduled:TIME "
          "and CODE:cancelled") {
    Fixture f;
    kiosk::BookingWebhook webhook(f.db, f.bookings, settings());
    const auto booked = f.bookings.book(request(8 * 60 + 30), t0);
    REQUIRE(booked);
    const std::string code = booked->code;
    REQUIRE(f.bookings.reschedule(code, {saturday, 9 * 60}, 1, t0 + 1min));
    REQUIRE(f.bookings.reschedule(code, {saturday, 10 * 60}, 1, t0 + 2min));
    REQUIRE(f.bookings.changeStatus(code, kiosk::BookingStatus::cancelled, 1, t0 + 3min));
    const auto keys = f.keys();
    REQUIRE(keys.size() == 4);
    CHECK(keys[0] == code + ":cancelled");
    CHECK(keys[1] == code + ":made");
    CHECK(keys[2] == code + ":rescheduled:2026-11-27T01:01:00Z");
    CHECK(keys[3] == code + ":rescheduled:2026-11-27T01:02:00Z");
    for (const auto& message : f.messages()) {
        CHECK(message.destination == hook);
        CHECK(message.kind == kiosk::OutboxKind::booking);
    }
}

TEST_CASE("webhook: the message says what the team plans with, never the phone number or the name") {
    Fixture f;
    kiosk::BookingWebhook webhook(f.db, f.bookings, settings());
    const auto booked = f.bookings.book(request(8 * 60 + 30), t0);
    REQUIRE(booked);
    const auto messages = f.messages();
    REQUIRE(messages.size() == 1);
    const auto body = nlohmann::json::parse(messages[0].body);
    CHECK(body.at("event") == "made");
    CHECK(body.at("kiosk_id") == "kiosk-07");
    CHECK(body.at("village") == "Thôn Đông");
    CHECK(body.at("code") == booked->code);
    CHECK(body.at("day") == "2026-11-28");
    CHECK(body.at("time") == "08:30");
    CHECK(body.at("topic") == "vneid");
    CHECK(body.at("guide_id") == "vneid-dang-nhap");
    CHECK(body.at("guide_step") == 4);
    CHECK(body.at("at") == "2026-11-27T01:00:00Z");
    CHECK(messages[0].body.find("0987654321") == std::string::npos);
    CHECK(messages[0].body.find("Lan") == std::string::npos);
}

TEST_CASE("webhook: arrived and done are not told to the team") {
    Fixture f;
    kiosk::BookingWebhook webhook(f.db, f.bookings, settings());
    const auto booked = f.bookings.book(request(8 * 60 + 30), t0);
    REQUIRE(booked);
    REQUIRE(f.bookings.changeStatus(booked->code, kiosk::BookingStatus::arrived, 1, t0));
    REQUIRE(f.bookings.changeStatus(booked->code, kiosk::BookingStatus::done, 1, t0));
    CHECK(f.keys() == std::vector<std::string>{booked->code + ":made"});
}

TEST_CASE("webhook: a failing outbox write rolls the booking back, and the sender is not woken") {
    Fixture f;
    int wakes = 0;
    kiosk::BookingWebhook webhook(f.db, f.bookings, settings(), [&] { ++wakes; });
    f.db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON outbox_message BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    CHECK_THROWS_WITH_AS(static_cast<void>(f.bookings.book(request(8 * 60 + 30), t0)),
                         doctest::Contains("disk full"), std::exception);
    CHECK(f.rows("booking") == 0);
    CHECK(f.rows("outbox_message") == 0);
    CHECK(wakes == 0);
}

TEST_CASE("webhook: a later listener that throws takes the booking and its message back together") {
    Fixture f;
    kiosk::BookingWebhook webhook(f.db, f.bookings, settings());
    const auto failing = f.bookings.addListener(
        {[](const kiosk::Booking&, kiosk::BookingChange, std::chrono::system_clock::time_point) {
             throw std::runtime_error("usage store broke");
         },
         {}});
    CHECK_THROWS_AS(static_cast<void>(f.bookings.book(request(8 * 60 + 30), t0)), std::runtime_error);
    CHECK(f.rows("booking") == 0);
    CHECK(f.rows("outbox_message") == 0);
    f.bookings.removeListener(failing);
    REQUIRE(f.bookings.book(request(8 * 60 + 30), t0));
    CHECK(f.rows("booking") == 1);
    CHECK(f.rows("outbox_message") == 1);
}

TEST_CASE("webhook: the sender is woken once per queued message, after the commit") {
    Fixture f;
    int wakes = 0;
    bool inTransaction = false;
    kiosk::BookingWebhook webhook(f.db, f.bookings, settings(), [&] {
        ++wakes;
        if (sqlite3_get_autocommit(f.db.handle()) == 0) inTransaction = true;
    });
    const auto booked = f.bookings.book(request(8 * 60 + 30), t0);
    REQUIRE(booked);
    CHECK(wakes == 1);
    REQUIRE(f.bookings.changeStatus(booked->code, kiosk::BookingStatus::arrived, 1, t0));
    CHECK(wakes == 1); // nothing queued: nothing to send
    REQUIRE(f.bookings.changeStatus(booked->code, kiosk::BookingStatus::cancelled, 1, t0));
    CHECK(wakes == 2);
    CHECK_FALSE(inTransaction);
}

TEST_CASE("webhook: once destroyed it no longer listens, and other listeners still hear every change") {
    Fixture f;
    std::vector<kiosk::BookingChange> heard;
    const auto id =
        f.bookings.addListener({[&](const kiosk::Booking&, kiosk::BookingChange change,
                                    std::chrono::system_clock::time_point) { heard.push_back(change); },
                                {}});
    {
        kiosk::BookingWebhook webhook(f.db, f.bookings, settings());
        REQUIRE(f.bookings.book(request(8 * 60 + 30), t0));
    }
    REQUIRE(f.bookings.book(request(9 * 60), t0));
    CHECK(f.rows("outbox_message") == 1);
    CHECK(heard == std::vector<kiosk::BookingChange>{kiosk::BookingChange::made, kiosk::BookingChange::made});
    f.bookings.removeListener(id);
}

TEST_CASE("webhook: with no URL nothing is queued") {
    Fixture f;
    kiosk::BookingWebhook webhook(f.db, f.bookings, {"", "kiosk-07", "Thôn Đông"});
    REQUIRE(f.bookings.book(request(8 * 60 + 30), t0));
    CHECK(f.rows("outbox_message") == 0);
}
