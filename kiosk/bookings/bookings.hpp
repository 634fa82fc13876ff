// Help bookings at the kiosk: weekly availability, closures, slots, booking codes and the booking lifecycle.
// All times are local to the kiosk (Asia/Ho_Chi_Minh, UTC+7, no daylight saving). The caller passes "now";
// nothing here reads the clock.
#pragma once

#include "common/database.hpp"
#include "common/local_time.hpp"
#include "config/config.hpp"
#include "storage/migrations.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kiosk {

// Local dates and times (LocalDate, LocalDateTime, toLocal, clockTime) are common/local_time.hpp's.

struct TimeWindow {
    int startMinute = 0; // minute of day, inclusive
    int endMinute = 0;   // minute of day, exclusive: the last slot ends by then
    friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

struct DayAvailability {
    std::vector<TimeWindow> windows; // none: no bookings that weekday
    int slotMinutes = 30;
    friend bool operator==(const DayAvailability&, const DayAvailability&) = default;
};

struct BookingRules {
    std::array<DayAvailability, 7> week; // indexed by weekday, 0 = Sunday (std::chrono::weekday::c_encoding)
    int capacity = 1;                    // helpers at once: bookings per slot
    int maxActivePerPhone = 2;           // booked/arrived bookings not yet begun, per phone number
    int horizonDays = 14;                // today and the next 13 days
};

struct Slot {
    LocalDateTime start;
    int minutes = 0;
    int remaining = 0; // places left, at least 1 in availableSlots()
};

enum class BookingStatus { booked, arrived, done, noShow, cancelled };

// A code as a resident may type it ("qx6 6t4") as it is stored ("QX66T4").
[[nodiscard]] std::string normalizeBookingCode(std::string_view code);
[[nodiscard]] std::string_view bookingStatusName(BookingStatus status); // as stored: "booked", "no_show" ...

struct BookingRequest {
    LocalDateTime slot;
    std::string topic;
    std::optional<std::string> guideId;
    std::optional<int> guideStep;
    std::string phone; // as typed; spaces and dots are removed
    std::optional<std::string> name;
};

struct Booking {
    std::int64_t id = 0;
    std::string code; // 6 characters, see bookingCodeAlphabet
    LocalDateTime slot;
    std::string topic;
    std::optional<std::string> guideId;
    std::optional<int> guideStep;
    std::string phone; // digits only
    std::optional<std::string> name;
    BookingStatus status = BookingStatus::booked;
    std::string changedAt;                 // ISO-8601 UTC of the last change (or of the booking)
    std::optional<std::int64_t> changedBy; // staff id; nullopt: the resident
};

enum class BookingErrorCode {
    invalidPhone,
    invalidRequest, // e.g. no topic
    slotInPast,
    slotNotOffered, // not on the weekly grid, or beyond the booking horizon
    slotFull,
    closedDay,
    tooManyActive,
    notFound, // no booking with that code (and, for a resident, that phone number)
    invalidTransition,
};

// A refusal, by kind; the words for the screens are in app/strings.hpp (text::bookingRefusal).
struct BookingError {
    BookingErrorCode code;
    std::string closedReason{}; // closedDay: the team's reason
    int count = 0;              // tooManyActive: the bookings ahead the number already has
    int limit = 0;              // tooManyActive: the most per number; slotNotOffered: the horizon
                                // in days when the slot lies beyond it (0 otherwise)
    std::optional<BookingStatus> from{}, to{}; // invalidTransition: the booking's status, and the one asked
                                               // of changeStatus (none for a move)
    friend bool operator==(const BookingError&, const BookingError&) = default;
};

// Characters of a booking code: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, so it reads back without doubt.
inline constexpr std::string_view bookingCodeAlphabet = "34679ACDEFGHJKMNPQRTUVWXY";
inline constexpr std::size_t bookingCodeLength = 6;

// A fresh random code (libsodium randombytes_uniform). Uniqueness is checked when booking.
[[nodiscard]] std::string generateBookingCode();

// Digits only if the number is a Vietnamese mobile (10 digits: 03, 05, 07, 08, 09) or landline
// (11 digits: 02); spaces and dots are tolerated. nullopt otherwise.
[[nodiscard]] std::optional<std::string> normalizePhone(std::string_view phone);

// The rules the config gives: slots during the opening hours, capacity, per-phone limit.
[[nodiscard]] BookingRules bookingRulesFromConfig(const Config& config);

// "Thứ Bảy 28/11", as the day buttons and confirmations say it.
[[nodiscard]] std::string vietnameseDay(LocalDate day);

// What happened to a booking, for whoever listens (usage counts, the team's webhook).
// noShowUndone: a "Không đến" mark taken back (the booking is booked again), so the count can drop it.
enum class BookingChange { made, statusChanged, rescheduled, noShowUndone };
struct BookingListener {
    // Inside the change's write transaction, just before the commit: what it writes to the same database
    // (the outbox) commits or rolls back with the booking, and a throw undoes both.
    std::function<void(const Booking& after, BookingChange change, std::chrono::system_clock::time_point now)>
        changed;
    // After the commit, never after a rollback: e.g. wake the sender for what `changed` queued. Must not
    // throw.
    std::function<void()> committed;
};
using BookingListenerId = std::uint64_t;

class BookingService {
  public:
    // Throws std::invalid_argument for rules that make no sense (a window ending before it starts ...).
    BookingService(db::Database& db, BookingRules rules);

    // The slots of that day with a place left, none in the past and none beyond the horizon.
    [[nodiscard]] std::vector<Slot> availableSlots(LocalDate date, std::chrono::system_clock::time_point now);

    [[nodiscard]] std::expected<Booking, BookingError> book(const BookingRequest& request,
                                                            std::chrono::system_clock::time_point now);

    // booked → arrived → done; booked → no_show; booked/arrived → cancelled. staffId nullopt: the resident.
    [[nodiscard]] std::expected<Booking, BookingError>
    changeStatus(std::string_view code, BookingStatus to, std::optional<std::int64_t> staffId,
                 std::chrono::system_clock::time_point now);

    // The resident cancels: the code and the phone number must both match. Frees the place.
    [[nodiscard]] std::expected<Booking, BookingError>
    cancelByResident(std::string_view code, std::string_view phone,
                     std::chrono::system_clock::time_point now);
    // cancelByResident's checks without the cancel: the booking it would cancel, so the resident is asked
    // "Hủy lịch Thứ Năm 03/12 lúc 19:00?" first. The same refusals.
    [[nodiscard]] std::expected<Booking, BookingError>
    checkResidentCancel(std::string_view code, std::string_view phone,
                        std::chrono::system_clock::time_point now);
    // Appointments still ahead (booked or arrived, not yet begun) held by this number, as book() counts
    // them against maxActivePerPhone; 0 for a number that is not valid.
    [[nodiscard]] int activeBookingsOfPhone(std::string_view phone,
                                            std::chrono::system_clock::time_point now);
    // A team member takes back a mark just made: arrived or no_show (`marked`, as it must still be) back to
    // booked, audited. Anything else is an invalidTransition.
    [[nodiscard]] std::expected<Booking, BookingError> undoMark(std::string_view code, BookingStatus marked,
                                                                std::int64_t staffId,
                                                                std::chrono::system_clock::time_point now);

    [[nodiscard]] std::optional<Booking> find(std::string_view code);

    // Today and the next days up to the horizon, with their free slots counted (one query per day).
    struct DayFreeSlots {
        LocalDate day;
        int freeSlots = 0;
        std::optional<std::string> closedReason;
    };
    [[nodiscard]] std::vector<DayFreeSlots> comingDays(std::chrono::system_clock::time_point now);

    [[nodiscard]] const BookingRules& rules() const { return m_rules; }
    // Staff changed the schedule. Throws std::invalid_argument like the constructor.
    void setRules(BookingRules rules);

    // No slots on the days first..last (inclusive).
    void addClosure(LocalDate first, LocalDate last, std::string_view reason,
                    std::optional<std::int64_t> staffId, std::chrono::system_clock::time_point now);
    // The reason the day is closed, if it is.
    [[nodiscard]] std::optional<std::string> closureOn(LocalDate date);

    // ---- Staff desk (kiosk/staff_desk.hpp) ----
    // The team member's note on a booking (free text, may be ""). Audited without the text.
    [[nodiscard]] std::expected<void, BookingError> setNote(std::string_view code, std::string_view note,
                                                            std::int64_t staffId,
                                                            std::chrono::system_clock::time_point now);
    // Moves a booked (not yet arrived) booking to another slot: the same checks as book() (grid, past,
    // horizon, closure, capacity) inside one write transaction, then one audit line.
    [[nodiscard]] std::expected<Booking, BookingError> reschedule(std::string_view code,
                                                                  const LocalDateTime& to,
                                                                  std::int64_t staffId,
                                                                  std::chrono::system_clock::time_point now);
    struct Closure {
        std::int64_t id = 0;
        LocalDate first;
        LocalDate last;
        std::string reason;
    };
    // Closures whose last day is on or after `from`, by first day.
    [[nodiscard]] std::vector<Closure> listClosures(LocalDate from);
    // False if there was no such closure.
    bool removeClosure(std::int64_t id, std::int64_t staffId, std::chrono::system_clock::time_point now);
    // Throws std::invalid_argument for rules the constructor and setRules would refuse.
    static void validateRules(const BookingRules& rules);
    // Bookings still to serve (booked or arrived) on that day: the team calls them when the day closes.
    [[nodiscard]] int activeBookingsOn(LocalDate date);

    // Every change to a booking is told to each listener, in the order they were added (see BookingListener).
    [[nodiscard]] BookingListenerId addListener(BookingListener listener);
    void removeListener(BookingListenerId id);

    // For the race test only: runs inside book()'s transaction, between the capacity check and the insert.
    void setHookBetweenCheckAndInsert(std::function<void()> hook) {
        m_hookBetweenCheckAndInsert = std::move(hook);
    }

  private:
    [[nodiscard]] std::vector<Slot> gridSlots(LocalDate date) const;
    [[nodiscard]] int takenPlaces(const LocalDateTime& slot);
    // Booked or arrived places per day ("YYYY-MM-DD") and minute, over a range of days.
    [[nodiscard]] std::map<std::string, std::map<int, int>> takenPlacesBetween(LocalDate first,
                                                                               LocalDate last);
    [[nodiscard]] std::vector<Slot> freeSlots(LocalDate date, std::chrono::system_clock::time_point now,
                                              const std::map<int, int>& taken) const;
    // Inside the transaction, then after its commit: the listeners' two halves.
    void notifyChanged(const Booking& booking, BookingChange change,
                       std::chrono::system_clock::time_point now);
    void notifyCommitted();

    db::Database& m_db;
    BookingRules m_rules;
    std::function<void()> m_hookBetweenCheckAndInsert;
    std::vector<std::pair<BookingListenerId, BookingListener>> m_listeners;
    BookingListenerId m_nextListenerId = 1;
};

} // namespace kiosk
