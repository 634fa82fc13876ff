// What the team did (issue 16): "Ghi việc đã giúp" one question a page (the day, the place, how many
// people, what was achieved per topic), what a booking just marked done achieved, and the three faces the
// resident taps afterwards. Every list is laid out from its labels' real sizes and pages rather than
// scrolls, so it fits 800x480 at the largest text.
#include "staff_widgets.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include "bookings/bookings.hpp"
#include "common/local_time.hpp"
#include "common/team_activity.hpp"
#include "content/topics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace ui::staff {

namespace {
namespace si = kiosk::staff_intent;
namespace up = kiosk::upload;

struct Cell {
    std::string id;
    std::string label;
    kiosk::Intent intent;
    ColourPair colours;
};

float buttonPad(const Theme& theme) {
    return theme.metrics().pxPerMm * 2.5f; // bigButton's, each side
}

// The height a label alone needs on a big button of that width (bold body text, padded).
float labelHeight(const Theme& theme, float width, std::string_view label) {
    const float pad = buttonPad(theme);
    return std::max(theme.metrics().targetPx,
                    std::ceil(wrappedTextHeight(theme.bodyBold(), width - 2 * pad, label) + 2 * pad) + 1);
}

bool splitsWord(const Theme& theme, float width, std::string_view label) {
    bool broke = false;
    (void)wrapLines(theme.bodyBold(), width - 2 * buttonPad(theme), label, &broke);
    return broke;
}

float contentLeft(const Metrics& m) {
    return std::max(m.marginPx, m.cornerPx);
}

float contentWidth(const Metrics& m) {
    return ImGui::GetMainViewport()->Size.x - contentLeft(m) - m.marginPx;
}

// The bottom row: "Quay lại" (or the page's way out) first, then the page's buttons. Each as wide as its
// label on one line when they all fit, sharing what is left; else the page button gets a row of its own
// above the others (a narrow screen at large text). "Quay lại" alone sits at the left, as on the other
// team pages.
struct BarLayout {
    std::vector<ImVec2> offsets, sizes; // from the bar's top left, per button
    float height = 0;
};

BarLayout planBar(const ScreenContext& ctx, const std::vector<RowButton>& buttons) {
    const Metrics& m = ctx.theme.metrics();
    const float room = ImGui::GetMainViewport()->Size.x - 2 * m.marginPx;
    const auto n = static_cast<float>(buttons.size());
    BarLayout bar;
    auto row = [&](std::size_t first, std::size_t end, float y, float width) {
        float x = 0, height = 0;
        for (std::size_t i = first; i < end; ++i)
            height = std::max(height, labelHeight(ctx.theme, width, buttons[i].label));
        for (std::size_t i = first; i < end; ++i, x += width + m.gapPx) {
            bar.offsets.emplace_back(x, y);
            bar.sizes.emplace_back(width, height);
        }
        return height;
    };
    if (buttons.size() == 1) {
        bar.height = row(0, 1, 0, navButtonWidth(ctx.theme, false));
        return bar;
    }
    std::vector<float> widths;
    float sum = 0;
    for (const RowButton& b : buttons)
        sum += widths.emplace_back(std::max(m.targetPx, oneLineButtonWidth(ctx.theme, b.label)));
    if (sum + (n - 1) * m.gapPx <= room) {
        const float extra = (room - (n - 1) * m.gapPx - sum) / n;
        float x = 0;
        for (std::size_t i = 0; i < buttons.size(); ++i) {
            bar.offsets.emplace_back(x, 0);
            bar.sizes.emplace_back(widths[i] + extra, m.targetPx);
            x += widths[i] + extra + m.gapPx;
        }
        bar.height = m.targetPx;
        return bar;
    }
    if (buttons.size() == 3) { // the page button (the middle one) on its own row above
        const float top = row(1, 2, 0, room);
        const float second = row(0, 1, top + m.gapPx, (room - m.gapPx) / 2);
        bar.offsets.emplace_back((room + m.gapPx) / 2, top + m.gapPx);
        bar.sizes.emplace_back((room - m.gapPx) / 2, second);
        std::swap(bar.offsets[0], bar.offsets[1]);
        std::swap(bar.sizes[0], bar.sizes[1]);
        bar.height = top + m.gapPx + second;
        return bar;
    }
    bar.height = row(0, buttons.size(), 0, (room - (n - 1) * m.gapPx) / n);
    return bar;
}

// Its top, to lay out what is above.
float barTop(const ScreenContext& ctx, const std::vector<RowButton>& buttons) {
    return ImGui::GetMainViewport()->Size.y - ctx.theme.metrics().marginPx - planBar(ctx, buttons).height;
}

void drawBar(const ScreenContext& ctx, const std::vector<RowButton>& buttons, Intents& intents) {
    const BarLayout bar = planBar(ctx, buttons);
    const ImVec2 origin(ctx.theme.metrics().marginPx, barTop(ctx, buttons));
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(origin.x + bar.offsets[i].x, origin.y + bar.offsets[i].y));
        if (bigButton(ctx.targets, ctx.theme, buttons[i].id, {buttons[i].label}, bar.sizes[i],
                      buttons[i].colours))
            intents.push_back(buttons[i].intent);
    }
}

RowButton backButton(const ScreenContext& ctx) {
    return {"nav.back", text::kBack, kiosk::intent::Back{}, ctx.theme.palette().plainButton};
}

RowButton pageButton(const ScreenContext& ctx, int page, int pages) {
    return {"staff.more", fmt::format(fmt::runtime(text::kMorePage), page + 1, pages),
            act(si::ShowListPage{(page + 1) % pages}), ctx.theme.palette().plainButton};
}

// Cells in as many columns (up to maxColumns) as their labels fit without splitting a word, every row
// as tall as the tallest label, between top and bottom; a page at a time. Returns the number of pages.
struct Grid {
    int columns = 1, rowsPerPage = 1;
    float cellW = 0, cellH = 0;
    [[nodiscard]] int perPage() const { return columns * rowsPerPage; }
};

Grid fitGrid(const ScreenContext& ctx, float top, float bottom, const std::vector<Cell>& cells,
             int maxColumns) {
    const Metrics& m = ctx.theme.metrics();
    const float width = contentWidth(m);
    Grid grid;
    for (int columns = std::max(1, maxColumns); columns >= 1; --columns) {
        const float cellW = (width - static_cast<float>(columns - 1) * m.gapPx) / static_cast<float>(columns);
        if (cellW < m.targetPx) continue;
        if (columns > 1 &&
            std::ranges::any_of(cells, [&](const Cell& c) { return splitsWord(ctx.theme, cellW, c.label); }))
            continue;
        float cellH = m.targetPx;
        for (const Cell& c : cells)
            cellH = std::max(cellH, labelHeight(ctx.theme, cellW, c.label));
        const int rows = static_cast<int>((bottom - top + m.gapPx) / (cellH + m.gapPx));
        grid = {columns, std::max(1, rows), cellW, cellH};
        if (rows >= 1) break;
    }
    return grid;
}

void drawCells(const ScreenContext& ctx, float top, const Grid& grid, const std::vector<Cell>& cells,
               int page, Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const int first = page * grid.perPage();
    const int end = std::min(static_cast<int>(cells.size()), first + grid.perPage());
    for (int i = first; i < end; ++i) {
        const int at = i - first;
        ImGui::SetCursorScreenPos(
            ImVec2(contentLeft(m) + static_cast<float>(at % grid.columns) * (grid.cellW + m.gapPx),
                   top + static_cast<float>(at / grid.columns) * (grid.cellH + m.gapPx)));
        const Cell& cell = cells[static_cast<std::size_t>(i)];
        if (bigButton(ctx.targets, ctx.theme, cell.id, {cell.label}, ImVec2(grid.cellW, grid.cellH),
                      cell.colours))
            intents.push_back(cell.intent);
    }
}

// A page that asks one thing with big choices: the title, the choices (paged), "Quay lại" and, when the
// choices take more than one page, the page button beside it.
void drawChoicePage(const ScreenContext& ctx, Intents& intents, const char* title,
                    const std::vector<Cell>& cells, int maxColumns) {
    const Metrics& m = ctx.theme.metrics();
    float y = drawHeader(ctx, title);
    y = drawMessage(ctx, y);
    // Laid out with room for the page button; left out when everything fits one page.
    std::vector<RowButton> bar{backButton(ctx), pageButton(ctx, 0, 9)};
    const Grid grid = fitGrid(ctx, y, barTop(ctx, bar) - m.gapPx, cells, maxColumns);
    const int count = static_cast<int>(cells.size());
    const int pages = std::max(1, (count + grid.perPage() - 1) / grid.perPage());
    const int page = std::clamp(deskState(ctx).listPage, 0, pages - 1);
    drawCells(ctx, y, grid, cells, page, intents);
    bar.pop_back();
    if (pages > 1) bar.push_back(pageButton(ctx, page, pages));
    drawBar(ctx, bar, intents);
}

std::string topicTitle(std::string_view topicId) {
    const content::Topic* topic = content::findTopic(topicId);
    return topic ? std::string(topic->title) : std::string(staff_text::kOtherTopic);
}

// The results a page shows: one topic at a time (its title heads the page), as many as fit.
struct ResultPage {
    std::string_view topic;
    std::vector<const up::ResultKind*> results;
};

std::vector<ResultPage> resultPages(int rowsPerPage) {
    std::vector<ResultPage> pages;
    for (const up::ResultKind& r : up::kResultKinds) {
        if (pages.empty() || pages.back().topic != r.topic ||
            static_cast<int>(pages.back().results.size()) >= rowsPerPage)
            pages.push_back({r.topic, {}});
        pages.back().results.push_back(&r);
    }
    return pages;
}

// A result's button: its label, and how many times when counted ("…: 2"); chosen ones say so.
std::string resultLabel(const up::ResultKind& r, int times, bool counting) {
    if (times <= 0) return std::string(r.label);
    return counting ? fmt::format("{}: {}", r.label, times) : fmt::format("{} – đã chọn", r.label);
}

// What was achieved, a topic a page. counting: a tap on the label counts one more, "Bớt" beside it one
// less (help away from the kiosk); else one tap chooses or unchooses (a booking just done).
void drawResults(const ScreenContext& ctx, Intents& intents, bool counting, const char* saveId,
                 kiosk::Intent save, const char* skipId, std::optional<kiosk::Intent> skip) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    auto timesOf = [&](std::string_view key) {
        const auto found = s.helpResults.find(std::string(key));
        return found == s.helpResults.end() ? 0 : found->second;
    };
    // The bar: "Quay lại" (or "Bỏ qua"), the page button, "Lưu"; planned with the page button.
    std::vector<RowButton> bar;
    if (skip)
        bar.push_back({skipId, text::kSkip, *skip, palette.plainButton});
    else
        bar.push_back(backButton(ctx));
    bar.push_back(pageButton(ctx, 8, 9));
    bar.push_back({saveId, staff_text::kSave, save, palette.primaryButton});
    const float bottom = barTop(ctx, bar) - m.gapPx;

    // Rows as tall as the longest label needs with a two-digit count (or its own, when larger), "Bớt" at
    // the right end.
    const float width = contentWidth(m);
    const float lessW =
        counting ? std::max(m.targetPx, oneLineButtonWidth(ctx.theme, staff_text::kLess)) : 0.0f;
    const float labelW = width - (counting ? lessW + m.gapPx : 0.0f);
    float rowH = m.targetPx;
    for (const up::ResultKind& r : up::kResultKinds)
        rowH = std::max(
            rowH, labelHeight(ctx.theme, labelW, resultLabel(r, std::max(99, timesOf(r.key)), counting)));
    // The title names the topic and the page; planned with the longest. When not even one row fits under
    // it (a short screen at large text) it shrinks to one bold line.
    auto titleFor = [&](std::string_view topic, int page, int pages) {
        return fmt::format(fmt::runtime(staff_text::kHelpResultsTitle), topicTitle(topic), page, pages);
    };
    float titleH = 0, compactH = 0;
    for (const up::ResultKind& r : up::kResultKinds) {
        const std::string title = titleFor(r.topic, 9, 9);
        titleH = std::max(titleH, headerHeight(ctx, title.c_str()));
        compactH =
            std::max(compactH, m.marginPx + wrappedTextHeight(ctx.theme.bodyBold(), width, title) + m.gapPx);
    }
    const float messageH = messageHeight(ctx);
    auto rowsUnder = [&](float top) {
        return static_cast<int>((bottom - top - messageH + m.gapPx) / (rowH + m.gapPx));
    };
    const bool compact = rowsUnder(titleH) < 1;
    const int rows = std::max(1, rowsUnder(compact ? compactH : titleH));
    const std::vector<ResultPage> pages = resultPages(rows);
    const int pageCount = static_cast<int>(pages.size());
    const int page = std::clamp(s.listPage, 0, pageCount - 1);
    const ResultPage& shown = pages[static_cast<std::size_t>(page)];

    const std::string title = titleFor(shown.topic, page + 1, pageCount);
    float y = compact ? drawText(ctx, m.marginPx, title, true) + m.gapPx : drawHeader(ctx, title.c_str());
    y = drawMessage(ctx, y);
    for (const up::ResultKind* r : shown.results) {
        const int times = timesOf(r->key);
        const std::string id = fmt::format("staff.result.{}", r->key);
        ImGui::SetCursorScreenPos(ImVec2(contentLeft(m), y));
        if (bigButton(ctx.targets, ctx.theme, id, {resultLabel(*r, times, counting)}, ImVec2(labelW, rowH),
                      times > 0 ? palette.primaryButton : palette.plainButton)) {
            intents.push_back(counting ? act(si::StepResult{std::string(r->key), 1})
                                       : act(si::ToggleResult{std::string(r->key)}));
        }
        if (counting) {
            ImGui::SetCursorScreenPos(ImVec2(contentLeft(m) + labelW + m.gapPx, y));
            if (bigButton(ctx.targets, ctx.theme, id + ".less", {staff_text::kLess}, ImVec2(lessW, rowH),
                          palette.plainButton))
                intents.push_back(act(si::StepResult{std::string(r->key), -1}));
        }
        y += rowH + m.gapPx;
    }
    if (pageCount > 1)
        bar[1] = pageButton(ctx, page, pageCount);
    else
        bar.erase(bar.begin() + 1);
    drawBar(ctx, bar, intents);
}

// A face in a circle: a smile, a straight mouth or a frown (mood 1, 0, -1); drawn, never a glyph, so
// every font shows it.
void drawFace(ImDrawList* draw, ImVec2 centre, float radius, int mood, ImU32 ink, ImU32 fill) {
    const float line = std::max(2.0f, radius * 0.08f);
    draw->AddCircleFilled(centre, radius, fill, 48);
    draw->AddCircle(centre, radius, ink, 48, line);
    const float eyeY = centre.y - radius * 0.25f;
    draw->AddCircleFilled(ImVec2(centre.x - radius * 0.35f, eyeY), radius * 0.1f, ink, 16);
    draw->AddCircleFilled(ImVec2(centre.x + radius * 0.35f, eyeY), radius * 0.1f, ink, 16);
    const float pi = 3.14159265f;
    if (mood > 0) {
        draw->PathArcTo(ImVec2(centre.x, centre.y + radius * 0.05f), radius * 0.5f, 0.15f * pi, 0.85f * pi,
                        24);
    } else if (mood < 0) {
        draw->PathArcTo(ImVec2(centre.x, centre.y + radius * 0.8f), radius * 0.5f, 1.2f * pi, 1.8f * pi, 24);
    } else {
        draw->PathLineTo(ImVec2(centre.x - radius * 0.4f, centre.y + radius * 0.4f));
        draw->PathLineTo(ImVec2(centre.x + radius * 0.4f, centre.y + radius * 0.4f));
    }
    draw->PathStroke(ink, 0, line);
}

} // namespace

void drawHelpDay(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Palette& palette = ctx.theme.palette();
    std::vector<Cell> days;
    for (int back = 0; back <= kiosk::kTeamDaysBack; ++back) {
        const kiosk::LocalDate day{std::chrono::sys_days{s.today} - std::chrono::days{back}};
        // "Hôm nay" on a line of its own, so the weekday is never cut in two.
        std::string label =
            back == 0   ? fmt::format("{}\n{}", staff_text::kTodayDay, kiosk::vietnameseDay(day))
            : back == 1 ? fmt::format("{}\n{}", staff_text::kYesterday, kiosk::vietnameseDay(day))
                        : kiosk::vietnameseDay(day);
        days.push_back({fmt::format("staff.help.day.{}", back), std::move(label),
                        act(si::ChooseHelpDay{back}),
                        back == 0 ? palette.primaryButton : palette.plainButton});
    }
    drawChoicePage(ctx, intents, staff_text::kHelpDayTitle, days, 4);
}

void drawHelpPlace(const ScreenContext& ctx, Intents& intents) {
    const Palette& palette = ctx.theme.palette();
    std::vector<Cell> places;
    for (std::string_view key : kiosk::awayPlaceKeys()) {
        const up::PlaceKind* place = up::findPlace(key);
        places.push_back({fmt::format("staff.help.place.{}", key), std::string(place->label),
                          act(si::ChooseHelpPlace{std::string(key)}), palette.plainButton});
    }
    drawChoicePage(ctx, intents, staff_text::kHelpPlaceTitle, places, 2);
}

void drawHelpPeople(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    float y = drawHeader(ctx, staff_text::kHelpPeopleTitle);
    y = drawMessage(ctx, y);
    const std::vector<RowButton> bar{backButton(ctx),
                                     {"staff.help.next", text::kNext,
                                      act(si::ShowPage{kiosk::StaffPage::HelpResults}),
                                      palette.primaryButton}};
    const float top = barTop(ctx, bar);
    // "Bớt", the number, "Thêm" in one row, centred in the room above the bar; the number above the two
    // buttons when the row is too narrow for all three.
    const std::string people = fmt::format(fmt::runtime(staff_text::kPeople), s.helpPeople);
    ImFont* title = ctx.theme.title();
    const float numberW = std::max(title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, people.c_str()).x,
                                   title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "99 người").x);
    const float stepW = std::max({m.targetPx * 1.5f, oneLineButtonWidth(ctx.theme, staff_text::kLess),
                                  oneLineButtonWidth(ctx.theme, staff_text::kMore)});
    const float width = contentWidth(m);
    const bool stacked = 2 * stepW + numberW + 2 * m.gapPx > width;
    const float blockH =
        stacked ? title->FontSize + m.gapPx + m.targetPx : std::max(m.targetPx, title->FontSize);
    const float blockY = y + std::max(0.0f, (top - m.gapPx - y - blockH) / 2);
    const float rowW = stacked ? width : 2 * stepW + numberW + 2 * m.gapPx;
    const float left = contentLeft(m) + (width - rowW) / 2;
    const float buttonsY = stacked ? blockY + title->FontSize + m.gapPx : blockY + (blockH - m.targetPx) / 2;
    const ImVec2 numberMin =
        stacked ? ImVec2(contentLeft(m), blockY) : ImVec2(left + stepW + m.gapPx, blockY);
    const ImVec2 numberMax(stacked ? contentLeft(m) + width : numberMin.x + numberW, numberMin.y + blockH);
    drawCentredText(ImGui::GetWindowDrawList(), title, numberMin,
                    ImVec2(numberMax.x, stacked ? blockY + title->FontSize : numberMax.y), people,
                    toImColor(palette.page.text));
    ImGui::SetCursorScreenPos(ImVec2(left, buttonsY));
    if (bigButton(ctx.targets, ctx.theme, "staff.help.people.less", {staff_text::kLess},
                  ImVec2(stepW, m.targetPx), palette.plainButton))
        intents.push_back(act(si::StepHelpPeople{-1}));
    ImGui::SetCursorScreenPos(ImVec2(left + rowW - stepW, buttonsY));
    if (bigButton(ctx.targets, ctx.theme, "staff.help.people.more", {staff_text::kMore},
                  ImVec2(stepW, m.targetPx), palette.plainButton))
        intents.push_back(act(si::StepHelpPeople{1}));
    drawBar(ctx, bar, intents);
}

void drawHelpResults(const ScreenContext& ctx, Intents& intents) {
    drawResults(ctx, intents, true, "staff.help.save", act(si::SaveHelp{}), nullptr, std::nullopt);
}

void drawBookingResults(const ScreenContext& ctx, Intents& intents) {
    drawResults(ctx, intents, false, "staff.results.save", act(si::SaveBookingResults{}),
                "staff.results.skip", act(si::SkipBookingResults{}));
}

// Handed to the resident: three big faces with their words, one tap, and "Bỏ qua". Side by side on a
// landscape screen, one above the other on a portrait one, each face over its word. The title goes when
// the faces would not fit under it (a short screen at large text): the words on the faces say it all.
void drawSatisfaction(const ScreenContext& ctx, Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float pad = buttonPad(ctx.theme);
    // "Bỏ qua" alone at the bottom left, where "Quay lại" is on the team's pages.
    const std::vector<RowButton> bar{
        {"staff.face.skip", text::kSkip, act(si::SkipSatisfaction{}), palette.plainButton}};
    const float bottom = barTop(ctx, bar) - m.gapPx;
    const bool portrait = screen.y > screen.x;
    const float width = contentWidth(m);
    const float cellW = portrait ? width : (width - 2 * m.gapPx) / 3;
    ImFont* wordFont = ctx.theme.bodyBold();
    float wordH = 0;
    for (const up::SatisfactionAnswer& a : up::kSatisfactionAnswers)
        wordH = std::max(wordH, wrappedTextHeight(wordFont, cellW - 2 * pad, a.label));
    auto cellHeight = [&](float top) { return portrait ? (bottom - top - 2 * m.gapPx) / 3 : bottom - top; };
    auto faceSize = [&](float top) { return std::min(cellW - 2 * pad, cellHeight(top) - wordH - 3 * pad); };
    float top = headerHeight(ctx, staff_text::kSatisfactionTitle);
    if (faceSize(top) < m.targetPx * 0.75f)
        top = m.marginPx;
    else
        drawHeader(ctx, staff_text::kSatisfactionTitle);
    const float cellH = cellHeight(top);
    const float face = std::max(0.0f, faceSize(top));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const int moods[] = {1, 0, -1};
    for (std::size_t i = 0; i < up::kSatisfactionAnswers.size(); ++i) {
        const up::SatisfactionAnswer& answer = up::kSatisfactionAnswers[i];
        const float fi = static_cast<float>(i);
        const ImVec2 min = portrait ? ImVec2(contentLeft(m), top + fi * (cellH + m.gapPx))
                                    : ImVec2(contentLeft(m) + fi * (cellW + m.gapPx), top);
        const std::string id = fmt::format("staff.face.{}", answer.key);
        ImGui::SetCursorScreenPos(min);
        if (bigButton(ctx.targets, ctx.theme, id, {""}, ImVec2(cellW, cellH), palette.plainButton))
            intents.push_back(act(si::AnswerSatisfaction{std::string(answer.key)}));
        // The face and its word centred together in the button; the word recorded as the button's own text.
        const float blockTop = min.y + std::max(pad, (cellH - face - pad - wordH) / 2);
        drawFace(draw, ImVec2(min.x + cellW / 2, blockTop + face / 2), face / 2, moods[i],
                 toImColor(palette.border), toImColor(palette.notice.background));
        const ImVec2 wordMin(min.x + pad, blockTop + face + pad);
        const ImVec2 wordMax(min.x + cellW - pad, wordMin.y + wordH);
        const TextBounds drawn = drawCentredText(draw, wordFont, wordMin, wordMax, answer.label,
                                                 toImColor(palette.plainButton.text));
        ctx.targets.addText({id, drawn.min, drawn.max, wordMin, wordMax, drawn.brokeWord});
    }
    drawBar(ctx, bar, intents);
}

} // namespace ui::staff
