// Rounded rectangles that SDL's software renderer draws quickly.
//
// ImDrawList::AddRectFilled with rounding fills the whole box with one fan of long thin triangles,
// which SDL's software renderer rasterises pixel by pixel; a box with square corners is two
// triangles that SDL recognises as a rectangle and fills as one. These draw the same shapes as
// square-cornered bands plus four small corner fans: on the 1280x800 booking day list the frame
// went from ~20 ms to ~7 ms (tests/bench/booking_slots.sh).
#pragma once

#include <imgui.h>

namespace ui {

void fillRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float radius);
// A border of the given thickness drawn inside the box's edge.
void strokeRoundedRect(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour, float radius, float thickness);

} // namespace ui
