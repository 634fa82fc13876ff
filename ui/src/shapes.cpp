#include "ui/shapes.hpp"

#include <algorithm>
#include <array>
#include <numbers>

namespace ui {
namespace {

constexpr float kHalfPi = std::numbers::pi_v<float> / 2;

// The corner centres, clockwise from the top left, with the angle at which each corner's arc starts.
struct Corner {
    ImVec2 centre;
    float fromAngle;
};

std::array<Corner, 4> cornersOf(ImVec2 min, ImVec2 max, float r) {
    return {{{ImVec2(min.x + r, min.y + r), 2 * kHalfPi},
             {ImVec2(max.x - r, min.y + r), 3 * kHalfPi},
             {ImVec2(max.x - r, max.y - r), 0},
             {ImVec2(min.x + r, max.y - r), kHalfPi}}};
}

// The square bands reach this far into the corner squares, under the anti-aliased edges of the corner
// pieces, so no seam shows where they meet (SDL also rounds each band's edges to whole pixels).
constexpr float kOverlap = 1.0f;

float fittingRadius(ImVec2 min, ImVec2 max, float radius) {
    return std::clamp(radius, 0.0f, std::min(max.x - min.x, max.y - min.y) / 2);
}

} // namespace

void fillRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float radius) {
    const float r = fittingRadius(min, max, radius);
    if (r <= 0) {
        draw->AddRectFilled(min, max, colour);
        return;
    }
    const float o = std::min(kOverlap, r);
    draw->AddRectFilled(ImVec2(min.x + r - o, min.y), ImVec2(max.x - r + o, max.y), colour);
    draw->AddRectFilled(ImVec2(min.x, min.y + r - o), ImVec2(min.x + r, max.y - r + o), colour);
    draw->AddRectFilled(ImVec2(max.x - r, min.y + r - o), ImVec2(max.x, max.y - r + o), colour);
    for (const Corner& corner : cornersOf(min, max, r)) {
        draw->PathLineTo(corner.centre);
        draw->PathArcTo(corner.centre, r, corner.fromAngle, corner.fromAngle + kHalfPi);
        draw->PathFillConvex(colour);
    }
}

void strokeRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float radius,
                       float thickness) {
    const float t = std::min(thickness, std::min(max.x - min.x, max.y - min.y) / 2);
    float r = fittingRadius(min, max, radius);
    if (r <= t) r = 0; // a corner no rounder than the border is thick: square it
    const float o = r > 0 ? std::min(kOverlap, r - t) : 0.0f;
    const float side = std::max(r, t) - o; // where the left and right bands start and end
    draw->AddRectFilled(ImVec2(min.x + r - o, min.y), ImVec2(max.x - r + o, min.y + t), colour);
    draw->AddRectFilled(ImVec2(min.x + r - o, max.y - t), ImVec2(max.x - r + o, max.y), colour);
    draw->AddRectFilled(ImVec2(min.x, min.y + side), ImVec2(min.x + t, max.y - side), colour);
    draw->AddRectFilled(ImVec2(max.x - t, min.y + side), ImVec2(max.x, max.y - side), colour);
    if (r <= 0) return;
    for (const Corner& corner : cornersOf(min, max, r)) {
        draw->PathArcTo(corner.centre, r - t / 2, corner.fromAngle, corner.fromAngle + kHalfPi);
        // Anti-aliasing widens the arc by a pixel's fringe; the square bands have none.
        draw->PathStroke(colour, 0, std::max(1.0f, t - 1.0f));
    }
}

} // namespace ui
