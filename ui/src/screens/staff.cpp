// Staff mode: what this kiosk is, what went wrong (config, database), and leave or restart.
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

namespace ui {

namespace {
// Lines of facts about this kiosk, for the team member who looks after it.
std::vector<std::string> kioskFacts(const kiosk::Config& c) {
    return {
        fmt::format("Máy: {} · {} {}", c.kioskId, c.village, c.commune),
        fmt::format("Phiên bản {} · dữ liệu tại {}", KIOSK_VERSION, c.dataDir.string()),
        fmt::format("Giờ mở cửa thứ Hai: {}", kiosk::formatIntervals(c.openingHours[0])),
    };
}
}  // namespace

Intents drawStaff(const ScreenContext& ctx) {
    Intents intents;
    if (!beginPage("staff", ctx.theme)) {
        endPage();
        return intents;
    }
    const kiosk::State& state = ctx.app.state();
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    std::string who = state.staff ? state.staff->name : "";
    float y = drawHeader(ctx, text::kStaffTitle, who.c_str());
    float x = std::max(m.marginPx, m.cornerPx);
    float width = screen.x - x - m.marginPx;
    float buttonsTop = screen.y - m.marginPx - m.targetPx;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* font = ctx.theme.body();

    auto line = [&](const std::string& s, ImU32 colour) {
        float h = wrappedTextHeight(font, width, s);
        if (y + h > buttonsTop - m.gapPx) return false;  // a page, never a scroll
        draw->AddText(font, font->FontSize, ImVec2(x, y), colour, s.c_str(), nullptr, width);
        y += h;
        return true;
    };
    ImU32 ink = toImColor(palette.page.text);
    for (const std::string& fact : kioskFacts(ctx.app.config())) line(fact, ink);
    y += m.gapPx;
    const std::vector<std::string>& notices = ctx.app.notices();
    if (notices.empty()) {
        line(text::kStaffNoProblems, ink);
    } else {
        line(text::kStaffProblems, ink);
        size_t shown = 0;
        for (; shown < notices.size(); ++shown) {
            // Keep room for the "and N more" line.
            if (y + 2 * font->FontSize > buttonsTop - m.gapPx || !line("• " + notices[shown], ink)) break;
        }
        if (shown < notices.size()) {
            line(fmt::format(fmt::runtime(text::kStaffMoreProblems), notices.size() - shown), ink);
        }
    }

    drawButtonRow(ctx, buttonsTop,
                  {{"staff.home", text::kHome, kiosk::intent::GoHome{}, palette.primaryButton},
                   {"staff.restart", text::kStaffRestart, kiosk::intent::RestartProgram{}, palette.plainButton},
                   {"staff.quit", text::kStaffQuit, kiosk::intent::QuitProgram{}, palette.plainButton}},
                  intents);
    endPage();
    return intents;
}

}  // namespace ui
