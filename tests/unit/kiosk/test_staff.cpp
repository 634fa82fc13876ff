// Each PIN hash or check costs ~0.1-0.5 s and 64 MiB (more under ASan): this file does four in all.
#include "staff/staff.hpp"
#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>

using kiosk::StaffRepository;
using kiosk::db::Database;
using kiosk::db::Statement;

namespace {

namespace fs = std::filesystem;

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("kiosk-test-staff") {}
};

const auto testNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{12};

Database migratedInMemory() {
    Database db = Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

std::int64_t scalar(Database& db, const char* sql) {
    Statement query = db.prepare(sql);
    REQUIRE(query.step());
    return query.columnInt64(0);
}

} // namespace

TEST_CASE("staff: isValidPin accepts 4 to 8 ASCII digits only") {
    CHECK(kiosk::isValidPin("0000"));
    CHECK(kiosk::isValidPin("1234"));
    CHECK(kiosk::isValidPin("12345678"));
    CHECK_FALSE(kiosk::isValidPin(""));
    CHECK_FALSE(kiosk::isValidPin("123"));
    CHECK_FALSE(kiosk::isValidPin("123456789"));
    CHECK_FALSE(kiosk::isValidPin("12a4"));
    CHECK_FALSE(kiosk::isValidPin(" 1234"));
    CHECK_FALSE(kiosk::isValidPin("1234 "));
    CHECK_FALSE(kiosk::isValidPin("-1234"));
    CHECK_FALSE(kiosk::isValidPin("１２３４")); // full-width digits
    const char withNul[] = {'1', '2', '\0', '3', '4'};
    CHECK_FALSE(kiosk::isValidPin(std::string_view(withNul, sizeof withNul)));
}

TEST_CASE("staff: a member is created with a hashed PIN and found by it (file database)") {
    TempDir dir;
    auto opened = kiosk::db::openKioskDatabase(dir.path / "kiosk.db", testNow);
    Database& db = opened.db;
    StaffRepository staff(db);

    CHECK_FALSE(staff.hasAnyMember());
    const auto created = staff.createMember("Chị Lan", "24681357", testNow); // hash 1
    CHECK(created.id > 0);
    CHECK(created.name == "Chị Lan");
    CHECK(staff.hasAnyMember());

    Statement row = db.prepare("SELECT name, pin_hash, created_at, active FROM staff_member WHERE id = ?1");
    row.bind(1, created.id);
    REQUIRE(row.step());
    CHECK(row.columnText(0) == "Chị Lan");
    const std::string hash = row.columnText(1);
    CHECK(hash.starts_with("$argon2"));
    CHECK(hash.find("24681357") == std::string::npos);
    CHECK(hash.find("2468") == std::string::npos);
    CHECK(row.columnText(2) == "2026-11-25T12:00:00Z");
    CHECK(row.columnInt(3) == 1);

    Statement audit = db.prepare("SELECT at, staff_id, action, detail FROM audit_log");
    REQUIRE(audit.step());
    CHECK(audit.columnText(0) == "2026-11-25T12:00:00Z");
    CHECK(audit.columnIsNull(1));
    CHECK(audit.columnText(2) == "staff.created");
    CHECK(audit.columnText(3).find("Chị Lan") != std::string::npos);
    CHECK(audit.columnText(3).find("2468") == std::string::npos);
    CHECK_FALSE(audit.step());

    const auto found = staff.findByPin("24681357"); // check 2
    REQUIRE(found);
    CHECK(found->id == created.id);
    CHECK(found->name == "Chị Lan");
    CHECK_FALSE(staff.findByPin("24681358")); // check 3
    CHECK_FALSE(staff.findByPin("2468"));     // not valid: no hashing
    CHECK_FALSE(staff.findByPin("abcd"));
}

TEST_CASE("staff: invalid PINs and blank names are rejected before anything is stored") {
    Database db = migratedInMemory();
    StaffRepository staff(db);
    CHECK_THROWS_AS(staff.createMember("Anh Tuấn", "123", testNow), std::invalid_argument);
    CHECK_THROWS_AS(staff.createMember("Anh Tuấn", "123456789", testNow), std::invalid_argument);
    CHECK_THROWS_AS(staff.createMember("Anh Tuấn", "12a4", testNow), std::invalid_argument);
    CHECK_THROWS_AS(staff.createMember("Anh Tuấn", "", testNow), std::invalid_argument);
    CHECK_THROWS_AS(staff.createMember("", "1234", testNow), std::invalid_argument);
    CHECK_THROWS_AS(staff.createMember("   ", "1234", testNow), std::invalid_argument);
    CHECK_FALSE(staff.hasAnyMember());
    CHECK(scalar(db, "SELECT count(*) FROM staff_member") == 0);
    CHECK(scalar(db, "SELECT count(*) FROM audit_log") == 0);
}

TEST_CASE("staff: a deactivated member is neither counted nor found (in memory)") {
    Database db = migratedInMemory();
    StaffRepository staff(db);
    const auto created = staff.createMember("Chú Ba", "1234", testNow); // hash 4
    CHECK(staff.hasAnyMember());
    Statement deactivate = db.prepare("UPDATE staff_member SET active = 0 WHERE id = ?1");
    deactivate.bind(1, created.id);
    deactivate.run();
    CHECK_FALSE(staff.hasAnyMember());
    CHECK_FALSE(staff.findByPin("1234")); // no active member: no hashing
}

TEST_CASE("staff: audit rows record who, what and when") {
    Database db = migratedInMemory();
    StaffRepository staff(db);
    const auto later =
        testNow + std::chrono::minutes{61} + std::chrono::seconds{5} + std::chrono::milliseconds{900};
    staff.audit(7, "booking.cancelled", "Bác Tư, 26/11 9:00", later);
    staff.audit(std::nullopt, "kiosk.started", "", testNow);

    Statement rows = db.prepare("SELECT at, staff_id, action, detail FROM audit_log ORDER BY id");
    REQUIRE(rows.step());
    CHECK(rows.columnText(0) == "2026-11-25T13:01:05Z");
    CHECK(rows.columnInt64(1) == 7);
    CHECK(rows.columnText(2) == "booking.cancelled");
    CHECK(rows.columnText(3) == "Bác Tư, 26/11 9:00");
    REQUIRE(rows.step());
    CHECK(rows.columnText(0) == "2026-11-25T12:00:00Z");
    CHECK(rows.columnIsNull(1));
    CHECK(rows.columnText(2) == "kiosk.started");
    CHECK(rows.columnText(3).empty());
    CHECK_FALSE(rows.columnIsNull(3));
    CHECK_FALSE(rows.step());
}
