// Bookings out of the kiosk for the team: a CSV for LibreOffice and an iCalendar file for phone calendars,
// written atomically so a pulled USB stick or a power cut never leaves half a file under the final name.
#pragma once

#include "bookings/bookings.hpp"
#include "common/database.hpp"
#include "common/error.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// One row of the booking table as exported. Read straight from SQL so exports never depend on
// BookingService's in-memory shape.
struct ExportedBooking {
    std::string code;
    LocalDateTime slot;
    std::string topic;
    std::optional<std::string> guideId;
    std::optional<int> guideStep;
    std::string phone; // digits only; "" once erased
    std::optional<std::string> name;
    BookingStatus status = BookingStatus::booked;
    std::string note;
    std::chrono::system_clock::time_point changedAt;
    bool personalErased = false;
};

struct ExportOptions {
    std::optional<LocalDate> firstDay; // inclusive; nullopt: from the first booking
    std::optional<LocalDate> lastDay;  // inclusive; nullopt: up to the last booking
    int slotMinutes = 30;              // the booking table keeps slot starts only
    std::string location;              // the calendar event's LOCATION, e.g. the village hall; "" = none
};

struct ExportResult {
    std::filesystem::path csvFile;
    std::filesystem::path icsFile;
    std::size_t bookings = 0;
};

// Bookings whose day lies in the range, by day, time and code.
[[nodiscard]] std::vector<ExportedBooking> readBookingsForExport(db::Database& db,
                                                                 const ExportOptions& options);

// The topic as residents read it, with its diacritics ("Dịch vụ công", "Việc khác"), for a stored topic
// id ("dichvucong", "khac"); an id the kiosk does not know is given back as it is.
[[nodiscard]] std::string bookingTopicName(std::string_view topicId);
// The Vietnamese status word used in both files, e.g. "Đã hủy".
[[nodiscard]] std::string_view bookingStatusLabel(BookingStatus status);
// "0912 345 678" / "024 3825 1234": grouped so spreadsheets keep the leading zero (text, not a number).
[[nodiscard]] std::string groupedPhone(std::string_view digits);

// One CSV field, RFC 4180 quoted when needed; a value that a spreadsheet would run as a formula
// (= + - @, tab, CR first) gets a leading apostrophe.
[[nodiscard]] std::string csvField(std::string_view value);
// UTF-8 with BOM, CRLF, a Vietnamese header row.
[[nodiscard]] std::string bookingsCsv(const std::vector<ExportedBooking>& bookings);

// RFC 5545 TEXT escaping: backslash, semicolon, comma, newline.
[[nodiscard]] std::string icsEscapeText(std::string_view text);
// One content line folded at 75 octets (never inside a UTF-8 character), each physical line ending in CRLF.
[[nodiscard]] std::string icsFoldLine(std::string_view line);
// "20261128T013000Z"
[[nodiscard]] std::string icsUtc(std::chrono::system_clock::time_point t);
[[nodiscard]] std::string bookingsIcs(const std::vector<ExportedBooking>& bookings,
                                      std::chrono::system_clock::time_point now,
                                      const ExportOptions& options);

// Writes to a temporary file in the same folder, fsyncs it, renames it over `file` and fsyncs the folder.
// On failure nothing is left under `file` that was not there before, and the error names the folder.
[[nodiscard]] Result<void> writeFileAtomically(const std::filesystem::path& file, std::string_view contents);

// dat-lich-<local date of now>.csv and .ics in `folder`.
[[nodiscard]] Result<ExportResult> exportBookings(db::Database& db, const std::filesystem::path& folder,
                                                  std::chrono::system_clock::time_point now,
                                                  const ExportOptions& options = {});

} // namespace kiosk
