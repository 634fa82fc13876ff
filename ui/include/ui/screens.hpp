// One function per screen: each draws the current state and returns what the person asked for.
#pragma once

#include "app/app.hpp"
#include "platform/picture_cache.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace ui {

struct ScreenContext {
    const kiosk::App& app;
    const Theme& theme;
    TargetRegistry& targets;
    kiosk::TimePoint now;
    platform::PictureCache& pictures;
    const std::filesystem::path& contentRoot; // holds images/ and content/
};

using Intents = std::vector<kiosk::Intent>;

Intents drawHome(const ScreenContext& ctx);
Intents drawTopic(const ScreenContext& ctx); // the topic's guides
Intents drawGuideIntro(const ScreenContext& ctx);
Intents drawGuideStep(const ScreenContext& ctx);
Intents drawGuideFinish(const ScreenContext& ctx);
Intents drawSurvey(const ScreenContext& ctx); // two optional questions after a guide
Intents drawBooking(const ScreenContext& ctx);
Intents drawPinPad(const ScreenContext& ctx);
Intents drawStaff(const ScreenContext& ctx);
// Outside the opening hours, over the home screen: dimmed, the next opening; a touch wakes the kiosk.
Intents drawClosed(const ScreenContext& ctx);
// Drawn over any screen while the idle countdown runs.
Intents drawIdleCountdown(const ScreenContext& ctx);

// The current screen, and the countdown over it when it runs.
Intents drawCurrentScreen(const ScreenContext& ctx);

// Shared layout pieces.
// A title (and optional subtitle) across the top; returns the y below it. boldBody draws the title in bold
// body text instead of the title's size, where a short screen at large text has no room for that.
float drawHeader(const ScreenContext& ctx, const char* title, const char* subtitle = nullptr,
                 bool boldBody = false);
// The height drawHeader would take (the y below it), without drawing.
[[nodiscard]] float headerHeight(const ScreenContext& ctx, const char* title, const char* subtitle = nullptr,
                                 bool boldBody = false);
// The bottom bar: "Quay lại" on the left, "Trang đầu" beside it (every resident screen but home has it;
// the team's pages do not) and, if wanted, "Cần người giúp" on the right. With "Cần người giúp" the three
// are placed as placeButtons places them: each as wide as its label needs, or "Cần người giúp" on a row of
// its own under the two (a narrow screen at large text). Returns its top y.
float drawNavBar(const ScreenContext& ctx, Intents& intents, bool withHelp, bool withHome = true);
// The width of each button in that bar; a page's own main action on the right takes the same.
[[nodiscard]] float navButtonWidth(const Theme& theme, bool withHome);
// A big button's width for its label on one line in bold body text, padded as bigButton pads it.
[[nodiscard]] float oneLineButtonWidth(const Theme& theme, std::string_view label);

// A bottom bar without "Cần người giúp": "Quay lại" and "Trang đầu" on the left and, when the page has
// one, its own action on the right. Equal thirds as drawNavBar's while every label fits its third on one
// line; otherwise (a short screen at large text) each button as wide as its label on one line when the
// row has room, so the bar stays a target's height and the page keeps the room above it; where even that
// row has no room (a narrow screen at large text), "Quay lại" and "Trang đầu" take half the row each and the
// action a row of its own above them, so no word is split.
struct PageNavBar {
    float backWidth = 0;
    float homeWidth = 0;
    float actionWidth = 0;  // 0 without an action
    float actionHeight = 0; // the action's height (the bar's, unless it is above)
    bool actionAbove = false;
    float height = 0; // the whole bar's, the action's row included
};
[[nodiscard]] PageNavBar pageNavBar(const Theme& theme, const char* actionLabel);
// Draws that bar's "Quay lại" and "Trang đầu"; returns its top y (the action is the page's to draw there).
float drawPageNavBar(const ScreenContext& ctx, Intents& intents, const PageNavBar& bar);
// Where the page draws the bar's action, given the top drawPageNavBar returned.
[[nodiscard]] ImVec2 pageNavActionPos(const Theme& theme, const PageNavBar& bar, float top);

struct RowButton {
    const char* id;
    std::string label;
    kiosk::Intent intent;
    ColourPair colours;
};
// A resident's bottom bar: "Quay lại", "Trang đầu", "Cần người giúp" and the page's own fourth button
// (drawNavBar draws the first three).
[[nodiscard]] std::array<RowButton, 4> residentBar(const Palette& palette, RowButton fourth);
// Buttons placed in rows from a bottom edge up, each as wide as its label needs with the row's room shared
// out: one row if every label fits whole in one or two lines, else rows of two, else one a row (up to
// three lines each). count 0: nothing fits.
struct ButtonRows {
    int count = 0;
    float top = 0;
    ImVec2 min[4], max[4];
};
[[nodiscard]] ButtonRows placeButtons(const Metrics& m, ImFont* bold, float bottom,
                                      const std::vector<std::string>& labels);
// Draws the buttons where placeButtons put them; adds the intents of those tapped.
void drawPlaced(const ScreenContext& ctx, const ButtonRows& placed, const RowButton* buttons,
                Intents& intents);
// Equal-width big buttons across the screen with their top at y; adds the intents of those tapped.
void drawButtonRow(const ScreenContext& ctx, float y, const std::vector<RowButton>& buttons,
                   Intents& intents);
// The height drawButtonRow gives those buttons: their labels' lines with padding, at least a target's side.
[[nodiscard]] float buttonRowHeight(const ScreenContext& ctx, const std::vector<RowButton>& buttons);

} // namespace ui
