#include "ui/palette.hpp"

#include <algorithm>
#include <cmath>

namespace ui {

namespace {
double channelLuminance(std::uint8_t value) {
    double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double relativeLuminance(Rgb c) {
    return 0.2126 * channelLuminance(c.r) + 0.7152 * channelLuminance(c.g) + 0.0722 * channelLuminance(c.b);
}

std::uint8_t scale(std::uint8_t v, double factor) {
    return static_cast<std::uint8_t>(std::clamp(std::lround(v * factor), 0L, 255L));
}
} // namespace

double contrastRatio(Rgb a, Rgb b) {
    double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgb pressedShade(Rgb colour) {
    double factor = relativeLuminance(colour) > 0.5 ? 0.82 : 0.7;
    return {scale(colour.r, factor), scale(colour.g, factor), scale(colour.b, factor)};
}

} // namespace ui
