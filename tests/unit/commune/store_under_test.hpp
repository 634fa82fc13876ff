// The store the hub's store cases run against, one backend per test program: SQLite in memory
// (commune.store.sqlite.*), or this process's own schema on the test PostgreSQL server that CTest's
// fixture pg_server starts with tests/pg/test_server.sh (commune.store.postgresql.*).
#pragma once

#include "sample_upload.hpp"

#if defined(HUB_TEST_POSTGRESQL)
#include "pg_hub_store.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <unistd.h>
#else
#include "sqlite_hub_store.hpp"
#endif

#include <filesystem>
#include <memory>
#include <string>

namespace test {

#if defined(HUB_TEST_POSTGRESQL)
using StoreUnderTest = commune::PgHubStore;

// The test server's URL, from the folder tests/pg/test_server.sh made (HUB_TEST_POSTGRESQL_DIR).
inline std::string pgServerUrl() {
    const char* dir = std::getenv("HUB_TEST_POSTGRESQL_DIR");
    if (dir == nullptr)
        throw std::runtime_error("HUB_TEST_POSTGRESQL_DIR is not set: run these through ctest (fixture "
                                 "pg_server), or start a server with tests/pg/test_server.sh start DIR");
    std::ifstream in(std::filesystem::path(dir) / "url");
    std::string url;
    std::getline(in, url);
    if (url.empty()) throw std::runtime_error(std::string("no PostgreSQL test server in ") + dir);
    return url;
}

// Each test process has a schema of its own: CTest runs cases side by side on one server.
inline std::string pgSchema() {
    return "hub_test_" + std::to_string(::getpid());
}

inline std::string pgStoreUrl() {
    return pgServerUrl() + "&options=-csearch_path%3D" + pgSchema() + "&application_name=" + pgSchema();
}

// Runs SQL on the test server beside the store (no parameters: tests only). Throws when it is refused.
inline void pgAdmin(const std::string& sql) {
    std::unique_ptr<PGconn, decltype(&PQfinish)> c(PQconnectdb(pgServerUrl().c_str()), &PQfinish);
    if (PQstatus(c.get()) != CONNECTION_OK) throw std::runtime_error(PQerrorMessage(c.get()));
    PQsetNoticeProcessor(
        c.get(), [](void*, const char*) {}, nullptr);
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(c.get(), sql.c_str()), &PQclear);
    const auto status = PQresultStatus(r.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        throw std::runtime_error(PQresultErrorMessage(r.get()));
}

// An empty store (the schema made anew); reopenStore: another connection to the same one.
inline std::unique_ptr<StoreUnderTest> freshStore() {
    pgAdmin("DROP SCHEMA IF EXISTS " + pgSchema() + " CASCADE; CREATE SCHEMA " + pgSchema());
    return commune::PgHubStore::open(pgStoreUrl());
}
inline std::unique_ptr<StoreUnderTest> reopenStore() {
    return commune::PgHubStore::open(pgStoreUrl());
}
#else
using StoreUnderTest = commune::SqliteHubStore;

inline std::unique_ptr<StoreUnderTest> freshStore() {
    return commune::SqliteHubStore::openInMemory();
}
#endif

inline std::int64_t villageSessions(commune::HubStore& store, const std::string& village) {
    for (const auto& v : store.periodFigures({"2026-11-01", "2026-11-30"}).villages)
        if (v.village == village) return v.count(kiosk::upload::Count::sessions);
    return -1;
}

// 2026-11-24 and 2026-11-25, 07:00 local (00:00 UTC).
constexpr std::int64_t kDay24 = 1795478400, kDay25 = kDay24 + 86400;

// k1's upload of one day, made by the kiosk at unixSeconds.
inline kiosk::upload::Upload madeAt(std::int64_t unixSeconds, int sessions, bool complete,
                                    const std::string& day = "2026-11-24") {
    auto u = sampleUpload("k1", day);
    u.heartbeat.sentAt = kiosk::isoUtc(unixSeconds);
    u.heartbeat.version = "made-" + std::to_string(unixSeconds);
    u.days[0].sessions = sessions;
    u.days[0].complete = complete;
    return u;
}

} // namespace test
