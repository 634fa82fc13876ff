// Erasure of residents' personal data from bookings, against a fixed clock in Ha Noi (UTC+7).
#include "app/strings.hpp"
#include "bookings/booking_retention.hpp"
#include "bookings/bookings.hpp"
#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <chrono>
#include <optional>
#include <string>

using kiosk::BookingRequest;
using kiosk::BookingRules;
using kiosk::BookingService;
using kiosk::BookingStatus;
using kiosk::LocalDate;
using kiosk::LocalDateTime;
using kiosk::db::Statement;

namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;

LocalDate day(unsigned month, unsigned d) {
    return std::chrono::year{2026} / std::chrono::month{month} / std::chrono::day{d};
}

// 00:30 on 2026-11-25 in Ha Noi is still 2026-11-24 in UTC: the retention must count local days.
const auto justAfterMidnight = sys_days{day(11, 24)} + 17h + 30min;

BookingRules everyDay() {
    BookingRules rules;
    for (auto& d : rules.week)
        d = {{{8 * 60, 17 * 60}}, 30};
    rules.capacity = 5;
    rules.maxActivePerPhone = 5;
    return rules;
}

struct Fixture {
    test::TempDir dir{"kiosk-test-retention"};
    kiosk::db::OpenedDatabase opened = kiosk::db::openKioskDatabase(dir.path / "kiosk.db", justAfterMidnight);
    kiosk::db::Database& db = opened.db;
    BookingService service{db, everyDay()};

    // Booked the day before the appointment, so any day (past or future) can be made through book().
    std::string book(LocalDate date, std::string phone, std::string name) {
        BookingRequest r;
        r.slot = {date, 9 * 60};
        r.topic = "VNeID";
        r.guideId = "vneid-login";
        r.guideStep = 4;
        r.phone = std::move(phone);
        r.name = std::move(name);
        const auto bookedAt = sys_days{date} - 24h;
        auto booked = service.book(r, bookedAt);
        REQUIRE_MESSAGE(booked.has_value(), (booked ? "" : kiosk::text::bookingRefusal(booked.error())));
        return booked->code;
    }

    struct Row {
        std::string phone;
        std::optional<std::string> name;
        std::string note;
        std::optional<std::string> erasedAt;
        std::string slotDay;
        int slotMinute = 0;
        std::string topic;
        std::string guideId;
        int guideStep = 0;
        std::string status;
    };
    Row row(const std::string& code) {
        Statement q = db.prepare("SELECT phone, name, note, personal_erased_at, slot_day, slot_minute, "
                                 "topic, guide_id, guide_step, status "
                                 "FROM booking WHERE code = ?1");
        q.bind(1, code);
        REQUIRE(q.step());
        Row r;
        r.phone = q.columnText(0);
        if (!q.columnIsNull(1)) r.name = q.columnText(1);
        r.note = q.columnText(2);
        if (!q.columnIsNull(3)) r.erasedAt = q.columnText(3);
        r.slotDay = q.columnText(4);
        r.slotMinute = q.columnInt(5);
        r.topic = q.columnText(6);
        r.guideId = q.columnText(7);
        r.guideStep = q.columnInt(8);
        r.status = q.columnText(9);
        return r;
    }

    int auditLines(const char* action) {
        Statement q = db.prepare("SELECT count(*) FROM audit_log WHERE action = ?1");
        q.bind(1, std::string_view(action));
        REQUIRE(q.step());
        return q.columnInt(0);
    }
    std::string lastAuditDetail() {
        Statement q = db.prepare("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1");
        REQUIRE(q.step());
        return q.columnText(0);
    }
    std::optional<std::int64_t> lastAuditStaff() {
        Statement q = db.prepare("SELECT staff_id FROM audit_log ORDER BY id DESC LIMIT 1");
        REQUIRE(q.step());
        if (q.columnIsNull(0)) return std::nullopt;
        return q.columnInt64(0);
    }
};

} // namespace

TEST_CASE(
    "retention: with 30 days, the appointment day 31 local days ago is erased and 30 days ago is kept") {
    Fixture f;
    const std::string erased = f.book(day(10, 25), "0912345678", "Bà Hoa"); // 31 days before 25 Nov
    const std::string kept = f.book(day(10, 26), "0387654321", "Ông Tư");   // 30 days before
    const std::string recent = f.book(day(11, 24), "0977000111", "Cô Lan"); // yesterday
    REQUIRE(
        f.service.changeStatus(erased, BookingStatus::arrived, 3, sys_days{day(10, 25)} + 2h).has_value());
    REQUIRE(f.service.changeStatus(erased, BookingStatus::done, 3, sys_days{day(10, 25)} + 3h).has_value());
    f.db.execute("UPDATE booking SET note = 'bà nhờ gọi lại số khác'");

    CHECK(kiosk::erasePersonalDataDue(f.db, 30, justAfterMidnight) == 1);

    const auto gone = f.row(erased);
    CHECK(gone.phone == "");
    CHECK_FALSE(gone.name.has_value());
    CHECK(gone.note == "");
    CHECK(gone.erasedAt == "2026-11-24T17:30:00Z");
    // The anonymous record stays whole.
    CHECK(gone.slotDay == "2026-10-25");
    CHECK(gone.slotMinute == 9 * 60);
    CHECK(gone.topic == "VNeID");
    CHECK(gone.guideId == "vneid-login");
    CHECK(gone.guideStep == 4);
    CHECK(gone.status == "done");

    for (const std::string& code : {kept, recent}) {
        const auto r = f.row(code);
        CHECK(r.phone != "");
        CHECK(r.name.has_value());
        CHECK(r.note != "");
        CHECK_FALSE(r.erasedAt.has_value());
    }

    // The next day the 26 October booking is due as well.
    CHECK(kiosk::erasePersonalDataDue(f.db, 30, justAfterMidnight + 24h) == 1);
    CHECK(f.row(kept).phone == "");
    CHECK(f.row(recent).phone == "0977000111");
}

TEST_CASE("retention: the last moment of a local day still keeps the boundary booking") {
    Fixture f;
    const std::string kept = f.book(day(10, 26), "0387654321", "Ông Tư");
    // 23:59 on 2026-11-25 in Ha Noi (16:59 UTC): 26 October is still exactly 30 days back.
    CHECK(kiosk::erasePersonalDataDue(f.db, 30, sys_days{day(11, 25)} + 16h + 59min) == 0);
    CHECK(f.row(kept).phone == "0387654321");
    // One minute later it is 26 November in Ha Noi.
    CHECK(kiosk::erasePersonalDataDue(f.db, 30, sys_days{day(11, 25)} + 17h) == 1);
    CHECK(f.row(kept).phone == "");
}

TEST_CASE(
    "retention: the audit line has the count and never a phone number or name, nothing to do, no line") {
    Fixture f;
    f.book(day(9, 1), "0912345678", "Bà Hoa");
    f.book(day(9, 2), "0387654321", "Ông Tư");
    f.book(day(11, 24), "0977000111", "Cô Lan");

    CHECK(kiosk::erasePersonalDataDue(f.db, 30, justAfterMidnight) == 2);
    CHECK(f.auditLines("booking.personal_erased") == 1);
    const std::string detail = f.lastAuditDetail();
    CHECK(detail.find("count=2") != std::string::npos);
    CHECK(detail.find("before=2026-10-26") != std::string::npos);
    for (const char* personal : {"0912", "0387", "Hoa", "Tư"})
        CHECK(detail.find(personal) == std::string::npos);
    CHECK_FALSE(f.lastAuditStaff().has_value());

    // Already erased rows are not erased (or counted) again.
    CHECK(kiosk::erasePersonalDataDue(f.db, 30, justAfterMidnight) == 0);
    CHECK(f.auditLines("booking.personal_erased") == 1);
}

TEST_CASE("retention: no personal data is left anywhere in the database file's tables after erasure") {
    Fixture f;
    f.book(day(9, 1), "0912345678", "Bà Hoa");
    REQUIRE(kiosk::erasePersonalDataDue(f.db, 30, justAfterMidnight) == 1);
    // booking.booked and booking.personal_erased audit lines, and the booking row itself.
    Statement q = f.db.prepare(
        "SELECT count(*) FROM (SELECT detail AS t FROM audit_log UNION ALL SELECT phone FROM booking "
        "UNION ALL SELECT coalesce(name, '') FROM booking) WHERE t LIKE '%0912%' OR t LIKE '%Hoa%'");
    REQUIRE(q.step());
    CHECK(q.columnInt(0) == 0);
}

TEST_CASE("retention: a retention of less than a day is refused") {
    Fixture f;
    CHECK_THROWS_AS((void)kiosk::erasePersonalDataDue(f.db, 0, justAfterMidnight), std::invalid_argument);
}

TEST_CASE("retention: on request, staff erase one booking's personal data, even a future one") {
    Fixture f;
    const std::string future = f.book(day(11, 28), "0912345678", "Bà Hoa");
    const std::string other = f.book(day(11, 28), "0387654321", "Ông Tư");
    const auto now = justAfterMidnight;

    // Typed in lower case with a space, as staff might.
    std::string typed = future.substr(0, 3) + " " + future.substr(3);
    for (char& c : typed)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    REQUIRE(kiosk::erasePersonalData(f.db, typed, 7, now).has_value());

    const auto gone = f.row(future);
    CHECK(gone.phone == "");
    CHECK_FALSE(gone.name.has_value());
    CHECK(gone.erasedAt == "2026-11-24T17:30:00Z");
    CHECK(gone.slotDay == "2026-11-28");
    CHECK(gone.status == "booked");
    CHECK(f.row(other).phone == "0387654321");

    CHECK(f.auditLines("booking.personal_erased") == 1);
    const std::string detail = f.lastAuditDetail();
    CHECK(detail.find(future) != std::string::npos);
    CHECK(detail.find("0912") == std::string::npos);
    CHECK(detail.find("Hoa") == std::string::npos);
    CHECK(f.lastAuditStaff() == 7);

    // Again: nothing to do, no second line.
    REQUIRE(kiosk::erasePersonalData(f.db, future, 7, now + 1h).has_value());
    CHECK(f.auditLines("booking.personal_erased") == 1);
    CHECK(f.row(future).erasedAt == "2026-11-24T17:30:00Z");
}

TEST_CASE("retention: erasing an unknown code is an error and changes nothing") {
    Fixture f;
    const std::string code = f.book(day(11, 28), "0912345678", "Bà Hoa");
    const auto result = kiosk::erasePersonalData(f.db, "XXXXXX", 7, justAfterMidnight);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == kiosk::ErrorKind::notFound);
    CHECK(result.error().message.find("XXXXXX") != std::string::npos);
    CHECK(f.row(code).phone == "0912345678");
    CHECK(f.auditLines("booking.personal_erased") == 0);
}
