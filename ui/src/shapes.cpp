#include "ui/shapes.hpp"

#include <algorithm>
#include <cmath>

namespace ui {
namespace {

// A box in whole pixels: [x0, x1) x [y0, y1).
struct PixelBox {
    int x0, y0, x1, y1;
};

PixelBox snap(ImVec2 min, ImVec2 max) {
    return {static_cast<int>(std::lround(min.x)), static_cast<int>(std::lround(min.y)),
            static_cast<int>(std::lround(max.x)), static_cast<int>(std::lround(max.y))};
}

int fittingRadius(const PixelBox& box, float radius) {
    return std::clamp(static_cast<int>(std::lround(radius)), 0,
                      std::min(box.x1 - box.x0, box.y1 - box.y0) / 2);
}

void pixelRect(ImDrawList* draw, int x0, int y0, int x1, int y1, ImU32 colour) {
    if (x1 <= x0 || y1 <= y0) return;
    draw->AddRectFilled(ImVec2(static_cast<float>(x0), static_cast<float>(y0)),
                        ImVec2(static_cast<float>(x1), static_cast<float>(y1)), colour);
}

// How much of the pixel at (dx, dy) from the corner's centre (pixel centre to circle centre) lies
// between the radii `inner` and `outer`: the distance to the edge, clamped to one pixel.
float ringCoverage(float dx, float dy, float inner, float outer) {
    const float d = std::sqrt(dx * dx + dy * dy);
    float coverage = std::clamp(outer - d + 0.5f, 0.0f, 1.0f);
    if (inner > 0) coverage = std::min(coverage, std::clamp(d - inner + 0.5f, 0.0f, 1.0f));
    return coverage;
}

int alphaOf(ImU32 colour) {
    return static_cast<int>((colour >> IM_COL32_A_SHIFT) & 0xFF);
}

ImU32 withAlpha(ImU32 colour, int alpha) {
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// One quarter of a ring (a disc when inner is 0) in the r x r pixel square at (x0, y0), whose circle
// centre is the square's corner (cx, cy). Each pixel row becomes runs of whole pixels of one alpha:
// the inside as one opaque run, the edge as short runs of the pixels' coverage.
void quarterRing(ImDrawList* draw, int x0, int y0, int r, int cx, int cy, float inner, ImU32 colour) {
    const int alpha = alphaOf(colour);
    for (int y = y0; y < y0 + r; ++y) {
        const float dy = static_cast<float>(y) + 0.5f - static_cast<float>(cy);
        int runStart = x0, runAlpha = 0;
        for (int x = x0; x <= x0 + r; ++x) {
            int a = 0;
            if (x < x0 + r) {
                const float dx = static_cast<float>(x) + 0.5f - static_cast<float>(cx);
                a = static_cast<int>(std::lround(static_cast<float>(alpha) *
                                                 ringCoverage(dx, dy, inner, static_cast<float>(r))));
            }
            if (x == x0 + r || a != runAlpha) {
                if (runAlpha > 0) pixelRect(draw, runStart, y, x, y + 1, withAlpha(colour, runAlpha));
                runStart = x;
                runAlpha = a;
            }
        }
    }
}

// The four corners of `box`, each a quarter ring of radius r (inner radius `inner`).
void corners(ImDrawList* draw, const PixelBox& b, int r, float inner, ImU32 colour) {
    quarterRing(draw, b.x0, b.y0, r, b.x0 + r, b.y0 + r, inner, colour);
    quarterRing(draw, b.x1 - r, b.y0, r, b.x1 - r, b.y0 + r, inner, colour);
    quarterRing(draw, b.x1 - r, b.y1 - r, r, b.x1 - r, b.y1 - r, inner, colour);
    quarterRing(draw, b.x0, b.y1 - r, r, b.x0 + r, b.y1 - r, inner, colour);
}

} // namespace

void fillRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float radius) {
    const PixelBox b = snap(min, max);
    const int r = fittingRadius(b, radius);
    pixelRect(draw, b.x0 + r, b.y0, b.x1 - r, b.y1, colour);
    pixelRect(draw, b.x0, b.y0 + r, b.x0 + r, b.y1 - r, colour);
    pixelRect(draw, b.x1 - r, b.y0 + r, b.x1, b.y1 - r, colour);
    if (r > 0) corners(draw, b, r, 0.0f, colour);
}

void strokeRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float radius,
                       float thickness) {
    const PixelBox b = snap(min, max);
    const int t = std::clamp(static_cast<int>(std::lround(thickness)), 1,
                             std::max(1, std::min(b.x1 - b.x0, b.y1 - b.y0) / 2));
    int r = fittingRadius(b, radius);
    if (r <= t) r = 0;               // a corner no rounder than the border is thick: square it
    const int side = std::max(r, t); // where the left and right bands start and end: no pixel twice
    pixelRect(draw, b.x0 + r, b.y0, b.x1 - r, b.y0 + t, colour);
    pixelRect(draw, b.x0 + r, b.y1 - t, b.x1 - r, b.y1, colour);
    pixelRect(draw, b.x0, b.y0 + side, b.x0 + t, b.y1 - side, colour);
    pixelRect(draw, b.x1 - t, b.y0 + side, b.x1, b.y1 - side, colour);
    if (r > 0) corners(draw, b, r, static_cast<float>(r - t), colour);
}

} // namespace ui
