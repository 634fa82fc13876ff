// The staff PIN pad behind the hidden corner: big digits, dots instead of the PIN, no keyboard.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

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
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImU32 ink = toImColor(palette.page.text);

    // The keypad: 3 x 4 keys, as large as fits beside (landscape) or below (portrait) the text.
    bool landscape = screen.x >= screen.y;
    float key =
        std::max(m.targetPx, std::min((screen.y - 2 * m.marginPx - 3 * m.gapPx) / 4,
                                      (landscape ? screen.x / 2 : screen.x - 2 * m.marginPx) / 3 - m.gapPx));
    float padW = 3 * key + 2 * m.gapPx, padH = 4 * key + 3 * m.gapPx;
    ImVec2 padPos(screen.x - m.marginPx - padW,
                  landscape ? (screen.y - padH) / 2 : screen.y - m.marginPx - padH);
    float textX = std::max(m.marginPx, m.cornerPx);
    float textW = landscape ? padPos.x - textX - m.gapPx * 2 : screen.x - textX - m.marginPx;

    float y = m.marginPx;
    draw->AddText(ctx.theme.title(), ctx.theme.title()->FontSize, ImVec2(textX, y), ink, padTitle(pad.mode),
                  nullptr, textW);
    y += wrappedTextHeight(ctx.theme.title(), textW, padTitle(pad.mode)) + m.gapPx;
    // One dot per digit typed, so nobody behind the team member can read the PIN.
    float dot = m.bodyPx * 0.4f;
    for (size_t i = 0; i < pad.digits.size(); ++i) {
        draw->AddCircleFilled(ImVec2(textX + dot + static_cast<float>(i) * dot * 3, y + dot), dot, ink);
    }
    y += dot * 2 + m.gapPx;
    if (!pad.message.empty()) {
        draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(textX, y), ink,
                      pad.message.c_str(), nullptr, textW);
        y += wrappedTextHeight(ctx.theme.body(), textW, pad.message) + m.gapPx;
    }
    float cancelW = std::min(textW, m.targetPx * 2.5f);
    ImGui::SetCursorScreenPos(ImVec2(textX, landscape ? screen.y - m.marginPx - m.targetPx : y));
    if (bigButton(ctx.targets, ctx.theme, "pin.cancel", {text::kCancel}, ImVec2(cancelW, m.targetPx),
                  palette.plainButton)) {
        intents.push_back(kiosk::intent::GoHome{});
    }

    static const char* const kKeys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "ok"};
    for (int i = 0; i < 12; ++i) {
        std::string id = std::string("pin.") + kKeys[i];
        const char* label = i == 9 ? text::kPinErase : i == 11 ? text::kPinOk : kKeys[i];
        ImGui::SetCursorScreenPos(ImVec2(padPos.x + static_cast<float>(i % 3) * (key + m.gapPx),
                                         padPos.y + static_cast<float>(i / 3) * (key + m.gapPx)));
        if (!bigButton(ctx.targets, ctx.theme, id, {label}, ImVec2(key, key),
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
