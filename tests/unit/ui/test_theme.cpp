// ui::computeMetrics: sizes follow the physical screen, so touch targets are big enough on every kiosk.
#include "ui/theme.hpp"

#include <doctest/doctest.h>

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
