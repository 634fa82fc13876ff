// Turns the screen off while the kiosk is closed and on again for a touch: the backlight where Linux
// exposes one (/sys/class/backlight/*/bl_power, else brightness), else the screen saver through SDL
// (X11 blanks the screen by DPMS after its own timeout). The touch panel keeps working either way.
#pragma once

#include <filesystem>
#include <string>

namespace platform {

class DisplayPower {
  public:
    // backlightRoot: /sys/class/backlight, or $KIOSK_BACKLIGHT_DIR (tests give a fake folder).
    DisplayPower();
    explicit DisplayPower(std::filesystem::path backlightRoot);
    // Restores the screen: a kiosk that stops while closed must not leave the hall's screen dark.
    ~DisplayPower();
    DisplayPower(const DisplayPower&) = delete;
    DisplayPower& operator=(const DisplayPower&) = delete;

    void setOn(bool on);
    [[nodiscard]] bool isOn() const { return m_on; }
    // "bl_power /sys/class/backlight/rpi_backlight/bl_power", "brightness ...", or "screen saver".
    [[nodiscard]] std::string way() const;

  private:
    enum class Way { BlPower, Brightness, ScreenSaver };
    bool write(const std::string& value);

    Way m_way = Way::ScreenSaver;
    std::filesystem::path m_file;
    std::string m_brightness; // what brightness was before it went to 0
    bool m_on = true;
    bool m_unwritableBacklight = false; // a backlight exists but this user may not write it
};

} // namespace platform
