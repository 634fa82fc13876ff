// Plays a scenario against the running program: taps become SDL finger events, the same path a
// resident's finger takes; expectations are checked against the app's state and the drawn targets.
#pragma once

#include "app/app.hpp"
#include "app/scenario.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <SDL.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ui {

class ScenarioPlayer {
  public:
    using SteadyTime = std::chrono::steady_clock::time_point;

    ScenarioPlayer(kiosk::scenario::Scenario scenario, std::filesystem::path screenshotDir, SteadyTime start);

    // What the frame loop must do for the steps just run.
    struct Effects {
        std::optional<std::filesystem::path> screenshot; // capture the next frame into this file
        kiosk::Milliseconds clockAdvance{0};             // move the kiosk's clock forward
        bool settleTaps = false;                         // the screen just changed: let the next tap count
    };
    // Runs the steps that are due, but only while the screen has settled (settled: no input
    // waiting and the latest state presented); a step that sends input ends the round. A tap that the app
    // would ignore because the screen has just changed (App::tapSettleLeft at kioskNow) first has the app
    // settle (App::settleTapsNow), so scenarios never wait for it.
    Effects advance(SteadyTime now, kiosk::TimePoint kioskNow, bool settled, const kiosk::App& app,
                    const TargetRegistry& targets, const Metrics& metrics, SDL_Window* window);
    [[nodiscard]] bool finished() const { return m_next >= m_scenario.steps.size(); }
    // Milliseconds until the next step is due (0 when due now); -1 when finished.
    [[nodiscard]] int msUntilNext(SteadyTime now) const;
    [[nodiscard]] int failures() const { return m_failures; }
    void fail(const std::string& message);

  private:
    void pushTap(float x, float y, SDL_Window* window);
    // The differences between what a step expects and the app's state; empty when it holds.
    std::vector<std::string> unmetExpectations(const kiosk::scenario::Expect& expect, const kiosk::App& app,
                                               int line);
    void checkTargets(const kiosk::scenario::ExpectTargets& expect, const TargetRegistry& targets,
                      const Metrics& metrics, int line);

    kiosk::scenario::Scenario m_scenario;
    std::filesystem::path m_screenshotDir;
    size_t m_next = 0;
    SteadyTime m_due;
    std::optional<SteadyTime> m_retryUntil;
    int m_viaTaps = 0;            // taps on a step's "via" target so far
    bool m_clockAdvanced = false; // the current step's advance_clock_s has been handed out
    int m_failures = 0;
    std::map<std::string, std::string> m_remembered; // "remember" steps, for "type_remembered"
};

} // namespace ui
