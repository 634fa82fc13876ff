// When the community house is open (Config::openingHours, Vietnam time, no daylight saving), when it
// opens or closes next, and how the closed page says the next opening in Vietnamese.
#pragma once

#include "common/local_time.hpp"
#include "config/config.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// Index 0 = Monday .. 6 = Sunday, as Config::openingHours.
using WeekHours = std::vector<TimeInterval>[7];

[[nodiscard]] int weekdayIndex(LocalDate date); // 0 = Monday .. 6 = Sunday

struct OpeningStatus {
    bool open = false;
    // Open: when it closes (an interval ending 24:00 runs on into one starting 00:00 the next day);
    // closed: when it opens. nullopt when that never happens (open all week, or never open).
    std::optional<LocalDateTime> nextChange;
};

[[nodiscard]] OpeningStatus openingStatus(const WeekHours& week, LocalDateTime now);

// "07:30 hôm nay", "07:30 sáng mai (thứ Sáu)", "14:00 thứ Hai": the next opening as seen from `now`.
[[nodiscard]] std::string openingTimeText(LocalDateTime now, LocalDateTime opening);

// "Thứ Hai" .. "Chủ nhật" for weekdayIndex 0..6.
[[nodiscard]] const char* weekdayName(int index);

} // namespace kiosk
