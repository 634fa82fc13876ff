// Staff mode: the overview (what this kiosk is, what went wrong, the way to each team page, leave or
// restart), the pieces the staff pages share, and which page to draw.
#include "staff_widgets.hpp"
#include "ui/paging.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"

#include "content/topics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ui {

namespace staff {

const kiosk::StaffDeskState& deskState(const ScreenContext& ctx) {
    static const kiosk::StaffDeskState kNone{};
    const kiosk::StaffDesk* desk = ctx.app.staffDesk();
    return desk ? desk->state() : kNone;
}

namespace {
float buttonPad(const Metrics& m) {
    return m.pxPerMm * 2.5f; // bigButton's, each side
}

// What bigButton draws for a choice in a cell of this width: the subtitle only when the title keeps its
// words whole in the title font (bigButton would otherwise split one), and the height that needs.
struct ChoiceFit {
    float height = 0;
    bool brokeWord = false;
    bool keepSubtitle = false;
};
ChoiceFit fitChoice(const ScreenContext& ctx, const Choice& choice, float cellW) {
    const Metrics& m = ctx.theme.metrics();
    const float inner = cellW - 2 * buttonPad(m);
    ChoiceFit fit;
    if (!choice.enabled) {
        bool broke = false;
        const std::string both = choice.title + "\n" + choice.subtitle;
        fit.height = static_cast<float>(wrapLines(ctx.theme.body(), cellW, both, &broke).size()) *
                     ctx.theme.body()->FontSize;
        fit.brokeWord = broke;
        return fit;
    }
    bool brokeBold = false;
    const float boldH =
        static_cast<float>(wrapLines(ctx.theme.bodyBold(), inner, choice.title, &brokeBold).size()) *
        ctx.theme.bodyBold()->FontSize;
    fit.height = boldH + 2 * buttonPad(m);
    fit.brokeWord = brokeBold;
    if (!choice.subtitle.empty()) {
        bool brokeTitle = false;
        (void)wrapLines(ctx.theme.title(), inner, choice.title, &brokeTitle);
        fit.keepSubtitle = !brokeTitle;
    }
    return fit;
}
} // namespace

float choiceRowHeight(const ScreenContext& ctx, const std::vector<Choice>& choices, float minWidth,
                      float width) {
    const Metrics& m = ctx.theme.metrics();
    int columns =
        std::clamp(static_cast<int>((width + m.gapPx) / (std::max(minWidth, m.targetPx) + m.gapPx)), 1, 7);
    const std::string moreLabel = fmt::format(fmt::runtime(text::kMorePage), 9, 9);
    const Choice moreChoice{"staff.more", moreLabel, "", {}, ctx.theme.palette().plainButton};
    auto rowAt = [&](int cols, bool& broke) {
        const float cellW = (width - static_cast<float>(cols - 1) * m.gapPx) / static_cast<float>(cols);
        const ChoiceFit more = fitChoice(ctx, moreChoice, cellW);
        float height = more.height;
        broke = more.brokeWord;
        for (const Choice& c : choices) {
            const ChoiceFit fit = fitChoice(ctx, c, cellW);
            height = std::max(height, fit.height);
            broke = broke || fit.brokeWord;
        }
        return std::max(m.targetPx, std::ceil(height));
    };
    // As drawChoices: fewer columns while a word would be split, the page button's label included.
    bool broke = false;
    float height = rowAt(columns, broke);
    while (broke && columns > 1)
        height = rowAt(--columns, broke);
    if (columns > 1 || choices.size() < 2) return height;
    // One column: drawChoices puts a second one back where a single row fits, so two rows or that row.
    return std::min(2 * height + m.gapPx, rowAt(2, broke));
}

float drawChoices(const ScreenContext& ctx, float top, float bottom, const std::vector<Choice>& choices,
                  float minWidth, float minHeight, Intents& intents, float fromX, float toX, int maxRows) {
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const float left = fromX > 0 ? fromX : std::max(m.marginPx, m.cornerPx);
    const float right = toX > 0 ? toX : ImGui::GetMainViewport()->Size.x - m.marginPx;
    const float width = right - left;
    // A row never taller than the room: the label's own height still holds (bigButton drops a subtitle).
    minHeight = std::min(minHeight, std::max(bottom - top, 0.0f));
    int columns =
        std::clamp(static_cast<int>((width + m.gapPx) / (std::max(minWidth, m.targetPx) + m.gapPx)), 1, 7);
    const int count = static_cast<int>(choices.size());
    auto widthFor = [&](int cols) {
        return (width - static_cast<float>(cols - 1) * m.gapPx) / static_cast<float>(cols);
    };
    // The page button says "Xem thêm (1/3)" where that fits its cell on one line, else "Xem tiếp": a row
    // of one line's height keeps room for the words above (a 7" screen at large text).
    const std::string countedMore = fmt::format(fmt::runtime(text::kMorePage), 99, 99);
    auto moreLabel = [&](float cellW, int page, int pages) {
        return oneLineButtonWidth(ctx.theme, countedMore) <= cellW
                   ? fmt::format(fmt::runtime(text::kMorePage), page, pages)
                   : std::string(text::kListNext);
    };
    // The tallest label at a column count, and whether some word would be split.
    // withMore: the page button's label too (only a paged list shows it).
    auto needs = [&](int cols, float& height, bool withMore) {
        const float w = widthFor(cols);
        height = 0;
        bool broke = false;
        for (const Choice& c : choices) {
            const ChoiceFit fit = fitChoice(ctx, c, w);
            height = std::max(height, fit.height);
            broke = broke || fit.brokeWord;
        }
        if (withMore) {
            const Choice moreChoice{"staff.more", moreLabel(w, 99, 99), "", {}, palette.plainButton};
            const ChoiceFit more = fitChoice(ctx, moreChoice, w);
            height = std::max(height, more.height);
            broke = broke || more.brokeWord;
        }
        return !broke;
    };
    int rows = 1;
    for (const bool withMore : {false, true}) {
        float labelH = 0;
        // Fewer columns while a word would be split (a long name in a narrow cell).
        while (!needs(columns, labelH, withMore) && columns > 1)
            --columns;
        const float minCellH = std::max({minHeight, m.targetPx, std::ceil(labelH)});
        rows = std::max(1, static_cast<int>((bottom - top + m.gapPx) / (minCellH + m.gapPx)));
        if (maxRows > 0) rows = std::min(rows, maxRows);
        if (count <= columns * rows) break; // not paged: no page button to fit
    }
    // One cell cannot hold a choice and the page button (a small screen, large text): they share the row.
    if (columns * rows == 1 && count > 1) columns = 2;
    const int perPage = columns * rows;
    const PageSplit split = splitIntoPages(count, perPage);
    const bool paged = split.paged;
    const int pages = split.pages;
    const int page = split.clamp(deskState(ctx).listPage);
    const float cellW = widthFor(columns);
    float cellLabelH = 0;
    (void)needs(columns, cellLabelH, paged);
    // Never below the screen's edge, even where the labels need more than the room (then they overflow).
    const float floorH = std::max({minHeight, m.targetPx, std::ceil(cellLabelH)});
    const int rowsUsed = std::min(rows, (std::min(count, perPage) + columns - 1) / columns);
    const float cellH = std::clamp((bottom - top - static_cast<float>(rowsUsed - 1) * m.gapPx) /
                                       static_cast<float>(std::max(rowsUsed, 1)),
                                   floorH, std::max(floorH, minHeight * 1.4f));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    auto cellPos = [&](int index) {
        return ImVec2(left + static_cast<float>(index % columns) * (cellW + m.gapPx),
                      top + static_cast<float>(index / columns) * (cellH + m.gapPx));
    };
    int cell = 0;
    for (int i = split.first(page); i < split.end(page, count); ++i, ++cell) {
        const Choice& choice = choices[static_cast<std::size_t>(i)];
        const ImVec2 pos = cellPos(cell);
        if (!choice.enabled) {
            const ImVec2 end(pos.x + cellW, pos.y + cellH);
            strokeRoundedRect(draw, pos, end, toImColor(palette.border, 0.35f), m.gapPx / 2, 2.0f);
            drawCentredText(draw, ctx.theme.body(), pos, end, choice.title + "\n" + choice.subtitle,
                            toImColor(palette.page.text));
            continue;
        }
        const bool withSubtitle = fitChoice(ctx, choice, cellW).keepSubtitle;
        ImGui::SetCursorScreenPos(pos);
        if (bigButton(ctx.targets, ctx.theme, choice.id,
                      {choice.title, withSubtitle ? std::string_view(choice.subtitle) : std::string_view()},
                      ImVec2(cellW, cellH), choice.colours)) {
            intents.push_back(choice.intent);
        }
    }
    if (paged) {
        ImGui::SetCursorScreenPos(cellPos(perPage - 1));
        const std::string more = moreLabel(cellW, page + 1, pages);
        if (bigButton(ctx.targets, ctx.theme, "staff.more", {more}, ImVec2(cellW, cellH),
                      palette.plainButton)) {
            intents.push_back(act(kiosk::staff_intent::ShowListPage{(page + 1) % pages}));
        }
    }
    const int rowsDrawn = paged ? rows : rowsUsed;
    return top + static_cast<float>(rowsDrawn) * (cellH + m.gapPx) - m.gapPx;
}

void drawActionRows(const ScreenContext& ctx, float top, float bottom, const std::vector<ActionRow>& rows,
                    Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float left = std::max(m.marginPx, m.cornerPx);
    const float buttonW = std::max(m.targetPx * 1.6f, (screen.x - 2 * m.marginPx) / 5);
    const int perPage = std::max(1, static_cast<int>((bottom - top + m.gapPx) / (m.targetPx + m.gapPx)));
    const int count = static_cast<int>(rows.size());
    const PageSplit split = splitIntoPages(count, perPage);
    const bool paged = split.paged;
    const int pages = split.pages;
    const int page = split.clamp(deskState(ctx).listPage);
    // Room for a single row (large text on a small screen): the page button shares it, at its right end.
    const bool sharedRow = paged && perPage == 1;
    const float rowButtonRight = screen.x - m.marginPx - (sharedRow ? buttonW + m.gapPx : 0);
    const float textW = rowButtonRight - buttonW - m.gapPx - left;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float y = top;
    for (int i = split.first(page); i < split.end(page, count); ++i) {
        const ActionRow& row = rows[static_cast<std::size_t>(i)];
        // The text centred on the button's height; a thin rule under it keeps the rows apart.
        const float textH = wrappedTextHeight(ctx.theme.bodyBold(), textW, row.text);
        draw->PushClipRect(ImVec2(left, y), ImVec2(left + textW, y + m.targetPx), true);
        draw->AddText(ctx.theme.bodyBold(), ctx.theme.bodyBold()->FontSize,
                      ImVec2(left, y + std::max(0.0f, (m.targetPx - textH) / 2)),
                      toImColor(palette.page.text), row.text.c_str(), nullptr, textW);
        draw->PopClipRect();
        draw->AddLine(ImVec2(left, y + m.targetPx + m.gapPx / 2),
                      ImVec2(screen.x - m.marginPx, y + m.targetPx + m.gapPx / 2),
                      toImColor(palette.border, 0.25f), 1.0f);
        if (row.intent) {
            ImGui::SetCursorScreenPos(ImVec2(rowButtonRight - buttonW, y));
            if (bigButton(ctx.targets, ctx.theme, row.id, {row.label}, ImVec2(buttonW, m.targetPx),
                          palette.plainButton)) {
                intents.push_back(*row.intent);
            }
        }
        y += m.targetPx + m.gapPx;
    }
    if (paged) {
        ImGui::SetCursorScreenPos(ImVec2(screen.x - m.marginPx - buttonW,
                                         top + static_cast<float>(perPage - 1) * (m.targetPx + m.gapPx)));
        const std::string more = fmt::format(fmt::runtime(text::kMorePage), page + 1, pages);
        if (bigButton(ctx.targets, ctx.theme, "staff.more", {more}, ImVec2(buttonW, m.targetPx),
                      palette.plainButton)) {
            intents.push_back(act(kiosk::staff_intent::ShowListPage{(page + 1) % pages}));
        }
    }
}

namespace {
float messageBoxHeight(const ScreenContext& ctx, const std::string& message) {
    const Metrics& m = ctx.theme.metrics();
    const float width = ImGui::GetMainViewport()->Size.x - std::max(m.marginPx, m.cornerPx) - m.marginPx;
    return wrappedTextHeight(ctx.theme.bodyBold(), width - m.gapPx, message) + m.gapPx;
}
} // namespace

float messageHeight(const ScreenContext& ctx) {
    const std::string& message = deskState(ctx).message;
    return message.empty() ? 0.0f : messageBoxHeight(ctx, message) + ctx.theme.metrics().gapPx / 2;
}

float drawMessage(const ScreenContext& ctx, float y) {
    const std::string& message = deskState(ctx).message;
    if (message.empty()) return y;
    const Metrics& m = ctx.theme.metrics();
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
    const float h = messageBoxHeight(ctx, message);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    fillRoundedRect(draw, ImVec2(x, y), ImVec2(x + width, y + h),
                    toImColor(ctx.theme.palette().notice.background), m.gapPx / 2);
    draw->AddText(ctx.theme.bodyBold(), ctx.theme.bodyBold()->FontSize,
                  ImVec2(x + m.gapPx / 2, y + m.gapPx / 2), toImColor(ctx.theme.palette().notice.text),
                  message.c_str(), nullptr, width - m.gapPx);
    return y + h + m.gapPx / 2;
}

float drawText(const ScreenContext& ctx, float y, const std::string& line, bool bold, float fromX,
               float toX) {
    const Metrics& m = ctx.theme.metrics();
    const float x = fromX > 0 ? fromX : std::max(m.marginPx, m.cornerPx);
    const float width = (toX > 0 ? toX : ImGui::GetMainViewport()->Size.x - m.marginPx) - x;
    ImFont* font = bold ? ctx.theme.bodyBold() : ctx.theme.body();
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(x, y),
                                        toImColor(ctx.theme.palette().page.text), line.c_str(), nullptr,
                                        width);
    return y + wrappedTextHeight(font, width, line);
}

float drawStaffTitle(const ScreenContext& ctx, const char* title, float roomBelow, float bottom,
                     const char* subtitle) {
    const Metrics& m = ctx.theme.metrics();
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
    const bool withSubtitle = subtitle && *subtitle;
    const float boldTitleH = wrappedTextHeight(ctx.theme.bodyBold(), width, title);
    const float subtitleH = withSubtitle ? wrappedTextHeight(ctx.theme.body(), width, subtitle) : 0;
    // The subtitle kept before the large title: it says something the title does not.
    if (withSubtitle && headerHeight(ctx, title, subtitle) + roomBelow <= bottom)
        return drawHeader(ctx, title, subtitle);
    if (withSubtitle && m.marginPx + boldTitleH + subtitleH + m.gapPx + roomBelow <= bottom)
        return drawText(ctx, drawText(ctx, m.marginPx, title, true), subtitle) + m.gapPx;
    if (headerHeight(ctx, title) + roomBelow <= bottom) return drawHeader(ctx, title);
    return drawText(ctx, m.marginPx, title, true) + m.gapPx;
}

float twoLineChoiceHeight(const ScreenContext& ctx) {
    const Metrics& m = ctx.theme.metrics();
    return std::max(m.targetPx, std::ceil(2 * ctx.theme.bodyBold()->FontSize + 2 * buttonPad(m)));
}

float labelHeight(const ScreenContext& ctx, const char* label, float width) {
    const Metrics& m = ctx.theme.metrics();
    ImFont* bold = ctx.theme.bodyBold();
    return std::max(m.targetPx,
                    std::ceil(wrappedTextHeight(bold, width - 2 * buttonPad(m), label) + 2 * buttonPad(m)));
}

StaffBar staffBar(const ScreenContext& ctx, const char* leftLabel, const char* rightLabel) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float room = screen.x - 2 * m.marginPx;
    StaffBar bar;
    // A third of the width, as the residents' bar; the two ends keep a gap on a narrow screen.
    bar.width = std::min(std::max(m.targetPx * 2.2f, (room - m.gapPx) / 3), (room - m.gapPx) / 2);
    // Alone, "Quay lại" keeps to one line where the width allows.
    if (!rightLabel)
        bar.width = std::min(room, std::max(bar.width, oneLineButtonWidth(ctx.theme, leftLabel)));
    bar.height = labelHeight(ctx, leftLabel, bar.width);
    if (rightLabel) bar.height = std::max(bar.height, labelHeight(ctx, rightLabel, bar.width));
    bar.top = screen.y - m.marginPx - bar.height;
    return bar;
}

float drawStaffNav(const ScreenContext& ctx, Intents& intents, const char* id, const char* label,
                   std::optional<kiosk::Intent> action, float minHeight) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const bool withAction = id && label && *label && action;
    StaffBar bar = staffBar(ctx, text::kBack, withAction ? label : nullptr);
    if (minHeight > bar.height) {
        bar.top -= minHeight - bar.height;
        bar.height = minHeight;
    }
    // The team's pages: no "Trang đầu" and no "Cần người giúp", so the bar is as tall as its own labels.
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx, bar.top));
    if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, ImVec2(bar.width, bar.height),
                  ctx.theme.palette().plainButton)) {
        intents.push_back(kiosk::intent::Back{});
    }
    if (withAction) {
        ImGui::SetCursorScreenPos(ImVec2(screen.x - m.marginPx - bar.width, bar.top));
        if (bigButton(ctx.targets, ctx.theme, id, {label}, ImVec2(bar.width, bar.height),
                      ctx.theme.palette().primaryButton)) {
            intents.push_back(*action);
        }
    }
    return bar.top;
}

void drawQuestion(const ScreenContext& ctx, Intents& intents, const std::string& question,
                  const std::string& why, const char* yesId, const char* yesLabel, kiosk::Intent yes) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const StaffBar bar = staffBar(ctx, text::kNo, yesLabel);
    // The reason under the question when both fit above the bar; else the question alone, its reason
    // left for the question's own words (the team knows what erasing means).
    const bool withWhy = headerHeight(ctx, question.c_str(), why.c_str()) <= bar.top;
    drawHeader(ctx, question.c_str(), withWhy ? why.c_str() : nullptr);
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx, bar.top));
    if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kNo}, ImVec2(bar.width, bar.height),
                  ctx.theme.palette().primaryButton)) {
        intents.push_back(kiosk::intent::Back{});
    }
    ImGui::SetCursorScreenPos(ImVec2(screen.x - m.marginPx - bar.width, bar.top));
    if (bigButton(ctx.targets, ctx.theme, yesId, {yesLabel}, ImVec2(bar.width, bar.height),
                  ctx.theme.palette().plainButton)) {
        intents.push_back(std::move(yes));
    }
}

std::string whatHelpWith(const ScreenContext& ctx, const kiosk::QueueEntry& entry) {
    const content::Topic* topic = content::findTopic(entry.topic);
    std::string result = topic ? std::string(topic->title) : std::string(text::kBookingOtherTopic);
    if (!entry.guideId) return result;
    if (const content::Guide* guide = ctx.app.library().find(*entry.guideId)) {
        result += " – " + guide->title;
        if (entry.guideStep) result += fmt::format(", bước {}", *entry.guideStep);
    }
    return result;
}

void drawTypingPage(const ScreenContext& ctx, Intents& intents, const std::string& title,
                    const std::string& shown, const char* hint, const std::vector<Key>& keys, int columns,
                    bool keypadBeside) {
    ui::drawTypingPage(ctx, intents, title, shown, hint, deskState(ctx).message, keys, columns, keypadBeside,
                       false);
}

} // namespace staff

namespace {
using kiosk::StaffPage;
using staff::act;
namespace si = kiosk::staff_intent;

// Lines of facts about this kiosk, for the team member who looks after it.
std::vector<std::string> kioskFacts(const kiosk::Config& c) {
    return {
        fmt::format("Máy: {} · {} {}", c.kioskId, c.village, c.commune),
        fmt::format("Phiên bản {} · dữ liệu tại {}", KIOSK_VERSION, c.dataDir.string()),
    };
}

void drawOverview(const ScreenContext& ctx, Intents& intents) {
    const kiosk::State& state = ctx.app.state();
    if (state.confirmingQuit) {
        staff::drawQuestion(ctx, intents, text::kStaffQuitAsk, text::kStaffQuitAskBody, "staff.quit.confirm",
                            text::kStaffQuitYes, kiosk::intent::QuitProgram{});
        return;
    }
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const std::string who =
        state.staff ? fmt::format(fmt::runtime(staff_text::kSignedInAs), state.staff->name) : "";
    const kiosk::ContentUpdater* updater = ctx.app.contentUpdater();
    const kiosk::UpdateStatus content = updater ? updater->status() : kiosk::UpdateStatus{};
    std::vector<RowButton> buttons{
        {"staff.home", text::kHome, kiosk::intent::GoHome{}, palette.primaryButton},
        {"staff.restart", text::kStaffRestart, kiosk::intent::RestartProgram{}, palette.plainButton},
        {"staff.quit", text::kStaffQuit, kiosk::intent::AskQuit{}, palette.plainButton}};
    // Only with a content pack in use: there is something to go back from.
    if (content.activeVersion != 0)
        buttons.insert(buttons.begin() + 2, {"staff.content_rollback", text::kStaffRollBack,
                                             kiosk::intent::RollBackContent{}, palette.plainButton});
    // The buttons in one row, or in two when a word would not fit a quarter of the width (portrait).
    const float room = screen.x - 2 * m.marginPx;
    int perRow = static_cast<int>(buttons.size());
    auto buttonW = [&](int n) {
        return (room - static_cast<float>(n - 1) * m.gapPx) / static_cast<float>(n);
    };
    auto splits = [&](int n) {
        for (const RowButton& b : buttons) {
            bool broke = false;
            (void)wrapLines(ctx.theme.bodyBold(), buttonW(n) - 2 * staff::buttonPad(m), b.label, &broke);
            if (broke) return true;
        }
        return false;
    };
    while (perRow > 1 && splits(perRow))
        perRow = (perRow + 1) / 2;
    float buttonH = m.targetPx;
    for (const RowButton& b : buttons)
        buttonH = std::max(buttonH, staff::labelHeight(ctx, b.label.c_str(), buttonW(perRow)));
    const int buttonRows = (static_cast<int>(buttons.size()) + perRow - 1) / perRow;
    const float bottom = screen.y - m.marginPx;
    const float buttonsTop = bottom - static_cast<float>(buttonRows) * (buttonH + m.gapPx) + m.gapPx;

    // The team's pages: two rows of four in landscape, rows as tall as their names need.
    const bool landscape = screen.x >= screen.y;
    const int pageRows = landscape ? 2 : 4;
    const float cellH = m.targetPx * 1.05f;
    std::vector<staff::Choice> pages;
    if (ctx.app.staffDesk()) {
        pages = {
            {"staff.queue", staff_text::kQueue, staff_text::kQueueSubtitle,
             act(si::ShowPage{StaffPage::Queue}), palette.primaryButton},
            {"staff.schedule", staff_text::kSchedule, staff_text::kScheduleSubtitle,
             act(si::ShowPage{StaffPage::Schedule}), palette.plainButton},
            {"staff.closures", staff_text::kClosures, staff_text::kClosuresSubtitle,
             act(si::ShowPage{StaffPage::Closures}), palette.plainButton},
            {"staff.members", staff_text::kMembers, staff_text::kMembersSubtitle,
             act(si::ShowPage{StaffPage::Members}), palette.plainButton},
            {"staff.audit", staff_text::kAudit, staff_text::kAuditSubtitle,
             act(si::ShowPage{StaffPage::Audit}), palette.plainButton},
            {"staff.help", staff_text::kRecordHelp, staff_text::kRecordHelpSubtitle,
             act(si::ShowPage{StaffPage::HelpDay}), palette.primaryButton},
            {"staff.guide_checks", staff_text::kGuideChecks, staff_text::kGuideChecksSubtitle,
             act(si::ShowPage{StaffPage::GuideChecks}), palette.plainButton},
            {"staff.export", staff_text::kExport, staff_text::kExportSubtitle,
             act(si::ShowPage{StaffPage::Export}), palette.plainButton},
        };
        // Titles only on small screens: the subtitles would not fit a 16 mm button.
        if (cellH < m.bodyFontPx * 3.2f + m.pxPerMm * 5) {
            for (staff::Choice& c : pages)
                c.subtitle.clear();
        }
    }
    const float gridW = screen.x - m.marginPx - std::max(m.marginPx, m.cornerPx);
    const float minW = (screen.x - 2 * m.marginPx) / (landscape ? 4.6f : 2.2f);
    const float tileRowH =
        pages.empty() ? 0 : std::max(cellH, staff::choiceRowHeight(ctx, pages, minW, gridW));
    // The title at its smallest: in bold body text, with who is signed in.
    const float textX = std::max(m.marginPx, m.cornerPx);
    const float textW = screen.x - textX - m.marginPx;
    const float leastTitle = m.marginPx + wrappedTextHeight(ctx.theme.bodyBold(), textW, text::kStaffTitle) +
                             (who.empty() ? 0 : wrappedTextHeight(ctx.theme.body(), textW, who)) + m.gapPx;
    // Where a row of the team's pages and the program's buttons do not both fit under the title (a small
    // screen at large text), the buttons join the pages' grid, its labels on at most two lines, paged.
    const bool together =
        !pages.empty() &&
        leastTitle + staff::messageHeight(ctx) + tileRowH + m.gapPx + (bottom - buttonsTop) > bottom;
    float y = 0;
    float factsBottom = buttonsTop - m.gapPx;
    if (together) {
        for (const RowButton& b : buttons)
            pages.push_back({b.id, b.label, "", b.intent, b.colours});
        float twoLines = minW;
        const std::string widestMore = fmt::format(fmt::runtime(text::kMorePage), 9, 9);
        twoLines = std::max(twoLines, narrowestBoxFor(ctx.theme.bodyBold(), widestMore, 2));
        for (const staff::Choice& c : pages)
            twoLines = std::max(twoLines, narrowestBoxFor(ctx.theme.bodyBold(), c.title, 2));
        const float allMinW = std::min(gridW, twoLines + 2 * staff::buttonPad(m));
        const float rowH = std::max(cellH, staff::choiceRowHeight(ctx, pages, allMinW, gridW));
        // The title as small as it takes for two rows of them: fewer pages to go through.
        y = staff::drawStaffTitle(ctx, text::kStaffTitle, staff::messageHeight(ctx) + 2 * rowH + m.gapPx,
                                  bottom, who.c_str());
        y = staff::drawMessage(ctx, y);
        y = staff::drawChoices(ctx, y, bottom, pages, allMinW, cellH, intents) + m.gapPx;
        factsBottom = bottom;
    } else {
        y = staff::drawStaffTitle(ctx, text::kStaffTitle, staff::messageHeight(ctx) + tileRowH,
                                  buttonsTop - m.gapPx, who.c_str());
        y = staff::drawMessage(ctx, y);
        if (!pages.empty())
            y = staff::drawChoices(ctx, y, buttonsTop - m.gapPx, pages, minW, cellH, intents, 0, 0,
                                   pageRows) +
                m.gapPx;
    }

    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = screen.x - x - m.marginPx;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* font = ctx.theme.body();
    auto line = [&](const std::string& s) {
        const float h = wrappedTextHeight(font, width, s);
        if (y + h > factsBottom) return false; // a page, never a scroll
        draw->AddText(font, font->FontSize, ImVec2(x, y), toImColor(palette.page.text), s.c_str(), nullptr,
                      width);
        y += h;
        return true;
    };
    // The content in use first: the problems list below may fill the page.
    if (updater) line(content.summary());
    if (ctx.app.guidesToVerify() > 0)
        line(fmt::format(fmt::runtime(text::kStaffGuidesToVerify), ctx.app.guidesToVerify()));
    const std::vector<std::string>& notices = ctx.app.notices();
    if (notices.empty()) {
        line(text::kStaffNoProblems);
    } else {
        line(text::kStaffProblems);
        size_t shown = 0;
        for (; shown < notices.size(); ++shown) {
            if (y + 2 * font->FontSize > factsBottom || !line("• " + notices[shown])) break;
        }
        if (shown < notices.size())
            line(fmt::format(fmt::runtime(text::kStaffMoreProblems), notices.size() - shown));
    }
    for (const std::string& fact : kioskFacts(ctx.app.config()))
        line(fact);
    if (const kiosk::UploadWorker* uploads = ctx.app.uploads()) line(uploads->status().summary());

    for (std::size_t i = 0; !together && i < buttons.size(); ++i) {
        const auto col = static_cast<float>(static_cast<int>(i) % perRow);
        const auto row = static_cast<float>(static_cast<int>(i) / perRow);
        ImGui::SetCursorScreenPos(
            ImVec2(m.marginPx + col * (buttonW(perRow) + m.gapPx), buttonsTop + row * (buttonH + m.gapPx)));
        if (bigButton(ctx.targets, ctx.theme, buttons[i].id, {buttons[i].label},
                      ImVec2(buttonW(perRow), buttonH), buttons[i].colours)) {
            intents.push_back(buttons[i].intent);
        }
    }
}
} // namespace

Intents drawStaff(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("staff", ctx.theme)) {
        endPage();
        return intents;
    }
    switch (staff::deskState(ctx).page) {
    case StaffPage::Overview:
        drawOverview(ctx, intents);
        break;
    case StaffPage::Queue:
        staff::drawQueue(ctx, intents);
        break;
    case StaffPage::BookingDetail:
        staff::drawBookingDetail(ctx, intents);
        break;
    case StaffPage::Note:
        staff::drawNote(ctx, intents);
        break;
    case StaffPage::Reschedule:
        staff::drawReschedule(ctx, intents);
        break;
    case StaffPage::Schedule:
        staff::drawSchedule(ctx, intents);
        break;
    case StaffPage::Closures:
        staff::drawClosures(ctx, intents);
        break;
    case StaffPage::AddClosure:
        staff::drawAddClosure(ctx, intents);
        break;
    case StaffPage::Members:
        staff::drawMembers(ctx, intents);
        break;
    case StaffPage::AddMemberName:
        staff::drawAddMemberName(ctx, intents);
        break;
    case StaffPage::AddMemberPin:
        staff::drawAddMemberPin(ctx, intents);
        break;
    case StaffPage::Audit:
        staff::drawAudit(ctx, intents);
        break;
    case StaffPage::Export:
        staff::drawExport(ctx, intents);
        break;
    case StaffPage::GuideChecks:
        staff::drawGuideChecks(ctx, intents);
        break;
    case StaffPage::CheckStep:
        staff::drawCheckStep(ctx, intents);
        break;
    case StaffPage::Flag:
        staff::drawFlag(ctx, intents);
        break;
    case StaffPage::FlagNote:
        staff::drawFlagNote(ctx, intents);
        break;
    case StaffPage::HelpDay:
        staff::drawHelpDay(ctx, intents);
        break;
    case StaffPage::HelpPlace:
        staff::drawHelpPlace(ctx, intents);
        break;
    case StaffPage::HelpPeople:
        staff::drawHelpPeople(ctx, intents);
        break;
    case StaffPage::HelpResults:
        staff::drawHelpResults(ctx, intents);
        break;
    case StaffPage::BookingResults:
        staff::drawBookingResults(ctx, intents);
        break;
    case StaffPage::Satisfaction:
        staff::drawSatisfaction(ctx, intents);
        break;
    }
    endPage();
    return intents;
}

} // namespace ui
