// Team-member mode behind the PIN: today's queue and the coming days, marking bookings, the weekly
// schedule and closures, team members, the audit log, exports. The App forwards staff intents here
// while a member is signed in; screens in ui/ draw StaffDeskState.
#pragma once

#include "bookings.hpp"
#include "config.hpp"
#include "staff.hpp"
#include "text_entry.hpp"

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <variant>

namespace kiosk {

enum class StaffPage { Overview };

namespace staff_intent {
struct ShowPage { StaffPage page = StaffPage::Overview; };
}  // namespace staff_intent

using StaffIntent = std::variant<staff_intent::ShowPage>;

struct StaffDeskState {
    StaffPage page = StaffPage::Overview;
    std::string message;  // the result of the last action, e.g. "Đã đánh dấu: đã đến"
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

    [[nodiscard]] const StaffDeskState& state() const { return m_state; }
    // Adds "staff_page" and friends for scenario expectations.
    void describe(std::map<std::string, std::string>& out) const;

private:
    db::Database& m_db;
    BookingService& m_bookings;
    StaffRepository& m_staff;
    const Config& m_config;
    StaffDeskState m_state;
};

[[nodiscard]] const char* staffPageName(StaffPage page);

}  // namespace kiosk
