#include "shared_helpers.hpp"

#include <fmt/format.h>
#include <sodium.h>

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
