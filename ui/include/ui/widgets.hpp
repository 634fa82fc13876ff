// Big, finger-sized widgets. Each touch target is recorded by name, so scenarios can tap it and
// tests can measure it.
#pragma once

#include "ui/theme.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace ui {

struct TouchTarget {
    std::string id;
    ImVec2 min, max;
};

// Where a widget's text landed, so layout tests can check that it fits the room it was given.
struct DrawnText {
    std::string owner;      // the touch target the text belongs to
    ImVec2 min, max;        // the bounds of its lines
    ImVec2 boxMin, boxMax;  // the room the widget gave it
    bool brokeWord = false; // a word was too wide for the box and was split across lines
};

// The touch targets drawn in the current frame.
class TargetRegistry {
  public:
    void clear() {
        m_targets.clear();
        m_markers.clear();
        m_texts.clear();
    }
    void add(std::string id, ImVec2 min, ImVec2 max) { m_targets.push_back({std::move(id), min, max}); }
    // A named place inside a target (e.g. the right spot on a step picture): scenarios can tap it,
    // but it is not a separate target for the size and spacing checks.
    void addMarker(std::string id, ImVec2 min, ImVec2 max) { m_markers.push_back({std::move(id), min, max}); }
    [[nodiscard]] const TouchTarget* find(std::string_view id) const;
    [[nodiscard]] const std::vector<TouchTarget>& all() const { return m_targets; }
    void addText(DrawnText text) { m_texts.push_back(std::move(text)); }
    [[nodiscard]] const std::vector<DrawnText>& texts() const { return m_texts; }

  private:
    std::vector<TouchTarget> m_targets;
    std::vector<TouchTarget> m_markers;
    std::vector<DrawnText> m_texts;
};

struct TextBounds {
    ImVec2 min, max;        // of the lines drawn (min.x > max.x when there was no text)
    bool brokeWord = false; // a word wider than the box was split across lines
};
// Draws text wrapped to the box's width, each line centred, the block centred vertically.
TextBounds drawCentredText(ImDrawList* draw, ImFont* font, ImVec2 min, ImVec2 max, std::string_view text,
                           ImU32 colour);
// Text split into lines no wider than width, at word boundaries (ImGui's own wrapping rules); brokeWord
// is set when a word too wide for a line had to be split.
[[nodiscard]] std::vector<std::string_view> wrapLines(ImFont* font, float width, std::string_view text,
                                                      bool* brokeWord = nullptr);
// Height of text wrapped to a width.
[[nodiscard]] float wrappedTextHeight(ImFont* font, float width, std::string_view text);
// The narrowest box in which text wraps to at most maxLines lines without splitting a word (to 1 px).
[[nodiscard]] float narrowestBoxFor(ImFont* font, std::string_view text, int maxLines);

struct ButtonText {
    std::string_view title;
    std::string_view subtitle = {}; // optional second, smaller line
    bool large = false;             // the title in the title font: single letters and digits on keys
};

// A large button at the current cursor position. Returns true when tapped (press and release on it).
bool bigButton(TargetRegistry& targets, const Theme& theme, const std::string& id, ButtonText text,
               ImVec2 size, ColourPair colours);

// A full-screen window for one screen: no title bar, no scrolling, the page colour.
bool beginPage(const char* name, const Theme& theme);
void endPage();

} // namespace ui
