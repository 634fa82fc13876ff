// The team's queue: one day of bookings at a time, one booking's page (mark, note, reschedule, erase),
// typing the note, and moving a booking to another day and time.
#include "bookings/booking_export.hpp"
#include "staff_widgets.hpp"
#include "ui/keypads.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ui::staff {

namespace {
namespace si = kiosk::staff_intent;
using kiosk::BookingStatus;

std::string dayLabel(const kiosk::StaffDeskState& s, int offset) {
    const kiosk::LocalDate day{std::chrono::sys_days{s.today} + std::chrono::days{offset}};
    std::string label = kiosk::vietnameseDay(day);
    if (offset == 0) label += fmt::format(" ({})", staff_text::kToday);
    return label;
}

std::string whoLine(const kiosk::QueueEntry& e) {
    if (e.erased) return staff_text::kErased;
    return fmt::format("{} · {}", e.name.empty() ? staff_text::kNoName : e.name,
                       kiosk::groupedPhone(e.phone));
}

const ColourPair& statusColours(const Palette& palette, BookingStatus status) {
    switch (status) {
    case BookingStatus::booked:
        return palette.plainButton;
    case BookingStatus::arrived:
        return palette.primaryButton;
    case BookingStatus::done:
        return palette.publicServices;
    default:
        return palette.notice;
    }
}

// A booking's facts and its buttons a page at a time (the desk's listPage), where they do not fit one
// page: its status, then the buttons two to a row (one where a word would not fit half the width), then
// the other facts, each page filled in that order and a fact kept whole where it fits a page. The title
// in bold body text with the page, "Xem tiếp" in the bar.
void drawDetailPages(const ScreenContext& ctx, Intents& intents, const std::string& title,
                     const std::vector<std::pair<std::string, bool>>& facts,
                     const std::vector<Choice>& actions) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float left = std::max(m.marginPx, m.cornerPx);
    const float full = screen.x - m.marginPx - left;
    const StaffBar bar = staffBar(ctx, text::kBack, text::kListNext);
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    int columns = 2;
    const float halfW = (full - m.gapPx) / 2;
    for (const Choice& c : actions) {
        bool broke = false;
        (void)wrapLines(ctx.theme.bodyBold(), halfW - 2 * pad, c.title, &broke);
        if (broke) columns = 1;
    }
    const float cellW = columns == 2 ? halfW : full;
    float rowH = m.targetPx;
    for (const Choice& c : actions)
        rowH = std::max(rowH, labelHeight(ctx, c.title.c_str(), cellW));
    // What a page shows, in order: a line of a fact, or a row of buttons (its first button's index).
    struct Item {
        std::string text;
        ImFont* font = nullptr; // nullptr: a row of buttons
        int firstButton = 0;
        float height = 0;
        float groupLeft = 0; // this item's height and the rest of its fact's
    };
    std::vector<Item> items;
    auto addFact = [&](const std::pair<std::string, bool>& fact) {
        ImFont* font = fact.second ? ctx.theme.bodyBold() : ctx.theme.body();
        const auto parts = wrapLines(font, full, fact.first);
        for (std::size_t i = 0; i < parts.size(); ++i) {
            items.push_back({std::string(parts[i]), font, 0, font->FontSize,
                             static_cast<float>(parts.size() - i) * font->FontSize});
        }
    };
    if (!facts.empty()) addFact(facts.front());
    for (int first = 0; first < static_cast<int>(actions.size()); first += columns)
        items.push_back({"", nullptr, first, rowH + m.gapPx, rowH + m.gapPx});
    for (std::size_t i = 1; i < facts.size(); ++i)
        addFact(facts[i]);
    const float top = m.marginPx + wrappedTextHeight(ctx.theme.bodyBold(), full, title + " (9/9)") + m.gapPx +
                      messageHeight(ctx);
    const float room = bar.top - m.gapPx / 2 - top; // a row of buttons brings its own gap
    std::vector<std::pair<int, int>> pages{{0, 0}}; // items [first, end)
    float used = 0;
    for (int i = 0; i < static_cast<int>(items.size()); ++i) {
        const Item& item = items[static_cast<std::size_t>(i)];
        const bool empty = pages.back().second == pages.back().first;
        if (!empty &&
            (used + item.height > room || (used + item.groupLeft > room && item.groupLeft <= room))) {
            pages.push_back({i, i});
            used = 0;
        }
        pages.back().second = i + 1;
        used += item.height;
    }
    const int count = static_cast<int>(pages.size());
    const int page = std::clamp(deskState(ctx).listPage, 0, count - 1);
    if (count > 1) {
        drawStaffNav(ctx, intents, "staff.more", text::kListNext, act(si::ShowListPage{(page + 1) % count}));
    } else {
        drawStaffNav(ctx, intents);
    }
    const std::string shown = count > 1 ? fmt::format("{} ({}/{})", title, page + 1, count) : title;
    float y = drawText(ctx, m.marginPx, shown, true) + m.gapPx;
    y = drawMessage(ctx, y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int i = pages[static_cast<std::size_t>(page)].first;
         i < pages[static_cast<std::size_t>(page)].second; ++i) {
        const Item& item = items[static_cast<std::size_t>(i)];
        if (item.font) {
            draw->AddText(item.font, item.font->FontSize, ImVec2(left, y),
                          toImColor(ctx.theme.palette().page.text), item.text.c_str());
        } else {
            for (int c = 0; c < columns && item.firstButton + c < static_cast<int>(actions.size()); ++c) {
                const Choice& choice = actions[static_cast<std::size_t>(item.firstButton + c)];
                ImGui::SetCursorScreenPos(ImVec2(left + static_cast<float>(c) * (cellW + m.gapPx), y));
                if (bigButton(ctx.targets, ctx.theme, choice.id, {choice.title}, ImVec2(cellW, rowH),
                              choice.colours)) {
                    intents.push_back(choice.intent);
                }
            }
        }
        y += item.height;
    }
}
} // namespace

void drawQueue(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const std::string title = fmt::format(fmt::runtime(staff_text::kQueueTitle), dayLabel(s, s.dayOffset));
    // The day buttons sit in the bottom bar, between "Quay lại" and the right edge, or in a row of their
    // own above it when their words do not fit there (a narrow screen, large text).
    const StaffBar bar = staffBar(ctx, text::kBack, nullptr);
    const float room = screen.x - 2 * m.marginPx;
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    float dayW = (room - bar.width - 2 * m.gapPx) / 2;
    auto whole = [&](float w) {
        for (const char* label : {staff_text::kPreviousDay, staff_text::kNextDay}) {
            bool broke = false;
            (void)wrapLines(ctx.theme.bodyBold(), w - 2 * pad, label, &broke);
            if (broke) return false;
        }
        return true;
    };
    const bool inBar = whole(dayW);
    if (!inBar) dayW = (room - m.gapPx) / 2;
    const float dayH = std::max({inBar ? bar.height : 0.0f, labelHeight(ctx, staff_text::kPreviousDay, dayW),
                                 labelHeight(ctx, staff_text::kNextDay, dayW)});
    float barTop = drawStaffNav(ctx, intents, nullptr, nullptr, std::nullopt, inBar ? dayH : 0);
    float dayTop = barTop;
    float firstX = m.marginPx + bar.width + m.gapPx;
    if (!inBar) {
        dayTop = barTop - m.gapPx - dayH;
        firstX = m.marginPx;
        barTop = dayTop;
    }
    // The title in bold body text where the large one would leave no row for the bookings.
    float y =
        drawStaffTitle(ctx, title.c_str(), messageHeight(ctx) + twoLineChoiceHeight(ctx), barTop - m.gapPx);
    y = drawMessage(ctx, y);
    const int horizon = 14;
    ImGui::SetCursorScreenPos(ImVec2(firstX, dayTop));
    if (s.dayOffset > -1 && bigButton(ctx.targets, ctx.theme, "staff.day.previous",
                                      {staff_text::kPreviousDay}, ImVec2(dayW, dayH), palette.plainButton)) {
        intents.push_back(act(si::ShowDay{s.dayOffset - 1}));
    }
    ImGui::SetCursorScreenPos(ImVec2(screen.x - m.marginPx - dayW, dayTop));
    if (s.dayOffset < horizon - 1 &&
        bigButton(ctx.targets, ctx.theme, "staff.day.next", {staff_text::kNextDay}, ImVec2(dayW, dayH),
                  palette.primaryButton)) {
        intents.push_back(act(si::ShowDay{s.dayOffset + 1}));
    }
    if (s.queue.empty()) {
        drawText(ctx, y, staff_text::kQueueEmpty);
        return;
    }
    std::vector<Choice> rows;
    int index = 0; // ids count rows, so scenarios can tap a booking whose code is random
    for (const kiosk::QueueEntry& e : s.queue) {
        rows.push_back({fmt::format("staff.booking.{}", index++),
                        fmt::format("{} · {} · {}", kiosk::clockTime(e.slot.minuteOfDay), e.code,
                                    kiosk::staffStatusLabel(e.status)),
                        fmt::format("{}\n{}", whatHelpWith(ctx, e), whoLine(e)), act(si::OpenBooking{e.code}),
                        statusColours(palette, e.status)});
    }
    // Two columns when the screen is wide enough for a row's words.
    const float minW = std::max(m.targetPx * 5.5f, (screen.x - 2 * m.marginPx) / 2.05f);
    const float rowH = ctx.theme.title()->FontSize + 2 * ctx.theme.body()->FontSize * 1.2f + m.pxPerMm * 7;
    drawChoices(ctx, y, barTop - m.gapPx, rows, minW, rowH, intents);
}

void drawBookingDetail(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Palette& palette = ctx.theme.palette();
    const Metrics& m = ctx.theme.metrics();
    if (!s.selected) {
        drawHeader(ctx, staff_text::kQueue);
        drawStaffNav(ctx, intents);
        return;
    }
    const kiosk::QueueEntry& e = *s.selected;
    if (s.confirmingCancel) {
        const std::string question =
            fmt::format(fmt::runtime(staff_text::kCancelAsk), e.code, kiosk::clockTime(e.slot.minuteOfDay),
                        kiosk::vietnameseDay(e.slot.date));
        drawQuestion(ctx, intents, question, staff_text::kCancelAskBody, "staff.cancel.confirm",
                     staff_text::kCancelYes, act(si::ConfirmCancel{}));
        return;
    }
    const std::string title =
        fmt::format(fmt::runtime(staff_text::kDetailTitle), e.code, kiosk::clockTime(e.slot.minuteOfDay),
                    kiosk::vietnameseDay(e.slot.date));
    std::vector<std::pair<std::string, bool>> facts{
        {fmt::format(fmt::runtime(staff_text::kDetailStatus), kiosk::staffStatusLabel(e.status)), true},
        {fmt::format(fmt::runtime(staff_text::kDetailWhat), whatHelpWith(ctx, e)), false},
        {e.erased ? std::string(staff_text::kErased)
                  : fmt::format(fmt::runtime(staff_text::kDetailWho),
                                e.name.empty() ? staff_text::kNoName : e.name, kiosk::groupedPhone(e.phone)),
         false}};
    if (!e.note.empty()) facts.push_back({fmt::format(fmt::runtime(staff_text::kDetailNote), e.note), false});
    std::vector<Choice> actions;
    for (BookingStatus to : s.moves) {
        const char* label = to == BookingStatus::arrived  ? staff_text::kMarkArrived
                            : to == BookingStatus::done   ? staff_text::kMarkDone
                            : to == BookingStatus::noShow ? staff_text::kMarkNoShow
                                                          : staff_text::kMarkCancel;
        // Only "Đã đến" is the main colour: "Không đến" beside it must not look the same.
        actions.push_back({fmt::format("staff.mark.{}", kiosk::bookingStatusName(to)), label, "",
                           act(si::MarkStatus{to}),
                           to == BookingStatus::arrived || to == BookingStatus::done ? palette.primaryButton
                                                                                     : palette.plainButton});
    }
    if (s.lastMark && s.lastMark->code == e.code) {
        actions.push_back({"staff.undo", staff_text::kUndo, "", act(si::UndoMark{}), palette.notice});
    }
    actions.push_back({"staff.note", staff_text::kNote, "", act(si::StartNote{}), palette.plainButton});
    if (e.status == BookingStatus::booked) {
        actions.push_back({"staff.reschedule", staff_text::kReschedule, "", act(si::StartReschedule{}),
                           palette.plainButton});
    }
    if (!e.erased)
        actions.push_back(
            {"staff.erase", staff_text::kErase, "", act(si::ErasePersonal{}), palette.plainButton});
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float left = std::max(m.marginPx, m.cornerPx);
    auto factsHeight = [&](float width) {
        float h = 0;
        for (const auto& [line, bold] : facts)
            h += wrappedTextHeight(bold ? ctx.theme.bodyBold() : ctx.theme.body(), width, line);
        return h;
    };
    // Where the facts leave no row for the buttons under them (a 7" screen at large text), the facts and
    // the buttons take pages of their own.
    const StaffBar plain = staffBar(ctx, text::kBack, nullptr);
    const float full = screen.x - m.marginPx - left;
    const float rowNeeded = std::max(m.targetPx, labelHeight(ctx, staff_text::kMarkDone, full / 3));
    const float underTitle = headerHeight(ctx, title.c_str()) + messageHeight(ctx);
    if (underTitle + factsHeight(full) + m.gapPx / 2 + rowNeeded > plain.top - m.gapPx) {
        drawDetailPages(ctx, intents, title, facts, actions);
        return;
    }
    const float barTop = drawStaffNav(ctx, intents);
    float y = drawHeader(ctx, title.c_str());
    y = drawMessage(ctx, y);
    // The buttons want two rows under the facts; where the facts leave less (a landscape screen at large
    // text), the facts take the left half and the buttons the right, paged.
    const float under = barTop - m.gapPx - (y + factsHeight(full) + m.gapPx / 2);
    const float half = left + (screen.x - m.marginPx - left - m.gapPx) / 2;
    const bool beside = screen.x > screen.y && under < 2 * m.targetPx + m.gapPx &&
                        y + factsHeight(half - left) <= barTop - m.gapPx;
    const float factsRight = beside ? half : 0;
    float factsY = y;
    // Line by line, never into the bar (only where nothing else fits: a portrait screen at large text).
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float factsW = (factsRight > 0 ? factsRight : screen.x - m.marginPx) - left;
    for (const auto& [line, bold] : facts) {
        ImFont* font = bold ? ctx.theme.bodyBold() : ctx.theme.body();
        for (std::string_view part : wrapLines(font, factsW, line)) {
            if (factsY + font->FontSize > barTop - m.gapPx) break;
            draw->AddText(font, font->FontSize, ImVec2(left, factsY), toImColor(palette.page.text),
                          part.data(), part.data() + part.size());
            factsY += font->FontSize;
        }
    }
    if (beside) {
        drawChoices(ctx, y, barTop - m.gapPx, actions, (screen.x - 2 * m.marginPx) / 4.3f, m.targetPx,
                    intents, factsRight + m.gapPx);
    } else {
        // the buttons keep a row's height on the Pi's 7" screen under a result message
        drawChoices(ctx, factsY + m.gapPx / 2, barTop - m.gapPx, actions, (screen.x - 2 * m.marginPx) / 4.3f,
                    m.targetPx, intents);
    }
}

void drawNote(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const std::string title =
        fmt::format(fmt::runtime(staff_text::kNoteTitle), s.selected ? s.selected->code : "");
    drawTypingPage(ctx, intents, title, s.note.text(), staff_text::kNoteHint,
                   vietnameseKeys(staff_text::kSave, true), kLetterColumns, false);
}

void drawReschedule(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const std::string code = s.selected ? s.selected->code : "";
    std::vector<Choice> choices;
    std::string title;
    float minW = 0;
    if (!s.rescheduleOffset) {
        title = fmt::format(fmt::runtime(staff_text::kRescheduleDayTitle), code);
        int offset = 0;
        for (const auto& day : s.rescheduleDays) {
            const std::string sub = day.closedReason ? std::string(staff_text::kClosed)
                                    : day.freeSlots == 0
                                        ? std::string(staff_text::kFull)
                                        : fmt::format(fmt::runtime(staff_text::kFree), day.freeSlots);
            choices.push_back({fmt::format("staff.reschedule.day.{}", offset), kiosk::vietnameseDay(day.day),
                               sub, act(si::RescheduleDay{offset}), palette.plainButton, day.freeSlots > 0});
            ++offset;
        }
        ImFont* font = ctx.theme.title();
        minW = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, "Chủ Nhật").x + m.pxPerMm * 6;
    } else {
        const kiosk::LocalDate day{std::chrono::sys_days{s.today} + std::chrono::days{*s.rescheduleOffset}};
        title = fmt::format(fmt::runtime(staff_text::kRescheduleSlotTitle), code, kiosk::vietnameseDay(day));
        for (const kiosk::Slot& slot : s.rescheduleSlots) {
            const std::string time = kiosk::clockTime(slot.start.minuteOfDay);
            choices.push_back({"staff.reschedule.slot." + time, time,
                               fmt::format(fmt::runtime(staff_text::kPlaces), slot.remaining),
                               act(si::RescheduleSlot{slot.start.minuteOfDay}), palette.plainButton});
        }
        minW = ImGui::CalcTextSize("00:00").x * 2.5f;
    }
    const float barTop = drawStaffNav(ctx, intents);
    // The title in bold body text where the large one would leave no row for the choices.
    float y =
        drawStaffTitle(ctx, title.c_str(), messageHeight(ctx) + twoLineChoiceHeight(ctx), barTop - m.gapPx);
    y = drawMessage(ctx, y);
    drawChoices(ctx, y, barTop - m.gapPx, choices, minW, m.targetPx * 1.15f, intents);
}

} // namespace ui::staff
