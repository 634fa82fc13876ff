#include "schedule/opening_hours.hpp"

#include <fmt/format.h>

namespace kiosk {

namespace {
constexpr int kMinutesPerDay = 24 * 60;

LocalDate dayAfter(LocalDate date, int days) {
    return LocalDate{std::chrono::sys_days{date} + std::chrono::days{days}};
}

const std::vector<TimeInterval>& hoursOf(const WeekHours& week, LocalDate date) {
    return week[weekdayIndex(date)];
}

// The interval holding `minute` that day, if any.
const TimeInterval* intervalAt(const std::vector<TimeInterval>& day, int minute) {
    for (const TimeInterval& interval : day)
        if (interval.startMinute <= minute && minute < interval.endMinute) return &interval;
    return nullptr;
}

// Open at `minute` of `date`: the end of the opening, following intervals that run on past midnight.
std::optional<LocalDateTime> closingAfter(const WeekHours& week, LocalDate date,
                                          const TimeInterval& current) {
    TimeInterval interval = current;
    for (int day = 0; day <= 7; ++day) {
        if (interval.endMinute < kMinutesPerDay)
            return LocalDateTime{dayAfter(date, day), interval.endMinute};
        const auto& next = hoursOf(week, dayAfter(date, day + 1));
        if (next.empty() || next.front().startMinute != 0)
            return LocalDateTime{dayAfter(date, day + 1), 0}; // closes at midnight
        interval = next.front();
    }
    return std::nullopt; // open round the clock all week
}

std::optional<LocalDateTime> openingAfter(const WeekHours& week, LocalDate date, int minute) {
    for (int day = 0; day <= 7; ++day) {
        for (const TimeInterval& interval : hoursOf(week, dayAfter(date, day))) {
            if (day == 0 && interval.startMinute <= minute) continue;
            return LocalDateTime{dayAfter(date, day), interval.startMinute};
        }
    }
    return std::nullopt; // closed every day
}
} // namespace

int weekdayIndex(LocalDate date) {
    const unsigned sundayFirst = std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding();
    return static_cast<int>((sundayFirst + 6) % 7);
}

OpeningStatus openingStatus(const WeekHours& week, LocalDateTime now) {
    if (const TimeInterval* interval = intervalAt(hoursOf(week, now.date), now.minuteOfDay))
        return {true, closingAfter(week, now.date, *interval)};
    return {false, openingAfter(week, now.date, now.minuteOfDay)};
}

const char* weekdayName(int index) {
    static constexpr const char* kNames[] = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                             "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
    return index >= 0 && index < 7 ? kNames[index] : "";
}

std::string openingTimeText(LocalDateTime now, LocalDateTime opening) {
    const auto days = (std::chrono::sys_days{opening.date} - std::chrono::sys_days{now.date}).count();
    const std::string time = clockTime(opening.minuteOfDay);
    std::string weekday = weekdayName(weekdayIndex(opening.date));
    if (days == 0) return time + " hôm nay";
    // "thứ Sáu" mid-sentence: only "Chủ nhật" keeps its capital.
    if (weekday.starts_with("Thứ")) weekday[0] = 't';
    if (days == 1) return fmt::format("{} ngày mai ({})", time, weekday);
    return fmt::format("{} {}", time, weekday);
}

} // namespace kiosk
