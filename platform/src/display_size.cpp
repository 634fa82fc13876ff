#include "platform/display_size.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numeric>
#include <vector>

namespace platform {

namespace {
constexpr double kMmPerInch = 25.4;
constexpr std::size_t kEdidBlock = 128;
constexpr std::array<std::uint8_t, 8> kEdidHeader{0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
// EDID 1.3/1.4, basic block: image size in cm at bytes 21-22; first detailed timing descriptor at 54.
constexpr std::size_t kSizeCm = 21;
constexpr std::size_t kFirstDescriptor = 54;

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
} // namespace

std::optional<PhysicalSize> parseEdidSize(std::span<const std::uint8_t> edid) {
    if (edid.size() < kEdidBlock) return std::nullopt;
    if (!std::equal(kEdidHeader.begin(), kEdidHeader.end(), edid.begin())) return std::nullopt;
    unsigned sum = std::accumulate(edid.begin(), edid.begin() + kEdidBlock, 0u);
    if (sum % 256 != 0) return std::nullopt;
    // A detailed timing descriptor (pixel clock not 0) states the size to the millimetre.
    const std::uint8_t* d = edid.data() + kFirstDescriptor;
    if (d[0] != 0 || d[1] != 0) {
        int widthMm = d[12] | ((d[14] & 0xF0) << 4);
        int heightMm = d[13] | ((d[14] & 0x0F) << 8);
        if (widthMm > 0 && heightMm > 0) return PhysicalSize{double(widthMm), double(heightMm), "EDID"};
    }
    int widthCm = edid[kSizeCm], heightCm = edid[kSizeCm + 1];
    // Either 0 means no size (the other then holds an aspect ratio, EDID 1.4).
    if (widthCm == 0 || heightCm == 0) return std::nullopt;
    return PhysicalSize{widthCm * 10.0, heightCm * 10.0, "EDID"};
}

double diagonalInches(const PhysicalSize& size) {
    return std::hypot(size.widthMm, size.heightMm) / kMmPerInch;
}

bool plausibleFor(const PhysicalSize& size, int widthPx, int heightPx) {
    if (size.widthMm <= 0 || size.heightMm <= 0 || widthPx <= 0 || heightPx <= 0) return false;
    double inches = diagonalInches(size);
    if (inches < 3.0 || inches > 100.0) return false;
    // A panel mounted turned reports its native (landscape) size for a portrait picture.
    double shapeMm = std::max(size.widthMm, size.heightMm) / std::min(size.widthMm, size.heightMm);
    double shapePx = double(std::max(widthPx, heightPx)) / double(std::min(widthPx, heightPx));
    return std::abs(shapeMm / shapePx - 1.0) <= 0.10;
}

std::optional<PhysicalSize> sizeFromDpi(int widthPx, int heightPx, float hdpi, float vdpi) {
    if (!(hdpi > 0) || !(vdpi > 0) || !std::isfinite(hdpi) || !std::isfinite(vdpi)) return std::nullopt;
    return PhysicalSize{double(widthPx) / hdpi * kMmPerInch, double(heightPx) / vdpi * kMmPerInch, "SDL DPI"};
}

std::optional<PhysicalSize> edidSizeFromDrm(const std::filesystem::path& drmRoot, int widthPx, int heightPx) {
    std::error_code ec;
    std::vector<std::filesystem::path> connectors;
    for (const auto& entry : std::filesystem::directory_iterator(drmRoot, ec)) {
        if (std::filesystem::exists(entry.path() / "edid", ec)) connectors.push_back(entry.path());
    }
    std::sort(connectors.begin(), connectors.end()); // the same choice on every start
    for (const auto& connector : connectors) {
        std::string status = readFile(connector / "status");
        if (status.rfind("connected", 0) != 0) continue;
        std::string bytes = readFile(connector / "edid");
        std::span<const std::uint8_t> edid(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        std::optional<PhysicalSize> size = parseEdidSize(edid);
        if (!size || !plausibleFor(*size, widthPx, heightPx)) continue;
        size->source = "EDID " + connector.filename().string();
        return size;
    }
    return std::nullopt;
}

double pxPerMm(int widthPx, int heightPx, double diagonalInches) {
    return std::hypot(widthPx, heightPx) / (diagonalInches * kMmPerInch);
}

} // namespace platform
