#include "calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace commune {

namespace {

using namespace std::chrono;

std::string format(const year_month_day& d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

year_month_day parseDay(const std::string& day) {
    return year{std::stoi(day.substr(0, 4))} / month{static_cast<unsigned>(std::stoi(day.substr(5, 2)))} /
           std::chrono::day{static_cast<unsigned>(std::stoi(day.substr(8, 2)))};
}

bool allDigits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::string localDay(std::int64_t unixSeconds) {
    return format(year_month_day{floor<days>(sys_seconds{seconds{unixSeconds + kLocalUtcOffsetSeconds}})});
}

std::string addDays(const std::string& day, int count) {
    return format(year_month_day{sys_days{parseDay(day)} + days{count}});
}

std::string isoUtc(std::int64_t unixSeconds) {
    const sys_seconds t{seconds{unixSeconds}};
    const auto dayStart = floor<days>(t);
    const hh_mm_ss time{t - dayStart};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format(year_month_day{dayStart}), time.hours().count(),
                       time.minutes().count(), time.seconds().count());
}

std::string localDateTime(std::int64_t unixSeconds) {
    const sys_seconds t{seconds{unixSeconds + kLocalUtcOffsetSeconds}};
    const auto dayStart = floor<days>(t);
    const year_month_day d{dayStart};
    const hh_mm_ss time{t - dayStart};
    return fmt::format("{:02}/{:02}/{:04} {:02}:{:02}", static_cast<unsigned>(d.day()),
                       static_cast<unsigned>(d.month()), static_cast<int>(d.year()), time.hours().count(),
                       time.minutes().count());
}

std::optional<std::int64_t> parseIsoUtc(std::string_view text) {
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
    if (!kiosk::upload::isCalendarDay(text.substr(0, 10))) return std::nullopt;
    const auto twoDigits = [&](std::size_t at, int max) -> std::optional<int> {
        if (!allDigits(text.substr(at, 2))) return std::nullopt;
        const int n = (text[at] - '0') * 10 + (text[at + 1] - '0');
        return n <= max ? std::optional(n) : std::nullopt;
    };
    const auto hh = twoDigits(11, 23), mm = twoDigits(14, 59), ss = twoDigits(17, 59);
    if (!hh || !mm || !ss) return std::nullopt;
    std::string_view zone = text.substr(19);
    if (zone.starts_with('.')) {  // a fraction: whole seconds are enough to order uploads
        const auto end = zone.find_first_not_of("0123456789", 1);
        if (end == 1 || end == std::string_view::npos) return std::nullopt;
        zone.remove_prefix(end);
    }
    if (zone != "Z" && zone != "+00:00") return std::nullopt;
    const std::string day(text.substr(0, 10));
    const sys_seconds t = sys_days{parseDay(day)} + hours{*hh} + minutes{*mm} + seconds{*ss};
    return t.time_since_epoch().count();
}

namespace {

// The payload's own time, never after the hub's clock; 0 when it has none.
std::int64_t generatedAt(const kiosk::upload::Upload& upload, std::int64_t hubNowUnix) {
    const auto sentAt = parseIsoUtc(upload.heartbeat.sentAt);
    return sentAt ? std::min(*sentAt, hubNowUnix) : 0;
}

}  // namespace

UploadTiming postedTiming(const kiosk::upload::Upload& upload, std::int64_t receivedUnix) {
    return {generatedAt(upload, receivedUnix), receivedUnix, receivedUnix};
}

UploadTiming importedTiming(const kiosk::upload::Upload& upload, std::int64_t nowUnix) {
    const std::int64_t generated = generatedAt(upload, nowUnix);
    return {generated, generated, nowUnix};
}

std::expected<Period, std::string> parsePeriod(std::string_view text) {
    const std::string expected = "expected a month like 2026-11 or a quarter like 2026-Q4";
    if (text.size() != 7 || text[4] != '-' || !allDigits(text.substr(0, 4))) return std::unexpected(expected);
    const int yearNumber = std::stoi(std::string(text.substr(0, 4)));
    if (yearNumber < 2000 || yearNumber > 2999) return std::unexpected(expected);
    unsigned firstMonth = 0, lastMonth = 0;
    std::string title;
    if (text[5] == 'Q' && text[6] >= '1' && text[6] <= '4') {
        const unsigned quarter = static_cast<unsigned>(text[6] - '0');
        firstMonth = quarter * 3 - 2;
        lastMonth = quarter * 3;
        title = fmt::format("quý {}/{}", quarter, yearNumber);
    } else if (allDigits(text.substr(5, 2))) {
        firstMonth = lastMonth = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
        if (firstMonth < 1 || firstMonth > 12) return std::unexpected(expected);
        title = fmt::format("tháng {}/{}", firstMonth, yearNumber);
    } else {
        return std::unexpected(expected);
    }
    const year y{yearNumber};
    const year_month_day first = y / month{firstMonth} / 1;
    const year_month_day lastDay{y / month{lastMonth} / std::chrono::last};
    return Period{std::string(text), title, DayRange{format(first), format(lastDay)}};
}

}  // namespace commune
