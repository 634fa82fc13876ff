#include "ui/palette.hpp"

#include <doctest/doctest.h>

TEST_CASE("contrast ratio matches WCAG reference values") {
    CHECK(ui::contrastRatio({0, 0, 0}, {255, 255, 255}) == doctest::Approx(21.0));
    CHECK(ui::contrastRatio({255, 255, 255}, {255, 255, 255}) == doctest::Approx(1.0));
    CHECK(ui::contrastRatio({0x77, 0x77, 0x77}, {255, 255, 255}) == doctest::Approx(4.48).epsilon(0.01));
}

TEST_CASE("every text colour has at least 7:1 contrast, also while pressed") {
    ui::Palette palette;
    for (const ui::ColourPair& pair : palette.textPairs()) {
        CHECK(ui::contrastRatio(pair.background, pair.text) >= 7.0);
        CHECK(ui::contrastRatio(ui::pressedShade(pair.background), pair.text) >= 7.0);
    }
}
