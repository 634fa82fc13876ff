// Small helpers more than one domain file needs: days and UTC time stamps as text, and libsodium start-up.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// "2026-11-28": how the databases store a local day (it sorts as text) and LibreOffice reads a date.
[[nodiscard]] std::string isoDay(std::chrono::year_month_day date);
// The reverse; nullopt for text that is not exactly such a day.
[[nodiscard]] std::optional<std::chrono::year_month_day> parseIsoDay(std::string_view text);
// "2026-11-25T12:00:00Z". By hand: fmt 9 formats a system_clock time_point in local time.
[[nodiscard]] std::string isoUtc(std::chrono::system_clock::time_point t);
// "20261125-120000", for file names.
[[nodiscard]] std::string compactUtc(std::chrono::system_clock::time_point t);
// sodium_init once per process; throws std::runtime_error if there is no usable random source.
void ensureSodium();

}  // namespace kiosk
