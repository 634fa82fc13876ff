// A QR code drawn as squares (libqrencode), so a resident can open a link on their own phone.
#pragma once

#include "ui/theme.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <string_view>

namespace ui {

// Draws the QR code for text filling a square of side `size` at `min` (with a white quiet zone).
// Returns false (and draws nothing) if the text cannot be encoded.
bool drawQrCode(ImDrawList* draw, std::string_view text, ImVec2 min, float size);

// Where the words that go with a QR code land: beside the square when the room to its right is wide
// enough for a few words a line, else under it.
struct QrCaptionLayout {
    bool beside = false;
    ImVec2 captionPos;
    float captionWidth = 0;
    float height = 0; // of the square and its words together
};
[[nodiscard]] QrCaptionLayout layoutQrCaption(const Metrics& metrics, ImFont* font, ImVec2 pos, float side,
                                              float width, std::string_view caption);

// A QR code of side `side` at `pos` with `caption` (what to do with it: open the camera, point it at the
// square) beside or under it, within `width`. Every QR code on the kiosk is drawn through here, so none is
// left without its sentence; the square is recorded as the marker "qr" and the words as text of "qr.caption".
// Returns the height used.
float drawQrWithCaption(ImDrawList* draw, TargetRegistry& targets, const Metrics& metrics, ImFont* font,
                        ImU32 ink, std::string_view payload, ImVec2 pos, float side, float width,
                        std::string_view caption);

} // namespace ui
