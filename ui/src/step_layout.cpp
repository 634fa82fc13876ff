#include "ui/step_layout.hpp"

#include "ui/qr_code.hpp"
#include "ui/strings.hpp"
#include "ui/widgets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace ui {

float StepTextBlock::total(float gap) const {
    float sum = 0;
    int parts = 0;
    for (float h : {title, text, practice, tip, warning, qr}) {
        if (h <= 0) continue;
        sum += h;
        ++parts;
    }
    return sum + gap * static_cast<float>(std::max(0, parts - 1));
}

StepButtons layoutStepButtons(const Metrics& m, ImFont* bold, ImVec2 screen) {
    // Every label a slot can show: its width must hold the widest.
    static const std::vector<const char*> kLabels[kStepSlots] = {
        {text::kPrevious}, {text::kHome}, {text::kListen}, {text::kPracticeOn, text::kPracticeOff},
        {text::kNeedHelp}, {text::kNext}};
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    const float room = screen.x - 2 * m.marginPx;
    float need[kStepSlots];
    float total = 0, gap = m.gapPx;
    const float minGap = std::min(m.gapPx, std::ceil(m.pxPerMm * 3.2f));
    // Two lines a label if one row allows (the gaps down to just over the 3 mm older fingers need if it
    // must), else three (large text on a small screen), before a second row takes height from the picture.
    const struct {
        int lines;
        float gap;
    } tries[] = {{2, m.gapPx}, {2, minGap}, {3, m.gapPx}, {3, minGap}};
    // A tall (portrait) screen has the height for a second row sooner than words in three lines.
    const bool portrait = screen.y > screen.x;
    for (const auto& attempt : tries) {
        if (portrait && attempt.lines > 2) {
            total = room + 1;
            break;
        }
        gap = attempt.gap;
        total = gap * (kStepSlots - 1);
        for (int i = 0; i < kStepSlots; ++i) {
            need[i] = m.targetPx;
            for (const char* label : kLabels[i])
                need[i] = std::max(need[i], narrowestBoxFor(bold, label, attempt.lines) + 2 * pad);
            total += need[i];
        }
        if (total <= room) break;
    }
    StepButtons b;
    b.rows = total <= room ? 1 : 2;
    b.top = screen.y - m.marginPx - static_cast<float>(b.rows) * m.targetPx -
            static_cast<float>(b.rows - 1) * m.gapPx;
    if (b.rows == 1) {
        // Each slot as wide as its words need, the room left shared out evenly.
        const float extra = (room - total) / kStepSlots;
        float x = m.marginPx;
        for (int i = 0; i < kStepSlots; ++i) {
            b.min[i] = ImVec2(x, b.top);
            b.max[i] = ImVec2(x + need[i] + extra, b.top + m.targetPx);
            x = b.max[i].x + gap;
        }
        return b;
    }
    const int perRow = kStepSlots / 2;
    const float w = (room - (perRow - 1) * m.gapPx) / perRow;
    for (int i = 0; i < kStepSlots; ++i) {
        const float x = m.marginPx + static_cast<float>(i % perRow) * (w + m.gapPx);
        const float y = b.top + static_cast<float>(i / perRow) * (m.targetPx + m.gapPx);
        b.min[i] = ImVec2(x, y);
        b.max[i] = ImVec2(x + w, y + m.targetPx);
    }
    return b;
}

StepLayout layoutStep(const Metrics& m, const FontSet& fonts, ImVec2 screen, float pictureAspect) {
    StepLayout l;
    l.headerBottom = m.marginPx + fonts.bodyBold->FontSize * 1.2f + m.gapPx;
    const StepButtons buttons = layoutStepButtons(m, fonts.bodyBold, screen);
    l.navTop = buttons.top;
    // A second row of buttons (large text on a narrow screen) takes its height from the picture, not
    // from the words.
    const float secondRow = (screen.y - m.marginPx - m.targetPx) - l.navTop;
    float bezel = m.pxPerMm * 2.5f;
    // Under the phone: "Màn hình cập nhật tháng MM/YYYY" (compared with the real app) or "Hình minh họa …".
    float caption = fonts.body->FontSize;
    float areaTop = l.headerBottom, areaBottom = l.navTop - m.gapPx;
    float left = std::max(m.marginPx, m.cornerPx);
    bool landscape = screen.x >= screen.y;
    if (landscape) {
        float pictureH = areaBottom - caption - areaTop - 2 * bezel;
        float pictureW = pictureH * pictureAspect;
        l.frameMin = ImVec2(left, areaTop);
        l.frameMax = ImVec2(left + pictureW + 2 * bezel, areaBottom - caption);
        l.textMin = ImVec2(l.frameMax.x + m.gapPx * 2, areaTop);
        l.textMax = ImVec2(screen.x - m.marginPx, areaBottom);
    } else {
        float frameH = (areaBottom + secondRow - areaTop) * 0.55f - secondRow;
        float pictureW = (frameH - 2 * bezel) * pictureAspect;
        float frameW = pictureW + 2 * bezel;
        l.frameMin = ImVec2((screen.x - frameW) / 2, areaTop);
        l.frameMax = ImVec2(l.frameMin.x + frameW, areaTop + frameH);
        l.textMin = ImVec2(m.marginPx, l.frameMax.y + caption + m.gapPx);
        l.textMax = ImVec2(screen.x - m.marginPx, areaBottom);
    }
    l.pictureMin = ImVec2(l.frameMin.x + bezel, l.frameMin.y + bezel);
    l.pictureMax = ImVec2(l.frameMax.x - bezel, l.frameMax.y - bezel);
    return l;
}

float stepQrSize(const Metrics& m, float columnWidth) {
    return std::min(columnWidth * 0.5f, m.targetPx * 1.8f);
}

StepTextBlock measureStepText(const Metrics& m, const FontSet& fonts, float width, const content::Step& step,
                              bool practice) {
    StepTextBlock b;
    float pad = m.pxPerMm * 2; // inside the tip and warning boxes
    b.title = wrappedTextHeight(fonts.bodyBold, width, step.title);
    b.text = wrappedTextHeight(fonts.body, width, step.text);
    if (practice && step.hotspot) {
        // The prompt and the cheer take turns in the same place: make room for the taller.
        b.practice = std::max(wrappedTextHeight(fonts.bodyBold, width - 2 * pad, step.prompt),
                              wrappedTextHeight(fonts.bodyBold, width - 2 * pad, text::kPracticeRight)) +
                     2 * pad;
    }
    // In practice mode the prompt takes the tip's place: the words stay short enough to read.
    bool showTip = !step.tip.empty() && !(practice && step.hotspot);
    if (showTip)
        b.tip = wrappedTextHeight(fonts.body, width - 2 * pad, std::string(text::kTipPrefix) + step.tip) +
                2 * pad;
    if (!step.warning.empty()) {
        b.warning =
            wrappedTextHeight(fonts.body, width - 2 * pad, std::string(text::kWarningPrefix) + step.warning) +
            2 * pad;
    }
    if (!step.link.empty()) {
        b.qr =
            layoutQrCaption(m, fonts.body, ImVec2(0, 0), stepQrSize(m, width), width, text::kQrHowTo).height;
    }
    return b;
}

content::TextFitCheck makeTextFitCheck(int width, int height, double diagonalInches, int textLevel) {
    // Its own font atlas, so the check needs no window and no ImGui context.
    auto atlas = std::make_shared<ImFontAtlas>();
    Metrics metrics = computeMetrics(width, height, diagonalInches, textLevel);
    FontSet fonts = addFonts(*atlas, metrics);
    ImVec2 screen(static_cast<float>(width), static_cast<float>(height));
    return [atlas, metrics, fonts, screen,
            textLevel](const content::Guide&, const content::Step& step) -> std::optional<std::string> {
        float aspect = step.imageHeight > 0
                           ? static_cast<float>(step.imageWidth) / static_cast<float>(step.imageHeight)
                           : 540.0f / 1110.0f;
        StepLayout layout = layoutStep(metrics, fonts, screen, aspect);
        float columnW = layout.textMax.x - layout.textMin.x;
        float columnH = layout.textMax.y - layout.textMin.y;
        float needed = std::max(measureStepText(metrics, fonts, columnW, step, true).total(metrics.gapPx),
                                measureStepText(metrics, fonts, columnW, step, false).total(metrics.gapPx));
        if (needed <= columnH) return std::nullopt;
        return fmt::format("the step's words do not fit a {}x{} screen at text size {} (need {:.0f} px, have "
                           "{:.0f} px): shorten the text, tip or warning",
                           static_cast<int>(screen.x), static_cast<int>(screen.y), textLevel + 1, needed,
                           columnH);
    };
}

} // namespace ui
