// The kiosk's colours, chosen for at least 7:1 text contrast (WCAG AAA) for older eyes.
#pragma once

#include <array>
#include <cstdint>

namespace ui {

struct Rgb {
    std::uint8_t r, g, b;
};

// A coloured surface and the text written on it.
struct ColourPair {
    Rgb background;
    Rgb text;
};

struct Palette {
    ColourPair page{{0xF7, 0xF4, 0xEC}, {0x1A, 0x1A, 0x1A}}; // warm paper, near-black text
    ColourPair plainButton{{0xFF, 0xFF, 0xFF}, {0x1A, 0x1A, 0x1A}};
    ColourPair primaryButton{{0x0B, 0x4F, 0x8A}, {0xFF, 0xFF, 0xFF}};
    ColourPair vneid{{0x9A, 0x1B, 0x1B}, {0xFF, 0xFF, 0xFF}};
    ColourPair ihanoi{{0x0B, 0x4F, 0x8A}, {0xFF, 0xFF, 0xFF}};
    ColourPair publicServices{{0x0F, 0x55, 0x34}, {0xFF, 0xFF, 0xFF}};
    ColourPair safety{{0x6B, 0x3A, 0x00}, {0xFF, 0xFF, 0xFF}};
    ColourPair help{{0x45, 0x2A, 0x80}, {0xFF, 0xFF, 0xFF}};
    ColourPair notice{{0xFF, 0xF1, 0xC7}, {0x1A, 0x1A, 0x1A}};  // warnings on the staff screen
    ColourPair overlay{{0xFF, 0xFF, 0xFF}, {0x1A, 0x1A, 0x1A}}; // the idle countdown card
    Rgb border{0x1A, 0x1A, 0x1A};
    Rgb pressedOutline{0xFF, 0xC2, 0x00}; // a thick amber ring while a finger is down

    // Every pair on which text is drawn, for the contrast test.
    [[nodiscard]] std::array<ColourPair, 10> textPairs() const {
        return {page,           plainButton, primaryButton, vneid,  ihanoi,
                publicServices, safety,      help,          notice, overlay};
    }
};

// WCAG 2 contrast ratio between two colours: 1 .. 21.
[[nodiscard]] double contrastRatio(Rgb a, Rgb b);
// What a pressed surface looks like: darker for light colours, lighter for dark ones.
[[nodiscard]] Rgb pressedShade(Rgb colour);

} // namespace ui
