// Where things go on a guide's step screen. Shared by the screen and by the content check that
// tells staff when a step's text would not fit on the smallest screen at the largest text size.
#pragma once

#include "content/guide.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

namespace ui {

// The step screen's bottom buttons in fixed slots: back, home, listen, practice, help, next. A step without
// narration or a spot to practise leaves its slot empty, so the others never move between steps.
inline constexpr int kStepSlots = 6;
struct StepButtons {
    int rows = 1;  // one row when every label fits its slot in two lines without splitting a word, else 3 + 3
    float top = 0; // of the (first) row
    ImVec2 min[kStepSlots], max[kStepSlots];
};
[[nodiscard]] StepButtons layoutStepButtons(const Metrics& metrics, ImFont* bold, ImVec2 screen);

struct StepLayout {
    float headerBottom = 0;        // below the guide's title and "Bước 3/8"
    ImVec2 frameMin, frameMax;     // the drawn phone; the "checked on" caption goes under it
    ImVec2 pictureMin, pictureMax; // the step picture inside it, its aspect kept
    ImVec2 textMin, textMax;       // the column for the step's words
    float navTop = 0;              // the bottom buttons (StepButtons)
};

// pictureAspect = width / height of the step pictures (540 / 1110 for the bundled ones).
[[nodiscard]] StepLayout layoutStep(const Metrics& metrics, const FontSet& fonts, ImVec2 screen,
                                    float pictureAspect);

// Heights of the parts of a step's text column, in the order they are drawn.
struct StepTextBlock {
    float title = 0, text = 0, practice = 0, tip = 0, warning = 0, qr = 0;
    [[nodiscard]] float total(float gap) const;
};
[[nodiscard]] StepTextBlock measureStepText(const Metrics& metrics, const FontSet& fonts, float width,
                                            const content::Step& step, bool practice);

// The QR code's side for a step link in a column of this width.
[[nodiscard]] float stepQrSize(const Metrics& metrics, float columnWidth);

// A check for the content loader: does every step's text fit at this screen size and text level?
[[nodiscard]] content::TextFitCheck makeTextFitCheck(int width, int height, double diagonalInches,
                                                     int textLevel);

} // namespace ui
