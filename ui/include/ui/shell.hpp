// The frame loop: waits for input or a timer, draws the current screen, applies what it returns.
#pragma once

#include "app/app.hpp"
#include "app/scenario.hpp"
#include "platform/signals.hpp"
#include "platform/window.hpp"

#include <filesystem>
#include <functional>
#include <optional>

namespace ui {

struct ShellOptions {
    bool lockdown = true; // kiosk mode: Escape, Alt+F4, Ctrl+Q and window close do nothing
    std::optional<kiosk::scenario::Scenario> scenario;
    std::filesystem::path screenshotDir;   // for the scenario's named screenshots
    std::filesystem::path firstScreenshot; // render the first screen to this PNG and exit
    std::filesystem::path contentRoot;     // holds images/ and content/ (guides, narration)
    // Polled after the first frame until it gives the guides (it starts loading them on its first call).
    std::function<const content::Library*()> guidesReady;
    // The frame loop's clock (the seam tests use); scenarios can also move it forward (advance_clock_s).
    std::function<kiosk::TimePoint()> clock = [] { return kiosk::Clock::now(); };
};

struct ShellResult {
    kiosk::ExitRequest exit = kiosk::ExitRequest::Quit;
    int scenarioFailures = 0; // expectations that did not hold (scenario runs only)
};

ShellResult runShell(platform::Window& window, const platform::ShutdownSignals& signals, kiosk::App& app,
                     const ShellOptions& options);

} // namespace ui
