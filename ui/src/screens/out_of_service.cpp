#include "ui/out_of_service.hpp"

#include "platform/service_notify.hpp"
#include "platform/touch_input.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ui {

namespace {
void drawPage(const Theme& theme, const std::string& reason) {
    const Metrics& m = theme.metrics();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    beginPage("out-of-service", theme);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ColourPair& page = theme.palette().page;
    const float width = viewport->Size.x - 2 * m.marginPx;
    const float titleH = wrappedTextHeight(theme.title(), width, text::kOutOfServiceTitle);
    const float bodyH = wrappedTextHeight(theme.body(), width, text::kOutOfServiceBody);
    float y = (viewport->Size.y - titleH - m.gapPx - bodyH) / 2;
    const float left = viewport->Pos.x + m.marginPx, right = left + width;
    drawCentredText(draw, theme.title(), ImVec2(left, y), ImVec2(right, y + titleH), text::kOutOfServiceTitle,
                    toImColor(page.text));
    y += titleH + m.gapPx;
    drawCentredText(draw, theme.body(), ImVec2(left, y), ImVec2(right, y + bodyH), text::kOutOfServiceBody,
                    toImColor(page.text));
    if (!reason.empty()) {
        const std::string note = fmt::format(fmt::runtime(text::kOutOfServiceReason), reason);
        const float noteH = wrappedTextHeight(theme.body(), width, note);
        const float bottom = viewport->Size.y - m.marginPx;
        drawCentredText(draw, theme.body(), ImVec2(left, bottom - noteH), ImVec2(right, bottom), note,
                        toImColor(page.text, 0.8f));
    }
    endPage();
}
} // namespace

void showOutOfService(platform::Window& window, const platform::ShutdownSignals& signals,
                      const OutOfServiceOptions& options) {
    Theme theme(options.diagonalInches);
    // The largest text size: one short message, and whoever reads it may have come to the kiosk for help.
    if (theme.update(window.width(), window.height(), 2)) window.reloadFontTexture();
    const Rgb background = theme.palette().page.background;
    window.setClearColour(background.r, background.g, background.b);
    platform::TouchInput input; // nothing on the page reacts to touch
    const auto until = std::chrono::steady_clock::now() + options.showFor;
    // Two frames: ImGui settles its layout on the first.
    for (int frame = 0; frame < 2; ++frame) {
        window.beginFrame(input);
        drawPage(theme, options.reason);
        std::string error;
        const bool last = frame == 1;
        if (!window.endFrame(last ? options.screenshot : std::filesystem::path{}, &error)) {
            fmt::print(stderr, "kiosk: screenshot failed: {}\n", error);
        }
    }
    if (!options.screenshot.empty()) return;
    // Not READY: systemd counts the kiosk as failing to start, and restarts it after the page's time.
    // But when the frame loop had already said READY (it threw later), its watchdog still runs: ping it.
    platform::ServiceNotifier service;
    while (std::chrono::steady_clock::now() < until) {
        service.alive(std::chrono::steady_clock::now());
        int timeout = 1000;
        if (auto ping = service.untilNextPing(std::chrono::steady_clock::now()))
            timeout = std::min(timeout, static_cast<int>(ping->count()));
        SDL_Event event;
        if (!SDL_WaitEventTimeout(&event, timeout)) continue;
        if (event.type == signals.eventType()) return;
        if (event.type == SDL_WINDOWEVENT) { // exposed again: draw the page again
            window.beginFrame(input);
            drawPage(theme, options.reason);
            window.endFrame();
        }
    }
}

} // namespace ui
