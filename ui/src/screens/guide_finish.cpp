// "Bác đã làm được!": the end of a guide, a QR code to the real app or portal, and an offer of help.
#include "ui/qr_code.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

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
    std::string body = fmt::format(fmt::runtime(text::kFinishBody), guide->title);
    float y = drawHeader(ctx, text::kFinishTitle, body.c_str());
    const std::vector<RowButton> buttons{
        {"finish.again", text::kFinishAgain, kiosk::intent::StartGuide{false}, palette.plainButton},
        {"finish.book", text::kFinishBook, kiosk::intent::OpenBooking{}, palette.help},
        {"finish.home", text::kHome, kiosk::intent::GoHome{}, palette.primaryButton}};
    float buttonsTop = screen.y - m.marginPx - buttonRowHeight(ctx, buttons);

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

    drawButtonRow(ctx, buttonsTop, buttons, intents);
    endPage();
    return intents;
}

} // namespace ui
