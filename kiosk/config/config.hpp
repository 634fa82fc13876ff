// The kiosk's one configuration file (TOML): every key has a default, and a bad key never stops the kiosk.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// One opening interval in minutes after local midnight, e.g. 07:30-11:30 is {450, 690}.
struct TimeInterval {
    int startMinute = 0;
    int endMinute = 0;
    friend bool operator==(const TimeInterval&, const TimeInterval&) = default;
};

struct Config {
    std::string kioskId = "kiosk-chua-dat-ten";
    std::string village = "Nhà văn hóa thôn";
    std::string commune = "";
    std::string teamPhone = ""; // "" = none; shown on the closed page ("Cần giúp, xin gọi ...")
    std::string hubUrl = "";
    std::string hubToken = "";
    int uploadIntervalMinutes = 15;  // 1..1440: how often today's figures so far are sent
    std::filesystem::path hubCaFile; // "" = the system's CA certificates
    int rawEventDays = 60;           // 7..400: raw usage events kept; daily rollups are kept longer
    // Help bookings (kiosk/bookings.hpp). The weekly slots default to the opening hours below.
    int bookingCapacity = 1;            // 1..20 helpers at once
    int bookingSlotMinutes = 30;        // 10..120
    int maxActiveBookingsPerPhone = 2;  // 1..10
    int bookingRetentionDays = 30;      // 1..365: phone and name are erased this long after the appointment
    std::string bookingWebhookUrl = ""; // "" = none; POSTs a small JSON message per booking made or cancelled
    int idleSeconds = 90;               // 10..3600
    int countdownSeconds = 20;          // 5..120: the "Bác còn dùng không?" countdown
    double screenDiagonalInches = 10.1; // 3..100, used to size touch targets in millimetres
    std::string renderer = "software";  // "software" or "accelerated"
    // Outside the opening hours the kiosk shows the closed page and turns the screen off (kiosk/schedule).
    bool sleepWhenClosed = false;
    int wakeSeconds = 120;             // 10..3600: how long a touch on the closed page wakes the kiosk
    std::filesystem::path dataDir;     // defaults to defaultDataDir()
    std::filesystem::path contentRoot; // holds content/ and images/; "" = the program's bundled content
    // Content packs from the hub (kiosk/content_update): the signer's Ed25519 public key, base64; "" = off.
    std::string packPublicKey;
    int updateKilobytesPerSecond = 50; // 1..100000: download speed limit, so the village line stays usable
    int updateCheckSeconds = 900;      // 10..86400: how often the hub is asked for a newer pack
    // Opening hours per weekday, index 0 = Monday .. 6 = Sunday. Default 07:30-11:30, 13:30-21:00 daily.
    std::vector<TimeInterval> openingHours[7];

    Config();
};

// A problem found in a config file, printed as "file:line: message".
struct ConfigIssue {
    std::string file;
    int line = 0; // 0 when the problem has no line (e.g. the file cannot be read)
    std::string message;
    [[nodiscard]] std::string text() const;
};

struct ConfigLoad {
    Config config;                   // defaults where the file was missing, broken or had a bad value
    std::vector<ConfigIssue> issues; // empty when the file was read cleanly
    bool fileFound = false;
};

// Parses TOML text. A syntax error keeps every default; an unknown key or bad value keeps that key's default.
[[nodiscard]] ConfigLoad parseConfig(std::string_view text, std::string_view fileName);
// Reads the file; a missing file is not an issue (every key has a default), an unreadable one is.
[[nodiscard]] ConfigLoad loadConfig(const std::filesystem::path& file);

// $XDG_DATA_HOME/village-kiosk, or ~/.local/share/village-kiosk.
[[nodiscard]] std::filesystem::path defaultDataDir();

// Formats "07:30-11:30, 13:30-21:00" back from intervals (for the staff screen).
[[nodiscard]] std::string formatIntervals(const std::vector<TimeInterval>& intervals);

} // namespace kiosk
