#include "app/app.hpp"

#include "bookings/booking_retention.hpp"
#include "common/local_time.hpp"
#include "schedule/opening_hours.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace kiosk {

namespace {
constexpr int kStaffEntryTaps = 5;
constexpr auto kStaffEntryWindow = std::chrono::seconds(3);
constexpr int kPinLength = 8;                                // the pad accepts up to this many digits
constexpr auto kCheerTime = std::chrono::milliseconds(1500); // "Đúng rồi!" before moving on
constexpr auto kPulseFrame = std::chrono::milliseconds(50);  // the hint's pulse animates at 20 fps
constexpr int kMissesBeforeHint = 2;
const content::Library kNoGuides;

template <class... Handlers> struct Overloaded : Handlers... { using Handlers::operator()...; };
} // namespace

const char* screenName(Screen screen) {
    switch (screen) {
    case Screen::Home:
        return "home";
    case Screen::Topic:
        return "topic";
    case Screen::GuideIntro:
        return "guide_intro";
    case Screen::GuideStep:
        return "guide_step";
    case Screen::Survey:
        return "survey";
    case Screen::GuideFinish:
        return "guide_finish";
    case Screen::Booking:
        return "booking";
    case Screen::StaffPin:
        return "staff_pin";
    case Screen::Staff:
        return "staff";
    }
    return "unknown";
}

namespace {
const char* pinPadModeName(PinPadMode mode) {
    switch (mode) {
    case PinPadMode::Enter:
        return "enter";
    case PinPadMode::CreateFirst:
        return "create";
    case PinPadMode::ConfirmFirst:
        return "confirm";
    }
    return "unknown";
}
} // namespace

App::App(Config config, StaffRepository& staff, std::vector<std::string> notices, TimePoint now,
         const content::Library* library)
    : m_config(std::move(config)), m_staff(staff), m_library(library ? library : &kNoGuides),
      m_notices(std::move(notices)), m_lastInput(now), m_pinLockout(staff.database()) {
    m_state.pinPad.lockedUntil = m_pinLockout.lockedUntil();
    noteContentIssues(*m_library);
}

void App::noteContentIssues(const content::Library& library) {
    for (const content::Issue& issue : library.issues) {
        if (issue.verification)
            m_guidesToVerify.insert(issue.file);
        else
            m_notices.push_back(issue.text());
    }
}

App::~App() {
    if (m_bookings) m_bookings->removeListener(m_bookingListener);
}

bool App::guidesLoaded() const {
    return m_library != &kNoGuides;
}

void App::setLibrary(const content::Library& library) {
    m_library = &library;
    if (m_desk) m_desk->setLibrary(m_library);
    noteContentIssues(library);
    ++m_revision;
}

const content::Guide* App::currentGuide() const {
    if (m_state.guide.guideId.empty()) return nullptr;
    return m_library->find(m_state.guide.guideId);
}

namespace {
bool isStaffScreen(Screen screen) {
    return screen == Screen::StaffPin || screen == Screen::Staff;
}
} // namespace

void App::apply(const Intent& intent, TimePoint now) {
    noteInput(now);
    if (m_state.closed) {
        // A touch on the closed page wakes the kiosk for Config::wakeSeconds; the tap presses nothing, and
        // the one after it waits for the home screen to settle.
        m_state.closed = false;
        m_viewChangedAt = now;
        ++m_revision;
        return;
    }
    // The corner taps come from the shell on each press, not from a button on screen: never held back.
    const bool cornerTap = std::holds_alternative<intent::CornerTap>(intent);
    // The hidden staff corner and staff mode are not a resident's session.
    if (m_usage && !m_sessionOpen && !isStaffScreen(m_state.screen) && !cornerTap) {
        m_usage->sessionStarted(now);
        m_sessionOpen = true;
    }
    if (m_state.countdownEndsAt && !cornerTap) {
        // "Bác còn dùng không?": whatever the tap landed on, it answers "Còn" and does nothing else.
        m_state.countdownEndsAt.reset();
        m_viewChangedAt = now;
        ++m_revision;
        return;
    }
    if (!cornerTap && tapSettleLeft(now) > Milliseconds(0)) return; // the second tap of a double tap
    const Place before{m_state.screen, m_state.topicId, m_state.guide, m_state.page, {}};
    const ViewKey viewBefore = viewKey();
    const BookingStep bookingBefore = m_wizard.draft().step;
    auto staffPage = [this] { return m_desk ? m_desk->state().page : StaffPage::Overview; };
    const StaffPage staffPageBefore = staffPage();
    std::visit([&](const auto& i) { handle(i, now); }, intent);
    if (m_wizard.draft().step != bookingBefore || staffPage() != staffPageBefore) {
        // Each booking step's list, and each team page's keyboard, starts at its first page.
        m_state.page = 0;
        m_state.pageTrail.clear();
    }
    recordChanges(before, now);
    if (viewKey() != viewBefore) m_viewChangedAt = now;
    ++m_revision;
}

Milliseconds App::tapSettleLeft(TimePoint now) const {
    if (now < m_viewChangedAt) return Milliseconds(0); // the clock went back: never hold taps for that
    const auto left = std::chrono::ceil<Milliseconds>(m_viewChangedAt + m_tapSettle - now);
    return std::max(Milliseconds(0), left);
}

App::ViewKey App::viewKey() const {
    const State& s = m_state;
    ViewKey key{s.screen,
                s.topicId,
                s.page,
                s.guide.guideId,
                s.guide.step,
                s.guide.practice,
                s.surveyQuestion,
                s.textSize,
                s.pinPad.mode,
                s.countdownEndsAt.has_value(),
                s.confirmingQuit,
                {},
                {}};
    // A message coming or going under the field is not a new screen: typing on after it never waits.
    if (s.screen == Screen::Booking) key.booking = bookingStepName(m_wizard.draft().step);
    if (s.screen == Screen::Staff && m_desk) key.desk = m_desk->viewKey();
    return key;
}

void App::noteNarrationFailed() {
    if (m_state.screen != Screen::GuideStep) return;
    m_state.guide.narrationFailed = true;
    ++m_revision;
}

void App::recordChanges(const Place& before, TimePoint now) {
    if (!m_usage || isStaffScreen(before.screen) || isStaffScreen(m_state.screen)) return;
    if (m_state.screen != before.screen) m_usage->screenShown(screenName(m_state.screen), now);
    const content::Guide* guide = currentGuide();
    GuideProgress& progress = m_state.guide;
    if (guide && m_state.screen == Screen::GuideStep && progress.step > progress.furthestStep) {
        progress.furthestStep = progress.step;
        m_usage->guideStepReached(guide->id, guide->topic, progress.step + 1, now);
        if (!guide->steps[static_cast<std::size_t>(progress.step)].link.empty()) m_usage->qrShown(now);
    }
    const bool stillInGuide = m_state.screen == Screen::GuideStep || m_state.screen == Screen::GuideIntro ||
                              m_state.screen == Screen::Survey || m_state.screen == Screen::GuideFinish;
    if (before.screen == Screen::GuideStep && !stillInGuide) {
        if (const content::Guide* left = m_library->find(before.guide.guideId)) {
            m_usage->guideLeft(left->id, left->topic, before.guide.step + 1, now);
        }
    }
}

void App::endSession(TimePoint now) {
    if (!m_usage || !m_sessionOpen) return;
    if (m_state.screen == Screen::GuideStep) {
        if (const content::Guide* guide = currentGuide())
            m_usage->guideLeft(guide->id, guide->topic, m_state.guide.step + 1, now);
    }
    m_usage->sessionEnded(now);
    m_sessionOpen = false;
}

void App::noteInput(TimePoint now) {
    m_lastInput = now;
    m_awakeUntil = now + std::chrono::seconds(m_config.wakeSeconds);
    if (m_residentPresent) m_residentPresent->store(true);
}

void App::connectContentUpdates(const ContentUpdater& updater, std::atomic<bool>& residentPresent,
                                std::atomic<bool>& packWaiting) {
    m_contentUpdater = &updater;
    m_residentPresent = &residentPresent;
    m_packWaiting = &packWaiting;
}

// Nobody has touched the screen for idle_seconds and it is back home: the resident has gone. Then a
// download may use the line, and a checked pack may be switched to (main restarts onto it: the idle reset
// is the one moment nobody sees the screen change).
void App::updatePresence(TimePoint now) {
    if (!m_residentPresent) return;
    const bool present = hasSessionToReset() || now < idleDeadline();
    m_residentPresent->store(present);
    if (!present && m_packWaiting && m_packWaiting->load() && m_state.exitRequest == ExitRequest::None) {
        m_state.exitRequest = ExitRequest::Restart;
        m_state.contentAction = ContentAction::Switch;
        ++m_revision;
    }
}

void App::tick(TimePoint now) {
    if (m_bookings && now >= m_nextErasureAt) eraseDuePersonalData(now);
    updatePresence(now);
    GuideProgress& guide = m_state.guide;
    if (m_state.screen == Screen::GuideStep && guide.cheerUntil && now >= *guide.cheerUntil) {
        handle(intent::NextStep{}, now); // the cheer has been seen: on to the next step
        m_viewChangedAt = now;
        ++m_revision;
    }
    updateClosedPage(now);
    if (!hasSessionToReset()) {
        // Back at home untouched: the resident has gone; no countdown needed to end their session.
        if (m_sessionOpen && now >= idleDeadline()) endSession(now);
        return;
    }
    TimePoint idleAt = idleDeadline();
    if (now < idleAt) {
        // Touched while the question showed, but no tap came of it (a finger slid away): someone is
        // there. Once the question's time is up it goes, rather than standing at 0 seconds.
        if (m_state.countdownEndsAt && now >= *m_state.countdownEndsAt) {
            m_state.countdownEndsAt.reset();
            m_viewChangedAt = now;
            ++m_revision;
        }
        return;
    }
    TimePoint endsAt = idleAt + std::chrono::seconds(m_config.countdownSeconds);
    if (now >= endsAt) {
        resetSession(now);
        m_viewChangedAt = now;
        ++m_revision;
        updatePresence(now);
        return;
    }
    // Redraw when the countdown starts and when its number changes, not on every tick.
    const auto secondsLeft = std::chrono::ceil<std::chrono::seconds>(endsAt - now).count();
    if (!m_state.countdownEndsAt || secondsLeft != m_countdownShown) ++m_revision;
    m_state.countdownEndsAt = endsAt;
    m_countdownShown = secondsLeft;
}

std::optional<Milliseconds> App::timeUntilNextTimer(TimePoint now) const {
    std::optional<Milliseconds> session = timeUntilSessionTimer(now);
    if (const auto change = nextClosedPageChange(now)) {
        const auto until = std::max(Milliseconds(0), std::chrono::ceil<Milliseconds>(*change - now));
        session = session ? std::min(*session, until) : until;
    }
    // A resident counted as present must be counted as gone once idle, even at home with nothing to reset.
    if (m_residentPresent && m_residentPresent->load() && !hasSessionToReset()) {
        const auto idle = std::max(Milliseconds(0), std::chrono::ceil<Milliseconds>(idleDeadline() - now));
        session = session ? std::min(*session, idle) : idle;
    }
    if (!m_bookings) return session;
    const auto erasure = std::max(Milliseconds(0), std::chrono::ceil<Milliseconds>(m_nextErasureAt - now));
    return session ? std::min(*session, erasure) : erasure;
}

std::optional<Milliseconds> App::timeUntilSessionTimer(TimePoint now) const {
    auto until = [&](TimePoint t) {
        return std::max(Milliseconds(0), std::chrono::ceil<Milliseconds>(t - now));
    };
    if (!hasSessionToReset()) return m_sessionOpen ? std::optional(until(idleDeadline())) : std::nullopt;
    const GuideProgress& guide = m_state.guide;
    if (m_state.screen == Screen::GuideStep && !m_state.countdownEndsAt) {
        if (guide.cheerUntil) return std::min(until(*guide.cheerUntil), until(idleDeadline()));
        if (animating()) return std::min(Milliseconds(kPulseFrame), until(idleDeadline()));
    }
    if (!m_state.countdownEndsAt) return until(idleDeadline());
    // Wake at each whole second of the countdown so the number on screen stays true.
    auto left = until(*m_state.countdownEndsAt);
    auto toNextSecond = left % std::chrono::seconds(1);
    return toNextSecond.count() == 0 ? std::min(left, Milliseconds(1000)) : toNextSecond;
}

void App::updateClosedPage(TimePoint now) {
    if (!m_config.sleepWhenClosed) return;
    const bool open = openingStatus(m_config.openingHours, toLocal(now)).open;
    const bool due = !open && !hasSessionToReset() && !m_state.countdownEndsAt && now >= m_awakeUntil;
    if (m_state.closed == due || (m_state.closed && !open)) return; // only opening time or a touch end it
    if (due) endSession(now); // the resident has gone: their session ends before the screen sleeps
    m_state.closed = due;
    m_viewChangedAt = now;
    ++m_revision;
}

std::optional<TimePoint> App::nextClosedPageChange(TimePoint now) const {
    if (!m_config.sleepWhenClosed || hasSessionToReset()) return std::nullopt; // the session timers run
    const OpeningStatus status = openingStatus(m_config.openingHours, toLocal(now));
    if (m_state.closed || status.open) {
        // Closed page: it goes at the opening. Open: it may come at the closing, not before the wake time.
        if (!status.nextChange) return std::nullopt;
        const TimePoint change = toSystem(*status.nextChange);
        return m_state.closed ? change : std::max(change, m_awakeUntil);
    }
    return m_awakeUntil;
}

std::optional<LocalDateTime> App::nextOpening(TimePoint now) const {
    if (!m_state.closed) return std::nullopt;
    return openingStatus(m_config.openingHours, toLocal(now)).nextChange;
}

void App::eraseDuePersonalData(TimePoint now) {
    // Just after each local midnight: a kiosk that runs for months keeps no number past its retention.
    const LocalDateTime local = toLocal(now);
    m_nextErasureAt = toSystem({LocalDate{std::chrono::sys_days{local.date} + std::chrono::days{1}}, 1});
    try {
        erasePersonalDataDue(m_staff.database(), m_config.bookingRetentionDays, now);
    } catch (const std::exception& e) {
        m_notices.push_back(fmt::format("Không xóa được số điện thoại của lịch hẹn cũ: {}", e.what()));
    }
}

bool App::animating() const {
    const GuideProgress& guide = m_state.guide;
    return m_state.screen == Screen::GuideStep && guide.practice && guide.misses >= kMissesBeforeHint &&
           !guide.cheerUntil && !m_state.countdownEndsAt;
}

std::map<std::string, std::string> App::describe() const {
    std::map<std::string, std::string> out{
        {"screen", screenName(m_state.screen)},
        {"topic", m_state.topicId},
        {"text_size", std::to_string(m_state.textSize)},
        {"pin_length", std::to_string(m_state.pinPad.digits.size())},
        {"pin_mode", pinPadModeName(m_state.pinPad.mode)},
        {"countdown", m_state.countdownEndsAt ? "1" : "0"},
        {"staff", m_state.staff ? m_state.staff->name : ""},
        {"notices", std::to_string(m_notices.size())},
        {"guide", m_state.guide.guideId},
        {"step", std::to_string(m_state.guide.step + 1)},
        {"practice", m_state.guide.practice ? "1" : "0"},
        {"misses", std::to_string(m_state.guide.misses)},
        {"pulse", m_state.guide.practice && m_state.guide.misses >= kMissesBeforeHint ? "1" : "0"},
        {"cheer", m_state.guide.cheerUntil ? "1" : "0"},
        {"narration_requests", std::to_string(m_state.narrationRequests)},
        {"narration_failed", m_state.guide.narrationFailed ? "1" : "0"},
        {"zoom_part", std::to_string(m_state.guide.zoomPart + 1)}, // 0: the picture is not enlarged
        {"confirm_quit", m_state.confirmingQuit ? "1" : "0"},
        {"closed", m_state.closed ? "1" : "0"},
        {"guides", std::to_string(m_library->guides.size())},
        {"page", std::to_string(m_state.page)},
        {"survey_question", std::to_string(m_state.surveyQuestion + 1)},
    };
    m_wizard.describe(out);
    if (m_desk) m_desk->describe(out);
    return out;
}

void App::goTo(Screen screen, std::string topicId) {
    m_state.history.push_back(
        {m_state.screen, m_state.topicId, m_state.guide, m_state.page, std::move(m_state.pageTrail)});
    m_state.screen = screen;
    m_state.topicId = std::move(topicId);
    m_state.page = 0; // a new screen's list starts at its first page
    m_state.pageTrail.clear();
}

void App::handle(const intent::OpenTopic& i, TimePoint) {
    goTo(Screen::Topic, i.topicId);
}

void App::handle(const intent::OpenBooking&, TimePoint now) {
    // Remember where the resident got stuck, e.g. "VNeID – kích hoạt mức 2, bước 4".
    bool inGuide = m_state.screen == Screen::GuideIntro || m_state.screen == Screen::GuideStep ||
                   m_state.screen == Screen::GuideFinish;
    BookingContext context{m_state.topicId, inGuide ? m_state.guide.guideId : "",
                           m_state.screen == Screen::GuideStep ? m_state.guide.step : -1};
    goTo(Screen::Booking, m_state.topicId);
    m_wizard.open(std::move(context), now);
}

void App::handle(const intent::GoHome&, TimePoint) {
    m_state.screen = Screen::Home;
    m_state.topicId.clear();
    m_state.guide = GuideProgress{};
    m_state.history.clear();
    m_state.page = 0;
    m_state.pageTrail.clear();
    m_state.confirmingQuit = false;
    m_state.pinPad.digits.clear();
    m_wizard.close();
    if (m_state.staff && m_desk) m_desk->close();
    m_state.staff.reset(); // leaving staff mode signs out
}

void App::handle(const intent::Back&, TimePoint now) {
    if (m_state.confirmingQuit) { // "Không": the question goes, staff mode stays
        m_state.confirmingQuit = false;
        return;
    }
    // Page 2 of a list (a guide's intro too) goes back to page 1, not off the list; a typing page's keys
    // (a resident's or the team's) back to its question.
    const bool onList = m_state.screen == Screen::Topic || m_state.screen == Screen::Booking ||
                        m_state.screen == Screen::GuideIntro || m_state.screen == Screen::Staff;
    if (onList && !m_state.pageTrail.empty()) {
        m_state.page = m_state.pageTrail.back();
        m_state.pageTrail.pop_back();
        return;
    }
    if (m_state.screen == Screen::Staff && m_desk && m_desk->back()) return;
    if (m_state.history.empty() || m_state.screen == Screen::Staff || m_state.screen == Screen::StaffPin) {
        handle(intent::GoHome{}, now);
        return;
    }
    if (m_state.screen == Screen::GuideStep || m_state.screen == Screen::GuideFinish ||
        m_state.screen == Screen::Survey) {
        handle(intent::PreviousStep{}, now);
        return;
    }
    if (m_state.screen == Screen::Booking) {
        switch (m_wizard.back(now)) {
        case BookingWizard::Back::Stepped:
            return;
        case BookingWizard::Back::GoHome:
            return handle(intent::GoHome{}, now);
        case BookingWizard::Back::LeaveScreen:
            break; // to where the resident came from
        }
    }
    Place previous = std::move(m_state.history.back());
    m_state.history.pop_back();
    m_state.screen = previous.screen;
    m_state.topicId = std::move(previous.topicId);
    m_state.guide = std::move(previous.guide);
    m_state.guide.cheerUntil.reset();
    m_state.guide.narrationFailed = false; // that notice answered a "Nghe" of the past
    m_state.page = previous.page;
    m_state.pageTrail = std::move(previous.pageTrail);
}

void App::handle(const intent::OpenGuide& i, TimePoint) {
    const content::Guide* guide = m_library->find(i.guideId);
    if (!guide) return;
    goTo(Screen::GuideIntro, guide->topic);
    m_state.guide = GuideProgress{};
    m_state.guide.guideId = guide->id;
}

void App::handle(const intent::StartGuide& i, TimePoint now) {
    if (!currentGuide()) return;
    m_state.screen = Screen::GuideStep;
    m_state.page = 0; // the intro's page is not the first step's
    m_state.pageTrail.clear();
    std::string guideId = std::move(m_state.guide.guideId);
    m_state.guide = GuideProgress{};
    m_state.guide.guideId = std::move(guideId);
    m_state.guide.practice = i.practice;
    if (m_usage) m_usage->guideStarted(currentGuide()->id, currentGuide()->topic, now);
}

void App::handle(const intent::NextStep&, TimePoint now) {
    const content::Guide* guide = currentGuide();
    if (!guide || m_state.screen != Screen::GuideStep) return;
    GuideProgress& progress = m_state.guide;
    progress.misses = 0;
    progress.cheerUntil.reset();
    progress.narrationFailed = false;
    progress.zoomPart = -1;
    m_state.page = 0; // a step's words start at their first page
    m_state.pageTrail.clear();
    if (progress.step + 1 < static_cast<int>(guide->steps.size())) {
        ++progress.step;
    } else {
        finishGuide(now);
    }
}

void App::finishGuide(TimePoint now) {
    const content::Guide* guide = currentGuide();
    if (m_usage && guide) m_usage->guideFinished(guide->id, guide->topic, now);
    // Two optional questions, once per resident, before the "Bác đã làm được!" screen.
    if (!m_state.surveyAsked) {
        m_state.surveyAsked = true;
        m_state.surveyQuestion = 0;
        m_state.screen = Screen::Survey;
        return;
    }
    m_state.screen = Screen::GuideFinish;
    if (m_usage && guide && !guide->finishLink.empty()) m_usage->qrShown(now);
}

void App::handle(const intent::AnswerSurvey& i, TimePoint now) {
    if (m_state.screen != Screen::Survey) return;
    if (m_usage) {
        m_usage->surveyAnswer(m_state.surveyQuestion == 0 ? SurveyQuestion::smartphone
                                                          : SurveyQuestion::vneidLevel2,
                              i.answer, now);
    }
    if (++m_state.surveyQuestion < 2) return;
    m_state.screen = Screen::GuideFinish;
    const content::Guide* guide = currentGuide();
    if (m_usage && guide && !guide->finishLink.empty()) m_usage->qrShown(now);
}

void App::handle(const intent::PreviousStep&, TimePoint) {
    if (m_state.screen == Screen::GuideStep && m_state.guide.zoomPart >= 0) { // back to the step as it was
        m_state.guide.zoomPart = -1;
        return;
    }
    // A step's words read in pages: "Quay lại" turns back one page before it leaves the step.
    if (m_state.screen == Screen::GuideStep && !m_state.pageTrail.empty()) {
        m_state.page = m_state.pageTrail.back();
        m_state.pageTrail.pop_back();
        return;
    }
    m_state.page = 0;
    m_state.pageTrail.clear();
    GuideProgress& progress = m_state.guide;
    progress.misses = 0;
    progress.cheerUntil.reset();
    progress.narrationFailed = false;
    progress.zoomPart = -1;
    if (m_state.screen == Screen::GuideFinish || m_state.screen == Screen::Survey) {
        m_state.screen = Screen::GuideStep;
    } else if (m_state.screen == Screen::GuideStep) {
        if (progress.step > 0)
            --progress.step;
        else
            m_state.screen = Screen::GuideIntro;
    }
}

void App::handle(const intent::SetPractice& i, TimePoint) {
    m_state.guide.practice = i.on;
    m_state.guide.zoomPart = -1;
    m_state.page = std::max(0, i.page);
    m_state.pageTrail.clear();
    if (m_state.page > 0) m_state.pageTrail.push_back(m_state.page - 1); // "Quay lại": the words before it
    m_state.guide.misses = 0;
    m_state.guide.cheerUntil.reset();
}

void App::handle(const intent::PracticeTap& i, TimePoint now) {
    GuideProgress& progress = m_state.guide;
    if (m_state.screen != Screen::GuideStep || !progress.practice || progress.cheerUntil) return;
    if (i.hit)
        progress.cheerUntil = now + kCheerTime;
    else
        ++progress.misses;
    if (m_usage) m_usage->practiceTap(i.hit, now);
}

void App::handle(const intent::ShowPage& i, TimePoint) {
    if (i.remembered) m_state.pageTrail.push_back(m_state.page);
    m_state.page = std::max(0, i.page);
}

void App::handle(const intent::ZoomPicture& i, TimePoint) {
    // Not while practising: the enlarged picture would show where to tap.
    if (m_state.screen != Screen::GuideStep || m_state.guide.practice) return;
    m_state.guide.zoomPart = std::max(-1, i.part);
}

void App::handle(const intent::PlayNarration&, TimePoint now) {
    const content::Guide* guide = currentGuide();
    if (!guide || m_state.screen != Screen::GuideStep) return;
    m_state.narrationFile = guide->steps[static_cast<size_t>(m_state.guide.step)].narration;
    ++m_state.narrationRequests;
    if (m_usage) m_usage->narrationPlayed(now);
}

void App::handle(const intent::SetTextSize& i, TimePoint now) {
    const int level = std::clamp(i.level, 0, kTextSizeCount - 1);
    if (m_usage && level != m_state.textSize) m_usage->textSizeChanged(level, now);
    m_state.textSize = level;
}

void App::handle(const intent::StillHere&, TimePoint) {} // apply() already counted the touch

void App::handle(const intent::CornerTap&, TimePoint now) {
    std::erase_if(m_cornerTaps, [&](TimePoint t) { return now - t > kStaffEntryWindow; });
    m_cornerTaps.push_back(now);
    if (static_cast<int>(m_cornerTaps.size()) >= kStaffEntryTaps) {
        m_cornerTaps.clear();
        openPinPad();
    }
}

void App::openPinPad() {
    m_state.screen = Screen::StaffPin;
    m_state.topicId.clear(); // staff mode is not part of a resident's path
    m_state.guide = GuideProgress{};
    m_state.page = 0;
    m_state.staff.reset();
    m_state.history.clear();
    PinPadState& pad = m_state.pinPad;
    pad.digits.clear();
    pad.firstPin.clear();
    pad.message.clear();
    bool needsFirstMember = !m_staff.hasAnyMember();
    pad.mode = needsFirstMember ? PinPadMode::CreateFirst : PinPadMode::Enter;
}

void App::handle(const intent::PinDigit& i, TimePoint) {
    if (m_state.screen != Screen::StaffPin) return;
    if (i.digit < '0' || i.digit > '9') return;
    if (static_cast<int>(m_state.pinPad.digits.size()) < kPinLength) m_state.pinPad.digits.push_back(i.digit);
}

void App::handle(const intent::PinErase&, TimePoint) {
    if (!m_state.pinPad.digits.empty()) m_state.pinPad.digits.pop_back();
}

void App::handle(const intent::PinSubmit&, TimePoint now) {
    if (m_state.screen == Screen::StaffPin) submitPin(now);
}

void App::submitPin(TimePoint now) {
    PinPadState& pad = m_state.pinPad;
    std::string pin = std::exchange(pad.digits, {});
    if (pad.lockedUntil && now < *pad.lockedUntil) {
        auto wait = std::chrono::ceil<std::chrono::seconds>(*pad.lockedUntil - now);
        pad.message = fmt::format("Nhập sai nhiều lần. Vui lòng chờ {} giây.", wait.count());
        return;
    }
    if (!isValidPin(pin)) {
        pad.message = "Mã PIN gồm 4 đến 8 chữ số.";
        return;
    }
    switch (pad.mode) {
    case PinPadMode::CreateFirst:
        pad.firstPin = pin;
        pad.mode = PinPadMode::ConfirmFirst;
        pad.message = "Nhập lại mã PIN để xác nhận.";
        return;
    case PinPadMode::ConfirmFirst:
        if (pin != pad.firstPin) {
            pad.mode = PinPadMode::CreateFirst;
            pad.firstPin.clear();
            pad.message = "Hai lần nhập không khớp. Nhập lại mã PIN mới.";
            return;
        }
        m_state.staff = m_staff.createMember("Tổ trưởng", pin, now);
        break;
    case PinPadMode::Enter:
        m_state.staff = m_staff.findByPin(pin);
        if (!m_state.staff) {
            // A growing lockout after five wrong PINs: 30 s, 60 s, 120 s ...
            pad.message = "Mã PIN chưa đúng.";
            pad.lockedUntil = m_pinLockout.recordFailure(now);
            m_staff.audit(std::nullopt, "staff.pin_failed", "", now);
            return;
        }
        break;
    }
    m_pinLockout.recordSuccess();
    pad = PinPadState{};
    m_state.screen = Screen::Staff;
    m_staff.audit(m_state.staff->id, "staff.signed_in", "", now);
    if (m_desk) m_desk->open(*m_state.staff, now);
}

void App::handle(const intent::RestartProgram&, TimePoint now) {
    if (m_state.screen != Screen::Staff) return;
    m_staff.audit(m_state.staff->id, "program.restart", "", now);
    m_state.exitRequest = ExitRequest::Restart;
}

void App::handle(const intent::RollBackContent&, TimePoint now) {
    if (m_state.screen != Screen::Staff || !m_contentUpdater) return;
    m_staff.audit(m_state.staff->id, "content.rollback", "", now);
    m_state.exitRequest = ExitRequest::Restart;
    m_state.contentAction = ContentAction::RollBack;
}

void App::handle(const intent::AskQuit&, TimePoint) {
    if (m_state.screen == Screen::Staff) m_state.confirmingQuit = true;
}

void App::handle(const intent::QuitProgram&, TimePoint now) {
    // Only as the answer to "Thoát chương trình?": a slip of the finger must not close the kiosk.
    if (m_state.screen != Screen::Staff || !m_state.confirmingQuit) return;
    m_state.confirmingQuit = false;
    m_staff.audit(m_state.staff->id, "program.quit", "", now);
    m_state.exitRequest = ExitRequest::Quit;
}

// ---- Booking help
// -------------------------------------------------------------------------------------------

// The booking screens: forwarded to the wizard while they show. The keypads type for the staff desk too.

void App::handle(const intent::ChooseBookingTopic& i, TimePoint now) {
    if (m_state.screen == Screen::Booking) m_wizard.chooseTopic(i.topicId, now);
}

void App::handle(const intent::ChooseDay& i, TimePoint now) {
    if (m_state.screen == Screen::Booking) m_wizard.chooseDay(i.day, now);
}

void App::handle(const intent::ChooseSlot& i, TimePoint) {
    if (m_state.screen == Screen::Booking) m_wizard.chooseSlot(i.minuteOfDay);
}

void App::handle(const intent::StartCancel&, TimePoint) {
    if (m_state.screen == Screen::Booking) m_wizard.startCancel();
}

void App::handle(const intent::Type& i, TimePoint) {
    if (m_state.screen == Screen::Staff && m_desk) return m_desk->type(i.key);
    if (m_state.screen == Screen::Booking) m_wizard.type(i.key);
}

void App::handle(const intent::Tone& i, TimePoint) {
    if (m_state.screen == Screen::Staff && m_desk) return m_desk->setTone(i.mark);
    if (m_state.screen == Screen::Booking) m_wizard.setTone(i.mark);
}

void App::handle(const intent::Erase&, TimePoint) {
    if (m_state.screen == Screen::Staff && m_desk) return m_desk->erase();
    if (m_state.screen == Screen::Booking) m_wizard.erase();
}

void App::handle(const intent::Submit&, TimePoint now) {
    // What was typed and refused is told with the question, on the typing page's first page (a small
    // screen at large text gives the question a page of its own, before the keys).
    auto toTheQuestion = [this](const std::string& message) {
        if (message.empty()) return;
        m_state.page = 0;
        m_state.pageTrail.clear();
    };
    if (m_state.screen == Screen::Staff && m_desk && m_state.staff) {
        m_desk->submit(*m_state.staff, now);
        toTheQuestion(m_desk->state().message);
        return;
    }
    if (m_state.screen != Screen::Booking) return;
    const BookingWizard::SubmitOutcome outcome = m_wizard.submit(now);
    if (outcome.booked && m_usage) m_usage->qrShown(now);
    if (!outcome.notice.empty()) m_notices.push_back(outcome.notice);
    toTheQuestion(m_wizard.message());
}

void App::connectBookings(BookingService& bookings) {
    m_bookings = &bookings;
    m_wizard.connect(bookings);
    m_bookingListener = bookings.addListener({[this](const Booking& booking, BookingChange change,
                                                     TimePoint now) { bookingChanged(booking, change, now); },
                                              {}});
}

namespace {
// What a change counts as in the usage figures; nullopt: nothing.
std::optional<BookingEvent> usageEventFor(const Booking& booking, BookingChange change) {
    if (change == BookingChange::made) return BookingEvent::made;
    if (change == BookingChange::rescheduled) return std::nullopt;
    if (change == BookingChange::noShowUndone) return BookingEvent::noShowUndone;
    switch (booking.status) {
    case BookingStatus::cancelled:
        return BookingEvent::cancelled;
    case BookingStatus::done:
        return BookingEvent::done;
    case BookingStatus::noShow:
        return BookingEvent::noShow;
    default:
        return std::nullopt;
    }
}
} // namespace

void App::bookingChanged(const Booking& booking, BookingChange change, TimePoint now) {
    if (const auto event = usageEventFor(booking, change); event && m_usage) m_usage->booking(*event, now);
}

void App::handle(const intent::Staff& i, TimePoint now) {
    if (m_state.screen == Screen::Staff && m_state.staff && m_desk)
        m_desk->apply(i.action, *m_state.staff, now);
}

bool App::hasSessionToReset() const {
    return m_state.screen != Screen::Home || m_state.textSize != 0 || !m_state.pinPad.digits.empty();
}

TimePoint App::idleDeadline() const {
    return m_lastInput + std::chrono::seconds(m_config.idleSeconds);
}

void App::resetSession(TimePoint now) {
    endSession(now);
    // Keep only what is not the resident's: the lockout stays, so walking away does not reset it.
    auto lockedUntil = m_state.pinPad.lockedUntil;
    if (m_state.staff && m_desk) m_desk->close();
    m_wizard.reset();
    m_state = State{};
    m_state.pinPad.lockedUntil = lockedUntil;
    m_cornerTaps.clear();
}

} // namespace kiosk
