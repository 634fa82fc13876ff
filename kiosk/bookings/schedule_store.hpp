// The weekly booking schedule as the team edits it in staff mode. Until a member saves one, the
// config's opening hours apply (bookingRulesFromConfig); afterwards the saved windows, slot length and
// capacity do, across restarts.
#pragma once

#include "bookings/bookings.hpp"
#include "common/database.hpp"
#include "config/config.hpp"

#include <chrono>
#include <cstdint>

namespace kiosk {

class ScheduleStore {
  public:
    ScheduleStore(db::Database& db, const Config& config) : m_db(db), m_config(config) {}

    // The rules to book by: the saved schedule if staff saved one, else the config's.
    [[nodiscard]] BookingRules load();
    // True once a member saved a schedule.
    [[nodiscard]] bool saved();
    // Replaces the saved schedule (windows per weekday, the first day's slot length for all, capacity)
    // in one transaction with an audit line. Throws std::invalid_argument for rules BookingService refuses.
    void save(const BookingRules& rules, std::int64_t staffId, std::chrono::system_clock::time_point now);

  private:
    db::Database& m_db;
    const Config& m_config;
};

} // namespace kiosk
