// The kiosk's state and the rules that change it. Screens send Intents; App::apply is the only writer.
#pragma once

#include "config.hpp"
#include "staff.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
using Milliseconds = std::chrono::milliseconds;

enum class Screen { Home, Topic, Booking, StaffPin, Staff };
enum class PinPadMode { Enter, CreateFirst, ConfirmFirst };
enum class ExitRequest { None, Quit, Restart };

constexpr int kTextSizeCount = 3;  // normal, large, larger

namespace intent {
struct OpenTopic { std::string topicId; };
struct OpenBooking {};
struct GoHome {};
struct Back {};
struct SetTextSize { int level = 0; };
struct StillHere {};
struct CornerTap {};  // the hidden staff entry: five in a row opens the PIN pad
struct PinDigit { char digit = '0'; };
struct PinErase {};
struct PinSubmit {};
struct RestartProgram {};
struct QuitProgram {};
}  // namespace intent

using Intent = std::variant<intent::OpenTopic, intent::OpenBooking, intent::GoHome, intent::Back, intent::SetTextSize,
                            intent::StillHere, intent::CornerTap, intent::PinDigit, intent::PinErase,
                            intent::PinSubmit, intent::RestartProgram, intent::QuitProgram>;

struct PinPadState {
    PinPadMode mode = PinPadMode::Enter;
    std::string digits;     // never shown, only counted as dots
    std::string firstPin;   // while confirming the first member's PIN
    std::string message;    // e.g. "Mã PIN chưa đúng"
    std::optional<TimePoint> lockedUntil;
};

struct Place {
    Screen screen = Screen::Home;
    std::string topicId;  // for Screen::Topic
};

struct State {
    Screen screen = Screen::Home;
    std::string topicId;  // for Screen::Topic
    std::vector<Place> history;  // where "Quay lại" goes
    int textSize = 0;     // 0 .. kTextSizeCount-1
    PinPadState pinPad;
    std::optional<StaffMember> staff;  // who is signed in to staff mode
    std::optional<TimePoint> countdownEndsAt;  // set while "Bác còn dùng không?" is showing
    ExitRequest exitRequest = ExitRequest::None;
};

class App {
public:
    App(Config config, StaffRepository& staff, std::vector<std::string> notices, TimePoint now);

    void apply(const Intent& intent, TimePoint now);
    // Any touch counts as presence: it resets the idle timer and dismisses the countdown.
    void noteInput(TimePoint now);
    // Advances timers: starts the idle countdown, and when it runs out resets the session.
    void tick(TimePoint now);
    // How long the frame loop may sleep before tick() has something to do; nullopt = until input.
    [[nodiscard]] std::optional<Milliseconds> timeUntilNextTimer(TimePoint now) const;

    [[nodiscard]] const State& state() const { return m_state; }
    [[nodiscard]] const Config& config() const { return m_config; }
    // Problems staff should see: config errors, a database moved aside, ...
    [[nodiscard]] const std::vector<std::string>& notices() const { return m_notices; }
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
    void handle(const intent::RestartProgram& i, TimePoint now);
    void handle(const intent::QuitProgram& i, TimePoint now);

    void openPinPad();
    void submitPin(TimePoint now);
    void resetSession();
    [[nodiscard]] bool hasSessionToReset() const;
    [[nodiscard]] TimePoint idleDeadline() const;

    Config m_config;
    StaffRepository& m_staff;
    std::vector<std::string> m_notices;
    State m_state;
    TimePoint m_lastInput;
    std::vector<TimePoint> m_cornerTaps;
    int m_failedPins = 0;
    unsigned long m_revision = 0;
};

[[nodiscard]] const char* screenName(Screen screen);

}  // namespace kiosk
