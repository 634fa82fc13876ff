// What the village team did, kept in kiosk.db as counts (issue 16): help given on a day at a kind of place
// with what it achieved, and the residents' faces after help at the kiosk. Each write commits at once (a
// power cut loses nothing the team saw saved) and sends its day to the hub again. Never who: no names, no
// phone numbers, no booking id beside a face.
#pragma once

#include "common/database.hpp"
#include "common/error.hpp"
#include "common/team_activity.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// One record of help, as the team enters it.
struct TeamHelpRecord {
    std::string day;                    // local date YYYY-MM-DD the help was given
    std::string place;                  // upload::kPlaceKinds key
    int people = 1;                     // people helped, at least one
    std::map<std::string, int> results; // upload::kResultKinds key -> times achieved (0 = not achieved)
};

inline constexpr int kMaxTeamCount = 1000; // people or times in one record: more is a typing slip
inline constexpr int kTeamDaysBack = 6;    // help may be recorded for today and the 6 days before

class TeamStore {
  public:
    explicit TeamStore(db::Database& db) : m_db(db) {}

    // Saves one record in one transaction. Refuses, naming the field, a day that is not a calendar day or
    // is in the future or more than kTeamDaysBack before today, an unknown place or result, people below 1
    // or counts above kMaxTeamCount. Returns the record's id.
    Result<std::int64_t> record(const TeamHelpRecord& help, std::chrono::system_clock::time_point now);
    // One face tapped after help at the kiosk, counted on today's local date.
    Result<void> addSatisfaction(std::string_view answer, std::chrono::system_clock::time_point now);

    // A day's figures as the upload carries them: per place, records (events), people and results summed.
    [[nodiscard]] upload::TeamActivity activity(std::string_view day) const;
    [[nodiscard]] upload::Satisfaction satisfaction(std::string_view day) const;

  private:
    // The day's finished figures went to the hub already: send them again (a re-send replaces the day).
    void resendDay(std::string_view day);

    db::Database& m_db;
};

} // namespace kiosk
