// Wrong staff PINs lock the pad for a growing time, and the count survives a restart: pulling the
// plug must not give someone guessing PINs a fresh start.
#pragma once

#include "common/database.hpp"

#include <chrono>
#include <optional>

namespace kiosk {

class PinLockout {
  public:
    static constexpr int kFreeAttempts = 5;
    static constexpr std::chrono::seconds kFirstLockout{30}; // then 60 s, 120 s ... up to ~8.5 hours

    explicit PinLockout(db::Database& db);

    // A wrong PIN: returns until when the pad is locked, if it now is.
    std::optional<std::chrono::system_clock::time_point>
    recordFailure(std::chrono::system_clock::time_point now);
    void recordSuccess();
    [[nodiscard]] std::optional<std::chrono::system_clock::time_point> lockedUntil() const {
        return m_lockedUntil;
    }
    [[nodiscard]] int failures() const { return m_failures; }

  private:
    void save();

    db::Database& m_db;
    int m_failures = 0;
    std::optional<std::chrono::system_clock::time_point> m_lockedUntil;
};

} // namespace kiosk
