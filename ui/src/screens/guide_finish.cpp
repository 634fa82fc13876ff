// "Bác đã làm được!": the end of a guide, a QR code to the real app or portal, and an offer of help.
#include "ui/qr_code.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"
#include "ui/widgets.hpp"

#include <fmt/format.h>

namespace ui {

Intents drawGuideFinish(const ScreenContext& ctx) {
    Intents intents;
    const content::Guide* guide = ctx.app.currentGuide();
    if (!beginPage("guide-finish", ctx.theme) || !guide) {
        endPage();
        return intents;
    }
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    const RowButton again{"finish.again", text::kFinishAgain, kiosk::intent::StartGuide{false},
                          palette.plainButton};
    const RowButton book{"finish.book", text::kFinishBook, kiosk::intent::OpenBooking{}, palette.help};
    const RowButton home{"finish.home", text::kHome, kiosk::intent::GoHome{}, palette.primaryButton};
    // One row of three; where a third of the width would cut a word (a narrow screen at large text),
    // "Nhờ người giúp làm thật" across the screen above "Xem lại" and "Trang đầu".
    const float third = (screen.x - 2 * m.marginPx - 2 * m.gapPx) / 3 - 2 * m.pxPerMm * 2.5f;
    bool oneRow = true;
    for (const RowButton* b : {&again, &book, &home})
        oneRow = oneRow && narrowestBoxFor(ctx.theme.bodyBold(), b->label, 99) <= third;
    // Two rows too when they are lower than one, its labels in many lines (large text on a small screen).
    const std::vector<RowButton> all{again, book, home}, pair{again, home}, alone{book};
    oneRow = oneRow &&
             buttonRowHeight(ctx, all) <= buttonRowHeight(ctx, pair) + m.gapPx + buttonRowHeight(ctx, alone);
    const std::vector<RowButton> lower =
        oneRow ? std::vector<RowButton>{again, book, home} : std::vector<RowButton>{again, home};
    const std::vector<RowButton> upper = oneRow ? std::vector<RowButton>{} : std::vector<RowButton>{book};
    const float lowerTop = screen.y - m.marginPx - buttonRowHeight(ctx, lower);
    const float buttonsTop = oneRow ? lowerTop : lowerTop - m.gapPx - buttonRowHeight(ctx, upper);

    // The sentence under the title repeats the guide's name: it gives way where the buttons need its room
    // (large text on a small screen).
    const std::string body = fmt::format(fmt::runtime(text::kFinishBody), guide->title);
    const bool withBody = headerHeight(ctx, text::kFinishTitle, body.c_str()) <= buttonsTop - m.gapPx;
    const float y = drawHeader(ctx, text::kFinishTitle, withBody ? body.c_str() : nullptr);

    // The QR code with where it leads and what to do with it, as large as the space between header and
    // buttons allows.
    if (!guide->finishLink.empty()) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float x = std::max(m.marginPx, m.cornerPx);
        const float width = screen.x - x - m.marginPx;
        const float room = buttonsTop - m.gapPx - y;
        const std::string caption = guide->finishLinkLabel.empty()
                                        ? std::string(text::kQrHowTo)
                                        : guide->finishLinkLabel + "\n" + text::kQrHowTo;
        float qr = std::min(room, screen.x * 0.45f);
        for (int shrink = 0; shrink < 8; ++shrink) {
            const float height =
                layoutQrCaption(m, ctx.theme.body(), ImVec2(x, y), qr, width, caption).height;
            if (height <= room) break;
            qr -= height - room;
        }
        if (qr > m.targetPx) {
            drawQrWithCaption(draw, ctx.targets, m, ctx.theme.body(), toImColor(palette.page.text),
                              guide->finishLink, ImVec2(x, y), qr, width, caption);
        }
    }

    if (!oneRow) drawButtonRow(ctx, buttonsTop, upper, intents);
    drawButtonRow(ctx, lowerTop, lower, intents);
    endPage();
    return intents;
}

} // namespace ui
