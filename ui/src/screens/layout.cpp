// Pieces every screen shares: the header and the bottom navigation bar.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace ui {

float drawHeader(const ScreenContext& ctx, const char* title, const char* subtitle) {
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImU32 colour = toImColor(ctx.theme.palette().page.text);
    // Text starts right of the hidden staff corner, so the corner never sits on anything to tap.
    float x = std::max(m.marginPx, m.cornerPx);
    float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
    float y = m.marginPx;
    float titleH = wrappedTextHeight(ctx.theme.title(), width, title);
    draw->AddText(ctx.theme.title(), ctx.theme.title()->FontSize, ImVec2(x, y), colour, title, nullptr,
                  width);
    y += titleH;
    if (subtitle && *subtitle) {
        draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(x, y), colour, subtitle, nullptr,
                      width);
        y += wrappedTextHeight(ctx.theme.body(), width, subtitle);
    }
    return y + m.gapPx;
}

float headerHeight(const ScreenContext& ctx, const char* title, const char* subtitle) {
    const Metrics& m = ctx.theme.metrics();
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
    float y = m.marginPx + wrappedTextHeight(ctx.theme.title(), width, title);
    if (subtitle && *subtitle) y += wrappedTextHeight(ctx.theme.body(), width, subtitle);
    return y + m.gapPx;
}

float navButtonWidth(const Theme& theme, bool withHome) {
    const Metrics& m = theme.metrics();
    const float screenW = ImGui::GetMainViewport()->Size.x;
    // With "Trang đầu" the bar has three equal slots; without it (the team's pages) two ends.
    if (withHome) return std::max(m.targetPx, (screenW - 2 * m.marginPx - 2 * m.gapPx) / 3);
    return std::max(m.targetPx * 2.2f, (screenW - 2 * m.marginPx - m.gapPx) / 3);
}

namespace {
const float kButtonPadMm = 2.5f; // bigButton's padding, each side

// A label's lines in a button of that width, in bold body text; 0 when a word would have to be split.
int labelLines(const Theme& theme, const char* label, float width) {
    bool broke = false;
    const auto lines =
        wrapLines(theme.bodyBold(), width - 2 * theme.metrics().pxPerMm * kButtonPadMm, label, &broke);
    return broke ? 0 : static_cast<int>(lines.size());
}

float heightForLines(const Theme& theme, int lines) {
    const float pad = theme.metrics().pxPerMm * kButtonPadMm;
    return std::max(theme.metrics().targetPx,
                    std::ceil(static_cast<float>(lines) * theme.bodyBold()->FontSize + 2 * pad));
}

// Where the bar's buttons go. One row when every label fits its slot without splitting a word; otherwise
// (a narrow screen at large text) "Cần người giúp" gets a row of its own above "Quay lại" and "Trang đầu".
struct NavLayout {
    bool twoRows = false;
    float width = 0;      // of each button in the one row, or of "Quay lại" and "Trang đầu" in two
    float rowHeight = 0;  // of the bottom row (the only one, or "Quay lại" and "Trang đầu")
    float helpHeight = 0; // of "Cần người giúp" on its own row
    [[nodiscard]] float height(const Metrics& m) const {
        return rowHeight + (twoRows ? helpHeight + m.gapPx : 0.0f);
    }
};

NavLayout navLayout(const Theme& theme, bool withHelp, bool withHome) {
    const Metrics& m = theme.metrics();
    NavLayout layout;
    layout.width = navButtonWidth(theme, withHome);
    // The row as tall as the tallest of the three labels in a third, so every screen's bar is the same.
    const float third = navButtonWidth(theme, true);
    int lines = 1;
    for (const char* label : {text::kBack, text::kHome, text::kNeedHelp})
        lines = std::max(
            lines, static_cast<int>(
                       wrapLines(theme.bodyBold(), third - 2 * m.pxPerMm * kButtonPadMm, label).size()));
    const bool fits = labelLines(theme, text::kBack, layout.width) > 0 &&
                      labelLines(theme, text::kHome, layout.width) > 0 &&
                      labelLines(theme, text::kNeedHelp, layout.width) > 0;
    if (fits || !withHelp) {
        layout.rowHeight = heightForLines(theme, lines);
        return layout;
    }
    layout.twoRows = true;
    const float screenW = ImGui::GetMainViewport()->Size.x;
    const float fullW = screenW - 2 * m.marginPx;
    layout.width = withHome ? (fullW - m.gapPx) / 2 : fullW;
    layout.rowHeight = heightForLines(theme, std::max({1, labelLines(theme, text::kBack, layout.width),
                                                       labelLines(theme, text::kHome, layout.width)}));
    layout.helpHeight = heightForLines(theme, std::max(1, labelLines(theme, text::kNeedHelp, fullW)));
    return layout;
}
} // namespace

float navBarHeight(const Theme& theme, bool withHelp, bool withHome) {
    return navLayout(theme, withHelp, withHome).height(theme.metrics()) + theme.metrics().marginPx;
}

float drawNavBar(const ScreenContext& ctx, Intents& intents, bool withHelp, bool withHome) {
    const Metrics& m = ctx.theme.metrics();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    const NavLayout layout = navLayout(ctx.theme, withHelp, withHome);
    const float top = screen.y - m.marginPx - layout.height(m);
    const float rowTop = screen.y - m.marginPx - layout.rowHeight;
    const float width = layout.width, height = layout.rowHeight;
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx, rowTop));
    if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, ImVec2(width, height),
                  ctx.theme.palette().plainButton)) {
        intents.push_back(kiosk::intent::Back{});
    }
    if (withHome) {
        ImGui::SetCursorScreenPos(ImVec2(m.marginPx + width + m.gapPx, rowTop));
        if (bigButton(ctx.targets, ctx.theme, "nav.home", {text::kHome}, ImVec2(width, height),
                      ctx.theme.palette().plainButton)) {
            intents.push_back(kiosk::intent::GoHome{});
        }
    }
    if (withHelp) {
        const ImVec2 size =
            layout.twoRows ? ImVec2(screen.x - 2 * m.marginPx, layout.helpHeight) : ImVec2(width, height);
        ImGui::SetCursorScreenPos(layout.twoRows ? ImVec2(m.marginPx, top)
                                                 : ImVec2(screen.x - m.marginPx - width, rowTop));
        if (bigButton(ctx.targets, ctx.theme, "nav.help", {text::kNeedHelp}, size,
                      ctx.theme.palette().help)) {
            intents.push_back(kiosk::intent::OpenBooking{});
        }
    }
    return top;
}

float oneLineButtonWidth(const Theme& theme, std::string_view label) {
    ImFont* bold = theme.bodyBold();
    const float pad = theme.metrics().pxPerMm * 2.5f; // bigButton's, each side
    return std::ceil(
               bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label.data(), label.data() + label.size()).x +
               2 * pad) +
           1;
}

namespace {
float labelledButtonHeight(const Theme& theme, const char* label, float width) {
    const Metrics& m = theme.metrics();
    const float pad = m.pxPerMm * 2.5f;
    ImFont* bold = theme.bodyBold();
    const auto lines = static_cast<float>(wrapLines(bold, width - 2 * pad, label).size());
    return std::max(m.targetPx, std::ceil(lines * bold->FontSize + 2 * pad));
}
} // namespace

PageNavBar pageNavBar(const Theme& theme, const char* actionLabel) {
    const Metrics& m = theme.metrics();
    const float screenW = ImGui::GetMainViewport()->Size.x;
    const float third = navButtonWidth(theme, true);
    const float back = std::max(m.targetPx, oneLineButtonWidth(theme, text::kBack));
    const float home = std::max(m.targetPx, oneLineButtonWidth(theme, text::kHome));
    const float action = actionLabel ? std::max(m.targetPx, oneLineButtonWidth(theme, actionLabel)) : 0.0f;
    PageNavBar bar{third, third, actionLabel ? third : 0.0f, 0, false, 0};
    const bool fitThirds = back <= third && home <= third && action <= third;
    const float room = screenW - 2 * m.marginPx - 2 * m.gapPx;
    if (!fitThirds && back + home + action <= room) {
        // Each as wide as its label needs; what is left goes to the page's action (the next step), or, on
        // a page without one, the two keep at least a third each.
        bar.backWidth = std::max(back, actionLabel ? back : third);
        bar.homeWidth = std::max(home, actionLabel ? home : third);
        if (actionLabel) bar.actionWidth = room - bar.backWidth - bar.homeWidth;
    } else if (!fitThirds) {
        // No room for the three in a row: the two share it, the action goes above them across the screen.
        const float half = (screenW - 2 * m.marginPx - m.gapPx) / 2;
        bar.backWidth = half;
        bar.homeWidth = half;
        if (actionLabel) {
            bar.actionWidth = screenW - 2 * m.marginPx;
            bar.actionAbove = true;
        }
    }
    bar.height = std::max(labelledButtonHeight(theme, text::kBack, bar.backWidth),
                          labelledButtonHeight(theme, text::kHome, bar.homeWidth));
    if (actionLabel) {
        bar.actionHeight = labelledButtonHeight(theme, actionLabel, bar.actionWidth);
        if (bar.actionAbove) {
            bar.height += m.gapPx + bar.actionHeight;
        } else {
            bar.height = std::max(bar.height, bar.actionHeight);
            bar.actionHeight = bar.height;
        }
    }
    return bar;
}

float drawPageNavBar(const ScreenContext& ctx, Intents& intents, const PageNavBar& bar) {
    const Metrics& m = ctx.theme.metrics();
    const float top = ImGui::GetMainViewport()->Size.y - m.marginPx - bar.height;
    const float rowTop = bar.actionAbove ? top + bar.actionHeight + m.gapPx : top;
    const float rowH = bar.actionAbove ? bar.height - bar.actionHeight - m.gapPx : bar.height;
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx, rowTop));
    if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, ImVec2(bar.backWidth, rowH),
                  ctx.theme.palette().plainButton)) {
        intents.push_back(kiosk::intent::Back{});
    }
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx + bar.backWidth + m.gapPx, rowTop));
    if (bigButton(ctx.targets, ctx.theme, "nav.home", {text::kHome}, ImVec2(bar.homeWidth, rowH),
                  ctx.theme.palette().plainButton)) {
        intents.push_back(kiosk::intent::GoHome{});
    }
    return top;
}

ImVec2 pageNavActionPos(const Theme& theme, const PageNavBar& bar, float top) {
    const Metrics& m = theme.metrics();
    if (bar.actionAbove) return ImVec2(m.marginPx, top);
    return ImVec2(ImGui::GetMainViewport()->Size.x - m.marginPx - bar.actionWidth, top);
}

namespace {
float buttonRowWidth(const ScreenContext& ctx, const std::vector<RowButton>& buttons) {
    const Metrics& m = ctx.theme.metrics();
    float count = static_cast<float>(buttons.size());
    return (ImGui::GetMainViewport()->Size.x - 2 * m.marginPx - (count - 1) * m.gapPx) / count;
}
} // namespace

float buttonRowHeight(const ScreenContext& ctx, const std::vector<RowButton>& buttons) {
    const Metrics& m = ctx.theme.metrics();
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    const float width = buttonRowWidth(ctx, buttons);
    ImFont* bold = ctx.theme.bodyBold();
    float height = m.targetPx;
    for (const RowButton& button : buttons) {
        const auto lines = static_cast<float>(wrapLines(bold, width - 2 * pad, button.label).size());
        height = std::max(height, std::ceil(lines * bold->FontSize + 2 * pad));
    }
    return height;
}

void drawButtonRow(const ScreenContext& ctx, float y, const std::vector<RowButton>& buttons,
                   Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const float width = buttonRowWidth(ctx, buttons);
    const float height = buttonRowHeight(ctx, buttons);
    for (size_t i = 0; i < buttons.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(m.marginPx + static_cast<float>(i) * (width + m.gapPx), y));
        if (bigButton(ctx.targets, ctx.theme, buttons[i].id, {buttons[i].label}, ImVec2(width, height),
                      buttons[i].colours)) {
            intents.push_back(buttons[i].intent);
        }
    }
}

Intents drawCurrentScreen(const ScreenContext& ctx) {
    if (ctx.app.state().closed) return drawClosed(ctx);
    Intents intents;
    switch (ctx.app.state().screen) {
    case kiosk::Screen::Home:
        intents = drawHome(ctx);
        break;
    case kiosk::Screen::Topic:
        intents = drawTopic(ctx);
        break;
    case kiosk::Screen::GuideIntro:
        intents = drawGuideIntro(ctx);
        break;
    case kiosk::Screen::GuideStep:
        intents = drawGuideStep(ctx);
        break;
    case kiosk::Screen::Survey:
        intents = drawSurvey(ctx);
        break;
    case kiosk::Screen::GuideFinish:
        intents = drawGuideFinish(ctx);
        break;
    case kiosk::Screen::Booking:
        intents = drawBooking(ctx);
        break;
    case kiosk::Screen::StaffPin:
        intents = drawPinPad(ctx);
        break;
    case kiosk::Screen::Staff:
        intents = drawStaff(ctx);
        break;
    }
    if (ctx.app.state().countdownEndsAt) {
        Intents more = drawIdleCountdown(ctx);
        intents.insert(intents.end(), more.begin(), more.end());
    }
    return intents;
}

} // namespace ui
