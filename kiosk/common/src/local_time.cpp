#include "common/local_time.hpp"

#include <fmt/format.h>

namespace kiosk {

namespace {

using namespace std::chrono;

sys_seconds fromUnix(std::int64_t unixSeconds) {
    return sys_seconds{seconds{unixSeconds}};
}

std::string formatUtc(system_clock::time_point t, const char* pattern) {
    const auto secs = floor<seconds>(t);
    const auto day = floor<days>(secs);
    const year_month_day ymd{day};
    const hh_mm_ss hms{secs - day};
    return fmt::format(fmt::runtime(pattern), static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

bool allDigits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

} // namespace

LocalDateTime toLocal(system_clock::time_point t) {
    const auto local = floor<minutes>(t) + localUtcOffset;
    const auto day = floor<days>(local);
    return {year_month_day{day}, static_cast<int>((local - day).count())};
}

system_clock::time_point toSystem(const LocalDateTime& local) {
    return sys_days{local.date} + minutes{local.minuteOfDay} - localUtcOffset;
}

std::string isoDay(LocalDate date) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<LocalDate> parseIsoDay(std::string_view text) {
    if (!isCalendarDay(text)) return std::nullopt;
    const auto number = [&](std::size_t from, std::size_t count) {
        int n = 0;
        for (std::size_t i = from; i < from + count; ++i)
            n = n * 10 + (text[i] - '0');
        return n;
    };
    return year{number(0, 4)} / month{static_cast<unsigned>(number(5, 2))} /
           day{static_cast<unsigned>(number(8, 2))};
}

std::string localDay(system_clock::time_point t) {
    return isoDay(toLocal(t).date);
}

std::string localDay(std::int64_t unixSeconds) {
    return localDay(fromUnix(unixSeconds));
}

std::string addDays(std::string_view day, int count) {
    const auto parsed = parseIsoDay(day);
    if (!parsed) return std::string(day);
    return isoDay(year_month_day{sys_days{*parsed} + days{count}});
}

std::string clockTime(int minuteOfDay) {
    return fmt::format("{:02}:{:02}", minuteOfDay / 60, minuteOfDay % 60);
}

std::string localTimeAndDay(system_clock::time_point t) {
    const LocalDateTime local = toLocal(t);
    return fmt::format("{} {:02}/{:02}", clockTime(local.minuteOfDay),
                       static_cast<unsigned>(local.date.day()), static_cast<unsigned>(local.date.month()));
}

std::string localDateTime(system_clock::time_point t) {
    const LocalDateTime local = toLocal(t);
    return fmt::format("{:02}/{:02}/{:04} {}", static_cast<unsigned>(local.date.day()),
                       static_cast<unsigned>(local.date.month()), static_cast<int>(local.date.year()),
                       clockTime(local.minuteOfDay));
}

std::string localDateTime(std::int64_t unixSeconds) {
    return localDateTime(fromUnix(unixSeconds));
}

std::string isoUtc(system_clock::time_point t) {
    return formatUtc(t, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z");
}

std::string isoUtc(std::int64_t unixSeconds) {
    return isoUtc(fromUnix(unixSeconds));
}

std::optional<sys_seconds> parseIsoUtc(std::string_view text) {
    if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
    const auto date = parseIsoDay(text.substr(0, 10));
    if (!date) return std::nullopt;
    const auto twoDigits = [&](std::size_t at, int max) -> std::optional<int> {
        if (!allDigits(text.substr(at, 2))) return std::nullopt;
        const int n = (text[at] - '0') * 10 + (text[at + 1] - '0');
        return n <= max ? std::optional(n) : std::nullopt;
    };
    const auto hh = twoDigits(11, 23), mm = twoDigits(14, 59), ss = twoDigits(17, 59);
    if (!hh || !mm || !ss) return std::nullopt;
    std::string_view zone = text.substr(19);
    if (zone.starts_with('.')) { // a fraction: whole seconds are enough to order uploads
        const auto end = zone.find_first_not_of("0123456789", 1);
        if (end == 1 || end == std::string_view::npos) return std::nullopt;
        zone.remove_prefix(end);
    }
    if (zone != "Z" && zone != "+00:00") return std::nullopt;
    return sys_days{*date} + hours{*hh} + minutes{*mm} + seconds{*ss};
}

std::string compactUtc(system_clock::time_point t) {
    return formatUtc(t, "{:04}{:02}{:02}-{:02}{:02}{:02}");
}

} // namespace kiosk
