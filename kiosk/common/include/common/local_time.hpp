// Local days and times of the kiosks (Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving since 1975)
// and UTC time stamps as text: the one copy the kiosk and the commune hub both use.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

inline constexpr std::chrono::hours localUtcOffset{7};

using LocalDate = std::chrono::year_month_day;

struct LocalDateTime {
    LocalDate date;
    int minuteOfDay = 0; // 0 .. 1439
    friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

[[nodiscard]] LocalDateTime toLocal(std::chrono::system_clock::time_point t);
[[nodiscard]] std::chrono::system_clock::time_point toSystem(const LocalDateTime& local);

// True for a real calendar date written YYYY-MM-DD, year 2000 or later (so plain string comparison
// orders days). Header-only: the upload format's parser, which the fuzzer builds on its own, uses it.
[[nodiscard]] constexpr bool isCalendarDay(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (s[i] < '0' || s[i] > '9') return false;
    auto number = [&](std::size_t from, std::size_t count) {
        int n = 0;
        for (std::size_t i = from; i < from + count; ++i)
            n = n * 10 + (s[i] - '0');
        return n;
    };
    const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    if (year < 2000 || month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return day <= kDaysIn[month - 1] + ((month == 2 && leap) ? 1 : 0);
}

// "2026-11-28": how the databases store a local day (it sorts as text) and LibreOffice reads a date.
[[nodiscard]] std::string isoDay(LocalDate date);
// The reverse; nullopt for text that is not exactly such a day (isCalendarDay).
[[nodiscard]] std::optional<LocalDate> parseIsoDay(std::string_view text);
// The local date of a moment, "YYYY-MM-DD".
[[nodiscard]] std::string localDay(std::chrono::system_clock::time_point t);
[[nodiscard]] std::string localDay(std::int64_t unixSeconds);
// "YYYY-MM-DD" shifted by a number of days; text that is not a day comes back unchanged.
[[nodiscard]] std::string addDays(std::string_view day, int days);

// "08:30" for a minute of the day.
[[nodiscard]] std::string clockTime(int minuteOfDay);
// "08:30 28/11", local: how staff mode shows a moment.
[[nodiscard]] std::string localTimeAndDay(std::chrono::system_clock::time_point t);
// "25/11/2026 15:00", local: how the hub's reports show a moment.
[[nodiscard]] std::string localDateTime(std::chrono::system_clock::time_point t);
[[nodiscard]] std::string localDateTime(std::int64_t unixSeconds);

// "2026-11-25T12:00:00Z". By hand: fmt 9 formats a system_clock time_point in local time.
[[nodiscard]] std::string isoUtc(std::chrono::system_clock::time_point t);
[[nodiscard]] std::string isoUtc(std::int64_t unixSeconds);
// What isoUtc writes (a fraction of a second or "+00:00" also read), to whole seconds; nullopt for
// anything else.
[[nodiscard]] std::optional<std::chrono::sys_seconds> parseIsoUtc(std::string_view text);
// "20261125-120000", for file names.
[[nodiscard]] std::string compactUtc(std::chrono::system_clock::time_point t);

} // namespace kiosk
