#include "content/toml_report.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

TEST_CASE("toml report: file, line and message, without the line when there is none") {
    CHECK(content::fileLineMessage("kiosk.toml", 7, "bad") == "kiosk.toml:7: bad");
    CHECK(content::fileLineMessage("kiosk.toml", 0, "cannot be read") == "kiosk.toml: cannot be read");
}

TEST_CASE("toml report: keys and values report the line they are written on") {
    const toml::table root =
        toml::parse(std::string_view("a = 1\n\n[place]\nvillage = \"Thôn 1\"\n"), std::string_view("x.toml"));
    const auto& place = *root["place"].as_table();
    const auto it = place.find("village");
    REQUIRE(it != place.end());
    CHECK(content::lineOf(it->first, it->second) == 4);
    CHECK(content::lineOf(it->second) == 4);
    CHECK(content::lineOf(toml::value<int64_t>(3)) == 0);
    CHECK(content::lineOf(toml::value<int64_t>(3), 1) == 1);
    try {
        (void)toml::parse(std::string_view("a = 1\nb = = 2\n"), std::string_view("x.toml"));
        FAIL("no parse error");
    } catch (const toml::parse_error& error) {
        CHECK(content::lineOf(error) == 2);
    }
}

TEST_CASE("toml report: what was found is shown briefly, strings quoted and escaped") {
    const toml::table root = toml::parse(std::string_view(R"(s = "a\"b\u0007"
i = 90
f = 90.0
b = true
d = 2024-01-01
l = [1]
t = { x = 1 }
tm = 08:00:00
dt = 2024-01-01T08:00:00
)"));
    const auto found = [&](const char* key) { return content::describeValue(*root.get(key)); };
    CHECK(found("s") == "\"a\\\"b\\u0007\"");
    CHECK(found("i") == "90");
    CHECK(found("f") == "90.0");
    CHECK(found("b") == "true");
    CHECK(found("d") == "2024-01-01");
    CHECK(found("l") == "a list [...]");
    CHECK(found("t") == "a table {...}");
    CHECK(found("tm") == "a time of day");
    CHECK(found("dt") == "a date with a time");
}

TEST_CASE("toml report: long text is cut after 60 characters and control characters stay on one line") {
    CHECK(content::printableText(std::string(61, 'a')) == std::string(60, 'a') + "…");
    CHECK(content::quoteText("Thôn\nĐông\t") == "\"Thôn\\nĐông\\t\"");
    CHECK(content::printableText("\xC2\x85") == "\\u0085");
    CHECK(content::printableText("\xFF") == "\\xFF");
}
