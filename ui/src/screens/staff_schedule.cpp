// The weekly schedule (which blocks of which weekdays take bookings, slot length, helpers at once) and
// the closed days.
#include "schedule/opening_hours.hpp"
#include "staff_widgets.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace ui::staff {

namespace {
namespace si = kiosk::staff_intent;

kiosk::LocalDate dayAt(const kiosk::StaffDeskState& s, int offset) {
    return kiosk::LocalDate{std::chrono::sys_days{s.today} + std::chrono::days{offset}};
}

// "Bớt  [Mỗi lượt: 30 phút]  Thêm": its buttons as wide as "Thêm" needs, the value between them; where
// the value's words do not fit there (a narrow screen at large text), the value above and the buttons under
// it.
struct Stepper {
    float buttonW = 0;
    float height = 0;
    bool fits = false; // the value's words fit between the buttons
    float valueH = 0;  // stacked: the value's lines over the buttons
};
Stepper measureStepper(const ScreenContext& ctx, float width, const std::string& value) {
    const Metrics& m = ctx.theme.metrics();
    ImFont* bold = ctx.theme.bodyBold();
    Stepper st;
    st.buttonW = std::max({m.targetPx, oneLineButtonWidth(ctx.theme, staff_text::kLess),
                           oneLineButtonWidth(ctx.theme, staff_text::kMore)});
    const float middle = width - 2 * (st.buttonW + m.gapPx);
    bool broke = false;
    const auto lines = middle > 0 ? wrapLines(bold, middle, value, &broke).size() : 0;
    st.fits = middle > 0 && !broke;
    st.height = std::max(m.targetPx, static_cast<float>(lines) * bold->FontSize);
    if (!st.fits) {
        st.valueH = wrappedTextHeight(bold, width, value);
        st.height = st.valueH + m.gapPx / 2 + m.targetPx;
    }
    return st;
}

void drawStepper(const ScreenContext& ctx, float x, float y, float width, const Stepper& st,
                 const std::string& idPrefix, const std::string& value, kiosk::StaffIntent less,
                 kiosk::StaffIntent more, Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    const bool stacked = st.valueH > 0;
    const float buttonsY = stacked ? y + st.valueH + m.gapPx / 2 : y;
    const float buttonH = stacked ? m.targetPx : st.height;
    if (stacked) {
        drawCentredText(ImGui::GetWindowDrawList(), ctx.theme.bodyBold(), ImVec2(x, y),
                        ImVec2(x + width, y + st.valueH), value, ink);
    } else {
        drawCentredText(ImGui::GetWindowDrawList(), ctx.theme.bodyBold(), ImVec2(x + st.buttonW + m.gapPx, y),
                        ImVec2(x + width - st.buttonW - m.gapPx, y + st.height), value, ink);
    }
    ImGui::SetCursorScreenPos(ImVec2(x, buttonsY));
    if (bigButton(ctx.targets, ctx.theme, idPrefix + ".less", {staff_text::kLess},
                  ImVec2(st.buttonW, buttonH), ctx.theme.palette().plainButton)) {
        intents.push_back(act(std::move(less)));
    }
    ImGui::SetCursorScreenPos(ImVec2(x + width - st.buttonW, buttonsY));
    if (bigButton(ctx.targets, ctx.theme, idPrefix + ".more", {staff_text::kMore},
                  ImVec2(st.buttonW, buttonH), ctx.theme.palette().plainButton)) {
        intents.push_back(act(std::move(more)));
    }
}

// A block's heading over its column: "Sáng 07:30–11:30", on more lines where the column is narrow.
std::string blockHeading(const ScreenContext& ctx, const kiosk::ScheduleBlock& block, float width) {
    const std::string start = kiosk::clockTime(block.startMinute), end = kiosk::clockTime(block.endMinute);
    for (const std::string& heading : {fmt::format("{} {}–{}", block.label, start, end),
                                       fmt::format("{}\n{}–{}", block.label, start, end)}) {
        bool broke = false;
        (void)wrapLines(ctx.theme.body(), width, heading, &broke);
        if (!broke) return heading;
    }
    return fmt::format("{}\n{}–\n{}", block.label, start, end);
}
} // namespace

void drawSchedule(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float barTop =
        drawStaffNav(ctx, intents, "staff.schedule.save", staff_text::kSave, act(si::SaveSchedule{}));
    const StaffBar bar = staffBar(ctx, text::kBack, staff_text::kSave);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(palette.page.text);
    const float left = std::max(m.marginPx, m.cornerPx);
    const float right = screen.x - m.marginPx;
    float bottom = barTop - m.gapPx;
    // The result or "unsaved" sits in the bar between "Quay lại" and "Lưu", or over the steppers when the
    // bar has no room between them or holds the page button.
    const std::string status = !s.message.empty() ? s.message : s.scheduleChanged ? staff_text::kUnsaved : "";
    const float midL = m.marginPx + bar.width + m.gapPx, midR = screen.x - m.marginPx - bar.width - m.gapPx;
    // "Xem tiếp" between them where it fits there on one line (a landscape screen): the grid keeps the room.
    // Its gaps to them 3.2 mm, not the usual 4 (at least 3 apart, as every target): 800x480 at A++ needs it.
    const float moreGap = m.gapPx * 0.8f;
    const float moreL = m.marginPx + bar.width + moreGap, moreR = screen.x - m.marginPx - bar.width - moreGap;
    const bool moreInBar =
        moreR - moreL >= std::max(m.targetPx, oneLineButtonWidth(ctx.theme, text::kListNext));
    bool statusInBar = false;
    float statusH = 0;
    if (!status.empty()) {
        bool broke = false;
        statusInBar =
            midR - midL > m.targetPx &&
            static_cast<float>(wrapLines(ctx.theme.bodyBold(), midR - midL, status, &broke).size()) *
                    ctx.theme.bodyBold()->FontSize <=
                bar.height &&
            !broke;
        statusH = wrappedTextHeight(ctx.theme.bodyBold(), right - left, status) + m.gapPx / 2;
    }

    // Slot length and capacity: side by side, or one over the other when their words need the width.
    const std::string slot = fmt::format(fmt::runtime(staff_text::kSlotLength), s.slotMinutes);
    const std::string capacity = fmt::format(fmt::runtime(staff_text::kCapacity), s.capacity);
    const float half = (right - left - m.gapPx * 2) / 2;
    Stepper slotStep = measureStepper(ctx, half, slot), capStep = measureStepper(ctx, half, capacity);
    const bool sideBySide = slotStep.fits && capStep.fits;
    if (sideBySide) {
        slotStep.height = capStep.height = std::max(slotStep.height, capStep.height);
    } else {
        slotStep = measureStepper(ctx, right - left, slot);
        capStep = measureStepper(ctx, right - left, capacity);
    }
    const float steppersH = sideBySide ? slotStep.height : slotStep.height + m.gapPx + capStep.height;
    auto drawSteppers = [&](float top) {
        if (sideBySide) {
            drawStepper(ctx, left, top, half, slotStep, "staff.slot", slot, si::StepSlotMinutes{-1},
                        si::StepSlotMinutes{1}, intents);
            drawStepper(ctx, left + half + m.gapPx * 2, top, half, capStep, "staff.capacity", capacity,
                        si::StepCapacity{-1}, si::StepCapacity{1}, intents);
        } else {
            drawStepper(ctx, left, top, right - left, slotStep, "staff.slot", slot, si::StepSlotMinutes{-1},
                        si::StepSlotMinutes{1}, intents);
            drawStepper(ctx, left, top + slotStep.height + m.gapPx, right - left, capStep, "staff.capacity",
                        capacity, si::StepCapacity{-1}, si::StepCapacity{1}, intents);
        }
        return top + steppersH;
    };

    // The week: a row a day (Monday first, as the team reads a week), a column a block, paged by days
    // where the rows do not all fit; on a small screen the steppers take a page of their own.
    ImFont* bold = ctx.theme.bodyBold();
    float labelW = 0;
    for (const char* day : staff_text::kWeekdayShort)
        labelW = std::max(labelW, bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, day).x);
    labelW += m.gapPx;
    const int blocks = static_cast<int>(kiosk::scheduleBlocks.size());
    const float cellW =
        (right - left - labelW - static_cast<float>(blocks - 1) * m.gapPx) / static_cast<float>(blocks);
    float headH = 0;
    std::vector<std::string> headings;
    for (const kiosk::ScheduleBlock& block : kiosk::scheduleBlocks) {
        headings.push_back(blockHeading(ctx, block, cellW));
        headH = std::max(headH, wrappedTextHeight(ctx.theme.body(), cellW, headings.back()));
    }
    // Where "mở" / "đóng" do not fit a column (a narrow screen at large text): a day a page, its blocks in
    // rows, the block's words at the left and its key at the right; the steppers on a page after the days.
    const float toggleW = std::max({m.targetPx, oneLineButtonWidth(ctx.theme, staff_text::kOpenBlock),
                                    oneLineButtonWidth(ctx.theme, staff_text::kClosedBlock)});
    if (cellW < toggleW) {
        const int pages = 8;
        const int page = std::clamp(s.listPage, 0, pages - 1);
        float y = m.marginPx;
        if (page < 7) {
            const int weekday = (page + 1) % 7; // Monday first
            draw->AddText(bold, bold->FontSize, ImVec2(left, y), ink, kiosk::weekdayName(page), nullptr,
                          right - left);
            y += wrappedTextHeight(bold, right - left, kiosk::weekdayName(page)) + m.gapPx / 2;
            // Under the day's name the rows are clear of the hidden corner: the whole width.
            const float rowLeft = y >= m.cornerPx ? m.marginPx : left;
            const float wordsW = right - rowLeft - m.gapPx - toggleW;
            for (int b = 0; b < blocks; ++b) {
                const kiosk::ScheduleBlock& block = kiosk::scheduleBlocks[static_cast<std::size_t>(b)];
                const std::string words = blockHeading(ctx, block, wordsW);
                const float h = std::max(m.targetPx, wrappedTextHeight(ctx.theme.body(), wordsW, words));
                drawCentredText(draw, ctx.theme.body(), ImVec2(rowLeft, y), ImVec2(rowLeft + wordsW, y + h),
                                words, ink);
                const bool open = s.blocks[static_cast<std::size_t>(weekday)][static_cast<std::size_t>(b)];
                ImGui::SetCursorScreenPos(ImVec2(right - toggleW, y));
                if (bigButton(ctx.targets, ctx.theme, fmt::format("staff.block.{}.{}", weekday, b),
                              {open ? staff_text::kOpenBlock : staff_text::kClosedBlock}, ImVec2(toggleW, h),
                              open ? palette.publicServices : palette.plainButton)) {
                    intents.push_back(act(si::ToggleBlock{weekday, b}));
                }
                y += h + m.gapPx;
            }
        } else {
            y = drawSteppers(y) + m.gapPx;
        }
        if (moreInBar) {
            ImGui::SetCursorScreenPos(ImVec2(moreL, barTop));
            if (bigButton(ctx.targets, ctx.theme, "staff.more", {text::kListNext},
                          ImVec2(moreR - moreL, bar.height), palette.plainButton))
                intents.push_back(act(si::ShowListPage{(page + 1) % pages}));
        } else {
            const std::string more = fmt::format(fmt::runtime(text::kMorePage), page + 1, pages);
            const float moreRowH = labelHeight(ctx, more.c_str(), right - left);
            ImGui::SetCursorScreenPos(ImVec2(left, y));
            if (bigButton(ctx.targets, ctx.theme, "staff.more", {more}, ImVec2(right - left, moreRowH),
                          palette.plainButton))
                intents.push_back(act(si::ShowListPage{(page + 1) % pages}));
            y += moreRowH + m.gapPx;
        }
        // The result or "unsaved" in the bar, or under the page's keys where there is room (always on the
        // steppers' page; a day's page at the largest text may have none).
        if (!status.empty() && statusInBar && !moreInBar) {
            drawCentredText(draw, bold, ImVec2(midL, barTop), ImVec2(midR, barTop + bar.height), status, ink);
        } else if (!status.empty() && y - m.gapPx / 2 + statusH <= barTop - m.gapPx / 2) {
            draw->AddText(bold, bold->FontSize, ImVec2(left, y - m.gapPx / 2), ink, status.c_str(), nullptr,
                          right - left);
        }
        return;
    }
    const float rowH = std::max({m.targetPx, labelHeight(ctx, staff_text::kClosedBlock, cellW),
                                 labelHeight(ctx, staff_text::kOpenBlock, cellW)});
    const std::string widestMore = fmt::format(fmt::runtime(text::kMorePage), 9, 9);
    const float moreW = right - left - labelW;
    const float moreH = std::max(rowH, labelHeight(ctx, widestMore.c_str(), moreW));
    // The title, unless it leaves no room for a day and the page button (a small screen at large text:
    // the week's grid and "Lưu" say what the page is).
    bool withTitle = false, ownPage = false;
    int perPage = 7, pages = 1;
    float gridTop = 0, underSteppers = 0;
    auto plan = [&] {
        bottom = barTop - m.gapPx - (statusInBar ? 0 : statusH);
        const float moreRow = moreInBar ? 0 : m.gapPx + moreH;
        withTitle =
            headerHeight(ctx, staff_text::kScheduleTitle) + headH + m.gapPx / 2 + rowH + moreRow <= bottom;
        gridTop =
            (withTitle ? headerHeight(ctx, staff_text::kScheduleTitle) : m.marginPx) + headH + m.gapPx / 2;
        underSteppers = bottom - steppersH - m.gapPx;
        auto rowsAbove = [&](float b, float reserve) {
            return static_cast<int>((b - gridTop - reserve + m.gapPx) / (rowH + m.gapPx));
        };
        ownPage = false;
        perPage = 7;
        if (rowsAbove(underSteppers, 0) < 7) {
            perPage = rowsAbove(underSteppers, moreRow);
            if (perPage < 2) {
                ownPage = true;
                perPage = std::max(1, rowsAbove(bottom, moreRow));
            }
        }
        pages = (7 + perPage - 1) / perPage + (ownPage ? 1 : 0);
    };
    plan();
    if (pages > 1 && moreInBar && statusInBar) {
        statusInBar = false;
        plan();
    }
    if (!status.empty()) {
        if (statusInBar) {
            drawCentredText(draw, ctx.theme.bodyBold(), ImVec2(midL, barTop),
                            ImVec2(midR, barTop + bar.height), status, ink);
        } else {
            draw->AddText(ctx.theme.bodyBold(), ctx.theme.bodyBold()->FontSize,
                          ImVec2(left, bottom + m.gapPx / 2), ink, status.c_str(), nullptr, right - left);
        }
    }
    float y = withTitle ? drawHeader(ctx, staff_text::kScheduleTitle) : m.marginPx;
    const int page = std::clamp(s.listPage, 0, pages - 1);
    float moreTop = 0;
    if (ownPage && page == pages - 1) {
        moreTop = drawSteppers(y) + m.gapPx;
    } else {
        for (int b = 0; b < blocks; ++b) {
            const float x = left + labelW + static_cast<float>(b) * (cellW + m.gapPx);
            drawCentredText(draw, ctx.theme.body(), ImVec2(x, y), ImVec2(x + cellW, y + headH),
                            headings[static_cast<std::size_t>(b)], ink);
        }
        y = gridTop;
        for (int row = page * perPage; row < std::min(7, (page + 1) * perPage); ++row) {
            const int weekday = (row + 1) % 7;
            drawCentredText(draw, bold, ImVec2(left, y), ImVec2(left + labelW - m.gapPx, y + rowH),
                            staff_text::kWeekdayShort[weekday], ink);
            for (int b = 0; b < blocks; ++b) {
                const bool open = s.blocks[static_cast<std::size_t>(weekday)][static_cast<std::size_t>(b)];
                ImGui::SetCursorScreenPos(
                    ImVec2(left + labelW + static_cast<float>(b) * (cellW + m.gapPx), y));
                if (bigButton(ctx.targets, ctx.theme, fmt::format("staff.block.{}.{}", weekday, b),
                              {open ? staff_text::kOpenBlock : staff_text::kClosedBlock}, ImVec2(cellW, rowH),
                              open ? palette.publicServices : palette.plainButton)) {
                    intents.push_back(act(si::ToggleBlock{weekday, b}));
                }
            }
            y += rowH + m.gapPx;
        }
        moreTop = y;
        if (!ownPage) drawSteppers(bottom - steppersH);
    }
    if (pages > 1 && moreInBar) {
        ImGui::SetCursorScreenPos(ImVec2(moreL, barTop));
        if (bigButton(ctx.targets, ctx.theme, "staff.more", {text::kListNext},
                      ImVec2(moreR - moreL, bar.height), palette.plainButton)) {
            intents.push_back(act(si::ShowListPage{(page + 1) % pages}));
        }
    } else if (pages > 1) {
        const std::string more = fmt::format(fmt::runtime(text::kMorePage), page + 1, pages);
        ImGui::SetCursorScreenPos(ImVec2(left + labelW, moreTop));
        if (bigButton(ctx.targets, ctx.theme, "staff.more", {more}, ImVec2(moreW, moreH),
                      palette.plainButton)) {
            intents.push_back(act(si::ShowListPage{(page + 1) % pages}));
        }
    }
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
    const float barTop =
        drawStaffNav(ctx, intents, "staff.closure.save", staff_text::kSave, act(si::SaveClosure{}));
    // The reasons, as chips just above the bar: in one row each as wide as its label where they fit,
    // else three in a row, or one under another when a word would not fit a third of the width.
    const float left = std::max(m.marginPx, m.cornerPx);
    const float right = screen.x - m.marginPx;
    const int reasons = static_cast<int>(kiosk::closureReasons.size());
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    std::vector<float> chipX, chipY, chipW;
    float chipH = m.targetPx;
    float oneRow = static_cast<float>(reasons - 1) * m.gapPx;
    for (const char* reason : kiosk::closureReasons)
        oneRow += std::max(m.targetPx, oneLineButtonWidth(ctx.theme, reason));
    float reasonsTop = 0;
    // Landscape 7" screens at large text: the chips, the day names and the title as small as they take.
    bool compact = screen.x >= screen.y;
    if (compact && oneRow <= right - left) {
        const float extra = (right - left - oneRow) / static_cast<float>(reasons);
        reasonsTop = barTop - m.gapPx - chipH;
        float x = left;
        for (const char* reason : kiosk::closureReasons) {
            const float w = std::max(m.targetPx, oneLineButtonWidth(ctx.theme, reason)) + extra;
            chipX.push_back(x);
            chipY.push_back(reasonsTop);
            chipW.push_back(w);
            x += w + m.gapPx;
        }
    } else {
        auto widthFor = [&](int n) {
            return (right - left - static_cast<float>(n - 1) * m.gapPx) / static_cast<float>(n);
        };
        auto splits = [&](int n) {
            for (const char* reason : kiosk::closureReasons) {
                bool broke = false;
                (void)wrapLines(ctx.theme.bodyBold(), widthFor(n) - 2 * pad, reason, &broke);
                if (broke) return true;
            }
            return false;
        };
        int perRow = reasons;
        while (perRow > 1 && splits(perRow))
            --perRow;
        const float w = widthFor(perRow);
        for (const char* reason : kiosk::closureReasons)
            chipH = std::max(chipH, labelHeight(ctx, reason, w));
        const int chipRows = (reasons + perRow - 1) / perRow;
        reasonsTop = barTop - static_cast<float>(chipRows) * (chipH + m.gapPx);
        for (int i = 0; i < reasons; ++i) {
            chipX.push_back(left + static_cast<float>(i % perRow) * (w + m.gapPx));
            chipY.push_back(reasonsTop + static_cast<float>(i / perRow) * (chipH + m.gapPx));
            chipW.push_back(w);
        }
    }
    // Where the chips leave no room for two days and the page button one under another (a portrait 7"
    // screen at A++), one button instead says the reason and changes it to the next at each tap.
    const bool cycle = !compact && reasonsTop - m.gapPx - m.marginPx < 3 * m.targetPx + 2 * m.gapPx;
    if (cycle) {
        compact = true;
        const std::string label =
            fmt::format(fmt::runtime(staff_text::kClosureReasonNext),
                        kiosk::closureReasons[static_cast<std::size_t>(s.closureReason)]);
        const float h = labelHeight(ctx, label.c_str(), right - left);
        reasonsTop = barTop - m.gapPx - h;
        ImGui::SetCursorScreenPos(ImVec2(left, reasonsTop));
        if (bigButton(ctx.targets, ctx.theme, "staff.closure.reason", {label}, ImVec2(right - left, h),
                      palette.plainButton)) {
            intents.push_back(act(si::ChooseClosureReason{(s.closureReason + 1) % reasons}));
        }
    }
    for (int i = 0; i < reasons && !cycle; ++i) {
        const auto at = static_cast<std::size_t>(i);
        ImGui::SetCursorScreenPos(ImVec2(chipX[at], chipY[at]));
        if (bigButton(ctx.targets, ctx.theme, fmt::format("staff.closure.reason.{}", i),
                      {kiosk::closureReasons[at]}, ImVec2(chipW[at], chipH),
                      i == s.closureReason ? palette.primaryButton : palette.plainButton)) {
            intents.push_back(act(si::ChooseClosureReason{i}));
        }
    }
    // The days, "Thứ Hai 07/12", or "T2 07/12" where the long names leave a single column.
    ImFont* bold = ctx.theme.bodyBold();
    const float longW =
        bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "Chủ Nhật 00/00").x + 2 * pad + m.pxPerMm;
    const bool shortNames = compact && 2 * longW + m.gapPx > right - left;
    std::vector<Choice> days;
    for (int offset = 0; offset < 14; ++offset) {
        const bool chosen = s.closureOffset && *s.closureOffset == offset;
        const kiosk::LocalDate day = dayAt(s, offset);
        std::string label = kiosk::vietnameseDay(day);
        if (shortNames) {
            const unsigned weekday = std::chrono::weekday{std::chrono::sys_days{day}}.c_encoding();
            label =
                fmt::format("{} {}", staff_text::kWeekdayShort[weekday], label.substr(label.rfind(' ') + 1));
        }
        days.push_back({fmt::format("staff.closure.day.{}", offset), label, "",
                        act(si::ChooseClosureDay{offset}),
                        chosen ? palette.primaryButton : palette.plainButton});
    }
    const float minW =
        !compact     ? bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "Chủ Nhật 00/00").x + m.pxPerMm * 6
        : shortNames ? bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, "CN 00/00").x + 2 * pad + m.pxPerMm
                     : longW;
    const float gridBottom = reasonsTop - m.gapPx;
    // A row of days, or (one button for the reasons) two days and the page button one under another.
    const float oneRowH = choiceRowHeight(ctx, days, minW, right - left);
    const float rowH = cycle ? 3 * m.targetPx + 2 * m.gapPx : oneRowH;
    // The title with the note under it where both leave a row of days; else the note alone (it names
    // the day), in bold body text where the large title would take the row.
    // Where not even the title in bold body text leaves a row, none: the days, the reasons and "Lưu" say
    // what the page is for (a small screen at large text).
    const float boldTitle = wrappedTextHeight(bold, right - left, staff_text::kAddClosureTitle);
    const float room = gridBottom - rowH; // the words end above it
    float y = m.marginPx;
    if (note.empty()) {
        if (!compact && headerHeight(ctx, staff_text::kAddClosureTitle) <= room)
            y = drawHeader(ctx, staff_text::kAddClosureTitle);
        else if (m.marginPx + boldTitle + m.gapPx <= room)
            y = drawStaffTitle(ctx, staff_text::kAddClosureTitle, rowH, gridBottom);
    } else if (!compact && headerHeight(ctx, staff_text::kAddClosureTitle, note.c_str()) <= room) {
        y = drawHeader(ctx, staff_text::kAddClosureTitle, note.c_str());
    } else if (m.marginPx + boldTitle + wrappedTextHeight(ctx.theme.body(), right - left, note) + m.gapPx <=
               room) {
        y = drawStaffTitle(ctx, staff_text::kAddClosureTitle, rowH, gridBottom, note.c_str());
    } else {
        // The note alone (it names the day), or its first sentence where the whole leaves no row
        // ("Ngày … có 1 lịch hẹn."), or that without the day's name (the marked one): the rest comes back
        // with "Đã thêm ngày nghỉ" once saved.
        auto fits = [&](const std::string& words) {
            return m.marginPx + wrappedTextHeight(ctx.theme.body(), right - left, words) + m.gapPx / 2 <=
                   room;
        };
        std::string shown = note;
        const std::size_t stop = note.find(". ");
        if (!fits(shown) && stop != std::string::npos) shown = note.substr(0, stop + 1);
        if (!fits(shown) && s.message.empty())
            shown = fmt::format(fmt::runtime(staff_text::kClosureHasBookingsShort), s.bookingsOnClosureDay);
        y = drawText(ctx, m.marginPx, shown) + m.gapPx / 2;
    }
    drawChoices(ctx, y, gridBottom, days, minW, m.targetPx, intents);
}

} // namespace ui::staff
