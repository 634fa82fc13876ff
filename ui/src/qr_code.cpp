#include "ui/qr_code.hpp"

#include <qrencode.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <memory>
#include <string>

namespace ui {

bool drawQrCode(ImDrawList* draw, std::string_view text, ImVec2 min, float size) {
    std::string data(text);
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeString(data.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
    if (!code) return false;
    const int quiet = 2; // modules of white around the code, so phone cameras find its edges
    const int width = code->width;
    // Whole pixels per module: the software renderer rounds each rectangle's edges, and fractional
    // cells leave white hairlines between modules that cameras misread.
    const float cell = std::max(1.0f, std::floor(size / static_cast<float>(width + 2 * quiet)));
    const float inset = std::floor((size - cell * static_cast<float>(width)) / 2);
    const ImVec2 origin(std::floor(min.x) + inset, std::floor(min.y) + inset);
    // The white square on whole pixels too, so every renderer puts its edges in the same place.
    const ImVec2 square(std::floor(min.x), std::floor(min.y));
    draw->AddRectFilled(square, ImVec2(square.x + std::floor(size), square.y + std::floor(size)),
                        IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < width; ++y) {
        const float top = origin.y + static_cast<float>(y) * cell;
        for (int x = 0; x < width;) {
            if (!(code->data[y * width + x] & 1)) {
                ++x;
                continue;
            }
            int runEnd = x; // one rectangle for each run of dark modules in a row
            while (runEnd < width && (code->data[y * width + runEnd] & 1))
                ++runEnd;
            draw->AddRectFilled(ImVec2(origin.x + static_cast<float>(x) * cell, top),
                                ImVec2(origin.x + static_cast<float>(runEnd) * cell, top + cell),
                                IM_COL32(0, 0, 0, 255));
            x = runEnd;
        }
    }
    return true;
}

QrCaptionLayout layoutQrCaption(const Metrics& m, ImFont* font, ImVec2 pos, float side, float width,
                                std::string_view caption) {
    QrCaptionLayout l;
    const float besideWidth = width - side - m.gapPx;
    // Beside, when about eight words fit a line there; else the words go under the square.
    l.beside = besideWidth >= font->FontSize * 7;
    l.captionWidth = l.beside ? besideWidth : width;
    const float captionH = wrappedTextHeight(font, l.captionWidth, caption);
    if (l.beside) {
        l.captionPos = ImVec2(pos.x + side + m.gapPx, pos.y + std::max(0.0f, (side - captionH) / 2));
        l.height = std::max(side, captionH);
    } else {
        l.captionPos = ImVec2(pos.x, pos.y + side + m.gapPx / 2);
        l.height = side + m.gapPx / 2 + captionH;
    }
    return l;
}

float drawQrWithCaption(ImDrawList* draw, TargetRegistry& targets, const Metrics& m, ImFont* font, ImU32 ink,
                        std::string_view payload, ImVec2 pos, float side, float width,
                        std::string_view caption) {
    const QrCaptionLayout l = layoutQrCaption(m, font, pos, side, width, caption);
    drawQrCode(draw, payload, pos, side);
    targets.addMarker("qr", pos, ImVec2(pos.x + side, pos.y + side));
    const std::string words(caption);
    draw->AddText(font, font->FontSize, l.captionPos, ink, words.c_str(), nullptr, l.captionWidth);
    const float captionH = wrappedTextHeight(font, l.captionWidth, caption);
    targets.addText({"qr.caption", l.captionPos,
                     ImVec2(l.captionPos.x + l.captionWidth, l.captionPos.y + captionH), l.captionPos,
                     ImVec2(l.captionPos.x + l.captionWidth, l.captionPos.y + captionH)});
    return l.height;
}

} // namespace ui
