// The team's desk (kiosk/staff/staff_desk.hpp) with a fixed clock and an in-memory database: the queue,
// marking with notes, rescheduling, the weekly schedule, closures, members, the audit log, export.
#include "staff/staff_desk.hpp"

#include "bookings/schedule_store.hpp"
#include "storage/migrations.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

#include <chrono>
#include <fstream>
#include <map>
#include <string>

using kiosk::BookingStatus;
using kiosk::StaffPage;
using TimePoint = std::chrono::system_clock::time_point;
namespace si = kiosk::staff_intent;
using namespace std::chrono;

namespace {

// 2026-11-27 01:00 UTC = 08:00 on Friday 27/11 in Hanoi.
const TimePoint t0 = sys_days{year{2026} / 11 / 27} + hours(1);
const kiosk::LocalDate friday = year{2026} / 11 / 27;
const kiosk::LocalDate saturday = year{2026} / 11 / 28;
const kiosk::LocalDate sunday = year{2026} / 11 / 29;
const char* const kPhone = "0912345678";

kiosk::db::Database migratedInMemory() {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

struct Desk {
    test::TempDir dir{"staff-desk"};
    kiosk::Config config = [this] {
        kiosk::Config c; // opening hours 07:30-11:30, 13:30-21:00 every day; 30-minute slots; capacity 1
        c.dataDir = dir.path / "data";
        return c;
    }();
    kiosk::db::Database db = migratedInMemory();
    kiosk::StaffRepository staff{db};
    kiosk::BookingService bookings{db, kiosk::ScheduleStore(db, config).load()};
    kiosk::StaffDesk desk{db, bookings, staff, config};
    kiosk::StaffMember leader = staff.createMember("Tổ trưởng", "2580", t0);

    Desk() { desk.open(leader, t0); }
    void apply(kiosk::StaffIntent i, TimePoint now = t0) { desk.apply(i, leader, now); }
    const kiosk::StaffDeskState& state() const { return desk.state(); }
    std::string book(kiosk::LocalDate day, int minute, const char* phone = kPhone) {
        kiosk::BookingRequest request;
        request.slot = {day, minute};
        request.topic = "vneid";
        request.guideId = "vneid-kich-hoat-muc-2";
        request.guideStep = 4;
        request.phone = phone;
        request.name = "Bác Hòa";
        auto booked = bookings.book(request, t0);
        REQUIRE(booked);
        return booked->code;
    }
    void openBooking(int dayOffset, const std::string& code) {
        apply(si::ShowPage{StaffPage::Queue});
        apply(si::ShowDay{dayOffset});
        apply(si::OpenBooking{code});
        REQUIRE(state().page == StaffPage::BookingDetail);
    }
    std::string text(const std::string& sql) {
        kiosk::db::Statement q = db.prepare(sql);
        REQUIRE(q.step());
        return q.columnText(0);
    }
    int count(const std::string& sql) {
        kiosk::db::Statement q = db.prepare(sql);
        REQUIRE(q.step());
        return q.columnInt(0);
    }
    void typeText(const std::string& keys) {
        for (char c : keys)
            desk.type(std::string(1, c));
    }
};

} // namespace

TEST_CASE("staff desk: the queue shows one day at a time, today first, moving through the coming days") {
    Desk d;
    const std::string later = d.book(friday, 10 * 60);
    const std::string earlier = d.book(friday, 9 * 60, "0387654321");
    d.book(saturday, 8 * 60 + 30, "0977000111");
    d.apply(si::ShowPage{StaffPage::Queue});
    CHECK(d.state().page == StaffPage::Queue);
    CHECK(d.state().dayOffset == 0);
    REQUIRE(d.state().queue.size() == 2);
    CHECK(d.state().queue[0].code == earlier); // by time
    CHECK(d.state().queue[1].code == later);
    CHECK(d.state().queue[1].guideStep == 4);
    CHECK(d.state().queue[1].name == "Bác Hòa");
    d.apply(si::ShowDay{1});
    CHECK(d.state().queue.size() == 1);
    d.apply(si::ShowDay{40}); // beyond the horizon: the last day
    CHECK(d.state().dayOffset == 13);
    CHECK(d.state().queue.empty());
}

TEST_CASE(
    "staff desk: marking follows the lifecycle, is audited with the member's id and never the phone number") {
    Desk d;
    const std::string code = d.book(saturday, 8 * 60 + 30);
    d.openBooking(1, code);
    CHECK(d.state().moves == std::vector<BookingStatus>{BookingStatus::arrived, BookingStatus::noShow,
                                                        BookingStatus::cancelled});
    d.apply(si::MarkStatus{BookingStatus::arrived});
    CHECK(d.state().selected->status == BookingStatus::arrived);
    CHECK(d.state().message == "Đã đánh dấu: Đã đến.");
    CHECK(d.state().moves == std::vector<BookingStatus>{BookingStatus::done, BookingStatus::cancelled});
    // Not offered, and refused if asked anyway.
    d.apply(si::MarkStatus{BookingStatus::noShow});
    CHECK(d.state().selected->status == BookingStatus::arrived);
    CHECK(d.state().message.find("Không thể chuyển") != std::string::npos);
    d.apply(si::MarkStatus{BookingStatus::done});
    CHECK(d.text(fmt::format("SELECT status FROM booking WHERE code = '{}'", code)) == "done");
    CHECK(d.state().moves.empty());
    CHECK(d.count(fmt::format(
              "SELECT count(*) FROM audit_log WHERE action IN ('booking.arrived', 'booking.done') "
              "AND staff_id = {}",
              d.leader.id)) == 2);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE detail LIKE '%0912%' OR detail LIKE '%345678%'") ==
          0);
}

TEST_CASE("staff desk: a note is typed on the keyboard, stored on the booking and audited without its text") {
    Desk d;
    const std::string code = d.book(saturday, 8 * 60 + 30);
    d.openBooking(1, code);
    d.apply(si::StartNote{});
    CHECK(d.state().page == StaffPage::Note);
    d.typeText("goi lai");
    d.desk.setTone(kiosk::ToneMark::acute); // "lại" is not the point: a tone lands on the last word
    d.desk.erase();
    d.desk.type("i");
    d.desk.submit(d.leader, t0);
    CHECK(d.state().page == StaffPage::BookingDetail);
    CHECK(d.state().message == "Đã lưu ghi chú.");
    const std::string stored = d.text(fmt::format("SELECT note FROM booking WHERE code = '{}'", code));
    CHECK(stored.starts_with("Goi"));
    CHECK(d.state().selected->note == stored);
    CHECK(
        d.count(fmt::format("SELECT count(*) FROM audit_log WHERE action = 'booking.note' AND staff_id = {} "
                            "AND detail = 'code={}'",
                            d.leader.id, code)) == 1);
    // A status change keeps the note.
    d.apply(si::MarkStatus{BookingStatus::noShow});
    CHECK(d.text(fmt::format("SELECT note FROM booking WHERE code = '{}'", code)) == stored);
    // Editing starts from what is there.
    d.apply(si::StartNote{});
    CHECK(d.state().note.text() == stored);
    CHECK(d.desk.back());
    CHECK(d.state().page == StaffPage::BookingDetail);
}

TEST_CASE("staff desk: rescheduling respects capacity, the grid and the past, in one audited step") {
    Desk d;
    const std::string moving = d.book(saturday, 8 * 60 + 30);
    d.book(saturday, 9 * 60, "0387654321"); // capacity 1: 09:00 is full
    auto full = d.bookings.reschedule(moving, {saturday, 9 * 60}, d.leader.id, t0);
    REQUIRE_FALSE(full);
    CHECK(full.error().code == kiosk::BookingErrorCode::slotFull);
    auto past = d.bookings.reschedule(moving, {friday, 7 * 60 + 30}, d.leader.id, t0);
    REQUIRE_FALSE(past);
    CHECK(past.error().code == kiosk::BookingErrorCode::slotInPast);
    auto offGrid = d.bookings.reschedule(moving, {saturday, 12 * 60}, d.leader.id, t0);
    REQUIRE_FALSE(offGrid);
    CHECK(offGrid.error().code == kiosk::BookingErrorCode::slotNotOffered);

    d.openBooking(1, moving);
    d.apply(si::StartReschedule{});
    CHECK(d.state().page == StaffPage::Reschedule);
    CHECK(d.state().rescheduleDays.size() == 14);
    d.apply(si::RescheduleDay{1});
    const auto& slots = d.state().rescheduleSlots;
    CHECK(std::ranges::none_of(slots, [](const kiosk::Slot& s) { return s.start.minuteOfDay == 9 * 60; }));
    d.apply(si::RescheduleSlot{9 * 60}); // taken meanwhile (or a stale screen): refused, stays on the page
    CHECK(d.state().page == StaffPage::Reschedule);
    CHECK(d.state().message == "Giờ này đã kín chỗ, xin chọn giờ khác.");
    d.apply(si::RescheduleDay{2});
    d.apply(si::RescheduleSlot{10 * 60});
    CHECK(d.state().page == StaffPage::BookingDetail);
    CHECK(d.state().selected->slot == kiosk::LocalDateTime{sunday, 10 * 60});
    CHECK(d.state().dayOffset == 2); // the queue follows the booking
    CHECK(d.text(fmt::format("SELECT slot_day || ' ' || slot_minute FROM booking WHERE code = '{}'",
                             moving)) == "2026-11-29 600");
    CHECK(d.count(fmt::format(
              "SELECT count(*) FROM audit_log WHERE action = 'booking.rescheduled' AND staff_id = {}",
              d.leader.id)) == 1);
    // The old place is free again.
    auto again = d.bookings.availableSlots(saturday, t0);
    CHECK(
        std::ranges::any_of(again, [](const kiosk::Slot& s) { return s.start.minuteOfDay == 8 * 60 + 30; }));
    // An arrived booking is not moved.
    d.apply(si::MarkStatus{BookingStatus::arrived});
    CHECK_FALSE(d.bookings.reschedule(moving, {sunday, 11 * 60}, d.leader.id, t0));
}

TEST_CASE(
    "staff desk: the weekly schedule is edited, saved, applied at once and loaded again after a restart") {
    Desk d;
    const std::string kept = d.book(saturday, 8 * 60 + 30); // not on the new 45-minute grid
    kiosk::ScheduleStore store(d.db, d.config);
    CHECK_FALSE(store.saved());
    d.apply(si::ShowPage{StaffPage::Schedule});
    // The config's 07:30-11:30 and 13:30-21:00 open all three blocks.
    for (int weekday = 0; weekday < 7; ++weekday) {
        CHECK(d.state().blocks[static_cast<std::size_t>(weekday)] == std::array<bool, 3>{true, true, true});
    }
    CHECK(d.state().slotMinutes == 30);
    CHECK(d.state().capacity == 1);
    for (int block = 0; block < 3; ++block)
        d.apply(si::ToggleBlock{0, block}); // no bookings on Sundays
    d.apply(si::StepSlotMinutes{1});
    CHECK(d.state().slotMinutes == 45);
    d.apply(si::StepCapacity{1});
    d.apply(si::StepCapacity{-1});
    d.apply(si::StepCapacity{1});
    CHECK(d.state().capacity == 2);
    CHECK(d.state().scheduleChanged);
    d.apply(si::SaveSchedule{});
    CHECK_FALSE(d.state().scheduleChanged);
    CHECK(d.bookings.rules().capacity == 2);
    CHECK(d.bookings.availableSlots(sunday, t0).empty());
    // 07:30..10:30 (5) and 13:30..20:15 (10).
    const auto saturdaySlots = d.bookings.availableSlots(saturday, t0);
    CHECK(saturdaySlots.size() == 15);
    CHECK(saturdaySlots.front().minutes == 45);
    CHECK(d.text(fmt::format("SELECT status FROM booking WHERE code = '{}'", kept)) == "booked");
    CHECK(d.count(
              fmt::format("SELECT count(*) FROM audit_log WHERE action = 'schedule.saved' AND staff_id = {}",
                          d.leader.id)) == 1);

    // A restart: the saved schedule, not the config's.
    CHECK(store.saved());
    const kiosk::BookingRules loaded = store.load();
    CHECK(loaded.capacity == 2);
    CHECK(loaded.week[0].windows.empty());
    REQUIRE(loaded.week[6].windows.size() == 2); // Chiều and Tối touch: one window, as the config writes it
    CHECK(loaded.week[6].windows[1].startMinute == 13 * 60 + 30);
    CHECK(loaded.week[6].windows[1].endMinute == 21 * 60);
    CHECK(loaded.week[3].slotMinutes == 45);
    kiosk::BookingService restarted(d.db, loaded);
    CHECK(restarted.availableSlots(saturday, t0).size() == 15);
}

TEST_CASE("staff desk: slot length and capacity steppers stay within their choices") {
    Desk d;
    d.apply(si::ShowPage{StaffPage::Schedule});
    for (int i = 0; i < 10; ++i)
        d.apply(si::StepSlotMinutes{-1});
    CHECK(d.state().slotMinutes == 15);
    for (int i = 0; i < 10; ++i)
        d.apply(si::StepSlotMinutes{1});
    CHECK(d.state().slotMinutes == 60);
    for (int i = 0; i < 30; ++i)
        d.apply(si::StepCapacity{1});
    CHECK(d.state().capacity == 20);
    for (int i = 0; i < 30; ++i)
        d.apply(si::StepCapacity{-1});
    CHECK(d.state().capacity == 1);
}

TEST_CASE("staff desk: a closed day keeps its bookings, says how many, and can be removed again") {
    Desk d;
    const std::string code = d.book(saturday, 8 * 60 + 30);
    d.apply(si::ShowPage{StaffPage::Closures});
    CHECK(d.state().closures.empty());
    d.apply(si::ShowPage{StaffPage::AddClosure});
    d.apply(si::SaveClosure{});
    CHECK(d.state().message == "Xin chọn ngày nghỉ.");
    d.apply(si::ChooseClosureDay{1});
    CHECK(d.state().bookingsOnClosureDay == 1);
    d.apply(si::ChooseClosureReason{1});
    d.apply(si::SaveClosure{});
    CHECK(d.state().page == StaffPage::Closures);
    REQUIRE(d.state().closures.size() == 1);
    CHECK(d.state().closures[0].reason == "Họp tổ");
    CHECK(d.state().closures[0].first == saturday);
    CHECK(d.state().message.find("còn 1 lịch hẹn") != std::string::npos);
    CHECK(d.bookings.availableSlots(saturday, t0).empty());
    CHECK(d.text(fmt::format("SELECT status FROM booking WHERE code = '{}'", code)) == "booked");
    CHECK(d.count(
              fmt::format("SELECT count(*) FROM audit_log WHERE action = 'booking.closure' AND staff_id = {}",
                          d.leader.id)) == 1);

    d.apply(si::RemoveClosure{d.state().closures[0].id});
    CHECK(d.state().closures.empty());
    CHECK_FALSE(d.bookings.availableSlots(saturday, t0).empty());
    CHECK(d.count(fmt::format(
              "SELECT count(*) FROM audit_log WHERE action = 'booking.closure_removed' AND staff_id = {}",
              d.leader.id)) == 1);
    // A past closure is no longer listed.
    d.bookings.addClosure(year{2026} / 11 / 20, year{2026} / 11 / 21, "Nghỉ lễ", d.leader.id, t0);
    d.apply(si::ShowPage{StaffPage::Closures});
    CHECK(d.state().closures.empty());
}

TEST_CASE("staff desk: members are added with their own PIN twice, never a PIN in use, never yourself or the "
          "last") {
    Desk d;
    d.apply(si::ShowPage{StaffPage::Members});
    CHECK(d.state().members.size() == 1);
    d.apply(si::StartAddMember{});
    CHECK(d.state().page == StaffPage::AddMemberName);
    d.desk.submit(d.leader, t0);
    CHECK(d.state().page == StaffPage::AddMemberName); // a name is needed
    d.typeText("an");
    d.desk.submit(d.leader, t0);
    REQUIRE(d.state().page == StaffPage::AddMemberPin);
    d.typeText("2580"); // the leader's
    d.desk.submit(d.leader, t0);
    CHECK(d.state().message == "Mã PIN này đã có người dùng. Xin chọn mã khác.");
    CHECK(d.state().firstPin.empty());
    d.typeText("1357");
    d.desk.submit(d.leader, t0);
    CHECK(d.state().firstPin == "1357");
    d.typeText("1358");
    d.desk.submit(d.leader, t0);
    CHECK(d.state().message == "Hai lần nhập không khớp. Nhập lại mã PIN mới.");
    d.typeText("1357");
    d.desk.submit(d.leader, t0);
    d.typeText("1357");
    d.desk.submit(d.leader, t0);
    CHECK(d.state().page == StaffPage::Members);
    REQUIRE(d.state().members.size() == 2);
    const auto an = d.staff.findByPin("1357");
    REQUIRE(an);
    CHECK(an->name == "An");
    CHECK(d.count("SELECT count(*) FROM staff_member WHERE pin_hash LIKE '%1357%'") == 0);
    CHECK(d.count(fmt::format("SELECT count(*) FROM audit_log WHERE action = 'staff.added' AND staff_id = {}",
                              d.leader.id)) == 1);

    d.apply(si::Deactivate{d.leader.id});
    CHECK(d.state().message == "Không thể tự ngừng tài khoản của mình.");
    CHECK(d.state().members.size() == 2);
    d.apply(si::Deactivate{an->id});
    CHECK(d.state().members.size() == 1);
    CHECK_FALSE(d.staff.findByPin("1357"));
    CHECK(d.count(fmt::format(
              "SELECT count(*) FROM audit_log WHERE action = 'staff.deactivated' AND staff_id = {}",
              d.leader.id)) == 1);
    // The last active member stays, whoever asks.
    auto last = d.staff.deactivate(d.leader.id, an->id, t0);
    REQUIRE_FALSE(last);
    CHECK(last.error() == kiosk::Error{kiosk::ErrorKind::refused, "Không thể ngừng thành viên cuối cùng."});
    CHECK(d.staff.hasAnyMember());
}

TEST_CASE("staff desk: erasing a booking's phone and name on request") {
    Desk d;
    const std::string code = d.book(saturday, 8 * 60 + 30);
    d.openBooking(1, code);
    d.apply(si::ErasePersonal{});
    CHECK(d.state().selected->erased);
    CHECK(d.state().selected->phone.empty());
    CHECK(d.state().selected->name.empty());
    CHECK(d.text(fmt::format("SELECT phone FROM booking WHERE code = '{}'", code)).empty());
    CHECK(d.count(fmt::format(
              "SELECT count(*) FROM audit_log WHERE action = 'booking.personal_erased' AND staff_id = {}",
              d.leader.id)) == 1);
}

TEST_CASE(
    "staff desk: the audit log reads newest first in Vietnamese with who did it, and no phone numbers") {
    Desk d;
    const std::string code = d.book(saturday, 8 * 60 + 30);
    d.openBooking(1, code);
    d.apply(si::MarkStatus{BookingStatus::arrived}, t0 + minutes(5));
    d.apply(si::ShowPage{StaffPage::Audit});
    REQUIRE(d.state().audit.size() >= 3);
    const kiosk::AuditEntry& newest = d.state().audit.front();
    CHECK(newest.who == "Tổ trưởng");
    CHECK(newest.when == "08:05 27/11");
    CHECK(newest.what == fmt::format("Đánh dấu đã đến (mã {})", code));
    CHECK(d.state().audit[1].what == fmt::format("Bà con đặt lịch (mã {})", code));
    CHECK(d.state().audit[1].who == "Máy");
    for (const kiosk::AuditEntry& e : d.state().audit)
        CHECK(e.what.find("0912") == std::string::npos);
    CHECK(kiosk::describeAuditAction("booking.rescheduled",
                                     "code=ACD347 from=2026-11-28 08:30 to=2026-11-29 10:00") ==
          "Đổi lịch hẹn (mã ACD347): 08:30 28/11 sang 10:00 29/11");
    CHECK(kiosk::describeAuditAction("schedule.saved", "windows=18 slot_minutes=30 capacity=2") ==
          "Lưu lịch tuần");
    CHECK(kiosk::describeAuditAction("booking.closure", "2026-12-01..2026-12-01 Nghỉ lễ") ==
          "Thêm ngày nghỉ Thứ Ba 01/12 – Nghỉ lễ");
    CHECK(kiosk::describeAuditAction("staff.created", "id=2 name=Bác Ba") == "Thêm thành viên");
}

TEST_CASE("staff desk: export lists USB sticks and the kiosk's folder, and writes the files where chosen") {
    Desk d;
    d.book(saturday, 8 * 60 + 30);
    std::filesystem::create_directories(d.dir.path / "media" / "pi" / "USB-TO");
    d.desk.setRemovableMediaRoots({d.dir.path / "media", d.dir.path / "nothing-here"});
    d.apply(si::ShowPage{StaffPage::Export});
    REQUIRE(d.state().destinations.size() == 2);
    CHECK(d.state().destinations[0].label == "USB-TO");
    CHECK(d.state().destinations[1].folder == d.config.dataDir / "exports");
    d.apply(si::ExportTo{0});
    REQUIRE(d.state().exportedFiles.size() == 2);
    CHECK(d.state().message == "Đã xuất 1 lịch hẹn vào USB-TO.");
    CHECK(std::filesystem::exists(d.dir.path / "media" / "pi" / "USB-TO" / d.state().exportedFiles[0]));
    d.apply(si::ExportTo{1}); // the kiosk's own folder is made when needed
    CHECK(std::filesystem::exists(d.config.dataDir / "exports" / d.state().exportedFiles[1]));
    CHECK(d.count(fmt::format(
              "SELECT count(*) FROM audit_log WHERE action = 'bookings.exported' AND staff_id = {}",
              d.leader.id)) == 2);
    // A stick pulled out meanwhile (a plain file where its folder was): an error in words, nothing thrown.
    std::filesystem::remove_all(d.dir.path / "media" / "pi" / "USB-TO");
    { std::ofstream(d.dir.path / "media" / "pi" / "USB-TO") << "not a folder"; }
    d.apply(si::ExportTo{0});
    CHECK(d.state().exportedFiles.empty());
    CHECK(d.state().message.starts_with("Chưa xuất được"));
}

TEST_CASE("staff desk: Quay lại goes one page back, and out of staff mode from the overview") {
    Desk d;
    const std::string code = d.book(saturday, 8 * 60 + 30);
    d.openBooking(1, code);
    d.apply(si::StartReschedule{});
    d.apply(si::RescheduleDay{2});
    CHECK(d.desk.back());
    CHECK(d.state().page == StaffPage::Reschedule);
    CHECK_FALSE(d.state().rescheduleOffset);
    CHECK(d.desk.back());
    CHECK(d.state().page == StaffPage::BookingDetail);
    CHECK(d.desk.back());
    CHECK(d.state().page == StaffPage::Queue);
    CHECK(d.desk.back());
    CHECK(d.state().page == StaffPage::Overview);
    CHECK_FALSE(d.desk.back());
    std::map<std::string, std::string> described;
    d.desk.describe(described);
    CHECK(described["staff_page"] == "overview");
}

TEST_CASE("staff desk: saving the schedule untouched keeps the config's hours, hours that are not whole "
          "blocks are flagged") {
    Desk d;
    const kiosk::BookingRules before = d.bookings.rules();
    d.apply(si::ShowPage{StaffPage::Schedule});
    CHECK(d.state().message.empty()); // the default hours are exactly the three blocks
    d.apply(si::SaveSchedule{});
    CHECK(d.bookings.rules().week == before.week);

    Desk odd;
    kiosk::BookingRules rules = odd.bookings.rules();
    rules.week[2].windows = {{8 * 60, 10 * 60}};
    odd.bookings.setRules(rules);
    odd.apply(si::ShowPage{StaffPage::Schedule});
    CHECK_FALSE(odd.state().message.empty());
}

TEST_CASE("staff desk: Hủy asks first, Không keeps the booking, the answer Hủy lịch cancels it") {
    Desk d;
    const std::string code = d.book(saturday, 8 * 60 + 30);
    d.openBooking(1, code);
    d.apply(si::MarkStatus{BookingStatus::cancelled});
    CHECK(d.state().confirmingCancel);
    CHECK(d.text(fmt::format("SELECT status FROM booking WHERE code = '{}'", code)) == "booked");
    CHECK(d.desk.back()); // "Không"
    CHECK_FALSE(d.state().confirmingCancel);
    CHECK(d.state().page == StaffPage::BookingDetail); // still on the booking
    d.apply(si::ConfirmCancel{});                      // no question asked: nothing
    CHECK(d.text(fmt::format("SELECT status FROM booking WHERE code = '{}'", code)) == "booked");
    d.apply(si::MarkStatus{BookingStatus::cancelled});
    d.apply(si::StartNote{}); // anything else leaves the question unanswered
    CHECK_FALSE(d.state().confirmingCancel);
    CHECK(d.desk.back());
    d.apply(si::MarkStatus{BookingStatus::cancelled});
    d.apply(si::ConfirmCancel{});
    CHECK(d.text(fmt::format("SELECT status FROM booking WHERE code = '{}'", code)) == "cancelled");
    CHECK(d.state().message == "Đã đánh dấu: Đã hủy.");
}

TEST_CASE("staff desk: Hoàn tác takes back the last Đã đến or Không đến mark, while its booking is open") {
    Desk d;
    const std::string code = d.book(friday, 9 * 60);
    d.openBooking(0, code);
    std::map<std::string, std::string> described;
    d.desk.describe(described);
    CHECK(described.at("staff_can_undo") == "0");
    d.apply(si::MarkStatus{BookingStatus::noShow}); // the wrong one of two look-alike neighbours
    d.desk.describe(described);
    CHECK(described.at("staff_can_undo") == "1");
    d.apply(si::UndoMark{});
    CHECK(d.state().selected->status == BookingStatus::booked);
    CHECK(d.state().message == "Đã hoàn tác \"Không đến\": lịch hẹn trở lại Đã hẹn.");
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE action = 'booking.undo'") == 1);
    d.apply(si::UndoMark{}); // once only
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE action = 'booking.undo'") == 1);
    d.apply(si::MarkStatus{BookingStatus::arrived});
    d.apply(si::MarkStatus{BookingStatus::done}); // "Đã giúp xong" is not taken back
    CHECK_FALSE(d.state().lastMark);
    d.apply(si::UndoMark{});
    CHECK(d.state().selected->status == BookingStatus::done);
    CHECK(kiosk::describeAuditAction("booking.undo", "code=ACD347 from=no_show") ==
          "Hoàn tác đánh dấu (mã ACD347)");
}

TEST_CASE("staff desk: Xong never names a mark: Đã giúp xong does") {
    CHECK(std::string(kiosk::staffStatusLabel(BookingStatus::done)) == "Đã giúp xong");
    for (BookingStatus s : {BookingStatus::booked, BookingStatus::arrived, BookingStatus::done,
                            BookingStatus::noShow, BookingStatus::cancelled}) {
        CHECK(std::string(kiosk::staffStatusLabel(s)) != "Xong");
    }
    CHECK(kiosk::describeAuditAction("booking.done", "code=ACD347 from=arrived") ==
          "Đánh dấu đã giúp xong (mã ACD347)");
}

TEST_CASE("staff desk: the export says which folder it wrote to") {
    Desk d;
    d.book(saturday, 8 * 60 + 30);
    d.apply(si::ShowPage{StaffPage::Export});
    CHECK(d.state().exportedFolder.empty());
    d.apply(si::ExportTo{0}); // the kiosk's own folder: no stick here
    REQUIRE(d.state().exportedFiles.size() == 2);
    CHECK(d.state().exportedFolder == d.config.dataDir / "exports");
    CHECK(std::filesystem::exists(d.state().exportedFolder / d.state().exportedFiles[0]));
}

TEST_CASE("staff desk: a home visit recorded a question at a time is saved as counts") {
    Desk d;
    d.apply(si::ShowPage{StaffPage::HelpDay});
    REQUIRE(d.state().page == StaffPage::HelpDay);
    d.apply(si::ChooseHelpDay{1}); // yesterday
    REQUIRE(d.state().page == StaffPage::HelpPlace);
    d.apply(si::ChooseHelpPlace{"kiosk"}); // the kiosk's own place comes from bookings, not from here
    CHECK(d.state().page == StaffPage::HelpPlace);
    d.apply(si::ChooseHelpPlace{"home_visit"});
    REQUIRE(d.state().page == StaffPage::HelpPeople);
    CHECK(d.state().helpPeople == 1);
    d.apply(si::StepHelpPeople{-1});
    CHECK(d.state().helpPeople == 1); // never below one
    d.apply(si::StepHelpPeople{1});
    d.apply(si::StepHelpPeople{1});
    CHECK(d.state().helpPeople == 3);
    d.apply(si::ShowPage{StaffPage::HelpResults});
    REQUIRE(d.state().page == StaffPage::HelpResults);
    d.apply(si::StepResult{"vneid_level2", 1});
    d.apply(si::StepResult{"vneid_level2", 1});
    d.apply(si::StepResult{"scam_warning", 1});
    d.apply(si::StepResult{"scam_warning", -1});
    d.apply(si::StepResult{"bank_qr", -1});
    CHECK(d.state().helpResults == std::map<std::string, int>{{"vneid_level2", 2}});
    // Back to the people and forward again keeps what was entered.
    CHECK(d.desk.back());
    CHECK(d.state().page == StaffPage::HelpPeople);
    CHECK(d.state().helpPeople == 3);
    d.apply(si::ShowPage{StaffPage::HelpResults});
    CHECK(d.state().helpResults.size() == 1);
    d.apply(si::SaveHelp{});
    CHECK(d.state().page == StaffPage::Overview);
    CHECK(d.state().message.starts_with("Đã ghi: Đến tận nhà, 3 người"));
    CHECK(d.count("SELECT count(*) FROM team_help WHERE day = '2026-11-26' AND place = 'home_visit' AND "
                  "people = 3") == 1);
    CHECK(d.count("SELECT times FROM team_help_result WHERE result = 'vneid_level2'") == 2);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE action = 'team.help'") == 1);
    // A new record starts afresh.
    d.apply(si::ShowPage{StaffPage::HelpDay});
    CHECK(d.state().helpPeople == 1);
    CHECK(d.state().helpResults.empty());
}

TEST_CASE("staff desk: a booking marked done asks what was achieved then hands over the faces") {
    Desk d;
    const std::string code = d.book(friday, 9 * 60);
    d.openBooking(0, code);
    d.apply(si::MarkStatus{BookingStatus::arrived});
    d.apply(si::MarkStatus{BookingStatus::done});
    REQUIRE(d.state().page == StaffPage::BookingResults);
    d.apply(si::ToggleResult{"vneid_level2"});
    d.apply(si::ToggleResult{"app_installed"});
    d.apply(si::ToggleResult{"app_installed"}); // a second tap takes it back
    CHECK(d.state().helpResults == std::map<std::string, int>{{"vneid_level2", 1}});
    d.apply(si::SaveBookingResults{});
    REQUIRE(d.state().page == StaffPage::Satisfaction);
    d.apply(si::AnswerSatisfaction{"happy"});
    CHECK(d.state().page == StaffPage::BookingDetail);
    CHECK(d.state().selected->status == BookingStatus::done);
    CHECK(d.count(
              "SELECT count(*) FROM team_help WHERE place = 'kiosk' AND people = 1 AND day = '2026-11-27'") ==
          1);
    CHECK(d.count("SELECT times FROM team_help_result WHERE result = 'vneid_level2'") == 1);
    CHECK(d.count("SELECT times FROM satisfaction_count WHERE day = '2026-11-27' AND answer = 'happy'") == 1);
    // Nothing in the audit log or the faces' table points at the booking or the face.
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE detail LIKE '%happy%'") == 0);
}

TEST_CASE("staff desk: skipping the results and the faces counts neither") {
    Desk d;
    const std::string code = d.book(friday, 9 * 60);
    d.openBooking(0, code);
    d.apply(si::MarkStatus{BookingStatus::arrived});
    d.apply(si::MarkStatus{BookingStatus::done});
    REQUIRE(d.state().page == StaffPage::BookingResults);
    d.apply(si::SkipBookingResults{});
    REQUIRE(d.state().page == StaffPage::Satisfaction);
    d.apply(si::SkipSatisfaction{});
    CHECK(d.state().page == StaffPage::BookingDetail);
    CHECK(d.state().selected->status == BookingStatus::done);
    CHECK(d.count("SELECT count(*) FROM team_help") == 0);
    CHECK(d.count("SELECT count(*) FROM satisfaction_count") == 0);
}
