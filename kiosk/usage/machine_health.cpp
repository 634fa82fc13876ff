#include "usage/machine_health.hpp"

#include "common/usage_upload.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace kiosk {

namespace {
std::string firstLine(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::optional<double> zoneTemperature(const std::filesystem::path& zone) {
    std::ifstream in(zone / "temp");
    long long milli = 0;
    if (!(in >> milli)) return std::nullopt;
    const double celsius = std::round(static_cast<double>(milli) / 100.0) / 10.0;
    if (celsius < upload::kMinTemperatureC || celsius > upload::kMaxTemperatureC) return std::nullopt;
    return celsius;
}
} // namespace

std::optional<std::int64_t> countStartSinceBoot(const std::filesystem::path& dataDir,
                                                const std::filesystem::path& bootIdFile) {
    const std::string bootId = firstLine(bootIdFile);
    if (bootId.empty() || bootId.find(' ') != std::string::npos) return std::nullopt;
    const std::filesystem::path file = dataDir / "starts-since-boot";
    std::int64_t starts = 1;
    {
        std::ifstream in(file);
        std::string storedId;
        std::int64_t storedStarts = 0;
        if (in >> storedId >> storedStarts && storedId == bootId && storedStarts > 0)
            starts = storedStarts + 1;
    }
    // Written next to it and renamed: a power cut mid-write leaves the old count, never a torn file.
    const std::filesystem::path temporary = dataDir / "starts-since-boot.new";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << bootId << ' ' << starts << '\n';
        out.close();
        if (!out) return std::nullopt;
    }
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error) return std::nullopt;
    return starts - 1;
}

std::optional<double> socTemperatureC(const std::filesystem::path& thermalRoot) {
    std::error_code error;
    std::vector<std::filesystem::path> zones;
    for (const auto& entry : std::filesystem::directory_iterator(thermalRoot, error))
        if (entry.path().filename().string().starts_with("thermal_zone")) zones.push_back(entry.path());
    std::ranges::sort(zones);
    for (const auto& zone : zones) {
        const std::string type = firstLine(zone / "type");
        if (type.find("cpu") != std::string::npos || type.find("soc") != std::string::npos)
            if (auto celsius = zoneTemperature(zone)) return celsius;
    }
    for (const auto& zone : zones)
        if (auto celsius = zoneTemperature(zone)) return celsius;
    return std::nullopt;
}

} // namespace kiosk
