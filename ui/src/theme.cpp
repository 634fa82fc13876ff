#include "ui/theme.hpp"

#include "platform/display_size.hpp"

#include <imgui_freetype.h>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace ui {

namespace {
// Body text of 5.5 mm em is 32 px on a 10.1" 1280x800 screen; the larger sizes are for weaker eyes.
constexpr float kBodyMm = 5.5f;
// Noto Sans's line per em (hhea ascender 1069, descender -293, 1000 units per em).
constexpr float kNotoLinePerEm = 1.362f;
constexpr float kTextScale[] = {1.0f, 1.25f, 1.5f};
constexpr float kTitleScale = 1.45f;
// A booking code is read aloud from the screen: baked this much larger than titles, not scaled up blurry.
constexpr float kDisplayScale = 2.2f;
// Space to "Z": the booking code alphabet, with its digits and the space that groups it.
constexpr ImWchar kDisplayGlyphs[] = {0x0020, 0x005A, 0};
// Studies of older users favour targets of 16-20 mm with 3 mm or more between them.
constexpr float kTargetMm = 17.0f;
constexpr float kGapMm = 4.0f;
constexpr float kMarginMm = 5.0f;
constexpr float kCornerMm = 12.0f;

const ImWchar* glyphRanges(ImFontAtlas& atlas) {
    // ImGui's Vietnamese ranges lack punctuation such as the en dash: add General Punctuation.
    static ImVector<ImWchar> ranges = [&] {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(atlas.GetGlyphRangesVietnamese());
        // – — ‘ ’ “ ” • … ₫: only the punctuation Vietnamese text uses, since each glyph costs start-up time.
        static const ImWchar extra[] = {0x00A0, 0x00FF, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D,
                                        0x2022, 0x2022, 0x2026, 0x2026, 0x20AB, 0x20AB, 0};
        builder.AddRanges(extra);
        ImVector<ImWchar> built;
        builder.BuildRanges(&built);
        return built;
    }();
    return ranges.Data;
}
} // namespace

float lineHeightPerEm(const char* fontFile) {
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0) return kNotoLinePerEm;
    float ratio = kNotoLinePerEm;
    FT_Face face = nullptr;
    if (FT_New_Face(library, fontFile, 0, &face) == 0) {
        // What FT_SIZE_REQUEST_TYPE_REAL_DIM (ImGui's FreeType builder) scales to the requested size.
        if (face->units_per_EM > 0 && face->ascender > face->descender) {
            ratio =
                static_cast<float>(face->ascender - face->descender) / static_cast<float>(face->units_per_EM);
        }
        FT_Done_Face(face);
    }
    FT_Done_FreeType(library);
    return ratio;
}

float fontRequestPx(float emPx, float linePerEm) {
    // Rounded up: the em may be a little larger than promised, never smaller.
    return std::ceil(emPx * linePerEm - 0.01f);
}

Metrics computeMetrics(int widthPx, int heightPx, double diagonalInches, int textSizeLevel) {
    // Regular and bold Noto Sans share their vertical metrics; read once.
    static const float linePerEm = lineHeightPerEm(KIOSK_FONT_REGULAR);
    Metrics m;
    m.pxPerMm = static_cast<float>(platform::pxPerMm(widthPx, heightPx, diagonalInches));
    int level = std::clamp(textSizeLevel, 0, 2);
    m.bodyPx = std::round(kBodyMm * m.pxPerMm * kTextScale[level]);
    m.titlePx = std::round(m.bodyPx * kTitleScale);
    m.bodyFontPx = fontRequestPx(m.bodyPx, linePerEm);
    m.titleFontPx = fontRequestPx(m.titlePx, linePerEm);
    m.targetPx = std::ceil(kTargetMm * m.pxPerMm);
    m.gapPx = std::ceil(kGapMm * m.pxPerMm);
    m.marginPx = std::ceil(kMarginMm * m.pxPerMm);
    m.cornerPx = std::ceil(kCornerMm * m.pxPerMm);
    return m;
}

bool Theme::update(int widthPx, int heightPx, int textSizeLevel) {
    if (widthPx == m_width && heightPx == m_height && textSizeLevel == m_level) return false;
    m_width = widthPx;
    m_height = heightPx;
    m_level = textSizeLevel;
    Metrics next = computeMetrics(widthPx, heightPx, m_diagonalInches, textSizeLevel);
    bool fontsChanged = next.bodyPx != m_metrics.bodyPx || m_body == nullptr;
    m_metrics = next;
    if (fontsChanged) bakeFonts();
    return fontsChanged;
}

FontSet addFonts(ImFontAtlas& atlas, const Metrics& metrics) {
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    atlas.TexGlyphPadding = 1;
    auto load = [&](const char* file, float size, const ImWchar* ranges) -> ImFont* {
        if (!std::filesystem::exists(file)) {
            throw std::runtime_error(std::string("missing font ") + file +
                                     " (Debian package fonts-noto-core)");
        }
        ImFontConfig config;
        config.OversampleH = 1; // FreeType hinting is crisp without oversampling
        config.OversampleV = 1;
        return atlas.AddFontFromFileTTF(file, size, &config, ranges);
    };
    const ImWchar* text = glyphRanges(atlas);
    FontSet fonts{load(KIOSK_FONT_REGULAR, metrics.bodyFontPx, text),
                  load(KIOSK_FONT_BOLD, metrics.bodyFontPx, text),
                  load(KIOSK_FONT_BOLD, metrics.titleFontPx, text),
                  load(KIOSK_FONT_BOLD, std::round(metrics.titleFontPx * kDisplayScale), kDisplayGlyphs)};
    atlas.Build();
    return fonts;
}

void Theme::bakeFonts() {
    // Only the current text size is baked: an atlas of every size would cost tens of MB of RAM.
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    m_fontError.clear();
    try {
        FontSet fonts = addFonts(*atlas, m_metrics);
        m_body = fonts.body;
        m_bodyBold = fonts.bodyBold;
        m_title = fonts.title;
        m_display = fonts.display;
    } catch (const std::exception& e) {
        // Still serve residents: ImGui's own font lacks Vietnamese marks, but the tiles work.
        m_fontError = e.what();
        atlas->Clear();
        ImFontConfig config;
        config.SizePixels = m_metrics.bodyFontPx;
        m_body = m_bodyBold = m_title = m_display = atlas->AddFontDefault(&config);
        atlas->Build();
    }
}

ImU32 toImColor(Rgb c, float alpha) {
    return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255.0f));
}

} // namespace ui
