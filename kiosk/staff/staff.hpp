// Team members who may open staff mode, each with a PIN kept only as a slow libsodium hash.
#pragma once

#include "common/database.hpp"
#include "common/error.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct StaffMember {
    std::int64_t id = 0;
    std::string name;
};

class StaffRepository {
  public:
    explicit StaffRepository(db::Database& db) : m_db(db) {}
    [[nodiscard]] db::Database& database() { return m_db; }

    [[nodiscard]] bool hasAnyMember();
    // PINs are 4 to 8 digits. Hashed with crypto_pwhash_str; the PIN itself is never stored.
    StaffMember createMember(std::string_view name, std::string_view pin,
                             std::chrono::system_clock::time_point now);
    // The member whose PIN this is, if any.
    [[nodiscard]] std::optional<StaffMember> findByPin(std::string_view pin);
    // Appends to the audit log: who (nullopt = the kiosk itself) did what, and when.
    void audit(std::optional<std::int64_t> staffId, std::string_view action, std::string_view detail,
               std::chrono::system_clock::time_point now);

    // ---- Staff desk (kiosk/staff_desk.hpp) ----
    // Active members, by name.
    [[nodiscard]] std::vector<StaffMember> listMembers();
    // Whether an active member already has this PIN (each member's PIN must be their own).
    [[nodiscard]] bool pinInUse(std::string_view pin);
    // Stops a member from opening staff mode. Refused (with a Vietnamese reason) for the member doing it
    // and for the last active member, so the kiosk is never left without a way in.
    [[nodiscard]] Result<void> deactivate(std::int64_t memberId, std::int64_t byMemberId,
                                          std::chrono::system_clock::time_point now);

  private:
    db::Database& m_db;
};

[[nodiscard]] bool isValidPin(std::string_view pin);

} // namespace kiosk
