// Fills a kiosk data folder with bookings made through BookingService::book, for the export test and
// benchmarks: past ones (booked "the day before" with a fixed clock) and future ones (booked now).
// Writes a JSON manifest of what it booked so a test can compare an export against it.
//
// usage: seed_bookings --data-dir DIR [--past N] [--future N] [--past-per-day K] [--manifest FILE]
#include "app/strings.hpp"
#include "bookings/booking_export.hpp"
#include "bookings/bookings.hpp"
#include "common/local_time.hpp"
#include "storage/migrations.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace {

using namespace std::chrono_literals;
using kiosk::LocalDateTime;

constexpr int firstSlotMinute = 7 * 60;
constexpr int slotMinutes = 30;
constexpr int slotsPerDay = 28; // 07:00 .. 21:00
constexpr int capacity = 20;

struct Options {
    std::filesystem::path dataDir;
    int past = 0;
    int future = 0;
    int pastPerDay = 10;
    std::filesystem::path manifest;
};

[[noreturn]] void usage(const std::string& problem) {
    fmt::print(
        stderr,
        "seed_bookings: {}\nusage: seed_bookings --data-dir DIR [--past N] [--future N] [--past-per-day K] "
        "[--manifest FILE]\n",
        problem);
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) usage(arg + " needs a value");
        const std::string value = argv[++i];
        auto number = [&] {
            char* end = nullptr;
            const long n = std::strtol(value.c_str(), &end, 10);
            if (*end != '\0' || n < 0 || n > 1'000'000) usage(arg + " needs a number from 0");
            return static_cast<int>(n);
        };
        if (arg == "--data-dir")
            o.dataDir = value;
        else if (arg == "--past")
            o.past = number();
        else if (arg == "--future")
            o.future = number();
        else if (arg == "--past-per-day")
            o.pastPerDay = std::max(1, number());
        else if (arg == "--manifest")
            o.manifest = value;
        else
            usage("unknown option " + arg);
    }
    if (o.dataDir.empty()) usage("--data-dir is required");
    if (o.future > 13 * slotsPerDay * capacity) usage("--future is more than the booking horizon holds");
    if (o.pastPerDay > slotsPerDay * capacity) usage("--past-per-day is more than a day holds");
    return o;
}

kiosk::BookingRules rules() {
    kiosk::BookingRules r;
    for (auto& day : r.week)
        day = {{{firstSlotMinute, firstSlotMinute + slotsPerDay * slotMinutes}}, slotMinutes};
    r.capacity = capacity;
    r.maxActivePerPhone = 10;
    r.horizonDays = 14;
    return r;
}

// Text that exercises the exports: Vietnamese letters, CSV and iCalendar specials, a formula, long lines.
// Topics as the booking screen stores them (ids, named in Vietnamese by the export), and one free text.
constexpr std::array<const char*, 5> topics{"vneid", "ihanoi", "dichvucong", "khac",
                                            "Nộp hồ sơ; tra cứu, thanh toán"};
const std::array<std::optional<std::string>, 7> names{
    "Bà Nguyễn Thị Hoa",
    "Ông Trần Văn Tư",
    "Cô \"Lan\", xóm Đông",
    "=HYPERLINK(\"http://example.com\",\"Bấm vào đây\")",
    std::nullopt,
    "Chú Đặng Hữu Phước – đội 3",
    "Bà Nguyễn Thị Thu Hương ở xóm Giữa, gần cổng làng, nhờ con gái đặt hộ; gọi sau 17 giờ\\chiều",
};

std::string phoneFor(int index) {
    // Distinct numbers, so the per-phone limit never refuses a seed booking; every 9th a Ha Noi landline.
    if (index % 9 == 4) return fmt::format("024{:08}", 30000000 + index);
    return fmt::format("09{:08}", 10000000 + index);
}

} // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    const auto now = std::chrono::system_clock::now();
    kiosk::db::OpenedDatabase opened = kiosk::db::openKioskDatabase(options.dataDir / "kiosk.db", now);
    // Seed data need not survive a power cut; without a sync per booking, thousands take seconds.
    opened.db.execute("PRAGMA synchronous = OFF");
    kiosk::BookingService service(opened.db, rules());
    const auto today = std::chrono::sys_days{kiosk::toLocal(now).date};

    nlohmann::json manifest = nlohmann::json::array();
    int index = 0;
    auto seed = [&](LocalDateTime slot, std::chrono::system_clock::time_point bookedAt, bool past) {
        kiosk::BookingRequest request;
        request.slot = slot;
        request.topic = topics[index % topics.size()];
        if (index % 3 != 2) {
            request.guideId = "vneid-login";
            request.guideStep = 1 + index % 8;
        }
        request.phone = phoneFor(index);
        request.name = names[index % names.size()];
        auto booked = service.book(request, bookedAt);
        if (!booked) {
            fmt::print(stderr, "seed_bookings: booking {} refused: {}\n", index,
                       kiosk::text::bookingRefusal(booked.error()));
            std::exit(1);
        }
        kiosk::BookingStatus status = kiosk::BookingStatus::booked;
        if (index % 7 == 3)
            status = kiosk::BookingStatus::cancelled;
        else if (past && index % 5 == 1)
            status = kiosk::BookingStatus::done;
        if (status == kiosk::BookingStatus::done) {
            (void)service.changeStatus(booked->code, kiosk::BookingStatus::arrived, 1, bookedAt);
        }
        if (status != kiosk::BookingStatus::booked) {
            if (!service.changeStatus(booked->code, status, 1, bookedAt)) {
                fmt::print(stderr, "seed_bookings: status change {} refused\n", index);
                std::exit(1);
            }
        }
        manifest.push_back(
            {{"code", booked->code},
             {"day", kiosk::isoDay(slot.date)},
             {"minute", slot.minuteOfDay},
             {"topic", request.topic},
             {"guide_id", request.guideId ? nlohmann::json(*request.guideId) : nlohmann::json()},
             {"guide_step", request.guideStep ? nlohmann::json(*request.guideStep) : nlohmann::json()},
             {"phone", booked->phone},
             {"name", request.name ? nlohmann::json(*request.name) : nlohmann::json()},
             {"status", std::string(kiosk::bookingStatusName(status))}});
        ++index;
    };

    for (int i = 0; i < options.past; ++i) {
        const kiosk::LocalDate day{today - std::chrono::days{1 + i / options.pastPerDay}};
        const LocalDateTime slot{day, firstSlotMinute + (i % slotsPerDay) * slotMinutes};
        seed(slot, kiosk::toSystem({day, 0}) - 1h, true); // booked the evening before
    }
    for (int i = 0; i < options.future; ++i) {
        const kiosk::LocalDate day{today + std::chrono::days{1 + (i / slotsPerDay) % 13}};
        const LocalDateTime slot{day, firstSlotMinute + (i % slotsPerDay) * slotMinutes};
        seed(slot, now, false);
    }

    if (!options.manifest.empty()) {
        std::ofstream out(options.manifest);
        out << manifest.dump(1) << '\n';
        if (!out) {
            fmt::print(stderr, "seed_bookings: cannot write {}\n", options.manifest.string());
            return 1;
        }
    }
    fmt::print("seeded {} past and {} future bookings into {}\n", options.past, options.future,
               (options.dataDir / "kiosk.db").string());
    return 0;
}
