// Pieces every screen shares: the header and the bottom navigation bar.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace ui {

float drawHeader(const ScreenContext& ctx, const char* title, const char* subtitle, bool boldBody) {
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImU32 colour = toImColor(ctx.theme.palette().page.text);
    ImFont* titleFont = boldBody ? ctx.theme.bodyBold() : ctx.theme.title();
    // Text starts right of the hidden staff corner, so the corner never sits on anything to tap.
    float x = std::max(m.marginPx, m.cornerPx);
    float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
    float y = m.marginPx;
    draw->AddText(titleFont, titleFont->FontSize, ImVec2(x, y), colour, title, nullptr, width);
    y += wrappedTextHeight(titleFont, width, title);
    if (subtitle && *subtitle) {
        draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(x, y), colour, subtitle, nullptr,
                      width);
        y += wrappedTextHeight(ctx.theme.body(), width, subtitle);
    }
    return y + m.gapPx;
}

float headerHeight(const ScreenContext& ctx, const char* title, const char* subtitle, bool boldBody) {
    const Metrics& m = ctx.theme.metrics();
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
    float y =
        m.marginPx + wrappedTextHeight(boldBody ? ctx.theme.bodyBold() : ctx.theme.title(), width, title);
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

float heightForLines(const Theme& theme, int lines) {
    const float pad = theme.metrics().pxPerMm * kButtonPadMm;
    return std::max(theme.metrics().targetPx,
                    std::ceil(static_cast<float>(lines) * theme.bodyBold()->FontSize + 2 * pad));
}

// The bar without "Cần người giúp": equal slots, as tall as the tallest of the three bar labels in a third,
// so every screen's bar is the same height.
struct NavLayout {
    float width = 0;
    float rowHeight = 0;
};

NavLayout navLayout(const Theme& theme, bool withHome) {
    const Metrics& m = theme.metrics();
    NavLayout layout;
    layout.width = navButtonWidth(theme, withHome);
    const float third = navButtonWidth(theme, true);
    int lines = 1;
    for (const char* label : {text::kBack, text::kHome, text::kNeedHelp})
        lines = std::max(
            lines, static_cast<int>(
                       wrapLines(theme.bodyBold(), third - 2 * m.pxPerMm * kButtonPadMm, label).size()));
    layout.rowHeight = heightForLines(theme, lines);
    return layout;
}
} // namespace

std::array<RowButton, 4> residentBar(const Palette& palette, RowButton fourth) {
    return {RowButton{"nav.back", text::kBack, kiosk::intent::Back{}, palette.plainButton},
            RowButton{"nav.home", text::kHome, kiosk::intent::GoHome{}, palette.plainButton},
            RowButton{"nav.help", text::kNeedHelp, kiosk::intent::OpenBooking{}, palette.help},
            std::move(fourth)};
}

float drawNavBar(const ScreenContext& ctx, Intents& intents, bool withHelp, bool withHome) {
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    if (withHelp) { // a resident's screen, so "Trang đầu" too
        const ButtonRows placed = placeButtons(m, ctx.theme.bodyBold(), screen.y - m.marginPx,
                                               {text::kBack, text::kHome, text::kNeedHelp});
        drawPlaced(ctx, placed, residentBar(palette, {}).data(), intents);
        return placed.top;
    }
    const NavLayout layout = navLayout(ctx.theme, withHome);
    const float top = screen.y - m.marginPx - layout.rowHeight;
    const ImVec2 size(layout.width, layout.rowHeight);
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx, top));
    if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, size, palette.plainButton))
        intents.push_back(kiosk::intent::Back{});
    if (withHome) {
        ImGui::SetCursorScreenPos(ImVec2(m.marginPx + layout.width + m.gapPx, top));
        if (bigButton(ctx.targets, ctx.theme, "nav.home", {text::kHome}, size, palette.plainButton))
            intents.push_back(kiosk::intent::GoHome{});
    }
    return top;
}

ButtonRows placeButtons(const Metrics& m, ImFont* bold, float bottom,
                        const std::vector<std::string>& labels) {
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    const float room = ImGui::GetMainViewport()->Size.x - 2 * m.marginPx;
    const int count = static_cast<int>(labels.size());
    const struct { int perRow, maxLines; } tries[] = {{count, 2}, {2, 3}, {1, 3}};
    for (const auto& t : tries) {
        for (int lines = 1; lines <= t.maxLines; ++lines) {
            std::vector<float> need(labels.size());
            for (int i = 0; i < count; ++i)
                need[i] = std::max(m.targetPx, narrowestBoxFor(bold, labels[i], lines) + 2 * pad);
            const int rows = (count + t.perRow - 1) / t.perRow;
            bool fits = true;
            for (int r = 0; r < rows && fits; ++r) {
                float used = 0;
                for (int i = r * t.perRow; i < std::min(count, (r + 1) * t.perRow); ++i)
                    used += need[i] + (i > r * t.perRow ? m.gapPx : 0);
                fits = used <= room;
            }
            if (!fits) continue;
            const float height =
                std::max(m.targetPx, std::ceil(static_cast<float>(lines) * bold->FontSize + 2 * pad));
            ButtonRows placed;
            placed.count = count;
            placed.top = bottom - static_cast<float>(rows) * (height + m.gapPx) + m.gapPx;
            for (int r = 0; r < rows; ++r) {
                const int first = r * t.perRow, end = std::min(count, (r + 1) * t.perRow);
                float used = static_cast<float>(end - first - 1) * m.gapPx;
                for (int i = first; i < end; ++i)
                    used += need[i];
                const float extra = (room - used) / static_cast<float>(end - first);
                float x = m.marginPx;
                const float y = placed.top + static_cast<float>(r) * (height + m.gapPx);
                for (int i = first; i < end; ++i) {
                    placed.min[i] = ImVec2(x, y);
                    placed.max[i] = ImVec2(x + need[i] + extra, y + height);
                    x = placed.max[i].x + m.gapPx;
                }
            }
            return placed;
        }
    }
    return {};
}

void drawPlaced(const ScreenContext& ctx, const ButtonRows& placed, const RowButton* buttons,
                Intents& intents) {
    for (int i = 0; i < placed.count; ++i) {
        ImGui::SetCursorScreenPos(placed.min[i]);
        const ImVec2 size(placed.max[i].x - placed.min[i].x, placed.max[i].y - placed.min[i].y);
        if (bigButton(ctx.targets, ctx.theme, buttons[i].id, {buttons[i].label}, size, buttons[i].colours))
            intents.push_back(buttons[i].intent);
    }
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
