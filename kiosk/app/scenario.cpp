#include "app/scenario.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace kiosk::scenario {

namespace {
using nlohmann::json;

// JSON has no line numbers once parsed; steps are one per line in our files, so we find the Nth
// step's line by counting objects opened inside the "steps" array.
std::vector<int> stepLines(const std::string& text) {
    std::vector<int> lines;
    auto stepsAt = text.find("\"steps\"");
    if (stepsAt == std::string::npos) return lines;
    int line =
        1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(stepsAt), '\n'));
    int depth = 0;
    bool inString = false;
    for (size_t i = stepsAt; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') ++line;
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '[' || c == '{') {
            if (c == '{' && depth == 1) lines.push_back(line);
            ++depth;
        } else if (c == ']' || c == '}') {
            if (--depth == 0) break;
        }
    }
    return lines;
}

Action parseAction(const json& step) {
    if (step.contains("tap")) {
        const json& tap = step["tap"];
        if (tap.is_string()) return TapTarget{tap.get<std::string>(), step.value("via", std::string())};
        if (tap.is_array() && tap.size() == 2) return TapPoint{tap[0].get<double>(), tap[1].get<double>()};
        throw std::invalid_argument("\"tap\" must be a target name or [x, y] fractions");
    }
    if (step.contains("key")) return Key{step["key"].get<std::string>()};
    if (step.contains("close_window")) return CloseWindow{};
    if (step.contains("screenshot")) return Screenshot{step["screenshot"].get<std::string>()};
    if (step.contains("expect")) {
        Expect expect;
        for (const auto& [key, value] : step["expect"].items()) {
            expect.values[key] = value.is_string() ? value.get<std::string>() : value.dump();
        }
        return expect;
    }
    if (step.contains("expect_targets")) {
        const json& t = step["expect_targets"];
        return ExpectTargets{t.value("min_size_mm", 0.0), t.value("min_gap_mm", 0.0)};
    }
    if (step.contains("remember")) return Remember{step["remember"].get<std::string>()};
    if (step.contains("type_remembered")) return TypeRemembered{step["type_remembered"].get<std::string>()};
    if (step.contains("expect_remembered"))
        return ExpectRemembered{step["expect_remembered"].get<std::string>()};
    if (step.contains("wait_ms") || step.contains("advance_clock_s")) return Wait{};
    throw std::invalid_argument(
        "a step needs one of: tap, key, close_window, screenshot, expect, "
        "expect_targets, remember, type_remembered, expect_remembered, wait_ms, advance_clock_s");
}
} // namespace

Result<Scenario> parse(const std::string& text, const std::string& fileName) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return fail(ErrorKind::invalidInput, fmt::format("{}: not valid JSON", fileName));
    if (!doc.contains("steps") || !doc["steps"].is_array()) {
        return fail(ErrorKind::invalidInput, fmt::format("{}:1: the file needs a \"steps\" array", fileName));
    }
    std::vector<int> lines = stepLines(text);
    Scenario scenario{fileName, {}};
    for (size_t i = 0; i < doc["steps"].size(); ++i) {
        const json& step = doc["steps"][i];
        int line = i < lines.size() ? lines[i] : 0;
        try {
            Step parsed{step.value("after_ms", 0), parseAction(step), line};
            if (step.contains("wait_ms")) parsed.delayMs += step["wait_ms"].get<int>();
            if (step.contains("advance_clock_s")) {
                const double seconds = step["advance_clock_s"].get<double>();
                if (!(seconds >= 0))
                    throw std::invalid_argument("\"advance_clock_s\" must be 0 or more seconds");
                parsed.clockAdvanceMs = std::lround(seconds * 1000);
            }
            scenario.steps.push_back(std::move(parsed));
        } catch (const std::exception& e) {
            return fail(ErrorKind::invalidInput, fmt::format("{}:{}: {}", fileName, line, e.what()));
        }
    }
    return scenario;
}

Result<Scenario> load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return fail(ErrorKind::io, fmt::format("{}: cannot read the scenario file", file.string()));
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), file.string());
}

} // namespace kiosk::scenario
