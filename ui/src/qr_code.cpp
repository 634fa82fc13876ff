#include "ui/qr_code.hpp"

#include <qrencode.h>

#include <memory>
#include <string>

namespace ui {

bool drawQrCode(ImDrawList* draw, std::string_view text, ImVec2 min, float size) {
    std::string data(text);
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(QRcode_encodeString(data.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1),
                                                    QRcode_free);
    if (!code) return false;
    const int quiet = 2;  // modules of white around the code, so phone cameras find its edges
    int modules = code->width + 2 * quiet;
    float cell = size / static_cast<float>(modules);
    draw->AddRectFilled(min, ImVec2(min.x + size, min.y + size), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (!(code->data[y * code->width + x] & 1)) continue;
            ImVec2 a(min.x + static_cast<float>(x + quiet) * cell, min.y + static_cast<float>(y + quiet) * cell);
            draw->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(0, 0, 0, 255));
        }
    }
    return true;
}

}  // namespace ui
