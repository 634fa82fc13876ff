#include "staff_desk.hpp"

namespace kiosk {

const char* staffPageName(StaffPage page) {
    switch (page) {
    case StaffPage::Overview: return "overview";
    }
    return "unknown";
}

StaffDesk::StaffDesk(db::Database& db, BookingService& bookings, StaffRepository& staff, const Config& config)
    : m_db(db), m_bookings(bookings), m_staff(staff), m_config(config) {}

void StaffDesk::open(const StaffMember&, std::chrono::system_clock::time_point) { m_state = StaffDeskState{}; }

void StaffDesk::apply(const StaffIntent& intent, const StaffMember&, std::chrono::system_clock::time_point) {
    if (const auto* show = std::get_if<staff_intent::ShowPage>(&intent)) m_state.page = show->page;
}

void StaffDesk::type(std::string_view) {}
void StaffDesk::setTone(ToneMark) {}
void StaffDesk::erase() {}
void StaffDesk::submit(const StaffMember&, std::chrono::system_clock::time_point) {}
bool StaffDesk::back() {
    if (m_state.page == StaffPage::Overview) return false;
    m_state.page = StaffPage::Overview;
    return true;
}

void StaffDesk::close() { m_state = StaffDeskState{}; }

void StaffDesk::describe(std::map<std::string, std::string>& out) const {
    out["staff_page"] = staffPageName(m_state.page);
    out["staff_message"] = m_state.message;
}

}  // namespace kiosk
