// ui::computeMetrics: sizes follow the physical screen, so touch targets are big enough on every kiosk.
#include "ui/staff_strings.hpp"
#include "ui/theme.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <cmath>

namespace {

// Millimetres to pixels the same way the kiosk measures its screen: from the diagonal.
double pxPerMm(int width, int height, double diagonalInches) {
    return std::hypot(width, height) / (diagonalInches * 25.4);
}

void checkTargetsAtLeast16mm(int width, int height, double diagonalInches) {
    CAPTURE(width);
    CAPTURE(height);
    CAPTURE(diagonalInches);
    const double perMm = pxPerMm(width, height, diagonalInches);
    for (int level = 0; level <= 2; ++level) {
        CAPTURE(level);
        const ui::Metrics m = ui::computeMetrics(width, height, diagonalInches, level);
        CHECK(m.pxPerMm == doctest::Approx(perMm).epsilon(1e-4));
        CHECK(m.targetPx >= 16.0 * perMm);
        CHECK(m.gapPx >= 3.0 * perMm);
        CHECK(m.cornerPx > 0);
        CHECK(m.marginPx > 0);
    }
}

} // namespace

TEST_CASE("theme: a 10.1\" 1280x800 screen gets 32 px body text and 16 mm targets") {
    const ui::Metrics m = ui::computeMetrics(1280, 800, 10.1, 0);
    const double perMm = pxPerMm(1280, 800, 10.1);
    CHECK(m.pxPerMm == doctest::Approx(perMm).epsilon(1e-4));
    CHECK(m.bodyPx >= 32.0f);
    CHECK(m.targetPx >= 96.0f);
    CHECK(m.targetPx >= 16.0 * perMm);
    CHECK(m.gapPx >= 3.0 * perMm);
    CHECK(m.titlePx > m.bodyPx);
    // Whole pixels, so fonts are baked at crisp sizes and targets do not blur at the edges.
    CHECK(m.bodyPx == std::round(m.bodyPx));
    CHECK(m.titlePx == std::round(m.titlePx));
    CHECK(m.targetPx == std::round(m.targetPx));
    CHECK(m.gapPx == std::round(m.gapPx));
}

TEST_CASE("theme: each larger text size gives strictly larger text, and the same targets") {
    const ui::Metrics normal = ui::computeMetrics(1280, 800, 10.1, 0);
    const ui::Metrics large = ui::computeMetrics(1280, 800, 10.1, 1);
    const ui::Metrics larger = ui::computeMetrics(1280, 800, 10.1, 2);
    CHECK(large.bodyPx > normal.bodyPx);
    CHECK(larger.bodyPx > large.bodyPx);
    CHECK(large.titlePx > normal.titlePx);
    CHECK(larger.titlePx > large.titlePx);
    // Targets are sized in millimetres for fingers, not for the text.
    CHECK(large.targetPx == normal.targetPx);
    CHECK(larger.targetPx == normal.targetPx);
    CHECK(larger.gapPx == normal.gapPx);
}

TEST_CASE("theme: the text size level clamps to 0..2") {
    const ui::Metrics normal = ui::computeMetrics(1280, 800, 10.1, 0);
    const ui::Metrics larger = ui::computeMetrics(1280, 800, 10.1, 2);
    CHECK(ui::computeMetrics(1280, 800, 10.1, -1).bodyPx == normal.bodyPx);
    CHECK(ui::computeMetrics(1280, 800, 10.1, -100).bodyPx == normal.bodyPx);
    CHECK(ui::computeMetrics(1280, 800, 10.1, 3).bodyPx == larger.bodyPx);
    CHECK(ui::computeMetrics(1280, 800, 10.1, 100).bodyPx == larger.bodyPx);
    CHECK(ui::computeMetrics(1280, 800, 10.1, 3).titlePx == larger.titlePx);
}

TEST_CASE("theme: targets are at least 16 mm on small and large screens") {
    checkTargetsAtLeast16mm(1280, 800, 10.1);
    checkTargetsAtLeast16mm(800, 480, 7.0);
    checkTargetsAtLeast16mm(1920, 1080, 15.6);
}

TEST_CASE("theme: a denser screen gets more pixels for the same millimetres") {
    // Same pixels on a smaller panel: more px per mm, so larger pixel sizes.
    const ui::Metrics big = ui::computeMetrics(1280, 800, 15.6, 0);
    const ui::Metrics small = ui::computeMetrics(1280, 800, 7.0, 0);
    CHECK(small.pxPerMm > big.pxPerMm);
    CHECK(small.targetPx > big.targetPx);
    CHECK(small.bodyPx > big.bodyPx);
}

TEST_CASE("theme: portrait gives the same sizes as landscape for the same diagonal") {
    for (int level = 0; level <= 2; ++level) {
        CAPTURE(level);
        const ui::Metrics landscape = ui::computeMetrics(1280, 800, 10.1, level);
        const ui::Metrics portrait = ui::computeMetrics(800, 1280, 10.1, level);
        CHECK(portrait.pxPerMm == landscape.pxPerMm);
        CHECK(portrait.bodyPx == landscape.bodyPx);
        CHECK(portrait.titlePx == landscape.titlePx);
        CHECK(portrait.targetPx == landscape.targetPx);
        CHECK(portrait.gapPx == landscape.gapPx);
        CHECK(portrait.marginPx == landscape.marginPx);
        CHECK(portrait.cornerPx == landscape.cornerPx);
    }
}

namespace {

// The height of a capital H as baked into the atlas, in pixels: what a screenshot's cap height shows.
float capHeight(const ImFont* font) {
    const ImFontGlyph* glyph = font->FindGlyph('H');
    REQUIRE(glyph);
    return glyph->Y1 - glyph->Y0;
}

} // namespace

TEST_CASE("theme: Noto Sans's line is 1.362 em, so 32 px em is asked of ImGui as 44 px") {
    CHECK(ui::lineHeightPerEm(KIOSK_FONT_REGULAR) == doctest::Approx(1.362).epsilon(0.001));
    CHECK(ui::lineHeightPerEm(KIOSK_FONT_BOLD) == doctest::Approx(1.362).epsilon(0.001));
    CHECK(ui::fontRequestPx(32.0f, 1.362f) == 44.0f);
    CHECK(ui::fontRequestPx(30.0f, 1.0f) == 30.0f); // a whole size stays, never one more
    // A file that is not there falls back to Noto Sans's figure rather than to 1 (too small text).
    CHECK(ui::lineHeightPerEm("/nonexistent/font.ttf") == doctest::Approx(1.362).epsilon(0.001));
    const ui::Metrics m = ui::computeMetrics(1280, 800, 10.1, 0);
    CHECK(m.bodyPx == 32.0f);
    CHECK(m.bodyFontPx == 44.0f);
    CHECK(m.titleFontPx > m.titlePx);
}

TEST_CASE("theme: text sizes are em sizes - body capitals at least 23 px at 1280x800 on 10.1 inch") {
    // Body text of 5.5 mm em is 32 px here; Noto Sans's capitals are 0.714 em, so 23 px or more.
    // A+ and A++ are 1.25 and 1.5 times that; titles are larger than body text at every size.
    const float minimum[] = {23.0f, 23.0f * 1.25f - 0.5f, 23.0f * 1.5f - 0.5f};
    for (int level = 0; level <= 2; ++level) {
        CAPTURE(level);
        ImFontAtlas atlas;
        const ui::Metrics m = ui::computeMetrics(1280, 800, 10.1, level);
        const ui::FontSet fonts = ui::addFonts(atlas, m);
        CHECK(capHeight(fonts.body) >= minimum[level]);
        CHECK(capHeight(fonts.bodyBold) >= minimum[level]);
        CHECK(capHeight(fonts.title) > capHeight(fonts.body) * 1.3f);
        CHECK(fonts.body->FontSize == m.bodyFontPx);
    }
}

TEST_CASE("theme: body text is at least 5.5 mm em on every screen villages buy") {
    struct Screen {
        int width, height;
        double diagonal;
    };
    for (const Screen s : {Screen{800, 480, 7.0}, Screen{1024, 600, 7.0}, Screen{1920, 1080, 15.6},
                           Screen{720, 1280, 7.0}, Screen{800, 1280, 10.1}}) {
        CAPTURE(s.width);
        CAPTURE(s.height);
        const ui::Metrics m = ui::computeMetrics(s.width, s.height, s.diagonal, 0);
        CHECK(m.bodyPx / m.pxPerMm >= 5.5f - 0.5f / m.pxPerMm); // rounded to whole pixels
        CHECK(m.bodyFontPx >= m.bodyPx * 1.36f);
    }
}

TEST_CASE("theme: every font holds the marks the screens write besides Vietnamese letters") {
    ImFontAtlas atlas;
    const ui::FontSet fonts = ui::addFonts(atlas, ui::computeMetrics(800, 480, 7.0, 2));
    // – (a keyboard's "a–d"), • (list items), a new PIN's dots, … and ₫; ImGui draws "?" without them.
    unsigned int pinDot = 0;
    ImTextCharFromUtf8(&pinDot, ui::staff_text::kPinDot, nullptr);
    for (const ImWchar mark : {ImWchar(0x2013), ImWchar(0x2022), static_cast<ImWchar>(pinDot),
                               ImWchar(0x2026), ImWchar(0x20AB), ImWchar(0x1EAD)}) {
        CAPTURE(static_cast<int>(mark));
        for (ImFont* font : {fonts.body, fonts.bodyBold, fonts.title})
            CHECK(font->FindGlyphNoFallback(mark) != nullptr);
    }
}
