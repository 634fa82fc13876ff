#include "platform/display_power.hpp"

#include <SDL.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <system_error>
#include <vector>

namespace platform {

namespace {
bool writable(const std::filesystem::path& file) {
    return ::access(file.c_str(), W_OK) == 0;
}

std::string readLine(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::filesystem::path defaultRoot() {
    if (const char* dir = std::getenv("KIOSK_BACKLIGHT_DIR")) return dir;
    return "/sys/class/backlight";
}

// bl_power: 0 on, 4 off (FB_BLANK_POWERDOWN), Documentation/ABI/stable/sysfs-class-backlight.
constexpr const char* kBlOn = "0";
constexpr const char* kBlOff = "4";
} // namespace

DisplayPower::DisplayPower() : DisplayPower(defaultRoot()) {}

DisplayPower::DisplayPower(std::filesystem::path backlightRoot) {
    std::error_code error;
    std::vector<std::filesystem::path> devices;
    for (const auto& entry : std::filesystem::directory_iterator(backlightRoot, error))
        devices.push_back(entry.path());
    std::ranges::sort(devices); // the same device every start
    for (const auto& device : devices) {
        if (writable(device / "bl_power")) {
            m_way = Way::BlPower;
            m_file = device / "bl_power";
            return;
        }
    }
    for (const auto& device : devices) {
        if (writable(device / "brightness")) {
            m_way = Way::Brightness;
            m_file = device / "brightness";
            return;
        }
    }
    if (!devices.empty()) {
        fmt::print(stderr,
                   "kiosk: screen: {} has a backlight the kiosk user may not write (see "
                   "platform/deploy/README.md): the screen saver blanks instead\n",
                   backlightRoot.string());
    }
}

DisplayPower::~DisplayPower() {
    if (!m_on) setOn(true);
}

std::string DisplayPower::way() const {
    switch (m_way) {
    case Way::BlPower:
        return "bl_power " + m_file.string();
    case Way::Brightness:
        return "brightness " + m_file.string();
    case Way::ScreenSaver:
        break;
    }
    return "screen saver";
}

bool DisplayPower::write(const std::string& value) {
    std::ofstream out(m_file);
    out << value << '\n';
    out.close();
    if (!out) fmt::print(stderr, "kiosk: screen: cannot write {} to {}\n", value, m_file.string());
    return static_cast<bool>(out);
}

void DisplayPower::setOn(bool on) {
    if (on == m_on) return;
    switch (m_way) {
    case Way::BlPower:
        write(on ? kBlOn : kBlOff);
        break;
    case Way::Brightness:
        if (!on) m_brightness = readLine(m_file);
        if (on && (m_brightness.empty() || m_brightness == "0")) // unknown before: full brightness
            m_brightness = readLine(m_file.parent_path() / "max_brightness");
        write(on ? m_brightness : "0");
        break;
    case Way::ScreenSaver:
        if (!on && m_unwritableBacklight) {
            fmt::print(stderr, "kiosk: screen: the backlight is not writable by this user (see "
                               "platform/deploy/README.md): the screen saver blanks instead\n");
            m_unwritableBacklight = false; // said once
        }
        // SDL keeps the screen saver off while the kiosk runs; let X11's DPMS blank the screen now.
        if (on)
            SDL_DisableScreenSaver();
        else
            SDL_EnableScreenSaver();
        break;
    }
    m_on = on;
    fmt::print(stderr, "kiosk: screen: {} ({})\n", on ? "on" : "off", way());
}

} // namespace platform
