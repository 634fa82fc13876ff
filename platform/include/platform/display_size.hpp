// The screen's physical size, from what the display itself reports (EDID, SDL's DPI), so text and
// targets are sized in millimetres on the real panel. Pure computation plus file reading: no SDL here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

namespace platform {

struct PhysicalSize {
    double widthMm = 0, heightMm = 0;
    std::string source; // where it came from, for the log: "EDID card1-HDMI-A-1", "SDL DPI", ...
};

// The image size an EDID block states: the first detailed timing descriptor's millimetres, else the
// basic block's centimetres. Nothing for a block that is too short, has a bad header or checksum, or
// states no size (projectors and many DSI panels leave it 0).
[[nodiscard]] std::optional<PhysicalSize> parseEdidSize(std::span<const std::uint8_t> edid);

// The diagonal in inches of a size in millimetres.
[[nodiscard]] double diagonalInches(const PhysicalSize& size);

// Whether a reported size can be this screen's: a diagonal of 3 to 100 inches (the range the config
// accepts) and the same shape as the pixels within 10 % (a panel that reports 16:9 centimetres for a
// 16:10 picture, or a TV's size for a small HDMI board, is not trusted).
[[nodiscard]] bool plausibleFor(const PhysicalSize& size, int widthPx, int heightPx);

// The size from SDL_GetDisplayDPI's horizontal and vertical dots per inch for a screen of those pixels.
[[nodiscard]] std::optional<PhysicalSize> sizeFromDpi(int widthPx, int heightPx, float hdpi, float vdpi);

// The first connected connector under drmRoot (normally /sys/class/drm) whose EDID states a size
// plausible for widthPx x heightPx.
[[nodiscard]] std::optional<PhysicalSize> edidSizeFromDrm(const std::filesystem::path& drmRoot, int widthPx,
                                                          int heightPx);

// Pixels per millimetre of a widthPx x heightPx screen with that diagonal (square pixels).
[[nodiscard]] double pxPerMm(int widthPx, int heightPx, double diagonalInches);

} // namespace platform
