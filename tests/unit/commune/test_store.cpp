// The hub's SQLite store: a re-send replaces a kiosk's day, an upload is all-or-nothing.
#include "sample_upload.hpp"
#include "sqlite_hub_store.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <unistd.h>

using commune::SqliteHubStore;

namespace {

std::int64_t villageSessions(commune::HubStore& store, const std::string& village) {
    for (const auto& v : store.periodFigures({"2026-11-01", "2026-11-30"}).villages)
        if (v.village == village) return v.sessions;
    return -1;
}

}  // namespace

TEST_CASE("a kiosk is found by its token's hash, and an id registers once") {
    auto store = SqliteHubStore::openInMemory();
    CHECK(store->addKiosk("k1", "Thôn 1", "hash-1"));
    CHECK_FALSE(store->addKiosk("k1", "Thôn 2", "hash-2"));
    CHECK(store->findKioskByTokenHash("hash-1") == "k1");
    CHECK_FALSE(store->findKioskByTokenHash("hash-2").has_value());
    CHECK(store->kioskExists("k1"));
    CHECK_FALSE(store->kioskExists("k2"));
}

TEST_CASE("sending the same day again replaces its figures, never adds") {
    auto store = SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    auto upload = test::sampleUpload();
    store->replaceRollups(upload, 1000);
    const auto rowsFirst = store->rowsFor("k1", "2026-11-24");
    CHECK(villageSessions(*store, "Thôn 1") == 10);

    upload.days[0].sessions = 25;
    upload.days[0].guides[0].started = 9;
    upload.days[0].guides[0].reachedStep = {{1, 9}};  // fewer steps than before: old ones must go
    upload.days[0].guides[0].leftAtStep = {};
    upload.days[0].screens = {{"home", 25}};
    store->replaceRollups(upload, 2000);
    store->replaceRollups(upload, 3000);
    CHECK(villageSessions(*store, "Thôn 1") == 25);
    const auto figures = store->periodFigures({"2026-11-01", "2026-11-30"});
    REQUIRE(figures.guides.size() == 1);
    CHECK(figures.guides[0].started == 9);
    REQUIRE(figures.steps.size() == 1);
    CHECK(figures.steps[0].reached == 9);
    CHECK(store->rowsFor("k1", "2026-11-24") == rowsFirst - 1);  // one screen fewer
}

TEST_CASE("another day or another kiosk adds, it does not replace") {
    auto store = SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    REQUIRE(store->addKiosk("k2", "Thôn 1", "h2"));
    store->replaceRollups(test::sampleUpload("k1", "2026-11-23"), 1);
    store->replaceRollups(test::sampleUpload("k1", "2026-11-24"), 2);
    store->replaceRollups(test::sampleUpload("k2", "2026-11-24"), 3);
    CHECK(villageSessions(*store, "Thôn 1") == 30);
    CHECK(store->periodFigures({"2026-11-24", "2026-11-24"}).villages.at(0).sessions == 20);
    CHECK(store->periodFigures({"2026-10-01", "2026-10-31"}).villages.empty());
}

TEST_CASE("an upload that fails half-way leaves nothing behind, heartbeat included") {
    auto store = SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    auto upload = test::sampleUpload("k1", "2026-11-23");
    auto second = upload.days[0];
    second.day = "2026-11-24";
    second.guides.push_back(second.guides[0]);  // the same guide twice: the store's key refuses it
    upload.days.push_back(second);
    upload.heartbeat.version = "9.9.9";
    CHECK_THROWS(store->replaceRollups(upload, 5000));
    CHECK(store->rowsFor("k1", "2026-11-23") == 0);
    CHECK(store->rowsFor("k1", "2026-11-24") == 0);
    CHECK(store->kioskStatuses().at(0).lastSeenUnix == 0);
    CHECK(store->kioskStatuses().at(0).version.empty());
    // And the store still works afterwards.
    store->replaceRollups(test::sampleUpload("k1", "2026-11-23"), 6000);
    CHECK(store->kioskStatuses().at(0).lastSeenUnix == 6000);
}

TEST_CASE("an upload from a kiosk that is not registered is refused") {
    auto store = SqliteHubStore::openInMemory();
    CHECK_THROWS(store->replaceRollups(test::sampleUpload("ghost"), 1));
}

TEST_CASE("the heartbeat is kept per kiosk, and the registered village wins over the uploaded one") {
    auto store = SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "Thôn Đông", "h1"));
    REQUIRE(store->addKiosk("k2", "", "h2"));
    auto upload = test::sampleUpload("k1");
    upload.heartbeat.lastError = "disk nearly full";
    store->replaceRollups(upload, 777);
    store->replaceRollups(test::sampleUpload("k2"), 778);
    const auto statuses = store->kioskStatuses();
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0].kioskId == "k2");  // ordered by village: "Thôn 1" < "Thôn Đông"
    CHECK(statuses[0].village == "Thôn 1");
    CHECK(statuses[1].village == "Thôn Đông");
    CHECK(statuses[1].lastSeenUnix == 777);
    CHECK(statuses[1].version == "0.1.0");
    CHECK(statuses[1].freeDiskMb == 2048);
    CHECK(statuses[1].lastError == "disk nearly full");
}

TEST_CASE("staff sessions expire") {
    auto store = SqliteHubStore::openInMemory();
    store->setStaffPassword("an", "hash");
    CHECK(store->staffPasswordHash("an") == "hash");
    CHECK_FALSE(store->staffPasswordHash("binh").has_value());
    store->addSession("s1", "an", 100);
    CHECK(store->sessionUser("s1", 99) == "an");
    CHECK_FALSE(store->sessionUser("s1", 100).has_value());
    CHECK_FALSE(store->sessionUser("s2", 1).has_value());
}

TEST_CASE("a file store keeps its data across reopening and reports whether it can write") {
    const auto dir = std::filesystem::temp_directory_path() / ("hub-store-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        auto store = SqliteHubStore::open(dir / "hub.sqlite");
        CHECK(store->canWrite());
        REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
        store->replaceRollups(test::sampleUpload(), 1);
    }
    {
        auto store = SqliteHubStore::open(dir / "hub.sqlite");
        CHECK(villageSessions(*store, "Thôn 1") == 10);
    }
    std::filesystem::remove_all(dir);
}
