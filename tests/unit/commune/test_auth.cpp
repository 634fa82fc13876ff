// The hub's login throttle: five wrong passwords in a row lock a name for 30 s, doubling, at most an hour.
#include "auth.hpp"

#include <doctest/doctest.h>

#include <string>

using commune::auth::LoginThrottle;

TEST_CASE(
    "login throttle: five misses lock the name, each further one doubles the wait, a success forgives") {
    LoginThrottle throttle;
    const std::int64_t t = 1'780'000'000;
    for (int i = 0; i < 4; ++i)
        throttle.failed("canbo", t);
    CHECK(throttle.waitSeconds("canbo", t) == 0);
    throttle.failed("canbo", t);
    CHECK(throttle.waitSeconds("canbo", t) == 30);
    CHECK(throttle.waitSeconds("canbo", t + 10) == 20);
    CHECK(throttle.waitSeconds("khac", t) == 0); // other names are not affected
    throttle.failed("canbo", t + 30);
    CHECK(throttle.waitSeconds("canbo", t + 30) == 60);
    for (int i = 0; i < 20; ++i)
        throttle.failed("canbo", t + 100);
    CHECK(throttle.waitSeconds("canbo", t + 100) == 3600);
    throttle.succeeded("canbo");
    CHECK(throttle.waitSeconds("canbo", t + 100) == 0);
}

TEST_CASE("login throttle: guessing many names does not grow it without bound") {
    LoginThrottle throttle;
    const std::int64_t t = 1'780'000'000;
    for (std::size_t i = 0; i < LoginThrottle::kMaxNames + 500; ++i)
        throttle.failed("ten-" + std::to_string(i), t);
    for (int i = 0; i < 5; ++i)
        throttle.failed("canbo", t);
    CHECK(throttle.waitSeconds("canbo", t) == 30); // room was made from names that are not locked
}
