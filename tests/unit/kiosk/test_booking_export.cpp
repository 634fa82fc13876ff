// Booking exports against a fixed "now": Wednesday 2026-11-25, 09:10 in Ha Noi (02:10 UTC).
#include "app/strings.hpp"
#include "bookings/booking_export.hpp"
#include "bookings/booking_retention.hpp"
#include "bookings/bookings.hpp"
#include "common/local_time.hpp"
#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using kiosk::BookingRequest;
using kiosk::BookingRules;
using kiosk::BookingService;
using kiosk::BookingStatus;
using kiosk::LocalDate;
using kiosk::LocalDateTime;

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

const auto testNow = std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + 2h + 10min;

LocalDate nov(unsigned d) {
    return std::chrono::year{2026} / std::chrono::November / std::chrono::day{d};
}
constexpr int at(int hour, int minute) {
    return hour * 60 + minute;
}

// Every day 06:00-11:00 in 30-minute slots: 06:30 in Ha Noi is still the day before in UTC.
BookingRules everyMorning() {
    BookingRules rules;
    for (auto& day : rules.week)
        day = {{{at(6, 0), at(11, 0)}}, 30};
    rules.capacity = 5;
    rules.maxActivePerPhone = 5;
    return rules;
}

struct Fixture {
    test::TempDir dir{"kiosk-test-export"};
    kiosk::db::OpenedDatabase opened = kiosk::db::openKioskDatabase(dir.path / "kiosk.db", testNow);
    kiosk::db::Database& db = opened.db;
    BookingService service{db, everyMorning()};

    kiosk::Booking book(LocalDateTime slot, std::string topic, std::optional<std::string> name,
                        std::string phone = "0912345678") {
        BookingRequest r;
        r.slot = slot;
        r.topic = std::move(topic);
        r.guideId = "vneid-login";
        r.guideStep = 3;
        r.phone = std::move(phone);
        r.name = std::move(name);
        auto booked = service.book(r, testNow);
        REQUIRE_MESSAGE(booked.has_value(), (booked ? "" : kiosk::text::bookingRefusal(booked.error())));
        return *booked;
    }
};

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Physical lines, each without its CRLF; fails the test on a bare LF or CR.
std::vector<std::string> crlfLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find("\r\n", start);
        REQUIRE_MESSAGE(end != std::string::npos, "the text does not end with CRLF");
        lines.push_back(text.substr(start, end - start));
        CHECK_MESSAGE(lines.back().find_first_of("\r\n") == std::string::npos,
                      "a bare CR or LF: ", lines.back());
        start = end + 2;
    }
    return lines;
}

// RFC 5545 3.1 unfolding: a CRLF followed by one space disappears.
std::string unfold(std::string text) {
    for (std::size_t fold = text.find("\r\n "); fold != std::string::npos; fold = text.find("\r\n ", fold)) {
        text.erase(fold, 3);
    }
    return text;
}

bool validUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t length = c < 0x80           ? 1
                                   : (c >> 5) == 0x6  ? 2
                                   : (c >> 4) == 0xE  ? 3
                                   : (c >> 3) == 0x1E ? 4
                                                      : 0;
        if (length == 0 || i + length > s.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        }
        i += length;
    }
    return true;
}

} // namespace

TEST_CASE("export: CSV fields are RFC 4180 quoted and formulas are defused") {
    CHECK(kiosk::csvField("plain") == "plain");
    CHECK(kiosk::csvField("") == "");
    CHECK(kiosk::csvField("Bà Hoa") == "Bà Hoa");
    CHECK(kiosk::csvField("a,b") == "\"a,b\"");
    CHECK(kiosk::csvField("Ông \"Tư\"") == "\"Ông \"\"Tư\"\"\"");
    CHECK(kiosk::csvField("dòng 1\ndòng 2") == "\"dòng 1\ndòng 2\"");
    CHECK(kiosk::csvField("dòng 1\r\ndòng 2") == "\"dòng 1\r\ndòng 2\"");
    CHECK(kiosk::csvField("=1+2") == "'=1+2");
    CHECK(kiosk::csvField("+84912345678") == "'+84912345678");
    CHECK(kiosk::csvField("-gọi lại") == "'-gọi lại");
    CHECK(kiosk::csvField("@SUM(A1)") == "'@SUM(A1)");
    CHECK(kiosk::csvField("\t=1") == "'\t=1");
    CHECK(kiosk::csvField("=HYPERLINK(\"http://x\",\"Bấm\")") ==
          "\"'=HYPERLINK(\"\"http://x\"\",\"\"Bấm\"\")\"");
    CHECK(kiosk::csvField("a=b") == "a=b"); // only the first character makes a formula
}

TEST_CASE("export: phone numbers are grouped so a spreadsheet keeps the leading zero") {
    CHECK(kiosk::groupedPhone("0912345678") == "0912 345 678");
    CHECK(kiosk::groupedPhone("02438251234") == "024 3825 1234");
    CHECK(kiosk::normalizePhone(kiosk::groupedPhone("0912345678")) == "0912345678");
    CHECK(kiosk::normalizePhone(kiosk::groupedPhone("02438251234")) == "02438251234");
}

TEST_CASE("export: the CSV is UTF-8 with BOM, CRLF, Vietnamese headers, ISO dates and 24-hour times") {
    Fixture f;
    const auto first = f.book({nov(28), at(8, 30)}, "Dịch vụ công", "Bà Nguyễn Thị Hoa");
    const auto second =
        f.book({nov(26), at(6, 0)}, "VNeID", "=HYPERLINK(\"http://x\",\"Bấm\")", "0387 654 321");
    const auto third = f.book({nov(27), at(10, 30)}, "iHanoi, đăng ký", std::nullopt, "02438251234");
    REQUIRE(
        f.service.changeStatus(third.code, BookingStatus::cancelled, std::nullopt, testNow + 1h).has_value());

    const std::string csv = kiosk::bookingsCsv(kiosk::readBookingsForExport(f.db, {}));
    REQUIRE(csv.starts_with("\xEF\xBB\xBF"));
    const std::vector<std::string> lines = crlfLines(csv.substr(3));
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] ==
          "Mã,Ngày,Giờ,Chủ đề,Hướng dẫn,Bước,Điện thoại,Cách xưng hô,Trạng thái,Ghi chú,Cập nhật lúc");
    // By day and time: 26th, 27th, 28th. "Cập nhật lúc" is local time.
    CHECK(lines[1] == second.code + ",2026-11-26,06:00,VNeID,vneid-login,3,0387 654 321,"
                                    "\"'=HYPERLINK(\"\"http://x\"\",\"\"Bấm\"\")\",Đã đặt,,2026-11-25 09:10");
    CHECK(lines[2] == third.code +
                          ",2026-11-27,10:30,\"iHanoi, đăng ký\",vneid-login,3,024 3825 1234,,Đã hủy,,"
                          "2026-11-25 10:10");
    CHECK(lines[3] ==
          first.code + ",2026-11-28,08:30,Dịch vụ công,vneid-login,3,0912 345 678,Bà Nguyễn Thị Hoa,Đã đặt,,"
                       "2026-11-25 09:10");
    CHECK(csv.find('\n') == csv.find("\r\n") + 1); // no bare LF anywhere: checked line by line above too
}

TEST_CASE("export: a CSV field with a line break stays one quoted record") {
    Fixture f;
    const auto b = f.book({nov(26), at(7, 0)}, "VNeID", "Bà Hoa");
    f.db.execute("UPDATE booking SET note = 'gọi lại\nchiều nay'");
    const std::string csv = kiosk::bookingsCsv(kiosk::readBookingsForExport(f.db, {}));
    CHECK(csv.find(",Đã đặt,\"gọi lại\nchiều nay\",") != std::string::npos);
    CHECK(csv.find(b.code) != std::string::npos);
}

TEST_CASE("export: iCalendar text escaping") {
    CHECK(kiosk::icsEscapeText("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne");
    CHECK(kiosk::icsEscapeText("dòng 1\r\ndòng 2") == "dòng 1\\ndòng 2");
    CHECK(kiosk::icsEscapeText("Hỗ trợ VNeID – mã ACD347") == "Hỗ trợ VNeID – mã ACD347");
}

TEST_CASE("export: iCalendar lines fold at 75 octets and never inside a UTF-8 character") {
    CHECK(kiosk::icsFoldLine("SUMMARY:short") == "SUMMARY:short\r\n");
    const std::string exactly75(75, 'x');
    CHECK(kiosk::icsFoldLine(exactly75) == exactly75 + "\r\n");
    CHECK(kiosk::icsFoldLine(exactly75 + "y") == exactly75 + "\r\n y\r\n");

    // "ệ" is 3 octets and "🙂" 4: shifting by 0..3 ASCII octets puts every fold point inside a character
    // once.
    for (const std::string character : {"ệ", "🙂", "ư"}) {
        for (int shift = 0; shift < 4; ++shift) {
            std::string line = "DESCRIPTION:" + std::string(static_cast<std::size_t>(shift), 'a');
            for (int i = 0; i < 80; ++i)
                line += character;
            const std::string folded = kiosk::icsFoldLine(line);
            CAPTURE(character);
            CAPTURE(shift);
            const std::vector<std::string> physical = crlfLines(folded);
            CHECK(physical.size() > 2);
            for (std::size_t i = 0; i < physical.size(); ++i) {
                CHECK(physical[i].size() <= 75);
                if (i > 0) {
                    REQUIRE(physical[i].starts_with(' '));
                }
                CHECK(validUtf8(i == 0 ? physical[i] : physical[i].substr(1)));
            }
            CHECK(physical[0].size() >= 72); // folds as late as the character allows, not early
            CHECK(unfold(folded) == line + "\r\n");
        }
    }
}

TEST_CASE("export: the iCalendar file has one event per booking with UTC times = local - 7 h") {
    Fixture f;
    const auto early = f.book({nov(28), at(6, 30)}, "VNeID", "Bà Hoa");
    const auto later =
        f.book({nov(28), at(8, 30)}, "Dịch vụ công; nộp hồ sơ, tra cứu", std::nullopt, "0387654321");
    REQUIRE(f.service.changeStatus(later.code, BookingStatus::cancelled, 4, testNow).has_value());

    kiosk::ExportOptions options;
    options.location = "Nhà văn hóa thôn Đông";
    const std::string ics = kiosk::bookingsIcs(kiosk::readBookingsForExport(f.db, options), testNow, options);
    const std::vector<std::string> physical = crlfLines(ics);
    for (const std::string& line : physical) {
        CAPTURE(line);
        CHECK(line.size() <= 75);
        CHECK(validUtf8(line));
    }
    const std::string text = unfold(ics);
    CHECK(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    CHECK(text.find("\r\nCALSCALE:GREGORIAN\r\n") != std::string::npos);
    CHECK(text.ends_with("END:VCALENDAR\r\n"));

    // 06:30 on the 28th in Ha Noi is 23:30 on the 27th in UTC.
    const std::string earlyEvent =
        "BEGIN:VEVENT\r\nUID:" + early.code +
        "@village-kiosk\r\nDTSTAMP:20261125T021000Z\r\nDTSTART:20261127T233000Z\r\n"
        "DTEND:20261128T000000Z\r\nSUMMARY:Hỗ trợ VNeID – mã " +
        early.code +
        "\r\nDESCRIPTION:Hướng dẫn: vneid-login\\, bước 3\\nĐiện thoại: 0912 345 678\\n"
        "Cách xưng hô: Bà Hoa\\nTrạng thái: Đã đặt\r\nLOCATION:Nhà văn hóa thôn Đông\r\n"
        "STATUS:CONFIRMED\r\nLAST-MODIFIED:20261125T021000Z\r\nEND:VEVENT\r\n";
    CHECK(text.find(earlyEvent) != std::string::npos);

    const std::string laterEvent =
        "BEGIN:VEVENT\r\nUID:" + later.code +
        "@village-kiosk\r\nDTSTAMP:20261125T021000Z\r\nDTSTART:20261128T013000Z\r\n"
        "DTEND:20261128T020000Z\r\nSUMMARY:Hỗ trợ Dịch vụ công\\; nộp hồ sơ\\, tra cứu – mã " +
        later.code + " (đã hủy)\r\n";
    CHECK(text.find(laterEvent) != std::string::npos);
    CHECK(text.find("STATUS:CANCELLED\r\n") != std::string::npos);

    std::size_t events = 0;
    for (std::size_t p = text.find("BEGIN:VEVENT"); p != std::string::npos;
         p = text.find("BEGIN:VEVENT", p + 1)) {
        ++events;
    }
    CHECK(events == 2);
}

TEST_CASE("export: an erased booking shows no phone number and no name") {
    Fixture f;
    const auto b = f.book({nov(26), at(9, 0)}, "VNeID", "Bà Hoa", "0912345678");
    REQUIRE(kiosk::erasePersonalData(f.db, b.code, 4, testNow).has_value());
    const auto rows = kiosk::readBookingsForExport(f.db, {});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].personalErased);
    const std::string csv = kiosk::bookingsCsv(rows);
    const std::string ics = unfold(kiosk::bookingsIcs(rows, testNow, {}));
    for (const std::string& text : {csv, ics}) {
        CHECK(text.find("0912") == std::string::npos);
        CHECK(text.find("Hoa") == std::string::npos);
        CHECK(text.find(b.code) != std::string::npos);
    }
    CHECK(ics.find("Điện thoại") == std::string::npos);
    CHECK(csv.find(b.code + ",2026-11-26,09:00,VNeID,vneid-login,3,,,Đã đặt,,") != std::string::npos);
}

TEST_CASE("export: a date range picks the bookings of those days only") {
    Fixture f;
    const auto d26 = f.book({nov(26), at(9, 0)}, "VNeID", std::nullopt);
    const auto d27 = f.book({nov(27), at(9, 0)}, "VNeID", std::nullopt);
    const auto d28 = f.book({nov(28), at(9, 0)}, "VNeID", std::nullopt);
    kiosk::ExportOptions options;
    options.firstDay = nov(27);
    options.lastDay = nov(27);
    auto rows = kiosk::readBookingsForExport(f.db, options);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].code == d27.code);
    options.lastDay.reset();
    rows = kiosk::readBookingsForExport(f.db, options);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].code == d28.code);
    CHECK(kiosk::readBookingsForExport(f.db, {}).size() == 3);
    CHECK(kiosk::readBookingsForExport(f.db, {}).front().code == d26.code);
}

TEST_CASE("export: both files land under their final names, complete, with no temporary file left") {
    Fixture f;
    f.book({nov(26), at(9, 0)}, "VNeID", "Bà Hoa");
    const fs::path out = f.dir.path / "usb";
    fs::create_directory(out);

    auto result = kiosk::exportBookings(f.db, out, testNow);
    REQUIRE_MESSAGE(result.has_value(), (result ? "" : result.error().message));
    CHECK(result->csvFile == out / "dat-lich-2026-11-25.csv");
    CHECK(result->icsFile == out / "dat-lich-2026-11-25.ics");
    CHECK(result->bookings == 1);
    CHECK(readFile(result->csvFile) == kiosk::bookingsCsv(kiosk::readBookingsForExport(f.db, {})));
    CHECK(readFile(result->icsFile) ==
          kiosk::bookingsIcs(kiosk::readBookingsForExport(f.db, {}), testNow, {}));

    // Again with one more booking: the files are replaced whole, by a rename, so a reader that had the old
    // file open (a spreadsheet, a copy to the stick) still reads all of the old one, never a mix.
    const std::string oldCsv = readFile(result->csvFile);
    std::ifstream openedBefore(result->csvFile, std::ios::binary);
    REQUIRE(openedBefore.good());
    f.book({nov(27), at(9, 0)}, "VNeID", "Ông Tư");
    result = kiosk::exportBookings(f.db, out, testNow);
    REQUIRE(result.has_value());
    CHECK(result->bookings == 2);
    CHECK(readFile(result->csvFile).find("Ông Tư") != std::string::npos);
    std::ostringstream readAfter;
    readAfter << openedBefore.rdbuf();
    CHECK(readAfter.str() == oldCsv);

    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(out))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"dat-lich-2026-11-25.csv", "dat-lich-2026-11-25.ics"});
}

TEST_CASE(
    "export: a missing folder, a file instead of a folder or a failed write is an error naming the folder") {
    Fixture f;
    f.book({nov(26), at(9, 0)}, "VNeID", std::nullopt);

    const fs::path missing = f.dir.path / "no-usb-stick";
    auto result = kiosk::exportBookings(f.db, missing, testNow);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == kiosk::ErrorKind::notFound);
    CHECK(result.error().message.find(missing.string()) != std::string::npos);
    CHECK_FALSE(fs::exists(missing));

    const fs::path file = f.dir.path / "a-file";
    std::ofstream(file) << "x";
    result = kiosk::exportBookings(f.db, file, testNow);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message.find(file.string()) != std::string::npos);

    // A folder in the way of the final name makes the rename fail (even for root); the temporary goes.
    const fs::path out = f.dir.path / "usb";
    fs::create_directories(out / "dat-lich-2026-11-25.csv");
    result = kiosk::exportBookings(f.db, out, testNow);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().kind == kiosk::ErrorKind::io);
    CHECK(result.error().message.find(out.string()) != std::string::npos);
    CHECK(result.error().message.find("dat-lich-2026-11-25.csv") != std::string::npos);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(out))
        ++entries;
    CHECK(entries == 1); // only the folder that was in the way
}

// The booking table keeps the topic's id ("dichvucong", "khac"); the team reads the files in Vietnamese.
TEST_CASE("export: topics are named in Vietnamese with their diacritics, not by their ids") {
    CHECK(kiosk::bookingTopicName("dichvucong") == "Dịch vụ công");
    CHECK(kiosk::bookingTopicName("vneid") == "VNeID");
    CHECK(kiosk::bookingTopicName("antoan") == "Sống an toàn trên mạng");
    CHECK(kiosk::bookingTopicName("khac") == "Việc khác");
    CHECK(kiosk::bookingTopicName("chua-biet") == "chua-biet"); // unknown: as stored

    Fixture f;
    const auto publicServices = f.book({nov(28), at(8, 30)}, "dichvucong", "Bà Hoa");
    const auto other = f.book({nov(28), at(9, 0)}, "khac", std::nullopt, "0387654321");
    const auto bookings = kiosk::readBookingsForExport(f.db, {});
    const std::string csv = kiosk::bookingsCsv(bookings);
    CHECK(csv.find(publicServices.code + ",2026-11-28,08:30,Dịch vụ công,") != std::string::npos);
    CHECK(csv.find(other.code + ",2026-11-28,09:00,Việc khác,") != std::string::npos);
    CHECK(csv.find("dichvucong") == std::string::npos);
    const std::string ics = unfold(kiosk::bookingsIcs(bookings, testNow, {}));
    CHECK(ics.find("SUMMARY:Hỗ trợ Dịch vụ công – mã " + publicServices.code) != std::string::npos);
    CHECK(ics.find("SUMMARY:Hỗ trợ Việc khác – mã " + other.code) != std::string::npos);
    CHECK(ics.find("khac") == std::string::npos);
}
