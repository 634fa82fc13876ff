// The staff PIN pad behind the hidden corner: big digits, dots instead of the PIN, no keyboard.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <string>

namespace ui {

namespace {
const char* padTitle(kiosk::PinPadMode mode) {
    switch (mode) {
    case kiosk::PinPadMode::Enter:
        return text::kPinEnter;
    case kiosk::PinPadMode::CreateFirst:
        return text::kPinCreate;
    case kiosk::PinPadMode::ConfirmFirst:
        return text::kPinConfirm;
    }
    return text::kPinEnter;
}

constexpr int kMaxDots = 8; // the most digits the pad takes (kiosk::App's PIN length)

// Where the pad's parts go: the keys (3 x 4, the last row "Xóa 0 Xong"), the words and "Hủy".
struct PinLayout {
    ImVec2 padPos;
    float keyW = 0, keyH = 0; // rows 1-3
    float sideW = 0;          // "Xóa" and "Xong", as wide as their labels need
    float textW = 0;
    ImFont* titleFont = nullptr; // none: the message alone, where both leave the keys no room
    ImVec2 cancelPos;
    float cancelW = 0;
    bool cancelBesideDots = false; // portrait: "Hủy" at the end of the dots' row
    float dotStep = 0;             // centre to centre
};

float wordsHeight(const ScreenContext& ctx, const kiosk::PinPadState& pad, float width, ImFont* titleFont) {
    const Metrics& m = ctx.theme.metrics();
    float h = titleFont ? wrappedTextHeight(titleFont, width, padTitle(pad.mode)) + m.gapPx : 0.0f;
    if (!pad.message.empty()) h += wrappedTextHeight(ctx.theme.body(), width, pad.message) + m.gapPx;
    return h;
}

PinLayout layOut(const ScreenContext& ctx, const kiosk::PinPadState& pad) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float height = screen.y - 2 * m.marginPx;
    const float textX = std::max(m.marginPx, m.cornerPx);
    PinLayout l;
    l.cancelW = std::max(m.targetPx, oneLineButtonWidth(ctx.theme, text::kCancel));
    // "Xóa" and "Xong" on one line each, the "0" between them at least a target wide.
    l.sideW = std::max({m.targetPx, oneLineButtonWidth(ctx.theme, text::kPinErase),
                        oneLineButtonWidth(ctx.theme, text::kPinOk)});
    const float lastRowW = 2 * l.sideW + m.targetPx + 2 * m.gapPx;
    const float dotsH = m.bodyPx * 0.8f;
    l.titleFont = ctx.theme.title();
    if (screen.x >= screen.y) {
        // Landscape: the keys on the right as tall as the screen allows, the words and "Hủy" on the left.
        // The keys give up width for the words (down to their labels' and a target's), then the title
        // takes bold body text rather than run into "Hủy".
        l.keyH = std::max(m.targetPx, (height - 3 * m.gapPx) / 4);
        float keyW = std::max(l.keyH, (l.sideW * 2 + m.targetPx) / 3);
        keyW = std::min(keyW, std::max(m.targetPx, screen.x / 2 / 3 - m.gapPx));
        auto padW = [&](float w) { return std::max(3 * w + 2 * m.gapPx, lastRowW); };
        auto textW = [&](float w) { return screen.x - m.marginPx - padW(w) - textX - 2 * m.gapPx; };
        const float wordsRoom = height - dotsH - m.gapPx - m.targetPx - m.gapPx;
        if (wordsHeight(ctx, pad, textW(keyW), l.titleFont) > wordsRoom) keyW = m.targetPx;
        if (wordsHeight(ctx, pad, textW(keyW), l.titleFont) > wordsRoom) l.titleFont = ctx.theme.bodyBold();
        l.keyW = (padW(keyW) - 2 * m.gapPx) / 3;
        l.textW = textW(keyW);
        const float padH = 4 * l.keyH + 3 * m.gapPx;
        l.padPos = ImVec2(screen.x - m.marginPx - padW(keyW), (screen.y - padH) / 2);
        l.cancelPos = ImVec2(textX, screen.y - m.marginPx - m.targetPx);
        l.cancelW = std::max(l.cancelW, std::min(l.textW, m.targetPx * 2.5f));
    } else {
        // Portrait: the keys across the bottom, as tall as the words above them leave room for; "Hủy"
        // at the end of the dots' row.
        const float padW = screen.x - 2 * m.marginPx;
        l.textW = screen.x - textX - m.marginPx;
        l.keyW = std::max(m.targetPx, (padW - 2 * m.gapPx) / 3);
        l.cancelBesideDots = true;
        const float dotsRowH = std::max(dotsH, m.targetPx);
        auto keyH = [&] {
            const float above = wordsHeight(ctx, pad, l.textW, l.titleFont) + dotsRowH + m.gapPx;
            return (height - above - 3 * m.gapPx) / 4;
        };
        if (keyH() < m.targetPx) l.titleFont = ctx.theme.bodyBold();
        // "Mã PIN chưa đúng." says what the pad is for too: it stands in for the title rather than push
        // the keys under the words.
        if (keyH() < m.targetPx && !pad.message.empty()) l.titleFont = nullptr;
        l.keyH = std::clamp(keyH(), m.targetPx, l.keyW);
        const float padH = 4 * l.keyH + 3 * m.gapPx;
        l.padPos = ImVec2(m.marginPx, screen.y - m.marginPx - padH);
        const float dotsY = m.marginPx + wordsHeight(ctx, pad, l.textW, l.titleFont);
        l.cancelPos = ImVec2(screen.x - m.marginPx - l.cancelW, dotsY + (dotsRowH - m.targetPx) / 2);
    }
    const float dotsW = l.cancelBesideDots ? l.textW - l.cancelW - m.gapPx : l.textW;
    l.dotStep = std::min(m.bodyPx * 1.2f, dotsW / kMaxDots);
    return l;
}
} // namespace

Intents drawPinPad(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("pin", ctx.theme)) {
        endPage();
        return intents;
    }
    const kiosk::PinPadState& pad = ctx.app.state().pinPad;
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(palette.page.text);
    const PinLayout l = layOut(ctx, pad);
    const float textX = std::max(m.marginPx, m.cornerPx);

    float y = m.marginPx;
    if (l.titleFont) {
        draw->AddText(l.titleFont, l.titleFont->FontSize, ImVec2(textX, y), ink, padTitle(pad.mode), nullptr,
                      l.textW);
        y += wrappedTextHeight(l.titleFont, l.textW, padTitle(pad.mode)) + m.gapPx;
    }
    if (!pad.message.empty()) {
        draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(textX, y), ink,
                      pad.message.c_str(), nullptr, l.textW);
        y += wrappedTextHeight(ctx.theme.body(), l.textW, pad.message) + m.gapPx;
    }
    // One dot per digit typed, so nobody behind the team member can read the PIN.
    const float dot = std::min(m.bodyPx * 0.4f, l.dotStep / 3);
    const float dotsY = l.cancelBesideDots ? l.cancelPos.y + m.targetPx / 2 : y + m.bodyPx * 0.4f;
    for (size_t i = 0; i < pad.digits.size(); ++i) {
        draw->AddCircleFilled(ImVec2(textX + dot + static_cast<float>(i) * l.dotStep, dotsY), dot, ink);
    }
    ImGui::SetCursorScreenPos(l.cancelPos);
    if (bigButton(ctx.targets, ctx.theme, "pin.cancel", {text::kCancel}, ImVec2(l.cancelW, m.targetPx),
                  palette.plainButton)) {
        intents.push_back(kiosk::intent::GoHome{});
    }

    static const char* const kKeys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"};
    const float padW = 3 * l.keyW + 2 * m.gapPx;
    for (int i = 0; i < 12; ++i) {
        std::string id = std::string("pin.") + kKeys[i];
        const char* label = i == 9 ? text::kPinErase : i == 11 ? text::kPinOk : kKeys[i];
        const float rowY = l.padPos.y + static_cast<float>(i / 3) * (l.keyH + m.gapPx);
        ImVec2 pos(l.padPos.x + static_cast<float>(i % 3) * (l.keyW + m.gapPx), rowY);
        float width = l.keyW;
        if (i >= 9) {
            // "Xóa 0 Xong": the words as wide as they need, the 0 a target at least in what is left between
            // them, closer to its neighbours than the other keys if it must (never under 3.5 mm).
            const float side = std::max(l.keyW, l.sideW);
            const float gap = std::clamp((padW - 2 * side - m.targetPx) / 2, m.pxPerMm * 3.5f, m.gapPx);
            const float middle = padW - 2 * side - 2 * gap;
            width = i == 10 ? middle : side;
            pos.x = i == 9 ? l.padPos.x : i == 10 ? l.padPos.x + side + gap : l.padPos.x + padW - side;
        }
        ImGui::SetCursorScreenPos(pos);
        if (!bigButton(ctx.targets, ctx.theme, id, {label}, ImVec2(width, l.keyH),
                       i == 11 ? palette.primaryButton : palette.plainButton)) {
            continue;
        }
        if (i == 9)
            intents.push_back(kiosk::intent::PinErase{});
        else if (i == 11)
            intents.push_back(kiosk::intent::PinSubmit{});
        else
            intents.push_back(kiosk::intent::PinDigit{kKeys[i][0]});
    }
    endPage();
    return intents;
}

} // namespace ui
