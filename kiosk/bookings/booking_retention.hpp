// Privacy for help bookings (Viet Nam Decree 13/2023 on personal data): a resident's phone number and
// name are kept only as long as the booking needs them, then erased, leaving an anonymous record
// (code, day, time, topic, guide, step, status) for the figures.
#pragma once

#include "common/database.hpp"
#include "common/error.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace kiosk {

// Erases the phone number (to ''), the name (to NULL) and the team's note of every booking whose
// appointment day (local, UTC+7) is more than retentionDays days before today: with 30 days, on
// 2026-11-25 a booking of 2026-10-25 is erased and one of 2026-10-26 is kept. The note goes too because
// it is free text a team member may have put a name or number in. Stamps personal_erased_at; one
// transaction; an audit line with the count only when something was erased. Returns how many.
int erasePersonalDataDue(db::Database& db, int retentionDays, std::chrono::system_clock::time_point now);

// Erasure on a resident's request, from staff mode: the same for one booking, whatever its day.
// The audit line names the booking code and the team member, never the phone number.
// Erasing an already erased booking succeeds and changes nothing.
[[nodiscard]] Result<void> erasePersonalData(db::Database& db, std::string_view code, std::int64_t staffId,
                                             std::chrono::system_clock::time_point now);

} // namespace kiosk
