#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

using kiosk::db::Database;
using kiosk::db::Error;
using kiosk::db::Migration;
using kiosk::db::Statement;
using kiosk::db::Transaction;

namespace {

namespace fs = std::filesystem;

int latestVersion() {
    return kiosk::db::kioskMigrations().back().version;
}

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("kiosk-test-mig") {}
};

// 2026-11-25 12:03:04 UTC: every field differs, so a swapped or unpadded one shows.
const auto testNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours{12} +
                     std::chrono::minutes{3} + std::chrono::seconds{4};
constexpr const char* testSuffix = ".corrupt-20261125-120304";

fs::path withSuffix(const fs::path& file, const char* suffix) {
    fs::path result = file;
    result += suffix;
    return result;
}

std::vector<char> readBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& file, const std::vector<char>& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    REQUIRE(out);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out);
}

void writeText(const fs::path& file, std::string_view text) {
    writeBytes(file, {text.begin(), text.end()});
}

bool hasObject(Database& db, const char* type, const char* name) {
    Statement query = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = ?1 AND name = ?2");
    query.bind(1, type).bind(2, name);
    REQUIRE(query.step());
    return query.columnInt(0) == 1;
}

std::int64_t scalar(Database& db, const char* sql) {
    Statement query = db.prepare(sql);
    REQUIRE(query.step());
    return query.columnInt64(0);
}

std::string schemaText(Database& db) {
    Statement query =
        db.prepare("SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema ORDER BY name)");
    REQUIRE(query.step());
    return query.columnText(0);
}

int pageSize(Database& db) {
    return static_cast<int>(scalar(db, "PRAGMA page_size"));
}

void addAuditRows(Database& db, int count) {
    Transaction transaction(db);
    Statement insert =
        db.prepare("INSERT INTO audit_log (at, action, detail) VALUES ('2026-11-25T12:00:00Z', "
                   "'test.row', ?1)");
    for (int i = 0; i < count; ++i) {
        insert.bind(1, std::string(200, 'x') + std::to_string(i));
        insert.run();
    }
    transaction.commit();
}

} // namespace

// ---- migrate ----

TEST_CASE("migrations: versions start at 1 and go up one at a time") {
    const auto all = kiosk::db::kioskMigrations();
    REQUIRE(all.size() >= 2);
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(all[i].version == static_cast<int>(i) + 1);
        CHECK(all[i].sql != nullptr);
    }
}

TEST_CASE("migrations: an empty database reaches the latest version with every table") {
    Database db = Database::openInMemory();
    CHECK(db.userVersion() == 0);
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    CHECK(db.userVersion() == latestVersion());
    CHECK(hasObject(db, "table", "app_setting"));
    CHECK(hasObject(db, "table", "audit_log"));
    CHECK(hasObject(db, "table", "staff_member"));
    CHECK(hasObject(db, "index", "audit_log_at"));

    // Defaults the code relies on.
    db.execute("INSERT INTO audit_log (at, action) VALUES ('2026-11-25T12:00:00Z', 'x')");
    CHECK(scalar(db, "SELECT detail = '' AND staff_id IS NULL FROM audit_log") == 1);
    db.execute(
        "INSERT INTO staff_member (name, pin_hash, created_at) VALUES ('a', 'h', '2026-11-25T12:00:00Z')");
    CHECK(scalar(db, "SELECT active FROM staff_member") == 1);
    CHECK_THROWS_AS(db.execute("INSERT INTO app_setting (key) VALUES ('k')"), Error); // value NOT NULL
}

TEST_CASE("migrations: version 0 to 1 creates only the first tables") {
    Database db = Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(1));
    CHECK(db.userVersion() == 1);
    CHECK(hasObject(db, "table", "app_setting"));
    CHECK(hasObject(db, "table", "audit_log"));
    CHECK_FALSE(hasObject(db, "table", "staff_member"));
    CHECK_FALSE(hasObject(db, "index", "audit_log_at"));
}

TEST_CASE("migrations: version 1 to 2 keeps the existing rows") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(1));
        REQUIRE(db.userVersion() == 1);
        db.execute("INSERT INTO app_setting (key, value) VALUES ('village', 'Thôn Đông')");
        db.execute("INSERT INTO audit_log (at, staff_id, action, detail) "
                   "VALUES ('2026-11-24T08:00:00Z', NULL, 'kiosk.started', 'v0.1')");
    }
    Database db = Database::open(file);
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    CHECK(db.userVersion() == latestVersion());
    CHECK(hasObject(db, "table", "staff_member"));
    CHECK(hasObject(db, "index", "audit_log_at"));
    Statement setting = db.prepare("SELECT value FROM app_setting WHERE key = 'village'");
    REQUIRE(setting.step());
    CHECK(setting.columnText(0) == "Thôn Đông");
    Statement audit = db.prepare("SELECT at, action, detail FROM audit_log");
    REQUIRE(audit.step());
    CHECK(audit.columnText(0) == "2026-11-24T08:00:00Z");
    CHECK(audit.columnText(1) == "kiosk.started");
    CHECK(audit.columnText(2) == "v0.1");
    CHECK_FALSE(audit.step());
}

TEST_CASE("migrations: version 2 to 3 keeps team members and adds the booking tables") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(2));
        REQUIRE(db.userVersion() == 2);
        REQUIRE_FALSE(hasObject(db, "table", "booking"));
        db.execute("INSERT INTO staff_member (name, pin_hash, created_at) "
                   "VALUES ('Tổ trưởng', '$argon2id$x', '2026-11-24T08:00:00Z')");
    }
    Database db = Database::open(file);
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    CHECK(db.userVersion() == latestVersion());
    CHECK(hasObject(db, "table", "booking"));
    CHECK(hasObject(db, "table", "booking_closure"));
    CHECK(hasObject(db, "index", "booking_slot"));
    Statement member = db.prepare("SELECT name FROM staff_member");
    REQUIRE(member.step());
    CHECK(member.columnText(0) == "Tổ trưởng");
}

TEST_CASE("migrations: version 3 to 4 keeps bookings and adds notes, erasure and the weekly slots") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(3));
        REQUIRE(db.userVersion() == 3);
        db.execute("INSERT INTO booking (code, slot_day, slot_minute, topic, phone, created_at, changed_at) "
                   "VALUES ('ACD347', '2026-11-28', 480, 'vneid', '0912345678', '2026-11-25T01:00:00Z', "
                   "'2026-11-25T01:00:00Z')");
    }
    Database db = Database::open(file);
    kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(4));
    CHECK(db.userVersion() == 4);
    CHECK(hasObject(db, "table", "availability_window"));
    CHECK(hasObject(db, "index", "booking_status_day"));
    Statement booking = db.prepare("SELECT code, phone, note, personal_erased_at IS NULL FROM booking");
    REQUIRE(booking.step());
    CHECK(booking.columnText(0) == "ACD347");
    CHECK(booking.columnText(1) == "0912345678");
    CHECK(booking.columnText(2) == "");
    CHECK(booking.columnInt(3) == 1);
    CHECK_THROWS_AS(db.execute("INSERT INTO availability_window VALUES (7, 480, 600)"), Error);
    CHECK_THROWS_AS(db.execute("INSERT INTO availability_window VALUES (1, 600, 480)"), Error);
}

TEST_CASE("migrations: version 4 to 5 keeps bookings and adds the outbox") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(4));
        REQUIRE(db.userVersion() == 4);
        REQUIRE_FALSE(hasObject(db, "table", "outbox_message"));
        db.execute("INSERT INTO booking (code, slot_day, slot_minute, topic, phone, created_at, changed_at) "
                   "VALUES ('ACD347', '2026-11-28', 480, 'vneid', '0912345678', '2026-11-25T01:00:00Z', "
                   "'2026-11-25T01:00:00Z')");
    }
    Database db = Database::open(file);
    kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(5));
    CHECK(db.userVersion() == 5);
    CHECK(hasObject(db, "table", "outbox_message"));
    CHECK(hasObject(db, "index", "outbox_message_due"));
    CHECK(scalar(db, "SELECT count(*) FROM booking WHERE code = 'ACD347'") == 1);
    db.execute(
        "INSERT INTO outbox_message (kind, destination, idempotency_key, body, next_attempt_at, created_at) "
        "VALUES ('usage', 'https://hub', 'k:2026-11-25', '{}', 0, '2026-11-25T01:00:00Z')");
    CHECK(
        scalar(db, "SELECT attempts = 0 AND last_error = '' AND delivered_at IS NULL FROM outbox_message") ==
        1);
    // One key per destination; only the two kinds.
    CHECK_THROWS_AS(
        db.execute("INSERT INTO outbox_message (kind, destination, idempotency_key, body, "
                   "next_attempt_at, created_at) VALUES ('usage', 'https://hub', 'k:2026-11-25', '{}', "
                   "0, 'x')"),
        Error);
    CHECK_THROWS_AS(
        db.execute("INSERT INTO outbox_message (kind, destination, idempotency_key, body, "
                   "next_attempt_at, created_at) VALUES ('other', 'https://hub', 'k2', '{}', 0, 'x')"),
        Error);
}

TEST_CASE("migrations: version 5 to 6 keeps the outbox and adds usage events and rollups") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(5));
        REQUIRE(db.userVersion() == 5);
        REQUIRE_FALSE(hasObject(db, "table", "usage_event"));
        db.execute(
            "INSERT INTO outbox_message (kind, destination, idempotency_key, body, next_attempt_at, "
            "created_at) VALUES ('booking', 'https://webhook', 'b1', '{}', 0, '2026-11-25T01:00:00Z')");
    }
    Database db = Database::open(file);
    kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(6));
    CHECK(db.userVersion() == 6);
    CHECK(hasObject(db, "table", "usage_event"));
    CHECK(hasObject(db, "index", "usage_event_day"));
    CHECK(hasObject(db, "table", "usage_rollup"));
    CHECK(scalar(db, "SELECT count(*) FROM outbox_message WHERE idempotency_key = 'b1'") == 1);
    db.execute("INSERT INTO usage_rollup (day, body, computed_at) VALUES ('2026-11-25', '{}', 'x')");
    CHECK(scalar(db, "SELECT complete = 0 AND sent = 0 FROM usage_rollup") == 1);
    CHECK_THROWS_AS(
        db.execute("INSERT INTO usage_rollup (day, body, computed_at) VALUES ('2026-11-25', '{}', 'y')"),
        Error); // one row per day
}

TEST_CASE("migrations: running migrate again changes nothing") {
    Database db = Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    db.execute("INSERT INTO app_setting (key, value) VALUES ('k', 'v')");
    const std::string before = schemaText(db);
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    CHECK(db.userVersion() == latestVersion());
    CHECK(schemaText(db) == before);
    CHECK(scalar(db, "SELECT count(*) FROM app_setting") == 1);
}

TEST_CASE("migrations: a database from a newer program is refused and left alone") {
    Database db = Database::openInMemory();
    db.execute("PRAGMA user_version = 99");
    try {
        kiosk::db::migrate(db, kiosk::db::kioskMigrations());
        FAIL("migrated a database newer than this program");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).find("newer") != std::string::npos);
    }
    CHECK(db.userVersion() == 99);
    CHECK_FALSE(hasObject(db, "table", "app_setting"));
}

TEST_CASE("migrations: a failing migration is rolled back and leaves user_version as it was") {
    static constexpr Migration custom[] = {
        {1, "CREATE TABLE a (x INTEGER);"},
        {2, "CREATE TABLE b (y INTEGER); INSERT INTO no_such_table VALUES (1);"},
    };
    Database db = Database::openInMemory();
    CHECK_THROWS_AS(kiosk::db::migrate(db, custom), Error);
    CHECK(db.userVersion() == 1);
    CHECK(hasObject(db, "table", "a"));
    CHECK_FALSE(hasObject(db, "table", "b"));
    CHECK(sqlite3_get_autocommit(db.handle()) != 0); // no transaction left open
}

TEST_CASE("migrations: a list out of order is refused") {
    static constexpr Migration custom[] = {{2, "CREATE TABLE b (y);"}, {1, "CREATE TABLE a (x);"}};
    Database db = Database::openInMemory();
    CHECK_THROWS_AS(kiosk::db::migrate(db, custom), Error);
    CHECK(db.userVersion() == 0);
}

// ---- openKioskDatabase ----

TEST_CASE("openKioskDatabase: a new path gets its folders, a file and the latest schema") {
    TempDir dir;
    const fs::path file = dir.path / "data" / "village-kiosk" / "kiosk.db";
    auto opened = kiosk::db::openKioskDatabase(file, testNow);
    CHECK(fs::is_regular_file(file));
    CHECK(opened.db.userVersion() == latestVersion());
    CHECK_FALSE(opened.movedAsideTo);
    CHECK(opened.notice.empty());
    Statement mode = opened.db.prepare("PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.columnText(0) == "wal");
}

TEST_CASE("openKioskDatabase: the file and its -wal are private to the kiosk's user, even under umask 022") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    const mode_t previous = ::umask(022);
    {
        auto opened = kiosk::db::openKioskDatabase(file, testNow);
        opened.db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (1)"); // makes the -wal
        for (const std::string& name : {file.string(), file.string() + "-wal", file.string() + "-shm"}) {
            struct stat info {};
            REQUIRE(::stat(name.c_str(), &info) == 0);
            CHECK_MESSAGE((info.st_mode & 0777) == 0600, name);
        }
    }
    // One made readable by everybody (an old kiosk, a copy) loses that when opened.
    REQUIRE(::chmod(file.c_str(), 0644) == 0);
    { auto opened = kiosk::db::openKioskDatabase(file, testNow); }
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0640);
    ::umask(previous);
}

TEST_CASE("openKioskDatabase: a healthy database is opened as it is") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        auto opened = kiosk::db::openKioskDatabase(file, testNow);
        opened.db.execute("INSERT INTO app_setting (key, value) VALUES ('k', 'v')");
    }
    auto opened = kiosk::db::openKioskDatabase(file, testNow);
    CHECK_FALSE(opened.movedAsideTo);
    CHECK(opened.notice.empty());
    CHECK(scalar(opened.db, "SELECT count(*) FROM app_setting") == 1);
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) <= 3); // db, -wal, -shm
}

TEST_CASE("openKioskDatabase: a file that is not a database is moved aside and replaced") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    writeText(file, "this is not a database");
    const auto original = readBytes(file);

    auto opened = kiosk::db::openKioskDatabase(file, testNow);
    REQUIRE(opened.movedAsideTo);
    CHECK(*opened.movedAsideTo == withSuffix(file, testSuffix));
    REQUIRE(fs::exists(*opened.movedAsideTo));
    CHECK(readBytes(*opened.movedAsideTo) == original);
    CHECK(opened.notice.find(opened.movedAsideTo->string()) != std::string::npos);
    CHECK(opened.notice.find("hỏng") != std::string::npos);

    CHECK(opened.db.userVersion() == latestVersion());
    opened.db.execute("INSERT INTO app_setting (key, value) VALUES ('k', 'v')");
    CHECK(scalar(opened.db, "SELECT count(*) FROM app_setting") == 1);
}

TEST_CASE("openKioskDatabase: a database with a damaged page fails quick_check and is moved aside") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    int page = 0;
    {
        auto opened = kiosk::db::openKioskDatabase(file, testNow);
        addAuditRows(opened.db, 300); // about 60 kB: many pages
        page = pageSize(opened.db);
    }
    REQUIRE_FALSE(fs::exists(withSuffix(file, "-wal"))); // the last close checkpointed everything
    auto bytes = readBytes(file);
    REQUIRE(bytes.size() >= 4 * static_cast<std::size_t>(page));
    std::fill(bytes.begin() + page, bytes.begin() + 2 * page, static_cast<char>(0xFF)); // page 2
    writeBytes(file, bytes);

    auto opened = kiosk::db::openKioskDatabase(file, testNow);
    REQUIRE(opened.movedAsideTo);
    CHECK(*opened.movedAsideTo == withSuffix(file, testSuffix));
    CHECK(readBytes(*opened.movedAsideTo) == bytes);
    CHECK_FALSE(opened.notice.empty());
    CHECK(opened.db.userVersion() == latestVersion());
    CHECK(scalar(opened.db, "SELECT count(*) FROM audit_log") == 0);
    Statement check = opened.db.prepare("PRAGMA quick_check");
    REQUIRE(check.step());
    CHECK(check.columnText(0) == "ok");
}

TEST_CASE("openKioskDatabase: a -wal next to a file that is not a database is moved with it") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    writeText(file, "this is not a database");
    writeText(withSuffix(file, "-wal"), "nor is this a write-ahead log");
    const auto wal = readBytes(withSuffix(file, "-wal"));

    auto opened = kiosk::db::openKioskDatabase(file, testNow);
    REQUIRE(opened.movedAsideTo);
    const fs::path movedWal = withSuffix(withSuffix(file, "-wal"), testSuffix);
    REQUIRE(fs::exists(movedWal));
    CHECK(readBytes(movedWal) == wal);
    CHECK(opened.db.userVersion() == latestVersion());
}

TEST_CASE("openKioskDatabase: a damaged file's -wal holding commits is moved untouched, not checkpointed") {
    TempDir dir;
    const fs::path source = dir.path / "running" / "kiosk.db";
    const fs::path file = dir.path / "kiosk.db";
    fs::create_directories(source.parent_path());
    Database running = Database::open(source);
    running.execute("CREATE TABLE big (x TEXT)");
    {
        Transaction transaction(running);
        Statement insert = running.prepare("INSERT INTO big VALUES (?1)");
        for (int i = 0; i < 300; ++i) {
            insert.bind(1, std::string(200, 'y') + std::to_string(i));
            insert.run();
        }
        transaction.commit();
    }
    running.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    // Committed to the -wal only, as after a power cut.
    running.execute("CREATE TABLE later (y TEXT); INSERT INTO later VALUES ('đặt lịch lúc 9 giờ')");
    REQUIRE(fs::file_size(withSuffix(source, "-wal")) > 0);
    fs::copy_file(source, file);
    fs::copy_file(withSuffix(source, "-wal"), withSuffix(file, "-wal"));

    const int page = pageSize(running);
    auto bytes = readBytes(file);
    REQUIRE(bytes.size() >= 4 * static_cast<std::size_t>(page));
    std::fill(bytes.begin() + page, bytes.begin() + 2 * page,
              static_cast<char>(0xFF)); // big's root, not in the -wal
    writeBytes(file, bytes);
    const auto wal = readBytes(withSuffix(file, "-wal"));

    auto opened = kiosk::db::openKioskDatabase(file, testNow);
    REQUIRE(opened.movedAsideTo);
    CHECK(readBytes(*opened.movedAsideTo) == bytes);
    const fs::path movedWal = withSuffix(withSuffix(file, "-wal"), testSuffix);
    REQUIRE(fs::exists(movedWal));
    CHECK(readBytes(movedWal) == wal);
    CHECK(fs::exists(withSuffix(withSuffix(file, "-shm"), testSuffix)));
    CHECK(opened.db.userVersion() == latestVersion());
    CHECK_FALSE(hasObject(opened.db, "table", "later")); // the old -wal was not replayed into the new file
}

TEST_CASE("openKioskDatabase: a second damaged file in the same second does not overwrite the first") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    writeText(file, "this is not a database (1)");
    auto first = kiosk::db::openKioskDatabase(file, testNow);
    REQUIRE(first.movedAsideTo);
    { [[maybe_unused]] auto closed = std::move(first.db); }
    fs::remove(withSuffix(file, "-wal"));
    fs::remove(withSuffix(file, "-shm"));
    writeText(file, "this is not a database (2)");
    auto second = kiosk::db::openKioskDatabase(file, testNow);
    REQUIRE(second.movedAsideTo);
    CHECK(*second.movedAsideTo != *first.movedAsideTo);
    const std::string one = "this is not a database (1)";
    const std::string two = "this is not a database (2)";
    CHECK(readBytes(*first.movedAsideTo) == std::vector<char>(one.begin(), one.end()));
    CHECK(readBytes(*second.movedAsideTo) == std::vector<char>(two.begin(), two.end()));
}

TEST_CASE("openKioskDatabase: a database from a newer program is refused, not moved aside") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        db.execute("PRAGMA user_version = 99");
    }
    CHECK_THROWS_AS((void)kiosk::db::openKioskDatabase(file, testNow), Error);
    CHECK(fs::exists(file));
    CHECK_FALSE(fs::exists(withSuffix(file, testSuffix)));
}

TEST_CASE("openKioskDatabase: a read-only folder throws instead of losing the file") {
    if (::geteuid() == 0) {
        MESSAGE("skipped: root ignores file permissions");
        return;
    }
    TempDir dir;
    const fs::path folder = dir.path / "readonly";
    fs::create_directories(folder);
    const fs::path damaged = folder / "kiosk.db";
    writeText(damaged, "this is not a database");
    fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);

    CHECK_THROWS_AS((void)kiosk::db::openKioskDatabase(folder / "new.db", testNow), Error);
    CHECK_THROWS_AS((void)kiosk::db::openKioskDatabase(damaged, testNow), Error);
    CHECK(fs::exists(damaged));
    fs::permissions(folder, fs::perms::owner_all);
}

TEST_CASE("migrations: version 6 to 7 keeps the usage rollups and adds the screen flags") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    {
        Database db = Database::open(file);
        kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(6));
        REQUIRE_FALSE(hasObject(db, "table", "screen_flag"));
        db.execute("INSERT INTO usage_rollup (day, body, computed_at) VALUES ('2026-11-25', '{}', 'x')");
    }
    Database db = Database::open(file);
    kiosk::db::migrate(db, kiosk::db::kioskMigrations().first(7));
    CHECK(db.userVersion() == 7);
    CHECK(hasObject(db, "table", "screen_flag"));
    CHECK(hasObject(db, "index", "screen_flag_day"));
    CHECK(scalar(db, "SELECT count(*) FROM usage_rollup") == 1);
    // Only the four kinds the team can choose.
    CHECK_THROWS(db.execute("INSERT INTO screen_flag (flag_id, day, guide_id, step, what, flagged_at) "
                            "VALUES ('a', '2026-11-25', 'g', 1, 'colour', 'x')"));
}
