// Draws one kiosk screen in-process at one screen size and text size, and checks what a finger and an
// eye would: target sizes and gaps in millimetres, targets and text on the screen, text inside its box
// and not over other text or a button it does not belong to, and the intents a tap on each target gives.
#pragma once

#include "app/app.hpp"
#include "platform/picture_cache.hpp"
#include "ui/theme.hpp"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace layout {

struct ScreenSize {
    int width = 0, height = 0;
    double diagonal = 10.1; // inches
};
[[nodiscard]] std::string describe(const ScreenSize& size);

// The thresholds every e2e scenario's "expect_targets" uses today (tests/e2e/*.json).
inline constexpr float kMinTargetMm = 16.0f;
inline constexpr float kMinGapMm = 3.0f;

// "800x480@7": the key known failures use for a screen size.
[[nodiscard]] std::string sizeKey(const ScreenSize& size);

// Layout problems the product has today (filed separately): still checked strictly and printed as
// known; a listed case that stops failing is an error, so the list stays true. One entry per screen
// (or family of screens, ending in '*') and check, naming every size and text size it fails at:
// "800x480@7:012 1920x1080@10.1:2" = text sizes 0, 1 and 2 on the 7" 800x480, text size 2 at 1920x1080.
struct KnownFailure {
    std::string_view screen;
    std::string_view check; // e.g. "text-in-box"
    std::string_view where;
};
[[nodiscard]] const std::vector<KnownFailure>& knownFailures();

class Report {
  public:
    void fail(const std::string& screen, const ScreenSize& size, int textSize, const std::string& check,
              const std::string& detail);
    void countScreen() { ++m_screens; }
    void countCheck(long n = 1) { m_checks += n; }
    void countTap() { ++m_taps; }

    [[nodiscard]] const std::vector<std::string>& failures() const { return m_failures; }
    // One line per known failure case met (entry, size, text size): how many problems, and the first.
    [[nodiscard]] std::vector<std::string> knownFailures() const;
    // Known failures whose screen was drawn at their size and text size but that did not fail.
    [[nodiscard]] std::vector<std::string> staleKnownFailures() const;
    [[nodiscard]] std::string summary() const;
    [[nodiscard]] long screensChecked() const { return m_screens; }

    // Which known failures' screens were drawn at their sizes and text sizes.
    void noteDrawn(const std::string& screen, const ScreenSize& size, int textSize);

  private:
    using Case = std::tuple<const KnownFailure*, std::string, int>; // entry, size key, text size
    std::vector<std::string> m_failures;
    std::map<Case, std::pair<int, std::string>> m_known; // how many, the first
    std::set<Case> m_knownHit, m_knownDrawn;
    long m_screens = 0, m_checks = 0, m_taps = 0, m_knownCount = 0;
};

// Draws the app's current screen (two frames to settle, then a tap on every target) and checks it.
void checkScreen(const kiosk::App& app, const ui::Theme& theme, platform::PictureCache& pictures,
                 const std::filesystem::path& contentRoot, kiosk::TimePoint now, const ScreenSize& size,
                 int textSize, const std::string& screen, Report& report);

} // namespace layout
