// What the hub keeps, behind one small interface: SQLite today (SqliteHubStore), PostgreSQL when
// one machine is not enough (ARCHITECTURE.md "Scale") — the HTTP server, CLI and reports only see this.
#pragma once

#include "common/usage_upload.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace commune {

// Inclusive range of local days, YYYY-MM-DD.
struct DayRange {
    std::string first;
    std::string last;
};

// One place's team help summed over a period (common/team_activity.hpp), keyed as the kiosks sent it.
struct TeamHelpTotals {
    std::int64_t events = 0, people = 0;
    std::map<std::string, std::int64_t> results; // result key -> times achieved
    friend bool operator==(const TeamHelpTotals&, const TeamHelpTotals&) = default;
};

// Sums over a period for one village (the report groups kiosks by their registered village), one per
// row of the figures table (common/usage_figures.hpp).
struct VillageTotals {
    using Count = kiosk::upload::Count;
    using Question = kiosk::upload::Question;
    using Answer = kiosk::upload::Answer;

    std::string village;
    std::array<std::int64_t, kiosk::upload::kCountFigures.size()> counts{};
    std::array<std::array<std::int64_t, kiosk::upload::kSurveyAnswers.size()>,
               kiosk::upload::kSurveyFigures.size()>
        surveys{};
    // What the team recorded, keys as sent (a newer kiosk's unknown keys included).
    std::map<std::string, TeamHelpTotals> team;       // place key -> help
    std::map<std::string, std::int64_t> satisfaction; // answer key -> residents

    [[nodiscard]] std::int64_t& count(Count id) { return counts[static_cast<std::size_t>(id)]; }
    [[nodiscard]] std::int64_t count(Count id) const { return counts[static_cast<std::size_t>(id)]; }
    [[nodiscard]] std::int64_t& answers(Question q, Answer a) {
        return surveys[static_cast<std::size_t>(q)][static_cast<std::size_t>(a)];
    }
    [[nodiscard]] std::int64_t answers(Question q, Answer a) const {
        return surveys[static_cast<std::size_t>(q)][static_cast<std::size_t>(a)];
    }
    // Adds another village's figures (for the commune's row).
    void add(const VillageTotals& other) {
        for (std::size_t i = 0; i < counts.size(); ++i)
            counts[i] += other.counts[i];
        for (std::size_t q = 0; q < surveys.size(); ++q)
            for (std::size_t a = 0; a < surveys[q].size(); ++a)
                surveys[q][a] += other.surveys[q][a];
        for (const auto& [place, help] : other.team) {
            TeamHelpTotals& sum = team[place];
            sum.events += help.events;
            sum.people += help.people;
            for (const auto& [result, times] : help.results)
                sum.results[result] += times;
        }
        for (const auto& [answer, residents] : other.satisfaction)
            satisfaction[answer] += residents;
    }
};

struct GuideTotals {
    std::string village;
    std::string guideId;
    std::string topic;
    std::int64_t started = 0, finished = 0;
};

struct StepTotals {
    std::string village;
    std::string guideId;
    int step = 0;
    std::int64_t reached = 0, leftHere = 0;
};

struct PeriodFigures {
    std::vector<VillageTotals> villages; // sorted by village
    std::vector<GuideTotals> guides;     // sorted by village, guide
    std::vector<StepTotals> steps;       // sorted by village, guide, step
};

// Where an upload stands in time, so that a late copy never overwrites a newer one: a kiosk's
// outbox retries a stored body (its sent_at is when it was made), and an export carried on a USB stick
// can be days old. Built by postedTiming / importedTiming (calendar.hpp).
struct UploadTiming {
    std::int64_t generatedUnix = 0; // when the kiosk made it (heartbeat.sent_at, never after the hub's
                                    // clock); 0: unknown, older than anything stored
    std::int64_t seenUnix = 0;      // the kiosk was alive then (a POST's arrival); 0: no news of it
    std::int64_t receivedUnix = 0;  // the hub's clock when storing it (kept with each day, for diagnosis)
};

struct StoredUpload {
    std::size_t storedDays = 0; // days written (new, or at least as new as what was stored)
    std::size_t olderDays = 0;  // days left alone: the store holds a newer copy
    std::size_t newFlags = 0;   // screen flags not seen before (a re-sent flag is stored once)
};

// One "Màn hình này đã khác" as a kiosk's team sent it.
struct StoredFlag {
    std::string kioskId;
    std::string village;
    std::string guideId;
    std::string guideTitle; // "" when the kiosk did not send one
    int step = 1;
    std::string what; // kiosk::upload::kFlagKinds
    std::string note;
    std::string flaggedAt; // ISO-8601 UTC, as the kiosk sent it
};

struct KioskStatus {
    std::string kioskId;
    std::string village;
    std::int64_t lastSeenUnix = 0; // 0: never uploaded
    std::string version;
    std::int64_t uptimeSeconds = 0;
    std::int64_t freeDiskMb = 0;
    std::string contentVersion;
    std::string lastError;
    std::optional<std::int64_t> restartsSinceBoot; // nullopt: an older kiosk's heartbeat
    std::optional<double> socTemperatureC;         // nullopt: no sensor on that machine
};

// One village's denominators at a date, as commune staff entered them (population.hpp checks them).
struct PopulationFigures {
    std::string village;
    std::string asOf; // YYYY-MM-DD: the day the figures were counted
    std::int64_t adults = 0;
    std::optional<std::int64_t> smartphone; // adults with a smartphone; nullopt: not known
    std::optional<std::int64_t> vneid;      // adults with a VNeID account; nullopt: not known

    friend bool operator==(const PopulationFigures&, const PopulationFigures&) = default;
};

class HubStore {
  public:
    virtual ~HubStore() = default;

    // Kiosks. tokenHash is a hex digest; the token itself is never stored. false: the id exists.
    [[nodiscard]] virtual bool addKiosk(const std::string& kioskId, const std::string& village,
                                        const std::string& tokenHash) = 0;
    [[nodiscard]] virtual std::optional<std::string> findKioskByTokenHash(const std::string& tokenHash) = 0;
    [[nodiscard]] virtual bool kioskExists(const std::string& kioskId) = 0;
    // The village a kiosk's figures are reported under: set only here and by addKiosk, never by an
    // upload. false: no such kiosk.
    [[nodiscard]] virtual bool setKioskVillage(const std::string& kioskId, const std::string& village) = 0;

    // One transaction: the heartbeat and every (kiosk, day) in the upload (its "village" is not used). A
    // day's figures replace what that kiosk sent for that day before only when this copy is at least as new
    // (generatedUnix), and at the same generation an incomplete day never replaces a complete one. The
    // heartbeat fields likewise; last seen only moves forward (to seenUnix). Throws on a storage failure
    // (nothing is kept).
    virtual StoredUpload replaceRollups(const kiosk::upload::Upload& upload, const UploadTiming& timing) = 0;

    // Reports.
    [[nodiscard]] virtual PeriodFigures periodFigures(const DayRange& range) = 0;
    [[nodiscard]] virtual std::vector<KioskStatus> kioskStatuses() = 0;
    // Every screen flag, by guide and step, newest first within a step.
    [[nodiscard]] virtual std::vector<StoredFlag> screenFlags() = 0;

    // Staff accounts (password hashes from crypto_pwhash_str) and their sessions (hashed ids).
    virtual void setStaffPassword(const std::string& username, const std::string& passwordHash) = 0;
    [[nodiscard]] virtual std::optional<std::string> staffPasswordHash(const std::string& username) = 0;
    virtual void addSession(const std::string& sessionHash, const std::string& username,
                            std::int64_t expiresUnix) = 0;
    [[nodiscard]] virtual std::optional<std::string> sessionUser(const std::string& sessionHash,
                                                                 std::int64_t nowUnix) = 0;
    virtual void removeSession(const std::string& sessionHash) = 0;

    // True when a write can be committed right now (for /health).
    [[nodiscard]] virtual bool canWrite() noexcept = 0;

    // ---- Denominators (issue 16): what commune staff enter, kept with its history by date ----
    // Stores a village's figures at their date (the same village and date again replaces them), synced to
    // disk before returning: staff typed them, and no kiosk will send them again.
    virtual void setPopulation(const PopulationFigures& figures) = 0;
    // Every entry, by village then date.
    [[nodiscard]] virtual std::vector<PopulationFigures> populationHistory() = 0;
    // Per village, its latest entry dated on or before day (a period's report: the period's last day).
    [[nodiscard]] virtual std::vector<PopulationFigures> populationAsOf(const std::string& day) = 0;
};

} // namespace commune
