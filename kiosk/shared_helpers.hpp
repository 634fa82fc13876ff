// Small helpers more than one domain file needs: UTC time stamps as text, and libsodium start-up.
#pragma once

#include <chrono>
#include <string>

namespace kiosk {

// "2026-11-25T12:00:00Z". By hand: fmt 9 formats a system_clock time_point in local time.
[[nodiscard]] std::string isoUtc(std::chrono::system_clock::time_point t);
// "20261125-120000", for file names.
[[nodiscard]] std::string compactUtc(std::chrono::system_clock::time_point t);
// sodium_init once per process; throws std::runtime_error if there is no usable random source.
void ensureSodium();

}  // namespace kiosk
