// Two optional questions after a guide (smartphone? VNeID level 2?): one at a time, three big answers.
// Only counts are kept (kiosk/usage/usage_events.hpp), for the commune's targets.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

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
    const float buttonsTop = screen.y - m.marginPx - m.targetPx * 1.3f;
    drawCentredText(ImGui::GetWindowDrawList(), ctx.theme.title(), ImVec2(m.marginPx, top),
                    ImVec2(screen.x - m.marginPx, buttonsTop - m.gapPx), text::kSurveyQuestions[question],
                    toImColor(palette.page.text));
    const float width = (screen.x - 2 * m.marginPx - 2 * m.gapPx) / 3;
    const struct {
        const char* id;
        const char* label;
        kiosk::SurveyAnswer answer;
        ColourPair colours;
    } answers[] = {
        {"survey.yes", text::kSurveyYes[question], kiosk::SurveyAnswer::yes, palette.primaryButton},
        {"survey.no", text::kSurveyNo[question], kiosk::SurveyAnswer::no, palette.primaryButton},
        {"survey.skip", text::kSkip, kiosk::SurveyAnswer::skip, palette.plainButton}};
    for (int i = 0; i < 3; ++i) {
        ImGui::SetCursorScreenPos(ImVec2(m.marginPx + static_cast<float>(i) * (width + m.gapPx), buttonsTop));
        if (bigButton(ctx.targets, ctx.theme, answers[i].id, {answers[i].label, {}, true},
                      ImVec2(width, m.targetPx * 1.3f), answers[i].colours)) {
            intents.push_back(kiosk::intent::AnswerSurvey{answers[i].answer});
        }
    }
    endPage();
    return intents;
}

} // namespace ui
