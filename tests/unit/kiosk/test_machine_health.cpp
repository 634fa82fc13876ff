// The heartbeat's machine figures: restarts since boot (a counter keyed by the boot id) and the SoC's
// temperature from a thermal folder laid out as /sys/class/thermal.
#include "temp_dir.hpp"
#include "usage/machine_health.hpp"
#include "usage/stats_uploader.hpp"

#include <doctest/doctest.h>

#include <fstream>

namespace fs = std::filesystem;

namespace {
void writeFile(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}
} // namespace

TEST_CASE("Machine health: restarts count up within one boot and start again after a reboot") {
    test::TempDir dir;
    const fs::path bootId = dir.path / "boot_id";
    writeFile(bootId, "1111-aaaa\n");
    CHECK(kiosk::countStartSinceBoot(dir.path, bootId) == 0); // the first start is no restart
    CHECK(kiosk::countStartSinceBoot(dir.path, bootId) == 1);
    CHECK(kiosk::countStartSinceBoot(dir.path, bootId) == 2);
    writeFile(bootId, "2222-bbbb\n"); // the machine rebooted
    CHECK(kiosk::countStartSinceBoot(dir.path, bootId) == 0);
    CHECK(kiosk::countStartSinceBoot(dir.path, bootId) == 1);
}

TEST_CASE("Machine health: no boot id or an unwritable folder gives unknown, not 0") {
    test::TempDir dir;
    CHECK_FALSE(kiosk::countStartSinceBoot(dir.path, dir.path / "missing").has_value());
    writeFile(dir.path / "boot_id", "1111-aaaa\n");
    CHECK_FALSE(kiosk::countStartSinceBoot(dir.path / "no-such-folder", dir.path / "boot_id").has_value());
    // A torn or foreign counter file counts as the first start.
    writeFile(dir.path / "starts-since-boot", "garbage");
    CHECK(kiosk::countStartSinceBoot(dir.path, dir.path / "boot_id") == 0);
}

TEST_CASE("Machine health: the CPU zone's temperature, else the first, else none") {
    test::TempDir dir;
    CHECK_FALSE(kiosk::socTemperatureC(dir.path).has_value());
    CHECK_FALSE(kiosk::socTemperatureC(dir.path / "absent").has_value());
    writeFile(dir.path / "thermal_zone0" / "type", "acpitz\n");
    writeFile(dir.path / "thermal_zone0" / "temp", "27800\n");
    CHECK(kiosk::socTemperatureC(dir.path) == doctest::Approx(27.8));
    writeFile(dir.path / "thermal_zone1" / "type", "cpu-thermal\n");
    writeFile(dir.path / "thermal_zone1" / "temp", "51540\n");
    CHECK(kiosk::socTemperatureC(dir.path) == doctest::Approx(51.5));
    writeFile(dir.path / "thermal_zone1" / "temp", "not a number\n");
    CHECK(kiosk::socTemperatureC(dir.path) == doctest::Approx(27.8));
    writeFile(dir.path / "thermal_zone0" / "temp", "999000\n"); // 999 °C: a broken sensor, not a figure
    CHECK_FALSE(kiosk::socTemperatureC(dir.path).has_value());
}
