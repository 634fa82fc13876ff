// Report periods and the timing of uploads. Local days and time stamps are common/local_time.hpp's.
#pragma once

#include "hub_store.hpp"

#include "common/error.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace commune {

// A POST: generated at its sent_at (no later than its arrival, so a kiosk clock running ahead cannot
// rank a copy above the ones that follow), and the kiosk was seen when it arrived.
[[nodiscard]] UploadTiming postedTiming(const kiosk::upload::Upload& upload, std::int64_t receivedUnix);
// An exported file: the same generation time (no later than now), and that is also the last time the
// kiosk is known to have been alive; without a sent_at, the import says nothing about it.
[[nodiscard]] UploadTiming importedTiming(const kiosk::upload::Upload& upload, std::int64_t nowUnix);

struct Period {
    std::string key;   // "2026-11" or "2026-Q4", as asked
    std::string title; // "tháng 11/2026", "quý 4/2026"
    DayRange days;
};

// "2026-11" (a month) or "2026-Q4" (a quarter); the error says what was expected.
[[nodiscard]] kiosk::Result<Period> parsePeriod(std::string_view text);

} // namespace commune
