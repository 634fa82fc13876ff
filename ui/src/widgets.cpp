#include "ui/widgets.hpp"

#include "ui/shapes.hpp"

#include <algorithm>
#include <cfloat>
#include <string>

namespace ui {

const TouchTarget* TargetRegistry::find(std::string_view id) const {
    for (const auto* list : {&m_targets, &m_markers}) {
        auto it = std::ranges::find(*list, id, &TouchTarget::id);
        if (it != list->end()) return &*it;
    }
    return nullptr;
}

namespace {
// Splits text into lines no wider than width, at word boundaries (ImGui's own wrapping rules).
// ImGui wraps at blanks and after these; a break anywhere else splits a word too wide for the line.
bool endsWord(char c) {
    return c == ' ' || c == '\n' || c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == '"';
}

} // namespace

std::vector<std::string_view> wrapLines(ImFont* font, float width, std::string_view text, bool* brokeWord) {
    std::vector<std::string_view> lines;
    const char* cursor = text.data();
    const char* end = text.data() + text.size();
    while (cursor < end) {
        const char* lineEnd = font->CalcWordWrapPositionA(1.0f, cursor, end, width);
        if (lineEnd == cursor) lineEnd = cursor + 1; // a single glyph wider than the box
        const char* newline = std::find(cursor, lineEnd, '\n');
        if (newline != lineEnd) lineEnd = newline;
        if (brokeWord && lineEnd < end && !endsWord(*lineEnd) && !endsWord(lineEnd[-1])) *brokeWord = true;
        std::string_view line(cursor, static_cast<size_t>(lineEnd - cursor));
        while (!line.empty() && line.back() == ' ')
            line.remove_suffix(1);
        lines.push_back(line);
        cursor = lineEnd;
        while (cursor < end && (*cursor == ' ' || *cursor == '\n'))
            ++cursor;
    }
    return lines;
}

float wrappedTextHeight(ImFont* font, float width, std::string_view text) {
    return static_cast<float>(wrapLines(font, width, text).size()) * font->FontSize;
}

float narrowestBoxFor(ImFont* font, std::string_view text, int maxLines) {
    const std::string whole(text);
    float high = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, whole.c_str()).x + 1, low = 0;
    // Fewer lines and no split word as the box widens: halve the range down to a pixel.
    while (high - low > 1) {
        const float mid = (low + high) / 2;
        bool broke = false;
        const auto lines = wrapLines(font, mid, text, &broke);
        (broke || static_cast<int>(lines.size()) > maxLines ? low : high) = mid;
    }
    return high;
}

TextBounds drawCentredText(ImDrawList* draw, ImFont* font, ImVec2 min, ImVec2 max, std::string_view text,
                           ImU32 colour) {
    float width = max.x - min.x;
    TextBounds bounds;
    std::vector<std::string_view> lines = wrapLines(font, width, text, &bounds.brokeWord);
    float y = min.y + std::max(0.0f, (max.y - min.y - static_cast<float>(lines.size()) * font->FontSize) / 2);
    bounds.min = ImVec2(max.x, y);
    bounds.max = ImVec2(min.x, y);
    for (std::string_view line : lines) {
        ImVec2 size =
            font->CalcTextSizeA(font->FontSize, width, 0.0f, line.data(), line.data() + line.size());
        float x = min.x + (width - size.x) / 2;
        draw->AddText(font, font->FontSize, ImVec2(x, y), colour, line.data(), line.data() + line.size());
        bounds.min.x = std::min(bounds.min.x, x);
        bounds.max.x = std::max(bounds.max.x, x + size.x);
        y += font->FontSize;
    }
    bounds.max.y = y;
    return bounds;
}

bool bigButton(TargetRegistry& targets, const Theme& theme, const std::string& id, ButtonText text,
               ImVec2 size, ColourPair colours) {
    const Metrics& m = theme.metrics();
    size.x = std::max(size.x, m.targetPx);
    size.y = std::max(size.y, m.targetPx);
    ImVec2 min = ImGui::GetCursorScreenPos();
    ImVec2 max(min.x + size.x, min.y + size.y);
    bool tapped = ImGui::InvisibleButton(id.c_str(), size);
    bool pressed = ImGui::IsItemActive();
    targets.add(id, min, max);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    float rounding = m.pxPerMm * 2;
    Rgb fill = pressed ? pressedShade(colours.background) : colours.background;
    fillRoundedRect(draw, min, max, toImColor(fill), rounding);
    float border = std::max(2.0f, m.pxPerMm * 0.5f);
    if (pressed) {
        // Visible feedback while the finger is down: a thick amber ring.
        strokeRoundedRect(draw, min, max, toImColor(theme.palette().pressedOutline), rounding, border * 3);
    } else {
        strokeRoundedRect(draw, min, max, toImColor(theme.palette().border), rounding, border);
    }

    float pad = m.pxPerMm * 2.5f;
    ImVec2 textMin(min.x + pad, min.y + pad), textMax(max.x - pad, max.y - pad);
    ImU32 textColour = toImColor(colours.text);
    auto record = [&](const TextBounds& drawn) {
        targets.addText({id, drawn.min, drawn.max, textMin, textMax, drawn.brokeWord});
    };
    // A tile too small for its title and subtitle (large text on a small screen) drops the subtitle, then
    // shows its title in bold body text: fewer words, never smaller than body text.
    const float width = textMax.x - textMin.x, height = textMax.y - textMin.y;
    const float titleOnlyH = wrappedTextHeight(theme.title(), width, text.title);
    const bool withSubtitle =
        !text.subtitle.empty() &&
        titleOnlyH + wrappedTextHeight(theme.body(), width, text.subtitle) + pad / 2 <= height;
    const bool titleFont = text.large || (!text.subtitle.empty() && titleOnlyH <= height);
    if (!withSubtitle) {
        record(drawCentredText(draw, titleFont ? theme.title() : theme.bodyBold(), textMin, textMax,
                               text.title, textColour));
    } else {
        // Title over subtitle, the pair centred together.
        float titleH = titleOnlyH;
        float subH = wrappedTextHeight(theme.body(), width, text.subtitle);
        float top = textMin.y + std::max(0.0f, (textMax.y - textMin.y - titleH - subH - pad / 2) / 2);
        record(drawCentredText(draw, theme.title(), ImVec2(textMin.x, top), ImVec2(textMax.x, top + titleH),
                               text.title, textColour));
        float subTop = top + titleH + pad / 2;
        record(drawCentredText(draw, theme.body(), ImVec2(textMin.x, subTop),
                               ImVec2(textMax.x, subTop + subH), text.subtitle, textColour));
    }
    return tapped;
}

bool beginPage(const char* name, const Theme& theme) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleColor(ImGuiCol_Text, toImColor(theme.palette().page.text));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                             ImGuiWindowFlags_NoBringToFrontOnFocus |
                             ImGuiWindowFlags_NoBackground; // the window is cleared to the page colour
    return ImGui::Begin(name, nullptr, flags);
}

void endPage() {
    ImGui::End();
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
}

} // namespace ui
