#include "common/database.hpp"

#include <doctest/doctest.h>

#include "../kiosk/temp_dir.hpp"
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <random>
#include <string>

using kiosk::db::Database;
using kiosk::db::Error;
using kiosk::db::Statement;
using kiosk::db::Transaction;

namespace {

namespace fs = std::filesystem;

struct TempDir : test::TempDir {
    TempDir() : test::TempDir("kiosk-test-db") {}
};

std::string pragmaText(Database& db, const char* sql) {
    Statement query = db.prepare(sql);
    REQUIRE(query.step());
    return query.columnText(0);
}

std::int64_t countRows(Database& db, const char* sql) {
    Statement query = db.prepare(sql);
    REQUIRE(query.step());
    return query.columnInt64(0);
}

} // namespace

TEST_CASE("database: a file database runs in WAL mode with foreign keys, full sync and a busy timeout") {
    TempDir dir;
    const fs::path file = dir.path / "kiosk.db";
    Database db = Database::open(file);
    CHECK(fs::exists(file));
    CHECK(pragmaText(db, "PRAGMA journal_mode") == "wal");
    CHECK(pragmaText(db, "PRAGMA foreign_keys") == "1");
    CHECK(pragmaText(db, "PRAGMA synchronous") == "2"); // FULL
    CHECK(pragmaText(db, "PRAGMA busy_timeout") == "5000");
}

TEST_CASE("database: the hub's open options give normal sync, a big cache, mmap and temp tables in memory") {
    TempDir dir;
    kiosk::db::OpenOptions options;
    options.sync = kiosk::db::OpenOptions::Sync::normal;
    options.callerSerialises = true;
    options.cacheKiB = 65536;
    options.mmapBytes = 268435456;
    options.tempInMemory = true;
    Database db = Database::open(dir.path / "hub.sqlite", options);
    CHECK(pragmaText(db, "PRAGMA journal_mode") == "wal");
    CHECK(pragmaText(db, "PRAGMA foreign_keys") == "1");
    CHECK(pragmaText(db, "PRAGMA synchronous") == "1"); // NORMAL
    CHECK(pragmaText(db, "PRAGMA cache_size") == "-65536");
    CHECK(pragmaText(db, "PRAGMA temp_store") == "2"); // MEMORY
    // SQLite caps mmap_size at its compile-time maximum; it is on, whatever the cap.
    CHECK(std::stoll(pragmaText(db, "PRAGMA mmap_size")) > 0);
}

TEST_CASE("database: an in-memory database has foreign keys on") {
    Database db = Database::openInMemory();
    CHECK(pragmaText(db, "PRAGMA journal_mode") == "memory");
    CHECK(pragmaText(db, "PRAGMA foreign_keys") == "1");
}

TEST_CASE("database: foreign keys are enforced") {
    Database db = Database::openInMemory();
    db.execute(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));");
    Statement insert = db.prepare("INSERT INTO child (parent_id) VALUES (?1)");
    insert.bind(1, 42);
    try {
        insert.run();
        FAIL("inserting a child without its parent succeeded");
    } catch (const Error& e) {
        CHECK(e.code() == SQLITE_CONSTRAINT);
    }
}

TEST_CASE("database: values round-trip through bind and the column getters") {
    TempDir dir;
    Database db = Database::open(dir.path / "values.db");
    db.execute("CREATE TABLE v (big INTEGER, small INTEGER, real REAL, text TEXT, empty TEXT, missing TEXT)");

    const std::int64_t big = std::numeric_limits<std::int64_t>::max() - 7; // beyond a double's precision
    const std::string vietnamese = "Bác Tư đặt lịch khám ngày 25/11 — cảm ơn ạ";
    Statement insert = db.prepare("INSERT INTO v VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, big)
        .bind(2, -12)
        .bind(3, 2.718281828)
        .bind(4, vietnamese)
        .bind(5, std::string_view())
        .bind(6, nullptr);
    insert.run();
    CHECK(db.changes() == 1);
    CHECK(db.lastInsertRowId() == 1);

    Statement select = db.prepare("SELECT big, small, real, text, empty, missing, typeof(empty) FROM v");
    REQUIRE(select.step());
    CHECK(select.columnInt64(0) == big);
    CHECK(select.columnInt(1) == -12);
    CHECK(select.columnDouble(2) == 2.718281828);
    CHECK(select.columnText(3) == vietnamese);
    CHECK(select.columnText(3).size() == vietnamese.size());
    CHECK(select.columnView(3) == vietnamese);
    CHECK(select.columnView(4).empty());
    CHECK(select.columnView(5).empty()); // NULL reads as empty text
    CHECK_FALSE(select.columnIsNull(3));
    // An empty string stays an empty string, not NULL.
    CHECK(select.columnText(4).empty());
    CHECK_FALSE(select.columnIsNull(4));
    CHECK(select.columnText(6) == "text");
    CHECK(select.columnIsNull(5));
    CHECK_FALSE(select.columnIsNull(0));
    CHECK_FALSE(select.step());
}

TEST_CASE("database: a statement can be run again with new bindings") {
    Database db = Database::openInMemory();
    db.execute("CREATE TABLE t (x INTEGER)");
    Statement insert = db.prepare("INSERT INTO t VALUES (?1)");
    for (int i = 1; i <= 3; ++i) {
        insert.bind(1, i);
        insert.run();
    }
    CHECK(countRows(db, "SELECT sum(x) FROM t") == 6);

    Statement select = db.prepare("SELECT x FROM t ORDER BY x");
    REQUIRE(select.step());
    CHECK(select.columnInt(0) == 1);
    select.reset();
    REQUIRE(select.step());
    CHECK(select.columnInt(0) == 1);
}

TEST_CASE("database: a transaction that is not committed is rolled back") {
    TempDir dir;
    Database db = Database::open(dir.path / "tx.db");
    db.execute("CREATE TABLE t (x INTEGER)");
    {
        Transaction transaction(db);
        db.prepare("INSERT INTO t VALUES (1)").run();
        CHECK(countRows(db, "SELECT count(*) FROM t") == 1);
    }
    CHECK(countRows(db, "SELECT count(*) FROM t") == 0);
    CHECK(sqlite3_get_autocommit(db.handle()) != 0);

    // Also when left by an exception, the usual way a transaction is abandoned.
    try {
        Transaction transaction(db);
        db.prepare("INSERT INTO t VALUES (2)").run();
        db.prepare("INSERT INTO no_such_table VALUES (3)").run();
        transaction.commit();
    } catch (const Error&) {
    }
    CHECK(countRows(db, "SELECT count(*) FROM t") == 0);
}

TEST_CASE("database: a committed transaction keeps its data, also after reopening") {
    TempDir dir;
    const fs::path file = dir.path / "tx.db";
    {
        Database db = Database::open(file);
        db.execute("CREATE TABLE t (x INTEGER)");
        Transaction transaction(db);
        db.prepare("INSERT INTO t VALUES (1)").run();
        db.prepare("INSERT INTO t VALUES (2)").run();
        transaction.commit();
    }
    Database db = Database::open(file);
    CHECK(countRows(db, "SELECT count(*) FROM t") == 2);
}

TEST_CASE("database: transactions do not nest") {
    Database db = Database::openInMemory();
    Transaction outer(db);
    CHECK_THROWS_AS(Transaction{db}, Error);
}

TEST_CASE("database: prepare accepts exactly one statement") {
    Database db = Database::openInMemory();
    db.execute("CREATE TABLE t (x INTEGER)");
    CHECK_THROWS_AS(db.prepare("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"), Error);
    CHECK_THROWS_AS(db.prepare("SELECT 1; SELECT 2;"), Error);
    CHECK_THROWS_AS(db.prepare(""), Error);
    CHECK_THROWS_AS(db.prepare("   -- only a comment"), Error);
    CHECK_THROWS_AS(db.prepare("SELEKT 1"), Error);
    // Trailing semicolons, whitespace and comments are not a second statement.
    CHECK_NOTHROW((void)db.prepare("SELECT 1;"));
    CHECK_NOTHROW((void)db.prepare("SELECT 1 ;  \n\t"));
    CHECK_NOTHROW((void)db.prepare("SELECT 1; -- why\n/* and more */ ;"));
    CHECK(countRows(db, "SELECT count(*) FROM t") == 0);

    // Only the string_view's bytes are read, not whatever follows them.
    const std::string text = "SELECT 7; SELECT 8";
    Statement seven = db.prepare(std::string_view(text).substr(0, 9));
    REQUIRE(seven.step());
    CHECK(seven.columnInt(0) == 7);
}

TEST_CASE("database: a failing step throws Error with the SQLite code and the SQL") {
    Database db = Database::openInMemory();
    db.execute("CREATE TABLE person (name TEXT PRIMARY KEY)");
    Statement insert = db.prepare("INSERT INTO person (name) VALUES (?1)");
    insert.bind(1, "Cô Hoa");
    insert.run();
    try {
        (void)insert.step(); // same name again
        FAIL("a duplicate primary key was accepted");
    } catch (const Error& e) {
        CHECK(e.code() == SQLITE_CONSTRAINT);
        CHECK(std::string(e.what()).find("INSERT INTO person") != std::string::npos);
        CHECK(std::string(e.what()).find("UNIQUE") != std::string::npos);
    }
    // The statement was reset by the failure and can be used again.
    insert.bind(1, "Chú Ba");
    CHECK_NOTHROW(insert.run());
    CHECK(countRows(db, "SELECT count(*) FROM person") == 2);
}

TEST_CASE("database: bind and execute errors throw") {
    Database db = Database::openInMemory();
    Statement select = db.prepare("SELECT ?1");
    try {
        select.bind(2, 5);
        FAIL("binding a parameter that does not exist succeeded");
    } catch (const Error& e) {
        CHECK(e.code() == SQLITE_RANGE);
        CHECK(std::string(e.what()).find("SELECT ?1") != std::string::npos);
    }
    try {
        db.execute("CREATE TABLE a (x); CREATE TABLE a (x);");
        FAIL("creating a table twice succeeded");
    } catch (const Error& e) {
        CHECK(e.code() == SQLITE_ERROR);
        CHECK(std::string(e.what()).find("already exists") != std::string::npos);
    }
}

TEST_CASE("database: opening a file that cannot be created throws, naming it") {
    TempDir dir;
    const fs::path file = dir.path / "no-such-folder" / "kiosk.db";
    try {
        (void)Database::open(file);
        FAIL("opened a file in a folder that does not exist");
    } catch (const Error& e) {
        CHECK(e.code() == SQLITE_CANTOPEN);
        CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
    }
}

TEST_CASE("database: opening a file that is not a database throws SQLITE_NOTADB") {
    TempDir dir;
    const fs::path file = dir.path / "garbage.db";
    {
        std::FILE* out = std::fopen(file.c_str(), "wb");
        REQUIRE(out != nullptr);
        std::fputs("this is not a database, only some text that is long enough to matter", out);
        std::fclose(out);
    }
    try {
        (void)Database::open(file);
        FAIL("opened garbage as a database");
    } catch (const Error& e) {
        CHECK(e.code() == SQLITE_NOTADB);
        CHECK(std::string(e.what()).find(file.string()) != std::string::npos);
    }
}

TEST_CASE("database: a moved database keeps working") {
    Database first = Database::openInMemory();
    first.execute("CREATE TABLE t (x INTEGER)");
    Database second = std::move(first);
    second.execute("INSERT INTO t VALUES (1)");
    CHECK(countRows(second, "SELECT count(*) FROM t") == 1);
    Database third = Database::openInMemory();
    third = std::move(second); // closes third's own connection
    CHECK(countRows(third, "SELECT count(*) FROM t") == 1);
}
