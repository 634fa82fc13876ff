// Team-member mode behind the PIN: today's queue and the coming days, marking bookings, the weekly
// schedule and closures, team members, the audit log, exports. The App forwards staff intents here
// while a member is signed in; screens in ui/ draw StaffDeskState, which holds snapshots read from the
// database when a page opens or after an action (screens never query the database).
#pragma once

#include "app/text_entry.hpp"
#include "bookings/bookings.hpp"
#include "config/config.hpp"
#include "staff/screen_flags.hpp"
#include "staff/staff.hpp"
#include "team/team_store.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk {

enum class StaffPage {
    Overview,
    Queue,         // one day's bookings
    BookingDetail, // one booking: mark, note, reschedule, erase
    Note,          // typing the note
    Reschedule,    // a day, then a free slot
    Schedule,      // weekly blocks, slot length, capacity
    Closures,      // coming closed days
    AddClosure,    // a day and a reason
    Members,
    AddMemberName,
    AddMemberPin, // the new PIN, then again
    Audit,
    Export,
    GuideChecks, // guides due a comparison with the real app
    CheckStep,   // one step of such a guide, as residents see it, to compare with the phone
    Flag,        // "Màn hình này đã khác": what differs
    FlagNote,    // typing the flag's note
    // "Ghi việc đã giúp": help given away from the kiosk, one question a page
    HelpDay,     // today or one of the 6 days before
    HelpPlace,   // where: a home visit, a class, the market, elsewhere
    HelpPeople,  // how many people
    HelpResults, // per result, how many times
    // After "Đã giúp xong" on a booking: what was achieved, then the resident's face
    BookingResults,
    Satisfaction,
};

// The places a team member chooses from: every place kind but the kiosk's own, which is counted when a
// booking is marked done.
[[nodiscard]] std::vector<std::string_view> awayPlaceKeys();

// The three blocks of a day the schedule page toggles. Together they are the config's default opening
// hours (07:30-11:30, 13:30-21:00), so the first save changes nothing a team member did not touch.
struct ScheduleBlock {
    const char* label;
    int startMinute;
    int endMinute;
};
inline constexpr std::array<ScheduleBlock, 3> scheduleBlocks{{
    {"Sáng", 7 * 60 + 30, 11 * 60 + 30},
    {"Chiều", 13 * 60 + 30, 18 * 60},
    {"Tối", 18 * 60, 21 * 60},
}};
inline constexpr std::array<int, 5> slotLengthChoices{15, 20, 30, 45, 60};
inline constexpr int maxCapacity = 20;
// Reasons offered for a closed day, as chips.
inline constexpr std::array<const char*, 3> closureReasons{"Nghỉ lễ", "Họp tổ", "Lý do khác"};

namespace staff_intent {
struct ShowPage {
    StaffPage page = StaffPage::Overview;
};
struct ShowListPage {
    int page = 0;
}; // "Xem thêm" on a long list
struct ShowDay {
    int offset = 0;
}; // the queue's day: today + offset, 0 .. horizon-1
struct OpenBooking {
    std::string code;
}; // from the queue
struct MarkStatus {
    BookingStatus status = BookingStatus::arrived;
};                       // the open booking; a cancel is asked about first
struct ConfirmCancel {}; // "Hủy lịch hẹn": the answer to that question
struct UndoMark {};      // "Hoàn tác": the last arrived / no-show mark on the open booking
struct StartNote {};     // then the keyboard; Submit saves it
struct ErasePersonal {}; // the open booking's phone and name, on request
struct StartReschedule {};
struct RescheduleDay {
    int offset = 0;
};
struct RescheduleSlot {
    int minuteOfDay = 0;
};
struct ToggleBlock {
    int weekday = 0;
    int block = 0;
}; // weekday 0 = Sunday
struct StepSlotMinutes {
    int direction = 1;
}; // through slotLengthChoices
struct StepCapacity {
    int direction = 1;
};
struct SaveSchedule {};
struct RemoveClosure {
    std::int64_t id = 0;
};
struct ChooseClosureDay {
    int offset = 0;
};
struct ChooseClosureReason {
    int index = 0;
};
struct SaveClosure {};
struct StartAddMember {};
struct Deactivate {
    std::int64_t memberId = 0;
};
struct ExportTo {
    int destination = 0;
};
struct OpenGuideCheck {
    std::string guideId;
}; // from the guides to check: its first step
struct ShowCheckStep {
    int step = 0; // 0-based
};
struct StartFlag {}; // "Màn hình này đã khác" on the step shown
struct ChooseFlagKind {
    int index = 0; // into kFlagKinds (staff/screen_flags.hpp)
};
struct StartFlagNote {}; // then the keyboard; Submit keeps the note on the flag page
struct SaveFlag {};
struct ChooseHelpDay {
    int daysBack = 0; // 0 = today .. kTeamDaysBack
};
struct ChooseHelpPlace {
    std::string key; // one of awayPlaceKeys()
};
struct StepHelpPeople {
    int direction = 1;
};
struct StepResult {
    std::string key; // upload::kResultKinds
    int direction = 1;
};
struct SaveHelp {};
struct ToggleResult {
    std::string key; // after a booking is done: achieved or not
};
struct SaveBookingResults {};
struct SkipBookingResults {};
struct AnswerSatisfaction {
    std::string key; // upload::kSatisfactionAnswers
};
struct SkipSatisfaction {};
} // namespace staff_intent

using StaffIntent =
    std::variant<staff_intent::ShowPage, staff_intent::ShowListPage, staff_intent::ShowDay,
                 staff_intent::OpenBooking, staff_intent::MarkStatus, staff_intent::ConfirmCancel,
                 staff_intent::UndoMark, staff_intent::StartNote, staff_intent::ErasePersonal,
                 staff_intent::StartReschedule, staff_intent::RescheduleDay, staff_intent::RescheduleSlot,
                 staff_intent::ToggleBlock, staff_intent::StepSlotMinutes, staff_intent::StepCapacity,
                 staff_intent::SaveSchedule, staff_intent::RemoveClosure, staff_intent::ChooseClosureDay,
                 staff_intent::ChooseClosureReason, staff_intent::SaveClosure, staff_intent::StartAddMember,
                 staff_intent::Deactivate, staff_intent::ExportTo, staff_intent::OpenGuideCheck,
                 staff_intent::ShowCheckStep, staff_intent::StartFlag, staff_intent::ChooseFlagKind,
                 staff_intent::StartFlagNote, staff_intent::SaveFlag, staff_intent::ChooseHelpDay,
                 staff_intent::ChooseHelpPlace, staff_intent::StepHelpPeople, staff_intent::StepResult,
                 staff_intent::SaveHelp, staff_intent::ToggleResult, staff_intent::SaveBookingResults,
                 staff_intent::SkipBookingResults, staff_intent::AnswerSatisfaction,
                 staff_intent::SkipSatisfaction>;

// One booking as the queue shows it. The guide's title is looked up by the screen (the content library).
struct QueueEntry {
    std::string code;
    LocalDateTime slot;
    std::string topic;
    std::optional<std::string> guideId;
    std::optional<int> guideStep; // 1-based, as residents count
    std::string phone;            // digits; "" once erased
    std::string name;             // how to address them; "" if not given or erased
    BookingStatus status = BookingStatus::booked;
    std::string note;
    bool erased = false;
};

struct AuditEntry {
    std::string when; // "14:05 27/11", local time
    std::string who;  // the member's name, or "Máy" for the kiosk itself
    std::string what; // Vietnamese, e.g. "Đánh dấu đã đến (mã ACD347)"
};

struct ExportDestination {
    std::string label; // the USB stick's name, or "Thư mục của máy"
    std::filesystem::path folder;
};

// Which of the seven days have which blocks open, as the schedule page toggles them.
using WeekBlocks = std::array<std::array<bool, scheduleBlocks.size()>, 7>;

struct StaffDeskState {
    StaffPage page = StaffPage::Overview;
    std::string message; // the result of the last action, e.g. "Đã đánh dấu: đã đến"
    int listPage = 0;    // of the current page's list
    LocalDate today;
    // Queue
    int dayOffset = 0;
    std::vector<QueueEntry> queue;
    std::optional<QueueEntry> selected;
    std::vector<BookingStatus> moves; // what the selected booking may become
    bool confirmingCancel = false;    // "Hủy lịch hẹn … ?" is asked about the selected booking
    // The last arrived / no-show mark, which "Hoàn tác" takes back while its booking is open.
    struct Mark {
        std::string code;
        BookingStatus status = BookingStatus::arrived;
    };
    std::optional<Mark> lastMark;
    TextEntry note{TextEntry::Kind::name, 60};
    // Reschedule
    std::optional<int> rescheduleOffset;
    std::vector<BookingService::DayFreeSlots> rescheduleDays;
    std::vector<Slot> rescheduleSlots;
    // Schedule
    WeekBlocks blocks{};
    int slotMinutes = 30;
    int capacity = 1;
    bool scheduleChanged = false; // unsaved edits
    // Closures
    std::vector<BookingService::Closure> closures;
    std::optional<int> closureOffset;
    int closureReason = 0;
    int bookingsOnClosureDay = 0;
    // Members
    std::vector<StaffMember> members;
    TextEntry memberName{TextEntry::Kind::name, 30};
    TextEntry memberPin{TextEntry::Kind::digits, 8};
    std::string firstPin; // while confirming the new member's PIN
    // Audit, newest first
    std::vector<AuditEntry> audit;
    // Export
    std::vector<ExportDestination> destinations;
    std::vector<std::string> exportedFiles;
    std::filesystem::path exportedFolder; // where they went, named on the page
    // Guides to compare with the real app, and the one being compared
    std::vector<GuideToCheck> guideChecks;
    std::string checkGuide;      // its id
    int checkStep = 0;           // 0-based
    std::optional<int> flagKind; // into kFlagKinds, once chosen
    TextEntry flagNote{TextEntry::Kind::note, kMaxFlagNoteCharacters};
    // Help being recorded, or what a booking just marked done achieved: counts, never who
    int helpDaysBack = 0;
    std::string helpPlace;
    int helpPeople = 1;
    std::map<std::string, int> helpResults; // result key -> times; absent = none
};

class StaffDesk {
  public:
    StaffDesk(db::Database& db, BookingService& bookings, StaffRepository& staff, const Config& config);

    // A member signed in: start at the overview.
    void open(const StaffMember& who, std::chrono::system_clock::time_point now);
    void apply(const StaffIntent& intent, const StaffMember& who, std::chrono::system_clock::time_point now);
    // The on-screen keypad or keyboard, when the page has a field to type into.
    void type(std::string_view key);
    void setTone(ToneMark mark);
    void erase();
    void submit(const StaffMember& who, std::chrono::system_clock::time_point now);
    // "Quay lại": one page back. False at the overview: then the App leaves staff mode.
    [[nodiscard]] bool back();
    // Signed out: forget everything shown.
    void close();

    // Where USB sticks appear (default /media and /run/media, two levels down); tests point elsewhere.
    // The guides in use (App::setLibrary passes them on): the pages that compare guides read them.
    void setLibrary(const content::Library* library) { m_library = library; }

    void setRemovableMediaRoots(std::vector<std::filesystem::path> roots) { m_mediaRoots = std::move(roots); }

    [[nodiscard]] const StaffDeskState& state() const { return m_state; }
    // Adds "staff_page" and friends for scenario expectations.
    void describe(std::map<std::string, std::string>& out) const;
    // What the page shows, as far as a finger is concerned (kiosk::App lets taps settle when it changes).
    [[nodiscard]] std::string viewKey() const;

  private:
    void handle(const staff_intent::ShowPage& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ShowListPage& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ShowDay& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::OpenBooking& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::MarkStatus& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ConfirmCancel& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::UndoMark& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void mark(BookingStatus to, const StaffMember& who, std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StartNote& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ErasePersonal& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StartReschedule& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::RescheduleDay& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::RescheduleSlot& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ToggleBlock& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StepSlotMinutes& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StepCapacity& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::SaveSchedule& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::RemoveClosure& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ChooseClosureDay& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ChooseClosureReason& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::SaveClosure& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StartAddMember& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::Deactivate& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ExportTo& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::OpenGuideCheck& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ShowCheckStep& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StartFlag& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ChooseFlagKind& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StartFlagNote& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::SaveFlag& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ChooseHelpDay& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ChooseHelpPlace& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StepHelpPeople& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::StepResult& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::SaveHelp& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::ToggleResult& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::SaveBookingResults& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::SkipBookingResults& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::AnswerSatisfaction& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handle(const staff_intent::SkipSatisfaction& i, const StaffMember& who,
                std::chrono::system_clock::time_point now);
    void handOverToResident(); // the faces, after the booking's results
    [[nodiscard]] const content::Guide* checkedGuide() const;

    void goTo(StaffPage page, std::chrono::system_clock::time_point now);
    void loadQueue();
    void reloadSelected();
    void loadSchedule();
    void loadClosures();
    void loadAudit();
    void loadDestinations();
    void submitMemberPin(const StaffMember& who, std::chrono::system_clock::time_point now);
    [[nodiscard]] LocalDate dayAt(int offset) const;

    db::Database& m_db;
    BookingService& m_bookings;
    StaffRepository& m_staff;
    const Config& m_config;
    StaffDeskState m_state;
    ScreenFlagStore m_flags{m_db};
    TeamStore m_team{m_db};
    const content::Library* m_library = nullptr;
    std::vector<std::filesystem::path> m_mediaRoots{"/media", "/run/media"};
};

[[nodiscard]] const char* staffPageName(StaffPage page);
// "Đã đến", "Đã giúp xong" ...: the status as the team says it ("Xong" alone is the keyboards' "done
// typing").
[[nodiscard]] const char* staffStatusLabel(BookingStatus status);
// "Đánh dấu đã đến (mã ACD347)": an audit line's action and detail in Vietnamese, never a phone number.
[[nodiscard]] std::string describeAuditAction(std::string_view action, std::string_view detail);

} // namespace kiosk
