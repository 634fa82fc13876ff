#include "bookings/booking_retention.hpp"

#include "bookings/booking_export.hpp"
#include "bookings/bookings.hpp"
#include "common/local_time.hpp"
#include "staff/staff.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace kiosk {

namespace {

// Only the columns that can name a person; everything else stays for the anonymous record.
constexpr const char* eraseSql =
    "UPDATE booking SET phone = '', name = NULL, note = '', personal_erased_at = ?1 ";

} // namespace

int erasePersonalDataDue(db::Database& db, int retentionDays, std::chrono::system_clock::time_point now) {
    if (retentionDays < 1) throw std::invalid_argument("the booking retention must be at least one day");
    using namespace std::chrono;
    // Kept: days from (today - retentionDays) on. Erased: every day before it.
    const LocalDate firstKeptDay{sys_days{toLocal(now).date} - days{retentionDays}};
    db::Transaction transaction(db);
    db::Statement erase =
        db.prepare(fmt::format("{} WHERE slot_day < ?2 AND personal_erased_at IS NULL", eraseSql));
    erase.bind(1, isoUtc(now)).bind(2, isoDay(firstKeptDay));
    erase.run();
    const int erased = db.changes();
    if (erased > 0) {
        StaffRepository(db).audit(
            std::nullopt, "booking.personal_erased",
            fmt::format("count={} before={} retention_days={}", erased, isoDay(firstKeptDay), retentionDays),
            now);
    }
    transaction.commit();
    return erased;
}

Result<void> erasePersonalData(db::Database& db, std::string_view code, std::int64_t staffId,
                               std::chrono::system_clock::time_point now) {
    const std::string wanted = normalizeBookingCode(code);
    db::Transaction transaction(db);
    db::Statement find = db.prepare("SELECT personal_erased_at IS NOT NULL FROM booking WHERE code = ?1");
    find.bind(1, wanted);
    if (!find.step())
        return fail(ErrorKind::notFound, fmt::format("Không tìm thấy lịch hẹn với mã {}.", wanted));
    if (find.columnInt(0) != 0) return {};
    db::Statement erase = db.prepare(fmt::format("{} WHERE code = ?2", eraseSql));
    erase.bind(1, isoUtc(now)).bind(2, wanted);
    erase.run();
    StaffRepository(db).audit(staffId, "booking.personal_erased", fmt::format("code={} on_request", wanted),
                              now);
    transaction.commit();
    return {};
}

} // namespace kiosk
