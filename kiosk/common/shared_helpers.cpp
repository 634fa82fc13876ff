#include "common/shared_helpers.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <cstdio>
#include <stdexcept>

namespace kiosk {

namespace {
std::string formatUtc(std::chrono::system_clock::time_point t, const char* pattern) {
    using namespace std::chrono;
    const auto secs = floor<seconds>(t);
    const auto day = floor<days>(secs);
    const year_month_day ymd{day};
    const hh_mm_ss hms{secs - day};
    return fmt::format(fmt::runtime(pattern), static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count(),
                       hms.seconds().count());
}
}  // namespace

std::string isoDay(std::chrono::year_month_day date) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::optional<std::chrono::year_month_day> parseIsoDay(std::string_view text) {
    int year = 0;
    unsigned month = 0, day = 0;
    char rest = 0;
    const std::string copy(text);
    if (text.size() != 10 || std::sscanf(copy.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &rest) != 3) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date = std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string isoUtc(std::chrono::system_clock::time_point t) {
    return formatUtc(t, "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z");
}

std::string compactUtc(std::chrono::system_clock::time_point t) {
    return formatUtc(t, "{:04}{:02}{:02}-{:02}{:02}{:02}");
}

void ensureSodium() {
    static const int status = sodium_init();
    if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace kiosk
