// Rounded rectangles that look the same on every SDL renderer, and that SDL's software renderer
// draws quickly.
//
// Everything is drawn as rectangles on whole pixels: square bands, and each corner row by row, its
// edge pixels as 1-pixel rectangles whose alpha is their coverage (the antialiasing, computed here).
// Why: SDL 2's software renderer truncates every vertex of SDL_RenderGeometry to a whole pixel, while
// OpenGL (ES) rasterises the exact positions. ImGui's rounded fills and strokes, or a fan per corner,
// put their 1-pixel antialiasing fringe at fractional positions, so the software renderer left light
// seams and broken borders at the corners that OpenGL did not (tests/e2e/render_paths.sh). A
// rectangle on whole pixels is filled exactly alike by every renderer, and the software renderer
// fills it as one rectangle rather than pixel by pixel as it does a long thin triangle.
#pragma once

#include <imgui.h>

namespace ui {

void fillRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float radius);
// A border of the given thickness drawn inside the box's edge.
void strokeRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float radius, float thickness);

} // namespace ui
