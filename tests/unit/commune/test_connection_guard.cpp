// Connection limits per client, and where /login may send staff afterwards.
#include "connection_guard.hpp"
#include "http_server.hpp"

#include <doctest/doctest.h>

using namespace commune;

TEST_CASE("client slots: at most perClient connections per client, released ones are free again") {
    ClientSlots slots(3);
    for (int i = 0; i < 3; ++i)
        CHECK(slots.acquire("10.0.0.1"));
    CHECK_FALSE(slots.acquire("10.0.0.1"));
    CHECK(slots.acquire("10.0.0.2"));
    slots.release("10.0.0.1");
    CHECK(slots.acquire("10.0.0.1"));
    CHECK(slots.clients() == 2);
    for (int i = 0; i < 3; ++i)
        slots.release("10.0.0.1");
    slots.release("10.0.0.2");
    slots.release("10.0.0.9");   // never acquired: nothing happens
    CHECK(slots.clients() == 0); // memory follows the open connections
}

TEST_CASE("next after login: a path on this hub only") {
    for (const char* good :
         {"/", "/reports", "/reports?month=2026-11", "/reports.csv?quarter=2026-Q4", "/a%20b"})
        CHECK(isLocalPath(good));
    for (const char* bad : {"", "reports", "//evil.example", "/\\evil.example", "/\t/evil.example",
                            "/\n/evil", "/\r/evil", "/ /evil", "https://evil.example", "javascript:alert(1)",
                            "\t//evil", "/a\\b", "/th\xc3\xb4n", "/\x7f"})
        CHECK_FALSE(isLocalPath(bad));
    CHECK_FALSE(isLocalPath(std::string(3000, '/').replace(1, 1, "a")));
}
