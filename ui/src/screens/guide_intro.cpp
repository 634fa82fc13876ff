// A guide's first page: what the resident will learn, what to bring, and how to start.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

namespace ui {

Intents drawGuideIntro(const ScreenContext& ctx) {
    Intents intents;
    const content::Guide* guide = ctx.app.currentGuide();
    if (!beginPage("guide-intro", ctx.theme) || !guide) {
        endPage();
        return intents;
    }
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    float y = drawHeader(ctx, guide->title.c_str(), guide->summary.c_str());
    float navTop = drawNavBar(ctx, intents, true);

    // Two big start buttons above the bottom bar; the lists fill what is left above them.
    float buttonsTop = navTop - m.gapPx - m.targetPx * 1.2f;
    float x = std::max(m.marginPx, m.cornerPx);
    bool landscape = screen.x >= screen.y;
    float columnW = landscape ? (screen.x - x - m.marginPx - m.gapPx * 2) / 2 : screen.x - x - m.marginPx;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImU32 ink = toImColor(palette.page.text);
    auto list = [&](float left, float top, const char* heading, const std::vector<std::string>& items) {
        if (items.empty()) return top;
        draw->AddText(ctx.theme.bodyBold(), ctx.theme.bodyBold()->FontSize, ImVec2(left, top), ink, heading);
        top += ctx.theme.bodyBold()->FontSize;
        for (const std::string& item : items) {
            std::string line = "• " + item;
            float h = wrappedTextHeight(ctx.theme.body(), columnW, line);
            if (top + h > buttonsTop - m.gapPx) break; // a page, never a scroll
            draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(left, top), ink, line.c_str(),
                          nullptr, columnW);
            top += h;
        }
        return top + m.gapPx;
    };
    float after = list(x, y, text::kYouWillLearn, guide->learn);
    if (landscape)
        list(x + columnW + m.gapPx * 2, y, text::kBring, guide->prerequisites);
    else
        list(x, after, text::kBring, guide->prerequisites);

    float buttonW = (screen.x - 2 * m.marginPx - m.gapPx) / 2;
    std::string start =
        fmt::format("{} ({})", text::kStartGuide, fmt::format(fmt::runtime(text::kMinutes), guide->minutes));
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx, buttonsTop));
    if (bigButton(ctx.targets, ctx.theme, "intro.start", {start}, ImVec2(buttonW, m.targetPx * 1.2f),
                  palette.primaryButton)) {
        intents.push_back(kiosk::intent::StartGuide{false});
    }
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx + buttonW + m.gapPx, buttonsTop));
    if (bigButton(ctx.targets, ctx.theme, "intro.practice", {text::kStartPractice},
                  ImVec2(buttonW, m.targetPx * 1.2f), palette.publicServices)) {
        intents.push_back(kiosk::intent::StartGuide{true});
    }
    endPage();
    return intents;
}

} // namespace ui
