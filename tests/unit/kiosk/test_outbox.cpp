#include "upload/outbox.hpp"

#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <chrono>
#include <set>
#include <string>

using kiosk::Outbox;
using kiosk::OutboxKind;
using kiosk::OutboxMessage;
using kiosk::OutboxOptions;
using namespace std::chrono_literals;

namespace {

const std::chrono::system_clock::time_point testNow =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + 3h; // 10:00 in Hanoi
constexpr const char* hub = "https://hub.example.vn/api/v1/uploads";
constexpr const char* webhook = "https://webhook.example.vn/bookings";

struct Fixture {
    test::TempDir dir{"kiosk-test-outbox"};
    kiosk::db::Database db = kiosk::db::openKioskDatabase(dir.path / "kiosk.db", testNow).db;
};

OutboxOptions seeded(std::uint32_t seed = 7) {
    OutboxOptions options;
    options.seed = seed;
    return options;
}

} // namespace

TEST_CASE("outbox: a new message is pending and due at once") {
    Fixture f;
    Outbox outbox(f.db, seeded());
    const auto id = outbox.enqueue(OutboxKind::usage, hub, "thon-dong:2026-11-25", R"({"a":1})", testNow);
    CHECK(outbox.pendingCount() == 1);
    const auto due = outbox.due(testNow, 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].id == id);
    CHECK(due[0].kind == OutboxKind::usage);
    CHECK(due[0].destination == hub);
    CHECK(due[0].idempotencyKey == "thon-dong:2026-11-25");
    CHECK(due[0].body == R"({"a":1})");
    CHECK(due[0].attempts == 0);
    CHECK(due[0].createdAt == "2026-11-25T03:00:00Z");
    CHECK_FALSE(due[0].delivered);
    CHECK(outbox.due(testNow - 1s, 10).empty()); // not before it was made
}

TEST_CASE("outbox: enqueuing an existing key replaces the pending body instead of adding") {
    Fixture f;
    Outbox outbox(f.db, seeded());
    const auto first = outbox.enqueue(OutboxKind::usage, hub, "k:2026-11-25", R"({"sessions":1})", testNow);
    const auto second =
        outbox.enqueue(OutboxKind::usage, hub, "k:2026-11-25", R"({"sessions":2})", testNow + 15min);
    CHECK(first == second);
    CHECK(outbox.pendingCount() == 1);
    CHECK(outbox.totalCount() == 1);
    const auto due = outbox.due(testNow + 15min, 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].body == R"({"sessions":2})");

    // The same key to another destination is another message.
    outbox.enqueue(OutboxKind::booking, webhook, "k:2026-11-25", "{}", testNow);
    CHECK(outbox.pendingCount() == 2);
}

TEST_CASE("outbox: replacing a failing message keeps its retry schedule") {
    Fixture f;
    Outbox outbox(f.db, seeded());
    const auto id = outbox.enqueue(OutboxKind::usage, hub, "k", "one", testNow);
    const auto next = outbox.markFailed(id, "connection refused", testNow);
    outbox.enqueue(OutboxKind::usage, hub, "k", "two", testNow + 1s);
    const auto message = outbox.find(hub, "k");
    REQUIRE(message);
    CHECK(message->body == "two");
    CHECK(message->attempts == 1);
    CHECK(message->lastError == "connection refused");
    CHECK(std::chrono::abs(message->nextAttemptAt - next) < 1ms);
    CHECK(outbox.due(testNow + 2s, 10).empty());
}

TEST_CASE("outbox: a delivered message is sent again only when its body changes") {
    Fixture f;
    Outbox outbox(f.db, seeded());
    outbox.enqueue(OutboxKind::usage, hub, "k", "same", testNow);
    auto due = outbox.due(testNow, 10);
    REQUIRE(due.size() == 1);
    CHECK(outbox.markDelivered(due[0], testNow + 1s));
    CHECK(outbox.pendingCount() == 0);

    outbox.enqueue(OutboxKind::usage, hub, "k", "same", testNow + 1min);
    CHECK(outbox.pendingCount() == 0);

    outbox.enqueue(OutboxKind::usage, hub, "k", "changed", testNow + 2min);
    CHECK(outbox.pendingCount() == 1);
    due = outbox.due(testNow + 2min, 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].body == "changed");
    CHECK(due[0].attempts == 0);
}

TEST_CASE("outbox: a body replaced while the old one was on its way stays pending") {
    Fixture f;
    Outbox outbox(f.db, seeded());
    outbox.enqueue(OutboxKind::usage, hub, "k", "old", testNow);
    const auto inFlight = outbox.due(testNow, 10);
    REQUIRE(inFlight.size() == 1);
    outbox.enqueue(OutboxKind::usage, hub, "k", "new", testNow + 1s);
    CHECK_FALSE(outbox.markDelivered(inFlight[0], testNow + 2s));
    const auto due = outbox.due(testNow + 2s, 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].body == "new");
}

TEST_CASE("outbox: backoff doubles from 30 s to a 1 h cap, with jitter within 20 %") {
    Fixture f;
    Outbox outbox(f.db, seeded(42));
    const auto id = outbox.enqueue(OutboxKind::usage, hub, "k", "{}", testNow);
    auto now = testNow;
    double nominal = 30.0;
    std::set<long long> distinct;
    for (int attempt = 1; attempt <= 12; ++attempt) {
        const auto next = outbox.markFailed(id, "HTTP 503", now);
        const double delay = std::chrono::duration<double>(next - now).count();
        CAPTURE(attempt);
        CAPTURE(delay);
        CHECK(delay >= 0.8 * nominal - 0.001);
        CHECK(delay <= 1.2 * nominal + 0.001);
        distinct.insert(std::llround(delay * 1000.0 / nominal));
        CHECK(outbox.due(next - 1ms, 10).empty());
        CHECK(outbox.due(next, 10).size() == 1);
        now = next;
        nominal = std::min(nominal * 2, 3600.0);
    }
    CHECK(nominal == 3600.0);   // the cap was reached within the loop
    CHECK(distinct.size() > 3); // the factor varies: a fleet of kiosks does not retry in step
    const auto message = outbox.find(hub, "k");
    REQUIRE(message);
    CHECK(message->attempts == 12);
    CHECK(message->lastError == "HTTP 503");
}

TEST_CASE("outbox: two outboxes seeded differently retry at different times") {
    Fixture f;
    Outbox a(f.db, seeded(1));
    Outbox b(f.db, seeded(2));
    CHECK(a.retryDelay(3) != b.retryDelay(3));
}

TEST_CASE("outbox: due lists the most overdue first and honours the limit") {
    Fixture f;
    Outbox outbox(f.db, seeded());
    const auto late = outbox.enqueue(OutboxKind::usage, hub, "a", "{}", testNow + 10s);
    const auto early = outbox.enqueue(OutboxKind::booking, webhook, "b", "{}", testNow);
    const auto due = outbox.due(testNow + 1min, 1);
    REQUIRE(due.size() == 1);
    CHECK(due[0].id == early);
    CHECK(due[0].kind == OutboxKind::booking);
    CHECK(outbox.due(testNow + 1min, 10).size() == 2);
    CHECK(outbox.nextDue() == testNow);
    (void)late;
}

TEST_CASE(
    "outbox: bounded: drops delivered first, then the oldest bookings, and rollups only as a last resort") {
    Fixture f;
    OutboxOptions options = seeded();
    options.maxMessages = 40;
    options.keepNewestUsage = 10;
    Outbox outbox(f.db, options);
    auto day = [](int n) { return "k:day-" + std::to_string(100 + n); };

    // 5 delivered, then 30 pending days and 10 bookings: 45 messages for room for 40.
    for (int i = 0; i < 5; ++i) {
        outbox.enqueue(OutboxKind::usage, hub, "old-" + std::to_string(i), "{}", testNow);
    }
    for (const OutboxMessage& m : outbox.due(testNow, 100))
        outbox.markDelivered(m, testNow);
    for (int i = 0; i < 30; ++i)
        outbox.enqueue(OutboxKind::usage, hub, day(i), "{}", testNow + std::chrono::minutes(i));
    for (int i = 0; i < 10; ++i)
        outbox.enqueue(OutboxKind::booking, webhook, "booking-" + std::to_string(i), "{}", testNow);
    CHECK(outbox.totalCount() == 40);
    for (int i = 0; i < 5; ++i)
        CHECK_FALSE(outbox.find(hub, "old-" + std::to_string(i))); // delivered went first
    CHECK(outbox.droppedPending() == 0);

    // More bookings: the oldest bookings make room, every day's rollup stays.
    for (int i = 10; i < 15; ++i)
        outbox.enqueue(OutboxKind::booking, webhook, "booking-" + std::to_string(i), "{}", testNow);
    CHECK(outbox.totalCount() == 40);
    for (int i = 0; i < 30; ++i)
        CHECK(outbox.find(hub, day(i)));
    for (int i = 0; i < 5; ++i)
        CHECK_FALSE(outbox.find(webhook, "booking-" + std::to_string(i)));
    CHECK(outbox.find(webhook, "booking-14"));
    CHECK(outbox.droppedPending() == 5);

    // Only rollups left to drop: the oldest go, never the newest ten.
    for (int i = 30; i < 60; ++i)
        outbox.enqueue(OutboxKind::usage, hub, day(i), "{}", testNow + std::chrono::minutes(i));
    CHECK(outbox.totalCount() == 40);
    CHECK_FALSE(outbox.find(webhook, "booking-14"));
    for (int i = 50; i < 60; ++i)
        CHECK(outbox.find(hub, day(i)));
    CHECK_FALSE(outbox.find(hub, day(0)));
}

TEST_CASE("outbox: messages survive closing and reopening the database") {
    test::TempDir dir{"kiosk-test-outbox"};
    const auto file = dir.path / "kiosk.db";
    {
        auto opened = kiosk::db::openKioskDatabase(file, testNow);
        Outbox outbox(opened.db, seeded());
        const auto id = outbox.enqueue(OutboxKind::booking, webhook, "booking-7", R"({"made":1})", testNow);
        outbox.markFailed(id, "timeout", testNow);
    }
    auto opened = kiosk::db::openKioskDatabase(file, testNow);
    Outbox outbox(opened.db, seeded());
    CHECK(outbox.pendingCount() == 1);
    const auto message = outbox.find(webhook, "booking-7");
    REQUIRE(message);
    CHECK(message->attempts == 1);
    CHECK(message->body == R"({"made":1})");
}

TEST_CASE("outbox: an enqueue inside a caller's transaction commits or rolls back with it") {
    Fixture f;
    Outbox outbox(f.db, seeded());
    {
        kiosk::db::Transaction transaction(f.db);
        outbox.enqueue(OutboxKind::booking, webhook, "rolled-back", "{}", testNow);
    }
    CHECK(outbox.totalCount() == 0);
    {
        kiosk::db::Transaction transaction(f.db);
        outbox.enqueue(OutboxKind::booking, webhook, "kept", "{}", testNow);
        transaction.commit();
    }
    CHECK(outbox.totalCount() == 1);
}

TEST_CASE("outbox: a long error is kept short and whole") {
    Fixture f;
    Outbox outbox(f.db, seeded());
    const auto id = outbox.enqueue(OutboxKind::usage, hub, "k", "{}", testNow);
    std::string error;
    for (int i = 0; i < 400; ++i)
        error += "lỗi"; // a 3-byte "ỗ": a cut by bytes would split one
    outbox.markFailed(id, error, testNow);
    const auto message = outbox.find(hub, "k");
    REQUIRE(message);
    CHECK(message->lastError.size() <= 500);
    CHECK(message->lastError.size() >= 490);
    CHECK(error.starts_with(message->lastError));
    CHECK((static_cast<unsigned char>(error[message->lastError.size()]) & 0xC0) != 0x80);
}
