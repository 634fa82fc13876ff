// A scenario file: timed taps, keys and named screenshot points that drive the real program headless.
#pragma once

#include "common/error.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::scenario {

struct TapTarget { // a named touch target, e.g. "home.tile.vneid"
    std::string id;
    std::string via; // if the target is not on screen, tap this (e.g. "list.next_page") until it is
};
struct TapPoint {
    double x = 0, y = 0;
}; // fractions of the window, 0..1
struct Key {
    std::string chord;
}; // "escape", "alt+f4", "ctrl+q"
struct CloseWindow {};
struct Wait {}; // only the delay or the clock advance
struct Screenshot {
    std::string name;
}; // written as DIR/<name>.png
struct Expect {
    std::map<std::string, std::string> values;
}; // keys of App::describe()
struct ExpectTargets {
    double minSizeMm = 0, minGapMm = 0;
}; // every touch target on screen

struct Remember {
    std::string key;
}; // keeps App::describe()[key], e.g. the booking code shown
struct TypeRemembered {
    std::string key;
}; // taps "key.<c>" for each character remembered under key
struct ExpectRemembered {
    std::string key;
}; // App::describe()[key] equals what was remembered

using Action = std::variant<TapTarget, TapPoint, Key, CloseWindow, Wait, Screenshot, Expect, ExpectTargets,
                            Remember, TypeRemembered, ExpectRemembered>;

// A step runs once the screen has settled after the previous one (input handled, the changed
// screen presented). delayMs is a real pause on top; clockAdvanceMs moves the kiosk's clock forward
// first, so idle timers, countdowns and midnight are tested without waiting.
struct Step {
    int delayMs = 0;
    Action action;
    int line = 0;            // for messages: "file:line: expectation failed"
    long clockAdvanceMs = 0; // "advance_clock_s"
};

struct Scenario {
    std::string file;
    std::vector<Step> steps;
};

// Errors read "file:line: message" (line of the step in the JSON text).
[[nodiscard]] Result<Scenario> load(const std::filesystem::path& file);
[[nodiscard]] Result<Scenario> parse(const std::string& text, const std::string& fileName);

} // namespace kiosk::scenario
