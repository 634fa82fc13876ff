// What only the SQLite store does: a file that survives reopening, migrations from older files, and
// /health's write probe counted in SQLite's own change counter.
#include "calendar.hpp"
#include "store_under_test.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <unistd.h>

using commune::SqliteHubStore;
using test::kDay24;
using test::kDay25;
using test::madeAt;
using test::villageSessions;

TEST_CASE("a file store keeps its data across reopening and reports whether it can write") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("hub-store-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        auto store = SqliteHubStore::open(dir / "hub.sqlite");
        CHECK(store->canWrite());
        REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
        test::post(*store, test::sampleUpload(), 1);
    }
    {
        auto store = SqliteHubStore::open(dir / "hub.sqlite");
        CHECK(villageSessions(*store, "Thôn 1") == 10);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a version 1 database gets generation times from when its days arrived") {
    const auto dir = std::filesystem::temp_directory_path() / ("hub-store-v1-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        // Version 1's two tables that changed, as it created them, with one stored day.
        auto old = kiosk::db::Database::open(dir / "hub.sqlite");
        old.execute(R"sql(
CREATE TABLE kiosks(kiosk_ref INTEGER PRIMARY KEY, kiosk_id TEXT NOT NULL UNIQUE, village TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE, created_unix INTEGER NOT NULL, last_seen_unix INTEGER NOT NULL DEFAULT 0,
  version TEXT NOT NULL DEFAULT '', uptime_seconds INTEGER NOT NULL DEFAULT 0, free_disk_mb INTEGER NOT NULL DEFAULT 0,
  content_version TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '', sent_at TEXT NOT NULL DEFAULT '');
CREATE TABLE day_rollups(day TEXT NOT NULL, kiosk_ref INTEGER NOT NULL REFERENCES kiosks(kiosk_ref),
  complete INTEGER NOT NULL, received_unix INTEGER NOT NULL, PRIMARY KEY(day, kiosk_ref)) WITHOUT ROWID;
CREATE TABLE day_figures(day TEXT NOT NULL, kiosk_ref INTEGER NOT NULL, figure TEXT NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY(day, kiosk_ref, figure)) WITHOUT ROWID;
INSERT INTO kiosks(kiosk_ref, kiosk_id, village, token_hash, created_unix, last_seen_unix, version)
  VALUES (1, 'k1', 'Thôn 1', 'h1', 1, 1795564800, 'v1');
INSERT INTO day_rollups VALUES ('2026-11-24', 1, 1, 1795564800);
INSERT INTO day_figures VALUES ('2026-11-24', 1, 'sessions', 40);
PRAGMA user_version = 1;
)sql");
    }
    {
        auto store = SqliteHubStore::open(dir / "hub.sqlite");
        CHECK(villageSessions(*store, "Thôn 1") == 40);
        auto exported = madeAt(kDay24 + 3600, 12, false); // made before the stored day arrived
        CHECK(store->replaceRollups(exported, commune::importedTiming(exported, kDay25 + 86400)).olderDays ==
              1);
        CHECK(store->kioskStatuses().at(0).version == "v1");
        CHECK_FALSE(store->kioskStatuses().at(0).restartsSinceBoot.has_value()); // version 3's columns: NULL
        CHECK_FALSE(store->kioskStatuses().at(0).socTemperatureC.has_value());
        CHECK(test::post(*store, madeAt(kDay25 + 3600, 41, true), kDay25 + 3600).storedDays == 1);
        CHECK(villageSessions(*store, "Thôn 1") == 41);
        CHECK(store->screenFlags().empty()); // version 4's table, made on opening
    }
    {
        auto again = kiosk::db::Database::open(dir / "hub.sqlite");
        CHECK(again.userVersion() == 5);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("/health's write check commits at most once a second, however often it is asked") {
    const auto dir =
        std::filesystem::temp_directory_path() / ("hub-store-health-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        auto store = SqliteHubStore::open(dir / "hub.sqlite");
        const auto before = store->totalChanges();
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < 200; ++i)
            CHECK(store->canWrite());
        const auto seconds =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
        CHECK(store->totalChanges() - before <= 1 + seconds.count()); // one probe row per second at most
        // An upload's commit vouches for the store too.
        REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
        std::this_thread::sleep_for(SqliteHubStore::kWriteProofLifetime);
        test::post(*store, test::sampleUpload(), 1);
        const auto afterUpload = store->totalChanges();
        CHECK(store->canWrite());
        CHECK(store->totalChanges() == afterUpload);
    }
    std::filesystem::remove_all(dir);
}
