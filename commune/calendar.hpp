// Local days (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving) and report periods.
#pragma once

#include "hub_store.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace commune {

constexpr std::int64_t kLocalUtcOffsetSeconds = 7 * 3600;

[[nodiscard]] std::string localDay(std::int64_t unixSeconds);  // YYYY-MM-DD
[[nodiscard]] std::string addDays(const std::string& day, int days);
[[nodiscard]] std::string isoUtc(std::int64_t unixSeconds);     // 2026-11-25T08:00:00Z
[[nodiscard]] std::string localDateTime(std::int64_t unixSeconds);  // 25/11/2026 15:00
// What a kiosk writes in sent_at, "2026-11-25T08:00:00Z" (a fraction of a second or "+00:00" also
// read), as unix seconds; nullopt for anything else.
[[nodiscard]] std::optional<std::int64_t> parseIsoUtc(std::string_view text);

// A POST: generated at its sent_at (no later than its arrival, so a kiosk clock running ahead cannot
// rank a copy above the ones that follow), and the kiosk was seen when it arrived.
[[nodiscard]] UploadTiming postedTiming(const kiosk::upload::Upload& upload, std::int64_t receivedUnix);
// An exported file: the same generation time (no later than now), and that is also the last time the
// kiosk is known to have been alive; without a sent_at, the import says nothing about it.
[[nodiscard]] UploadTiming importedTiming(const kiosk::upload::Upload& upload, std::int64_t nowUnix);

struct Period {
    std::string key;    // "2026-11" or "2026-Q4", as asked
    std::string title;  // "tháng 11/2026", "quý 4/2026"
    DayRange days;
};

// "2026-11" (a month) or "2026-Q4" (a quarter); the error says what was expected.
[[nodiscard]] std::expected<Period, std::string> parsePeriod(std::string_view text);

}  // namespace commune
