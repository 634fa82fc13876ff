#include "ui/keypads.hpp"

#include "bookings/bookings.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"

#include <algorithm>
#include <cfloat>

namespace ui {

void drawKeyGrid(const ScreenContext& ctx, ImVec2 min, ImVec2 max, int columns, const std::vector<Key>& keys,
                 Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    int cells = 0;
    for (const Key& key : keys)
        cells += key.span;
    const int rows = (cells + columns - 1) / columns;
    const float keyW =
        (max.x - min.x - static_cast<float>(columns - 1) * m.gapPx) / static_cast<float>(columns);
    const float keyH = (max.y - min.y - static_cast<float>(rows - 1) * m.gapPx) / static_cast<float>(rows);
    int cell = 0;
    for (const Key& key : keys) {
        if (cell % columns + key.span > columns) cell += columns - cell % columns; // a wide key starts a row
        const float x = min.x + static_cast<float>(cell % columns) * (keyW + m.gapPx);
        const float y = min.y + static_cast<float>(cell / columns) * (keyH + m.gapPx);
        const float w = keyW * static_cast<float>(key.span) + m.gapPx * static_cast<float>(key.span - 1);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const ColourPair& colours =
            key.primary ? ctx.theme.palette().primaryButton : ctx.theme.palette().plainButton;
        const bool oneCharacter =
            key.label.size() <= 3 && key.label.find(' ') == std::string::npos; // a UTF-8 letter
        if (bigButton(ctx.targets, ctx.theme, key.id, {key.label, {}, oneCharacter}, ImVec2(w, keyH),
                      colours)) {
            intents.push_back(key.intent);
        }
        cell += key.span;
    }
}

// A title, the field with what was typed (its end in view, where typing goes), the hint or the error,
// and the keys under it, or beside it in landscape for a small pad.
void drawTypingPage(const ScreenContext& ctx, Intents& intents, const std::string& title,
                    const std::string& shown, const char* hint, const std::string& message,
                    const std::vector<Key>& keys, int columns, int rows, bool keypadBeside, bool withHome) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    const float x = std::max(m.marginPx, m.cornerPx);
    const bool beside = keypadBeside && screen.x >= screen.y;
    float keysW = beside ? std::min(screen.x * 0.48f, static_cast<float>(columns) * m.targetPx * 1.6f)
                         : screen.x - 2 * m.marginPx;
    if (beside) {
        // The words need room too: "Quay lại" and "Trang đầu" side by side, each on one line, and the
        // title, field and hint within the screen's height. The keypad gives up width for them, down to
        // keys of a fingertip's size whose labels still fit (bigButton pads 2.5 mm a side).
        ImFont* bold = ctx.theme.bodyBold();
        const float pads = m.pxPerMm * 5 + 2;
        float keyW = m.targetPx;
        for (const Key& key : keys)
            keyW = std::max(keyW, narrowestBoxFor(bold, key.label, 2) + pads);
        const float smallest = static_cast<float>(columns) * keyW + static_cast<float>(columns - 1) * m.gapPx;
        const float labelW = std::max(bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, text::kBack).x,
                                      bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, text::kHome).x);
        const float buttonsNeed = withHome ? 2 * (labelW + pads) + m.gapPx : labelW + pads;
        const float widest = screen.x - x - 2 * m.marginPx - smallest;
        // Measured with the hint, not a message that comes and goes: the keys never move under a finger.
        auto textHeight = [&](float w) {
            return wrappedTextHeight(ctx.theme.title(), w, title) + ctx.theme.title()->FontSize * 1.5f +
                   wrappedTextHeight(ctx.theme.body(), w, hint) + 2 * m.gapPx + m.targetPx;
        };
        const float height = screen.y - 2 * m.marginPx;
        float textWidth = screen.x - keysW - x - 2 * m.marginPx;
        if (textWidth < buttonsNeed) textWidth = std::min(widest, buttonsNeed);
        if (textHeight(textWidth) > height) textWidth = std::max(textWidth, widest);
        keysW = std::max(smallest, screen.x - x - 2 * m.marginPx - textWidth);
    }
    const float textW = beside ? screen.x - keysW - x - 2 * m.marginPx : screen.x - x - m.marginPx;
    const bool keysHaveBack = std::ranges::any_of(keys, [](const Key& k) { return k.id == "nav.back"; });
    // A resident's page with the keys under the words: "Quay lại" and "Trang đầu" at the right of the title
    // and the field, so the keys keep the height a row of buttons at the bottom would take.
    const bool navByField = !beside && withHome && !keysHaveBack;
    float navButtonW = 0;
    if (navByField) {
        ImFont* bold = ctx.theme.bodyBold();
        const float pads = m.pxPerMm * 5 + 2;
        const float oneLine = std::max(bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, text::kBack).x,
                                       bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, text::kHome).x) +
                              pads;
        const float twoLines =
            std::max(narrowestBoxFor(bold, text::kBack, 2), narrowestBoxFor(bold, text::kHome, 2)) + pads;
        // On one line each while the field keeps at least half the row, else on two.
        navButtonW = std::max(m.targetPx, 2 * (oneLine + m.gapPx) <= textW / 2 ? oneLine : twoLines);
    }
    const float fieldW = navByField ? textW - 2 * (navButtonW + m.gapPx) : textW;
    float y = m.marginPx;
    const float titleH = wrappedTextHeight(ctx.theme.title(), fieldW, title);
    const float fieldH = ctx.theme.title()->FontSize * 1.5f;
    // The title and the field as one block, with the buttons beside it as tall as the block.
    const float blockH = std::max(titleH + m.gapPx / 2 + fieldH, navByField ? m.targetPx : 0.0f);
    if (navByField) {
        const float navX = x + fieldW + m.gapPx;
        const float navH = std::min(blockH, m.targetPx * 1.3f);
        const float navY = y + (blockH - navH) / 2;
        ImGui::SetCursorScreenPos(ImVec2(navX, navY));
        if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, ImVec2(navButtonW, navH),
                      ctx.theme.palette().plainButton)) {
            intents.push_back(kiosk::intent::Back{});
        }
        ImGui::SetCursorScreenPos(ImVec2(navX + navButtonW + m.gapPx, navY));
        if (bigButton(ctx.targets, ctx.theme, "nav.home", {text::kHome}, ImVec2(navButtonW, navH),
                      ctx.theme.palette().plainButton)) {
            intents.push_back(kiosk::intent::GoHome{});
        }
    }
    draw->AddText(ctx.theme.title(), ctx.theme.title()->FontSize, ImVec2(x, y), ink, title.c_str(), nullptr,
                  fieldW);
    y += blockH - fieldH;
    const float rowH = fieldH;
    const float fieldY = y;
    // On whole pixels, so every renderer draws the same field and outline (ui/shapes.hpp).
    fillRoundedRect(draw, ImVec2(x, fieldY), ImVec2(x + fieldW, fieldY + fieldH),
                    toImColor(ctx.theme.palette().plainButton.background), 0);
    strokeRoundedRect(draw, ImVec2(x, fieldY), ImVec2(x + fieldW, fieldY + fieldH),
                      toImColor(ctx.theme.palette().border), 0, 2.0f);
    const std::string withCaret = shown + "|";
    draw->PushClipRect(ImVec2(x, fieldY), ImVec2(x + fieldW, fieldY + fieldH), true);
    // A long note shows its end, where typing goes.
    const float textWidth =
        ctx.theme.title()->CalcTextSizeA(ctx.theme.title()->FontSize, FLT_MAX, 0, withCaret.c_str()).x;
    const float textX = std::min(x + m.gapPx / 2, x + fieldW - m.gapPx / 2 - textWidth);
    draw->AddText(ctx.theme.title(), ctx.theme.title()->FontSize,
                  ImVec2(textX, fieldY + (fieldH - ctx.theme.title()->FontSize) / 2), ink, withCaret.c_str());
    draw->PopClipRect();
    y += rowH + m.gapPx / 2;
    const std::string note = message.empty() ? std::string(hint) : message;
    ImFont* noteFont = message.empty() ? ctx.theme.body() : ctx.theme.bodyBold();
    draw->AddText(noteFont, noteFont->FontSize, ImVec2(x, y), ink, note.c_str(), nullptr, textW);
    const float keysTop = beside ? m.marginPx : y + wrappedTextHeight(noteFont, textW, note) + m.gapPx / 2;

    float keysBottom = screen.y - m.marginPx;
    if (!keysHaveBack && !navByField) {
        if (beside) {
            // Under the words: "Quay lại", and "Trang đầu" beside it on a resident's page.
            const float buttonW = withHome ? std::min((textW - m.gapPx) / 2, m.targetPx * 2.5f)
                                           : std::min(textW, m.targetPx * 2.5f);
            const float buttonsY = screen.y - m.marginPx - m.targetPx;
            ImGui::SetCursorScreenPos(ImVec2(x, buttonsY));
            if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, ImVec2(buttonW, m.targetPx),
                          ctx.theme.palette().plainButton)) {
                intents.push_back(kiosk::intent::Back{});
            }
            ImGui::SetCursorScreenPos(ImVec2(x + buttonW + m.gapPx, buttonsY));
            if (withHome && bigButton(ctx.targets, ctx.theme, "nav.home", {text::kHome},
                                      ImVec2(buttonW, m.targetPx), ctx.theme.palette().plainButton)) {
                intents.push_back(kiosk::intent::GoHome{});
            }
        } else {
            keysBottom = drawNavBar(ctx, intents, false, withHome) - m.gapPx;
        }
    }
    const float keysLeft = beside ? screen.x - m.marginPx - keysW : m.marginPx;
    // A narrow (portrait) screen takes fewer keys per row, so no key gets smaller than a fingertip target.
    // (bigButton widens a key a little short of a target; the gap still stays over 3 mm.)
    const int fit = std::max(1, static_cast<int>((keysW + m.gapPx) / (0.95f * m.targetPx + m.gapPx)));
    if (columns > fit) {
        int cells = 0;
        for (const Key& key : keys)
            cells += key.span;
        columns = fit;
        rows = (cells + columns - 1) / columns + 1; // + 1: a wide key may start a new row
    }
    const float keysH = std::min(keysBottom - keysTop,
                                 static_cast<float>(rows) * (keysW / static_cast<float>(columns)) * 0.9f +
                                     static_cast<float>(rows - 1) * m.gapPx);
    drawKeyGrid(ctx, ImVec2(keysLeft, keysBottom - keysH), ImVec2(keysLeft + keysW, keysBottom), columns,
                keys, intents);
}

std::vector<Key> numericKeys(const char* submitLabel) {
    std::vector<Key> keys;
    for (char digit = '1'; digit <= '9'; ++digit) {
        keys.push_back(
            {std::string("key.") + digit, std::string(1, digit), kiosk::intent::Type{std::string(1, digit)}});
    }
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    keys.push_back({"key.0", "0", kiosk::intent::Type{"0"}});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 1, true});
    return keys;
}

std::vector<Key> vietnameseKeys(const char* submitLabel, bool backKey) {
    static const char* const kLetters[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g",
                                           "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p",
                                           "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
    std::vector<Key> keys;
    for (const char* letter : kLetters)
        keys.push_back({std::string("key.") + letter, letter, kiosk::intent::Type{letter}});
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    // Each tone key shows its mark on an "a", the way it is taught in school.
    using kiosk::ToneMark;
    const std::pair<const char*, ToneMark> tones[] = {{"á", ToneMark::acute},
                                                      {"à", ToneMark::grave},
                                                      {"ả", ToneMark::hook},
                                                      {"ã", ToneMark::tilde},
                                                      {"ạ", ToneMark::dotBelow}};
    int index = 0;
    for (const auto& [label, mark] : tones) {
        keys.push_back({"key.tone" + std::to_string(++index), label, kiosk::intent::Tone{mark}});
    }
    keys.push_back({"key.space", text::kSpace, kiosk::intent::Type{" "}, backKey ? 2 : 3});
    if (backKey) keys.push_back({"nav.back", text::kBack, kiosk::intent::Back{}});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 2, true});
    return keys;
}

std::vector<Key> codeKeys(const char* submitLabel) {
    std::vector<Key> keys;
    for (char c : kiosk::bookingCodeAlphabet) {
        keys.push_back({std::string("key.") + c, std::string(1, c), kiosk::intent::Type{std::string(1, c)}});
    }
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 2, true});
    return keys;
}

} // namespace ui
