// A QR code drawn as squares (libqrencode), so a resident can open a link on their own phone.
#pragma once

#include <imgui.h>

#include <string_view>

namespace ui {

// Draws the QR code for text filling a square of side `size` at `min` (with a white quiet zone).
// Returns false (and draws nothing) if the text cannot be encoded.
bool drawQrCode(ImDrawList* draw, std::string_view text, ImVec2 min, float size);

} // namespace ui
