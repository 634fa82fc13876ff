// What only the PostgreSQL store does: a schema made once and shared by every connection (hubs side by
// side), refusing a newer schema, and a connection the server dropped made again.
#include "store_under_test.hpp"

#include <doctest/doctest.h>

using test::pgAdmin;
using test::pgSchema;

TEST_CASE("a second connection sees what the first stored, and the schema is made once") {
    auto first = test::freshStore();
    REQUIRE(first->addKiosk("k1", "Thôn 1", "h1"));
    test::post(*first, test::sampleUpload(), 1);
    auto second = test::reopenStore(); // a second hub on the same database: migrates nothing again
    CHECK(test::villageSessions(*second, "Thôn 1") == 10);
    CHECK(second->findKioskByTokenHash("h1") == "k1");
    CHECK_FALSE(second->addKiosk("k1", "Thôn 2", "h9")); // the id is taken, whichever hub asks
    pgAdmin("DO $$ BEGIN IF (SELECT count(*) FROM " + pgSchema() +
            ".hub_schema) <> 1 THEN RAISE EXCEPTION 'hub_schema rows'; END IF; END $$");
}

TEST_CASE("a database from a newer commune-hub is refused, naming its version") {
    { auto made = test::freshStore(); }
    pgAdmin("UPDATE " + pgSchema() + ".hub_schema SET version = 99");
    CHECK_THROWS_WITH_AS(test::reopenStore(), doctest::Contains("newer commune-hub (schema version 99)"),
                         commune::PgError);
}

TEST_CASE("a connection the server dropped is made again on the next call") {
    auto store = test::freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    pgAdmin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + pgSchema() +
            "' AND pid <> pg_backend_pid()");
    // The call that finds the connection gone fails (a kiosk retries its upload); the next one reconnects.
    CHECK_FALSE(store->canWrite());
    CHECK(store->canWrite());
    test::post(*store, test::sampleUpload(), 1);
    CHECK(test::villageSessions(*store, "Thôn 1") == 10);
}

TEST_CASE("an unreachable server is an error that says so") {
    CHECK_THROWS_WITH_AS(commune::PgHubStore::open("postgresql:///postgres?host=/nonexistent-hub-test"),
                         doctest::Contains("cannot connect"), commune::PgError);
}
