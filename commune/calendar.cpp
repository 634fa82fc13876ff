#include "calendar.hpp"

#include "common/local_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace commune {

namespace {

using namespace std::chrono;

bool allDigits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// The payload's own time, never after the hub's clock; 0 when it has none.
std::int64_t generatedAt(const kiosk::upload::Upload& upload, std::int64_t hubNowUnix) {
    const auto sentAt = kiosk::parseIsoUtc(upload.heartbeat.sentAt);
    return sentAt ? std::min(static_cast<std::int64_t>(sentAt->time_since_epoch().count()), hubNowUnix) : 0;
}

} // namespace

UploadTiming postedTiming(const kiosk::upload::Upload& upload, std::int64_t receivedUnix) {
    return {generatedAt(upload, receivedUnix), receivedUnix, receivedUnix};
}

UploadTiming importedTiming(const kiosk::upload::Upload& upload, std::int64_t nowUnix) {
    const std::int64_t generated = generatedAt(upload, nowUnix);
    return {generated, generated, nowUnix};
}

kiosk::Result<Period> parsePeriod(std::string_view text) {
    const auto invalid = [] {
        return kiosk::fail(kiosk::ErrorKind::invalidInput,
                           "expected a month like 2026-11 or a quarter like 2026-Q4");
    };
    if (text.size() != 7 || text[4] != '-' || !allDigits(text.substr(0, 4))) return invalid();
    const int yearNumber = std::stoi(std::string(text.substr(0, 4)));
    if (yearNumber < 2000 || yearNumber > 2999) return invalid();
    unsigned firstMonth = 0, lastMonth = 0;
    std::string title;
    if (text[5] == 'Q' && text[6] >= '1' && text[6] <= '4') {
        const unsigned quarter = static_cast<unsigned>(text[6] - '0');
        firstMonth = quarter * 3 - 2;
        lastMonth = quarter * 3;
        title = fmt::format("quý {}/{}", quarter, yearNumber);
    } else if (allDigits(text.substr(5, 2))) {
        firstMonth = lastMonth = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
        if (firstMonth < 1 || firstMonth > 12) return invalid();
        title = fmt::format("tháng {}/{}", firstMonth, yearNumber);
    } else {
        return invalid();
    }
    const year y{yearNumber};
    const year_month_day first = y / month{firstMonth} / 1;
    const year_month_day lastDay{y / month{lastMonth} / std::chrono::last};
    return Period{std::string(text), title, DayRange{kiosk::isoDay(first), kiosk::isoDay(lastDay)}};
}

} // namespace commune
