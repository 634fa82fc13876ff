#include "bookings/bookings.hpp"

#include "common/local_time.hpp"
#include "staff/sodium_init.hpp"
#include "staff/staff.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <utility>

namespace kiosk {

namespace {

// Slot days are stored as local "YYYY-MM-DD" text (they compare as text) and the slot start as a
// local minute of day; the schema is version 3 in storage/migrations.cpp.

LocalDate parseDay(const std::string& text) {
    const std::optional<LocalDate> day = parseIsoDay(text);
    if (!day) throw std::runtime_error(fmt::format("bad booking day in the database: {}", text));
    return *day;
}

std::string slotText(const LocalDateTime& slot) {
    return fmt::format("{} {}", isoDay(slot.date), clockTime(slot.minuteOfDay));
}

BookingStatus parseStatus(std::string_view text) {
    if (text == "booked") return BookingStatus::booked;
    if (text == "arrived") return BookingStatus::arrived;
    if (text == "done") return BookingStatus::done;
    if (text == "no_show") return BookingStatus::noShow;
    if (text == "cancelled") return BookingStatus::cancelled;
    throw std::runtime_error(fmt::format("bad booking status in the database: {}", text));
}

bool allowed(BookingStatus from, BookingStatus to) {
    using enum BookingStatus;
    switch (from) {
    case booked:
        return to == arrived || to == noShow || to == cancelled;
    case arrived:
        return to == done || to == cancelled;
    case done:
    case noShow:
    case cancelled:
        return false;
    }
    return false;
}

std::unexpected<BookingError> fail(BookingErrorCode code) {
    return std::unexpected(BookingError{code});
}
std::unexpected<BookingError> fail(BookingError error) {
    return std::unexpected(std::move(error));
}

constexpr const char* bookingColumns = "id, code, slot_day, slot_minute, topic, guide_id, guide_step, phone, "
                                       "name, status, changed_at, changed_by";

Booking readBooking(const db::Statement& row) {
    Booking b;
    b.id = row.columnInt64(0);
    b.code = row.columnText(1);
    b.slot = {parseDay(row.columnText(2)), row.columnInt(3)};
    b.topic = row.columnText(4);
    if (!row.columnIsNull(5)) b.guideId = row.columnText(5);
    if (!row.columnIsNull(6)) b.guideStep = row.columnInt(6);
    b.phone = row.columnText(7);
    if (!row.columnIsNull(8)) b.name = row.columnText(8);
    b.status = parseStatus(row.columnText(9));
    b.changedAt = row.columnText(10);
    if (!row.columnIsNull(11)) b.changedBy = row.columnInt64(11);
    return b;
}

} // namespace

std::string normalizeBookingCode(std::string_view code) {
    std::string result;
    for (char c : code) {
        if (c == ' ') continue;
        result += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return result;
}

std::string_view bookingStatusName(BookingStatus status) {
    switch (status) {
    case BookingStatus::booked:
        return "booked";
    case BookingStatus::arrived:
        return "arrived";
    case BookingStatus::done:
        return "done";
    case BookingStatus::noShow:
        return "no_show";
    case BookingStatus::cancelled:
        return "cancelled";
    }
    return "?";
}

std::string generateBookingCode() {
    ensureSodium();
    std::string code;
    for (std::size_t i = 0; i < bookingCodeLength; ++i) {
        code +=
            bookingCodeAlphabet[randombytes_uniform(static_cast<std::uint32_t>(bookingCodeAlphabet.size()))];
    }
    return code;
}

std::optional<std::string> normalizePhone(std::string_view phone) {
    std::string digits;
    for (char c : phone) {
        if (c == ' ' || c == '.') continue;
        if (c < '0' || c > '9') return std::nullopt;
        digits += c;
    }
    const bool mobile = digits.size() == 10 && digits[0] == '0' &&
                        std::string_view("35789").find(digits[1]) != std::string_view::npos;
    const bool landline = digits.size() == 11 && digits.starts_with("02");
    if (!mobile && !landline) return std::nullopt;
    return digits;
}

namespace {
void checkRules(const BookingRules& rules) {
    if (rules.capacity < 1) throw std::invalid_argument("booking capacity must be at least 1");
    if (rules.maxActivePerPhone < 1) throw std::invalid_argument("maxActivePerPhone must be at least 1");
    if (rules.horizonDays < 1) throw std::invalid_argument("horizonDays must be at least 1");
    for (const DayAvailability& day : rules.week) {
        if (day.slotMinutes < 1) throw std::invalid_argument("slot length must be at least one minute");
        for (const TimeWindow& w : day.windows) {
            if (w.startMinute < 0 || w.endMinute > 24 * 60 || w.startMinute >= w.endMinute) {
                throw std::invalid_argument(
                    "a booking window must lie within the day and end after it starts");
            }
        }
    }
}
} // namespace

BookingService::BookingService(db::Database& db, BookingRules rules) : m_db(db), m_rules(std::move(rules)) {
    checkRules(m_rules);
}

void BookingService::setRules(BookingRules rules) {
    checkRules(rules);
    m_rules = std::move(rules);
}

BookingRules bookingRulesFromConfig(const Config& config) {
    BookingRules rules;
    rules.capacity = config.bookingCapacity;
    rules.maxActivePerPhone = config.maxActiveBookingsPerPhone;
    for (int monday = 0; monday < 7; ++monday) { // the config counts from Monday, the rules from Sunday
        DayAvailability& day = rules.week[static_cast<std::size_t>((monday + 1) % 7)];
        day.slotMinutes = config.bookingSlotMinutes;
        for (const TimeInterval& open : config.openingHours[monday])
            day.windows.push_back({open.startMinute, open.endMinute});
    }
    return rules;
}

std::string vietnameseDay(LocalDate day) {
    static constexpr const char* kNames[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
                                             "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
    const auto weekday = std::chrono::weekday{std::chrono::sys_days{day}}.c_encoding();
    return fmt::format("{} {:02}/{:02}", kNames[weekday], static_cast<unsigned>(day.day()),
                       static_cast<unsigned>(day.month()));
}

std::vector<Slot> BookingService::gridSlots(LocalDate date) const {
    const auto weekday = std::chrono::weekday{std::chrono::sys_days{date}}.c_encoding();
    const DayAvailability& day = m_rules.week[weekday];
    std::vector<Slot> slots;
    for (const TimeWindow& w : day.windows) {
        for (int start = w.startMinute; start + day.slotMinutes <= w.endMinute; start += day.slotMinutes) {
            slots.push_back({{date, start}, day.slotMinutes, m_rules.capacity});
        }
    }
    std::ranges::sort(slots, {}, [](const Slot& s) { return s.start.minuteOfDay; });
    // Overlapping windows would offer a start twice; keep one.
    const auto dup = std::ranges::unique(slots, {}, [](const Slot& s) { return s.start.minuteOfDay; });
    slots.erase(dup.begin(), dup.end());
    return slots;
}

int BookingService::takenPlaces(const LocalDateTime& slot) {
    db::Statement query = m_db.prepare("SELECT count(*) FROM booking WHERE slot_day = ?1 AND slot_minute = "
                                       "?2 AND status IN ('booked', 'arrived')");
    query.bind(1, isoDay(slot.date)).bind(2, slot.minuteOfDay);
    return query.step() ? query.columnInt(0) : 0;
}

std::vector<Slot> BookingService::availableSlots(LocalDate date, std::chrono::system_clock::time_point now) {
    using namespace std::chrono;
    const auto today = sys_days{toLocal(now).date};
    const auto offset = (sys_days{date} - today).count();
    if (!date.ok() || offset < 0 || offset >= m_rules.horizonDays) return {};
    if (closureOn(date)) return {};
    return freeSlots(date, now, takenPlacesBetween(date, date)[isoDay(date)]);
}

std::map<std::string, std::map<int, int>> BookingService::takenPlacesBetween(LocalDate first,
                                                                             LocalDate last) {
    // One indexed range query, however many past bookings there are: the booking screens must draw quickly.
    std::map<std::string, std::map<int, int>> taken;
    db::Statement query =
        m_db.prepare("SELECT slot_day, slot_minute, count(*) FROM booking WHERE slot_day BETWEEN ?1 AND ?2 "
                     "AND status IN ('booked', 'arrived') GROUP BY slot_day, slot_minute");
    query.bind(1, isoDay(first)).bind(2, isoDay(last));
    while (query.step())
        taken[query.columnText(0)][query.columnInt(1)] = query.columnInt(2);
    return taken;
}

std::vector<Slot> BookingService::freeSlots(LocalDate date, std::chrono::system_clock::time_point now,
                                            const std::map<int, int>& taken) const {
    std::vector<Slot> result;
    for (Slot& slot : gridSlots(date)) {
        if (toSystem(slot.start) < now) continue;
        const auto found = taken.find(slot.start.minuteOfDay);
        slot.remaining = m_rules.capacity - (found == taken.end() ? 0 : found->second);
        if (slot.remaining > 0) result.push_back(slot);
    }
    return result;
}

std::vector<BookingService::DayFreeSlots>
BookingService::comingDays(std::chrono::system_clock::time_point now) {
    using namespace std::chrono;
    const sys_days today{toLocal(now).date};
    const LocalDate last{today + days{m_rules.horizonDays - 1}};
    auto taken = takenPlacesBetween(LocalDate{today}, last);
    std::vector<DayFreeSlots> result;
    for (int offset = 0; offset < m_rules.horizonDays; ++offset) {
        const LocalDate day{today + days{offset}};
        DayFreeSlots entry{day, 0, closureOn(day)};
        if (!entry.closedReason)
            entry.freeSlots = static_cast<int>(freeSlots(day, now, taken[isoDay(day)]).size());
        result.push_back(std::move(entry));
    }
    return result;
}

std::expected<Booking, BookingError> BookingService::book(const BookingRequest& request,
                                                          std::chrono::system_clock::time_point now) {
    using namespace std::chrono;
    const std::optional<std::string> phone = normalizePhone(request.phone);
    if (!phone) {
        return fail(BookingErrorCode::invalidPhone);
    }
    if (std::ranges::all_of(request.topic, [](char c) { return c == ' '; })) {
        return fail(BookingErrorCode::invalidRequest);
    }
    const LocalDateTime& slot = request.slot;
    if (!slot.date.ok() || slot.minuteOfDay < 0 || slot.minuteOfDay >= 24 * 60) {
        return fail(BookingErrorCode::slotNotOffered);
    }
    if (toSystem(slot) < now) return fail(BookingErrorCode::slotInPast);
    const auto offset = (sys_days{slot.date} - sys_days{toLocal(now).date}).count();
    if (offset >= m_rules.horizonDays) {
        return fail({.code = BookingErrorCode::slotNotOffered, .limit = m_rules.horizonDays});
    }
    const std::vector<Slot> grid = gridSlots(slot.date);
    const auto onGrid = std::ranges::find(grid, slot, &Slot::start);
    if (onGrid == grid.end()) return fail(BookingErrorCode::slotNotOffered);

    // The checks that depend on other bookings and the insert share one write transaction, so two kiosk
    // processes (or connections) cannot both take the last place.
    db::Transaction transaction(m_db);
    if (const auto reason = closureOn(slot.date)) {
        return fail({.code = BookingErrorCode::closedDay, .closedReason = *reason});
    }
    if (takenPlaces(slot) >= m_rules.capacity) {
        return fail(BookingErrorCode::slotFull);
    }
    {
        const int count = activeBookingsOfPhone(*phone, now);
        if (count >= m_rules.maxActivePerPhone) {
            return fail({.code = BookingErrorCode::tooManyActive,
                         .count = count,
                         .limit = m_rules.maxActivePerPhone});
        }
    }
    if (m_hookBetweenCheckAndInsert) m_hookBetweenCheckAndInsert();

    std::string code;
    for (int attempt = 0;; ++attempt) {
        if (attempt == 20) throw std::runtime_error("could not find an unused booking code");
        code = generateBookingCode();
        db::Statement taken = m_db.prepare("SELECT EXISTS (SELECT 1 FROM booking WHERE code = ?1)");
        taken.bind(1, code);
        if (taken.step() && taken.columnInt(0) == 0) break;
    }

    const std::string at = isoUtc(now);
    db::Statement insert = m_db.prepare(
        "INSERT INTO booking (code, slot_day, slot_minute, topic, guide_id, guide_step, phone, name, "
        "created_at, changed_at, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, NULL)");
    insert.bind(1, code).bind(2, isoDay(slot.date)).bind(3, slot.minuteOfDay).bind(4, request.topic);
    if (request.guideId) {
        insert.bind(5, *request.guideId);
    } else {
        insert.bind(5, nullptr);
    }
    if (request.guideStep) {
        insert.bind(6, *request.guideStep);
    } else {
        insert.bind(6, nullptr);
    }
    insert.bind(7, *phone);
    if (request.name) {
        insert.bind(8, *request.name);
    } else {
        insert.bind(8, nullptr);
    }
    insert.bind(9, at);
    insert.run();

    Booking booking{m_db.lastInsertRowId(),
                    code,
                    slot,
                    request.topic,
                    request.guideId,
                    request.guideStep,
                    *phone,
                    request.name,
                    BookingStatus::booked,
                    at,
                    std::nullopt};
    // No phone number or name in the audit log: personal data stays in the booking table.
    StaffRepository(m_db).audit(std::nullopt, "booking.booked",
                                fmt::format("code={} slot={}", code, slotText(slot)), now);
    notifyChanged(booking, BookingChange::made, now);
    transaction.commit();
    notifyCommitted();
    return booking;
}

std::optional<Booking> BookingService::find(std::string_view code) {
    db::Statement query = m_db.prepare(fmt::format("SELECT {} FROM booking WHERE code = ?1", bookingColumns));
    query.bind(1, normalizeBookingCode(code));
    if (!query.step()) return std::nullopt;
    return readBooking(query);
}

std::expected<Booking, BookingError> BookingService::changeStatus(std::string_view code, BookingStatus to,
                                                                  std::optional<std::int64_t> staffId,
                                                                  std::chrono::system_clock::time_point now) {
    db::Transaction transaction(m_db);
    std::optional<Booking> booking = find(code);
    if (!booking) return fail(BookingErrorCode::notFound);
    if (!allowed(booking->status, to)) {
        return fail({.code = BookingErrorCode::invalidTransition, .from = booking->status, .to = to});
    }
    const std::string at = isoUtc(now);
    db::Statement update =
        m_db.prepare("UPDATE booking SET status = ?1, changed_at = ?2, changed_by = ?3 WHERE id = ?4");
    update.bind(1, bookingStatusName(to)).bind(2, at);
    if (staffId) {
        update.bind(3, *staffId);
    } else {
        update.bind(3, nullptr);
    }
    update.bind(4, booking->id);
    update.run();
    StaffRepository(m_db).audit(
        staffId, fmt::format("booking.{}", bookingStatusName(to)),
        fmt::format("code={} from={}", booking->code, bookingStatusName(booking->status)), now);
    booking->status = to;
    booking->changedAt = at;
    booking->changedBy = staffId;
    notifyChanged(*booking, BookingChange::statusChanged, now);
    transaction.commit();
    notifyCommitted();
    return std::move(*booking);
}

int BookingService::activeBookingsOfPhone(std::string_view phone, std::chrono::system_clock::time_point now) {
    const std::optional<std::string> digits = normalizePhone(phone);
    if (!digits) return 0;
    // Appointments still ahead: one this morning that nobody marked must not block the afternoon.
    const LocalDateTime local = toLocal(now);
    db::Statement active =
        m_db.prepare("SELECT count(*) FROM booking WHERE phone = ?1 AND status IN ('booked', 'arrived') "
                     "AND (slot_day > ?2 OR (slot_day = ?2 AND slot_minute >= ?3))");
    active.bind(1, *digits).bind(2, isoDay(local.date)).bind(3, local.minuteOfDay);
    return active.step() ? active.columnInt(0) : 0;
}

std::expected<Booking, BookingError> BookingService::undoMark(std::string_view code, BookingStatus marked,
                                                              std::int64_t staffId,
                                                              std::chrono::system_clock::time_point now) {
    db::Transaction transaction(m_db);
    std::optional<Booking> booking = find(code);
    if (!booking) return fail(BookingErrorCode::notFound);
    const bool undoable = marked == BookingStatus::arrived || marked == BookingStatus::noShow;
    if (!undoable || booking->status != marked) {
        return fail({.code = BookingErrorCode::invalidTransition,
                     .from = booking->status,
                     .to = BookingStatus::booked});
    }
    const std::string at = isoUtc(now);
    db::Statement update =
        m_db.prepare("UPDATE booking SET status = 'booked', changed_at = ?1, changed_by = ?2 WHERE id = ?3");
    update.bind(1, at).bind(2, staffId).bind(3, booking->id);
    update.run();
    StaffRepository(m_db).audit(staffId, "booking.undo",
                                fmt::format("code={} from={}", booking->code, bookingStatusName(marked)),
                                now);
    booking->status = BookingStatus::booked;
    booking->changedAt = at;
    booking->changedBy = staffId;
    notifyChanged(
        *booking,
        marked == BookingStatus::noShow ? BookingChange::noShowUndone : BookingChange::statusChanged, now);
    transaction.commit();
    notifyCommitted();
    return std::move(*booking);
}

std::expected<Booking, BookingError>
BookingService::checkResidentCancel(std::string_view code, std::string_view phone,
                                    std::chrono::system_clock::time_point now) {
    const std::optional<std::string> digits = normalizePhone(phone);
    const std::optional<Booking> booking = find(code);
    // One answer for a wrong code and a wrong phone number: the code alone must not reveal anything.
    if (!digits || !booking || booking->phone != *digits) {
        return fail(BookingErrorCode::notFound);
    }
    // Once the time has come, or the resident is here, the team decides what happens to it.
    if (booking->status != BookingStatus::booked) {
        return fail(BookingErrorCode::invalidTransition);
    }
    if (toSystem(booking->slot) <= now) {
        return fail(BookingErrorCode::slotInPast);
    }
    return *booking;
}

std::expected<Booking, BookingError>
BookingService::cancelByResident(std::string_view code, std::string_view phone,
                                 std::chrono::system_clock::time_point now) {
    const auto booking = checkResidentCancel(code, phone, now);
    if (!booking) return booking;
    return changeStatus(booking->code, BookingStatus::cancelled, std::nullopt, now);
}

void BookingService::addClosure(LocalDate first, LocalDate last, std::string_view reason,
                                std::optional<std::int64_t> staffId,
                                std::chrono::system_clock::time_point now) {
    if (!first.ok() || !last.ok() || std::chrono::sys_days{last} < std::chrono::sys_days{first}) {
        throw std::invalid_argument("a closure needs valid days, the last not before the first");
    }
    db::Transaction transaction(m_db);
    db::Statement insert =
        m_db.prepare("INSERT INTO booking_closure (first_day, last_day, reason) VALUES (?1, ?2, ?3)");
    insert.bind(1, isoDay(first)).bind(2, isoDay(last)).bind(3, reason);
    insert.run();
    StaffRepository(m_db).audit(staffId, "booking.closure",
                                fmt::format("{}..{} {}", isoDay(first), isoDay(last), reason), now);
    transaction.commit();
}

std::optional<std::string> BookingService::closureOn(LocalDate date) {
    db::Statement query = m_db.prepare(
        "SELECT reason FROM booking_closure WHERE first_day <= ?1 AND last_day >= ?1 ORDER BY id LIMIT 1");
    query.bind(1, isoDay(date));
    if (!query.step()) return std::nullopt;
    return query.columnText(0);
}

// ---- Staff desk -----------------------------------------------------------------------------------------

std::expected<void, BookingError> BookingService::setNote(std::string_view code, std::string_view note,
                                                          std::int64_t staffId,
                                                          std::chrono::system_clock::time_point now) {
    db::Transaction transaction(m_db);
    const std::optional<Booking> booking = find(code);
    if (!booking) return fail(BookingErrorCode::notFound);
    db::Statement update = m_db.prepare("UPDATE booking SET note = ?1 WHERE id = ?2");
    update.bind(1, note).bind(2, booking->id);
    update.run();
    // The note may hold a name or a number: the audit line says only that it changed.
    StaffRepository(m_db).audit(staffId, "booking.note", fmt::format("code={}", booking->code), now);
    transaction.commit();
    return {};
}

std::expected<Booking, BookingError> BookingService::reschedule(std::string_view code,
                                                                const LocalDateTime& to, std::int64_t staffId,
                                                                std::chrono::system_clock::time_point now) {
    using namespace std::chrono;
    if (!to.date.ok() || to.minuteOfDay < 0 || to.minuteOfDay >= 24 * 60) {
        return fail(BookingErrorCode::slotNotOffered);
    }
    if (toSystem(to) < now) return fail(BookingErrorCode::slotInPast);
    const auto offset = (sys_days{to.date} - sys_days{toLocal(now).date}).count();
    if (offset >= m_rules.horizonDays) {
        return fail({.code = BookingErrorCode::slotNotOffered, .limit = m_rules.horizonDays});
    }
    const std::vector<Slot> grid = gridSlots(to.date);
    if (std::ranges::find(grid, to, &Slot::start) == grid.end()) {
        return fail(BookingErrorCode::slotNotOffered);
    }
    db::Transaction transaction(m_db);
    std::optional<Booking> booking = find(code);
    if (!booking) return fail(BookingErrorCode::notFound);
    if (booking->status != BookingStatus::booked) {
        return fail({.code = BookingErrorCode::invalidTransition, .from = booking->status});
    }
    if (booking->slot == to) return std::move(*booking);
    if (const auto reason = closureOn(to.date)) {
        return fail({.code = BookingErrorCode::closedDay, .closedReason = *reason});
    }
    if (takenPlaces(to) >= m_rules.capacity) {
        return fail(BookingErrorCode::slotFull);
    }
    const std::string at = isoUtc(now);
    db::Statement update = m_db.prepare(
        "UPDATE booking SET slot_day = ?1, slot_minute = ?2, changed_at = ?3, changed_by = ?4 WHERE id = ?5");
    update.bind(1, isoDay(to.date)).bind(2, to.minuteOfDay).bind(3, at).bind(4, staffId).bind(5, booking->id);
    update.run();
    StaffRepository(m_db).audit(
        staffId, "booking.rescheduled",
        fmt::format("code={} from={} to={}", booking->code, slotText(booking->slot), slotText(to)), now);
    booking->slot = to;
    booking->changedAt = at;
    booking->changedBy = staffId;
    notifyChanged(*booking, BookingChange::rescheduled, now);
    transaction.commit();
    notifyCommitted();
    return std::move(*booking);
}

std::vector<BookingService::Closure> BookingService::listClosures(LocalDate from) {
    db::Statement query = m_db.prepare("SELECT id, first_day, last_day, reason FROM booking_closure WHERE "
                                       "last_day >= ?1 ORDER BY first_day, id");
    query.bind(1, isoDay(from));
    std::vector<Closure> closures;
    while (query.step()) {
        closures.push_back({query.columnInt64(0), parseDay(query.columnText(1)),
                            parseDay(query.columnText(2)), query.columnText(3)});
    }
    return closures;
}

bool BookingService::removeClosure(std::int64_t id, std::int64_t staffId,
                                   std::chrono::system_clock::time_point now) {
    db::Transaction transaction(m_db);
    db::Statement query =
        m_db.prepare("SELECT first_day, last_day, reason FROM booking_closure WHERE id = ?1");
    query.bind(1, id);
    if (!query.step()) return false;
    const std::string detail =
        fmt::format("{}..{} {}", query.columnText(0), query.columnText(1), query.columnText(2));
    db::Statement remove = m_db.prepare("DELETE FROM booking_closure WHERE id = ?1");
    remove.bind(1, id);
    remove.run();
    StaffRepository(m_db).audit(staffId, "booking.closure_removed", detail, now);
    transaction.commit();
    return true;
}

void BookingService::validateRules(const BookingRules& rules) {
    checkRules(rules);
}

BookingListenerId BookingService::addListener(BookingListener listener) {
    const BookingListenerId id = m_nextListenerId++;
    m_listeners.emplace_back(id, std::move(listener));
    return id;
}

void BookingService::removeListener(BookingListenerId id) {
    std::erase_if(m_listeners, [id](const auto& entry) { return entry.first == id; });
}

void BookingService::notifyChanged(const Booking& booking, BookingChange change,
                                   std::chrono::system_clock::time_point now) {
    for (const auto& entry : m_listeners) {
        if (entry.second.changed) entry.second.changed(booking, change, now);
    }
}

void BookingService::notifyCommitted() {
    for (const auto& entry : m_listeners) {
        if (entry.second.committed) entry.second.committed();
    }
}

int BookingService::activeBookingsOn(LocalDate date) {
    db::Statement query =
        m_db.prepare("SELECT count(*) FROM booking WHERE slot_day = ?1 AND status IN ('booked', 'arrived')");
    query.bind(1, isoDay(date));
    return query.step() ? query.columnInt(0) : 0;
}

} // namespace kiosk
