// Sizes derived from the physical screen (millimetres, not pixels) and the fonts baked at those sizes.
#pragma once

#include "ui/palette.hpp"

#include <imgui.h>

#include <string>

namespace ui {

// Text sizes are em sizes, as "32 px text" means in CSS and print; ImGui's font size (what layouts
// read as ImGui::GetFontSize()) is the line height, ascender to descender, which is larger.
struct Metrics {
    float pxPerMm = 0;
    float bodyPx = 0;      // body text, em
    float titlePx = 0;     // screen titles and tile names, em
    float bodyFontPx = 0;  // the size ImGui is asked for to get bodyPx (its line height)
    float titleFontPx = 0; // the same for titlePx
    float targetPx = 0;    // the smallest touch target's side
    float gapPx = 0;       // the space between touch targets
    float marginPx = 0;    // page margin
    float cornerPx = 0;    // the hidden staff-entry corner's side
};

// Sizes for a screen of widthPx x heightPx pixels with the given diagonal, at a text size level.
[[nodiscard]] Metrics computeMetrics(int widthPx, int heightPx, double diagonalInches, int textSizeLevel);

// How many times its em a font's line (ascender - descender) is: the factor between the em we promise
// and the size ImGui's FreeType and stb_truetype loaders take. Read from the font file with FreeType;
// Noto Sans: (1069 + 293) / 1000 = 1.362. Falls back to that when the file cannot be read.
[[nodiscard]] float lineHeightPerEm(const char* fontFile);
// The whole-pixel size to request from ImGui so that the em is at least emPx.
[[nodiscard]] float fontRequestPx(float emPx, float linePerEm);

struct FontSet {
    ImFont* body = nullptr;
    ImFont* bodyBold = nullptr;
    ImFont* title = nullptr;
    ImFont* display = nullptr; // booking codes: large, digits and capitals only
};

// Bakes Noto Sans at the metrics' sizes into an atlas (Vietnamese glyphs and punctuation).
// Throws std::runtime_error naming the missing font file (Debian package fonts-noto-core).
FontSet addFonts(ImFontAtlas& atlas, const Metrics& metrics);

class Theme {
  public:
    Theme(double diagonalInches) : m_diagonalInches(diagonalInches) {}

    // Recomputes sizes and rebakes fonts when the screen or text size changed. Returns true if the
    // font atlas was rebuilt (the renderer's font texture must then be reloaded).
    bool update(int widthPx, int heightPx, int textSizeLevel);

    [[nodiscard]] const Metrics& metrics() const { return m_metrics; }
    [[nodiscard]] const Palette& palette() const { return m_palette; }
    [[nodiscard]] ImFont* body() const { return m_body; }
    [[nodiscard]] ImFont* bodyBold() const { return m_bodyBold; }
    [[nodiscard]] ImFont* title() const { return m_title; }
    [[nodiscard]] ImFont* display() const { return m_display; }
    // Empty when the fonts loaded; otherwise why not (the kiosk then uses ImGui's built-in font).
    [[nodiscard]] const std::string& fontError() const { return m_fontError; }

  private:
    void bakeFonts();

    double m_diagonalInches;
    int m_width = 0, m_height = 0, m_level = -1;
    Metrics m_metrics;
    Palette m_palette;
    ImFont* m_body = nullptr;
    ImFont* m_bodyBold = nullptr;
    ImFont* m_title = nullptr;
    ImFont* m_display = nullptr;
    std::string m_fontError;
};

[[nodiscard]] ImU32 toImColor(Rgb c, float alpha = 1.0f);

} // namespace ui
