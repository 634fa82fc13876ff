#include "usage/stats_uploader.hpp"

#include "staff/screen_flags.hpp"

#include "common/local_time.hpp"
#include "usage/machine_health.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <system_error>

namespace kiosk {

namespace {

using std::chrono::system_clock;

bool endsWith(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::int64_t freeDiskMb(const std::filesystem::path& dir) {
    std::error_code ec;
    const std::filesystem::space_info space = std::filesystem::space(dir.empty() ? "." : dir, ec);
    if (ec) return 0;
    return static_cast<std::int64_t>(space.available / (1024 * 1024));
}

// At most maxBytes, cut on a character boundary (the hub refuses longer heartbeat fields).
std::string clipUtf8(std::string_view text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) return std::string(text);
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return std::string(text.substr(0, end));
}

upload::Upload buildUpload(const UploaderSettings& settings, upload::DailyRollup day,
                           system_clock::time_point now, std::string_view lastError) {
    upload::Upload u;
    u.kioskId = settings.kioskId;
    u.village = clipUtf8(settings.village, upload::kMaxVillageBytes);
    u.heartbeat.version = KIOSK_VERSION;
    u.heartbeat.uptimeSeconds = std::max<std::int64_t>(
        0, std::chrono::duration_cast<std::chrono::seconds>(now - settings.startedAt).count());
    u.heartbeat.freeDiskMb = freeDiskMb(settings.dataDir);
    u.heartbeat.contentVersion = clipUtf8(settings.contentVersion, upload::kMaxVersionBytes);
    u.heartbeat.lastError = clipUtf8(lastError, upload::kMaxLastErrorBytes);
    u.heartbeat.sentAt = isoUtc(now);
    u.heartbeat.restartsSinceBoot = settings.restartsSinceBoot;
    if (!settings.thermalRoot.empty()) u.heartbeat.socTemperatureC = socTemperatureC(settings.thermalRoot);
    u.days.push_back(std::move(day));
    return u;
}

} // namespace

std::string hubUploadUrl(std::string_view hubUrl) {
    std::string url(hubUrl);
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    if (url.empty()) return url;
    if (endsWith(url, "/api/v1/uploads")) return url;
    if (endsWith(url, "/api")) return url + "/v1/uploads";
    return url + "/api/v1/uploads";
}

StatsUploader::StatsUploader(UsageStore& usage, Outbox& outbox, UploaderSettings settings)
    : m_usage(usage), m_outbox(outbox), m_settings(std::move(settings)) {}

std::string StatsUploader::idempotencyKey(std::string_view day) const {
    return fmt::format("{}:{}", m_settings.kioskId, day);
}

upload::Upload StatsUploader::makeUpload(upload::DailyRollup day, system_clock::time_point now,
                                         std::string_view lastError) const {
    upload::Upload out = buildUpload(m_settings, std::move(day), now, lastError);
    // The team's "Màn hình này đã khác" of that day ride along: each re-send of the day carries them again,
    // and the hub keeps each flag once.
    out.flags = ScreenFlagStore(m_usage.database()).forDay(out.days.front().day);
    return out;
}

std::size_t StatsUploader::enqueueDue(system_clock::time_point now, std::string_view lastError) {
    std::size_t enqueued = 0;
    for (const std::string& day : m_usage.finishedDaysNotSent(localDay(now - kFinalizeGrace))) {
        // The rollup, the outbox message and the "sent" mark commit together: a crash between them re-sends,
        // which the key makes harmless, and never skips a day.
        db::Transaction transaction(m_usage.database());
        upload::DailyRollup rollup = m_usage.rollup(day, true, now);
        const std::string body = upload::toJson(makeUpload(std::move(rollup), now, lastError)).dump();
        m_outbox.enqueue(OutboxKind::usage, m_settings.destination, idempotencyKey(day), body, now);
        m_usage.markSent(day);
        transaction.commit();
        ++enqueued;
    }
    if (!m_lastTodaySent || now - *m_lastTodaySent >= m_settings.interval) {
        const std::string today = localDay(now);
        db::Transaction transaction(m_usage.database());
        upload::DailyRollup rollup = m_usage.rollup(today, false, now);
        const std::string body = upload::toJson(makeUpload(std::move(rollup), now, lastError)).dump();
        m_outbox.enqueue(OutboxKind::usage, m_settings.destination, idempotencyKey(today), body, now);
        transaction.commit();
        m_lastTodaySent = now;
        ++enqueued;
    }
    return enqueued;
}

Result<std::size_t> writeExport(const std::filesystem::path& file, UsageStore& usage,
                                const UploaderSettings& settings, system_clock::time_point now) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        return fail(ErrorKind::io, fmt::format("cannot write {}: {}", file.string(), std::strerror(errno)));
    const std::string today = localDay(now);
    std::size_t lines = 0;
    for (const std::string& day : usage.days()) {
        upload::DailyRollup rollup = usage.rollup(day, day < today, now);
        upload::Upload line = buildUpload(settings, std::move(rollup), now, {});
        line.flags = ScreenFlagStore(usage.database()).forDay(day);
        out << upload::toJson(line).dump() << '\n';
        ++lines;
    }
    out.flush();
    if (!out)
        return fail(ErrorKind::io, fmt::format("cannot write {}: {}", file.string(), std::strerror(errno)));
    return lines;
}

} // namespace kiosk
