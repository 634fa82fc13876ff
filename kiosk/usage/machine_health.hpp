// What the heartbeat tells the technician about the machine itself: how often the kiosk restarted since
// the machine booted (a crash loop shows as a growing count), and the SoC's temperature.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

namespace kiosk {

// Counts this start: <dataDir>/starts-since-boot holds "<boot id> <starts>", and a new boot id (the
// machine restarted) begins again at one. Returns the restarts, starts - 1; nullopt when the boot id or
// the file cannot be read or written (the heartbeat then says "unknown", not 0).
[[nodiscard]] std::optional<std::int64_t>
countStartSinceBoot(const std::filesystem::path& dataDir,
                    const std::filesystem::path& bootIdFile = "/proc/sys/kernel/random/boot_id");

// Degrees C (to 0.1) from thermalRoot/thermal_zone*/temp (millidegrees): the zone whose type names the CPU
// or SoC (the Pi's "cpu-thermal"), else the first readable one; nullopt when there is none.
[[nodiscard]] std::optional<double>
socTemperatureC(const std::filesystem::path& thermalRoot = "/sys/class/thermal");

} // namespace kiosk
