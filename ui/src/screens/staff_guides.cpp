// Comparing the guides with the real apps: the guides due a comparison (never compared, or over six
// months ago), one step at a time as residents see it, and "Màn hình này đã khác" when the phone differs.
#include "staff_widgets.hpp"
#include "ui/keypads.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include "platform/picture_cache.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ui::staff {

namespace {
namespace si = kiosk::staff_intent;

const content::Guide* checkedGuide(const ScreenContext& ctx) {
    const std::string& id = deskState(ctx).checkGuide;
    return id.empty() ? nullptr : ctx.app.library().find(id);
}

// The step's picture at its own proportions inside the box, on whole pixels; white while it loads.
void drawPicture(const ScreenContext& ctx, const std::filesystem::path& file, ImVec2 boxMin, ImVec2 boxMax) {
    const platform::Picture& picture = ctx.pictures.get(file);
    const float w = picture.loaded() ? static_cast<float>(picture.width) : 540.0f;
    const float h = picture.loaded() ? static_cast<float>(picture.height) : 1110.0f;
    const float scale = std::min((boxMax.x - boxMin.x) / w, (boxMax.y - boxMin.y) / h);
    const ImVec2 min(std::round(boxMin.x), std::round(boxMin.y));
    const ImVec2 max(std::round(boxMin.x + w * scale), std::round(boxMin.y + h * scale));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (SDL_Texture* texture =
            ctx.pictures.texture(file, static_cast<int>(max.x - min.x), static_cast<int>(max.y - min.y)))
        draw->AddImage(reinterpret_cast<ImTextureID>(texture), min, max);
    else
        draw->AddRectFilled(min, max, IM_COL32(255, 255, 255, 255));
}
} // namespace

void drawGuideChecks(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    float y = drawHeader(ctx, staff_text::kGuideChecksTitle, staff_text::kGuideChecksHint);
    y = drawMessage(ctx, y);
    const float barTop = drawStaffNav(ctx, intents);
    if (s.guideChecks.empty()) {
        drawText(ctx, y, staff_text::kGuideChecksEmpty);
        return;
    }
    // The title on the button, the reason under it: one big target per guide.
    std::vector<Choice> choices;
    for (const kiosk::GuideToCheck& g : s.guideChecks)
        choices.push_back({"staff.check." + g.guideId, g.title, g.reason, act(si::OpenGuideCheck{g.guideId}),
                           palette.plainButton});
    // One column, each row tall enough for the title over its reason (the button's title font).
    const float rowH =
        ctx.theme.title()->FontSize * 1.25f + ctx.theme.body()->FontSize * 1.25f + m.pxPerMm * 6.5f;
    drawChoices(ctx, y, barTop - m.gapPx, choices, screen.x - 2 * m.marginPx - m.cornerPx, rowH, intents);
}

void drawCheckStep(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const content::Guide* guide = checkedGuide(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    if (!guide || guide->steps.empty()) { // the content changed under the page
        drawHeader(ctx, staff_text::kGuideChecksTitle);
        drawStaffNav(ctx, intents);
        return;
    }
    const int count = static_cast<int>(guide->steps.size());
    const int index = std::clamp(s.checkStep, 0, count - 1);
    const content::Step& step = guide->steps[static_cast<std::size_t>(index)];
    const std::string title =
        fmt::format(fmt::runtime(staff_text::kCheckStepTitle), guide->title, index + 1, count);
    float y = drawHeader(ctx, title.c_str());
    y = drawMessage(ctx, y);
    const float barTop =
        drawStaffNav(ctx, intents, "staff.flag", staff_text::kScreenDiffers, act(si::StartFlag{}));
    // Previous and next just above the bar; the picture on the left, the step's words beside it.
    std::vector<RowButton> moves;
    moves.push_back({"staff.check.previous", staff_text::kPreviousStep, act(si::ShowCheckStep{index - 1}),
                     palette.plainButton});
    moves.push_back(
        {"staff.check.next", staff_text::kNextStep, act(si::ShowCheckStep{index + 1}), palette.plainButton});
    const float movesTop = barTop - m.gapPx - buttonRowHeight(ctx, moves);
    drawButtonRow(ctx, movesTop, moves, intents);
    const float left = std::max(m.marginPx, m.cornerPx);
    const float pictureBottom = movesTop - m.gapPx;
    const float pictureW = std::min((screen.x - left - m.marginPx) * 0.4f, (pictureBottom - y) * 0.5f);
    drawPicture(ctx, ctx.contentRoot / "images" / step.image, ImVec2(left, y),
                ImVec2(left + pictureW, pictureBottom));
    const float textX = left + pictureW + m.gapPx;
    const float textW = screen.x - m.marginPx - textX;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(palette.page.text);
    draw->PushClipRect(ImVec2(textX, y), ImVec2(textX + textW, pictureBottom), true);
    ImFont* bold = ctx.theme.bodyBold();
    ImFont* body = ctx.theme.body();
    draw->AddText(bold, bold->FontSize, ImVec2(textX, y), ink, step.title.c_str(), nullptr, textW);
    const float textTop = y + wrappedTextHeight(bold, textW, step.title) + m.gapPx / 2;
    draw->AddText(body, body->FontSize, ImVec2(textX, textTop), ink, step.text.c_str(), nullptr, textW);
    draw->PopClipRect();
}

void drawFlag(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const std::string title = fmt::format(fmt::runtime(staff_text::kFlagTitle), s.checkStep + 1);
    float y = drawHeader(ctx, title.c_str(), staff_text::kFlagHint);
    y = drawMessage(ctx, y);
    const float barTop =
        drawStaffNav(ctx, intents, "staff.flag.save", staff_text::kSave, act(si::SaveFlag{}));
    // What differs: four big chips in one row (two rows when narrow).
    const float left = std::max(m.marginPx, m.cornerPx);
    const bool narrow = screen.x < screen.y;
    const int perRow = narrow ? 2 : 4;
    const float chipW = (screen.x - m.marginPx - left - static_cast<float>(perRow - 1) * m.gapPx) /
                        static_cast<float>(perRow);
    for (int i = 0; i < static_cast<int>(kiosk::kFlagKinds.size()); ++i) {
        const float cx = left + static_cast<float>(i % perRow) * (chipW + m.gapPx);
        const float cy = y + static_cast<float>(i / perRow) * (m.targetPx + m.gapPx);
        ImGui::SetCursorScreenPos(ImVec2(cx, cy));
        const std::string label(kiosk::kFlagKinds[static_cast<std::size_t>(i)].label);
        if (bigButton(ctx.targets, ctx.theme, fmt::format("staff.flag.kind.{}", i), {label.c_str()},
                      ImVec2(chipW, m.targetPx),
                      s.flagKind && *s.flagKind == i ? palette.primaryButton : palette.plainButton)) {
            intents.push_back(act(si::ChooseFlagKind{i}));
        }
    }
    y += static_cast<float>((static_cast<int>(kiosk::kFlagKinds.size()) + perRow - 1) / perRow) *
             (m.targetPx + m.gapPx) +
         m.gapPx / 2;
    const std::string note = s.flagNote.text().empty()
                                 ? std::string(staff_text::kFlagNoNote)
                                 : fmt::format(fmt::runtime(staff_text::kFlagNote), s.flagNote.text());
    y = drawText(ctx, y, note) + m.gapPx / 2;
    if (y + m.targetPx <= barTop - m.gapPx) {
        ImGui::SetCursorScreenPos(ImVec2(left, y));
        ImFont* bold = ctx.theme.bodyBold();
        const float w =
            bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, staff_text::kAddNote).x + m.pxPerMm * 10;
        if (bigButton(ctx.targets, ctx.theme, "staff.flag.note", {staff_text::kAddNote},
                      ImVec2(std::max(w, chipW), m.targetPx), palette.plainButton))
            intents.push_back(act(si::StartFlagNote{}));
    }
}

void drawFlagNote(const ScreenContext& ctx, Intents& intents) {
    const kiosk::StaffDeskState& s = deskState(ctx);
    drawTypingPage(ctx, intents, staff_text::kFlagNoteTitle, s.flagNote.text(), staff_text::kFlagNoteHint,
                   vietnameseKeys(text::kContinue, true), kLetterColumns, false);
}

} // namespace ui::staff
