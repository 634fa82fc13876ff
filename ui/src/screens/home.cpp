// The home screen: the village's name, a tile per topic, booking help, and the text-size switch.
#include "content/topics.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <string>

namespace ui {

namespace {
ColourPair topicColours(const Palette& p, std::string_view topicId) {
    if (topicId == "vneid") return p.vneid;
    if (topicId == "ihanoi") return p.ihanoi;
    if (topicId == "dichvucong") return p.publicServices;
    return p.safety;
}

// "Cỡ chữ  [A] [A+] [A++]" at the top right; returns its left edge.
float drawTextSizeSwitch(const ScreenContext& ctx, Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    float screenW = ImGui::GetMainViewport()->Size.x;
    float buttonW = m.targetPx * 1.15f;
    float x = screenW - m.marginPx - kiosk::kTextSizeCount * buttonW - (kiosk::kTextSizeCount - 1) * m.gapPx;
    for (int level = 0; level < kiosk::kTextSizeCount; ++level) {
        bool current = ctx.app.state().textSize == level;
        ImGui::SetCursorScreenPos(ImVec2(x + static_cast<float>(level) * (buttonW + m.gapPx), m.marginPx));
        if (bigButton(ctx.targets, ctx.theme, "home.textsize." + std::to_string(level),
                      {text::kTextSizeLabels[level]}, ImVec2(buttonW, m.targetPx),
                      current ? ctx.theme.palette().primaryButton : ctx.theme.palette().plainButton)) {
            intents.push_back(kiosk::intent::SetTextSize{level});
        }
    }
    ImFont* font = ctx.theme.body();
    float labelW = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text::kTextSize).x;
    float labelX = x - m.gapPx - labelW;
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize,
                                        ImVec2(labelX, m.marginPx + (m.targetPx - font->FontSize) / 2),
                                        toImColor(ctx.theme.palette().page.text), text::kTextSize);
    return labelX;
}
}  // namespace

Intents drawHome(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("home", ctx.theme)) {
        endPage();
        return intents;
    }
    const Metrics& m = ctx.theme.metrics();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    const kiosk::Config& config = ctx.app.config();

    float switchLeft = drawTextSizeSwitch(ctx, intents);
    // The village name, left of the switch (or above the tiles when the screen is narrow).
    float nameX = std::max(m.marginPx, m.cornerPx);
    float nameW = switchLeft - m.gapPx - nameX;
    if (nameW < m.targetPx * 2) nameW = screen.x - nameX - m.marginPx;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImU32 ink = toImColor(ctx.theme.palette().page.text);
    float y = m.marginPx;
    draw->AddText(ctx.theme.title(), ctx.theme.title()->FontSize, ImVec2(nameX, y), ink, config.village.c_str(),
                  nullptr, nameW);
    y += wrappedTextHeight(ctx.theme.title(), nameW, config.village);
    std::string line = config.commune.empty() ? text::kTapToStart : config.commune + " · " + text::kTapToStart;
    draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(nameX, y), ink, line.c_str(), nullptr, nameW);
    y += wrappedTextHeight(ctx.theme.body(), nameW, line);
    float tilesTop = std::max(y, m.marginPx + m.targetPx) + m.gapPx;

    // Tiles: 3 columns x 2 rows in landscape, 2 x 3 in portrait; "book help" fills the last row.
    bool landscape = screen.x >= screen.y;
    int columns = landscape ? 3 : 2;
    int rows = landscape ? 2 : 3;
    float tileW = (screen.x - 2 * m.marginPx - static_cast<float>(columns - 1) * m.gapPx) / static_cast<float>(columns);
    float tileH = (screen.y - tilesTop - m.marginPx - static_cast<float>(rows - 1) * m.gapPx) / static_cast<float>(rows);
    auto cellPos = [&](int index) {
        int col = index % columns, row = index / columns;
        return ImVec2(m.marginPx + static_cast<float>(col) * (tileW + m.gapPx),
                      tilesTop + static_cast<float>(row) * (tileH + m.gapPx));
    };
    int index = 0;
    for (const content::Topic& topic : content::topics()) {
        ImGui::SetCursorScreenPos(cellPos(index++));
        std::string title(topic.title), subtitle(topic.subtitle);
        if (bigButton(ctx.targets, ctx.theme, "home.tile." + std::string(topic.id), {title, subtitle},
                      ImVec2(tileW, tileH), topicColours(ctx.theme.palette(), topic.id))) {
            intents.push_back(kiosk::intent::OpenTopic{std::string(topic.id)});
        }
    }
    int cellsLeft = columns * rows - index;
    ImGui::SetCursorScreenPos(cellPos(index));
    float helpW = tileW * static_cast<float>(cellsLeft) + m.gapPx * static_cast<float>(cellsLeft - 1);
    if (bigButton(ctx.targets, ctx.theme, "home.tile.booking", {text::kBookHelp, text::kBookHelpSubtitle},
                  ImVec2(helpW, tileH), ctx.theme.palette().help)) {
        intents.push_back(kiosk::intent::OpenBooking{});
    }
    endPage();
    return intents;
}

}  // namespace ui
