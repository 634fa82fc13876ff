// A stand-in for libsodium's randombytes_uniform, preloaded (LD_PRELOAD) into the kiosk by
// render_paths.sh: each render path's run books an appointment, and the booking code it shows must
// be the same on every path for the screenshots to be compared. Nothing else in the kiosk calls it.
#include <cstdint>

extern "C" std::uint32_t randombytes_uniform(const std::uint32_t upperBound) {
    static std::uint32_t state = 12345;
    state = state * 1103515245u + 12345u; // a fixed sequence, not a random one: that is the point
    return upperBound == 0 ? 0 : (state >> 16) % upperBound;
}
