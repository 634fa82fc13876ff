// Two optional questions after a guide (smartphone? VNeID level 2?): one at a time, three big answers.
// Only counts are kept (kiosk/usage/usage_events.hpp), for the commune's targets.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace ui {

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
    const float top = drawHeader(ctx, title.c_str(), text::kSurveyNote);
    const float rowH = m.targetPx * 1.3f;
    const float fullW = screen.x - 2 * m.marginPx;
    // "Quay lại" (to the last step) and "Trang đầu" in a bar under the answers; where that leaves no room
    // for the longer question in bold (the Pi's 7" screen, largest text), they join the answers' row. Both
    // questions are measured, so nothing moves between them.
    const float barTop = screen.y - navBarHeight(ctx.theme);
    const float answersTopWithBar = barTop - m.gapPx - rowH;
    float longest = 0;
    for (const char* q : text::kSurveyQuestions)
        longest = std::max(longest, wrappedTextHeight(ctx.theme.bodyBold(), fullW, q));
    const bool navInRow = longest > answersTopWithBar - m.gapPx - top;
    const float buttonsTop = navInRow ? screen.y - m.marginPx - rowH : answersTopWithBar;
    if (!navInRow) drawNavBar(ctx, intents, false);
    // The question in the title font when it fits above the answers, else in bold body text.
    ImFont* questionFont = ctx.theme.title();
    if (wrappedTextHeight(questionFont, fullW, text::kSurveyQuestions[question]) > buttonsTop - m.gapPx - top)
        questionFont = ctx.theme.bodyBold();
    drawCentredText(ImGui::GetWindowDrawList(), questionFont, ImVec2(m.marginPx, top),
                    ImVec2(screen.x - m.marginPx, buttonsTop - m.gapPx), text::kSurveyQuestions[question],
                    toImColor(palette.page.text));
    struct Answer {
        const char* id;
        const char* label;
        kiosk::Intent intent;
        ColourPair colours;
        bool answer = true;
    };
    std::vector<Answer> row;
    if (navInRow) {
        row.push_back({"nav.back", text::kBack, kiosk::intent::Back{}, palette.plainButton, false});
        row.push_back({"nav.home", text::kHome, kiosk::intent::GoHome{}, palette.plainButton, false});
    }
    row.push_back({"survey.yes", text::kSurveyYes[question],
                   kiosk::intent::AnswerSurvey{kiosk::SurveyAnswer::yes}, palette.primaryButton});
    row.push_back({"survey.no", text::kSurveyNo[question],
                   kiosk::intent::AnswerSurvey{kiosk::SurveyAnswer::no}, palette.primaryButton});
    row.push_back({"survey.skip", text::kSkip, kiosk::intent::AnswerSurvey{kiosk::SurveyAnswer::skip},
                   palette.plainButton});
    const float count = static_cast<float>(row.size());
    const float width = (fullW - (count - 1) * m.gapPx) / count;
    for (std::size_t i = 0; i < row.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(m.marginPx + static_cast<float>(i) * (width + m.gapPx), buttonsTop));
        // The answers in the large font, unless five buttons share the row.
        const bool large = !navInRow && row[i].answer;
        if (bigButton(ctx.targets, ctx.theme, row[i].id, {row[i].label, {}, large}, ImVec2(width, rowH),
                      row[i].colours)) {
            intents.push_back(row[i].intent);
        }
    }
    endPage();
    return intents;
}

} // namespace ui
