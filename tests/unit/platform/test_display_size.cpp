// platform/display_size: the panel's millimetres from its EDID or SDL's DPI, and when to trust them.
#include "platform/display_size.hpp"

#include "../kiosk/temp_dir.hpp"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <numeric>
#include <vector>

namespace {

// A 128-byte EDID 1.4 base block with the given sizes; descriptorMm 0x0 leaves no timing descriptor.
std::vector<std::uint8_t> makeEdid(int widthCm, int heightCm, int descriptorWidthMm, int descriptorHeightMm) {
    std::vector<std::uint8_t> edid(128, 0);
    const std::array<std::uint8_t, 8> header{0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
    std::copy(header.begin(), header.end(), edid.begin());
    edid[18] = 1; // EDID 1.4
    edid[19] = 4;
    edid[21] = static_cast<std::uint8_t>(widthCm);
    edid[22] = static_cast<std::uint8_t>(heightCm);
    if (descriptorWidthMm > 0) {
        edid[54] = 0x1D; // a pixel clock: this is a detailed timing descriptor
        edid[55] = 0x1F;
        edid[54 + 12] = static_cast<std::uint8_t>(descriptorWidthMm & 0xFF);
        edid[54 + 13] = static_cast<std::uint8_t>(descriptorHeightMm & 0xFF);
        edid[54 + 14] =
            static_cast<std::uint8_t>(((descriptorWidthMm >> 8) << 4) | (descriptorHeightMm >> 8));
    }
    unsigned sum = std::accumulate(edid.begin(), edid.end() - 1, 0u);
    edid[127] = static_cast<std::uint8_t>((256 - sum % 256) % 256);
    return edid;
}

void writeConnector(const std::filesystem::path& dir, const std::string& status,
                    const std::vector<std::uint8_t>& edid) {
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "status") << status << "\n";
    std::ofstream out(dir / "edid", std::ios::binary);
    out.write(reinterpret_cast<const char*>(edid.data()), static_cast<std::streamsize>(edid.size()));
}

} // namespace

TEST_CASE("EDID: a 10.1 inch HDMI panel's timing descriptor gives its millimetres") {
    auto size = platform::parseEdidSize(makeEdid(22, 14, 217, 136));
    REQUIRE(size);
    CHECK(size->widthMm == 217);
    CHECK(size->heightMm == 136);
    CHECK(platform::diagonalInches(*size) == doctest::Approx(10.08).epsilon(0.005));
}

TEST_CASE("EDID: a size over 255 mm uses the descriptor's high bits") {
    auto size = platform::parseEdidSize(makeEdid(34, 19, 344, 194));
    REQUIRE(size);
    CHECK(size->widthMm == 344);
    CHECK(size->heightMm == 194);
    CHECK(platform::diagonalInches(*size) == doctest::Approx(15.55).epsilon(0.005));
}

TEST_CASE("EDID: with no timing descriptor the basic block's centimetres are used") {
    auto size = platform::parseEdidSize(makeEdid(15, 9, 0, 0));
    REQUIRE(size);
    CHECK(size->widthMm == 150);
    CHECK(size->heightMm == 90);
}

TEST_CASE("EDID: no size, a broken block or a short one give nothing") {
    CHECK_FALSE(platform::parseEdidSize(makeEdid(0, 0, 0, 0)));  // a projector or a DSI panel
    CHECK_FALSE(platform::parseEdidSize(makeEdid(16, 0, 0, 0))); // an aspect ratio, not a size
    auto broken = makeEdid(22, 14, 217, 136);
    broken[60] ^= 0x55; // the checksum no longer adds up
    CHECK_FALSE(platform::parseEdidSize(broken));
    auto badHeader = makeEdid(22, 14, 217, 136);
    badHeader[0] = 0x01;
    CHECK_FALSE(platform::parseEdidSize(badHeader));
    auto full = makeEdid(22, 14, 217, 136);
    CHECK_FALSE(platform::parseEdidSize(std::span<const std::uint8_t>(full.data(), 127)));
    CHECK_FALSE(platform::parseEdidSize({}));
}

TEST_CASE("display size: trusted only when it is a screen of the pixels' shape") {
    // The Raspberry Pi Touch Display's active area, 7" at 800x480.
    const platform::PhysicalSize pi7{154.08, 85.92, "EDID"};
    CHECK(platform::diagonalInches(pi7) == doctest::Approx(6.94).epsilon(0.005));
    CHECK(platform::plausibleFor(pi7, 800, 480));
    // A portrait picture on a panel that states its native landscape size.
    CHECK(platform::plausibleFor(pi7, 480, 800));
    // 16:9 centimetres for a 16:10 picture: one of the two is wrong.
    CHECK_FALSE(platform::plausibleFor({160, 90, "EDID"}, 1280, 800));
    // Too small or too large to be a kiosk's screen (a TV's size passed through an HDMI box).
    CHECK_FALSE(platform::plausibleFor({50, 30, "EDID"}, 800, 480));
    CHECK_FALSE(platform::plausibleFor({2300, 1300, "EDID"}, 1920, 1080));
    CHECK_FALSE(platform::plausibleFor({0, 0, "EDID"}, 800, 480));
}

TEST_CASE("display size: SDL's dots per inch give millimetres") {
    auto size = platform::sizeFromDpi(1280, 800, 149.45f, 149.45f);
    REQUIRE(size);
    CHECK(platform::diagonalInches(*size) == doctest::Approx(10.1).epsilon(0.002));
    CHECK_FALSE(platform::sizeFromDpi(1280, 800, 0.0f, 96.0f));
    CHECK_FALSE(platform::sizeFromDpi(1280, 800, -1.0f, -1.0f));
}

TEST_CASE("display size: the first connected DRM connector with a plausible EDID") {
    test::TempDir drm("kiosk-drm");
    writeConnector(drm.path / "card0-HDMI-A-1", "disconnected", makeEdid(22, 14, 217, 136));
    writeConnector(drm.path / "card0-HDMI-A-2", "connected", makeEdid(0, 0, 0, 0));
    writeConnector(drm.path / "card1-DSI-1", "connected", makeEdid(15, 9, 154, 86));
    std::filesystem::create_directories(drm.path / "version"); // not a connector
    auto size = platform::edidSizeFromDrm(drm.path, 800, 480);
    REQUIRE(size);
    CHECK(size->widthMm == 154);
    CHECK(size->heightMm == 86);
    CHECK(size->source == "EDID card1-DSI-1");
    // The same panel does not fit a 16:10 picture, and no folder at all gives nothing.
    CHECK_FALSE(platform::edidSizeFromDrm(drm.path, 1280, 800));
    CHECK_FALSE(platform::edidSizeFromDrm(drm.path / "missing", 800, 480));
}

TEST_CASE("display size: pixels per millimetre from the diagonal") {
    CHECK(platform::pxPerMm(1280, 800, 10.1) == doctest::Approx(5.883).epsilon(0.001));
    CHECK(platform::pxPerMm(800, 480, 7.0) == doctest::Approx(5.247).epsilon(0.001));
    CHECK(platform::pxPerMm(720, 1280, 7.0) == doctest::Approx(8.260).epsilon(0.001));
}
