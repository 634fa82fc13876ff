// The team itself: members and their PINs, the audit log of who did what, and exporting the bookings.
#include "staff_widgets.hpp"
#include "ui/keypads.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>

namespace ui::staff {

namespace {
namespace si = kiosk::staff_intent;
} // namespace

void drawMembers(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    float y = drawHeader(ctx, staff_text::kMembersTitle);
    y = drawMessage(ctx, y);
    const float barTop =
        drawStaffNav(ctx, intents, "staff.member.add", staff_text::kAddMember, act(si::StartAddMember{}));
    const std::int64_t self = ctx.app.state().staff ? ctx.app.state().staff->id : 0;
    std::vector<ActionRow> rows;
    for (const kiosk::StaffMember& member : s.members) {
        // Never yourself, never the last one: the desk refuses both, so the button is not offered.
        const bool canStop = member.id != self && s.members.size() > 1;
        rows.push_back(
            {member.id == self ? fmt::format("{} {}", member.name, staff_text::kYou) : member.name,
             fmt::format("staff.member.stop.{}", member.id), staff_text::kStop,
             canStop ? std::optional<kiosk::Intent>(act(si::Deactivate{member.id})) : std::nullopt});
    }
    drawActionRows(ctx, y, barTop - m.gapPx, rows, intents);
}

void drawAddMemberName(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    drawTypingPage(ctx, intents, staff_text::kMemberNameTitle, s.memberName.text(),
                   staff_text::kMemberNameHint, vietnameseKeys(text::kContinue, true), kLetterColumns, false);
}

void drawAddMemberPin(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const std::string title = fmt::format(
        fmt::runtime(s.firstPin.empty() ? staff_text::kMemberPinTitle : staff_text::kMemberPinAgainTitle),
        s.memberName.tidy());
    std::string dots;
    for (std::size_t i = 0; i < s.memberPin.characters(); ++i)
        dots += std::string(staff_text::kPinDot) + ' ';
    drawTypingPage(ctx, intents, title, dots, staff_text::kMemberPinHint, numericKeys(text::kContinue),
                   kNumericColumns, true);
}

void drawAudit(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const std::string widestMore = fmt::format(fmt::runtime(text::kMorePage), 99, 99);
    const float bottom = staffBar(ctx, text::kBack, widestMore.c_str()).top - m.gapPx;
    // The title in bold body text where the large one would leave no room for an entry's two lines.
    const float top =
        drawStaffTitle(ctx, staff_text::kAuditTitle, 2 * ctx.theme.bodyBold()->FontSize, bottom);
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = screen.x - x - m.marginPx;
    ImFont* bold = ctx.theme.bodyBold();
    ImFont* body = ctx.theme.body();
    // Each entry: when and who in bold, then what, both wrapped; the lines fill a page after another (a
    // long entry goes on on the next page).
    struct Line {
        std::string text;
        ImFont* font;
        float after; // space under the line
    };
    std::vector<Line> lines;
    for (const kiosk::AuditEntry& e : s.audit) {
        const std::string head = fmt::format("{} – {}", e.when, e.who);
        for (std::string_view part : wrapLines(bold, width, head))
            lines.push_back({std::string(part), bold, 0});
        for (std::string_view part : wrapLines(body, width, e.what))
            lines.push_back({std::string(part), body, 0});
        if (!lines.empty()) lines.back().after = m.gapPx / 2;
    }
    std::vector<int> starts{0}; // the first line of each page
    const int count = static_cast<int>(lines.size());
    float y = top;
    for (int i = 0; i < count; ++i) {
        const Line& line = lines[static_cast<std::size_t>(i)];
        if (y + line.font->FontSize > bottom && i > starts.back()) {
            starts.push_back(i);
            y = top;
        }
        y += line.font->FontSize + line.after;
    }
    const int pages = static_cast<int>(starts.size());
    const int page = std::clamp(s.listPage, 0, pages - 1);
    std::optional<kiosk::Intent> more;
    std::string moreLabel;
    if (pages > 1) {
        more = act(si::ShowListPage{(page + 1) % pages});
        moreLabel = fmt::format(fmt::runtime(text::kMorePage), page + 1, pages);
    }
    drawStaffNav(ctx, intents, "staff.more", moreLabel.c_str(), more);
    if (s.audit.empty()) {
        drawText(ctx, top, staff_text::kAuditEmpty);
        return;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    const int end = page + 1 < pages ? starts[static_cast<std::size_t>(page) + 1] : count;
    y = top;
    for (int i = starts[static_cast<std::size_t>(page)]; i < end; ++i) {
        const Line& line = lines[static_cast<std::size_t>(i)];
        draw->AddText(line.font, line.font->FontSize, ImVec2(x, y), ink, line.text.c_str());
        y += line.font->FontSize + line.after;
    }
}

void drawExport(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const float barTop = drawStaffNav(ctx, intents);
    float choicesH = std::max(m.targetPx * 1.3f, twoLineChoiceHeight(ctx)); // drawChoices' smallest cell
    const float screenW = ImGui::GetMainViewport()->Size.x;
    for (const kiosk::ExportDestination& d : s.destinations)
        choicesH = std::max(choicesH, labelHeight(ctx, d.label.c_str(), (screenW - 2 * m.marginPx) / 2));
    // The hint under the title; on a small screen at large text the title in bold body text, so the hint
    // still leaves a row for the choices.
    float y = drawStaffTitle(ctx, staff_text::kExportTitle, messageHeight(ctx) + choicesH, barTop - m.gapPx,
                             staff_text::kExportHint);
    y = drawMessage(ctx, y);
    if (!s.exportedFiles.empty()) {
        std::string files;
        for (const std::string& f : s.exportedFiles)
            files += (files.empty() ? "" : ", ") + f;
        // The folder by its path: "the kiosk's folder" alone does not tell the team where to look.
        y = drawText(ctx, y,
                     fmt::format(fmt::runtime(staff_text::kExportFiles), files, s.exportedFolder.string())) +
            m.gapPx / 2;
    } else if (!s.destinations.empty()) {
        // Named before exporting too: "Thư mục của máy" alone does not say where the files will be. Left
        // out only where it would push the choices under the bar (a small screen at large text). Recorded
        // with its widest line, so tests can tell the line is there and what it holds.
        const kiosk::ExportDestination& own = s.destinations.back();
        const std::string line = fmt::format("{}: {}", own.label, own.folder.string());
        const float x = std::max(m.marginPx, m.cornerPx);
        const float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
        ImFont* body = ctx.theme.body();
        const float lineH = wrappedTextHeight(body, width, line);
        if (y + lineH + m.gapPx / 2 + choicesH <= barTop - m.gapPx) {
            float widest = 0;
            for (std::string_view part : wrapLines(body, width, line)) {
                widest = std::max(widest, body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, part.data(),
                                                              part.data() + part.size())
                                              .x);
            }
            const float top = y;
            y = drawText(ctx, y, line);
            ctx.targets.addText({"staff.export.folder", ImVec2(x, top), ImVec2(x + widest, y), ImVec2(x, top),
                                 ImVec2(x + width, y), false});
            y += m.gapPx / 2;
        }
    }
    std::vector<Choice> choices;
    for (int i = 0; i < static_cast<int>(s.destinations.size()); ++i) {
        const kiosk::ExportDestination& d = s.destinations[static_cast<std::size_t>(i)];
        const bool last = i + 1 == static_cast<int>(s.destinations.size()); // the kiosk's own folder
        choices.push_back({last ? std::string("staff.export.kiosk") : fmt::format("staff.export.usb.{}", i),
                           d.label, last ? staff_text::kKioskFolder : staff_text::kUsbStick,
                           act(si::ExportTo{i}), last ? palette.plainButton : palette.primaryButton});
    }
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    drawChoices(ctx, y, barTop - m.gapPx, choices, (screen.x - 2 * m.marginPx) / 3.2f, m.targetPx * 1.3f,
                intents);
}

} // namespace ui::staff
