// The closed page: outside the opening hours a calm, dark page says when the house opens again and who
// to call. The shell turns the screen off behind it; a touch anywhere wakes the kiosk.
#include "schedule/opening_hours.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

namespace ui {

namespace {
// Dim on purpose (a lit screen in a dark hall at night draws moths and eyes): soft grey on near-black,
// still 9:1 contrast for whoever reads it once the screen wakes.
constexpr ImU32 kBackground = IM_COL32(0x1C, 0x1C, 0x20, 0xFF);
constexpr ImU32 kText = IM_COL32(0xC8, 0xC4, 0xBA, 0xFF);
constexpr ImU32 kQuietText = IM_COL32(0x9A, 0x96, 0x8E, 0xFF);
} // namespace

Intents drawClosed(const ScreenContext& ctx) {
    Intents intents;
    const Metrics& m = ctx.theme.metrics();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    beginPage("closed", ctx.theme);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(viewport->Pos,
                        ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y),
                        kBackground);

    const auto opening = ctx.app.nextOpening(ctx.now);
    const std::string title = opening ? fmt::format(fmt::runtime(text::kClosedOpensAt),
                                                    kiosk::openingTimeText(kiosk::toLocal(ctx.now), *opening))
                                      : std::string(text::kClosedNoOpening);
    const std::string& phone = ctx.app.config().teamPhone;
    const std::string call =
        phone.empty() ? std::string() : fmt::format(fmt::runtime(text::kClosedPhone), phone);

    const float width = viewport->Size.x - 2 * m.marginPx;
    const float left = viewport->Pos.x + m.marginPx, right = left + width;
    const float titleH = wrappedTextHeight(ctx.theme.title(), width, title);
    const float callH = call.empty() ? 0 : wrappedTextHeight(ctx.theme.body(), width, call) + m.gapPx;
    const float touchH = wrappedTextHeight(ctx.theme.body(), width, text::kClosedTouch);
    // Every line is the wake target's own text: the whole page is that one target.
    auto line = [&](ImFont* font, float top, float height, std::string_view words, ImU32 colour) {
        const ImVec2 boxMin(left, top), boxMax(right, top + height);
        const TextBounds drawn = drawCentredText(draw, font, boxMin, boxMax, words, colour);
        ctx.targets.addText({"closed.wake", drawn.min, drawn.max, boxMin, boxMax, drawn.brokeWord});
    };
    float y = viewport->Pos.y + (viewport->Size.y - titleH - m.gapPx * 2 - callH - touchH) / 2;
    line(ctx.theme.title(), y, titleH, title, kText);
    y += titleH + m.gapPx * 2;
    if (!call.empty()) {
        line(ctx.theme.body(), y, callH - m.gapPx, call, kText);
        y += callH;
    }
    line(ctx.theme.body(), y, touchH, text::kClosedTouch, kQuietText);

    // The whole screen is the one target: any touch wakes the kiosk (App::apply swallows the tap).
    ImGui::SetCursorScreenPos(viewport->Pos);
    ctx.targets.add("closed.wake", viewport->Pos,
                    ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y));
    if (ImGui::InvisibleButton("closed.wake", viewport->Size)) intents.push_back(kiosk::intent::StillHere{});
    endPage();
    return intents;
}

} // namespace ui
