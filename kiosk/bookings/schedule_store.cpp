#include "bookings/schedule_store.hpp"

#include "staff/staff.hpp"

#include <fmt/format.h>

#include <string>

namespace kiosk {

namespace {
// app_setting keys; their presence means "a member saved a schedule".
constexpr const char* kSlotMinutesKey = "schedule.slot_minutes";
constexpr const char* kCapacityKey = "schedule.capacity";

std::optional<int> intSetting(db::Database& db, const char* key) {
    db::Statement query = db.prepare("SELECT value FROM app_setting WHERE key = ?1");
    query.bind(1, std::string_view(key));
    if (!query.step()) return std::nullopt;
    try {
        return std::stoi(query.columnText(0));
    } catch (const std::exception&) {
        return std::nullopt; // a hand-edited value: fall back to the config
    }
}

void putSetting(db::Database& db, const char* key, int value) {
    db::Statement upsert = db.prepare(
        "INSERT INTO app_setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
    upsert.bind(1, std::string_view(key)).bind(2, std::to_string(value));
    upsert.run();
}
} // namespace

bool ScheduleStore::saved() {
    return intSetting(m_db, kSlotMinutesKey).has_value();
}

BookingRules ScheduleStore::load() {
    BookingRules rules = bookingRulesFromConfig(m_config);
    const std::optional<int> slotMinutes = intSetting(m_db, kSlotMinutesKey);
    const std::optional<int> capacity = intSetting(m_db, kCapacityKey);
    if (!slotMinutes || !capacity || *slotMinutes < 1 || *capacity < 1) return rules;
    rules.capacity = *capacity;
    for (DayAvailability& day : rules.week) {
        day.windows.clear();
        day.slotMinutes = *slotMinutes;
    }
    db::Statement query = m_db.prepare(
        "SELECT weekday, start_minute, end_minute FROM availability_window ORDER BY weekday, start_minute");
    while (query.step()) {
        rules.week[static_cast<std::size_t>(query.columnInt(0))].windows.push_back(
            {query.columnInt(1), query.columnInt(2)});
    }
    return rules;
}

void ScheduleStore::save(const BookingRules& rules, std::int64_t staffId,
                         std::chrono::system_clock::time_point now) {
    BookingService::validateRules(rules);
    db::Transaction transaction(m_db);
    m_db.execute("DELETE FROM availability_window");
    db::Statement insert = m_db.prepare(
        "INSERT INTO availability_window (weekday, start_minute, end_minute) VALUES (?1, ?2, ?3)");
    int windows = 0;
    for (int weekday = 0; weekday < 7; ++weekday) {
        for (const TimeWindow& w : rules.week[static_cast<std::size_t>(weekday)].windows) {
            insert.reset();
            insert.bind(1, weekday).bind(2, w.startMinute).bind(3, w.endMinute);
            insert.run();
            ++windows;
        }
    }
    putSetting(m_db, kSlotMinutesKey, rules.week[0].slotMinutes);
    putSetting(m_db, kCapacityKey, rules.capacity);
    StaffRepository(m_db).audit(staffId, "schedule.saved",
                                fmt::format("windows={} slot_minutes={} capacity={}", windows,
                                            rules.week[0].slotMinutes, rules.capacity),
                                now);
    transaction.commit();
}

} // namespace kiosk
