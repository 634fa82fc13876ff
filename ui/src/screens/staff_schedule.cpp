// The weekly schedule (which blocks of which weekdays take bookings, slot length, helpers at once) and
// the closed days.
#include "staff_widgets.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ui::staff {

namespace {
namespace si = kiosk::staff_intent;

kiosk::LocalDate dayAt(const kiosk::StaffDeskState& s, int offset) {
    return kiosk::LocalDate{std::chrono::sys_days{s.today} + std::chrono::days{offset}};
}

// "Bớt  [Mỗi lượt: 30 phút]  Thêm" in the box from x to x + width.
void drawStepper(const ScreenContext& ctx, float x, float y, float width, const std::string& idPrefix,
                 const std::string& value, kiosk::StaffIntent less, kiosk::StaffIntent more,
                 Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const float buttonW = std::max(m.targetPx, width * 0.22f);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (bigButton(ctx.targets, ctx.theme, idPrefix + ".less", {staff_text::kLess},
                  ImVec2(buttonW, m.targetPx), ctx.theme.palette().plainButton)) {
        intents.push_back(act(std::move(less)));
    }
    drawCentredText(ImGui::GetWindowDrawList(), ctx.theme.bodyBold(), ImVec2(x + buttonW + m.gapPx, y),
                    ImVec2(x + width - buttonW - m.gapPx, y + m.targetPx), value,
                    toImColor(ctx.theme.palette().page.text));
    ImGui::SetCursorScreenPos(ImVec2(x + width - buttonW, y));
    if (bigButton(ctx.targets, ctx.theme, idPrefix + ".more", {staff_text::kMore},
                  ImVec2(buttonW, m.targetPx), ctx.theme.palette().plainButton)) {
        intents.push_back(act(std::move(more)));
    }
}
} // namespace

void drawSchedule(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    float y = drawHeader(ctx, staff_text::kScheduleTitle);
    const float barTop =
        drawStaffNav(ctx, intents, "staff.schedule.save", staff_text::kSave, act(si::SaveSchedule{}));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(palette.page.text);
    // The result or "unsaved" sits in the bar between "Quay lại" and "Lưu": the grid needs the height.
    const std::string status = !s.message.empty() ? s.message : s.scheduleChanged ? staff_text::kUnsaved : "";
    if (!status.empty()) {
        const float navW = std::max(m.targetPx * 2.2f, (screen.x - 2 * m.marginPx - m.gapPx) / 3);
        drawCentredText(draw, ctx.theme.bodyBold(), ImVec2(m.marginPx + navW + m.gapPx, barTop),
                        ImVec2(screen.x - m.marginPx - navW - m.gapPx, barTop + m.targetPx), status, ink);
    }

    // The grid: a label column ("Sáng 07:30–11:30"), then Monday .. Sunday.
    const float left = std::max(m.marginPx, m.cornerPx);
    ImFont* body = ctx.theme.body();
    const float labelW = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, "00:00–00:00").x + m.gapPx;
    const float cellW = (screen.x - m.marginPx - left - labelW - 6 * m.gapPx) / 7;
    const float headH = ctx.theme.bodyBold()->FontSize;
    // Just over the 3 mm fingers need between targets: the grid, the steppers and the bar share a small
    // screen.
    const float gap = std::min(m.gapPx, std::ceil(m.pxPerMm * 3.2f));
    for (int column = 0; column < 7; ++column) {
        const int weekday = (column + 1) % 7; // Monday first, as the team reads a week
        const float x = left + labelW + static_cast<float>(column) * (cellW + m.gapPx);
        drawCentredText(draw, ctx.theme.bodyBold(), ImVec2(x, y), ImVec2(x + cellW, y + headH),
                        staff_text::kWeekdayShort[weekday], ink);
    }
    y += headH;
    // Rows share what is left above the steppers, but never go below a touch target.
    const float steppersH = m.targetPx + gap;
    const float blocks = static_cast<float>(kiosk::scheduleBlocks.size());
    const float rowH = std::clamp((barTop - gap - steppersH - y - (blocks - 1) * gap) / blocks, m.targetPx,
                                  m.targetPx * 1.3f);
    for (std::size_t b = 0; b < kiosk::scheduleBlocks.size(); ++b) {
        const kiosk::ScheduleBlock& block = kiosk::scheduleBlocks[b];
        const std::string label = fmt::format("{}\n{}–{}", block.label, kiosk::clockTime(block.startMinute),
                                              kiosk::clockTime(block.endMinute));
        draw->AddText(body, body->FontSize, ImVec2(left, y + (rowH - 2 * body->FontSize * 1.15f) / 2), ink,
                      label.c_str());
        for (int column = 0; column < 7; ++column) {
            const int weekday = (column + 1) % 7;
            const bool open = s.blocks[static_cast<std::size_t>(weekday)][b];
            ImGui::SetCursorScreenPos(
                ImVec2(left + labelW + static_cast<float>(column) * (cellW + m.gapPx), y));
            if (bigButton(ctx.targets, ctx.theme, fmt::format("staff.block.{}.{}", weekday, b),
                          {open ? staff_text::kOpenBlock : staff_text::kClosedBlock}, ImVec2(cellW, rowH),
                          open ? palette.publicServices : palette.plainButton)) {
                intents.push_back(act(si::ToggleBlock{weekday, static_cast<int>(b)}));
            }
        }
        y += rowH + gap;
    }
    // Slot length and capacity, side by side.
    const float half = (screen.x - m.marginPx - left - m.gapPx * 2) / 2;
    y = barTop - gap - m.targetPx;
    drawStepper(ctx, left, y, half, "staff.slot",
                fmt::format(fmt::runtime(staff_text::kSlotLength), s.slotMinutes), si::StepSlotMinutes{-1},
                si::StepSlotMinutes{1}, intents);
    drawStepper(ctx, left + half + m.gapPx * 2, y, half, "staff.capacity",
                fmt::format(fmt::runtime(staff_text::kCapacity), s.capacity), si::StepCapacity{-1},
                si::StepCapacity{1}, intents);
}

void drawClosures(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    float y = drawHeader(ctx, staff_text::kClosuresTitle);
    y = drawMessage(ctx, y);
    const float barTop = drawStaffNav(ctx, intents, "staff.closure.add", staff_text::kAddClosure,
                                      act(si::ShowPage{kiosk::StaffPage::AddClosure}));
    if (s.closures.empty()) {
        drawText(ctx, y, staff_text::kNoClosures);
        return;
    }
    std::vector<ActionRow> rows;
    for (const auto& closure : s.closures) {
        std::string days = kiosk::vietnameseDay(closure.first);
        if (closure.last != closure.first) days += " – " + kiosk::vietnameseDay(closure.last);
        rows.push_back({closure.reason.empty() ? days : days + " · " + closure.reason,
                        fmt::format("staff.closure.remove.{}", closure.id), staff_text::kRemove,
                        act(si::RemoveClosure{closure.id})});
    }
    drawActionRows(ctx, y, barTop - m.gapPx, rows, intents);
}

void drawAddClosure(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    std::string note = s.message;
    if (note.empty() && s.closureOffset && s.bookingsOnClosureDay > 0) {
        note = fmt::format(fmt::runtime(staff_text::kClosureHasBookings),
                           kiosk::vietnameseDay(dayAt(s, *s.closureOffset)), s.bookingsOnClosureDay);
    }
    float y = drawHeader(ctx, staff_text::kAddClosureTitle, note.empty() ? nullptr : note.c_str());
    const float barTop =
        drawStaffNav(ctx, intents, "staff.closure.save", staff_text::kSave, act(si::SaveClosure{}));
    // The reasons, as chips just above the bar.
    const float reasonsTop = barTop - m.gapPx - m.targetPx;
    const float left = std::max(m.marginPx, m.cornerPx);
    const float chipW = (screen.x - m.marginPx - left - 2 * m.gapPx) / 3;
    for (int i = 0; i < static_cast<int>(kiosk::closureReasons.size()); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(left + static_cast<float>(i) * (chipW + m.gapPx), reasonsTop));
        if (bigButton(ctx.targets, ctx.theme, fmt::format("staff.closure.reason.{}", i),
                      {kiosk::closureReasons[static_cast<std::size_t>(i)]}, ImVec2(chipW, m.targetPx),
                      i == s.closureReason ? palette.primaryButton : palette.plainButton)) {
            intents.push_back(act(si::ChooseClosureReason{i}));
        }
    }
    std::vector<Choice> days;
    for (int offset = 0; offset < 14; ++offset) {
        const bool chosen = s.closureOffset && *s.closureOffset == offset;
        days.push_back({fmt::format("staff.closure.day.{}", offset), kiosk::vietnameseDay(dayAt(s, offset)),
                        "", act(si::ChooseClosureDay{offset}),
                        chosen ? palette.primaryButton : palette.plainButton});
    }
    ImFont* title = ctx.theme.bodyBold();
    const float minW = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "Chủ Nhật 00/00").x + m.pxPerMm * 6;
    drawChoices(ctx, y, reasonsTop - m.gapPx, days, minW, m.targetPx, intents);
}

} // namespace ui::staff
