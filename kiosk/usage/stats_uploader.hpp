// Decides what usage figures go to the commune hub: each finished day once (complete), and today's so far
// every upload interval, each as one upload (kiosk/common/include/common/usage_upload.hpp) keyed kiosk id +
// ":" + day, so a re-send replaces the day on the hub and in the outbox. Also writes the same uploads to a
// file (kiosk --export-stats).
#pragma once

#include "common/error.hpp"
#include "common/usage_upload.hpp"
#include "upload/outbox.hpp"
#include "usage/usage_events.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

struct UploaderSettings {
    std::string kioskId;
    std::string village;
    std::string destination; // the hub's upload URL (see hubUploadUrl)
    std::chrono::minutes interval{15};
    std::filesystem::path dataDir; // its free space goes in the heartbeat
    std::string contentVersion;
    std::chrono::system_clock::time_point startedAt; // for the uptime
    std::optional<std::int64_t> restartsSinceBoot;   // countStartSinceBoot (usage/machine_health.hpp)
    std::filesystem::path thermalRoot = "/sys/class/thermal"; // read at each heartbeat; "" = no sensor
};

// The URL uploads are POSTed to, from the config's hub.url: used as is when it already ends in
// /api/v1/uploads,
// "<url>/v1/uploads" when it ends in /api (as in the example config), else "<url>/api/v1/uploads".
[[nodiscard]] std::string hubUploadUrl(std::string_view hubUrl);

// A finished day is finalised this long after local midnight: the recorder may still be writing the last
// events of a session that ran past midnight.
inline constexpr std::chrono::minutes kFinalizeGrace{10};

class StatsUploader {
  public:
    StatsUploader(UsageStore& usage, Outbox& outbox, UploaderSettings settings);

    // Puts in the outbox what is due at `now`: finished days not yet sent complete, then today's figures so
    // far if the interval has passed since the last time (or this is the first call). lastError goes in the
    // heartbeat. Returns how many messages were enqueued.
    std::size_t enqueueDue(std::chrono::system_clock::time_point now, std::string_view lastError);

    [[nodiscard]] upload::Upload makeUpload(upload::DailyRollup day,
                                            std::chrono::system_clock::time_point now,
                                            std::string_view lastError) const;
    [[nodiscard]] std::string idempotencyKey(std::string_view day) const;

  private:
    UsageStore& m_usage;
    Outbox& m_outbox;
    UploaderSettings m_settings;
    std::optional<std::chrono::system_clock::time_point> m_lastTodaySent;
};

// Writes one upload JSON per line for every day whose rollup is still present (raw events or stored), oldest
// first. Returns how many lines were written, or why the file could not be written.
[[nodiscard]] Result<std::size_t> writeExport(const std::filesystem::path& file, UsageStore& usage,
                                              const UploaderSettings& settings,
                                              std::chrono::system_clock::time_point now);

} // namespace kiosk
