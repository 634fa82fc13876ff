#include "bookings/booking_export.hpp"

#include "common/local_time.hpp"
#include "content/topics.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>

namespace kiosk {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view utf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view crlf = "\r\n";
// RFC 5545 3.1: content lines longer than 75 octets are folded.
constexpr std::size_t icsLineOctets = 75;

std::chrono::system_clock::time_point storedTimeStamp(const std::string& text) {
    const auto at = parseIsoUtc(text);
    if (!at) throw std::runtime_error(fmt::format("bad time stamp in the booking table: {}", text));
    return *at;
}

// Local time, because that is what the team reads; "2026-11-25 09:10" is a date-time to LibreOffice.
std::string localStamp(std::chrono::system_clock::time_point t) {
    const LocalDateTime local = toLocal(t);
    return fmt::format("{} {}", isoDay(local.date), clockTime(local.minuteOfDay));
}

BookingStatus statusFromText(std::string_view text) {
    using enum BookingStatus;
    for (BookingStatus s : {booked, arrived, done, noShow, cancelled}) {
        if (bookingStatusName(s) == text) return s;
    }
    throw std::runtime_error(fmt::format("bad booking status in the database: {}", text));
}

std::string summaryOf(const ExportedBooking& b) {
    std::string summary = fmt::format("Hỗ trợ {} – mã {}", bookingTopicName(b.topic), b.code);
    // Some calendar apps ignore STATUS:CANCELLED when importing; the words keep it visible anyway.
    if (b.status == BookingStatus::cancelled) summary += " (đã hủy)";
    return summary;
}

std::string descriptionOf(const ExportedBooking& b) {
    std::vector<std::string> lines;
    if (b.guideId) {
        lines.push_back(b.guideStep ? fmt::format("Hướng dẫn: {}, bước {}", *b.guideId, *b.guideStep)
                                    : fmt::format("Hướng dẫn: {}", *b.guideId));
    }
    if (!b.phone.empty()) lines.push_back(fmt::format("Điện thoại: {}", groupedPhone(b.phone)));
    if (b.name) lines.push_back(fmt::format("Cách xưng hô: {}", *b.name));
    lines.push_back(fmt::format("Trạng thái: {}", bookingStatusLabel(b.status)));
    if (!b.note.empty()) lines.push_back(fmt::format("Ghi chú: {}", b.note));
    if (b.personalErased) {
        lines.push_back("Số điện thoại và tên đã được xóa theo quy định bảo vệ dữ liệu cá nhân.");
    }
    return fmt::format("{}", fmt::join(lines, "\n"));
}

std::string systemError(int error) {
    return std::generic_category().message(error);
}

bool writeAll(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

// The rename itself lives in the folder's entry; without this a power cut could forget it.
void syncFolder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    // Some file systems (vfat on a USB stick) refuse fsync on a folder; the file itself is synced already.
    ::fsync(fd);
    ::close(fd);
}

} // namespace

std::vector<ExportedBooking> readBookingsForExport(db::Database& db, const ExportOptions& options) {
    db::Statement query = db.prepare("SELECT code, slot_day, slot_minute, topic, guide_id, guide_step, "
                                     "phone, name, status, note, changed_at, "
                                     "personal_erased_at FROM booking WHERE (?1 IS NULL OR slot_day >= ?1) "
                                     "AND (?2 IS NULL OR slot_day <= ?2) "
                                     "ORDER BY slot_day, slot_minute, code");
    if (options.firstDay) {
        query.bind(1, isoDay(*options.firstDay));
    } else {
        query.bind(1, nullptr);
    }
    if (options.lastDay) {
        query.bind(2, isoDay(*options.lastDay));
    } else {
        query.bind(2, nullptr);
    }
    std::vector<ExportedBooking> result;
    while (query.step()) {
        ExportedBooking b;
        b.code = query.columnText(0);
        const std::optional<LocalDate> day = parseIsoDay(query.columnText(1));
        if (!day) {
            throw std::runtime_error(fmt::format("bad booking day in the database: {}", query.columnText(1)));
        }
        b.slot = {*day, query.columnInt(2)};
        b.topic = query.columnText(3);
        if (!query.columnIsNull(4)) b.guideId = query.columnText(4);
        if (!query.columnIsNull(5)) b.guideStep = query.columnInt(5);
        b.phone = query.columnText(6);
        if (!query.columnIsNull(7)) b.name = query.columnText(7);
        b.status = statusFromText(query.columnText(8));
        b.note = query.columnText(9);
        b.changedAt = storedTimeStamp(query.columnText(10));
        b.personalErased = !query.columnIsNull(11);
        result.push_back(std::move(b));
    }
    return result;
}

std::string bookingTopicName(std::string_view topicId) {
    if (const content::Topic* topic = content::findTopic(topicId)) return std::string(topic->title);
    if (topicId == "khac") return "Việc khác"; // the booking screen's "other" choice
    return std::string(topicId);
}

std::string_view bookingStatusLabel(BookingStatus status) {
    switch (status) {
    case BookingStatus::booked:
        return "Đã đặt";
    case BookingStatus::arrived:
        return "Đã đến";
    case BookingStatus::done:
        return "Đã xong";
    case BookingStatus::noShow:
        return "Không đến";
    case BookingStatus::cancelled:
        return "Đã hủy";
    }
    return "?";
}

std::string groupedPhone(std::string_view digits) {
    if (digits.size() == 10) { // mobile: 0912 345 678
        return fmt::format("{} {} {}", digits.substr(0, 4), digits.substr(4, 3), digits.substr(7));
    }
    if (digits.size() == 11) { // landline: 024 3825 1234
        return fmt::format("{} {} {}", digits.substr(0, 3), digits.substr(3, 4), digits.substr(7));
    }
    return std::string(digits);
}

std::string csvField(std::string_view value) {
    // OWASP "CSV injection": a resident-typed "=HYPERLINK(...)" must stay text in the team's spreadsheet.
    const bool formula =
        !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
    std::string text;
    text.reserve(value.size() + 1);
    if (formula) text.push_back('\'');
    text.append(value);
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string bookingsCsv(const std::vector<ExportedBooking>& bookings) {
    std::string out(utf8Bom);
    auto row = [&out](std::initializer_list<std::string_view> fields) {
        bool first = true;
        for (std::string_view field : fields) {
            if (!first) out += ',';
            first = false;
            out += csvField(field);
        }
        out += crlf;
    };
    row({"Mã", "Ngày", "Giờ", "Chủ đề", "Hướng dẫn", "Bước", "Điện thoại", "Cách xưng hô", "Trạng thái",
         "Ghi chú", "Cập nhật lúc"});
    for (const ExportedBooking& b : bookings) {
        const std::string step = b.guideStep ? std::to_string(*b.guideStep) : "";
        row({b.code, isoDay(b.slot.date), clockTime(b.slot.minuteOfDay), bookingTopicName(b.topic),
             b.guideId.value_or(""), step, b.phone.empty() ? "" : groupedPhone(b.phone), b.name.value_or(""),
             bookingStatusLabel(b.status), b.note, localStamp(b.changedAt)});
    }
    return out;
}

std::string icsEscapeText(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case ';':
            out += "\\;";
            break;
        case ',':
            out += "\\,";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            if (i + 1 < text.size() && text[i + 1] == '\n') break; // CRLF: one line break
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string icsFoldLine(std::string_view line) {
    std::string out;
    std::size_t limit = icsLineOctets;
    while (line.size() > limit) {
        std::size_t cut = limit;
        // Back up to the start of a UTF-8 character: continuation bytes look like 10xxxxxx.
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
            --cut;
        out += line.substr(0, cut);
        out += crlf;
        out += ' ';
        line.remove_prefix(cut);
        limit = icsLineOctets - 1; // the leading space counts
    }
    out += line;
    out += crlf;
    return out;
}

std::string icsUtc(std::chrono::system_clock::time_point t) {
    // isoUtc gives "2026-11-28T01:30:00Z"; iCalendar's basic form drops the separators.
    std::string text;
    for (char c : isoUtc(t)) {
        if (c != '-' && c != ':') text += c;
    }
    return text;
}

std::string bookingsIcs(const std::vector<ExportedBooking>& bookings,
                        std::chrono::system_clock::time_point now, const ExportOptions& options) {
    std::string out;
    auto line = [&out](std::string_view name, std::string_view value) {
        out += icsFoldLine(fmt::format("{}:{}", name, value));
    };
    line("BEGIN", "VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", "-//Village Kiosk//Dat lich ho tro//VI");
    line("CALSCALE", "GREGORIAN");
    line("METHOD", "PUBLISH");
    line("X-WR-CALNAME", icsEscapeText("Lịch hỗ trợ chuyển đổi số"));
    const std::string stamp = icsUtc(now);
    for (const ExportedBooking& b : bookings) {
        // Times in UTC ("Z"): every calendar app reads them the same way and shows them in the phone's own
        // zone. Ha Noi has no daylight saving, so nothing is lost against a VTIMEZONE, which some apps
        // mishandle or replace.
        const auto start = toSystem(b.slot);
        line("BEGIN", "VEVENT");
        line("UID", fmt::format("{}@village-kiosk", b.code));
        line("DTSTAMP", stamp);
        line("DTSTART", icsUtc(start));
        line("DTEND", icsUtc(start + std::chrono::minutes{options.slotMinutes}));
        line("SUMMARY", icsEscapeText(summaryOf(b)));
        line("DESCRIPTION", icsEscapeText(descriptionOf(b)));
        if (!options.location.empty()) line("LOCATION", icsEscapeText(options.location));
        line("STATUS", b.status == BookingStatus::cancelled ? "CANCELLED" : "CONFIRMED");
        line("LAST-MODIFIED", icsUtc(b.changedAt));
        line("END", "VEVENT");
    }
    line("END", "VCALENDAR");
    return out;
}

Result<void> writeFileAtomically(const fs::path& file, std::string_view contents) {
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    const fs::path temp = folder / fmt::format(".{}.tmp-{}", file.filename().string(), ::getpid());
    auto failure = [&](std::string_view what, int error) {
        return fail(ErrorKind::io,
                    fmt::format("Không ghi được tệp {} vào thư mục {} ({}: {}).", file.filename().string(),
                                folder.string(), what, systemError(error)));
    };

    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return failure("tạo tệp tạm", errno);
    // The first step that failed, and why; the temporary file goes whatever happened.
    std::string_view failedStep;
    int error = 0;
    if (!writeAll(fd, contents)) {
        failedStep = "ghi";
        error = errno;
    } else if (::fsync(fd) != 0) { // the bytes must be on the stick before the name points at them
        failedStep = "fsync";
        error = errno;
    }
    if (::close(fd) != 0 && failedStep.empty()) {
        failedStep = "đóng tệp";
        error = errno;
    }
    if (!failedStep.empty()) {
        ::unlink(temp.c_str());
        return failure(failedStep, error);
    }
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        error = errno;
        ::unlink(temp.c_str());
        return failure("đổi tên", error);
    }
    syncFolder(folder);
    return {};
}

Result<ExportResult> exportBookings(db::Database& db, const fs::path& folder,
                                    std::chrono::system_clock::time_point now, const ExportOptions& options) {
    std::error_code ec;
    const fs::file_status status = fs::status(folder, ec);
    if (!fs::exists(status)) {
        return fail(ErrorKind::notFound,
                    fmt::format("Không có thư mục {} để xuất lịch hẹn (USB đã cắm chưa?).", folder.string()));
    }
    if (!fs::is_directory(status)) {
        return fail(
            ErrorKind::invalidInput,
            fmt::format("{} không phải là thư mục: không xuất được lịch hẹn vào đó.", folder.string()));
    }

    std::vector<ExportedBooking> bookings;
    try {
        bookings = readBookingsForExport(db, options);
    } catch (const std::exception& e) {
        return fail(ErrorKind::io, fmt::format("Không đọc được lịch hẹn từ cơ sở dữ liệu: {}", e.what()));
    }

    const std::string baseName = fmt::format("dat-lich-{}", isoDay(toLocal(now).date));
    ExportResult result{folder / (baseName + ".csv"), folder / (baseName + ".ics"), bookings.size()};
    if (auto csv = writeFileAtomically(result.csvFile, bookingsCsv(bookings)); !csv) {
        return std::unexpected(csv.error());
    }
    if (auto ics = writeFileAtomically(result.icsFile, bookingsIcs(bookings, now, options)); !ics) {
        return std::unexpected(ics.error());
    }
    return result;
}

} // namespace kiosk
