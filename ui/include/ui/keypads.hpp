// On-screen keypads for people without a keyboard: a numeric pad, a Vietnamese letter keyboard with
// the five tone marks, and a pad of booking-code characters. Each key returns an Intent (Type, Tone,
// Erase, Submit, Back); kiosk::TextEntry decides what the key does to the text.
#pragma once

#include "ui/screens.hpp"

#include <string>
#include <vector>

namespace ui {

struct Key {
    std::string id;    // the touch target's name, e.g. "key.7"
    std::string label; // what the key shows
    kiosk::Intent intent;
    int span = 1; // columns it takes
    bool primary = false;
};

// Keys laid out left to right, `columns` per row (a wide key that does not fit a row's end starts the next),
// filling the rectangle in as many rows as that takes, or in `rows` when given; adds the intents of keys
// tapped.
void drawKeyGrid(const ScreenContext& ctx, ImVec2 min, ImVec2 max, int columns, const std::vector<Key>& keys,
                 Intents& intents, int rows = 0);

// A page for typing: title, field, hint (or `message` when not empty, in bold), keys; "Quay lại" (and on a
// resident's page "Trang đầu") is added when the keys have none: under the words beside a keypad, at the
// end of the field's row above a keyboard (a resident's page) or at the bottom. `columns` keys a row, fewer
// on a narrow screen; a keyboard with more rows than its room shows its letters a page at a time, with a
// key to the next ones (the app's page of the screen).
void drawTypingPage(const ScreenContext& ctx, Intents& intents, const std::string& title,
                    const std::string& shown, const char* hint, const std::string& message,
                    const std::vector<Key>& keys, int columns, bool keypadBeside, bool withHome);

// 1-9, "Xóa", 0, and a submit key labelled `submitLabel`: 3 columns x 4 rows.
[[nodiscard]] std::vector<Key> numericKeys(const char* submitLabel);
// Vietnamese letters (a ă â b c d đ e ê ...), the tone marks, space, erase, back (unless the page has
// "Quay lại" and "Trang đầu" of its own) and submit: 10 x 4.
[[nodiscard]] std::vector<Key> vietnameseKeys(const char* submitLabel, bool backKey);
// The booking code's characters, erase and submit: 10 x 3 (the page adds "Quay lại" and "Trang đầu" below).
[[nodiscard]] std::vector<Key> codeKeys(const char* submitLabel);

// Keys a row for the layouts above, where the screen is wide enough.
inline constexpr int kNumericColumns = 3;
inline constexpr int kLetterColumns = 10;
inline constexpr int kCodeColumns = 10;

} // namespace ui
