#include "staff/pin_lockout.hpp"

#include <algorithm>
#include <string>

namespace kiosk {

namespace {
constexpr const char* kFailuresKey = "staff.pin_failures";
constexpr const char* kLockedUntilKey = "staff.pin_locked_until"; // seconds since the epoch

std::optional<long long> readSetting(db::Database& db, const char* key) {
    db::Statement query = db.prepare("SELECT value FROM app_setting WHERE key = ?1");
    query.bind(1, std::string_view(key));
    if (!query.step()) return std::nullopt;
    try {
        return std::stoll(query.columnText(0));
    } catch (const std::exception&) {
        return std::nullopt; // a damaged value counts as none
    }
}
} // namespace

PinLockout::PinLockout(db::Database& db) : m_db(db) {
    m_failures = static_cast<int>(std::clamp(readSetting(db, kFailuresKey).value_or(0), 0LL, 1000LL));
    if (const auto until = readSetting(db, kLockedUntilKey)) {
        m_lockedUntil = std::chrono::system_clock::time_point{std::chrono::seconds{*until}};
    }
}

std::optional<std::chrono::system_clock::time_point>
PinLockout::recordFailure(std::chrono::system_clock::time_point now) {
    ++m_failures;
    if (m_failures >= kFreeAttempts) {
        // Rounded up to whole seconds, as stored, so a restart never shortens the wait.
        const auto lock = kFirstLockout * (1 << std::min(m_failures - kFreeAttempts, 10));
        m_lockedUntil = std::chrono::ceil<std::chrono::seconds>(now + lock);
    }
    save();
    return m_lockedUntil;
}

void PinLockout::recordSuccess() {
    m_failures = 0;
    m_lockedUntil.reset();
    save();
}

void PinLockout::save() {
    db::Transaction transaction(m_db);
    db::Statement upsert = m_db.prepare("INSERT INTO app_setting (key, value) VALUES (?1, ?2) ON "
                                        "CONFLICT(key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, std::string_view(kFailuresKey)).bind(2, std::to_string(m_failures));
    upsert.run();
    db::Statement lock = m_db.prepare(m_lockedUntil ? "INSERT INTO app_setting (key, value) VALUES (?1, ?2) "
                                                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                                                    : "DELETE FROM app_setting WHERE key = ?1");
    lock.bind(1, std::string_view(kLockedUntilKey));
    if (m_lockedUntil) {
        lock.bind(
            2,
            std::to_string(
                std::chrono::duration_cast<std::chrono::seconds>(m_lockedUntil->time_since_epoch()).count()));
    }
    lock.run();
    transaction.commit();
}

} // namespace kiosk
