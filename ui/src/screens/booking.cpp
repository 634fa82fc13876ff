// Booking help. Until bookings exist it explains what is coming and where to find a person now.
#include "content/topics.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

namespace ui {

Intents drawBooking(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("booking", ctx.theme)) {
        endPage();
        return intents;
    }
    const content::Topic* topic = content::findTopic(ctx.app.state().topicId);
    float top = drawHeader(ctx, text::kBookHelp, topic ? std::string(topic->title).c_str() : nullptr);
    const Metrics& m = ctx.theme.metrics();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImGui::GetWindowDrawList()->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(m.cornerPx, top),
                                        toImColor(ctx.theme.palette().page.text), text::kBookingComingSoon,
                                        nullptr, screen.x - m.cornerPx - m.marginPx);
    drawNavBar(ctx, intents, false);
    endPage();
    return intents;
}

}  // namespace ui
