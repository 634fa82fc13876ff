// Local days (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving) and report periods.
#pragma once

#include "hub_store.hpp"

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>

namespace commune {

constexpr std::int64_t kLocalUtcOffsetSeconds = 7 * 3600;

[[nodiscard]] std::string localDay(std::int64_t unixSeconds);  // YYYY-MM-DD
[[nodiscard]] std::string addDays(const std::string& day, int days);
[[nodiscard]] std::string isoUtc(std::int64_t unixSeconds);     // 2026-11-25T08:00:00Z
[[nodiscard]] std::string localDateTime(std::int64_t unixSeconds);  // 25/11/2026 15:00

struct Period {
    std::string key;    // "2026-11" or "2026-Q4", as asked
    std::string title;  // "tháng 11/2026", "quý 4/2026"
    DayRange days;
};

// "2026-11" (a month) or "2026-Q4" (a quarter); the error says what was expected.
[[nodiscard]] std::expected<Period, std::string> parsePeriod(std::string_view text);

}  // namespace commune
