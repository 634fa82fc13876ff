#include "staff/staff_desk.hpp"

#include "app/strings.hpp"
#include "bookings/booking_export.hpp"
#include "bookings/booking_retention.hpp"
#include "bookings/schedule_store.hpp"
#include "common/local_time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace kiosk {

namespace {
using TimePoint = std::chrono::system_clock::time_point;

// The allowed transitions, as BookingService::changeStatus checks them: offered as buttons.
std::vector<BookingStatus> movesFrom(BookingStatus status) {
    using enum BookingStatus;
    switch (status) {
    case booked:
        return {arrived, noShow, cancelled};
    case arrived:
        return {done, cancelled};
    default:
        return {};
    }
}

// A value of "key=value" in an audit detail, or "".
std::string detailValue(std::string_view detail, std::string_view key) {
    const std::string needle = std::string(key) + "=";
    std::size_t at = 0;
    while ((at = detail.find(needle, at)) != std::string_view::npos) {
        if (at == 0 || detail[at - 1] == ' ') {
            const std::size_t start = at + needle.size();
            const std::size_t end = detail.find(' ', start);
            return std::string(detail.substr(start, end == std::string_view::npos ? end : end - start));
        }
        at += needle.size();
    }
    return "";
}

// "2026-11-28 08:30" (as bookings.cpp writes a slot) → "08:30 28/11".
std::string slotWords(std::string_view slot) {
    if (slot.size() < 16) return std::string(slot);
    return fmt::format("{} {}/{}", slot.substr(11, 5), slot.substr(8, 2), slot.substr(5, 2));
}
} // namespace

const char* staffPageName(StaffPage page) {
    switch (page) {
    case StaffPage::Overview:
        return "overview";
    case StaffPage::Queue:
        return "queue";
    case StaffPage::BookingDetail:
        return "booking";
    case StaffPage::Note:
        return "note";
    case StaffPage::Reschedule:
        return "reschedule";
    case StaffPage::Schedule:
        return "schedule";
    case StaffPage::Closures:
        return "closures";
    case StaffPage::AddClosure:
        return "add_closure";
    case StaffPage::Members:
        return "members";
    case StaffPage::AddMemberName:
        return "add_member_name";
    case StaffPage::AddMemberPin:
        return "add_member_pin";
    case StaffPage::Audit:
        return "audit";
    case StaffPage::Export:
        return "export";
    case StaffPage::GuideChecks:
        return "guide_checks";
    case StaffPage::CheckStep:
        return "check_step";
    case StaffPage::Flag:
        return "flag";
    case StaffPage::FlagNote:
        return "flag_note";
    case StaffPage::HelpDay:
        return "help_day";
    case StaffPage::HelpPlace:
        return "help_place";
    case StaffPage::HelpPeople:
        return "help_people";
    case StaffPage::HelpResults:
        return "help_results";
    case StaffPage::BookingResults:
        return "booking_results";
    case StaffPage::Satisfaction:
        return "satisfaction";
    }
    return "unknown";
}

const char* staffStatusLabel(BookingStatus status) {
    switch (status) {
    case BookingStatus::booked:
        return "Đã hẹn";
    case BookingStatus::arrived:
        return "Đã đến";
    case BookingStatus::done:
        return "Đã giúp xong";
    case BookingStatus::noShow:
        return "Không đến";
    case BookingStatus::cancelled:
        return "Đã hủy";
    }
    return "?";
}

std::string describeAuditAction(std::string_view action, std::string_view detail) {
    const std::string code = detailValue(detail, "code");
    const std::string withCode = code.empty() ? "" : fmt::format(" (mã {})", code);
    static const std::map<std::string_view, const char*> kPhrases{
        {"staff.signed_in", "Vào chế độ tổ"},          {"staff.pin_failed", "Nhập sai mã PIN"},
        {"staff.created", "Thêm thành viên"},          {"staff.added", "Thêm thành viên"},
        {"staff.deactivated", "Ngừng một thành viên"}, {"program.restart", "Khởi động lại máy"},
        {"program.quit", "Thoát chương trình"},        {"booking.booked", "Bà con đặt lịch"},
        {"booking.arrived", "Đánh dấu đã đến"},        {"booking.done", "Đánh dấu đã giúp xong"},
        {"booking.undo", "Hoàn tác đánh dấu"},         {"booking.no_show", "Đánh dấu không đến"},
        {"booking.cancelled", "Hủy lịch hẹn"},         {"booking.note", "Ghi chú lịch hẹn"},
        {"booking.rescheduled", "Đổi lịch hẹn"},       {"booking.personal_erased", "Xóa SĐT và tên"},
        {"booking.closure", "Thêm ngày nghỉ"},         {"booking.closure_removed", "Bỏ ngày nghỉ"},
        {"schedule.saved", "Lưu lịch tuần"},           {"bookings.exported", "Xuất danh sách hẹn"},
        {"screen.flagged", "Báo màn hình đã khác"},    {"team.help", "Ghi việc đã giúp"},
    };
    const auto found = kPhrases.find(action);
    std::string phrase = found != kPhrases.end() ? found->second : std::string(action);
    if (action == "booking.rescheduled") {
        // "from=2026-11-28 08:30 to=2026-11-29 10:00": each slot has a space inside.
        auto slotAfter = [&](std::string_view key) {
            const std::size_t at = detail.find(key);
            return at == std::string_view::npos ? std::string()
                                                : slotWords(detail.substr(at + key.size(), 16));
        };
        return fmt::format("{}{}: {} sang {}", phrase, withCode, slotAfter(" from="), slotAfter(" to="));
    }
    if (action == "booking.closure" || action == "booking.closure_removed") {
        // "2026-12-01..2026-12-01 Nghỉ lễ"
        const std::size_t space = detail.find(' ');
        const std::string_view days = detail.substr(0, space);
        const std::string reason =
            space == std::string_view::npos ? "" : std::string(detail.substr(space + 1));
        if (auto first = parseIsoDay(days.substr(0, 10))) {
            return fmt::format("{} {}{}", phrase, vietnameseDay(*first),
                               reason.empty() ? "" : " – " + reason);
        }
    }
    // Only the code is shown from the detail: anything else might hold personal data.
    return phrase + withCode;
}

StaffDesk::StaffDesk(db::Database& db, BookingService& bookings, StaffRepository& staff, const Config& config)
    : m_db(db), m_bookings(bookings), m_staff(staff), m_config(config) {}

LocalDate StaffDesk::dayAt(int offset) const {
    return LocalDate{std::chrono::sys_days{m_state.today} + std::chrono::days{offset}};
}

void StaffDesk::open(const StaffMember&, TimePoint now) {
    m_state = StaffDeskState{};
    m_state.today = toLocal(now).date;
}

void StaffDesk::apply(const StaffIntent& intent, const StaffMember& who, TimePoint now) {
    m_state.today = toLocal(now).date; // the kiosk runs for days: "today" moves on
    // A question is answered by its own buttons; anything else leaves it unanswered.
    if (!std::holds_alternative<staff_intent::ConfirmCancel>(intent)) m_state.confirmingCancel = false;
    std::visit([&](const auto& i) { handle(i, who, now); }, intent);
}

void StaffDesk::goTo(StaffPage page, TimePoint) {
    m_state.page = page;
    m_state.listPage = 0;
    m_state.message.clear();
    switch (page) {
    case StaffPage::Queue:
        loadQueue();
        break;
    case StaffPage::Schedule:
        loadSchedule();
        break;
    case StaffPage::Closures:
        loadClosures();
        break;
    case StaffPage::Members:
        m_state.members = m_staff.listMembers();
        break;
    case StaffPage::Audit:
        loadAudit();
        break;
    case StaffPage::Export:
        loadDestinations();
        m_state.exportedFiles.clear();
        break;
    case StaffPage::GuideChecks: {
        const auto& d = m_state.today;
        m_state.guideChecks =
            m_library
                ? guidesToCheck(*m_library, content::Date{static_cast<int>(d.year()),
                                                          static_cast<int>(static_cast<unsigned>(d.month())),
                                                          static_cast<int>(static_cast<unsigned>(d.day()))})
                : std::vector<GuideToCheck>{};
        break;
    }
    case StaffPage::HelpDay:
        m_state.helpDaysBack = 0;
        m_state.helpPlace.clear();
        m_state.helpPeople = 1;
        m_state.helpResults.clear();
        break;
    default:
        break;
    }
}

std::vector<std::string_view> awayPlaceKeys() {
    std::vector<std::string_view> keys;
    for (const upload::PlaceKind& place : upload::kPlaceKinds)
        if (place.key != upload::kPlaceAtKiosk) keys.push_back(place.key);
    return keys;
}

// ---- Queue and one booking ------------------------------------------------------------------------------

void StaffDesk::loadQueue() {
    m_state.queue.clear();
    db::Statement query = m_db.prepare(
        "SELECT code, slot_minute, topic, guide_id, guide_step, phone, name, status, note, "
        "personal_erased_at IS NOT NULL FROM booking WHERE slot_day = ?1 ORDER BY slot_minute, code");
    query.bind(1, isoDay(dayAt(m_state.dayOffset)));
    while (query.step()) {
        QueueEntry e;
        e.code = query.columnText(0);
        e.slot = {dayAt(m_state.dayOffset), query.columnInt(1)};
        e.topic = query.columnText(2);
        if (!query.columnIsNull(3)) e.guideId = query.columnText(3);
        if (!query.columnIsNull(4)) e.guideStep = query.columnInt(4);
        e.phone = query.columnText(5);
        if (!query.columnIsNull(6)) e.name = query.columnText(6);
        const std::string status = query.columnText(7);
        for (BookingStatus s : {BookingStatus::booked, BookingStatus::arrived, BookingStatus::done,
                                BookingStatus::noShow, BookingStatus::cancelled}) {
            if (bookingStatusName(s) == status) e.status = s;
        }
        e.note = query.columnText(8);
        e.erased = query.columnInt(9) != 0;
        m_state.queue.push_back(std::move(e));
    }
}

void StaffDesk::reloadSelected() {
    if (!m_state.selected) return;
    const std::string code = m_state.selected->code;
    const std::optional<Booking> booking = m_bookings.find(code);
    if (!booking) {
        m_state.selected.reset();
        return;
    }
    // The queue shows the booking's day: follow it there (a reschedule may have moved it).
    m_state.dayOffset = static_cast<int>(
        (std::chrono::sys_days{booking->slot.date} - std::chrono::sys_days{m_state.today}).count());
    const int savedPage = m_state.listPage;
    loadQueue();
    m_state.listPage = savedPage;
    const auto found = std::ranges::find(m_state.queue, code, &QueueEntry::code);
    if (found == m_state.queue.end()) {
        m_state.selected.reset();
        return;
    }
    m_state.selected = *found;
    m_state.moves = movesFrom(found->status);
}

void StaffDesk::handle(const staff_intent::ShowPage& i, const StaffMember&, TimePoint now) {
    if (i.page == StaffPage::Queue) m_state.dayOffset = 0; // from the overview: today first
    goTo(i.page, now);
}

void StaffDesk::handle(const staff_intent::ShowListPage& i, const StaffMember&, TimePoint) {
    m_state.listPage = std::max(0, i.page);
}

void StaffDesk::handle(const staff_intent::ShowDay& i, const StaffMember&, TimePoint) {
    // Yesterday too: a team member may still mark who came.
    m_state.dayOffset = std::clamp(i.offset, -1, m_bookings.rules().horizonDays - 1);
    m_state.listPage = 0;
    m_state.message.clear();
    loadQueue();
}

void StaffDesk::handle(const staff_intent::OpenBooking& i, const StaffMember&, TimePoint) {
    const auto found = std::ranges::find(m_state.queue, i.code, &QueueEntry::code);
    if (found == m_state.queue.end()) return;
    m_state.selected = *found;
    m_state.moves = movesFrom(found->status);
    m_state.page = StaffPage::BookingDetail;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::MarkStatus& i, const StaffMember& who, TimePoint now) {
    if (!m_state.selected) return;
    if (i.status == BookingStatus::cancelled) {
        // A cancel cannot be taken back (the place goes to someone else): asked about first.
        m_state.confirmingCancel = true;
        m_state.message.clear();
        return;
    }
    mark(i.status, who, now);
}

void StaffDesk::handle(const staff_intent::ConfirmCancel&, const StaffMember& who, TimePoint now) {
    if (!m_state.selected || !m_state.confirmingCancel) return;
    m_state.confirmingCancel = false;
    mark(BookingStatus::cancelled, who, now);
}

void StaffDesk::mark(BookingStatus to, const StaffMember& who, TimePoint now) {
    auto changed = m_bookings.changeStatus(m_state.selected->code, to, who.id, now);
    if (!changed) {
        m_state.message = text::bookingRefusal(changed.error());
        return;
    }
    m_state.message = fmt::format("Đã đánh dấu: {}.", staffStatusLabel(to));
    // "Đã đến" and "Không đến" sit side by side: the wrong one is taken back with "Hoàn tác".
    if (to == BookingStatus::arrived || to == BookingStatus::noShow) {
        m_state.lastMark = StaffDeskState::Mark{m_state.selected->code, to};
    } else {
        m_state.lastMark.reset();
    }
    reloadSelected();
    if (to == BookingStatus::done) { // what the help achieved, then the resident's face
        m_state.helpResults.clear();
        m_state.page = StaffPage::BookingResults;
        m_state.listPage = 0;
        m_state.message.clear();
    }
}

void StaffDesk::handle(const staff_intent::UndoMark&, const StaffMember& who, TimePoint now) {
    if (!m_state.selected || !m_state.lastMark || m_state.lastMark->code != m_state.selected->code) return;
    const StaffDeskState::Mark undone = *m_state.lastMark;
    m_state.lastMark.reset();
    auto reverted = m_bookings.undoMark(undone.code, undone.status, who.id, now);
    m_state.message =
        reverted ? fmt::format("Đã hoàn tác \"{}\": lịch hẹn trở lại {}.", staffStatusLabel(undone.status),
                               staffStatusLabel(BookingStatus::booked))
                 : text::bookingRefusal(reverted.error());
    reloadSelected();
}

void StaffDesk::handle(const staff_intent::StartNote&, const StaffMember&, TimePoint) {
    if (!m_state.selected) return;
    m_state.note.clear();
    // Edit what is there: typed back one character (one UTF-8 sequence) at a time, as the keyboard would.
    const std::string& existing = m_state.selected->note;
    for (std::size_t at = 0; at < existing.size();) {
        std::size_t length = 1;
        while (at + length < existing.size() &&
               (static_cast<unsigned char>(existing[at + length]) & 0xC0) == 0x80)
            ++length;
        m_state.note.type(std::string_view(existing).substr(at, length));
        at += length;
    }
    m_state.page = StaffPage::Note;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::ErasePersonal&, const StaffMember& who, TimePoint now) {
    if (!m_state.selected) return;
    auto erased = erasePersonalData(m_db, m_state.selected->code, who.id, now);
    m_state.message = erased ? "Đã xóa số điện thoại và tên của lịch hẹn này." : erased.error().message;
    reloadSelected();
}

void StaffDesk::handle(const staff_intent::StartReschedule&, const StaffMember&, TimePoint now) {
    if (!m_state.selected || m_state.selected->status != BookingStatus::booked) return;
    m_state.page = StaffPage::Reschedule;
    m_state.rescheduleOffset.reset();
    m_state.rescheduleSlots.clear();
    m_state.rescheduleDays = m_bookings.comingDays(now);
    m_state.listPage = 0;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::RescheduleDay& i, const StaffMember&, TimePoint now) {
    if (m_state.page != StaffPage::Reschedule) return;
    m_state.rescheduleOffset = i.offset;
    m_state.rescheduleSlots = m_bookings.availableSlots(dayAt(i.offset), now);
    m_state.listPage = 0;
    m_state.message = m_state.rescheduleSlots.empty() ? "Ngày này không còn giờ trống." : "";
}

void StaffDesk::handle(const staff_intent::RescheduleSlot& i, const StaffMember& who, TimePoint now) {
    if (m_state.page != StaffPage::Reschedule || !m_state.selected || !m_state.rescheduleOffset) return;
    const LocalDateTime to{dayAt(*m_state.rescheduleOffset), i.minuteOfDay};
    auto moved = m_bookings.reschedule(m_state.selected->code, to, who.id, now);
    if (!moved) {
        m_state.message = text::bookingRefusal(moved.error());
        m_state.rescheduleSlots = m_bookings.availableSlots(to.date, now); // someone took it meanwhile
        return;
    }
    m_state.page = StaffPage::BookingDetail;
    m_state.listPage = 0;
    m_state.message = fmt::format("Đã đổi sang {} {}.", clockTime(to.minuteOfDay), vietnameseDay(to.date));
    reloadSelected();
}

// ---- Schedule and closures ------------------------------------------------------------------------------

namespace {
// The open blocks as windows; blocks that touch (Chiều ends where Tối begins) are one window, as the
// config writes 13:30-21:00.
std::array<DayAvailability, 7> blocksAsWeek(const WeekBlocks& blocks, int slotMinutes) {
    std::array<DayAvailability, 7> week;
    for (std::size_t weekday = 0; weekday < 7; ++weekday) {
        DayAvailability& day = week[weekday];
        day.slotMinutes = slotMinutes;
        for (std::size_t b = 0; b < scheduleBlocks.size(); ++b) {
            if (!blocks[weekday][b]) continue;
            if (!day.windows.empty() && day.windows.back().endMinute == scheduleBlocks[b].startMinute) {
                day.windows.back().endMinute = scheduleBlocks[b].endMinute;
            } else {
                day.windows.push_back({scheduleBlocks[b].startMinute, scheduleBlocks[b].endMinute});
            }
        }
    }
    return week;
}
} // namespace

void StaffDesk::loadSchedule() {
    const BookingRules& rules = m_bookings.rules();
    for (int weekday = 0; weekday < 7; ++weekday) {
        const DayAvailability& day = rules.week[static_cast<std::size_t>(weekday)];
        for (std::size_t b = 0; b < scheduleBlocks.size(); ++b) {
            // A block is open when some window covers it: the config's 13:30-21:00 opens Chiều and Tối.
            m_state.blocks[static_cast<std::size_t>(weekday)][b] =
                std::ranges::any_of(day.windows, [&](const TimeWindow& w) {
                    return w.startMinute <= scheduleBlocks[b].startMinute &&
                           w.endMinute >= scheduleBlocks[b].endMinute;
                });
        }
    }
    m_state.slotMinutes = rules.week[1].slotMinutes;
    m_state.capacity = rules.capacity;
    m_state.scheduleChanged = false;
    if (rules.week != blocksAsWeek(m_state.blocks, m_state.slotMinutes)) {
        // The config's opening hours are not whole blocks: say so before a save replaces them.
        m_state.message = "Giờ hiện tại khác các buổi: Lưu sẽ đổi theo các buổi.";
    }
}

void StaffDesk::handle(const staff_intent::ToggleBlock& i, const StaffMember&, TimePoint) {
    if (i.weekday < 0 || i.weekday > 6 || i.block < 0 || i.block >= static_cast<int>(scheduleBlocks.size()))
        return;
    auto& open = m_state.blocks[static_cast<std::size_t>(i.weekday)][static_cast<std::size_t>(i.block)];
    open = !open;
    m_state.scheduleChanged = true;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::StepSlotMinutes& i, const StaffMember&, TimePoint) {
    auto at = std::ranges::lower_bound(slotLengthChoices, m_state.slotMinutes);
    int index = static_cast<int>(at - slotLengthChoices.begin());
    if (at == slotLengthChoices.end() || *at != m_state.slotMinutes)
        index = i.direction > 0 ? index - 1 : index;
    index = std::clamp(index + (i.direction > 0 ? 1 : -1), 0, static_cast<int>(slotLengthChoices.size()) - 1);
    m_state.slotMinutes = slotLengthChoices[static_cast<std::size_t>(index)];
    m_state.scheduleChanged = true;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::StepCapacity& i, const StaffMember&, TimePoint) {
    m_state.capacity = std::clamp(m_state.capacity + (i.direction > 0 ? 1 : -1), 1, maxCapacity);
    m_state.scheduleChanged = true;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::SaveSchedule&, const StaffMember& who, TimePoint now) {
    BookingRules rules = m_bookings.rules();
    rules.capacity = m_state.capacity;
    rules.week = blocksAsWeek(m_state.blocks, m_state.slotMinutes);
    try {
        ScheduleStore(m_db, m_config).save(rules, who.id, now);
        m_bookings.setRules(std::move(rules)); // at once; bookings already made stay as they are
    } catch (const std::invalid_argument& e) {
        m_state.message = "Lịch chưa hợp lệ, chưa lưu.";
        return;
    }
    m_state.scheduleChanged = false;
    m_state.message = "Đã lưu lịch tuần. Các lịch hẹn đã đặt vẫn giữ nguyên.";
}

void StaffDesk::loadClosures() {
    m_state.closures = m_bookings.listClosures(m_state.today);
}

void StaffDesk::handle(const staff_intent::RemoveClosure& i, const StaffMember& who, TimePoint now) {
    m_state.message = m_bookings.removeClosure(i.id, who.id, now) ? "Đã bỏ ngày nghỉ." : "";
    loadClosures();
}

void StaffDesk::handle(const staff_intent::ChooseClosureDay& i, const StaffMember&, TimePoint) {
    if (i.offset < 0 || i.offset >= m_bookings.rules().horizonDays) return;
    m_state.closureOffset = i.offset;
    m_state.bookingsOnClosureDay = m_bookings.activeBookingsOn(dayAt(i.offset));
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::ChooseClosureReason& i, const StaffMember&, TimePoint) {
    m_state.closureReason = std::clamp(i.index, 0, static_cast<int>(closureReasons.size()) - 1);
}

void StaffDesk::handle(const staff_intent::SaveClosure&, const StaffMember& who, TimePoint now) {
    if (!m_state.closureOffset) {
        m_state.message = "Xin chọn ngày nghỉ.";
        return;
    }
    const LocalDate day = dayAt(*m_state.closureOffset);
    m_bookings.addClosure(day, day, closureReasons[static_cast<std::size_t>(m_state.closureReason)], who.id,
                          now);
    const int kept = m_bookings.activeBookingsOn(day);
    goTo(StaffPage::Closures, now);
    m_state.closureOffset.reset();
    m_state.message = kept == 0 ? fmt::format("Đã thêm ngày nghỉ {}.", vietnameseDay(day))
                                : fmt::format("Đã thêm ngày nghỉ {}. Ngày này còn {} lịch hẹn, vẫn giữ: "
                                              "tổ hãy gọi báo cho bà con.",
                                              vietnameseDay(day), kept);
}

// ---- Members ------------------------------------------------------------------------------------------

void StaffDesk::handle(const staff_intent::StartAddMember&, const StaffMember&, TimePoint) {
    m_state.memberName.clear();
    m_state.memberPin.clear();
    m_state.firstPin.clear();
    m_state.page = StaffPage::AddMemberName;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::Deactivate& i, const StaffMember& who, TimePoint now) {
    auto done = m_staff.deactivate(i.memberId, who.id, now);
    m_state.message = done ? "Đã ngừng thành viên này." : done.error().message;
    m_state.members = m_staff.listMembers();
}

void StaffDesk::submitMemberPin(const StaffMember& who, TimePoint now) {
    const std::string pin = m_state.memberPin.text();
    m_state.memberPin.clear();
    if (!isValidPin(pin)) {
        m_state.message = "Mã PIN gồm 4 đến 8 chữ số.";
        return;
    }
    if (m_state.firstPin.empty()) {
        // Each member's PIN is their own: the audit log must say who did what.
        if (m_staff.pinInUse(pin)) {
            m_state.message = "Mã PIN này đã có người dùng. Xin chọn mã khác.";
            return;
        }
        m_state.firstPin = pin;
        m_state.message = "Nhập lại mã PIN để xác nhận.";
        return;
    }
    if (pin != m_state.firstPin) {
        m_state.firstPin.clear();
        m_state.message = "Hai lần nhập không khớp. Nhập lại mã PIN mới.";
        return;
    }
    const StaffMember added = m_staff.createMember(m_state.memberName.tidy(), pin, now);
    m_staff.audit(who.id, "staff.added", fmt::format("id={}", added.id), now);
    m_state.firstPin.clear();
    goTo(StaffPage::Members, now);
    m_state.message = fmt::format("Đã thêm thành viên {}.", added.name);
}

// ---- Audit log and export -------------------------------------------------------------------------------

void StaffDesk::loadAudit() {
    m_state.audit.clear();
    // The newest 200 lines are plenty for a kiosk screen; older ones stay in the database.
    db::Statement query = m_db.prepare("SELECT a.at, s.name, a.action, a.detail FROM audit_log a LEFT JOIN "
                                       "staff_member s ON s.id = a.staff_id "
                                       "ORDER BY a.id DESC LIMIT 200");
    while (query.step()) {
        AuditEntry e;
        if (auto at = parseIsoUtc(query.columnText(0))) e.when = localTimeAndDay(*at);
        e.who = query.columnIsNull(1) ? "Máy" : query.columnText(1);
        e.what = describeAuditAction(query.columnText(2), query.columnText(3));
        m_state.audit.push_back(std::move(e));
    }
}

void StaffDesk::loadDestinations() {
    m_state.destinations.clear();
    std::error_code ec;
    // USB sticks are mounted as /media/<user>/<label> (or /run/media/<user>/<label>).
    for (const std::filesystem::path& root : m_mediaRoots) {
        for (const auto& user : std::filesystem::directory_iterator(root, ec)) {
            if (!user.is_directory(ec)) continue;
            for (const auto& stick : std::filesystem::directory_iterator(user.path(), ec)) {
                if (stick.is_directory(ec))
                    m_state.destinations.push_back({stick.path().filename().string(), stick.path()});
            }
        }
    }
    std::ranges::sort(m_state.destinations, {}, &ExportDestination::label);
    m_state.destinations.push_back({"Thư mục của máy", m_config.dataDir / "exports"});
}

void StaffDesk::handle(const staff_intent::ExportTo& i, const StaffMember& who, TimePoint now) {
    if (i.destination < 0 || i.destination >= static_cast<int>(m_state.destinations.size())) return;
    const ExportDestination& to = m_state.destinations[static_cast<std::size_t>(i.destination)];
    std::error_code ec;
    std::filesystem::create_directories(to.folder, ec); // the kiosk's own folder may not exist yet
    ExportOptions options;
    options.slotMinutes = m_bookings.rules().week[1].slotMinutes;
    options.location = m_config.village;
    auto result = exportBookings(m_db, to.folder, now, options);
    m_state.exportedFiles.clear();
    m_state.exportedFolder.clear();
    if (!result) {
        m_state.message = fmt::format("Chưa xuất được: {}", result.error().message);
        return;
    }
    m_state.exportedFiles = {result->csvFile.filename().string(), result->icsFile.filename().string()};
    m_state.exportedFolder = to.folder;
    m_state.message = fmt::format("Đã xuất {} lịch hẹn vào {}.", result->bookings, to.label);
    m_staff.audit(who.id, "bookings.exported", fmt::format("bookings={}", result->bookings), now);
}

// ---- Guides to compare with the real app, and "Màn hình này đã khác" --------------------------------

const content::Guide* StaffDesk::checkedGuide() const {
    return m_library && !m_state.checkGuide.empty() ? m_library->find(m_state.checkGuide) : nullptr;
}

void StaffDesk::handle(const staff_intent::OpenGuideCheck& i, const StaffMember&, TimePoint) {
    if (!m_library || !m_library->find(i.guideId)) return;
    m_state.checkGuide = i.guideId;
    m_state.checkStep = 0;
    m_state.page = StaffPage::CheckStep;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::ShowCheckStep& i, const StaffMember&, TimePoint) {
    const content::Guide* guide = checkedGuide();
    if (!guide || i.step < 0 || i.step >= static_cast<int>(guide->steps.size())) return;
    m_state.checkStep = i.step;
    m_state.page = StaffPage::CheckStep;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::StartFlag&, const StaffMember&, TimePoint) {
    if (!checkedGuide()) return;
    m_state.flagKind.reset();
    m_state.flagNote.clear();
    m_state.page = StaffPage::Flag;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::ChooseFlagKind& i, const StaffMember&, TimePoint) {
    if (m_state.page != StaffPage::Flag || i.index < 0 || i.index >= static_cast<int>(kFlagKinds.size()))
        return;
    m_state.flagKind = i.index;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::StartFlagNote&, const StaffMember&, TimePoint) {
    if (m_state.page == StaffPage::Flag) m_state.page = StaffPage::FlagNote;
}

void StaffDesk::handle(const staff_intent::SaveFlag&, const StaffMember& who, TimePoint now) {
    const content::Guide* guide = checkedGuide();
    if (m_state.page != StaffPage::Flag || !guide) return;
    if (!m_state.flagKind) {
        m_state.message = "Xin chọn chỗ khác: chữ, nút, thứ tự hay hình.";
        return;
    }
    const FlagKind& kind = kFlagKinds[static_cast<std::size_t>(*m_state.flagKind)];
    auto saved =
        m_flags.add(guide->id, guide->title, m_state.checkStep + 1, kind.what, m_state.flagNote.tidy(), now);
    if (!saved) {
        m_state.message = "Chưa lưu được: " + saved.error().message;
        return;
    }
    m_staff.audit(who.id, "screen.flagged", fmt::format("guide={} step={}", guide->id, m_state.checkStep + 1),
                  now);
    m_state.page = StaffPage::CheckStep;
    m_state.message = fmt::format("Đã ghi: bước {} khác ở {}. Sẽ gửi về xã cùng số liệu.",
                                  m_state.checkStep + 1, kind.label);
    m_state.flagKind.reset();
    m_state.flagNote.clear();
}

// ---- What the team did: help away from the kiosk, a booking's results, the resident's face
// -----------------

void StaffDesk::handle(const staff_intent::ChooseHelpDay& i, const StaffMember&, TimePoint now) {
    if (m_state.page != StaffPage::HelpDay || i.daysBack < 0 || i.daysBack > kTeamDaysBack) return;
    m_state.helpDaysBack = i.daysBack;
    goTo(StaffPage::HelpPlace, now);
}

void StaffDesk::handle(const staff_intent::ChooseHelpPlace& i, const StaffMember&, TimePoint now) {
    const std::vector<std::string_view> places = awayPlaceKeys();
    if (m_state.page != StaffPage::HelpPlace || std::ranges::find(places, i.key) == places.end()) return;
    m_state.helpPlace = i.key;
    goTo(StaffPage::HelpPeople, now);
}

void StaffDesk::handle(const staff_intent::StepHelpPeople& i, const StaffMember&, TimePoint) {
    if (m_state.page != StaffPage::HelpPeople) return;
    m_state.helpPeople = std::clamp(m_state.helpPeople + (i.direction > 0 ? 1 : -1), 1, kMaxTeamCount);
}

void StaffDesk::handle(const staff_intent::StepResult& i, const StaffMember&, TimePoint) {
    if (m_state.page != StaffPage::HelpResults || !upload::findResult(i.key)) return;
    const int times = std::clamp(m_state.helpResults[i.key] + (i.direction > 0 ? 1 : -1), 0, kMaxTeamCount);
    if (times == 0)
        m_state.helpResults.erase(i.key);
    else
        m_state.helpResults[i.key] = times;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::SaveHelp&, const StaffMember& who, TimePoint now) {
    if (m_state.page != StaffPage::HelpResults) return;
    const TeamHelpRecord help{isoDay(dayAt(-m_state.helpDaysBack)), m_state.helpPlace, m_state.helpPeople,
                              m_state.helpResults};
    auto saved = m_team.record(help, now);
    if (!saved) { // kept on the page: nothing the member entered is lost
        m_state.message = "Chưa lưu được: " + saved.error().message;
        return;
    }
    m_staff.audit(who.id, "team.help", fmt::format("place={} people={}", help.place, help.people), now);
    const upload::PlaceKind* place = upload::findPlace(help.place);
    goTo(StaffPage::Overview, now);
    m_state.message = fmt::format("Đã ghi: {}, {} người, ngày {}. Sẽ gửi về xã cùng số liệu.",
                                  place ? std::string(place->label) : help.place, help.people,
                                  vietnameseDay(dayAt(-m_state.helpDaysBack)));
}

void StaffDesk::handle(const staff_intent::ToggleResult& i, const StaffMember&, TimePoint) {
    if (m_state.page != StaffPage::BookingResults || !upload::findResult(i.key)) return;
    if (!m_state.helpResults.erase(i.key)) m_state.helpResults[i.key] = 1;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::SaveBookingResults&, const StaffMember&, TimePoint now) {
    if (m_state.page != StaffPage::BookingResults) return;
    if (!m_state.helpResults.empty()) {
        // Counted on the day it was done, at the kiosk's own place; the booking is not named.
        auto saved =
            m_team.record({localDay(now), std::string(upload::kPlaceAtKiosk), 1, m_state.helpResults}, now);
        if (!saved) {
            m_state.message = "Chưa lưu được: " + saved.error().message;
            return;
        }
    }
    handOverToResident();
}

void StaffDesk::handle(const staff_intent::SkipBookingResults&, const StaffMember&, TimePoint) {
    if (m_state.page == StaffPage::BookingResults) handOverToResident();
}

void StaffDesk::handOverToResident() {
    m_state.helpResults.clear();
    m_state.page = StaffPage::Satisfaction;
    m_state.listPage = 0;
    m_state.message.clear();
}

void StaffDesk::handle(const staff_intent::AnswerSatisfaction& i, const StaffMember&, TimePoint now) {
    if (m_state.page != StaffPage::Satisfaction) return;
    // Counted per day and answer only: no audit line, which would tie the face to the member and the time.
    auto saved = m_team.addSatisfaction(i.key, now);
    m_state.page = StaffPage::BookingDetail;
    m_state.message = saved ? "Cảm ơn bác đã cho ý kiến." : "Chưa lưu được: " + saved.error().message;
}

void StaffDesk::handle(const staff_intent::SkipSatisfaction&, const StaffMember&, TimePoint) {
    if (m_state.page != StaffPage::Satisfaction) return;
    m_state.page = StaffPage::BookingDetail;
    m_state.message.clear();
}

// ---- Keypads and navigation -----------------------------------------------------------------------------

void StaffDesk::type(std::string_view key) {
    switch (m_state.page) {
    case StaffPage::Note:
        m_state.note.type(key);
        break;
    case StaffPage::AddMemberName:
        m_state.memberName.type(key);
        break;
    case StaffPage::AddMemberPin:
        m_state.memberPin.type(key);
        break;
    case StaffPage::FlagNote:
        m_state.flagNote.type(key);
        break;
    default:
        return;
    }
    m_state.message.clear();
}

void StaffDesk::setTone(ToneMark mark) {
    if (m_state.page == StaffPage::Note) m_state.note.setTone(mark);
    if (m_state.page == StaffPage::AddMemberName) m_state.memberName.setTone(mark);
    if (m_state.page == StaffPage::FlagNote) m_state.flagNote.setTone(mark);
}

void StaffDesk::erase() {
    if (m_state.page == StaffPage::Note) m_state.note.erase();
    if (m_state.page == StaffPage::AddMemberName) m_state.memberName.erase();
    if (m_state.page == StaffPage::AddMemberPin) m_state.memberPin.erase();
    if (m_state.page == StaffPage::FlagNote) m_state.flagNote.erase();
}

void StaffDesk::submit(const StaffMember& who, TimePoint now) {
    switch (m_state.page) {
    case StaffPage::Note: {
        if (!m_state.selected) return;
        auto saved = m_bookings.setNote(m_state.selected->code, m_state.note.tidy(), who.id, now);
        m_state.page = StaffPage::BookingDetail;
        m_state.message = saved ? "Đã lưu ghi chú." : text::bookingRefusal(saved.error());
        reloadSelected();
        return;
    }
    case StaffPage::AddMemberName:
        if (m_state.memberName.tidy().empty()) {
            m_state.message = "Xin nhập tên thành viên.";
            return;
        }
        m_state.page = StaffPage::AddMemberPin;
        m_state.message.clear();
        return;
    case StaffPage::AddMemberPin:
        return submitMemberPin(who, now);
    case StaffPage::FlagNote: // the note stays with the flag, saved with "Lưu"
        m_state.page = StaffPage::Flag;
        return;
    default:
        return;
    }
}

bool StaffDesk::back() {
    const StaffPage from = m_state.page;
    m_state.message.clear();
    if (m_state.confirmingCancel) { // "Không": the booking stays as it is
        m_state.confirmingCancel = false;
        return true;
    }
    switch (from) {
    case StaffPage::Overview:
        return false;
    case StaffPage::BookingDetail:
        m_state.page = StaffPage::Queue;
        m_state.selected.reset();
        return true;
    case StaffPage::Reschedule:
        if (m_state.rescheduleOffset) { // from the times back to the days
            m_state.rescheduleOffset.reset();
            m_state.rescheduleSlots.clear();
            m_state.listPage = 0;
            return true;
        }
        m_state.page = StaffPage::BookingDetail;
        m_state.listPage = 0;
        return true;
    case StaffPage::Note:
        m_state.page = StaffPage::BookingDetail;
        m_state.listPage = 0;
        return true;
    case StaffPage::AddClosure:
        m_state.page = StaffPage::Closures;
        m_state.closureOffset.reset();
        return true;
    case StaffPage::AddMemberName:
        m_state.page = StaffPage::Members;
        return true;
    case StaffPage::AddMemberPin:
        m_state.page = StaffPage::AddMemberName;
        m_state.firstPin.clear();
        m_state.memberPin.clear();
        return true;
    case StaffPage::CheckStep:
        m_state.page = StaffPage::GuideChecks;
        return true;
    case StaffPage::Flag: // nothing saved
        m_state.page = StaffPage::CheckStep;
        m_state.flagKind.reset();
        m_state.flagNote.clear();
        return true;
    case StaffPage::FlagNote:
        m_state.page = StaffPage::Flag;
        return true;
    case StaffPage::HelpPlace: // one question back, keeping the answers
        m_state.page = StaffPage::HelpDay;
        return true;
    case StaffPage::HelpPeople:
        m_state.page = StaffPage::HelpPlace;
        return true;
    case StaffPage::HelpResults:
        m_state.page = StaffPage::HelpPeople;
        m_state.listPage = 0;
        return true;
    case StaffPage::BookingResults: // the booking stays done; nothing else is counted
    case StaffPage::Satisfaction:
        m_state.helpResults.clear();
        m_state.page = StaffPage::BookingDetail;
        m_state.listPage = 0;
        return true;
    default:
        m_state.page = StaffPage::Overview;
        m_state.listPage = 0;
        return true;
    }
}

void StaffDesk::close() {
    m_state = StaffDeskState{};
}

std::string StaffDesk::viewKey() const {
    const StaffDeskState& s = m_state;
    // A booking's results are chosen by one tap each: a quick second tap must not take one back. The
    // counters elsewhere take every tap (twelve people in a class are twelve quick taps).
    std::string chosen;
    if (s.page == StaffPage::BookingResults)
        for (const auto& [key, times] : s.helpResults)
            chosen += key + ",";
    return fmt::format("{} {} {} {}:{} {} {} {} {} {}:{}:{} {}", staffPageName(s.page), s.listPage,
                       s.dayOffset, s.selected ? s.selected->code : "",
                       s.selected ? bookingStatusName(s.selected->status) : "", s.confirmingCancel,
                       s.rescheduleOffset.value_or(-1), s.members.size(), s.closures.size(), s.checkGuide,
                       s.checkStep, s.flagKind.value_or(-1), chosen);
}

void StaffDesk::describe(std::map<std::string, std::string>& out) const {
    const StaffDeskState& s = m_state;
    out["staff_page"] = staffPageName(s.page);
    out["staff_message"] = s.message;
    out["staff_list_page"] = std::to_string(s.listPage);
    out["staff_day_offset"] = std::to_string(s.dayOffset);
    out["staff_queue_count"] = std::to_string(s.queue.size());
    out["staff_selected"] = s.selected ? s.selected->code : "";
    out["staff_selected_status"] = s.selected ? std::string(bookingStatusName(s.selected->status)) : "";
    out["staff_selected_time"] = s.selected ? clockTime(s.selected->slot.minuteOfDay) : "";
    out["staff_selected_note"] = s.selected ? s.selected->note : "";
    out["staff_selected_erased"] = s.selected && s.selected->erased ? "1" : "0";
    out["staff_note"] = s.note.text();
    out["staff_reschedule_slots"] = std::to_string(s.rescheduleSlots.size());
    out["staff_slot_minutes"] = std::to_string(s.slotMinutes);
    out["staff_capacity"] = std::to_string(s.capacity);
    out["staff_closures"] = std::to_string(s.closures.size());
    out["staff_members"] = std::to_string(s.members.size());
    out["staff_member_name"] = s.memberName.text();
    out["staff_pin_length"] = std::to_string(s.memberPin.characters());
    out["staff_audit_count"] = std::to_string(s.audit.size());
    out["staff_destinations"] = std::to_string(s.destinations.size());
    out["staff_exported"] = s.exportedFiles.empty() ? "" : s.exportedFiles.front();
    out["staff_confirm_cancel"] = s.confirmingCancel ? "1" : "0";
    out["staff_guide_checks"] = std::to_string(s.guideChecks.size());
    out["staff_check_guide"] = s.checkGuide;
    out["staff_check_step"] = std::to_string(s.checkStep + 1);
    out["staff_flag_kind"] =
        s.flagKind ? std::string(kFlagKinds[static_cast<std::size_t>(*s.flagKind)].what) : "";
    out["staff_flag_note"] = s.flagNote.text();
    out["staff_flags_saved"] = std::to_string(m_flags.count());
    out["staff_help_day"] = isoDay(dayAt(-s.helpDaysBack));
    out["staff_help_place"] = s.helpPlace;
    out["staff_help_people"] = std::to_string(s.helpPeople);
    std::string results;
    for (const auto& [key, times] : s.helpResults)
        results += fmt::format("{}{}={}", results.empty() ? "" : " ", key, times);
    out["staff_help_results"] = results;
    out["staff_can_undo"] = s.lastMark && s.selected && s.lastMark->code == s.selected->code ? "1" : "0";
}

} // namespace kiosk
