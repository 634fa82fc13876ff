// The home screen: the village's name, a tile per topic, booking help, and the text-size switch.
#include "content/topics.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace ui {

namespace {
ColourPair topicColours(const Palette& p, std::string_view topicId) {
    if (topicId == "vneid") return p.vneid;
    if (topicId == "ihanoi") return p.ihanoi;
    if (topicId == "dichvucong") return p.publicServices;
    return p.safety;
}

struct SwitchLayout {
    float buttonW, labelW, width;
};

SwitchLayout textSizeSwitchLayout(const ScreenContext& ctx) {
    const Metrics& m = ctx.theme.metrics();
    // Every key as wide as the widest label ("A++" in bold at A++) needs inside bigButton's padding.
    float buttonW = m.targetPx * 1.15f;
    ImFont* bold = ctx.theme.bodyBold();
    for (const char* label : text::kTextSizeLabels) {
        const float labelW = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, label).x;
        buttonW = std::max(buttonW, std::ceil(labelW + 2 * m.pxPerMm * 2.5f + 2));
    }
    ImFont* font = ctx.theme.body();
    float labelW = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text::kTextSize).x;
    float count = static_cast<float>(kiosk::kTextSizeCount);
    return {buttonW, labelW, labelW + m.gapPx + count * buttonW + (count - 1) * m.gapPx};
}

// "Cỡ chữ  [A] [A+] [A++]", right-aligned, its top at y.
void drawTextSizeSwitch(const ScreenContext& ctx, Intents& intents, float y) {
    const Metrics& m = ctx.theme.metrics();
    SwitchLayout layout = textSizeSwitchLayout(ctx);
    float x = ImGui::GetMainViewport()->Size.x - m.marginPx - layout.width;
    ImFont* font = ctx.theme.body();
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize,
                                        ImVec2(x, y + (m.targetPx - font->FontSize) / 2),
                                        toImColor(ctx.theme.palette().page.text), text::kTextSize);
    x += layout.labelW + m.gapPx;
    for (int level = 0; level < kiosk::kTextSizeCount; ++level) {
        bool current = ctx.app.state().textSize == level;
        ImGui::SetCursorScreenPos(ImVec2(x + static_cast<float>(level) * (layout.buttonW + m.gapPx), y));
        if (bigButton(ctx.targets, ctx.theme, "home.textsize." + std::to_string(level),
                      {text::kTextSizeLabels[level]}, ImVec2(layout.buttonW, m.targetPx),
                      current ? ctx.theme.palette().primaryButton : ctx.theme.palette().plainButton)) {
            intents.push_back(kiosk::intent::SetTextSize{level});
        }
    }
}

// The village's name and the commune; returns the y below them.
float drawPlaceName(const ScreenContext& ctx, float x, float width) {
    const kiosk::Config& config = ctx.app.config();
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImU32 ink = toImColor(ctx.theme.palette().page.text);
    float y = m.marginPx;
    draw->AddText(ctx.theme.title(), ctx.theme.title()->FontSize, ImVec2(x, y), ink, config.village.c_str(),
                  nullptr, width);
    y += wrappedTextHeight(ctx.theme.title(), width, config.village);
    std::string line =
        config.commune.empty() ? text::kTapToStart : config.commune + " · " + text::kTapToStart;
    draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(x, y), ink, line.c_str(), nullptr,
                  width);
    return y + wrappedTextHeight(ctx.theme.body(), width, line);
}
} // namespace

Intents drawHome(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("home", ctx.theme)) {
        endPage();
        return intents;
    }
    const Metrics& m = ctx.theme.metrics();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    const kiosk::Config& config = ctx.app.config();

    // The place name and the text-size switch share the top row when both fit; otherwise the
    // switch goes on its own row below the name (narrow and portrait screens).
    float nameX = std::max(m.marginPx, m.cornerPx);
    float fullW = screen.x - nameX - m.marginPx;
    float besideW = fullW - textSizeSwitchLayout(ctx).width - m.gapPx;
    ImFont* titleFont = ctx.theme.title();
    float nameW = titleFont->CalcTextSizeA(titleFont->FontSize, FLT_MAX, 0, config.village.c_str()).x;
    float tilesTop;
    if (nameW <= besideW) {
        float nameBottom = drawPlaceName(ctx, nameX, besideW);
        drawTextSizeSwitch(ctx, intents, m.marginPx);
        tilesTop = std::max(nameBottom, m.marginPx + m.targetPx) + m.gapPx;
    } else {
        float nameBottom = drawPlaceName(ctx, nameX, fullW);
        drawTextSizeSwitch(ctx, intents, nameBottom + m.gapPx);
        tilesTop = nameBottom + m.gapPx + m.targetPx + m.gapPx;
    }

    // Tiles: 3 columns x 2 rows in landscape, 2 x 3 in portrait; "book help" fills the last row.
    bool landscape = screen.x >= screen.y;
    int columns = landscape ? 3 : 2;
    int rows = landscape ? 2 : 3;
    float tileW =
        (screen.x - 2 * m.marginPx - static_cast<float>(columns - 1) * m.gapPx) / static_cast<float>(columns);
    float tileH = (screen.y - tilesTop - m.marginPx - static_cast<float>(rows - 1) * m.gapPx) /
                  static_cast<float>(rows);
    auto cellPos = [&](int index) {
        int col = index % columns, row = index / columns;
        return ImVec2(m.marginPx + static_cast<float>(col) * (tileW + m.gapPx),
                      tilesTop + static_cast<float>(row) * (tileH + m.gapPx));
    };
    int index = 0;
    for (const content::Topic& topic : content::topics()) {
        ImGui::SetCursorScreenPos(cellPos(index++));
        if (bigButton(ctx.targets, ctx.theme, "home.tile." + std::string(topic.id),
                      {topic.title, topic.subtitle}, ImVec2(tileW, tileH),
                      topicColours(ctx.theme.palette(), topic.id))) {
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

} // namespace ui
