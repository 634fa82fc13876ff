// The fleet page: each kiosk's last heartbeat, and a mark (red and in words) on one silent for more than
// 24 hours, one never heard from, or one with little disk left.
#include "fleet.hpp"

#include <doctest/doctest.h>

using commune::KioskStatus;

namespace {
constexpr std::int64_t kNow = 1795600000;

KioskStatus healthy() {
    KioskStatus k{"thon-dong-01", "Thôn Đông",     kNow - 600, "0.1.0", 93600,
                  2048,           "2026-11-01/18", "",         2,       51.5};
    return k;
}
} // namespace

TEST_CASE("Fleet: a kiosk heard from within 24 hours with room on its disk needs nothing") {
    CHECK(commune::fleetProblems(healthy(), kNow).empty());
    auto justInTime = healthy();
    justInTime.lastSeenUnix = kNow - commune::kSilentAfterSeconds;
    CHECK(commune::fleetProblems(justInTime, kNow).empty());
}

TEST_CASE("Fleet: silent over 24 hours, never heard from, or low disk are marked in words") {
    auto silent = healthy();
    silent.lastSeenUnix = kNow - commune::kSilentAfterSeconds - 3600;
    REQUIRE(commune::fleetProblems(silent, kNow).size() == 1);
    CHECK(commune::fleetProblems(silent, kNow)[0] == "Không gửi tin quá 24 giờ (1 ngày 1 giờ)");

    auto never = healthy();
    never.lastSeenUnix = 0;
    never.freeDiskMb = 0; // never sent: its disk figure is no figure
    REQUIRE(commune::fleetProblems(never, kNow).size() == 1);
    CHECK(commune::fleetProblems(never, kNow)[0] == "Chưa gửi tin lần nào");

    auto full = healthy();
    full.freeDiskMb = commune::kLowDiskMb - 1;
    REQUIRE(commune::fleetProblems(full, kNow).size() == 1);
    CHECK(commune::fleetProblems(full, kNow)[0] == "Đĩa sắp đầy: còn 499 MB (dưới 500 MB)");
}

TEST_CASE("Fleet: the page shows every figure, a dash for unknown ones, and marks with class and text") {
    auto old = healthy();
    old.kioskId = "thon-tay-01";
    old.village = "Thôn Tây";
    old.restartsSinceBoot.reset();
    old.socTemperatureC.reset();
    old.lastSeenUnix = kNow - 3 * 86400;
    old.lastError = "upload: <timeout>";
    const std::string page = commune::renderFleetHtml({healthy(), old}, kNow);
    CHECK(page.find("<td>Ổn</td><td>Thôn Đông</td><td>thon-dong-01</td>") != std::string::npos);
    CHECK(page.find("<td>1 ngày 2 giờ</td><td>2</td><td>2048</td><td>51.5</td>") != std::string::npos);
    CHECK(page.find("<td class=\"alert\">CẦN KIỂM TRA: Không gửi tin quá 24 giờ (3 ngày 0 giờ).</td>"
                    "<td>Thôn Tây</td>") != std::string::npos);
    CHECK(page.find("<td>—</td><td>2048</td><td>—</td>") != std::string::npos); // unknown, never 0
    CHECK(page.find("upload: &lt;timeout&gt;") != std::string::npos);
    CHECK(page.find("2 ki-ốt, 1 cần kiểm tra") != std::string::npos);
}

TEST_CASE("Fleet: durations read in days and hours, hours and minutes, or minutes") {
    CHECK(commune::durationText(93600) == "1 ngày 2 giờ");
    CHECK(commune::durationText(3 * 3600 + 12 * 60) == "3 giờ 12 phút");
    CHECK(commune::durationText(2400) == "40 phút");
    CHECK(commune::durationText(-5) == "0 phút");
}

TEST_CASE("Fleet: the kiosks that need a look come first, then the rest, each by village") {
    auto kiosk = [](std::string id, std::string village, std::int64_t lastSeen, std::int64_t diskMb) {
        auto k = healthy();
        k.kioskId = std::move(id);
        k.village = std::move(village);
        k.lastSeenUnix = lastSeen;
        k.freeDiskMb = diskMb;
        return k;
    };
    const std::vector<KioskStatus> byVillage{
        kiosk("an-01", "Thôn An", kNow - 600, 2048),
        kiosk("bac-01", "Thôn Bắc", kNow - 2 * 86400, 2048), // silent
        kiosk("cau-01", "Thôn Cầu", 0, 0),                   // never seen
        kiosk("dong-01", "Thôn Đông", kNow - 600, 100),      // low disk
        kiosk("ha-01", "Thôn Hạ", kNow - 600, 2048),
    };
    std::vector<std::string> order;
    for (const auto& k : commune::fleetOrder(byVillage, kNow))
        order.push_back(k.kioskId);
    CHECK(order == std::vector<std::string>{"bac-01", "cau-01", "dong-01", "an-01", "ha-01"});

    // The page itself: the low-disk kiosk's row above the healthy one of an earlier village.
    const std::string page = commune::renderFleetHtml(byVillage, kNow);
    REQUIRE(page.find("<td>dong-01</td>") != std::string::npos);
    REQUIRE(page.find("<td>an-01</td>") != std::string::npos);
    CHECK(page.find("<td>dong-01</td>") < page.find("<td>an-01</td>"));
    CHECK(page.find("<td>bac-01</td>") < page.find("<td>cau-01</td>"));
}
