// Compares two screenshots of the same screen drawn by different render paths, allowing for
// antialiasing and nothing else. usage:
//   render_compare REFERENCE.png CANDIDATE.png [--tolerance N] [--max-beyond N] [--diff OUT.png]
// Exit 0 when they match, 1 when they differ beyond antialiasing, 2 on bad input.
//
// Antialiasing differs between rasterisers in two ways: an edge pixel's coverage (so its blend of
// the two colours) and, where a rule rounds the other way, an edge one pixel over. Either way the
// candidate's pixel lies between the colours the reference has within one pixel of it. So a pixel
// is "beyond antialiasing" when, in either direction, its colour falls outside the range of the other
// image's 3x3 neighbourhood (per channel, widened by --tolerance for blending precision). A seam
// across a flat fill, a gap in a border or a missing glyph stroke all fail that test; an edge drawn a
// fraction of a pixel differently passes it.
#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr int kChannels = 3;

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;
    [[nodiscard]] const unsigned char* at(int x, int y) const {
        return &rgb[(static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)) *
                    kChannels];
    }
};

bool load(const char* file, Image& image) {
    int channels = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> data(
        stbi_load(file, &image.width, &image.height, &channels, kChannels), stbi_image_free);
    if (!data) {
        std::fprintf(stderr, "render_compare: cannot read %s: %s\n", file, stbi_failure_reason());
        return false;
    }
    const auto* begin = data.get();
    image.rgb.assign(begin, begin + static_cast<size_t>(image.width) * static_cast<size_t>(image.height) *
                                        kChannels);
    return true;
}

// Whether `colour` lies, per channel, within the range of `image`'s 3x3 neighbourhood of (x, y),
// widened by `tolerance`.
bool withinNeighbourhood(const Image& image, int x, int y, const unsigned char* colour, int tolerance) {
    for (int c = 0; c < kChannels; ++c) {
        int low = 255, high = 0;
        for (int ny = std::max(0, y - 1); ny <= std::min(image.height - 1, y + 1); ++ny) {
            for (int nx = std::max(0, x - 1); nx <= std::min(image.width - 1, x + 1); ++nx) {
                low = std::min<int>(low, image.at(nx, ny)[c]);
                high = std::max<int>(high, image.at(nx, ny)[c]);
            }
        }
        if (colour[c] < low - tolerance || colour[c] > high + tolerance) return false;
    }
    return true;
}

bool parseInt(std::string_view text, int& value) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value >= 0;
}

int usage() {
    std::fprintf(stderr, "usage: render_compare REFERENCE.png CANDIDATE.png [--tolerance N] [--max-beyond N] "
                         "[--diff OUT.png]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) return usage();
    int tolerance = 8; // channel steps: blending precision, not shape (see tests/e2e/render_paths.sh)
    int maxBeyond = 0; // pixels beyond antialiasing that are still accepted
    const char* diffFile = nullptr;
    for (int i = 3; i < argc; ++i) {
        const std::string_view option = argv[i];
        if (i + 1 >= argc) return usage();
        const char* value = argv[++i];
        if (option == "--tolerance" && parseInt(value, tolerance)) continue;
        if (option == "--max-beyond" && parseInt(value, maxBeyond)) continue;
        if (option == "--diff") {
            diffFile = value;
            continue;
        }
        std::fprintf(stderr, "render_compare: bad option %s %s\n", argv[i - 1], value);
        return usage();
    }
    Image reference, candidate;
    if (!load(argv[1], reference) || !load(argv[2], candidate)) return 2;
    if (reference.width != candidate.width || reference.height != candidate.height) {
        std::fprintf(stderr, "render_compare: %s is %dx%d but %s is %dx%d\n", argv[1], reference.width,
                     reference.height, argv[2], candidate.width, candidate.height);
        return 1;
    }

    long differing = 0, beyond = 0;
    int maxDelta = 0;
    int boxMinX = reference.width, boxMinY = reference.height, boxMaxX = -1, boxMaxY = -1;
    // The diff picture: the reference dimmed, pixels that differ at all in yellow, beyond antialiasing in
    // red.
    std::vector<unsigned char> diff(reference.rgb.size());
    for (int y = 0; y < reference.height; ++y) {
        for (int x = 0; x < reference.width; ++x) {
            const unsigned char* a = reference.at(x, y);
            const unsigned char* b = candidate.at(x, y);
            int delta = 0;
            for (int c = 0; c < kChannels; ++c)
                delta = std::max(delta, std::abs(a[c] - b[c]));
            maxDelta = std::max(maxDelta, delta);
            unsigned char* out = &diff[static_cast<size_t>(a - reference.rgb.data())];
            for (int c = 0; c < kChannels; ++c)
                out[c] = static_cast<unsigned char>(a[c] / 4);
            if (delta <= tolerance) continue;
            ++differing;
            const bool aa = withinNeighbourhood(reference, x, y, b, tolerance) &&
                            withinNeighbourhood(candidate, x, y, a, tolerance);
            out[0] = 255;
            out[1] = aa ? 220 : 0;
            out[2] = 0;
            if (aa) continue;
            ++beyond;
            boxMinX = std::min(boxMinX, x);
            boxMinY = std::min(boxMinY, y);
            boxMaxX = std::max(boxMaxX, x);
            boxMaxY = std::max(boxMaxY, y);
        }
    }
    const double total = static_cast<double>(reference.width) * reference.height;
    std::printf("%s: %ld px differ by more than %d (%.3f %%), %ld beyond antialiasing", argv[2], differing,
                tolerance, 100.0 * static_cast<double>(differing) / total, beyond);
    if (beyond > 0) std::printf(" within x %d..%d, y %d..%d", boxMinX, boxMaxX, boxMinY, boxMaxY);
    std::printf(", largest channel difference %d\n", maxDelta);
    if (diffFile && !stbi_write_png(diffFile, reference.width, reference.height, kChannels, diff.data(),
                                    reference.width * kChannels)) {
        std::fprintf(stderr, "render_compare: cannot write %s\n", diffFile);
        return 2;
    }
    return beyond > maxBeyond ? 1 : 0;
}
