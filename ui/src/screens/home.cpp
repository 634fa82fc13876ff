// The home screen: the village's name, a tile per topic, booking help, and the text-size switch.
#include "content/topics.hpp"
#include "ui/paging.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

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

struct HomeTile {
    std::string id, title, subtitle;
    ColourPair colours;
    kiosk::Intent intent;
};

struct TileGrid {
    int columns, rows;
    float tileW, tileH;
};

std::string nextPageLabel(int page, int pages) {
    return page + 1 >= pages ? std::string(text::kFirstListPage)
                             : fmt::format(fmt::runtime(text::kNextListPage), page + 2, pages);
}

// Whether a tile's title fits it as bigButton draws it: in the title font when that fits the height, else
// in bold body text; either way with no word split across lines.
bool titleFits(const ScreenContext& ctx, std::string_view title, bool titleFont, float w, float h) {
    const float pad = ctx.theme.metrics().pxPerMm * 2.5f; // bigButton's, each side
    for (ImFont* font : {titleFont ? ctx.theme.title() : nullptr, ctx.theme.bodyBold()}) {
        if (!font) continue;
        bool broke = false;
        const auto lines = wrapLines(font, w - 2 * pad, title, &broke);
        if (static_cast<float>(lines.size()) * font->FontSize <= h - 2 * pad) return !broke;
    }
    return false;
}

// The most tiles a page whose titles all fit; the smallest grid when none does.
TileGrid tileGrid(const ScreenContext& ctx, ImVec2 screen, float top, const std::vector<HomeTile>& tiles) {
    const Metrics& m = ctx.theme.metrics();
    const bool landscape = screen.x >= screen.y;
    const std::vector<std::pair<int, int>> candidates =
        landscape ? std::vector<std::pair<int, int>>{{3, 2}, {2, 2}, {3, 1}, {2, 1}}
                  : std::vector<std::pair<int, int>>{{2, 3}, {2, 2}, {1, 3}, {1, 2}};
    const int count = static_cast<int>(tiles.size());
    TileGrid grid{};
    for (const auto& [columns, rows] : candidates) {
        grid.columns = columns;
        grid.rows = rows;
        grid.tileW = (screen.x - 2 * m.marginPx - static_cast<float>(columns - 1) * m.gapPx) /
                     static_cast<float>(columns);
        grid.tileH =
            std::max(m.targetPx, (screen.y - top - m.marginPx - static_cast<float>(rows - 1) * m.gapPx) /
                                     static_cast<float>(rows));
        const PageSplit split = splitIntoPages(count, columns * rows);
        bool fits = true;
        for (int i = 0; i < count && fits; ++i) {
            const int cell = i % std::max(1, split.itemsPerPage);
            const int span = !split.paged && i == count - 1 ? columns * rows - cell : 1;
            const float w = grid.tileW * static_cast<float>(span) + m.gapPx * static_cast<float>(span - 1);
            fits = titleFits(ctx, tiles[static_cast<size_t>(i)].title, true, w, grid.tileH);
        }
        for (int p = 0; split.paged && p < split.pages && fits; ++p)
            fits = titleFits(ctx, nextPageLabel(p, split.pages), false, grid.tileW, grid.tileH);
        if (fits) break;
    }
    return grid;
}

// "Cỡ chữ  [A] [A+] [A++]", right-aligned, its top at y; on a screen too narrow for the row, "Cỡ chữ" on a
// line of its own above the keys. Returns the y below it.
float drawTextSizeSwitch(const ScreenContext& ctx, Intents& intents, float y) {
    const Metrics& m = ctx.theme.metrics();
    SwitchLayout layout = textSizeSwitchLayout(ctx);
    const float screenW = ImGui::GetMainViewport()->Size.x;
    ImFont* font = ctx.theme.body();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    float x = screenW - m.marginPx - layout.width;
    if (x >= m.marginPx) {
        ImGui::GetWindowDrawList()->AddText(
            font, font->FontSize, ImVec2(x, y + (m.targetPx - font->FontSize) / 2), ink, text::kTextSize);
        x += layout.labelW + m.gapPx;
    } else {
        const float keysW = layout.width - layout.labelW - m.gapPx;
        x = screenW - m.marginPx - keysW;
        ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(x, y), ink, text::kTextSize);
        y += font->FontSize;
    }
    for (int level = 0; level < kiosk::kTextSizeCount; ++level) {
        bool current = ctx.app.state().textSize == level;
        ImGui::SetCursorScreenPos(ImVec2(x + static_cast<float>(level) * (layout.buttonW + m.gapPx), y));
        if (bigButton(ctx.targets, ctx.theme, "home.textsize." + std::to_string(level),
                      {text::kTextSizeLabels[level]}, ImVec2(layout.buttonW, m.targetPx),
                      current ? ctx.theme.palette().primaryButton : ctx.theme.palette().plainButton)) {
            intents.push_back(kiosk::intent::SetTextSize{level});
        }
    }
    return y + m.targetPx;
}

std::string placeLine(const kiosk::Config& config) {
    return config.commune.empty() ? text::kTapToStart : config.commune + " · " + text::kTapToStart;
}

// The height drawTextSizeSwitch takes.
float textSizeSwitchHeight(const ScreenContext& ctx) {
    const Metrics& m = ctx.theme.metrics();
    const float screenW = ImGui::GetMainViewport()->Size.x;
    const bool ownLine = screenW - m.marginPx - textSizeSwitchLayout(ctx).width < m.marginPx;
    return m.targetPx + (ownLine ? ctx.theme.body()->FontSize : 0.0f);
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
    const std::string line = placeLine(config);
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
    // Beside the switch the name and its line may wrap, so long as no word is split and the tiles get
    // more room than with the switch on a row of its own.
    const std::string line = placeLine(config);
    bool broke = besideW <= 0;
    float besideH = 0;
    if (!broke) {
        besideH = static_cast<float>(wrapLines(titleFont, besideW, config.village, &broke).size()) *
                      titleFont->FontSize +
                  static_cast<float>(wrapLines(ctx.theme.body(), besideW, line, &broke).size()) *
                      ctx.theme.body()->FontSize;
    }
    const float switchH = textSizeSwitchHeight(ctx);
    const float belowBottom = m.marginPx + wrappedTextHeight(titleFont, fullW, config.village) +
                              wrappedTextHeight(ctx.theme.body(), fullW, line) + m.gapPx + switchH;
    float tilesTop;
    if (!broke && m.marginPx + std::max(besideH, switchH) <= belowBottom) {
        float nameBottom = drawPlaceName(ctx, nameX, besideW);
        const float switchBottom = drawTextSizeSwitch(ctx, intents, m.marginPx);
        tilesTop = std::max(nameBottom, switchBottom) + m.gapPx;
    } else {
        float nameBottom = drawPlaceName(ctx, nameX, fullW);
        tilesTop = drawTextSizeSwitch(ctx, intents, nameBottom + m.gapPx) + m.gapPx;
    }

    // The tiles: every topic, then booking help. 3 x 2 in landscape and 2 x 3 in portrait, booking help
    // filling the last row; where the titles do not fit that (a small screen at large text), fewer and
    // bigger tiles a page, the last cell turning the page.
    std::vector<HomeTile> tiles;
    for (const content::Topic& topic : content::topics()) {
        tiles.push_back({"home.tile." + std::string(topic.id), std::string(topic.title),
                         std::string(topic.subtitle), topicColours(ctx.theme.palette(), topic.id),
                         kiosk::intent::OpenTopic{std::string(topic.id)}});
    }
    tiles.push_back({"home.tile.booking", text::kBookHelp, text::kBookHelpSubtitle, ctx.theme.palette().help,
                     kiosk::intent::OpenBooking{}});
    const TileGrid grid = tileGrid(ctx, screen, tilesTop, tiles);
    const int count = static_cast<int>(tiles.size());
    const int cells = grid.columns * grid.rows;
    const PageSplit split = splitIntoPages(count, cells);
    const int page = split.clamp(ctx.app.state().page);
    auto cellPos = [&](int index) {
        int col = index % grid.columns, row = index / grid.columns;
        return ImVec2(m.marginPx + static_cast<float>(col) * (grid.tileW + m.gapPx),
                      tilesTop + static_cast<float>(row) * (grid.tileH + m.gapPx));
    };
    int cell = 0;
    for (int i = split.first(page); i < split.end(page, count); ++i, ++cell) {
        const HomeTile& tile = tiles[static_cast<size_t>(i)];
        // Unpaged, the last tile (booking help) takes the cells left in its row.
        const int span = !split.paged && i == count - 1 ? cells - cell : 1;
        ImGui::SetCursorScreenPos(cellPos(cell));
        const float w = grid.tileW * static_cast<float>(span) + m.gapPx * static_cast<float>(span - 1);
        if (bigButton(ctx.targets, ctx.theme, tile.id, {tile.title, tile.subtitle}, ImVec2(w, grid.tileH),
                      tile.colours)) {
            intents.push_back(tile.intent);
        }
    }
    if (split.paged) {
        ImGui::SetCursorScreenPos(cellPos(cells - 1));
        const bool last = page + 1 >= split.pages;
        if (bigButton(ctx.targets, ctx.theme, "list.next_page", {nextPageLabel(page, split.pages)},
                      ImVec2(grid.tileW, grid.tileH), ctx.theme.palette().primaryButton)) {
            intents.push_back(kiosk::intent::ShowPage{last ? 0 : page + 1});
        }
    }
    endPage();
    return intents;
}

} // namespace ui
