#include "ui/keypads.hpp"

#include "bookings.hpp"
#include "ui/strings.hpp"

namespace ui {

void drawKeyGrid(const ScreenContext& ctx, ImVec2 min, ImVec2 max, int columns, const std::vector<Key>& keys,
                 Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    int cells = 0;
    for (const Key& key : keys) cells += key.span;
    const int rows = (cells + columns - 1) / columns;
    const float keyW = (max.x - min.x - static_cast<float>(columns - 1) * m.gapPx) / static_cast<float>(columns);
    const float keyH = (max.y - min.y - static_cast<float>(rows - 1) * m.gapPx) / static_cast<float>(rows);
    int cell = 0;
    for (const Key& key : keys) {
        if (cell % columns + key.span > columns) cell += columns - cell % columns;  // a wide key starts a row
        const float x = min.x + static_cast<float>(cell % columns) * (keyW + m.gapPx);
        const float y = min.y + static_cast<float>(cell / columns) * (keyH + m.gapPx);
        const float w = keyW * static_cast<float>(key.span) + m.gapPx * static_cast<float>(key.span - 1);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const ColourPair& colours = key.primary ? ctx.theme.palette().primaryButton : ctx.theme.palette().plainButton;
        const bool oneCharacter = key.label.size() <= 3 && key.label.find(' ') == std::string::npos;  // a UTF-8 letter
        if (bigButton(ctx.targets, ctx.theme, key.id, {key.label, {}, oneCharacter}, ImVec2(w, keyH), colours)) {
            intents.push_back(key.intent);
        }
        cell += key.span;
    }
}

std::vector<Key> numericKeys(const char* submitLabel) {
    std::vector<Key> keys;
    for (char digit = '1'; digit <= '9'; ++digit) {
        keys.push_back({std::string("key.") + digit, std::string(1, digit), kiosk::intent::Type{std::string(1, digit)}});
    }
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    keys.push_back({"key.0", "0", kiosk::intent::Type{"0"}});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 1, true});
    return keys;
}

std::vector<Key> vietnameseKeys(const char* submitLabel) {
    static const char* const kLetters[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
                                           "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
    std::vector<Key> keys;
    for (const char* letter : kLetters) keys.push_back({std::string("key.") + letter, letter, kiosk::intent::Type{letter}});
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    // Each tone key shows its mark on an "a", the way it is taught in school.
    using kiosk::ToneMark;
    const std::pair<const char*, ToneMark> tones[] = {{"á", ToneMark::acute}, {"à", ToneMark::grave},
                                                      {"ả", ToneMark::hook}, {"ã", ToneMark::tilde},
                                                      {"ạ", ToneMark::dotBelow}};
    int index = 0;
    for (const auto& [label, mark] : tones) {
        keys.push_back({"key.tone" + std::to_string(++index), label, kiosk::intent::Tone{mark}});
    }
    keys.push_back({"key.space", text::kSpace, kiosk::intent::Type{" "}, 2});
    keys.push_back({"nav.back", text::kBack, kiosk::intent::Back{}});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 2, true});
    return keys;
}

std::vector<Key> codeKeys(const char* submitLabel) {
    std::vector<Key> keys;
    for (char c : kiosk::bookingCodeAlphabet) {
        keys.push_back({std::string("key.") + c, std::string(1, c), kiosk::intent::Type{std::string(1, c)}});
    }
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    keys.push_back({"nav.back", text::kBack, kiosk::intent::Back{}, 2});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 2, true});
    return keys;
}

}  // namespace ui
