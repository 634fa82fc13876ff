// "Bác còn dùng không?": shown over any screen when nobody has touched it for a while.
#include "ui/screens.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <chrono>

namespace ui {

Intents drawIdleCountdown(const ScreenContext& ctx) {
    Intents intents;
    const Metrics& m = ctx.theme.metrics();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::SetNextWindowFocus();
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 150));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("idle-countdown", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    auto left = std::chrono::ceil<std::chrono::seconds>(*ctx.app.state().countdownEndsAt - ctx.now);
    std::string body = fmt::format(fmt::runtime(text::kStillHereBody), std::max<long>(0, left.count()));
    float cardW = std::min(viewport->Size.x - 2 * m.marginPx, m.bodyFontPx * 22);
    float innerW = cardW - 2 * m.marginPx;
    float titleH = wrappedTextHeight(ctx.theme.title(), innerW, text::kStillHereTitle);
    float bodyH = wrappedTextHeight(ctx.theme.body(), innerW, body);
    float buttonH = m.targetPx * 1.2f;
    float cardH = m.marginPx * 2 + titleH + m.gapPx + bodyH + m.gapPx * 2 + buttonH;
    ImVec2 min((viewport->Size.x - cardW) / 2, (viewport->Size.y - cardH) / 2);
    ImVec2 max(min.x + cardW, min.y + cardH);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ColourPair& card = ctx.theme.palette().overlay;
    fillRoundedRect(draw, min, max, toImColor(card.background), m.pxPerMm * 3);
    float y = min.y + m.marginPx;
    drawCentredText(draw, ctx.theme.title(), ImVec2(min.x + m.marginPx, y),
                    ImVec2(max.x - m.marginPx, y + titleH), text::kStillHereTitle, toImColor(card.text));
    y += titleH + m.gapPx;
    drawCentredText(draw, ctx.theme.body(), ImVec2(min.x + m.marginPx, y),
                    ImVec2(max.x - m.marginPx, y + bodyH), body, toImColor(card.text));
    y += bodyH + m.gapPx * 2;
    float buttonW = std::min(innerW, m.targetPx * 3);
    ImGui::SetCursorScreenPos(ImVec2(min.x + (cardW - buttonW) / 2, y));
    if (bigButton(ctx.targets, ctx.theme, "idle.still_here", {text::kStillHereButton},
                  ImVec2(buttonW, buttonH), ctx.theme.palette().primaryButton)) {
        intents.push_back(kiosk::intent::StillHere{});
    }
    // Any tap on the dimmed screen also counts as "still here" (submitted last: the button wins).
    ImGui::SetCursorScreenPos(viewport->Pos);
    if (ImGui::InvisibleButton("idle.anywhere", viewport->Size))
        intents.push_back(kiosk::intent::StillHere{});
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    return intents;
}

} // namespace ui
