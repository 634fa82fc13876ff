// The screen's power while the kiosk is closed: bl_power first, else brightness (restored to what it
// was), written into a folder laid out as /sys/class/backlight; and back on when the kiosk stops.
#include "platform/display_power.hpp"

#include "../kiosk/temp_dir.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {
void writeFile(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}
std::string readFile(const fs::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}
} // namespace

TEST_CASE("display power: bl_power goes to 4 and back to 0, and on again when the kiosk stops") {
    test::TempDir root("kiosk-backlight");
    writeFile(root.path / "panel" / "bl_power", "0\n");
    writeFile(root.path / "panel" / "brightness", "200\n");
    {
        platform::DisplayPower power(root.path);
        CHECK(power.way() == "bl_power " + (root.path / "panel" / "bl_power").string());
        power.setOn(false);
        CHECK_FALSE(power.isOn());
        CHECK(readFile(root.path / "panel" / "bl_power") == "4");
        CHECK(readFile(root.path / "panel" / "brightness") == "200"); // untouched
        power.setOn(true);
        CHECK(readFile(root.path / "panel" / "bl_power") == "0");
        power.setOn(false);
    }
    CHECK(readFile(root.path / "panel" / "bl_power") == "0");
}

TEST_CASE("display power: without bl_power the brightness goes to 0 and back to what it was") {
    test::TempDir root("kiosk-backlight");
    writeFile(root.path / "panel" / "brightness", "137\n");
    writeFile(root.path / "panel" / "max_brightness", "255\n");
    platform::DisplayPower power(root.path);
    CHECK(power.way().starts_with("brightness "));
    power.setOn(false);
    CHECK(readFile(root.path / "panel" / "brightness") == "0");
    power.setOn(true);
    CHECK(readFile(root.path / "panel" / "brightness") == "137");
    // Found at 0 (someone dimmed it fully): it comes back at the panel's maximum, never stays dark.
    writeFile(root.path / "panel" / "brightness", "0\n");
    power.setOn(false);
    power.setOn(true);
    CHECK(readFile(root.path / "panel" / "brightness") == "255");
}

TEST_CASE("display power: no backlight folder means the screen saver") {
    test::TempDir root("kiosk-backlight");
    platform::DisplayPower power(root.path / "absent");
    CHECK(power.way() == "screen saver");
    power.setOn(false); // SDL's video is not running here: SDL_EnableScreenSaver does nothing
    CHECK_FALSE(power.isOn());
    power.setOn(true);
    CHECK(power.isOn());
}
