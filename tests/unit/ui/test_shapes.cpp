// ui::fillRoundedRect / strokeRoundedRect: rectangles on whole pixels, each pixel drawn once, so every
// SDL renderer (software, OpenGL, OpenGL ES) fills the same pixels (tests/e2e/render_paths.sh).
#include "ui/shapes.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h> // ImDrawListSharedData: a draw list without a whole ImGui context

#include <cmath>
#include <numbers>
#include <vector>

namespace {

constexpr int kSize = 64;

// A draw list on its own, with no ImGui context: what the shapes emit and nothing else.
struct Canvas {
    ImDrawListSharedData shared;
    ImDrawList list{&shared};
    Canvas() { list._ResetForNewFrame(); }

    [[nodiscard]] bool everyVertexOnAWholePixel() const {
        for (const ImDrawVert& v : list.VtxBuffer)
            if (v.pos.x != std::floor(v.pos.x) || v.pos.y != std::floor(v.pos.y)) return false;
        return true;
    }

    // The alpha each pixel receives, summed over every rectangle that covers it (each shape is
    // emitted as axis-aligned quads: 4 vertices, the first and third opposite corners).
    [[nodiscard]] std::vector<int> alphaSums() const {
        std::vector<int> sums(kSize * kSize, 0);
        REQUIRE(list.VtxBuffer.Size % 4 == 0);
        for (int i = 0; i < list.VtxBuffer.Size; i += 4) {
            const ImDrawVert& a = list.VtxBuffer[i];
            const ImDrawVert& b = list.VtxBuffer[i + 2];
            const int alpha = static_cast<int>((a.col >> IM_COL32_A_SHIFT) & 0xFF);
            for (int y = static_cast<int>(a.pos.y); y < static_cast<int>(b.pos.y); ++y)
                for (int x = static_cast<int>(a.pos.x); x < static_cast<int>(b.pos.x); ++x)
                    sums[static_cast<size_t>(y * kSize + x)] += alpha;
        }
        return sums;
    }
};

constexpr ImU32 kInk = IM_COL32(20, 30, 40, 255);

} // namespace

TEST_CASE("shapes: a rounded box at fractional positions is drawn on whole pixels only") {
    Canvas fill, stroke;
    ui::fillRoundedRect(&fill.list, ImVec2(3.4f, 5.7f), ImVec2(50.6f, 41.2f), kInk, 9.3f);
    ui::strokeRoundedRect(&stroke.list, ImVec2(3.4f, 5.7f), ImVec2(50.6f, 41.2f), kInk, 9.3f, 3.4f);
    CHECK(fill.list.VtxBuffer.Size > 0);
    CHECK(stroke.list.VtxBuffer.Size > 0);
    CHECK(fill.everyVertexOnAWholePixel());
    CHECK(stroke.everyVertexOnAWholePixel());
}

TEST_CASE("shapes: a rounded fill covers its inside once, with no seam, and the corners' area") {
    Canvas canvas;
    const int x0 = 3, y0 = 6, x1 = 51, y1 = 41, r = 9;
    ui::fillRoundedRect(&canvas.list, ImVec2(3.4f, 5.7f), ImVec2(50.6f, 41.2f), kInk, 9.3f);
    const std::vector<int> sums = canvas.alphaSums();
    double covered = 0;
    for (int y = 0; y < kSize; ++y) {
        for (int x = 0; x < kSize; ++x) {
            CAPTURE(x);
            CAPTURE(y);
            const int sum = sums[static_cast<size_t>(y * kSize + x)];
            CHECK(sum <= 255); // no pixel twice: overlaps show as dark lines with a translucent colour
            const bool outside = x < x0 || x >= x1 || y < y0 || y >= y1;
            if (outside) CHECK(sum == 0);
            // Inside, away from the rounded corners, every pixel is fully covered: no seam.
            const bool inCornerSquare = (x < x0 + r || x >= x1 - r) && (y < y0 + r || y >= y1 - r);
            if (!outside && !inCornerSquare) CHECK(sum == 255);
            covered += sum / 255.0;
        }
    }
    const double expected = (x1 - x0) * (y1 - y0) - (4 - std::numbers::pi) * r * r;
    CHECK(covered == doctest::Approx(expected).epsilon(0.01));
}

TEST_CASE("shapes: a rounded border is unbroken around the corners and has the ring's area") {
    Canvas canvas;
    const int x0 = 3, y0 = 6, x1 = 51, y1 = 41, r = 9, t = 3;
    ui::strokeRoundedRect(&canvas.list, ImVec2(3.4f, 5.7f), ImVec2(50.6f, 41.2f), kInk, 9.3f, 3.4f);
    const std::vector<int> sums = canvas.alphaSums();
    auto at = [&](int x, int y) { return sums[static_cast<size_t>(y * kSize + x)]; };
    double covered = 0;
    for (int i = 0; i < kSize * kSize; ++i) {
        CHECK(sums[static_cast<size_t>(i)] <= 255);
        covered += sums[static_cast<size_t>(i)] / 255.0;
    }
    // Straight sides: exactly t pixels of ink.
    CHECK(at(x0 + 20, y0) == 255);
    CHECK(at(x0 + 20, y0 + t - 1) == 255);
    CHECK(at(x0 + 20, y0 + t) == 0);
    CHECK(at(x1 - 1, y0 + 20) == 255);
    CHECK(at(x1 - t, y0 + 20) == 255);
    CHECK(at(x1 - t - 1, y0 + 20) == 0);
    // Along each corner's diagonal, the ring's middle is solid ink: the border does not break there.
    const double mid = r - t / 2.0, d = mid / std::numbers::sqrt2;
    CHECK(at(static_cast<int>(x0 + r - d), static_cast<int>(y0 + r - d)) >= 250);
    CHECK(at(static_cast<int>(x1 - r + d), static_cast<int>(y0 + r - d)) >= 250);
    CHECK(at(static_cast<int>(x1 - r + d), static_cast<int>(y1 - r + d)) >= 250);
    CHECK(at(static_cast<int>(x0 + r - d), static_cast<int>(y1 - r + d)) >= 250);
    // Four straight sides plus four quarter rings between radii r - t and r.
    const double expected = 2.0 * (x1 - x0 - 2 * r) * t + 2.0 * (y1 - y0 - 2 * r) * t +
                            std::numbers::pi * (r * r - (r - t) * (r - t));
    CHECK(covered == doctest::Approx(expected).epsilon(0.02));
}
