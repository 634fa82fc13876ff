#include "usage/usage_events.hpp"

#include "common/local_time.hpp"
#include "team/team_store.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace kiosk {

namespace {

using std::chrono::system_clock;

// Event kinds as stored, beyond the figures' own (upload::kCountFigures, upload::kSurveyFigures): the
// screen and guide events, whose rollups are not single numbers. The rollup below is the only reader.
constexpr std::string_view kSessionEnded = "session_ended";
constexpr std::string_view kScreenShown = "screen_shown";
constexpr std::string_view kGuideStarted = "guide_started";
constexpr std::string_view kStepReached = "step_reached";
constexpr std::string_view kGuideFinished = "guide_finished";
constexpr std::string_view kGuideLeft = "guide_left";
constexpr std::string_view kNoShowUndone = "booking_no_show_undone"; // takes one off booking_no_show

constexpr std::string_view eventKind(upload::Count id) {
    return upload::figure(id).eventKind;
}

constexpr std::size_t kMaxNameBytes = 64;
constexpr std::size_t kFlushAtEvents = 500; // a burst never builds a long transaction
constexpr std::size_t kMaxBuffered = 5000;  // while the database refuses writes

struct LocalMoment {
    std::string day;
    int secondOfDay = 0;
};

LocalMoment localMoment(system_clock::time_point t) {
    using namespace std::chrono;
    const LocalDateTime local = toLocal(t);
    const auto secondOfMinute = floor<seconds>(t) - floor<minutes>(t);
    return {isoDay(local.date), local.minuteOfDay * 60 + static_cast<int>(secondOfMinute.count())};
}

void countAnswer(upload::Survey& survey, std::string_view answer, int count) {
    for (const upload::AnswerFigure& a : upload::kSurveyAnswers)
        if (answer == a.key) survey.*a.field += count;
}

// The figure an event kind counts towards, if it is a single-number one.
const upload::CountFigure* countFigureFor(std::string_view kind) {
    for (const upload::CountFigure& f : upload::kCountFigures)
        if (kind == f.eventKind) return &f;
    return nullptr;
}

const upload::SurveyFigure* surveyFigureFor(std::string_view kind) {
    for (const upload::SurveyFigure& f : upload::kSurveyFigures)
        if (kind == f.key) return &f;
    return nullptr;
}

bool validStep(int step) {
    return step >= 1 && step <= upload::kMaxStepsPerGuide;
}

// The rollup table keeps the figures as the upload format's JSON for one day; the shared header reads only
// whole uploads, so a stored day is wrapped into one to be read back with the same strict parser.
std::optional<upload::DailyRollup> parseStoredRollup(const std::string& body) {
    nlohmann::json day = nlohmann::json::parse(body, nullptr, false);
    if (day.is_discarded()) return std::nullopt;
    upload::Upload wrapper;
    wrapper.kioskId = "stored";
    nlohmann::json document = upload::toJson(wrapper);
    document["days"].push_back(std::move(day));
    auto parsed = upload::parseUpload(document.dump(), "9999-12-31");
    if (!parsed || parsed->days.size() != 1) return std::nullopt;
    return std::move(parsed->days.front());
}

} // namespace

std::string usageName(std::string_view name) {
    const bool startsWithLetter = !name.empty() && name[0] >= 'a' && name[0] <= 'z';
    const bool allowed = std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
    if (!startsWithLetter || !allowed || name.size() > kMaxNameBytes) return "other";
    return std::string(name);
}

// ---- UsageRecorder ----

namespace {

constexpr const char* kInsertEvent =
    "INSERT INTO usage_event (day, second_of_day, kind, guide_id, topic, step, value) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

// The file behind the connection, or "" for an in-memory database (which another connection cannot see).
std::string databaseFile(db::Database& db) {
    const char* file = sqlite3_db_filename(db.handle(), "main");
    return file != nullptr ? std::string(file) : std::string();
}

} // namespace

UsageRecorder::UsageRecorder(db::Database& db, RecorderWrites writes, std::chrono::milliseconds writeAfter)
    : m_writeAfter(writeAfter) {
    m_buffer.reserve(64);
    const std::string file = databaseFile(db);
    if (writes == RecorderWrites::background && !file.empty()) {
        // Opened here, so a failure shows at start; from then on used by the writer thread only.
        db::Database own = db::Database::open(file);
        (void)own.prepare(kInsertEvent); // the table exists: fail now rather than on the first write
        m_writer = std::jthread([this](std::stop_token stop,
                                       db::Database connection) { writerLoop(stop, std::move(connection)); },
                                std::move(own));
    } else {
        m_callerDb = &db;
        m_callerInsert.emplace(db.prepare(kInsertEvent));
    }
}

UsageRecorder::~UsageRecorder() {
    try {
        if (m_writer.joinable()) {
            m_writer.request_stop(); // the writer writes what is left before it returns
            m_writer.join();
        } else {
            flush();
        }
    } catch (...) { // a destructor never throws; the writer keeps its own errors
    }
}

void UsageRecorder::record(std::string_view kind, TimePoint now, std::string_view guideId,
                           std::string_view topic, int step, std::string value) {
    LocalMoment moment = localMoment(now);
    Event event;
    event.day = std::move(moment.day);
    event.secondOfDay = moment.secondOfDay;
    event.kind = kind;
    if (!guideId.empty()) event.guideId = usageName(guideId);
    if (!topic.empty()) event.topic = usageName(topic);
    event.step = validStep(step) ? step : 0;
    event.value = std::move(value);

    std::unique_lock lock(m_mutex);
    if (m_buffer.size() >= kMaxBuffered && m_writer.joinable() && m_lastError.empty()) {
        // A burst faster than the disk (thousands of events a second: never from a finger) waits for the
        // writer rather than losing counts.
        requestWrite(lock);
        m_writtenCv.wait(lock, [this] { return m_buffer.size() < kMaxBuffered || !m_lastError.empty(); });
    }
    if (m_buffer.size() >= kMaxBuffered) { // the database has refused writes for a long time
        m_buffer.erase(m_buffer.begin());
        ++m_dropped;
        ++m_settled;
    }
    if (m_buffer.empty()) {
        m_oldestBuffered = now;
        m_oldestArrived = std::chrono::steady_clock::now();
        m_wake.notify_all(); // the writer starts its wait
    }
    m_buffer.push_back(std::move(event));
    ++m_recorded;
    if (m_buffer.size() >= kFlushAtEvents || (m_oldestBuffered && now - *m_oldestBuffered >= m_writeAfter)) {
        requestWrite(lock);
    }
}

void UsageRecorder::requestWrite(std::unique_lock<std::mutex>& lock) {
    if (m_writer.joinable()) {
        m_writeRequested = true;
        m_wake.notify_all();
        return;
    }
    std::vector<Event> batch;
    batch.swap(m_buffer);
    m_oldestBuffered.reset();
    lock.unlock();
    writeBatch(*m_callerDb, *m_callerInsert, batch);
    lock.lock();
}

void UsageRecorder::flushIfDue(TimePoint now) {
    std::unique_lock lock(m_mutex);
    if (m_oldestBuffered && now - *m_oldestBuffered >= m_writeAfter) requestWrite(lock);
}

void UsageRecorder::flush() {
    std::unique_lock lock(m_mutex);
    if (m_buffer.empty()) return;
    const std::uint64_t target = m_recorded;
    const std::uint64_t attemptsBefore = m_writeAttempts;
    requestWrite(lock);
    if (!m_writer.joinable()) return;
    // Until everything recorded so far is written, or a write failed meanwhile (its error is in lastError()).
    m_writtenCv.wait(lock, [&] {
        return m_settled >= target || (m_writeAttempts > attemptsBefore && !m_lastError.empty());
    });
}

void UsageRecorder::writeBatch(db::Database& db, db::Statement& insert, std::vector<Event>& batch) {
    auto bindText = [&insert](int index, const std::string& text) {
        if (text.empty())
            insert.bind(index, nullptr);
        else
            insert.bind(index, std::string_view(text));
    };
    std::string error;
    try {
        db::Transaction transaction(db);
        for (const Event& e : batch) {
            insert.bind(1, std::string_view(e.day)).bind(2, e.secondOfDay).bind(3, std::string_view(e.kind));
            bindText(4, e.guideId);
            bindText(5, e.topic);
            if (e.step == 0)
                insert.bind(6, nullptr);
            else
                insert.bind(6, e.step);
            bindText(7, e.value);
            insert.run();
        }
        // Events for a day already sent as complete (the writer was held up past the day's end, or the
        // clock was set back): that day goes again, so the hub's copy never misses them.
        std::set<std::string_view> days;
        for (const Event& e : batch)
            days.insert(e.day);
        db::Statement resend = db.prepare("UPDATE usage_rollup SET sent = 0 WHERE day = ?1 AND sent = 1");
        for (std::string_view day : days) {
            resend.bind(1, day).run();
        }
        transaction.commit();
    } catch (const db::Error& e) {
        // Statistics never stop the kiosk: keep the events and try again with the next write.
        error = e.what();
        insert.reset();
    }
    std::lock_guard lock(m_mutex);
    if (error.empty()) {
        m_settled += batch.size();
    } else {
        m_buffer.insert(m_buffer.begin(), std::make_move_iterator(batch.begin()),
                        std::make_move_iterator(batch.end()));
        if (!m_oldestBuffered) m_oldestBuffered = TimePoint{}; // due again at the next chance
        m_oldestArrived = std::chrono::steady_clock::now();    // the writer retries a while from now
    }
    ++m_writeAttempts;
    m_lastError = std::move(error);
    batch.clear();
    m_writtenCv.notify_all();
}

void UsageRecorder::writerLoop(std::stop_token stop, db::Database db) {
    db::Statement insert = db.prepare(kInsertEvent);
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        if (m_buffer.empty()) {
            m_wake.wait(lock, stop, [this] { return !m_buffer.empty(); });
        } else {
            m_wake.wait_until(lock, stop, m_oldestArrived + m_writeAfter,
                              [this] { return m_writeRequested; });
        }
        const bool due =
            m_writeRequested || std::chrono::steady_clock::now() >= m_oldestArrived + m_writeAfter;
        if (m_buffer.empty() || (!due && !stop.stop_requested())) continue;
        std::vector<Event> batch;
        batch.swap(m_buffer);
        m_oldestBuffered.reset();
        m_writeRequested = false;
        m_writtenCv.notify_all(); // the buffer has room again
        lock.unlock();
        writeBatch(db, insert, batch);
        lock.lock();
    }
    // Stopping: one last attempt for what is left.
    if (!m_buffer.empty()) {
        std::vector<Event> batch;
        batch.swap(m_buffer);
        lock.unlock();
        writeBatch(db, insert, batch);
    }
}

std::size_t UsageRecorder::buffered() const {
    std::lock_guard lock(m_mutex);
    return m_buffer.size();
}

std::optional<UsageRecorder::TimePoint> UsageRecorder::oldestBuffered() const {
    std::lock_guard lock(m_mutex);
    return m_oldestBuffered;
}

std::string UsageRecorder::lastError() const {
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

std::size_t UsageRecorder::dropped() const {
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

void UsageRecorder::sessionStarted(TimePoint now) {
    record(eventKind(upload::Count::sessions), now);
}

void UsageRecorder::sessionEnded(TimePoint now) {
    record(kSessionEnded, now);
    std::unique_lock lock(m_mutex);
    requestWrite(lock); // the resident has gone: a good moment, and not one to wait for
}

void UsageRecorder::screenShown(std::string_view screen, TimePoint now) {
    record(kScreenShown, now, {}, {}, 0, usageName(screen));
}

void UsageRecorder::guideStarted(std::string_view guideId, std::string_view topic, TimePoint now) {
    record(kGuideStarted, now, guideId, topic);
}

void UsageRecorder::guideStepReached(std::string_view guideId, std::string_view topic, int step,
                                     TimePoint now) {
    record(kStepReached, now, guideId, topic, step);
}

void UsageRecorder::guideFinished(std::string_view guideId, std::string_view topic, TimePoint now) {
    record(kGuideFinished, now, guideId, topic);
}

void UsageRecorder::guideLeft(std::string_view guideId, std::string_view topic, int step, TimePoint now) {
    record(kGuideLeft, now, guideId, topic, step);
}

void UsageRecorder::practiceTap(bool right, TimePoint now) {
    record(eventKind(right ? upload::Count::practiceRight : upload::Count::practiceWrong), now);
}

void UsageRecorder::narrationPlayed(TimePoint now) {
    record(eventKind(upload::Count::narrationPlayed), now);
}

void UsageRecorder::qrShown(TimePoint now) {
    record(eventKind(upload::Count::qrShown), now);
}

void UsageRecorder::textSizeChanged(int level, TimePoint now) {
    record(eventKind(upload::Count::textSizeChanged), now, {}, {}, 0,
           std::to_string(std::clamp(level, 0, 9)));
}

void UsageRecorder::booking(BookingEvent event, TimePoint now) {
    switch (event) {
    case BookingEvent::made:
        record(eventKind(upload::Count::bookingsMade), now);
        break;
    case BookingEvent::cancelled:
        record(eventKind(upload::Count::bookingsCancelled), now);
        break;
    case BookingEvent::done:
        record(eventKind(upload::Count::bookingsDone), now);
        break;
    case BookingEvent::noShow:
        record(eventKind(upload::Count::bookingsNoShow), now);
        break;
    case BookingEvent::noShowUndone:
        record(kNoShowUndone, now);
        break;
    }
}

void UsageRecorder::surveyAnswer(SurveyQuestion question, SurveyAnswer answer, TimePoint now) {
    record(upload::figure(question).key, now, {}, {}, 0, std::string(upload::answer(answer).key));
}

// ---- UsageStore ----

UsageStore::UsageStore(db::Database& db) : m_db(db) {}

upload::DailyRollup UsageStore::compute(std::string_view day, bool complete) {
    upload::DailyRollup rollup;
    rollup.day = std::string(day);
    rollup.complete = complete;
    std::map<std::string, upload::GuideFigures> guides;
    int undoneNoShows = 0;
    db::Statement query = m_db.prepare(
        "SELECT kind, coalesce(guide_id, ''), coalesce(topic, ''), coalesce(step, 0), coalesce(value, ''), "
        "count(*) FROM usage_event WHERE day = ?1 GROUP BY 1, 2, 3, 4, 5");
    query.bind(1, day);
    while (query.step()) {
        const std::string kind = query.columnText(0);
        const std::string guideId = query.columnText(1);
        const std::string topic = query.columnText(2);
        const int step = query.columnInt(3);
        const std::string value = query.columnText(4);
        const int count = query.columnInt(5);
        auto guide = [&]() -> upload::GuideFigures& {
            upload::GuideFigures& g = guides[guideId];
            g.guideId = guideId;
            if (g.topic.empty()) g.topic = topic;
            return g;
        };
        if (const upload::CountFigure* f = countFigureFor(kind))
            rollup.*f->field += count;
        else if (const upload::SurveyFigure* s = surveyFigureFor(kind))
            countAnswer(rollup.*s->field, value, count);
        else if (kind == kScreenShown)
            rollup.screens[value.empty() ? "other" : value] += count;
        else if (kind == kGuideStarted && !guideId.empty())
            guide().started += count;
        else if (kind == kGuideFinished && !guideId.empty())
            guide().finished += count;
        else if (kind == kStepReached && !guideId.empty() && validStep(step))
            guide().reachedStep[step] += count;
        else if (kind == kGuideLeft && !guideId.empty() && validStep(step))
            guide().leftAtStep[step] += count;
        else if (kind == kNoShowUndone)
            undoneNoShows += count;
        // session_ended and unknown kinds (from a newer program) count towards nothing here.
    }
    // An undo comes minutes after its mark, on the same day (the team's "Hoàn tác" is for the last mark).
    rollup.bookingsNoShow = std::max(0, rollup.bookingsNoShow - undoneNoShows);
    for (auto& [id, figures] : guides)
        rollup.guides.push_back(std::move(figures));
    // Within the hub's limits; in practice a kiosk has a few dozen guides and eight screens.
    if (rollup.guides.size() > upload::kMaxGuidesPerDay) {
        std::ranges::stable_sort(rollup.guides, std::greater{}, &upload::GuideFigures::started);
        rollup.guides.resize(upload::kMaxGuidesPerDay);
        std::ranges::sort(rollup.guides, {}, &upload::GuideFigures::guideId);
    }
    while (rollup.screens.size() > upload::kMaxScreensPerDay)
        rollup.screens.erase(std::prev(rollup.screens.end()));
    addTeamFigures(rollup);
    return rollup;
}

bool UsageStore::addTeamFigures(upload::DailyRollup& rollup) {
    // The team's tables are kept as long as the rollups: they are the truth for the day, and a record
    // entered after the raw events went still reaches the hub.
    const TeamStore team(m_db);
    rollup.teamActivity = team.activity(rollup.day);
    rollup.satisfaction = team.satisfaction(rollup.day);
    return !rollup.teamActivity.empty() || !rollup.satisfaction.empty();
}

std::optional<upload::DailyRollup> UsageStore::stored(std::string_view day) {
    db::Statement query = m_db.prepare("SELECT body FROM usage_rollup WHERE day = ?1");
    query.bind(1, day);
    if (!query.step()) return std::nullopt;
    return parseStoredRollup(query.columnText(0));
}

void UsageStore::store(const upload::DailyRollup& rollup, system_clock::time_point now) {
    db::Statement upsert =
        m_db.prepare("INSERT INTO usage_rollup (day, body, complete, computed_at) VALUES (?1, ?2, ?3, ?4) "
                     "ON CONFLICT (day) DO UPDATE SET body = excluded.body, complete = excluded.complete, "
                     "computed_at = excluded.computed_at");
    upsert.bind(1, std::string_view(rollup.day))
        .bind(2, std::string_view(upload::toJson(rollup).dump()))
        .bind(3, rollup.complete ? 1 : 0)
        .bind(4, std::string_view(isoUtc(now)))
        .run();
}

upload::DailyRollup UsageStore::rollup(std::string_view day, bool complete, system_clock::time_point now) {
    db::Statement hasRaw = m_db.prepare("SELECT EXISTS (SELECT 1 FROM usage_event WHERE day = ?1)");
    hasRaw.bind(1, day);
    if (hasRaw.step() && hasRaw.columnInt(0) == 1) {
        upload::DailyRollup computed = compute(day, complete);
        store(computed, now);
        return computed;
    }
    upload::DailyRollup result;
    if (auto kept = stored(day)) {
        result = std::move(*kept);
        result.complete = result.complete || complete;
    } else {
        result.day = std::string(day);
        result.complete = complete;
    }
    // Stored with the team's figures, so the day is known as sent once it is (markSent needs its row).
    if (addTeamFigures(result)) store(result, now);
    return result;
}

std::vector<std::string> UsageStore::days() {
    std::vector<std::string> result;
    db::Statement query =
        m_db.prepare("SELECT DISTINCT day FROM usage_event UNION SELECT day FROM usage_rollup "
                     "UNION SELECT day FROM team_help UNION SELECT day FROM satisfaction_count ORDER BY 1");
    while (query.step())
        result.push_back(query.columnText(0));
    return result;
}

std::vector<std::string> UsageStore::finishedDaysNotSent(std::string_view today) {
    std::vector<std::string> result;
    db::Statement query = m_db.prepare("SELECT DISTINCT day FROM usage_event WHERE day < ?1 UNION SELECT day "
                                       "FROM usage_rollup WHERE day < ?1 "
                                       "UNION SELECT day FROM team_help WHERE day < ?1 "
                                       "UNION SELECT day FROM satisfaction_count WHERE day < ?1 "
                                       "EXCEPT SELECT day FROM usage_rollup WHERE sent = 1 ORDER BY 1");
    query.bind(1, today);
    while (query.step())
        result.push_back(query.columnText(0));
    return result;
}

void UsageStore::markSent(std::string_view day) {
    db::Statement update = m_db.prepare("UPDATE usage_rollup SET sent = 1 WHERE day = ?1");
    update.bind(1, day).run();
}

std::size_t UsageStore::pruneRawEvents(std::string_view today, int rawEventDays,
                                       system_clock::time_point now) {
    const std::string cutoff = addDays(today, -rawEventDays);
    db::Transaction transaction(m_db);
    std::vector<std::string> oldDays;
    {
        db::Statement query = m_db.prepare("SELECT DISTINCT day FROM usage_event WHERE day < ?1");
        query.bind(1, std::string_view(cutoff));
        while (query.step())
            oldDays.push_back(query.columnText(0));
    }
    for (const std::string& day : oldDays)
        (void)rollup(day, true, now); // stored before the events go
    db::Statement erase = m_db.prepare("DELETE FROM usage_event WHERE day < ?1");
    erase.bind(1, std::string_view(cutoff)).run();
    const auto removed = static_cast<std::size_t>(m_db.changes());
    transaction.commit();
    return removed;
}

} // namespace kiosk
