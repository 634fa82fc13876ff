// Two optional questions after a guide (smartphone? VNeID level 2?): one at a time, three big answers.
// Only counts are kept (kiosk/usage/usage_events.hpp), for the commune's targets.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>

namespace ui {

namespace {
struct Button {
    const char* id;
    const char*
        labels[2]; // on question 1 and 2: every row is measured on both, so nothing moves between them
    kiosk::Intent intent;
    ColourPair colours;
    bool answer = true;
};

struct Row {
    std::vector<Button> buttons;
    bool large = false; // labels in the title font
    float height = 0;
};

// A button's height for its label wrapped at words in font to the button's width, as bigButton pads it; 0
// when a word would have to be split.
float labelHeight(const Theme& theme, ImFont* font, const char* label, float width) {
    const Metrics& m = theme.metrics();
    const float pad = m.pxPerMm * 2.5f;
    bool broke = false;
    const auto lines = wrapLines(font, width - 2 * pad, label, &broke);
    if (broke) return 0;
    return std::max(m.targetPx, std::ceil(static_cast<float>(lines.size()) * font->FontSize + 2 * pad));
}

// The row's buttons share its width; the answers in the title font where each stays on one line, else in
// bold body text; false when a word would be split.
bool measure(const Theme& theme, Row& row, float fullW, bool allowLarge) {
    const Metrics& m = theme.metrics();
    const auto count = static_cast<float>(row.buttons.size());
    const float width = (fullW - (count - 1) * m.gapPx) / count;
    const bool answers = std::ranges::all_of(row.buttons, [](const Button& b) { return b.answer; });
    for (ImFont* font : {theme.title(), theme.bodyBold()}) {
        if (font == theme.title() && (!answers || !allowLarge)) continue;
        float h = m.targetPx;
        bool fits = true;
        for (const Button& b : row.buttons)
            for (const char* label : b.labels) {
                const float need = labelHeight(theme, font, label, width);
                fits = fits && need > 0;
                h = std::max(h, need);
            }
        if (!fits) continue;
        if (font == theme.title() && h > font->FontSize + m.pxPerMm * 5.0f + 1) continue;
        row.large = font == theme.title();
        row.height = h;
        return true;
    }
    return false;
}

// Ways to place the answers and "Quay lại" / "Trang đầu", most compact first for wide screens: the first
// whose rows all fit at words and that leaves the longer question room above them is used.
std::vector<std::vector<Row>> arrangements(const Button& yes, const Button& no, const Button& skip,
                                           const Button& back, const Button& home) {
    return {
        {{{yes, no, skip}}, {{back, home}}},
        {{{yes, no}}, {{back, home, skip}}},
        {{{yes, no}}, {{skip}}, {{back, home}}},
        {{{yes}}, {{no}}, {{skip}}, {{back, home}}},
    };
}
} // namespace

Intents drawSurvey(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("survey", ctx.theme)) {
        endPage();
        return intents;
    }
    const int question = std::clamp(ctx.app.state().surveyQuestion, 0, 1);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const std::string title = fmt::format(fmt::runtime(text::kSurveyTitle), question + 1);
    const float fullW = screen.x - 2 * m.marginPx;
    const Button yes{"survey.yes",
                     {text::kSurveyYes[0], text::kSurveyYes[1]},
                     kiosk::intent::AnswerSurvey{kiosk::SurveyAnswer::yes},
                     palette.primaryButton};
    const Button no{"survey.no",
                    {text::kSurveyNo[0], text::kSurveyNo[1]},
                    kiosk::intent::AnswerSurvey{kiosk::SurveyAnswer::no},
                    palette.primaryButton};
    const Button skip{"survey.skip",
                      {text::kSkip, text::kSkip},
                      kiosk::intent::AnswerSurvey{kiosk::SurveyAnswer::skip},
                      palette.plainButton};
    // "Quay lại" goes back to the guide's last step.
    const Button back{
        "nav.back", {text::kBack, text::kBack}, kiosk::intent::Back{}, palette.plainButton, false};
    const Button home{
        "nav.home", {text::kHome, text::kHome}, kiosk::intent::GoHome{}, palette.plainButton, false};
    float longest = 0;
    for (const char* q : text::kSurveyQuestions)
        longest = std::max(longest, wrappedTextHeight(ctx.theme.bodyBold(), fullW, q));
    // The page's title in the title font, or, where that leaves the question no room, in bold body text.
    const float titleX = std::max(m.marginPx, m.cornerPx);
    const float titleW = screen.x - titleX - m.marginPx;
    auto titleHeight = [&](ImFont* font) { return wrappedTextHeight(font, titleW, title); };
    std::vector<Row> rows;
    float rowsTop = -FLT_MAX;
    ImFont* titleFont = nullptr;
    for (bool allowLarge : {true, false}) {
        for (std::vector<Row>& candidate : arrangements(yes, no, skip, back, home)) {
            bool fits = true;
            float y = screen.y - m.marginPx + m.gapPx;
            for (Row& row : candidate) {
                fits = fits && measure(ctx.theme, row, fullW, allowLarge);
                y -= row.height + m.gapPx;
            }
            if (!fits) continue;
            if (m.marginPx + titleHeight(ctx.theme.title()) + m.gapPx + longest + m.gapPx <= y) {
                rows = std::move(candidate);
                rowsTop = y;
                titleFont = ctx.theme.title();
                break;
            }
            if (!allowLarge && y > rowsTop) { // the roomiest, should none leave room with the large title
                rows = std::move(candidate);
                rowsTop = y;
            }
        }
        if (titleFont) break;
    }
    if (!titleFont) titleFont = ctx.theme.bodyBold();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 textColour = toImColor(palette.page.text);
    draw->AddText(titleFont, titleFont->FontSize, ImVec2(titleX, m.marginPx), textColour, title.c_str(),
                  nullptr, titleW);
    float top = m.marginPx + titleHeight(titleFont);
    // The note ("only counts are kept") gives way to the question where both do not fit.
    const float noteH = wrappedTextHeight(ctx.theme.body(), titleW, text::kSurveyNote);
    if (top + noteH + m.gapPx + longest + m.gapPx <= rowsTop) {
        draw->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(titleX, top), textColour,
                      text::kSurveyNote, nullptr, titleW);
        top += noteH;
    }
    top += m.gapPx;
    // The question in the title font when it fits above the answers, else in bold body text.
    ImFont* questionFont = ctx.theme.title();
    if (wrappedTextHeight(questionFont, fullW, text::kSurveyQuestions[question]) > rowsTop - m.gapPx - top)
        questionFont = ctx.theme.bodyBold();
    drawCentredText(draw, questionFont, ImVec2(m.marginPx, top),
                    ImVec2(screen.x - m.marginPx, rowsTop - m.gapPx), text::kSurveyQuestions[question],
                    textColour);
    float y = rowsTop;
    for (const Row& row : rows) {
        const auto count = static_cast<float>(row.buttons.size());
        const float width = (fullW - (count - 1) * m.gapPx) / count;
        for (std::size_t i = 0; i < row.buttons.size(); ++i) {
            const Button& b = row.buttons[i];
            ImGui::SetCursorScreenPos(ImVec2(m.marginPx + static_cast<float>(i) * (width + m.gapPx), y));
            if (bigButton(ctx.targets, ctx.theme, b.id, {b.labels[question], {}, row.large},
                          ImVec2(width, row.height), b.colours)) {
                intents.push_back(b.intent);
            }
        }
        y += row.height + m.gapPx;
    }
    endPage();
    return intents;
}

} // namespace ui
