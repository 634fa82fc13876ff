// A topic's guides as big cards, a page at a time (never a scroll).
#include "content/topics.hpp"
#include "ui/paging.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace ui {

namespace {
std::string cardDetails(const content::Guide& guide) {
    std::string details = fmt::format(fmt::runtime(text::kMinutes), guide.minutes) + " · " +
                          fmt::format(fmt::runtime(text::kSteps), guide.steps.size());
    if (guide.isNew) details += std::string(" · ") + text::kNewBadge;
    return details;
}

// The page-turning cell's words: the next page, or back to the first from the last.
std::string turnLabel(int page, int pages) {
    if (page + 1 < pages) return fmt::format(fmt::runtime(text::kNextListPage), page + 2, pages);
    return text::kFirstListPage;
}

// How a topic's page is laid out. Tried in order until the cards' words fit: the usual bar of three and
// a grid whose last cell turns the page (with the topic's subtitle, then without); then (a 7" screen at
// A++) one column with the page turned by a fourth button in the bottom bar, so a card has the height a
// cell would have taken; then cards showing only their title in bold body text, as bigButton draws a
// card too small for its details; last, the topic's name in bold body text too (720x1280 at A++).
struct TopicLayout {
    bool withSubtitle = true;
    bool boldTitle = false; // the topic's name in bold body text
    bool turnInBar = false;
    ButtonRows bar;
    int columns = 1, rows = 1;
    float top = 0, cardW = 0, cardH = 0;
    bool fits = false;
};

TopicLayout layoutTopic(const ScreenContext& ctx, const std::string& title, const std::string& subtitle,
                        const std::vector<const content::Guide*>& guides) {
    const Metrics& m = ctx.theme.metrics();
    ImFont* bold = ctx.theme.bodyBold();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float bottom = screen.y - m.marginPx;
    const ButtonRows three = placeButtons(m, bold, bottom, {text::kBack, text::kHome, text::kNeedHelp});
    const ButtonRows four =
        placeButtons(m, bold, bottom, {text::kBack, text::kHome, text::kNeedHelp, text::kListNext});
    const float pad = m.pxPerMm * 2.5f; // bigButton's
    auto attempt = [&](bool withSubtitle, bool turnInBar, bool titleOnly, bool boldTitle) {
        TopicLayout l;
        l.withSubtitle = withSubtitle && !subtitle.empty();
        l.boldTitle = boldTitle;
        l.turnInBar = turnInBar;
        l.bar = turnInBar ? four : three;
        l.columns = !turnInBar && screen.x >= screen.y ? 2 : 1;
        l.cardW = (screen.x - 2 * m.marginPx - static_cast<float>(l.columns - 1) * m.gapPx) /
                  static_cast<float>(l.columns);
        l.top = headerHeight(ctx, title.c_str(), l.withSubtitle ? subtitle.c_str() : nullptr, boldTitle);
        // Every card as tall as the longest title (and its details) needs, so a page's cards match.
        float minCardH = titleOnly ? m.targetPx : std::max(m.targetPx * 1.2f, m.titleFontPx * 2.6f);
        for (const content::Guide* guide : guides) {
            const float words =
                titleOnly ? wrappedTextHeight(bold, l.cardW - 2 * pad, guide->title)
                          : wrappedTextHeight(ctx.theme.title(), l.cardW - 2 * pad, guide->title) +
                                wrappedTextHeight(ctx.theme.body(), l.cardW - 2 * pad, cardDetails(*guide)) +
                                pad / 2;
            minCardH = std::max(minCardH, words + 2 * pad);
        }
        const float height = l.bar.top - m.gapPx - l.top;
        l.rows = std::clamp(static_cast<int>((height + m.gapPx) / (minCardH + m.gapPx)), 1, 3);
        // With the turn in a cell, a page needs two cells where the guides need more than one page.
        const bool needsCell = !turnInBar && guides.size() > static_cast<size_t>(l.columns * l.rows);
        l.fits = height >= minCardH && (!needsCell || l.columns * l.rows >= 2);
        if (!turnInBar && l.columns * l.rows < 2) l.rows = 2;
        l.cardH = (height - static_cast<float>(l.rows - 1) * m.gapPx) / static_cast<float>(l.rows);
        return l;
    };
    TopicLayout layout;
    for (const auto& [withSubtitle, turnInBar, titleOnly, boldTitle] : {std::tuple{true, false, false, false},
                                                                        {false, false, false, false},
                                                                        {false, true, false, false},
                                                                        {false, true, true, false},
                                                                        {false, true, true, true}}) {
        layout = attempt(withSubtitle, turnInBar, titleOnly, boldTitle);
        if (layout.fits || guides.empty()) break;
    }
    return layout;
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
    const std::string title = topic ? std::string(topic->title) : state.topicId;
    const std::string subtitle = topic ? std::string(topic->subtitle) : "";
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const std::vector<const content::Guide*> guides = ctx.app.library().guidesForTopic(state.topicId);
    const TopicLayout layout = layoutTopic(ctx, title, subtitle, guides);
    const float top =
        drawHeader(ctx, title.c_str(), layout.withSubtitle ? subtitle.c_str() : nullptr, layout.boldTitle);
    const int count = static_cast<int>(guides.size());
    // With the turn in the bar every cell holds a card; else the last cell of each page turns the page,
    // so every page keeps the same big cards.
    const int cells = layout.columns * layout.rows;
    const PageSplit split = layout.turnInBar ? PageSplit{(count + cells - 1) / cells, cells, count > cells}
                                             : splitIntoPages(count, cells);
    const int page = split.clamp(state.page);
    if (layout.turnInBar && split.paged) {
        // "Xem tiếp" in the fourth slot; the last page leaves it empty ("Quay lại" goes back a page).
        const auto bar = residentBar(palette, {"list.next_page", text::kListNext,
                                               kiosk::intent::ShowPage{page + 1}, palette.primaryButton});
        ButtonRows placed = layout.bar;
        if (page + 1 == split.pages) placed.count = 3;
        drawPlaced(ctx, placed, bar.data(), intents);
    } else {
        drawNavBar(ctx, intents, true);
    }
    if (guides.empty()) {
        ImGui::GetWindowDrawList()->AddText(
            ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(std::max(m.marginPx, m.cornerPx), top),
            toImColor(palette.page.text), ctx.app.guidesLoaded() ? text::kNoGuides : text::kGuidesLoading,
            nullptr, screen.x - m.cornerPx - m.marginPx);
        endPage();
        return intents;
    }
    auto cellPos = [&](int index) {
        return ImVec2(m.marginPx + static_cast<float>(index % layout.columns) * (layout.cardW + m.gapPx),
                      top + static_cast<float>(index / layout.columns) * (layout.cardH + m.gapPx));
    };
    const ImVec2 cardSize(layout.cardW, layout.cardH);
    for (int i = split.first(page), cell = 0; i < split.end(page, count); ++i, ++cell) {
        const content::Guide& guide = *guides[static_cast<size_t>(i)];
        ImGui::SetCursorScreenPos(cellPos(cell));
        if (bigButton(ctx.targets, ctx.theme, "guide." + guide.id, {guide.title, cardDetails(guide)},
                      cardSize, palette.plainButton)) {
            intents.push_back(kiosk::intent::OpenGuide{guide.id});
        }
    }
    if (split.paged && !layout.turnInBar) {
        ImGui::SetCursorScreenPos(cellPos(cells - 1));
        if (bigButton(ctx.targets, ctx.theme, "list.next_page", {turnLabel(page, split.pages)}, cardSize,
                      palette.primaryButton)) {
            intents.push_back(kiosk::intent::ShowPage{page + 1 < split.pages ? page + 1 : 0});
        }
    }
    endPage();
    return intents;
}

} // namespace ui
