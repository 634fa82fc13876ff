// Booking rules against a fixed "now": Wednesday 2026-11-25, 09:10 in Ha Noi (02:10 UTC).
#include "app/strings.hpp"
#include "bookings/bookings.hpp"
#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <latch>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using kiosk::BookingErrorCode;
using kiosk::BookingRequest;
using kiosk::BookingRules;
using kiosk::BookingService;
using kiosk::BookingStatus;
using kiosk::LocalDate;
using kiosk::LocalDateTime;
using kiosk::db::Database;
using kiosk::db::Statement;

namespace {

using namespace std::chrono_literals;

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("kiosk-test-bookings") {}
};

LocalDate nov(unsigned d) {
    return std::chrono::year{2026} / std::chrono::November / std::chrono::day{d};
}
LocalDate dec(unsigned d) {
    return std::chrono::year{2026} / std::chrono::December / std::chrono::day{d};
}
constexpr int at(int hour, int minute) {
    return hour * 60 + minute;
}

// 09:10 local on Wednesday 2026-11-25.
const auto testNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + 2h + 10min;

void migrateAll(Database& db) {
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
}

Database migratedInMemory() {
    Database db = Database::openInMemory();
    migrateAll(db);
    return db;
}

// Monday to Friday 08:00-11:00 and 14:00-16:00 in 30-minute slots; Saturday 08:00-10:00 in hours; Sunday
// closed.
BookingRules testRules() {
    BookingRules rules;
    for (unsigned d = 1; d <= 5; ++d)
        rules.week[d] = {{{at(8, 0), at(11, 0)}, {at(14, 0), at(16, 0)}}, 30};
    rules.week[6] = {{{at(8, 0), at(10, 0)}}, 60};
    return rules;
}

BookingRequest request(LocalDateTime slot, std::string phone = "0912 345 678") {
    BookingRequest r;
    r.slot = slot;
    r.topic = "VNeID";
    r.guideId = "vneid-login";
    r.guideStep = 3;
    r.phone = std::move(phone);
    r.name = "Bà Hoa";
    return r;
}

std::vector<int> startMinutes(const std::vector<kiosk::Slot>& slots) {
    std::vector<int> result;
    for (const auto& s : slots)
        result.push_back(s.start.minuteOfDay);
    return result;
}

std::int64_t scalar(Database& db, const char* sql) {
    Statement query = db.prepare(sql);
    REQUIRE(query.step());
    return query.columnInt64(0);
}

} // namespace

TEST_CASE("bookings: local time is UTC+7 and the test day is a Wednesday") {
    const LocalDateTime local = kiosk::toLocal(testNow);
    CHECK(local.date == nov(25));
    CHECK(local.minuteOfDay == at(9, 10));
    CHECK(std::chrono::weekday{std::chrono::sys_days{nov(25)}} == std::chrono::Wednesday);
    CHECK(kiosk::toSystem(local) == testNow);
    // 20:00 UTC is already the next day in Ha Noi.
    const LocalDateTime late = kiosk::toLocal(std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + 20h);
    CHECK(late.date == nov(26));
    CHECK(late.minuteOfDay == at(3, 0));
}

TEST_CASE("bookings: phone numbers are Vietnamese mobiles (10 digits) or landlines (11 digits, 02)") {
    CHECK(kiosk::normalizePhone("0912345678") == "0912345678");
    CHECK(kiosk::normalizePhone("0912 345 678") == "0912345678");
    CHECK(kiosk::normalizePhone("0912.345.678") == "0912345678");
    for (const char* ok :
         {"0312345678", "0512345678", "0712345678", "0812345678", "0912345678", "02438251234"}) {
        CHECK_MESSAGE(kiosk::normalizePhone(ok).has_value(), ok);
    }
    for (const char* bad : {"", "0112345678", "0212345678", "0412345678", "0612345678", "091234567",
                            "09123456789", "02438251234 5", "0243825123", "03438251234", "9123456789",
                            "+84912345678", "0912-345-678", "09123456a8"}) {
        CHECK_FALSE_MESSAGE(kiosk::normalizePhone(bad).has_value(), bad);
    }
}

TEST_CASE("bookings: booking codes are 6 characters without look-alikes") {
    for (char c : std::string_view("0O1IL5S2Z8B")) {
        CHECK(kiosk::bookingCodeAlphabet.find(c) == std::string_view::npos);
    }
    std::set<char> seen;
    std::set<std::string> codes;
    for (int i = 0; i < 500; ++i) {
        const std::string code = kiosk::generateBookingCode();
        REQUIRE(code.size() == 6);
        for (char c : code) {
            CHECK(kiosk::bookingCodeAlphabet.find(c) != std::string_view::npos);
            seen.insert(c);
        }
        codes.insert(code);
    }
    CHECK(seen.size() == kiosk::bookingCodeAlphabet.size()); // every character turns up: it is random
    CHECK(codes.size() >= 499);
}

TEST_CASE("bookings: weekly windows are cut into slots of the day's length") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    CHECK(startMinutes(service.availableSlots(nov(26), testNow)) == // Thursday
          std::vector<int>{at(8, 0), at(8, 30), at(9, 0), at(9, 30), at(10, 0), at(10, 30), at(14, 0),
                           at(14, 30), at(15, 0), at(15, 30)});
    const auto saturday = service.availableSlots(nov(28), testNow);
    CHECK(startMinutes(saturday) == std::vector<int>{at(8, 0), at(9, 0)});
    CHECK(saturday.front().minutes == 60);
    CHECK(saturday.front().remaining == 1);
    CHECK(service.availableSlots(nov(29), testNow).empty()); // Sunday: no windows
}

TEST_CASE("bookings: no slot in the past is offered or booked") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    // 09:00 started ten minutes ago.
    CHECK(startMinutes(service.availableSlots(nov(25), testNow)) ==
          std::vector<int>{at(9, 30), at(10, 0), at(10, 30), at(14, 0), at(14, 30), at(15, 0), at(15, 30)});
    CHECK(service.availableSlots(nov(24), testNow).empty());

    const auto past = service.book(request({nov(25), at(9, 0)}), testNow);
    REQUIRE_FALSE(past.has_value());
    CHECK(past.error().code == BookingErrorCode::slotInPast);
    const auto yesterday = service.book(request({nov(24), at(10, 0)}), testNow);
    REQUIRE_FALSE(yesterday.has_value());
    CHECK(yesterday.error().code == BookingErrorCode::slotInPast);
    CHECK(service.book(request({nov(25), at(9, 30)}), testNow).has_value());
}

TEST_CASE("bookings: only today and the next 13 days can be booked") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    CHECK_FALSE(service.availableSlots(dec(8), testNow).empty()); // Tuesday, day 13
    CHECK(service.availableSlots(dec(9), testNow).empty());       // Wednesday, day 14
    const auto far = service.book(request({dec(9), at(9, 0)}), testNow);
    REQUIRE_FALSE(far.has_value());
    CHECK(far.error().code == BookingErrorCode::slotNotOffered);
    CHECK(service.book(request({dec(8), at(9, 0)}), testNow).has_value());
}

TEST_CASE("bookings: a slot off the weekly grid is not offered") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    for (const LocalDateTime slot : {LocalDateTime{nov(26), at(9, 15)}, LocalDateTime{nov(26), at(12, 0)},
                                     LocalDateTime{nov(26), at(16, 0)}, LocalDateTime{nov(29), at(9, 0)},
                                     LocalDateTime{nov(28), at(8, 30)}}) {
        const auto result = service.book(request(slot), testNow);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().code == BookingErrorCode::slotNotOffered);
        CHECK_FALSE(kiosk::text::bookingRefusal(result.error()).empty());
    }
    CHECK(scalar(db, "SELECT count(*) FROM booking") == 0);
}

TEST_CASE("bookings: closed days offer no slots and refuse bookings") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    service.addClosure(nov(26), nov(27), "Họp thôn", 7, testNow);
    CHECK(service.closureOn(nov(26)) == "Họp thôn");
    CHECK(service.closureOn(nov(27)) == "Họp thôn");
    CHECK_FALSE(service.closureOn(nov(25)));
    CHECK_FALSE(service.closureOn(nov(30)));
    CHECK(service.availableSlots(nov(26), testNow).empty());
    CHECK(service.availableSlots(nov(27), testNow).empty());
    CHECK_FALSE(service.availableSlots(nov(30), testNow).empty());

    const auto closed = service.book(request({nov(27), at(9, 0)}), testNow);
    REQUIRE_FALSE(closed.has_value());
    CHECK(closed.error().code == BookingErrorCode::closedDay);
    CHECK(closed.error().closedReason == "Họp thôn");
    CHECK(kiosk::text::bookingRefusal(closed.error()).find("Họp thôn") != std::string::npos);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'booking.closure' AND staff_id = 7") ==
          1);
}

TEST_CASE("bookings: a booking is stored with its code, details and an audit line without the phone") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    const auto booked = service.book(request({nov(26), at(9, 0)}, "0912.345.678"), testNow);
    REQUIRE(booked.has_value());
    CHECK(booked->code.size() == 6);
    CHECK(booked->status == BookingStatus::booked);
    CHECK(booked->phone == "0912345678");
    CHECK(booked->changedAt == "2026-11-25T02:10:00Z");
    CHECK_FALSE(booked->changedBy);

    const auto found = service.find(booked->code);
    REQUIRE(found);
    CHECK(found->slot == LocalDateTime{nov(26), at(9, 0)});
    CHECK(found->topic == "VNeID");
    CHECK(found->guideId == "vneid-login");
    CHECK(found->guideStep == 3);
    CHECK(found->name == "Bà Hoa");
    CHECK(found->phone == "0912345678");
    CHECK(service.find(std::string(" ") + booked->code)); // spaces around a typed code are ignored

    Statement audit = db.prepare("SELECT staff_id IS NULL, action, detail FROM audit_log");
    REQUIRE(audit.step());
    CHECK(audit.columnInt(0) == 1);
    CHECK(audit.columnText(1) == "booking.booked");
    CHECK(audit.columnText(2).find(booked->code) != std::string::npos);
    CHECK(audit.columnText(2).find("2026-11-26 09:00") != std::string::npos);
    CHECK(audit.columnText(2).find("0912") == std::string::npos);

    // Without the optional fields.
    BookingRequest bare = request({nov(26), at(9, 30)}, "02438251234");
    bare.guideId.reset();
    bare.guideStep.reset();
    bare.name.reset();
    const auto plain = service.book(bare, testNow);
    REQUIRE(plain.has_value());
    const auto plainFound = service.find(plain->code);
    REQUIRE(plainFound);
    CHECK_FALSE(plainFound->guideId);
    CHECK_FALSE(plainFound->guideStep);
    CHECK_FALSE(plainFound->name);
}

TEST_CASE("bookings: an invalid phone number or a missing topic is refused") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    const auto badPhone = service.book(request({nov(26), at(9, 0)}, "0123 456"), testNow);
    REQUIRE_FALSE(badPhone.has_value());
    CHECK(badPhone.error().code == BookingErrorCode::invalidPhone);
    BookingRequest noTopic = request({nov(26), at(9, 0)});
    noTopic.topic = " ";
    const auto missing = service.book(noTopic, testNow);
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == BookingErrorCode::invalidRequest);
    CHECK(scalar(db, "SELECT count(*) FROM booking") == 0);
}

TEST_CASE("bookings: a slot takes as many bookings as there are helpers") {
    Database db = migratedInMemory();
    BookingRules rules = testRules();
    rules.capacity = 2;
    BookingService service(db, rules);
    const LocalDateTime slot{nov(26), at(10, 0)};
    auto remainingAt = [&] {
        for (const auto& s : service.availableSlots(nov(26), testNow)) {
            if (s.start == slot) return s.remaining;
        }
        return 0;
    };
    CHECK(remainingAt() == 2);
    REQUIRE(service.book(request(slot, "0912345678"), testNow).has_value());
    CHECK(remainingAt() == 1);
    REQUIRE(service.book(request(slot, "0987654321"), testNow).has_value());
    CHECK(remainingAt() == 0); // no longer offered
    const auto full = service.book(request(slot, "0355555555"), testNow);
    REQUIRE_FALSE(full.has_value());
    CHECK(full.error().code == BookingErrorCode::slotFull);
    CHECK(scalar(db, "SELECT count(*) FROM booking") == 2);
}

TEST_CASE("bookings: one phone number holds at most N active bookings") {
    Database db = migratedInMemory();
    BookingService service(db, testRules()); // default: 2
    REQUIRE(service.book(request({nov(26), at(8, 0)}, "0912345678"), testNow).has_value());
    const auto second = service.book(request({nov(26), at(8, 30)}, "0912 345 678"), testNow);
    REQUIRE(second.has_value());
    const auto third = service.book(request({nov(26), at(9, 0)}, "0912.345.678"), testNow); // same number
    REQUIRE_FALSE(third.has_value());
    CHECK(third.error().code == BookingErrorCode::tooManyActive);
    CHECK(service.book(request({nov(26), at(9, 0)}, "0987654321"), testNow).has_value()); // another number

    // A cancelled booking no longer counts.
    REQUIRE(service.cancelByResident(second->code, "0912345678", testNow).has_value());
    CHECK(service.book(request({nov(26), at(9, 30)}, "0912345678"), testNow).has_value());

    // The limit is configurable.
    Database other = migratedInMemory();
    BookingRules rules = testRules();
    rules.maxActivePerPhone = 1;
    BookingService strict(other, rules);
    REQUIRE(strict.book(request({nov(26), at(8, 0)}), testNow).has_value());
    const auto refused = strict.book(request({nov(26), at(8, 30)}), testNow);
    REQUIRE_FALSE(refused.has_value());
    CHECK(refused.error().code == BookingErrorCode::tooManyActive);
}

TEST_CASE("bookings: lifecycle booked → arrived → done, no_show, cancelled, nothing else") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    const auto later = testNow + 1h;
    const auto a = service.book(request({nov(26), at(8, 0)}, "0912345678"), testNow);
    const auto b = service.book(request({nov(26), at(8, 30)}, "0912345678"), testNow);
    const auto c = service.book(request({nov(26), at(9, 0)}, "0987654321"), testNow);
    const auto d = service.book(request({nov(26), at(9, 30)}, "0987654321"), testNow);
    REQUIRE((a && b && c && d));

    // a: booked → done is not allowed; booked → arrived → done is.
    auto skip = service.changeStatus(a->code, BookingStatus::done, 7, later);
    REQUIRE_FALSE(skip.has_value());
    CHECK(skip.error().code == BookingErrorCode::invalidTransition);
    const auto arrived = service.changeStatus(a->code, BookingStatus::arrived, 7, later);
    REQUIRE(arrived.has_value());
    CHECK(arrived->status == BookingStatus::arrived);
    CHECK(arrived->changedBy == 7);
    CHECK(arrived->changedAt == "2026-11-25T03:10:00Z");
    CHECK_FALSE(
        service.changeStatus(a->code, BookingStatus::noShow, 7, later).has_value()); // arrived → no_show
    CHECK_FALSE(service.changeStatus(a->code, BookingStatus::booked, 7, later).has_value());
    REQUIRE(service.changeStatus(a->code, BookingStatus::done, 8, later).has_value());
    for (BookingStatus to : {BookingStatus::booked, BookingStatus::arrived, BookingStatus::noShow,
                             BookingStatus::cancelled, BookingStatus::done}) {
        const auto after = service.changeStatus(a->code, to, 7, later);
        REQUIRE_FALSE(after.has_value());
        CHECK(after.error().code == BookingErrorCode::invalidTransition);
    }
    const auto stored = service.find(a->code);
    REQUIRE(stored);
    CHECK(stored->status == BookingStatus::done);
    CHECK(stored->changedBy == 8);

    // b: booked → no_show, then final.
    REQUIRE(service.changeStatus(b->code, BookingStatus::noShow, 7, later).has_value());
    CHECK_FALSE(service.changeStatus(b->code, BookingStatus::arrived, 7, later).has_value());
    CHECK_FALSE(service.changeStatus(b->code, BookingStatus::cancelled, 7, later).has_value());

    // c: booked → cancelled by staff; d: booked → arrived → cancelled.
    REQUIRE(service.changeStatus(c->code, BookingStatus::cancelled, 7, later).has_value());
    CHECK_FALSE(service.changeStatus(c->code, BookingStatus::arrived, 7, later).has_value());
    REQUIRE(service.changeStatus(d->code, BookingStatus::arrived, 7, later).has_value());
    REQUIRE(service.changeStatus(d->code, BookingStatus::cancelled, 7, later).has_value());

    const auto unknown = service.changeStatus("XXXXXX", BookingStatus::arrived, 7, later);
    REQUIRE_FALSE(unknown.has_value());
    CHECK(unknown.error().code == BookingErrorCode::notFound);

    // Every successful change is in the audit log with who made it; refused ones are not.
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'booking.arrived' AND staff_id = 7") ==
          2);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'booking.done' AND staff_id = 8") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'booking.no_show'") == 1);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'booking.cancelled'") == 2);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE at = '2026-11-25T03:10:00Z'") == 6);
    CHECK(scalar(db, "SELECT count(*) FROM booking WHERE changed_at = '2026-11-25T03:10:00Z' "
                     "AND changed_by IS NOT NULL") == 4);
}

TEST_CASE("bookings: a resident cancels with code and phone number, which frees the place") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    const LocalDateTime slot{nov(26), at(10, 0)};
    const auto booked = service.book(request(slot, "0912345678"), testNow);
    REQUIRE(booked.has_value());
    CHECK(service.book(request(slot, "0987654321"), testNow).error().code == BookingErrorCode::slotFull);

    for (const auto& [code, phone] : std::vector<std::pair<std::string, std::string>>{
             {booked->code, "0987654321"}, {booked->code, "not a phone"}, {"XXXXXX", "0912345678"}}) {
        const auto wrong = service.cancelByResident(code, phone, testNow);
        REQUIRE_FALSE(wrong.has_value());
        CHECK(wrong.error().code == BookingErrorCode::notFound);
    }
    CHECK(service.find(booked->code)->status == BookingStatus::booked);

    std::string lower = booked->code;
    std::ranges::transform(lower, lower.begin(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    });
    const auto cancelled = service.cancelByResident(lower, "0912 345 678", testNow);
    REQUIRE(cancelled.has_value());
    CHECK(cancelled->status == BookingStatus::cancelled);
    CHECK_FALSE(cancelled->changedBy); // the resident
    CHECK(scalar(db, "SELECT changed_by IS NULL FROM booking WHERE status = 'cancelled'") == 1);
    CHECK(scalar(db,
                 "SELECT count(*) FROM audit_log WHERE action = 'booking.cancelled' AND staff_id IS NULL") ==
          1);

    const auto slots = service.availableSlots(nov(26), testNow);
    CHECK(std::ranges::find(slots, slot, &kiosk::Slot::start) != slots.end());
    CHECK(service.book(request(slot, "0987654321"), testNow).has_value());
    // Cancelling twice is refused.
    CHECK(service.cancelByResident(booked->code, "0912345678", testNow).error().code ==
          BookingErrorCode::invalidTransition);
}

TEST_CASE("bookings: nonsensical rules are refused") {
    Database db = migratedInMemory();
    BookingRules backwards = testRules();
    backwards.week[1].windows.push_back({at(12, 0), at(11, 0)});
    CHECK_THROWS_AS(BookingService(db, backwards), std::invalid_argument);
    BookingRules noHelpers = testRules();
    noHelpers.capacity = 0;
    CHECK_THROWS_AS(BookingService(db, noHelpers), std::invalid_argument);
    BookingRules zeroSlot = testRules();
    zeroSlot.week[2].slotMinutes = 0;
    CHECK_THROWS_AS(BookingService(db, zeroSlot), std::invalid_argument);
}

TEST_CASE("bookings: two connections racing for the last place: exactly one gets it") {
    TempDir dir;
    const auto file = dir.path / "kiosk.db";
    Database first = Database::open(file);
    migrateAll(first);
    Database second = Database::open(file);

    BookingService serviceA(first, testRules());
    BookingService serviceB(second, testRules());
    const LocalDateTime slot{nov(26), at(10, 0)};

    // A stops between its capacity check and its insert; B tries meanwhile. Without one write
    // transaction around both, B would see the place free too and both would get it.
    std::latch aChecked{1};
    std::atomic<bool> released{false};
    auto release = [&] {
        if (!released.exchange(true)) aChecked.count_down();
    };
    serviceA.setHookBetweenCheckAndInsert([&] {
        release();
        std::this_thread::sleep_for(200ms);
    });
    std::optional<std::expected<kiosk::Booking, kiosk::BookingError>> resultA;
    std::optional<std::expected<kiosk::Booking, kiosk::BookingError>> resultB;
    std::string failureA;
    std::string failureB;
    std::thread threadA([&] {
        try {
            resultA = serviceA.book(request(slot, "0912345678"), testNow);
        } catch (const std::exception& e) {
            failureA = e.what();
            release();
        }
    });
    std::thread threadB([&] {
        aChecked.wait();
        try {
            resultB = serviceB.book(request(slot, "0987654321"), testNow);
        } catch (const std::exception& e) {
            failureB = e.what();
        }
    });
    threadA.join();
    threadB.join();

    CHECK(failureA.empty());
    CHECK(failureB.empty());
    REQUIRE(resultA);
    REQUIRE(resultB);
    CHECK(resultA->has_value() != resultB->has_value());
    const auto& loser = resultA->has_value() ? *resultB : *resultA;
    REQUIRE_FALSE(loser.has_value());
    CHECK(loser.error().code == BookingErrorCode::slotFull);
    CHECK(scalar(first, "SELECT count(*) FROM booking") == 1);
}

TEST_CASE("bookings: an appointment already begun does not count against the phone's limit") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());        // at most 2
    const auto morningBookedEarlier = testNow - 1h; // 08:10
    REQUIRE(service.book(request({nov(25), at(8, 30)}, "0912345678"), morningBookedEarlier).has_value());
    REQUIRE(service.book(request({nov(25), at(9, 0)}, "0912345678"), morningBookedEarlier).has_value());
    // At 09:10 both have begun and nobody marked them: the resident can still book the afternoon.
    CHECK(service.book(request({nov(25), at(14, 0)}, "0912345678"), testNow).has_value());
    const auto fourth = service.book(request({nov(26), at(14, 0)}, "0912345678"), testNow);
    REQUIRE(fourth.has_value());
    CHECK(service.book(request({nov(27), at(14, 0)}, "0912345678"), testNow).error().code ==
          BookingErrorCode::tooManyActive);
}

TEST_CASE("bookings: a resident cannot cancel an appointment whose time has come, or one already served") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    const auto booked = service.book(request({nov(25), at(9, 30)}, "0912345678"), testNow);
    REQUIRE(booked.has_value());
    const auto late = service.cancelByResident(booked->code, "0912345678", testNow + 20min); // 09:30
    REQUIRE_FALSE(late.has_value());
    CHECK(late.error().code == BookingErrorCode::slotInPast);

    const auto arrived = service.book(request({nov(26), at(9, 30)}, "0912345678"), testNow);
    REQUIRE(arrived.has_value());
    REQUIRE(service.changeStatus(arrived->code, BookingStatus::arrived, 1, testNow).has_value());
    CHECK(service.cancelByResident(arrived->code, "0912345678", testNow).error().code ==
          BookingErrorCode::invalidTransition);
    CHECK(service.find(booked->code)->status == BookingStatus::booked);
}

TEST_CASE("bookings: checking a resident's cancel changes nothing and refuses as the cancel would") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    const LocalDateTime slot{nov(26), at(10, 0)};
    const auto booked = service.book(request(slot, "0912345678"), testNow);
    REQUIRE(booked.has_value());
    const auto audits = scalar(db, "SELECT count(*) FROM audit_log");

    const auto found = service.checkResidentCancel(booked->code, "0912 345 678", testNow);
    REQUIRE(found.has_value());
    CHECK(found->code == booked->code);
    CHECK(found->slot == slot);
    CHECK(service.find(booked->code)->status == BookingStatus::booked);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log") == audits); // nothing written

    CHECK(service.checkResidentCancel(booked->code, "0987654321", testNow).error().code ==
          BookingErrorCode::notFound);
    CHECK(service.checkResidentCancel("XXXXXX", "0912345678", testNow).error().code ==
          BookingErrorCode::notFound);
    CHECK(service.checkResidentCancel(booked->code, "0912345678", kiosk::toSystem(slot)).error().code ==
          BookingErrorCode::slotInPast);
    REQUIRE(service.changeStatus(booked->code, BookingStatus::arrived, 1, testNow));
    CHECK(service.checkResidentCancel(booked->code, "0912345678", testNow).error().code ==
          BookingErrorCode::invalidTransition);
}

TEST_CASE("bookings: a number's bookings still ahead are counted as the limit counts them") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    CHECK(service.activeBookingsOfPhone("0912345678", testNow) == 0);
    REQUIRE(service.book(request({nov(26), at(8, 0)}, "0912345678"), testNow));
    const auto second = service.book(request({nov(26), at(8, 30)}, "0912345678"), testNow);
    REQUIRE(second);
    REQUIRE(service.book(request({nov(26), at(9, 0)}, "0987654321"), testNow));
    CHECK(service.activeBookingsOfPhone("0912 345 678", testNow) == 2);
    CHECK(service.activeBookingsOfPhone("0987654321", testNow) == 1);
    CHECK(service.activeBookingsOfPhone("12", testNow) == 0); // not a number
    REQUIRE(service.changeStatus(second->code, BookingStatus::cancelled, 1, testNow));
    CHECK(service.activeBookingsOfPhone("0912345678", testNow) == 1);
    // Tomorrow after 08:00 the first appointment has begun: it no longer counts.
    CHECK(service.activeBookingsOfPhone("0912345678", kiosk::toSystem({nov(26), at(8, 5)})) == 0);
}

TEST_CASE("bookings: a team member takes back an arrived or no-show mark, nothing else") {
    Database db = migratedInMemory();
    BookingService service(db, testRules());
    const auto booked = service.book(request({nov(25), at(10, 0)}), testNow);
    REQUIRE(booked);
    REQUIRE(service.changeStatus(booked->code, BookingStatus::arrived, 1, testNow));
    const auto undone = service.undoMark(booked->code, BookingStatus::arrived, 1, testNow);
    REQUIRE(undone);
    CHECK(undone->status == BookingStatus::booked);
    CHECK(service.find(booked->code)->status == BookingStatus::booked);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'booking.undo' AND staff_id = 1") == 1);

    REQUIRE(service.changeStatus(booked->code, BookingStatus::noShow, 1, testNow));
    // The mark named must be the one the booking has: a stale "undo" changes nothing.
    CHECK(service.undoMark(booked->code, BookingStatus::arrived, 1, testNow).error().code ==
          BookingErrorCode::invalidTransition);
    REQUIRE(service.undoMark(booked->code, BookingStatus::noShow, 1, testNow));
    CHECK(service.find(booked->code)->status == BookingStatus::booked);

    REQUIRE(service.changeStatus(booked->code, BookingStatus::cancelled, 1, testNow));
    CHECK(service.undoMark(booked->code, BookingStatus::cancelled, 1, testNow).error().code ==
          BookingErrorCode::invalidTransition); // a cancel is never taken back: its place may be gone
    CHECK(service.undoMark("XXXXXX", BookingStatus::arrived, 1, testNow).error().code ==
          BookingErrorCode::notFound);
}
