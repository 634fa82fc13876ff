// The hub's login throttle (per client address and per user name, bounded, not flushable), the password
// rule and client keys.
#include "auth.hpp"

#include <doctest/doctest.h>

#include <string>

using commune::auth::LoginThrottle;

namespace {
constexpr std::int64_t kT = 1'780'000'000;
} // namespace

TEST_CASE(
    "login throttle: five misses from an address lock it, each further one doubles, a success forgives") {
    LoginThrottle throttle;
    const std::int64_t t = kT;
    for (int i = 0; i < 4; ++i)
        throttle.failed("10.0.0.9", "canbo", true, t);
    CHECK(throttle.waitSeconds("10.0.0.9", "canbo", true, t) == 0);
    throttle.failed("10.0.0.9", "canbo", true, t);
    CHECK(throttle.waitSeconds("10.0.0.9", "canbo", true, t) == 30);
    CHECK(throttle.waitSeconds("10.0.0.9", "canbo", true, t + 10) == 20);
    CHECK(throttle.waitSeconds("10.0.0.9", "khac", false, t) == 30); // the address, whatever name it tries
    CHECK(throttle.waitSeconds("10.0.0.7", "canbo", true, t) == 0);  // another address is not affected
    throttle.failed("10.0.0.9", "canbo", true, t + 30);
    CHECK(throttle.waitSeconds("10.0.0.9", "canbo", true, t + 30) == 60);
    for (int i = 0; i < 20; ++i)
        throttle.failed("10.0.0.9", "x" + std::to_string(i), false, t + 100);
    CHECK(throttle.waitSeconds("10.0.0.9", "canbo", true, t + 100) == 3600);
    throttle.succeeded("10.0.0.9", "canbo");
    CHECK(throttle.waitSeconds("10.0.0.9", "canbo", true, t + 100) == 0);
}

TEST_CASE("login throttle: one address trying many made-up names is locked like one trying one name") {
    LoginThrottle throttle;
    for (int i = 0; i < 5; ++i)
        throttle.failed("10.0.0.9", "ten-" + std::to_string(i), false, kT);
    CHECK(throttle.waitSeconds("10.0.0.9", "ten-99", false, kT) == 30);
    CHECK(throttle.waitSeconds("10.0.0.9", "canbo", true, kT) == 30);
}

TEST_CASE("login throttle: many addresses guessing one account lock the name, but not where it logged in") {
    LoginThrottle throttle;
    throttle.succeeded("10.0.0.5", "canbo"); // the officer's own computer
    for (int address = 0; address < 5; ++address)
        for (int i = 0; i < 4; ++i) // 4 each: no address is locked, the name gets 20 misses
            throttle.failed("10.0.1." + std::to_string(address), "canbo", true, kT);
    CHECK(throttle.waitSeconds("10.0.1.0", "canbo", true, kT) == 30);
    CHECK(throttle.waitSeconds("10.0.2.1", "canbo", true, kT) == 30); // a new address too
    CHECK(throttle.waitSeconds("10.0.0.5", "canbo", true, kT) == 0);  // the officer still can
    CHECK(throttle.waitSeconds("10.0.2.1", "khac", true, kT) == 0);   // other accounts are not affected
}

TEST_CASE("login throttle: made-up names get the same rule and the same waits as real ones") {
    LoginThrottle throttle;
    for (int address = 0; address < 5; ++address)
        for (int i = 0; i < 4; ++i) {
            throttle.failed("10.0.1." + std::to_string(address), "canbo", true, kT);
            throttle.failed("10.0.1." + std::to_string(address), "khong-co", false, kT);
        }
    // 8 misses per address: each address is locked too; a fresh address sees only the name locks.
    CHECK(throttle.waitSeconds("10.0.3.1", "canbo", true, kT) ==
          throttle.waitSeconds("10.0.3.1", "khong-co", false, kT));
    CHECK(throttle.waitSeconds("10.0.3.1", "khong-co", false, kT) > 0);
}

TEST_CASE("login throttle: a flood of made-up names and addresses cannot evict a real account's lock") {
    LoginThrottle::Limits limits;
    limits.maxAddresses = 500;
    limits.maxUnknownNames = 500;
    LoginThrottle throttle(limits);
    for (int address = 0; address < 5; ++address)
        for (int i = 0; i < 4; ++i)
            throttle.failed("10.0.1." + std::to_string(address), "canbo", true, kT);
    REQUIRE(throttle.waitSeconds("10.9.9.9", "canbo", true, kT) == 30);
    // 20,000 made-up names from 4,000 addresses, each locked several times over.
    for (int i = 0; i < 20'000; ++i)
        throttle.failed("172.16." + std::to_string(i % 4000 / 250) + "." + std::to_string(i % 250),
                        "gia-" + std::to_string(i), false, kT + 1);
    CHECK(throttle.waitSeconds("10.9.9.9", "canbo", true, kT + 1) == 29); // still locked
    CHECK(throttle.trackedEntries() <= limits.maxAddresses + limits.maxUnknownNames + 1);
    // A further miss still counts and doubles the real account's lock.
    throttle.failed("10.0.1.0", "canbo", true, kT + 40);
    CHECK(throttle.waitSeconds("10.9.9.9", "canbo", true, kT + 40) == 60);
}

TEST_CASE("login throttle: an IPv6 client is counted by its /64, an IPv4-mapped one as IPv4") {
    using commune::auth::clientKey;
    CHECK(clientKey("192.168.1.20") == "192.168.1.20");
    CHECK(clientKey("::ffff:192.168.1.20") == "192.168.1.20");
    CHECK(clientKey("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64");
    CHECK(clientKey("2001:db8:1:2:bbbb::77") == clientKey("2001:db8:1:2:aaaa::1"));
    CHECK(clientKey("2001:db8:1:3::1") != clientKey("2001:db8:1:2::1"));
    LoginThrottle throttle;
    for (int i = 0; i < 5; ++i) // a new address per guess within one /64 does not reset the count
        throttle.failed("2001:db8:1:2::" + std::to_string(i + 1), "canbo", true, kT);
    CHECK(throttle.waitSeconds("2001:db8:1:2::ffff", "canbo", true, kT) == 30);
}

TEST_CASE("staff passwords: at least 8 characters, and not only blanks") {
    using commune::auth::passwordProblem;
    CHECK(passwordProblem("a-long-password").empty());
    CHECK(passwordProblem("short") == "needs at least 8 characters");
    CHECK(passwordProblem("        ") == "is only blanks");
    CHECK(passwordProblem(" \t \t \t \t") == "is only blanks");
    CHECK(passwordProblem("  mat khau  ").empty());
}
