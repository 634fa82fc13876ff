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
    float buttonsTop = screen.y - m.marginPx - m.targetPx;

    // The QR code and its label, as large as the space between header and buttons allows.
    if (!guide->finishLink.empty()) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        float x = std::max(m.marginPx, m.cornerPx);
        float labelH = ctx.theme.body()->FontSize * 2;
        float qr = std::min(buttonsTop - m.gapPx - y - labelH, screen.x * 0.45f);
        if (qr > m.targetPx) {
            drawQrCode(draw, guide->finishLink, ImVec2(x, y), qr);
            std::string label = guide->finishLinkLabel.empty() ? text::kScanQr : guide->finishLinkLabel;
            draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(x, y + qr + m.gapPx / 2),
                          toImColor(palette.page.text), label.c_str(), nullptr, screen.x - x - m.marginPx);
        }
    }

    drawButtonRow(
        ctx, buttonsTop,
        {{"finish.again", text::kFinishAgain, kiosk::intent::StartGuide{false}, palette.plainButton},
         {"finish.book", text::kFinishBook, kiosk::intent::OpenBooking{}, palette.help},
         {"finish.home", text::kHome, kiosk::intent::GoHome{}, palette.primaryButton}},
        intents);
    endPage();
    return intents;
}

} // namespace ui
