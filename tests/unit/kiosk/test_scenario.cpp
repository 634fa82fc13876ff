// Scenario files: each action kind, the delays, the line of each step, and errors as "file:line: message".
#include "app/scenario.hpp"

#include <doctest/doctest.h>

#include <string>
#include <variant>

using kiosk::scenario::Scenario;
using kiosk::scenario::Step;
namespace sc = kiosk::scenario;

namespace {

Scenario parseOk(const std::string& text) {
    auto parsed = sc::parse(text, "test.json");
    if (!parsed) FAIL("unexpected error: " << parsed.error().message);
    return *parsed;
}

std::string parseError(const std::string& text) {
    auto parsed = sc::parse(text, "test.json");
    REQUIRE_FALSE(parsed.has_value());
    return parsed.error().message;
}

// One step, alone in a file.
Step single(const std::string& stepJson) {
    Scenario s = parseOk("{\"steps\": [" + stepJson + "]}");
    REQUIRE(s.steps.size() == 1);
    return s.steps[0];
}

} // namespace

TEST_CASE("scenario: the file name is kept and an empty steps array is fine") {
    Scenario s = parseOk(R"({"about": "nothing", "steps": []})");
    CHECK(s.file == "test.json");
    CHECK(s.steps.empty());
}

TEST_CASE("scenario: tap on a named target") {
    Step step = single(R"({"tap": "home.tile.vneid"})");
    const auto* tap = std::get_if<sc::TapTarget>(&step.action);
    REQUIRE(tap != nullptr);
    CHECK(tap->id == "home.tile.vneid");
}

TEST_CASE("scenario: tap on a point given as window fractions") {
    Step step = single(R"({"tap": [0.25, 0.75]})");
    const auto* tap = std::get_if<sc::TapPoint>(&step.action);
    REQUIRE(tap != nullptr);
    CHECK(tap->x == doctest::Approx(0.25));
    CHECK(tap->y == doctest::Approx(0.75));

    Step integers = single(R"({"tap": [0, 1]})");
    const auto* corner = std::get_if<sc::TapPoint>(&integers.action);
    REQUIRE(corner != nullptr);
    CHECK(corner->x == doctest::Approx(0.0));
    CHECK(corner->y == doctest::Approx(1.0));
}

TEST_CASE("scenario: key, close_window and screenshot") {
    Step key = single(R"({"key": "alt+f4"})");
    const auto* chord = std::get_if<sc::Key>(&key.action);
    REQUIRE(chord != nullptr);
    CHECK(chord->chord == "alt+f4");

    Step close = single(R"({"close_window": true})");
    CHECK(std::holds_alternative<sc::CloseWindow>(close.action));

    Step shot = single(R"({"screenshot": "pin-create"})");
    const auto* screenshot = std::get_if<sc::Screenshot>(&shot.action);
    REQUIRE(screenshot != nullptr);
    CHECK(screenshot->name == "pin-create");
}

TEST_CASE("scenario: expect keeps strings and writes other values as JSON text") {
    Step step =
        single(R"({"expect": {"screen": "staff_pin", "pin_length": 4, "countdown": "1", "flag": true}})");
    const auto* expect = std::get_if<sc::Expect>(&step.action);
    REQUIRE(expect != nullptr);
    CHECK(expect->values.size() == 4);
    CHECK(expect->values.at("screen") == "staff_pin");
    CHECK(expect->values.at("pin_length") == "4");
    CHECK(expect->values.at("countdown") == "1");
    CHECK(expect->values.at("flag") == "true");

    Step staff = single(R"({"expect": {"staff": "Tổ trưởng", "topic": ""}})");
    const auto* named = std::get_if<sc::Expect>(&staff.action);
    REQUIRE(named != nullptr);
    CHECK(named->values.at("staff") == "Tổ trưởng");
    CHECK(named->values.at("topic") == "");
}

TEST_CASE("scenario: expect_targets with sizes, and missing sizes default to 0") {
    Step step = single(R"({"expect_targets": {"min_size_mm": 16, "min_gap_mm": 3.5}})");
    const auto* targets = std::get_if<sc::ExpectTargets>(&step.action);
    REQUIRE(targets != nullptr);
    CHECK(targets->minSizeMm == doctest::Approx(16.0));
    CHECK(targets->minGapMm == doctest::Approx(3.5));

    Step bare = single(R"({"expect_targets": {}})");
    const auto* defaults = std::get_if<sc::ExpectTargets>(&bare.action);
    REQUIRE(defaults != nullptr);
    CHECK(defaults->minSizeMm == doctest::Approx(0.0));
    CHECK(defaults->minGapMm == doctest::Approx(0.0));
}

TEST_CASE("scenario: a step with only wait_ms is a wait") {
    Step step = single(R"({"wait_ms": 1000})");
    CHECK(std::holds_alternative<sc::Wait>(step.action));
    CHECK(step.delayMs == 1000);
}

TEST_CASE(
    "scenario: delayMs is after_ms (default 0: the step waits only for the screen to settle) plus wait_ms") {
    CHECK(single(R"({"tap": "x"})").delayMs == 0);
    CHECK(single(R"({"after_ms": 0, "tap": "x"})").delayMs == 0);
    CHECK(single(R"({"after_ms": 3500, "tap": [0.01, 0.01]})").delayMs == 3500);
    CHECK(single(R"({"after_ms": 100, "wait_ms": 500, "key": "escape"})").delayMs == 600);
    CHECK(single(R"({"wait_ms": 40, "after_ms": 10})").delayMs == 50);
    CHECK(single(R"({"after_ms": 0, "wait_ms": 0})").delayMs == 0);

    // With an action, wait_ms only adds to the delay; the action stays.
    Step key = single(R"({"wait_ms": 500, "key": "escape"})");
    CHECK(std::holds_alternative<sc::Key>(key.action));
    CHECK(key.delayMs == 500);
}

TEST_CASE("scenario: steps keep their order and the line each is on") {
    const std::string text = "{\n"                                                                // 1
                             "  \"about\": \"a {tricky} \\\"about\\\" [text]\",\n"                // 2
                             "  \"steps\": [\n"                                                   // 3
                             "    {\"after_ms\": 400, \"tap\": \"home.tile.vneid\"},\n"           // 4
                             "    {\"expect\": {\"screen\": \"topic\", \"topic\": \"vneid\"}},\n" // 5
                             "\n"                                                                 // 6
                             "    {\"tap\": [0.01, 0.01]},\n"                                     // 7
                             "    {\"screenshot\": \"a{b}[c\\\"d\"},\n"                           // 8
                             "    {\"key\": \"escape\"},\n"                                       // 9
                             "    {\"wait_ms\": 100},\n"                                          // 10
                             "    {\"expect_targets\": {\"min_size_mm\": 16}},\n"                 // 11
                             "    {\"close_window\": true}\n"                                     // 12
                             "  ]\n"
                             "}\n";
    Scenario s = parseOk(text);
    REQUIRE(s.steps.size() == 8);
    const int lines[] = {4, 5, 7, 8, 9, 10, 11, 12};
    for (size_t i = 0; i < s.steps.size(); ++i) {
        CAPTURE(i);
        CHECK(s.steps[i].line == lines[i]);
    }
    CHECK(std::holds_alternative<sc::TapTarget>(s.steps[0].action));
    CHECK(s.steps[0].delayMs == 400);
    CHECK(std::holds_alternative<sc::Expect>(s.steps[1].action));
    CHECK(std::holds_alternative<sc::TapPoint>(s.steps[2].action));
    const auto* shot = std::get_if<sc::Screenshot>(&s.steps[3].action);
    REQUIRE(shot != nullptr);
    CHECK(shot->name == "a{b}[c\"d");
    CHECK(std::holds_alternative<sc::Key>(s.steps[4].action));
    CHECK(std::holds_alternative<sc::Wait>(s.steps[5].action));
    CHECK(s.steps[5].delayMs == 100);
    CHECK(std::holds_alternative<sc::ExpectTargets>(s.steps[6].action));
    CHECK(std::holds_alternative<sc::CloseWindow>(s.steps[7].action));
}

TEST_CASE("scenario: text that is not JSON is an error naming the file") {
    const std::string error = parseError("{\"steps\": [ {\"tap\": \"x\"} ");
    CHECK(error.starts_with("test.json: "));
    CHECK(error.find("JSON") != std::string::npos);
    CHECK(parseError("").starts_with("test.json"));
    CHECK(parseError("steps").starts_with("test.json"));
}

TEST_CASE("scenario: a file without a steps array is an error at line 1") {
    for (const char* text : {R"({"about": "no steps"})", R"({"steps": {"tap": "x"}})", R"({"steps": "tap"})",
                             R"([{"tap": "x"}])"}) {
        CAPTURE(text);
        const std::string error = parseError(text);
        CHECK(error.starts_with("test.json:1: "));
        CHECK(error.find("steps") != std::string::npos);
    }
}

TEST_CASE("scenario: a step with no known action names its file and line") {
    const std::string text = "{\n"
                             "  \"steps\": [\n"
                             "    {\"tap\": \"ok\"},\n"
                             "    {\"key\": \"escape\"},\n"
                             "    {\"after_ms\": 100, \"tapp\": \"typo\"}\n"
                             "  ]\n"
                             "}\n";
    const std::string error = parseError(text);
    CHECK(error.starts_with("test.json:5: "));
    CHECK(error.find("tap") != std::string::npos); // the message lists what a step may hold
    CHECK(error.find("wait_ms") != std::string::npos);

    // after_ms alone is only a delay, not an action.
    CHECK(parseError("{\"steps\": [\n{\"after_ms\": 100}\n]}").starts_with("test.json:2: "));
    CHECK(parseError("{\"steps\": [\n{}\n]}").starts_with("test.json:2: "));
}

TEST_CASE("scenario: tap with a bad value names its file and line") {
    for (const char* tap :
         {"5", "[0.5]", "[0.1, 0.2, 0.3]", "[\"a\", \"b\"]", "{\"x\": 0.5}", "null", "true"}) {
        CAPTURE(tap);
        const std::string text =
            std::string("{\n\"steps\": [\n{\"tap\": \"fine\"},\n{\"tap\": ") + tap + "}\n]\n}";
        const std::string error = parseError(text);
        CHECK(error.starts_with("test.json:4: "));
    }
    const std::string error = parseError("{\"steps\": [\n{\"tap\": [1]}\n]}");
    CHECK(error.find("\"tap\"") != std::string::npos);
}

TEST_CASE("scenario: advance_clock_s moves the kiosk's clock before the step, with or without an action") {
    Step alone = single(R"({"advance_clock_s": 10.5})");
    CHECK(std::holds_alternative<sc::Wait>(alone.action));
    CHECK(alone.clockAdvanceMs == 10500);
    CHECK(alone.delayMs == 0);
    Step withExpect = single(R"({"advance_clock_s": 1.6, "expect": {"step": "2"}})");
    CHECK(std::holds_alternative<sc::Expect>(withExpect.action));
    CHECK(withExpect.clockAdvanceMs == 1600);
    CHECK(single(R"({"tap": "x"})").clockAdvanceMs == 0);
    CHECK(parseError("{\"steps\": [\n{\"advance_clock_s\": -1}\n]}").starts_with("test.json:2: "));
    CHECK(parseError("{\"steps\": [\n{\"advance_clock_s\": \"soon\"}\n]}").starts_with("test.json:2: "));
}

TEST_CASE("scenario: expect_remembered compares a value with the one remembered under its key") {
    Step step = single(R"({"expect_remembered": "booking_day"})");
    const auto* same = std::get_if<sc::ExpectRemembered>(&step.action);
    REQUIRE(same != nullptr);
    CHECK(same->key == "booking_day");
}
