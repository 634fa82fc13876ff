// A topic's page. Until the guide player exists it says the guides are coming, and offers help.
#include "content/topics.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <string>

namespace ui {

Intents drawTopic(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("topic", ctx.theme)) {
        endPage();
        return intents;
    }
    const content::Topic* topic = content::findTopic(ctx.app.state().topicId);
    std::string title = topic ? std::string(topic->title) : ctx.app.state().topicId;
    std::string subtitle = topic ? std::string(topic->subtitle) : "";
    float top = drawHeader(ctx, title.c_str(), subtitle.c_str());
    const Metrics& m = ctx.theme.metrics();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    float bottom = screen.y - navBarHeight(ctx.theme) - m.gapPx;
    ImGui::GetWindowDrawList()->AddText(ctx.theme.body(), ctx.theme.body()->FontSize, ImVec2(m.cornerPx, top),
                                        toImColor(ctx.theme.palette().page.text), text::kGuidesComingSoon, nullptr,
                                        screen.x - m.cornerPx - m.marginPx);
    (void)bottom;
    drawNavBar(ctx, intents, true);
    endPage();
    return intents;
}

}  // namespace ui
