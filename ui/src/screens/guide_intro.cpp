// A guide's first page: what the resident will learn, what to bring, and how to start. Lists too long for
// the screen (large text on a small one) go on pages with "Xem tiếp", never silently cut.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
// A list's heading ("Bác sẽ học:") and its items, as they will be drawn in a column.
struct IntroList {
    const char* heading; // none for the end of a summary carried over from the first page
    const std::vector<std::string>* items;
    std::string owner; // "intro.learn" or "intro.bring": item i is recorded as owner + ".i"
    bool bullets = true;
};

struct IntroLine {
    const IntroList* list;
    int item;         // -1: the heading
    std::string text; // one wrapped line of the item
};
using IntroColumnPage = std::vector<IntroLine>;

// The lists of one column in pages, line by line (a long item goes on over the page), the first page
// firstRoom px tall and the others laterRoom; a page that starts inside a list shows its heading again.
std::vector<IntroColumnPage> pageColumn(const ScreenContext& ctx, const std::vector<const IntroList*>& lists,
                                        float width, float firstRoom, float laterRoom) {
    const Metrics& m = ctx.theme.metrics();
    ImFont* body = ctx.theme.body();
    const float headingH = ctx.theme.bodyBold()->FontSize;
    // A first page (under the summary) without room for a heading and a line leaves the lists to the next.
    std::vector<IntroColumnPage> pages(firstRoom < headingH + body->FontSize ? 2 : 1);
    float used = 0;
    for (const IntroList* list : lists) {
        if (list->items->empty()) continue;
        bool headed = false;
        for (size_t i = 0; i < list->items->size(); ++i) {
            const std::string item = (list->bullets ? "• " : "") + (*list->items)[i];
            for (std::string_view line : wrapLines(body, width, item)) {
                const float room = pages.size() == 1 ? firstRoom : laterRoom;
                const float headingRoom = headed || !list->heading ? 0 : headingH;
                if (!pages.back().empty() && used + headingRoom + body->FontSize > room) {
                    pages.emplace_back();
                    used = 0;
                    headed = false;
                }
                if (!headed && list->heading) {
                    if (!pages.back().empty()) used += m.gapPx;
                    pages.back().push_back({list, -1, {}});
                    used += headingH;
                }
                headed = true;
                pages.back().push_back({list, static_cast<int>(i), std::string(line)});
                used += body->FontSize;
            }
        }
    }
    if (pages.back().empty()) pages.resize(1); // no lists at all: one page, nothing to turn
    return pages;
}

void drawColumnPage(const ScreenContext& ctx, const IntroColumnPage& page, float left, float top,
                    float width) {
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    ImFont* body = ctx.theme.body();
    for (size_t n = 0; n < page.size(); ++n) {
        const IntroLine& line = page[n];
        if (line.item < 0) {
            if (n > 0) top += m.gapPx;
            ImFont* bold = ctx.theme.bodyBold();
            draw->AddText(bold, bold->FontSize, ImVec2(left, top), ink, line.list->heading);
            top += bold->FontSize;
            continue;
        }
        draw->AddText(body, body->FontSize, ImVec2(left, top), ink, line.text.c_str());
        // Recorded, so a test can tell every item was shown on some page.
        const ImVec2 min(left, top), max(left + width, top + body->FontSize);
        ctx.targets.addText({fmt::format("{}.{}", line.list->owner, line.item), min, max, min, max});
        top += body->FontSize;
    }
}
// A short screen at large text (the Pi's 7" at A++), where the usual three rows of buttons would leave the
// words no room. One bar of four: "Quay lại", "Trang đầu", "Cần người giúp" and "Tiếp theo", which turns the
// pages and on the last one starts the guide, as on a step. The first page has the title and the two start
// buttons for whoever wants to begin at once; the summary and the lists follow, a column the screen's width,
// "Phần 2/3" at each later page's foot. Returns false where even that bar does not fit in one row.
bool drawCompactIntro(const ScreenContext& ctx, const content::Guide& guide, Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImFont* bold = ctx.theme.bodyBold();
    // The start buttons above the bar of four, each group in one row if its labels fit whole in two lines,
    // else in rows of two (a narrow portrait screen).
    const std::string start =
        fmt::format("{} ({})", text::kStartGuide, fmt::format(fmt::runtime(text::kMinutes), guide.minutes));
    const ButtonRows barRows = placeButtons(m, bold, screen.y - m.marginPx,
                                            {text::kBack, text::kHome, text::kNeedHelp, text::kNext});
    const float barTop = barRows.top;
    const ButtonRows startRows = placeButtons(m, bold, barTop - m.gapPx, {start, text::kStartPractice});
    if (barRows.count == 0 || startRows.count == 0) return false;
    const float startTop = startRows.top;

    // The words' pages: the title, then on the first page what fits above the start buttons; later pages
    // the whole height above the bar, less "Phần 2/3".
    const float x = std::max(m.marginPx, m.cornerPx), width = screen.x - x - m.marginPx;
    // A title too long for the title's size above the start buttons is drawn at the bold body size.
    const bool titleFits = headerHeight(ctx, guide.title.c_str()) <= startTop - m.gapPx;
    const float titleBottom = titleFits ? headerHeight(ctx, guide.title.c_str())
                                        : m.marginPx + wrappedTextHeight(bold, width, guide.title) + m.gapPx;
    if (titleBottom > startTop - m.gapPx) return false;
    const std::vector<std::string> summary{guide.summary};
    const IntroList summaryList{nullptr, &summary, "intro.summary", false};
    const IntroList learn{text::kYouWillLearn, &guide.learn, "intro.learn"};
    const IntroList bring{text::kBring, &guide.prerequisites, "intro.bring"};
    const float partH = bold->FontSize;
    const std::vector<IntroColumnPage> paged =
        pageColumn(ctx, {&summaryList, &learn, &bring}, width, startTop - m.gapPx - titleBottom,
                   barTop - m.gapPx - partH - m.marginPx);
    const int pages = static_cast<int>(paged.size());
    const int page = std::clamp(ctx.app.state().page, 0, pages - 1);
    if (page == 0 && titleFits) drawHeader(ctx, guide.title.c_str());
    if (page == 0 && !titleFits)
        ImGui::GetWindowDrawList()->AddText(bold, bold->FontSize, ImVec2(x, m.marginPx),
                                            toImColor(palette.page.text), guide.title.c_str(), nullptr,
                                            width);
    drawColumnPage(ctx, paged[static_cast<size_t>(page)], x, page == 0 ? titleBottom : m.marginPx, width);
    if (page > 0) {
        const std::string part = fmt::format(fmt::runtime(text::kStepPart), page + 1, pages);
        const float partW = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, part.c_str()).x;
        ImGui::GetWindowDrawList()->AddText(bold, bold->FontSize,
                                            ImVec2(screen.x - m.marginPx - partW, barTop - m.gapPx - partH),
                                            toImColor(palette.page.text), part.c_str());
    } else {
        const RowButton starts[] = {
            {"intro.start", start, kiosk::intent::StartGuide{false}, palette.primaryButton},
            {"intro.practice", text::kStartPractice, kiosk::intent::StartGuide{true},
             palette.publicServices}};
        drawPlaced(ctx, startRows, starts, intents);
    }
    const auto bar = residentBar(
        palette, page + 1 < pages ? RowButton{"list.next_page", text::kNext,
                                              kiosk::intent::ShowPage{page + 1}, palette.primaryButton}
                                  : RowButton{"intro.next", text::kNext, kiosk::intent::StartGuide{false},
                                              palette.primaryButton});
    drawPlaced(ctx, barRows, bar.data(), intents);
    return true;
}
} // namespace

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
    // Under eight lines of words between the margins: the usual rows of buttons would leave them no room.
    // Likewise under nine and a half words' lines across (a 7" portrait screen at A+ and A++).
    const float line = ctx.theme.body()->FontSize;
    const bool cramped = screen.y - 2 * m.marginPx < 8 * line || screen.x - 2 * m.marginPx < 9.5f * line;
    if (cramped && drawCompactIntro(ctx, *guide, intents)) {
        endPage();
        return intents;
    }
    // The summary on the first page only: later pages give its room to the lists.
    const int wantedPage = std::max(0, ctx.app.state().page);
    const float laterY = headerHeight(ctx, guide->title.c_str());
    float firstY = headerHeight(ctx, guide->title.c_str(), guide->summary.c_str());
    float navTop = drawNavBar(ctx, intents, true);

    // Two big start buttons above the bottom bar; the lists fill what is left above them.
    std::string start =
        fmt::format("{} ({})", text::kStartGuide, fmt::format(fmt::runtime(text::kMinutes), guide->minutes));
    // The start buttons' row: two slots, or three with "Xem tiếp"; as tall as its labels' lines need.
    auto rowButtonW = [&](float slots) {
        return (screen.x - 2 * m.marginPx - (slots - 1) * m.gapPx) / slots;
    };
    auto rowHeight = [&](float slots) {
        const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
        ImFont* bold = ctx.theme.bodyBold();
        float height = m.targetPx * 1.2f;
        const std::string more = fmt::format(fmt::runtime(text::kMoreOfIntro), 9, 9);
        for (const std::string& label : {start, std::string(text::kStartPractice), more}) {
            const auto lines = static_cast<float>(wrapLines(bold, rowButtonW(slots) - 2 * pad, label).size());
            height = std::max(height, std::ceil(lines * bold->FontSize + 2 * pad));
        }
        return height;
    };
    // Does every word of the row's labels fit a slot whole?
    auto wordsWhole = [&](float slots) {
        const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
        ImFont* bold = ctx.theme.bodyBold();
        const std::string more = fmt::format(fmt::runtime(text::kMoreOfIntro), 9, 9);
        for (const std::string& label : {start, std::string(text::kStartPractice), more}) {
            if (narrowestBoxFor(bold, label, 99) > rowButtonW(slots) - 2 * pad) return false;
        }
        return true;
    };
    float buttonH = rowHeight(2);
    float buttonsTop = navTop - m.gapPx - buttonH;
    float x = std::max(m.marginPx, m.cornerPx);
    bool landscape = screen.x >= screen.y;
    float columnW = landscape ? (screen.x - x - m.marginPx - m.gapPx * 2) / 2 : screen.x - x - m.marginPx;
    const IntroList learn{text::kYouWillLearn, &guide->learn, "intro.learn"};
    const IntroList bring{text::kBring, &guide->prerequisites, "intro.bring"};
    // A summary too long for the first page above the buttons (large text on a short screen): its first
    // lines there, the rest at the top of the next page, so it never runs under the buttons.
    ImFont* body = ctx.theme.body();
    const float headerW = screen.x - x - m.marginPx;
    const std::vector<std::string_view> summaryLines = wrapLines(body, headerW, guide->summary);
    size_t summaryShown = summaryLines.size();
    std::vector<std::string> summaryRest;
    const IntroList summaryEnd{nullptr, &summaryRest, "intro.summary", false};
    std::vector<std::vector<const IntroList*>> columns =
        landscape ? std::vector<std::vector<const IntroList*>>{{&learn}, {&bring}}
                  : std::vector<std::vector<const IntroList*>>{{&learn, &bring}};
    bool summarySplit = firstY > buttonsTop;
    if (summarySplit) {
        // Paged for sure: the buttons' row as for several pages, then the summary lines that fit over it.
        const bool inRow = wordsWhole(3) && (rowHeight(3) <= 2 * buttonH + m.gapPx ||
                                             buttonsTop - 2 * m.gapPx - buttonH < laterY);
        const float rowTop = navTop - m.gapPx - (inRow ? rowHeight(3) : buttonH);
        const float top = inRow ? rowTop : rowTop - m.gapPx - buttonH;
        const float room = top - m.gapPx - (laterY - m.gapPx);
        summaryShown = std::min(summaryLines.size(),
                                static_cast<size_t>(std::max(0.0f, std::floor(room / body->FontSize))));
        std::string rest;
        for (size_t i = summaryShown; i < summaryLines.size(); ++i)
            rest += std::string(rest.empty() ? "" : " ") + std::string(summaryLines[i]);
        summaryRest.push_back(rest);
        columns.front().insert(columns.front().begin(), &summaryEnd);
        firstY = laterY + static_cast<float>(summaryShown) * body->FontSize;
    }
    // The title, and on the first page the summary (or the lines of it that fit).
    drawHeader(ctx, guide->title.c_str());
    if (wantedPage == 0) {
        const ImU32 ink = toImColor(palette.page.text);
        for (size_t i = 0; i < summaryShown; ++i) {
            ImGui::GetWindowDrawList()->AddText(
                body, body->FontSize, ImVec2(x, laterY - m.gapPx + static_cast<float>(i) * body->FontSize),
                ink, summaryLines[i].data(), summaryLines[i].data() + summaryLines[i].size());
        }
    }
    const float y = wantedPage == 0 ? firstY : laterY;
    auto pageAll = [&](float bottom) {
        std::vector<std::vector<IntroColumnPage>> paged;
        for (const auto& column : columns)
            paged.push_back(pageColumn(ctx, column, columnW, bottom - firstY, bottom - laterY));
        return paged;
    };
    auto pageCount = [](const std::vector<std::vector<IntroColumnPage>>& paged) {
        size_t most = 1;
        for (const auto& column : paged)
            most = std::max(most, column.size());
        return static_cast<int>(most);
    };
    // More than a page: "Xem tiếp" takes a third slot in the start buttons' row when that row, its labels
    // in more lines, is still lower than two rows; else a row of its own above them (narrow screens).
    std::vector<std::vector<IntroColumnPage>> paged = pageAll(buttonsTop - m.gapPx);
    bool moreInRow = false;
    float moreTop = buttonsTop;
    if (pageCount(paged) > 1 || summarySplit) {
        // (Its own row must not reach up into the first page's summary either.)
        // (Nor can it take a slot where a label's word would be cut: a narrow screen at large text.)
        moreInRow = wordsWhole(3) &&
                    (rowHeight(3) <= 2 * buttonH + m.gapPx || buttonsTop - 2 * m.gapPx - buttonH < firstY);
        if (moreInRow) {
            buttonH = rowHeight(3);
            buttonsTop = navTop - m.gapPx - buttonH;
        }
        moreTop = moreInRow ? buttonsTop : buttonsTop - m.gapPx - buttonH;
        paged = pageAll(moreTop - m.gapPx);
    }
    const int pages = pageCount(paged);
    const int page = std::clamp(ctx.app.state().page, 0, pages - 1);
    for (size_t c = 0; c < paged.size(); ++c) {
        if (static_cast<size_t>(page) >= paged[c].size()) continue; // this column's lists ended earlier
        drawColumnPage(ctx, paged[c][static_cast<size_t>(page)],
                       x + static_cast<float>(c) * (columnW + m.gapPx * 2), y, columnW);
    }

    const float slots = moreInRow ? 3.0f : 2.0f;
    const float buttonW = rowButtonW(slots);
    const ImVec2 buttonSize(buttonW, buttonH);
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx, buttonsTop));
    if (bigButton(ctx.targets, ctx.theme, "intro.start", {start}, buttonSize, palette.primaryButton))
        intents.push_back(kiosk::intent::StartGuide{false});
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx + buttonW + m.gapPx, buttonsTop));
    if (bigButton(ctx.targets, ctx.theme, "intro.practice", {text::kStartPractice}, buttonSize,
                  palette.publicServices)) {
        intents.push_back(kiosk::intent::StartGuide{true});
    }
    // On the last page the slot stays empty: "Quay lại" goes back a page, and the buttons never move.
    if (page + 1 < pages) {
        const std::string more = fmt::format(fmt::runtime(text::kMoreOfIntro), page + 2, pages);
        ImGui::SetCursorScreenPos(ImVec2(screen.x - m.marginPx - buttonW, moreTop));
        if (bigButton(ctx.targets, ctx.theme, "list.next_page", {more}, buttonSize, palette.plainButton))
            intents.push_back(kiosk::intent::ShowPage{page + 1});
    }
    endPage();
    return intents;
}

} // namespace ui
