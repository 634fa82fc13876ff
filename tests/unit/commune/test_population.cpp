// What commune staff type as a village's population is checked field by field, each error naming the field.
#include "population.hpp"

#include <doctest/doctest.h>

namespace {

const std::vector<std::string> kVillages{"Thôn 1", "Thôn 2"};
constexpr const char* kToday = "2026-12-04";

std::string problem(const commune::PopulationInput& input) {
    const auto checked = commune::checkPopulation(input, kVillages, kToday);
    REQUIRE_FALSE(checked.has_value());
    return checked.error().message;
}

} // namespace

TEST_CASE("good population figures are kept as numbers, unknown counts as not known") {
    const auto full =
        commune::checkPopulation({"Thôn 1", "850", "610", "400", "2026-11-30"}, kVillages, kToday);
    REQUIRE(full.has_value());
    CHECK(*full == commune::PopulationFigures{"Thôn 1", "2026-11-30", 850, 610, 400});
    const auto adultsOnly = commune::checkPopulation({"Thôn 2", "1200", "", "", kToday}, kVillages, kToday);
    REQUIRE(adultsOnly.has_value());
    CHECK_FALSE(adultsOnly->smartphone.has_value());
    CHECK_FALSE(adultsOnly->vneid.has_value());
    CHECK(commune::checkPopulation({"Thôn 1", "850", "850", "0", kToday}, kVillages, kToday).has_value());
}

TEST_CASE("bad population figures are refused with the field named") {
    CHECK(problem({"Thôn 1", "-850", "", "", "2026-11-30"}) == "adults \"-850\": cannot be negative");
    CHECK(
        problem({"Thôn 1", "850.5", "", "", "2026-11-30"}).starts_with("adults \"850.5\": must be a whole"));
    CHECK(
        problem({"Thôn 1", "1.200", "", "", "2026-11-30"}).starts_with("adults \"1.200\": must be a whole"));
    CHECK(problem({"Thôn 1", "0", "", "", "2026-11-30"}) == "adults \"0\": must be at least 1");
    CHECK(problem({"Thôn 1", "", "", "", "2026-11-30"}) == "adults \"\": a number of people is needed");
    CHECK(problem({"Thôn 1", "850", "abc", "", "2026-11-30"})
              .starts_with("smartphone \"abc\": must be a whole"));
    CHECK(problem({"Thôn 1", "850", "-1", "", "2026-11-30"}) == "smartphone \"-1\": cannot be negative");
    CHECK(problem({"Thôn 1", "850", "851", "", "2026-11-30"}) ==
          "smartphone 851: more than the village's 850 adults");
    CHECK(problem({"Thôn 1", "850", "", "900", "2026-11-30"}) ==
          "vneid 900: more than the village's 850 adults");
    CHECK(problem({"Thôn 1", "850", "", "", "2026-12-05"}) ==
          "as-of 2026-12-05: is after today (2026-12-04): figures are counted, not forecast");
    CHECK(problem({"Thôn 1", "850", "", "", "30/11/2026"}) ==
          "as-of \"30/11/2026\": must be a date YYYY-MM-DD");
    CHECK(problem({"Thôn 1", "850", "", "", "2026-02-30"}) ==
          "as-of \"2026-02-30\": must be a date YYYY-MM-DD");
    CHECK(problem({"Thôn 9", "850", "", "", "2026-11-30"}) ==
          "village \"Thôn 9\": no kiosk is registered under this village (known: Thôn 1, Thôn 2)");
    CHECK(problem({"Thôn 1", "1234567890", "", "", "2026-11-30"}) ==
          "adults \"1234567890\": more people than any village has");
}
