// The kiosk's state and the rules that change it. Screens send Intents; App::apply is the only writer.
#pragma once

#include "app/booking_wizard.hpp"
#include "app/text_entry.hpp"
#include "bookings/bookings.hpp"
#include "config/config.hpp"
#include "content/guide.hpp"
#include "content_update/content_updater.hpp"
#include "staff/pin_lockout.hpp"
#include "staff/staff.hpp"
#include "staff/staff_desk.hpp"
#include "upload/upload_worker.hpp"
#include "usage/usage_events.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace kiosk {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
using Milliseconds = std::chrono::milliseconds;

enum class Screen { Home, Topic, GuideIntro, GuideStep, Survey, GuideFinish, Booking, StaffPin, Staff };
enum class PinPadMode { Enter, CreateFirst, ConfirmFirst };
enum class ExitRequest { None, Quit, Restart };
// With a Restart: what main does to the content packs first (kiosk/content_update).
enum class ContentAction { None, Switch, RollBack };

constexpr int kTextSizeCount = 3; // normal, large, larger

namespace intent {
struct OpenTopic {
    std::string topicId;
};
struct OpenBooking {};
struct GoHome {};
struct Back {};
struct SetTextSize {
    int level = 0;
};
struct StillHere {};
struct CornerTap {}; // the hidden staff entry: five in a row opens the PIN pad
struct PinDigit {
    char digit = '0';
};
struct PinErase {};
struct PinSubmit {};
struct OpenGuide {
    std::string guideId;
};
struct StartGuide {
    bool practice = false;
}; // from the intro or "Làm lại" on the finish screen
struct NextStep {};
struct PreviousStep {};
struct SetPractice {
    bool on = false;
    // The step's page to show then: the practice line changes the words' pages, and where the picture has
    // a page of its own after them the resident stays on it.
    int page = 0;
};
struct PracticeTap {
    bool hit = false;
}; // where the resident tapped the phone picture
struct PlayNarration {};
struct ShowPage {
    int page = 0;
    // A list's page: "Quay lại" comes back to the page before. A keyboard's letters turned: it does not,
    // it leaves the step.
    bool remembered = true;
}; // of a list too long for one screen, or of a keyboard's letters
// The step's picture enlarged so its words can be read: part 0, 1, … of it top to bottom; -1 closes it.
struct ZoomPicture {
    int part = 0;
};
struct RestartProgram {};
struct RollBackContent {}; // staff: serve the previous content pack again (the program restarts onto it)
struct AskQuit {};         // "Thoát chương trình": asks first
struct QuitProgram {};     // the answer "Thoát" to that question; nothing without it
// The booking flow and the on-screen keypads.
struct ChooseBookingTopic {
    std::string topicId;
};
struct ChooseDay {
    LocalDate day;
};
struct ChooseSlot {
    int minuteOfDay = 0;
};
struct StartCancel {}; // "Hủy lịch đã đặt": the resident cancels with the code and the phone number
struct Type {
    std::string key;
}; // one key of a keypad or keyboard: "7", "ư", " "
struct Tone {
    ToneMark mark = ToneMark::none;
};
struct Erase {};
struct Submit {}; // "Tiếp tục" / "Xong" / "Đồng ý" on the current step
// The two optional questions after a guide's last step (for the commune's targets).
struct AnswerSurvey {
    SurveyAnswer answer = SurveyAnswer::skip;
};
// Team-member mode, forwarded to the StaffDesk while a member is signed in.
struct Staff {
    StaffIntent action;
};
} // namespace intent

using Intent =
    std::variant<intent::OpenTopic, intent::OpenBooking, intent::GoHome, intent::Back, intent::SetTextSize,
                 intent::StillHere, intent::CornerTap, intent::PinDigit, intent::PinErase, intent::PinSubmit,
                 intent::OpenGuide, intent::StartGuide, intent::NextStep, intent::PreviousStep,
                 intent::SetPractice, intent::PracticeTap, intent::PlayNarration, intent::ShowPage,
                 intent::ZoomPicture, intent::RestartProgram, intent::AskQuit, intent::QuitProgram,
                 intent::ChooseBookingTopic, intent::ChooseDay, intent::ChooseSlot, intent::StartCancel,
                 intent::Type, intent::Tone, intent::Erase, intent::Submit, intent::Staff,
                 intent::AnswerSurvey, intent::RollBackContent>;

struct PinPadState {
    PinPadMode mode = PinPadMode::Enter;
    std::string digits;   // never shown, only counted as dots
    std::string firstPin; // while confirming the first member's PIN
    std::string message;  // e.g. "Mã PIN chưa đúng"
    std::optional<TimePoint> lockedUntil;
};

// Where a resident is inside a guide.
struct GuideProgress {
    std::string guideId;
    int step = 0;                        // 0-based
    bool practice = false;               // "Làm thử": tap the picture where you would tap the phone
    int misses = 0;                      // wrong taps on this step; from two on, the right spot pulses
    int furthestStep = -1;               // for the usage funnel: each step counts once per reading
    std::optional<TimePoint> cheerUntil; // "Đúng rồi!" is showing; then the guide moves on
    bool narrationFailed = false;        // "Nghe" on this step could not play: the step says so
    int zoomPart = -1;                   // >= 0: the picture is shown enlarged, at this part of it
};

struct Place {
    Screen screen = Screen::Home;
    std::string topicId;
    GuideProgress guide;
    int page = 0;
    std::vector<int> pageTrail;
};

struct State {
    Screen screen = Screen::Home;
    std::string topicId;        // the topic being browsed
    int page = 0;               // of the list on screen (a topic's guides, the booking days ...)
    std::vector<int> pageTrail; // the list's pages shown before this one: "Quay lại" goes back one
    GuideProgress guide;        // for the guide screens
    int surveyQuestion = 0; // 0: "Bác có điện thoại thông minh không?", 1: "... định danh điện tử mức 2 ..."
    bool surveyAsked = false;   // once per resident session
    std::vector<Place> history; // where "Quay lại" goes
    // Narration is played by the shell: each request bumps the counter.
    unsigned narrationRequests = 0;
    std::string narrationFile;
    int textSize = 0; // 0 .. kTextSizeCount-1
    PinPadState pinPad;
    std::optional<StaffMember> staff;         // who is signed in to staff mode
    std::optional<TimePoint> countdownEndsAt; // set while "Bác còn dùng không?" is showing
    bool confirmingQuit = false;              // staff: "Thoát chương trình?" is asked
    // The closed page ("Nhà văn hóa mở cửa lúc ..."), over the home screen outside the opening hours
    // (Config::sleepWhenClosed); the shell turns the screen off while it shows.
    bool closed = false;
    ExitRequest exitRequest = ExitRequest::None;
    ContentAction contentAction = ContentAction::None;
};

class App {
  public:
    // After the screen changes, taps are ignored this long: a quick double tap on "Tiếp theo" must not
    // skip a step, nor a double tap on a day pick a time the resident never saw.
    static constexpr Milliseconds kTapSettle{350};

    // library: the loaded guides (may be null: no guides). It must outlive the App.
    App(Config config, StaffRepository& staff, std::vector<std::string> notices, TimePoint now,
        const content::Library* library = nullptr);
    // The booking service holds a listener that points here: an App stays where it was made.
    App(const App&) = delete;
    App& operator=(const App&) = delete;
    ~App();

    // Applies what a tap asked for; ignored while the screen has just changed (tapSettleLeft). While
    // "Bác còn dùng không?" shows, any tap's intent is the answer "Còn" and nothing else: a tap on the dimmed
    // screen never reaches the key under it.
    void apply(const Intent& intent, TimePoint now);
    // Any touch counts as presence: it restarts the idle timer. (The countdown waits for the tap's intent.)
    void noteInput(TimePoint now);
    // How long taps are still ignored after the last screen change (0: they count).
    [[nodiscard]] Milliseconds tapSettleLeft(TimePoint now) const;
    // Tests that apply many intents at one instant turn the settling time off; the kiosk keeps kTapSettle.
    void setTapSettle(Milliseconds settle) { m_tapSettle = settle; }
    // Scenario runs: the screen counts as settled now. A finger waits kTapSettle; a scenario's next tap need
    // not, and moving the kiosk's clock instead would put it ahead of the outbox worker's.
    void settleTapsNow() { m_viewChangedAt = TimePoint{}; }
    // The shell could not play the narration asked for: the step says so in words, that step only.
    void noteNarrationFailed();
    // Advances timers: starts the idle countdown, and when it runs out resets the session.
    void tick(TimePoint now);
    // How long the frame loop may sleep before tick() has something to do; nullopt = until input.
    [[nodiscard]] std::optional<Milliseconds> timeUntilNextTimer(TimePoint now) const;
    // When the closed page goes, or nullopt: never (closed for good) or it is not showing.
    [[nodiscard]] std::optional<LocalDateTime> nextOpening(TimePoint now) const;
    // True while something on screen moves by itself (the practice hint's pulse): draw every timer tick.
    [[nodiscard]] bool animating() const;

    [[nodiscard]] const State& state() const { return m_state; }
    [[nodiscard]] const Config& config() const { return m_config; }
    [[nodiscard]] const content::Library& library() const { return *m_library; }
    // Guides arrive after the first frame (they load on a worker): swap them in. Must outlive the App.
    void setLibrary(const content::Library& library);
    // False until a library is set: the guides load after the first frame, and a topic opened before
    // then says they are coming, not that the topic has none.
    [[nodiscard]] bool guidesLoaded() const;
    // The booking rules and the team's desk; without them the booking screens say bookings are unavailable.
    // Every change to a booking, by a resident or a team member, is counted in the usage figures from here.
    void connectBookings(BookingService& bookings);
    void connectStaffDesk(StaffDesk& desk) {
        m_desk = &desk;
        desk.setLibrary(m_library); // the guides to compare with the real app
    }
    // Counts what residents do (never who). Without it nothing is counted.
    void connectUsage(UsageRecorder& usage) { m_usage = &usage; }
    // The background sender (hub uploads, booking webhook): staff see its status.
    void connectUploads(UploadWorker& uploads) { m_uploads = &uploads; }
    [[nodiscard]] const UploadWorker* uploads() const { return m_uploads; }
    // Content packs: the app keeps `residentPresent` true while someone uses the screen (the download waits),
    // and when `packWaiting` turns true it asks main, at the next idle reset, to restart onto the new pack.
    void connectContentUpdates(const ContentUpdater& updater, std::atomic<bool>& residentPresent,
                               std::atomic<bool>& packWaiting);
    [[nodiscard]] const ContentUpdater* contentUpdater() const { return m_contentUpdater; }
    [[nodiscard]] const StaffDesk* staffDesk() const { return m_desk; }
    [[nodiscard]] bool bookingsAvailable() const { return m_wizard.available(); }
    // The resident's booking wizard: its draft and where it was opened from, for the booking screens.
    [[nodiscard]] const BookingWizard& bookingWizard() const { return m_wizard; }
    // The guide being shown, or null.
    [[nodiscard]] const content::Guide* currentGuide() const;
    // Problems staff should see: config errors, a database moved aside, ...
    [[nodiscard]] const std::vector<std::string>& notices() const { return m_notices; }
    // Guides never compared with the real app, or compared too long ago: one line on the staff screen
    // (each is in the log), not a problem each: until someone compares them, that is every guide.
    [[nodiscard]] std::size_t guidesToVerify() const { return m_guidesToVerify.size(); }
    // Incremented on every state change, so the frame loop redraws only when something changed.
    [[nodiscard]] unsigned long revision() const { return m_revision; }
    // A flat view of the state for scenario expectations, e.g. {"screen": "home", "pin_length": "0"}.
    [[nodiscard]] std::map<std::string, std::string> describe() const;

  private:
    void handle(const intent::OpenTopic& i, TimePoint now);
    void handle(const intent::OpenBooking& i, TimePoint now);
    void handle(const intent::GoHome& i, TimePoint now);
    void handle(const intent::Back& i, TimePoint now);
    void goTo(Screen screen, std::string topicId = {});
    void handle(const intent::SetTextSize& i, TimePoint now);
    void handle(const intent::StillHere& i, TimePoint now);
    void handle(const intent::CornerTap& i, TimePoint now);
    void handle(const intent::PinDigit& i, TimePoint now);
    void handle(const intent::PinErase& i, TimePoint now);
    void handle(const intent::PinSubmit& i, TimePoint now);
    void handle(const intent::OpenGuide& i, TimePoint now);
    void handle(const intent::StartGuide& i, TimePoint now);
    void handle(const intent::NextStep& i, TimePoint now);
    void handle(const intent::PreviousStep& i, TimePoint now);
    void handle(const intent::SetPractice& i, TimePoint now);
    void handle(const intent::PracticeTap& i, TimePoint now);
    void handle(const intent::PlayNarration& i, TimePoint now);
    void handle(const intent::ShowPage& i, TimePoint now);
    void handle(const intent::ZoomPicture& i, TimePoint now);
    void handle(const intent::RestartProgram& i, TimePoint now);
    void handle(const intent::RollBackContent& i, TimePoint now);
    void handle(const intent::AskQuit& i, TimePoint now);
    void handle(const intent::QuitProgram& i, TimePoint now);
    void handle(const intent::ChooseBookingTopic& i, TimePoint now);
    void handle(const intent::ChooseDay& i, TimePoint now);
    void handle(const intent::ChooseSlot& i, TimePoint now);
    void handle(const intent::StartCancel& i, TimePoint now);
    void handle(const intent::Type& i, TimePoint now);
    void handle(const intent::Tone& i, TimePoint now);
    void handle(const intent::Erase& i, TimePoint now);
    void handle(const intent::Submit& i, TimePoint now);
    void handle(const intent::Staff& i, TimePoint now);
    void handle(const intent::AnswerSurvey& i, TimePoint now);
    void finishGuide(TimePoint now);
    // What is on screen, as far as a finger is concerned: when it changes, taps settle (kTapSettle).
    struct ViewKey {
        Screen screen = Screen::Home;
        std::string topicId;
        int page = 0;
        std::string guideId;
        int step = 0;
        bool practice = false;
        int surveyQuestion = 0;
        int textSize = 0;
        PinPadMode pinMode = PinPadMode::Enter;
        bool countdown = false;
        bool confirmingQuit = false;
        std::string booking; // the wizard's step
        std::string desk;    // the team's page (StaffDesk::viewKey)
        friend bool operator==(const ViewKey&, const ViewKey&) = default;
    };
    [[nodiscard]] ViewKey viewKey() const;
    // Usage events for what changed between `before` and now (screens, guide steps, leaving a guide).
    void recordChanges(const Place& before, TimePoint now);
    void endSession(TimePoint now);

    // The bookings' listener, inside their write transaction: usage counts. (The team's webhook listens on
    // its own: kiosk/bookings/booking_webhook.hpp, wired in main.cpp.)
    void bookingChanged(const Booking& booking, BookingChange change, TimePoint now);

    void openPinPad();
    void submitPin(TimePoint now);
    void resetSession(TimePoint now);
    [[nodiscard]] bool hasSessionToReset() const;
    [[nodiscard]] TimePoint idleDeadline() const;
    [[nodiscard]] std::optional<Milliseconds> timeUntilSessionTimer(TimePoint now) const;
    // The closed page: shown at rest on the home screen outside the opening hours, once a touch's wake
    // time is over; gone when the house opens or a touch wakes it.
    void updateClosedPage(TimePoint now);
    [[nodiscard]] std::optional<TimePoint> nextClosedPageChange(TimePoint now) const;
    // Retention of the bookings' phone numbers and names (kiosk/booking_retention.hpp), once a day.
    void eraseDuePersonalData(TimePoint now);

    Config m_config;
    StaffRepository& m_staff;
    const content::Library* m_library;
    BookingService* m_bookings = nullptr;
    BookingListenerId m_bookingListener = 0;
    BookingWizard m_wizard;
    StaffDesk* m_desk = nullptr;
    UsageRecorder* m_usage = nullptr;
    UploadWorker* m_uploads = nullptr;
    const ContentUpdater* m_contentUpdater = nullptr;
    std::atomic<bool>* m_residentPresent = nullptr;
    std::atomic<bool>* m_packWaiting = nullptr;
    void updatePresence(TimePoint now);
    TimePoint m_nextErasureAt{}; // the first tick erases (start-up), then just after each local midnight
    bool m_sessionOpen = false;  // a resident touched the screen since the last idle reset
    std::vector<std::string> m_notices;
    std::set<std::string> m_guidesToVerify; // their files
    void noteContentIssues(const content::Library& library);
    State m_state;
    TimePoint m_lastInput;
    TimePoint m_awakeUntil{};  // a touch keeps the closed page away this long; at start it may show at once
    long m_countdownShown = 0; // the countdown's whole seconds at the last tick
    Milliseconds m_tapSettle = kTapSettle;
    TimePoint m_viewChangedAt{}; // the last screen change
    std::vector<TimePoint> m_cornerTaps;
    PinLockout m_pinLockout;
    unsigned long m_revision = 0;
};

[[nodiscard]] const char* screenName(Screen screen);

} // namespace kiosk
