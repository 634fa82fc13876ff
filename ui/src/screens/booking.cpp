// Booking help, step by step: topic → day → time → phone number → how to address them → confirm →
// the booking code (large, and as a QR code). Also: a resident cancels with the code and phone number.
#include "ui/keypads.hpp"
#include "ui/paging.hpp"
#include "ui/qr_code.hpp"
#include "ui/screens.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"

#include "content/topics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ui {

namespace {

using kiosk::BookingStep;

struct Choice {
    std::string id;
    std::string title;
    std::string subtitle;
    kiosk::Intent intent;
    ColourPair colours;
    bool enabled = true; // a full or closed day is shown, but is not a target
};

std::string topicTitle(std::string_view topicId) {
    if (const content::Topic* topic = content::findTopic(topicId)) return std::string(topic->title);
    return text::kBookingOtherTopic;
}

// "0912 345 678": groups a resident can check against their phone.
std::string groupedPhone(const std::string& digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i == 4 || i == 7) out += ' ';
        out += digits[i];
    }
    return out;
}

// "ACD 347": two halves are easier to read aloud.
std::string groupedCode(const std::string& code) {
    return code.size() == 6 ? code.substr(0, 3) + " " + code.substr(3) : code;
}

// What the helper will see: "VNeID – Kích hoạt mức 2, bước 4".
std::string whatHelpWith(const ScreenContext& ctx) {
    const kiosk::BookingDraft& draft = ctx.app.bookingWizard().draft();
    const kiosk::BookingContext& from = ctx.app.bookingWizard().context();
    std::string result = topicTitle(draft.topicId);
    if (from.guideId.empty() || from.topicId != draft.topicId) return result;
    if (const content::Guide* guide = ctx.app.library().find(from.guideId)) {
        result += " – " + guide->title;
        if (from.step >= 0) result += fmt::format(", bước {}", from.step + 1);
    }
    return result;
}

// How the choices lie across the screen: columns of at least minWidth, and how tall a cell must be to hold
// a title in bold body text (what bigButton falls back to), or the "Xem thêm (1/2)" of a paged grid.
struct ChoiceGrid {
    int columns = 1;
    float cellW = 0, minCellH = 0, moreH = 0;
};
ChoiceGrid choiceGrid(const ScreenContext& ctx, const std::vector<Choice>& choices, float minWidth) {
    const Metrics& m = ctx.theme.metrics();
    const float width = ImGui::GetMainViewport()->Size.x - 2 * m.marginPx;
    ChoiceGrid grid;
    grid.columns =
        std::clamp(static_cast<int>((width + m.gapPx) / (std::max(minWidth, m.targetPx) + m.gapPx)), 1, 7);
    grid.cellW = (width - static_cast<float>(grid.columns - 1) * m.gapPx) / static_cast<float>(grid.columns);
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    auto cellHFor = [&](const std::string& title) {
        return std::ceil(wrappedTextHeight(ctx.theme.bodyBold(), grid.cellW - 2 * pad, title) + 2 * pad);
    };
    grid.minCellH = m.targetPx * 1.15f;
    for (const Choice& choice : choices)
        grid.minCellH = std::max(grid.minCellH, cellHFor(choice.title));
    grid.moreH = std::max(grid.minCellH, cellHFor(fmt::format(fmt::runtime(text::kMorePage), 9, 9)));
    return grid;
}

// The height the choices need at the least: a row, or, paged, a choice and "Xem thêm" (two rows when the
// screen has one column).
float choicesNeed(const ScreenContext& ctx, const std::vector<Choice>& choices, float minWidth) {
    const ChoiceGrid grid = choiceGrid(ctx, choices, minWidth);
    if (static_cast<int>(choices.size()) <= grid.columns) return grid.minCellH;
    return grid.columns > 1 ? grid.moreH : grid.minCellH + ctx.theme.metrics().gapPx + grid.moreH;
}

// Big choices in a grid between top and bottom, a page at a time; the last cell pages on when needed.
void drawChoices(const ScreenContext& ctx, float top, float bottom, const std::vector<Choice>& choices,
                 float minWidth, Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ChoiceGrid grid = choiceGrid(ctx, choices, minWidth);
    const int columns = grid.columns;
    const float cellW = grid.cellW;
    // A long title at large text takes fewer rows rather than spilling out; cells grow into the free height
    // (up to twice a target) when the choices need fewer rows.
    float minCellH = grid.minCellH;
    auto rowsFor = [&](float cellH) {
        return std::max(1, static_cast<int>((bottom - top + m.gapPx) / (cellH + m.gapPx)));
    };
    if (static_cast<int>(choices.size()) > columns * rowsFor(minCellH)) minCellH = grid.moreH;
    const int rows = rowsFor(minCellH);
    const int rowsUsed = std::min(rows, (static_cast<int>(choices.size()) + columns - 1) / columns);
    // Never past the bottom bar, even when one title does not fit the room (that shows as clipped text).
    const float cellH = std::min(std::clamp((bottom - top - static_cast<float>(rowsUsed - 1) * m.gapPx) /
                                                static_cast<float>(std::max(rowsUsed, 1)),
                                            minCellH, std::max(minCellH, m.targetPx * 2.0f)),
                                 std::max(bottom - top, m.targetPx));
    const int perPage = columns * rows;
    const int count = static_cast<int>(choices.size());
    const PageSplit split = splitIntoPages(count, perPage);
    const bool paged = split.paged;
    const int pages = split.pages;
    const int page = split.clamp(ctx.app.state().page);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::string more = fmt::format(fmt::runtime(text::kMorePage), page + 1, pages);
    // Where "Xem thêm" would wrap past the cell's height (a short screen at large text), it takes the width
    // of its label on one line and the other cells of its row share what is left, when that is still wide
    // enough for them.
    float moreW = cellW;
    float rowCellW = cellW;             // the other cells of the last row
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    if (paged && columns > 1 &&
        std::ceil(wrappedTextHeight(ctx.theme.bodyBold(), cellW - 2 * pad, more) + 2 * pad) > cellH) {
        const float rowW = static_cast<float>(columns) * cellW + static_cast<float>(columns - 1) * m.gapPx;
        const float wide = oneLineButtonWidth(ctx.theme, more);
        const float others =
            (rowW - wide - static_cast<float>(columns - 1) * m.gapPx) / static_cast<float>(columns - 1);
        if (others >= std::max(minWidth, m.targetPx)) {
            moreW = wide;
            rowCellW = others;
        }
    }
    auto cellPos = [&](int index) {
        const bool lastRow = paged && index / columns == rows - 1;
        const float w = lastRow ? rowCellW : cellW;
        return ImVec2(m.marginPx + static_cast<float>(index % columns) * (w + m.gapPx),
                      top + static_cast<float>(index / columns) * (cellH + m.gapPx));
    };
    auto cellWidth = [&](int index) { return paged && index / columns == rows - 1 ? rowCellW : cellW; };
    int cell = 0;
    for (int i = split.first(page); i < split.end(page, count); ++i, ++cell) {
        const Choice& choice = choices[static_cast<std::size_t>(i)];
        const ImVec2 pos = cellPos(cell);
        const float w = cellWidth(cell);
        if (!choice.enabled) {
            // Not a button: a flat, outlined box that says why (full, closed).
            const ImVec2 end(pos.x + w, pos.y + cellH);
            strokeRoundedRect(draw, pos, end, toImColor(palette.border, 0.35f), m.gapPx / 2, 2.0f);
            std::string label = choice.title + "\n" + choice.subtitle;
            drawCentredText(draw, ctx.theme.body(), pos, end, label, toImColor(palette.page.text));
            continue;
        }
        ImGui::SetCursorScreenPos(pos);
        if (bigButton(ctx.targets, ctx.theme, choice.id, {choice.title, choice.subtitle}, ImVec2(w, cellH),
                      choice.colours)) {
            intents.push_back(choice.intent);
        }
    }
    if (paged) {
        const float rowEnd =
            m.marginPx + static_cast<float>(columns) * cellW + static_cast<float>(columns - 1) * m.gapPx;
        ImGui::SetCursorScreenPos(ImVec2(rowEnd - moreW, cellPos(perPage - 1).y));
        if (bigButton(ctx.targets, ctx.theme, "booking.more", {more}, ImVec2(moreW, cellH),
                      palette.plainButton)) {
            intents.push_back(kiosk::intent::ShowPage{(page + 1) % pages});
        }
    }
}

// The step's header; where the title's own size would leave the choices less than a row above the bar,
// or a choice and "Xem thêm" (a 7" screen at the largest text), the title in bold body text, never smaller.
float drawChoicesHeader(const ScreenContext& ctx, const char* title, const char* subtitle, float bottom,
                        float need) {
    const Metrics& m = ctx.theme.metrics();
    if (bottom - m.gapPx - headerHeight(ctx, title, subtitle) >= need)
        return drawHeader(ctx, title, subtitle);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = ImGui::GetMainViewport()->Size.x - x - m.marginPx;
    float y = m.marginPx;
    ImFont* bold = ctx.theme.bodyBold();
    draw->AddText(bold, bold->FontSize, ImVec2(x, y), ink, title, nullptr, width);
    y += wrappedTextHeight(bold, width, title);
    if (subtitle && *subtitle) {
        draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(x, y), ink, subtitle, nullptr,
                      width);
        y += wrappedTextHeight(ctx.theme.body(), width, subtitle);
    }
    return y + m.gapPx;
}

// "Quay lại" and "Trang đầu" on the left and, when given, the step's main action on the right.
float drawBookingNav(const ScreenContext& ctx, Intents& intents, const char* primaryLabel = nullptr) {
    const PageNavBar bar = pageNavBar(ctx.theme, primaryLabel);
    const float top = drawPageNavBar(ctx, intents, bar);
    if (primaryLabel) {
        ImGui::SetCursorScreenPos(pageNavActionPos(ctx.theme, bar, top));
        if (bigButton(ctx.targets, ctx.theme, "booking.next", {primaryLabel},
                      ImVec2(bar.actionWidth, bar.actionHeight), ctx.theme.palette().primaryButton)) {
            intents.push_back(kiosk::intent::Submit{});
        }
    }
    return top;
}

// Writes lines of body text from y down; returns the y below them.
float drawLines(const ScreenContext& ctx, float x, float y, float width,
                const std::vector<std::string>& lines, ImFont* font) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    for (const std::string& line : lines) {
        draw->AddText(font, font->FontSize, ImVec2(x, y), ink, line.c_str(), nullptr, width);
        y += wrappedTextHeight(font, width, line);
    }
    return y;
}

void drawTopicStep(const ScreenContext& ctx, Intents& intents) {
    const Palette& palette = ctx.theme.palette();
    std::vector<Choice> choices;
    const ColourPair topicColours[] = {palette.vneid, palette.ihanoi, palette.publicServices, palette.safety};
    int index = 0;
    for (const content::Topic& topic : content::topics()) {
        choices.push_back({"booking.topic." + std::string(topic.id), std::string(topic.title), "",
                           kiosk::intent::ChooseBookingTopic{std::string(topic.id)},
                           topicColours[index++ % 4]});
    }
    choices.push_back({"booking.topic.khac", text::kBookingOtherTopic, "",
                       kiosk::intent::ChooseBookingTopic{"khac"}, palette.primaryButton});
    choices.push_back({"booking.cancel_own", text::kBookingCancelOwn, text::kBookingCancelOwnSubtitle,
                       kiosk::intent::StartCancel{}, palette.plainButton});
    float bottom = drawBookingNav(ctx, intents);
    const float third = (ImGui::GetMainViewport()->Size.x - 2 * ctx.theme.metrics().marginPx) / 3.2f;
    float top =
        drawChoicesHeader(ctx, text::kBookingTopicTitle, nullptr, bottom, choicesNeed(ctx, choices, third));
    drawChoices(ctx, top, bottom - ctx.theme.metrics().gapPx, choices, third, intents);
}

void drawDayStep(const ScreenContext& ctx, Intents& intents) {
    const kiosk::BookingDraft& draft = ctx.app.bookingWizard().draft();
    std::vector<Choice> choices;
    int offset = 0; // target ids count days from today, so scenarios work on any date
    for (const kiosk::DayOffer& offer : draft.days) {
        std::string subtitle = !offer.closedReason.empty() ? std::string(text::kBookingDayClosed)
                               : offer.freeSlots == 0      ? std::string(text::kBookingDayFull)
                                                           : std::string(text::kBookingDayFree);
        const auto& day = offer.day;
        choices.push_back({fmt::format("booking.day.{}", offset++), kiosk::vietnameseDay(day), subtitle,
                           kiosk::intent::ChooseDay{day}, ctx.theme.palette().plainButton,
                           offer.freeSlots > 0});
    }
    // "Thứ Bảy 28/11" wraps onto two lines, so a cell needs the width of the longest weekday name.
    ImFont* title = ctx.theme.title();
    const float minWidth =
        title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, "Chủ Nhật").x + ctx.theme.metrics().pxPerMm * 6;
    float bottom = drawBookingNav(ctx, intents);
    const std::string helpWith = whatHelpWith(ctx);
    float top = drawChoicesHeader(ctx, text::kBookingDayTitle, helpWith.c_str(), bottom,
                                  choicesNeed(ctx, choices, minWidth));
    drawChoices(ctx, top, bottom - ctx.theme.metrics().gapPx, choices, minWidth, intents);
}

void drawSlotStep(const ScreenContext& ctx, Intents& intents) {
    const kiosk::BookingDraft& draft = ctx.app.bookingWizard().draft();
    std::string title =
        fmt::format("{} – {}", text::kBookingSlotTitle, draft.day ? kiosk::vietnameseDay(*draft.day) : "");
    const std::string message = ctx.app.bookingWizard().message();
    std::vector<Choice> choices;
    const bool showPlaces =
        ctx.app.bookingsAvailable() &&
        std::ranges::any_of(draft.slots, [](const kiosk::Slot& s) { return s.remaining > 1; });
    for (const kiosk::Slot& slot : draft.slots) {
        std::string time = kiosk::clockTime(slot.start.minuteOfDay);
        choices.push_back(
            {"booking.slot." + time, time,
             showPlaces ? fmt::format(fmt::runtime(text::kBookingSlotPlaces), slot.remaining) : "",
             kiosk::intent::ChooseSlot{slot.start.minuteOfDay}, ctx.theme.palette().plainButton});
    }
    float bottom = drawBookingNav(ctx, intents);
    const float minWidth = ImGui::CalcTextSize("00:00").x * 2.5f;
    float top = drawChoicesHeader(ctx, title.c_str(), message.empty() ? nullptr : message.c_str(), bottom,
                                  choicesNeed(ctx, choices, minWidth));
    drawChoices(ctx, top, bottom - ctx.theme.metrics().gapPx, choices, minWidth, intents);
}

// Lines of text split into pages of a given height: a block (the facts, the consent, a message) starts
// with its own space, and a page ends before a line that would not fit.
struct ReviewLine {
    std::string text;
    ImFont* font;
    int block; // 0 the facts, 1 the consent (in its box), 2 a message
};
std::vector<std::vector<ReviewLine>> reviewPages(const std::vector<ReviewLine>& lines, float room,
                                                 float gap) {
    std::vector<std::vector<ReviewLine>> pages(1);
    float used = 0;
    for (const ReviewLine& line : lines) {
        auto cost = [&] {
            const bool starts = pages.back().empty() || pages.back().back().block != line.block;
            const float before = !starts           ? 0.0f
                                 : line.block == 1 ? 1.5f * gap
                                 : line.block == 2 ? gap / 2
                                                   : 0.0f;
            return line.font->FontSize + before;
        };
        if (!pages.back().empty() && used + cost() > room) {
            pages.emplace_back();
            used = 0;
        }
        used += cost();
        pages.back().push_back(line);
    }
    return pages;
}

// What will be booked, and the consent; where they do not fit above the bar (a 7" screen), a page at a time
// with "Xem thêm (1/2)" where "Đồng ý, đặt lịch" goes, so the consent is read before agreeing.
void drawConfirmStep(const ScreenContext& ctx, Intents& intents) {
    const kiosk::BookingDraft& draft = ctx.app.bookingWizard().draft();
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    // The text's room: above the taller of the two bars ("Xem thêm" can take more lines than "Đồng ý").
    const std::string moreWidest = fmt::format(fmt::runtime(text::kMorePage), 9, 9);
    const float barTop = screen.y - m.marginPx -
                         std::max(pageNavBar(ctx.theme, text::kBookingAgree).height,
                                  pageNavBar(ctx.theme, moreWidest.c_str()).height);
    float y = drawHeader(ctx, text::kBookingConfirmTitle);
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = screen.x - x - m.marginPx;
    std::vector<std::string> facts{
        fmt::format(fmt::runtime(text::kBookingConfirmTopic), whatHelpWith(ctx)),
        fmt::format(fmt::runtime(text::kBookingConfirmWhen),
                    draft.day ? kiosk::vietnameseDay(*draft.day) : "",
                    draft.slotMinute ? kiosk::clockTime(*draft.slotMinute) : ""),
        fmt::format(fmt::runtime(text::kBookingConfirmPhone), groupedPhone(draft.phone.text())),
    };
    if (!draft.name.tidy().empty())
        facts.push_back(fmt::format(fmt::runtime(text::kBookingConfirmName), draft.name.tidy()));
    // The consent, in a box of its own so it is read, not skipped.
    const std::string consent =
        fmt::format(fmt::runtime(text::kBookingConsent), ctx.app.config().bookingRetentionDays);
    const std::string message = ctx.app.bookingWizard().message();
    std::vector<ReviewLine> lines;
    auto add = [&](const std::string& paragraph, ImFont* font, int block, float w) {
        for (std::string_view line : wrapLines(font, w, paragraph))
            lines.push_back({std::string(line), font, block});
    };
    for (const std::string& fact : facts)
        add(fact, ctx.theme.bodyBold(), 0, width);
    add(consent, ctx.theme.body(), 1, width - m.gapPx);
    if (!message.empty()) add(message, ctx.theme.bodyBold(), 2, width);
    const auto pages = reviewPages(lines, barTop - m.gapPx - y, m.gapPx);
    const int pageCount = static_cast<int>(pages.size());
    const int page = std::clamp(ctx.app.state().page, 0, pageCount - 1);
    const std::vector<ReviewLine>& shown = pages[static_cast<std::size_t>(page)];
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const ReviewLine& line = shown[i];
        const bool starts = i == 0 || shown[i - 1].block != line.block;
        if (starts && line.block == 1) {
            std::size_t count = 0;
            while (i + count < shown.size() && shown[i + count].block == 1)
                ++count;
            y += m.gapPx / 2;
            const float boxH = static_cast<float>(count) * line.font->FontSize + m.gapPx;
            fillRoundedRect(draw, ImVec2(x, y), ImVec2(x + width, y + boxH),
                            toImColor(ctx.theme.palette().notice.background), m.gapPx / 2);
            y += m.gapPx / 2;
        } else if (starts && line.block == 2) {
            y += m.gapPx / 2;
        }
        const bool inBox = line.block == 1;
        draw->AddText(line.font, line.font->FontSize, ImVec2(inBox ? x + m.gapPx / 2 : x, y),
                      toImColor(inBox ? ctx.theme.palette().notice.text : ctx.theme.palette().page.text),
                      line.text.c_str());
        y += line.font->FontSize;
        if (inBox && (i + 1 == shown.size() || shown[i + 1].block != 1)) y += m.gapPx / 2;
    }
    if (page + 1 == pageCount) {
        drawBookingNav(ctx, intents, text::kBookingAgree);
        return;
    }
    const std::string more = fmt::format(fmt::runtime(text::kMorePage), page + 1, pageCount);
    const PageNavBar bar = pageNavBar(ctx.theme, more.c_str());
    const float top = drawPageNavBar(ctx, intents, bar);
    ImGui::SetCursorScreenPos(pageNavActionPos(ctx.theme, bar, top));
    if (bigButton(ctx.targets, ctx.theme, "booking.more", {more}, ImVec2(bar.actionWidth, bar.actionHeight),
                  ctx.theme.palette().primaryButton)) {
        intents.push_back(kiosk::intent::ShowPage{page + 1});
    }
}

// "Hủy lịch Thứ Năm 03/12 lúc 19:00?": the booking the code and phone number found, before it is cancelled.
void drawCancelConfirmStep(const ScreenContext& ctx, Intents& intents) {
    const kiosk::BookingDraft& draft = ctx.app.bookingWizard().draft();
    const kiosk::Booking& booking = *draft.toCancel;
    const std::string question =
        fmt::format(fmt::runtime(text::kBookingCancelAsk), kiosk::vietnameseDay(booking.slot.date),
                    kiosk::clockTime(booking.slot.minuteOfDay));
    const std::string body = fmt::format(fmt::runtime(text::kBookingCancelAskBody), groupedCode(booking.code),
                                         topicTitle(booking.topic));
    const std::string message = ctx.app.bookingWizard().message();
    const Metrics& m = ctx.theme.metrics();
    const float x = std::max(m.marginPx, m.cornerPx);
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    // Above the bar; where the question in its own size would reach the bar (a 7" screen at large text), in
    // bold body text, never smaller.
    const float barTop = screen.y - m.marginPx - pageNavBar(ctx.theme, text::kBookingCancelYes).height;
    const float messageH =
        message.empty() ? 0.0f : wrappedTextHeight(ctx.theme.bodyBold(), screen.x - x - m.marginPx, message);
    float y = drawChoicesHeader(ctx, question.c_str(), body.c_str(), barTop, messageH);
    if (!message.empty())
        drawLines(ctx, x, y, ImGui::GetMainViewport()->Size.x - x - m.marginPx, {message},
                  ctx.theme.bodyBold());
    drawBookingNav(ctx, intents, text::kBookingCancelYes);
}

// The code, when and where, and the QR code all at once (the QR code beside the words in landscape, under
// them in portrait); false, drawing nothing, where they do not fit above the button.
bool drawDoneAtOnce(const ScreenContext& ctx, float y, float buttonsTop, const kiosk::Booking& booking) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const std::string day = kiosk::vietnameseDay(booking.slot.date);
    const std::string time = kiosk::clockTime(booking.slot.minuteOfDay);
    const float x = std::max(m.marginPx, m.cornerPx);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    {
        // Measured first: the words above the button, the square's caption within the screen.
        const bool landscape = screen.x >= screen.y;
        ImFont* body = ctx.theme.body();
        const float regionW = screen.x * 0.33f;
        const float textW =
            landscape ? screen.x - x - m.marginPx - regionW - m.gapPx : screen.x - x - m.marginPx;
        const float codeSize = std::min(ctx.theme.display()->FontSize, textW / 5.0f);
        const std::string when =
            fmt::format(fmt::runtime(text::kBookingDoneWhen), day, time, ctx.app.config().village);
        const float textBottom = y + wrappedTextHeight(body, textW, text::kBookingCodeLabel) +
                                 codeSize * 1.15f + wrappedTextHeight(body, textW, when) +
                                 wrappedTextHeight(body, textW, text::kBookingDoneHint);
        if (textBottom > buttonsTop - m.gapPx) return false;
        if (landscape) {
            const float qrRoom = buttonsTop - y - m.gapPx;
            float qr = std::min(qrRoom, regionW);
            while (qr > m.targetPx &&
                   layoutQrCaption(m, body, ImVec2(0, 0), qr, regionW, text::kBookingQrHowTo).height > qrRoom)
                qr = std::max(m.targetPx, qr - m.pxPerMm);
            if (layoutQrCaption(m, body, ImVec2(0, 0), qr, regionW, text::kBookingQrHowTo).height > qrRoom)
                return false;
        }
    }
    const bool landscape = screen.x >= screen.y;
    ImFont* body = ctx.theme.body();
    // Landscape: the square in a third of the screen on the right, what to do with it under or beside
    // it; both fit above the button, the square smaller (not under a target's side) if they must.
    const float qrRoom = buttonsTop - y - m.gapPx;
    const float regionW = screen.x * 0.33f;
    float qr = std::min(qrRoom, landscape ? regionW : screen.x * 0.4f);
    while (landscape && qr > m.targetPx &&
           layoutQrCaption(m, body, ImVec2(0, 0), qr, regionW, text::kBookingQrHowTo).height > qrRoom)
        qr = std::max(m.targetPx, qr - m.pxPerMm);
    const float textW = landscape ? screen.x - x - m.marginPx - regionW - m.gapPx : screen.x - x - m.marginPx;
    y = drawLines(ctx, x, y, textW, {text::kBookingCodeLabel}, ctx.theme.body());
    // The code as large as the screen allows: it is read aloud to the helper.
    const float codeSize = std::min(ctx.theme.display()->FontSize, textW / 5.0f);
    const std::string code = groupedCode(booking.code);
    draw->AddText(ctx.theme.display(), codeSize, ImVec2(x, y), ink, code.c_str());
    y += codeSize * 1.15f;
    y = drawLines(ctx, x, y, textW,
                  {fmt::format(fmt::runtime(text::kBookingDoneWhen), day, time, ctx.app.config().village),
                   text::kBookingDoneHint},
                  ctx.theme.body());
    std::string summary = fmt::format(fmt::runtime(text::kBookingQrText), booking.code, day, time,
                                      ctx.app.config().village, whatHelpWith(ctx));
    if (landscape) {
        const float height =
            layoutQrCaption(m, body, ImVec2(0, 0), qr, regionW, text::kBookingQrHowTo).height;
        drawQrWithCaption(draw, ctx.targets, m, body, ink, summary,
                          ImVec2(screen.x - m.marginPx - regionW, buttonsTop - m.gapPx - height), qr, regionW,
                          text::kBookingQrHowTo);
    } else {
        // Below the words with what to do beside it, shrunk to the room left rather than left out.
        const float width = screen.x - x - m.marginPx;
        const float room = buttonsTop - m.gapPx - (y + m.gapPx / 2);
        float side = std::min(qr, room);
        for (int shrink = 0; shrink < 8 && side > 0; ++shrink) {
            const float height =
                layoutQrCaption(m, body, ImVec2(0, 0), side, width, text::kBookingQrHowTo).height;
            if (height <= room) break;
            side -= height - room;
        }
        if (side > 0) {
            drawQrWithCaption(draw, ctx.targets, m, body, ink, summary, ImVec2(x, y + m.gapPx / 2), side,
                              width, text::kBookingQrHowTo);
        }
    }
    return true;
}

// Where the code and the QR code do not fit together (a 7" screen): the code, when and where first, the QR
// code on a page of its own, "Xem thêm (1/2)" beside "Trang đầu" turning between them.
void drawDonePaged(const ScreenContext& ctx, float y, const kiosk::Booking& booking, Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const std::string day = kiosk::vietnameseDay(booking.slot.date);
    const std::string time = kiosk::clockTime(booking.slot.minuteOfDay);
    const float x = std::max(m.marginPx, m.cornerPx);
    const float width = screen.x - x - m.marginPx;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    ImFont* body = ctx.theme.body();
    const std::string moreWidest = fmt::format(fmt::runtime(text::kMorePage), 9, 9);
    const float buttonsTop =
        screen.y - m.marginPx -
        buttonRowHeight(ctx, {{"booking.home", text::kHome, kiosk::intent::GoHome{}, {}},
                              {"booking.more", moreWidest.c_str(), kiosk::intent::ShowPage{}, {}}});
    const float room = buttonsTop - m.gapPx - y;
    // The words line by line (the code as one line, as large as the screen allows), a page as full as fits.
    struct Item {
        std::string text;
        ImFont* font;
        float size;
        float height;
    };
    const float codeSize = std::min(ctx.theme.display()->FontSize, width / 5.0f);
    std::vector<Item> items;
    auto addLines = [&](const std::string& paragraph) {
        for (std::string_view line : wrapLines(body, width, paragraph))
            items.push_back({std::string(line), body, body->FontSize, body->FontSize});
    };
    addLines(text::kBookingCodeLabel);
    items.push_back({groupedCode(booking.code), ctx.theme.display(), codeSize, codeSize * 1.15f});
    addLines(fmt::format(fmt::runtime(text::kBookingDoneWhen), day, time, ctx.app.config().village));
    addLines(text::kBookingDoneHint);
    std::vector<std::vector<Item>> pages(1);
    float used = 0;
    for (const Item& item : items) {
        if (!pages.back().empty() && used + item.height > room) {
            pages.emplace_back();
            used = 0;
        }
        used += item.height;
        pages.back().push_back(item);
    }
    const int qrPage = static_cast<int>(pages.size());
    const int pageCount = qrPage + 1;
    const int page = std::clamp(ctx.app.state().page, 0, pageCount - 1);
    if (page < qrPage) {
        for (const Item& item : pages[static_cast<std::size_t>(page)]) {
            draw->AddText(item.font, item.size, ImVec2(x, y), ink, item.text.c_str());
            y += item.height;
        }
    } else {
        // The square with what to do beside or under it, shrunk to the room rather than left out.
        float side = std::min(room, width * 0.4f);
        for (int shrink = 0; shrink < 8 && side > 0; ++shrink) {
            const float height =
                layoutQrCaption(m, body, ImVec2(0, 0), side, width, text::kBookingQrHowTo).height;
            if (height <= room) break;
            side -= height - room;
        }
        const std::string summary = fmt::format(fmt::runtime(text::kBookingQrText), booking.code, day, time,
                                                ctx.app.config().village, whatHelpWith(ctx));
        if (side > 0)
            drawQrWithCaption(draw, ctx.targets, m, body, ink, summary, ImVec2(x, y), side, width,
                              text::kBookingQrHowTo);
    }
    const std::string more = fmt::format(fmt::runtime(text::kMorePage), page + 1, pageCount);
    const std::vector<RowButton> buttons{
        {"booking.home", text::kHome, kiosk::intent::GoHome{}, ctx.theme.palette().primaryButton},
        {"booking.more", more.c_str(), kiosk::intent::ShowPage{(page + 1) % pageCount},
         ctx.theme.palette().plainButton}};
    drawButtonRow(ctx, buttonsTop, buttons, intents);
}

void drawDoneStep(const ScreenContext& ctx, Intents& intents, bool cancelled) {
    const kiosk::BookingDraft& draft = ctx.app.bookingWizard().draft();
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const kiosk::Booking& booking = *draft.confirmed;
    const std::string day = kiosk::vietnameseDay(booking.slot.date);
    const std::string time = kiosk::clockTime(booking.slot.minuteOfDay);
    float y = drawHeader(ctx, cancelled ? text::kBookingCancelledTitle : text::kBookingDoneTitle);
    const float x = std::max(m.marginPx, m.cornerPx);
    const std::vector<RowButton> buttons{
        {"booking.home", text::kHome, kiosk::intent::GoHome{}, ctx.theme.palette().primaryButton}};
    const float buttonsTop = screen.y - m.marginPx - buttonRowHeight(ctx, buttons);
    if (cancelled) {
        drawLines(ctx, x, y, screen.x - x - m.marginPx,
                  {fmt::format(fmt::runtime(text::kBookingCancelledBody), booking.code, day, time)},
                  ctx.theme.body());
    } else if (!drawDoneAtOnce(ctx, y, buttonsTop, booking)) {
        drawDonePaged(ctx, y, booking, intents);
        return;
    }
    drawButtonRow(ctx, buttonsTop, buttons, intents);
}

} // namespace

Intents drawBooking(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("booking", ctx.theme)) {
        endPage();
        return intents;
    }
    const kiosk::BookingDraft& draft = ctx.app.bookingWizard().draft();
    const std::string message = ctx.app.bookingWizard().message();
    if (!ctx.app.bookingsAvailable()) {
        float y = drawHeader(ctx, text::kBookHelp);
        ImVec2 screen = ImGui::GetMainViewport()->Size;
        const Metrics& m = ctx.theme.metrics();
        drawCentredText(
            ImGui::GetWindowDrawList(), ctx.theme.body(), ImVec2(m.marginPx, y),
            ImVec2(screen.x - m.marginPx, screen.y - m.marginPx - pageNavBar(ctx.theme, nullptr).height),
            text::kBookingUnavailable, toImColor(ctx.theme.palette().page.text));
        drawBookingNav(ctx, intents);
        endPage();
        return intents;
    }
    switch (draft.step) {
    case BookingStep::Topic:
        drawTopicStep(ctx, intents);
        break;
    case BookingStep::Day:
        drawDayStep(ctx, intents);
        break;
    case BookingStep::Slot:
        drawSlotStep(ctx, intents);
        break;
    case BookingStep::Phone:
    case BookingStep::CancelPhone:
        drawTypingPage(
            ctx, intents,
            draft.step == BookingStep::Phone ? text::kBookingPhoneTitle : text::kBookingCancelPhoneTitle,
            groupedPhone(draft.phone.text()),
            draft.step == BookingStep::Phone ? text::kBookingPhoneHint : text::kBookingCancelPhoneHint,
            message, numericKeys(text::kContinue), kNumericColumns, true, true);
        break;
    case BookingStep::Name:
        drawTypingPage(ctx, intents, text::kBookingNameTitle, draft.name.text(), text::kBookingNameHint,
                       message, vietnameseKeys(draft.name.empty() ? text::kSkip : text::kDone, false),
                       kLetterColumns, false, true);
        break;
    case BookingStep::CancelCode:
        drawTypingPage(ctx, intents, text::kBookingCancelCodeTitle, groupedCode(draft.code.text()),
                       text::kBookingCancelOwnSubtitle, message, codeKeys(text::kContinue), kCodeColumns,
                       false, true);
        break;
    case BookingStep::Confirm:
        drawConfirmStep(ctx, intents);
        break;
    case BookingStep::CancelConfirm:
        if (draft.toCancel) drawCancelConfirmStep(ctx, intents);
        break;
    case BookingStep::Done:
    case BookingStep::Cancelled:
        if (draft.confirmed) drawDoneStep(ctx, intents, draft.step == BookingStep::Cancelled);
        break;
    }
    endPage();
    return intents;
}

} // namespace ui
