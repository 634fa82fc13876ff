// Privacy-safe usage statistics: what was used, never who. Events are counts, step numbers and names that
// come from the program or the bundled guides (screen names, guide ids, topics) — never a phone number, a
// name or anything a resident typed. They are kept raw for rawEventDays and rolled up per local day; the
// rollups (kiosk/common/include/common/usage_upload.hpp) are what travels to the commune hub.
#pragma once

#include "common/database.hpp"
#include "common/local_time.hpp"
#include "common/usage_upload.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kiosk {

// noShowUndone: the team took a "Không đến" back; the day's no-shows count one fewer.
enum class BookingEvent { made, cancelled, done, noShow, noShowUndone };
// The survey's questions and answers are rows of the figures table (common/usage_figures.hpp).
using SurveyQuestion = upload::Question;
using SurveyAnswer = upload::Answer;

// A name from the program or the content, or "other": 1..64 of [a-z0-9._-], starting with a letter. So a
// phone number or typed text can never be stored even if a caller passes one by mistake.
[[nodiscard]] std::string usageName(std::string_view name);

// Where the recorder's writes happen. background: a writer thread with its own connection to the same file,
// so the UI thread never waits for the disk (with synchronous=FULL every commit is an fsync: measured 3.6 ms
// per event as its own transaction, and ~19 ms for a one-second batch, on this machine). onCallerThread:
// writes inside flush()/flushIfDue()/sessionEnded() on the caller's thread; also used for an in-memory
// database.
enum class RecorderWrites { background, onCallerThread };

// Records events from the UI thread, one line per event in the App: an event is a few string copies into a
// buffer (a microsecond or so), written in one transaction when the session ends or once the oldest is
// writeAfter old. Every transaction costs the SD card ~15 kB (a WAL frame per page touched,
// synchronous=FULL): a write per tap was 13 MB of a busy day's 15 MB (tests/bench/sd_writes.py), so the
// default waits two minutes. What a power cut can lose: up to that much of the counts. Never a booking:
// bookings commit on their own, synchronously.
class UsageRecorder {
  public:
    static constexpr std::chrono::milliseconds kWriteAfter = std::chrono::minutes(2);

    explicit UsageRecorder(db::Database& db, RecorderWrites writes = RecorderWrites::background,
                           std::chrono::milliseconds writeAfter = kWriteAfter);
    UsageRecorder(const UsageRecorder&) = delete;
    UsageRecorder& operator=(const UsageRecorder&) = delete;
    ~UsageRecorder(); // writes what is left, stops the writer; never throws

    using TimePoint = std::chrono::system_clock::time_point;

    void sessionStarted(TimePoint now);
    void sessionEnded(TimePoint now); // also asks for the buffer to be written now
    void screenShown(std::string_view screen, TimePoint now);
    // Steps are 1-based, as the resident sees them ("Bước 3/8").
    void guideStarted(std::string_view guideId, std::string_view topic, TimePoint now);
    void guideStepReached(std::string_view guideId, std::string_view topic, int step, TimePoint now);
    void guideFinished(std::string_view guideId, std::string_view topic, TimePoint now);
    void guideLeft(std::string_view guideId, std::string_view topic, int step, TimePoint now);
    void practiceTap(bool right, TimePoint now);
    void narrationPlayed(TimePoint now);
    void qrShown(TimePoint now);
    void textSizeChanged(int level, TimePoint now);
    void booking(BookingEvent event, TimePoint now);
    void surveyAnswer(SurveyQuestion question, SurveyAnswer answer, TimePoint now);

    // Asks for the buffer to be written if its oldest event is writeAfter old (by `now`). The background
    // writer also writes by itself writeAfter after an event arrives (by the real clock); on the caller's
    // thread, call this from a timer.
    void flushIfDue(TimePoint now);
    // Writes the buffer and waits until it is written (shutdown, tests). A failure is kept in lastError() and
    // the events are tried again later.
    void flush();

    [[nodiscard]] std::size_t buffered() const;
    // When the oldest buffered event happened (by the callers' clock), if any.
    [[nodiscard]] std::optional<TimePoint> oldestBuffered() const;
    [[nodiscard]] std::string lastError() const;
    [[nodiscard]] std::size_t dropped() const;
    [[nodiscard]] bool writesInBackground() const { return m_writer.joinable(); }

    struct Event {
        std::string day;
        int secondOfDay = 0;
        std::string_view kind; // a static string: an event kind from the table or usage_events.cpp
        std::string guideId;   // "" = NULL
        std::string topic;     // "" = NULL
        int step = 0;          // 0 = NULL
        std::string value;     // "" = NULL
    };

  private:
    void record(std::string_view kind, TimePoint now, std::string_view guideId = {},
                std::string_view topic = {}, int step = 0, std::string value = {});
    void requestWrite(std::unique_lock<std::mutex>& lock);
    // Writes the batch in one transaction; on failure puts it back in front of the buffer. Called without
    // m_mutex.
    void writeBatch(db::Database& db, db::Statement& insert, std::vector<Event>& batch);
    void writerLoop(std::stop_token stop, db::Database db);

    const std::chrono::milliseconds m_writeAfter;
    db::Database* m_callerDb = nullptr;          // onCallerThread
    std::optional<db::Statement> m_callerInsert; // onCallerThread
    mutable std::mutex m_mutex;                  // guards the members below
    std::condition_variable_any m_wake;          // the writer waits here
    std::condition_variable m_writtenCv;         // flush() waits here
    std::vector<Event> m_buffer;
    std::optional<TimePoint> m_oldestBuffered;             // by the callers' clock
    std::chrono::steady_clock::time_point m_oldestArrived; // by the real clock, for the writer
    bool m_writeRequested = false;
    std::uint64_t m_recorded = 0; // events ever recorded
    std::uint64_t m_settled = 0;  // events written or dropped
    std::uint64_t m_writeAttempts = 0;
    std::string m_lastError;
    std::size_t m_dropped = 0;
    std::jthread m_writer; // last: stopped and joined first
};

// Reads raw events into daily rollups, keeps the rollups, and prunes old raw events. Used by the upload
// worker (on its own connection) and by `kiosk --export-stats`.
class UsageStore {
  public:
    explicit UsageStore(db::Database& db);

    // The day's figures: computed from the raw events while they exist (and stored), else the stored rollup,
    // else all zeros; with the team's help and the faces of that day as recorded. complete: the day is over.
    [[nodiscard]] upload::DailyRollup rollup(std::string_view day, bool complete,
                                             std::chrono::system_clock::time_point now);
    // Only from the raw events and the team's records, nothing stored.
    [[nodiscard]] upload::DailyRollup compute(std::string_view day, bool complete);
    [[nodiscard]] std::optional<upload::DailyRollup> stored(std::string_view day);
    void store(const upload::DailyRollup& rollup, std::chrono::system_clock::time_point now);

    // Every day with raw events or a stored rollup, oldest first.
    [[nodiscard]] std::vector<std::string> days();
    // Finished days (before `today`) whose complete figures have not yet been put in the outbox.
    [[nodiscard]] std::vector<std::string> finishedDaysNotSent(std::string_view today);
    void markSent(std::string_view day);

    // Deletes raw events of days more than rawEventDays before today, after storing those days' rollups.
    // Returns how many events went.
    std::size_t pruneRawEvents(std::string_view today, int rawEventDays,
                               std::chrono::system_clock::time_point now);

    [[nodiscard]] db::Database& database() { return m_db; }

  private:
    // Puts the team's help and the residents' faces of the rollup's day in it (kiosk/team/team_store.hpp);
    // true when there were any.
    bool addTeamFigures(upload::DailyRollup& rollup);

    db::Database& m_db;
};

} // namespace kiosk
