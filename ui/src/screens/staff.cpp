// Staff mode: the overview (what this kiosk is, what went wrong, the way to each team page, leave or
// restart), the pieces the staff pages share, and which page to draw.
#include "staff_widgets.hpp"
#include "ui/paging.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"

#include "content/topics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ui {

namespace staff {

const kiosk::StaffDeskState& deskState(const ScreenContext& ctx) {
    static const kiosk::StaffDeskState kNone{};
    const kiosk::StaffDesk* desk = ctx.app.staffDesk();
    return desk ? desk->state() : kNone;
}

void drawChoices(const ScreenContext& ctx, float top, float bottom, const std::vector<Choice>& choices,
                 float minWidth, float minHeight, Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const float left = std::max(m.marginPx, m.cornerPx);
    const float width = ImGui::GetMainViewport()->Size.x - left - m.marginPx;
    int columns =
        std::clamp(static_cast<int>((width + m.gapPx) / (std::max(minWidth, m.targetPx) + m.gapPx)), 1, 7);
    const float minCellH = std::max(minHeight, m.targetPx);
    const int rows = std::max(1, static_cast<int>((bottom - top + m.gapPx) / (minCellH + m.gapPx)));
    const int count = static_cast<int>(choices.size());
    // One cell cannot hold a choice and the page button (a small screen, large text): they share the row.
    if (columns * rows == 1 && count > 1) columns = 2;
    const int perPage = columns * rows;
    const PageSplit split = splitIntoPages(count, perPage);
    const bool paged = split.paged;
    const int pages = split.pages;
    const int page = split.clamp(deskState(ctx).listPage);
    const int rowsUsed = std::min(rows, (std::min(count, perPage) + columns - 1) / columns);
    const float cellH = std::clamp((bottom - top - static_cast<float>(rowsUsed - 1) * m.gapPx) /
                                       static_cast<float>(std::max(rowsUsed, 1)),
                                   minCellH, minCellH * 1.4f);
    const float cellW = (width - static_cast<float>(columns - 1) * m.gapPx) / static_cast<float>(columns);
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
        ImGui::SetCursorScreenPos(pos);
        if (bigButton(ctx.targets, ctx.theme, choice.id, {choice.title, choice.subtitle},
                      ImVec2(cellW, cellH), choice.colours)) {
            intents.push_back(choice.intent);
        }
    }
    if (paged) {
        ImGui::SetCursorScreenPos(cellPos(perPage - 1));
        const std::string more = fmt::format(fmt::runtime(text::kMorePage), page + 1, pages);
        if (bigButton(ctx.targets, ctx.theme, "staff.more", {more}, ImVec2(cellW, cellH),
                      palette.plainButton)) {
            intents.push_back(act(kiosk::staff_intent::ShowListPage{(page + 1) % pages}));
        }
    }
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

float drawText(const ScreenContext& ctx, float y, const std::string& line, bool bold) {
    const Metrics& m = ctx.theme.metrics();
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
    ImFont* font = bold ? ctx.theme.bodyBold() : ctx.theme.body();
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, ImVec2(x, y),
                                        toImColor(ctx.theme.palette().page.text), line.c_str(), nullptr,
                                        width);
    return y + wrappedTextHeight(font, width, line);
}

float drawStaffNav(const ScreenContext& ctx, Intents& intents, const char* id, const char* label,
                   std::optional<kiosk::Intent> action) {
    const float top = drawNavBar(ctx, intents, false, false); // the team's pages: no "Trang đầu"
    if (id && label && action) {
        const Metrics& m = ctx.theme.metrics();
        const ImVec2 screen = ImGui::GetMainViewport()->Size;
        const float width = std::max(m.targetPx * 2.2f, (screen.x - 2 * m.marginPx - m.gapPx) / 3);
        ImGui::SetCursorScreenPos(ImVec2(screen.x - m.marginPx - width, top));
        if (bigButton(ctx.targets, ctx.theme, id, {label}, ImVec2(width, m.targetPx),
                      ctx.theme.palette().primaryButton)) {
            intents.push_back(*action);
        }
    }
    return top;
}

void drawQuestion(const ScreenContext& ctx, Intents& intents, const std::string& question,
                  const std::string& why, const char* yesId, const char* yesLabel, kiosk::Intent yes) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    drawHeader(ctx, question.c_str(), why.c_str());
    const float width = std::max(m.targetPx * 2.2f, (screen.x - 2 * m.marginPx - m.gapPx) / 3);
    const float top = screen.y - navBarHeight(ctx.theme);
    ImGui::SetCursorScreenPos(ImVec2(m.marginPx, top));
    if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kNo}, ImVec2(width, m.targetPx),
                  ctx.theme.palette().primaryButton)) {
        intents.push_back(kiosk::intent::Back{});
    }
    ImGui::SetCursorScreenPos(ImVec2(screen.x - m.marginPx - width, top));
    if (bigButton(ctx.targets, ctx.theme, yesId, {yesLabel}, ImVec2(width, m.targetPx),
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
    float y = drawHeader(ctx, text::kStaffTitle, who.c_str());
    y = staff::drawMessage(ctx, y);
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
    const float buttonsTop = screen.y - m.marginPx - buttonRowHeight(ctx, buttons);

    // The team's pages: two rows of four in landscape.
    const bool landscape = screen.x >= screen.y;
    const float pageRows = landscape ? 2.0f : 4.0f;
    const float cellH = m.targetPx * 1.05f;
    const float gridBottom = y + pageRows * cellH + (pageRows - 1) * m.gapPx;
    if (ctx.app.staffDesk()) {
        std::vector<staff::Choice> pages{
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
        // In a portrait screen's two columns at large text "Ghi việc đã giúp" takes two lines, more than
        // the cell holds: the short name keeps it whole and off the page below it. (It sits above the last
        // row because "Xuất danh sách hẹn" spills there too.)
        if (!landscape) {
            const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
            const float cellW = (screen.x - std::max(m.marginPx, m.cornerPx) - m.marginPx - m.gapPx) / 2;
            if (wrappedTextHeight(ctx.theme.bodyBold(), cellW - 2 * pad, staff_text::kRecordHelp) + 2 * pad >
                cellH)
                std::ranges::find(pages, std::string("staff.help"), &staff::Choice::id)->title =
                    staff_text::kRecordHelpShort;
        }
        const float minW = (screen.x - 2 * m.marginPx) / (landscape ? 4.6f : 2.2f);
        staff::drawChoices(ctx, y, gridBottom, pages, minW, cellH, intents);
        y = gridBottom + m.gapPx;
    }

    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = screen.x - x - m.marginPx;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* font = ctx.theme.body();
    auto line = [&](const std::string& s) {
        const float h = wrappedTextHeight(font, width, s);
        if (y + h > buttonsTop - m.gapPx) return false; // a page, never a scroll
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
            if (y + 2 * font->FontSize > buttonsTop - m.gapPx || !line("• " + notices[shown])) break;
        }
        if (shown < notices.size())
            line(fmt::format(fmt::runtime(text::kStaffMoreProblems), notices.size() - shown));
    }
    for (const std::string& fact : kioskFacts(ctx.app.config()))
        line(fact);
    if (const kiosk::UploadWorker* uploads = ctx.app.uploads()) line(uploads->status().summary());

    drawButtonRow(ctx, buttonsTop, buttons, intents);
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
