// Books help slots as fast as it can, the way the kiosk does (openKioskDatabase, BookingService::book),
// and prints "CONFIRMED <code>" after each booking that book() returned: that line stands for the
// confirmation screen a resident reads. The durability test kills it at random moments and then checks
// that every confirmed code is in the database.
//
// usage: booking_burst --data-dir DIR [--count N]     (no --count: until killed)
#include "app/strings.hpp"
#include "bookings/bookings.hpp"
#include "storage/migrations.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

[[noreturn]] void usage(const std::string& problem) {
    fmt::print(stderr, "booking_burst: {}\nusage: booking_burst --data-dir DIR [--count N]\n", problem);
    std::exit(2);
}

// Every day, all day, 20 helpers per slot: 48 x 20 places a day, 14 days ahead, so a burst never runs out.
kiosk::BookingRules roomyRules() {
    kiosk::BookingRules rules;
    for (auto& day : rules.week)
        day = {{{0, 24 * 60}}, 30};
    rules.capacity = 20;
    rules.maxActivePerPhone = 10;
    rules.horizonDays = 14;
    return rules;
}

} // namespace

int main(int argc, char** argv) {
    std::filesystem::path dataDir;
    long count = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) usage(arg + " needs a value");
        if (arg == "--data-dir")
            dataDir = argv[++i];
        else if (arg == "--count")
            count = std::strtol(argv[++i], nullptr, 10);
        else
            usage("unknown option " + arg);
    }
    if (dataDir.empty()) usage("--data-dir is required");

    kiosk::db::OpenedDatabase opened =
        kiosk::db::openKioskDatabase(dataDir / "kiosk.db", std::chrono::system_clock::now());
    if (opened.movedAsideTo) { // a kill must never corrupt the file: that is what the test is for
        fmt::print(stderr, "booking_burst: {}\n", opened.notice);
        return 4;
    }
    kiosk::BookingService service(opened.db, roomyRules());

    // Distinct enough phone numbers (mobile, 09 + 8 digits) that the per-phone limit is never the reason.
    std::mt19937 random(std::random_device{}());
    std::uniform_int_distribution<int> eightDigits(0, 99'999'999);

    const auto today = std::chrono::sys_days{kiosk::toLocal(std::chrono::system_clock::now()).date};
    int dayOffset = 0;
    for (long booked = 0; count < 0 || booked < count;) {
        const auto now = std::chrono::system_clock::now();
        const std::vector<kiosk::Slot> slots =
            service.availableSlots(kiosk::LocalDate{today + std::chrono::days{dayOffset}}, now);
        if (slots.empty()) {
            if (++dayOffset == 14) {
                fmt::print(stderr, "booking_burst: every slot of the next 14 days is taken\n");
                return 3;
            }
            continue;
        }
        kiosk::BookingRequest request;
        request.slot = slots.front().start;
        request.topic = "VNeID";
        request.phone = fmt::format("09{:08}", eightDigits(random));
        request.name = "Bà Hoa";
        const auto result = service.book(request, now);
        if (!result) {
            if (result.error().code == kiosk::BookingErrorCode::tooManyActive) continue; // a repeated number
            fmt::print(stderr, "booking_burst: refused: {}\n", kiosk::text::bookingRefusal(result.error()));
            return 1;
        }
        // One write per line, flushed at once: the "confirmation screen" is shown only after book() returned.
        fmt::print("CONFIRMED {}\n", result->code);
        std::fflush(stdout);
        ++booked;
    }
    return 0;
}
