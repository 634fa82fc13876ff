// Where things go on a guide's step screen. Shared by the screen and by the content check that
// tells staff when a step's text would not fit on the smallest screen at the largest text size.
#pragma once

#include "content/guide.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace ui {

// The step screen's bottom buttons in fixed slots: back, home, listen, practice, help, next. A step without
// narration or a spot to practise leaves its slot empty, so the others never move between steps.
inline constexpr int kStepSlots = 6;
struct StepButtons {
    // One row when every label fits its slot in two lines without splitting a word, else 3 + 3 or 2 + 2 + 2
    // (whichever is lower with every label whole in its button).
    int rows = 1;
    float top = 0;    // of the (first) row
    float height = 0; // of a row: the labels' lines with padding, at least a touch target's side
    ImVec2 min[kStepSlots], max[kStepSlots];
};

struct StepLayout {
    float headerBottom = 0;        // below the guide's title and "Bước 3/8"
    bool headerTwoLines = false;   // "Bước 3/8" under the title: a narrow screen has no room beside it
    ImVec2 frameMin, frameMax;     // the drawn phone; the "checked on" caption goes under it
    ImVec2 pictureMin, pictureMax; // the step picture inside it, its aspect kept
    ImVec2 textMin, textMax;       // the column for the step's words
    float navTop = 0;              // the bottom buttons (StepButtons)
    // Picture and words on pages of their own (a narrow screen at large text, where the words under the
    // phone would get under three lines): the words' pages first, then the picture's, both as large as the
    // space between header and buttons allows; the frame and column above are then each a page's.
    bool separatePages = false;
    // Large text on a small screen: the picture's page has no header row (landscape); beside the phone
    // (aside) go the progress, the caption and "Nghe" / "Làm thử" (buttons' slots 2 and 3), and the bar
    // holds the other four.
    bool pictureAside = false;
    // With pictureAside on a narrow (portrait) screen: the header is "Bước 3/8 · phần 1/2" alone, wrapped,
    // on every page, the picture's too (its aside then has no progress line).
    bool progressOnlyHeader = false;
    ImVec2 asideMin, asideMax;
    StepButtons buttons; // every slot's place, on the page that shows it
};

// pictureAspect = width / height of the step pictures (540 / 1110 for the bundled ones).
[[nodiscard]] StepLayout layoutStep(const Metrics& metrics, const FontSet& fonts, ImVec2 screen,
                                    float pictureAspect);

// One part of a step's words, in the order they are drawn.
enum class StepBlockKind { Title, Text, Practice, Notice, Tip, Warning, Qr };
struct StepBlock {
    StepBlockKind kind = StepBlockKind::Text;
    std::string words; // as shown, prefix included ("Mẹo: ..."); for Qr, the link
};
// What a step shows beside its picture: title, text, the practice line (practiceLine, when practising a
// step with a spot), the no-sound notice or else the tip, the warning, and the QR code of a link.
[[nodiscard]] std::vector<StepBlock> stepBlocks(const content::Step& step, bool practice,
                                                std::string_view practiceLine, bool narrationFailed);

// A block, or the lines of it that go on one page: title and text split between lines, boxes whole.
struct StepPiece {
    StepBlockKind kind = StepBlockKind::Text;
    std::string words; // for Title and Text, whole lines joined by '\n'
    float height = 0;
    float qrSide = 0;      // for Qr
    std::string qrCaption; // for Qr: the sentence beside the square (its end may follow as Text)
};
using StepPage = std::vector<StepPiece>;
// The step's words in pages of a column width x height, so large text on a small screen is read page by
// page ("Tiếp theo" turns the page first) instead of running under the buttons. With more than one page,
// each leaves a line at its foot for "Phần 1/2" when partInColumn (false: the screen shows it in its header,
// as where the picture has its own page). A box taller than a whole page still gets a page of its own.
[[nodiscard]] std::vector<StepPage> paginateStep(const Metrics& metrics, const FontSet& fonts, float width,
                                                 float height, const std::vector<StepBlock>& blocks,
                                                 bool partInColumn);
// The room a page's foot line ("Phần 1/2") takes in a column of that height: none in a column of under
// four lines, where it goes into the header instead ("Bước 3/8 · phần 1/2").
[[nodiscard]] float stepPartLineHeight(const Metrics& metrics, const FontSet& fonts, float columnHeight);
// The height a page's pieces take, with the gaps between them.
[[nodiscard]] float stepPageHeight(const Metrics& metrics, const StepPage& page);
// The padding inside the practice, tip and warning boxes.
[[nodiscard]] float stepBoxPadding(const Metrics& metrics);

// The QR code's side for a step link in a column of this width.
[[nodiscard]] float stepQrSize(const Metrics& metrics, float columnWidth);

// The step's picture enlarged ("Hình phóng to") so its smallest words (content::kSmallestPictureTextPx)
// read at 3 mm cap height or more (issue 17), the size older eyes read at arm's length; larger when the whole
// picture fits the area so, else shown in parts, left to right and top to bottom, each the area's size. 3.2
// mm aimed for 3 mm measured: the pictures' text is drawn at whole pixels, then resampled.
inline constexpr float kZoomCapMm = 3.2f;
inline constexpr float kCapPerEm = 0.714f; // Noto Sans: cap height 714 of 1000 units per em
struct PictureZoom {
    float scale = 1;
    int columns = 1, rows = 1;
    ImVec2 view; // the part shown, in screen pixels
    [[nodiscard]] int parts() const { return columns * rows; }
    // Where part's top-left lies in the scaled picture; parts overlap evenly when they do not tile it.
    [[nodiscard]] ImVec2 offset(int part) const;
    ImVec2 scaled; // the whole picture at scale
};
[[nodiscard]] PictureZoom zoomPicture(const Metrics& metrics, ImVec2 area, ImVec2 picture);

// A check for the content loader: does every step's text fit at this screen size and text level?
[[nodiscard]] content::TextFitCheck makeTextFitCheck(int width, int height, double diagonalInches,
                                                     int textLevel);

} // namespace ui
