// A topic's guides as big cards, a page at a time (never a scroll).
#include "content/topics.hpp"
#include "ui/paging.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <string>

namespace ui {

namespace {
struct Grid {
    int columns, rows;
    float cardW, cardH;
    bool fits = true; // every card's words fit its card, with a cell left to turn the page when needed
};

std::string cardDetails(const content::Guide& guide) {
    std::string details = fmt::format(fmt::runtime(text::kMinutes), guide.minutes) + " · " +
                          fmt::format(fmt::runtime(text::kSteps), guide.steps.size());
    if (guide.isNew) details += std::string(" · ") + text::kNewBadge;
    return details;
}

// Rows of cards tall enough for the longest title and its details (as bigButton draws them): with large
// text, fewer cards a page rather than words spilling out of a card onto the buttons below.
Grid listGrid(const ScreenContext& ctx, ImVec2 screen, float top, float bottom,
              const std::vector<const content::Guide*>& guides) {
    const Metrics& m = ctx.theme.metrics();
    bool landscape = screen.x >= screen.y;
    Grid g{landscape ? 2 : 1, 0, 0, 0};
    g.cardW = (screen.x - 2 * m.marginPx - static_cast<float>(g.columns - 1) * m.gapPx) /
              static_cast<float>(g.columns);
    const float pad = m.pxPerMm * 2.5f; // bigButton's
    float minCardH = std::max(m.targetPx * 1.2f, m.titleFontPx * 2.6f);
    for (const content::Guide* guide : guides) {
        const float words = wrappedTextHeight(ctx.theme.title(), g.cardW - 2 * pad, guide->title) +
                            wrappedTextHeight(ctx.theme.body(), g.cardW - 2 * pad, cardDetails(*guide));
        minCardH = std::max(minCardH, words + pad / 2 + 2 * pad);
    }
    float height = bottom - top;
    g.rows = std::max(1, static_cast<int>((height + m.gapPx) / (minCardH + m.gapPx)));
    g.rows = std::min(g.rows, 3);
    // A page holds at least a card and the page-turning cell, even if the words then run tight.
    const bool needsTurn = guides.size() > static_cast<size_t>(g.columns * g.rows);
    g.fits = height >= minCardH && (!needsTurn || g.columns * g.rows >= 2);
    if (g.columns * g.rows < 2) g.rows = 2;
    g.cardH = (height - static_cast<float>(g.rows - 1) * m.gapPx) / static_cast<float>(g.rows);
    return g;
}
} // namespace

Intents drawTopic(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("topic", ctx.theme)) {
        endPage();
        return intents;
    }
    const kiosk::State& state = ctx.app.state();
    const content::Topic* topic = content::findTopic(state.topicId);
    std::string title = topic ? std::string(topic->title) : state.topicId;
    std::string subtitle = topic ? std::string(topic->subtitle) : "";
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    float navTop = drawNavBar(ctx, intents, true);
    std::vector<const content::Guide*> guides = ctx.app.library().guidesForTopic(state.topicId);
    // The topic's subtitle (also on its home tile) gives way to the cards where both do not fit.
    if (!guides.empty() &&
        !listGrid(ctx, screen, headerHeight(ctx, title.c_str(), subtitle.c_str()), navTop - m.gapPx, guides)
             .fits)
        subtitle.clear();
    float top = drawHeader(ctx, title.c_str(), subtitle.c_str());
    if (guides.empty()) {
        ImGui::GetWindowDrawList()->AddText(
            ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(std::max(m.marginPx, m.cornerPx), top),
            toImColor(palette.page.text), text::kNoGuides, nullptr, screen.x - m.cornerPx - m.marginPx);
        endPage();
        return intents;
    }
    Grid grid = listGrid(ctx, screen, top, navTop - m.gapPx, guides);
    // The last cell of each page turns the page, so every page keeps the same big cards (listGrid gives a
    // page two cells at least).
    const int cells = grid.columns * grid.rows;
    const int count = static_cast<int>(guides.size());
    const PageSplit split = splitIntoPages(count, cells);
    const int pages = split.pages;
    const int page = split.clamp(state.page);
    const bool paged = split.paged;
    int cell = 0;
    auto cellPos = [&](int index) {
        return ImVec2(m.marginPx + static_cast<float>(index % grid.columns) * (grid.cardW + m.gapPx),
                      top + static_cast<float>(index / grid.columns) * (grid.cardH + m.gapPx));
    };
    for (int i = split.first(page); i < split.end(page, count); ++i, ++cell) {
        const content::Guide& guide = *guides[static_cast<size_t>(i)];
        ImGui::SetCursorScreenPos(cellPos(cell));
        if (bigButton(ctx.targets, ctx.theme, "guide." + guide.id, {guide.title, cardDetails(guide)},
                      ImVec2(grid.cardW, grid.cardH), palette.plainButton)) {
            intents.push_back(kiosk::intent::OpenGuide{guide.id});
        }
    }
    if (paged) {
        ImGui::SetCursorScreenPos(cellPos(cells - 1));
        bool last = page + 1 >= pages;
        std::string label = last ? std::string(text::kFirstListPage)
                                 : fmt::format(fmt::runtime(text::kNextListPage), page + 2, pages);
        if (bigButton(ctx.targets, ctx.theme, "list.next_page", {label}, ImVec2(grid.cardW, grid.cardH),
                      palette.primaryButton)) {
            intents.push_back(kiosk::intent::ShowPage{last ? 0 : page + 1});
        }
    }
    endPage();
    return intents;
}

} // namespace ui
