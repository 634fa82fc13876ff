#include "sqlite_hub_store.hpp"

#include "store_rows.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace commune {

namespace {

using kiosk::upload::DailyRollup;
using rows::encodeFunnel;
using rows::FixedFigure;
using rows::fixedFigures;
using rows::kVillageExpr;

// Tables keyed (day, kiosk_ref, ...) and WITHOUT ROWID: replacing a kiosk's day deletes one
// contiguous key range, and a report over a period reads one contiguous range.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS kiosks(
  kiosk_ref INTEGER PRIMARY KEY,
  kiosk_id TEXT NOT NULL UNIQUE,
  village TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  created_unix INTEGER NOT NULL,
  last_seen_unix INTEGER NOT NULL DEFAULT 0,
  version TEXT NOT NULL DEFAULT '',
  uptime_seconds INTEGER NOT NULL DEFAULT 0,
  free_disk_mb INTEGER NOT NULL DEFAULT 0,
  content_version TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  sent_at TEXT NOT NULL DEFAULT '',
  heartbeat_generated_unix INTEGER NOT NULL DEFAULT 0,
  restarts_since_boot INTEGER,
  soc_temperature_c REAL);
CREATE TABLE IF NOT EXISTS day_rollups(
  day TEXT NOT NULL, kiosk_ref INTEGER NOT NULL REFERENCES kiosks(kiosk_ref),
  complete INTEGER NOT NULL, received_unix INTEGER NOT NULL, generated_unix INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(day, kiosk_ref)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_figures(
  day TEXT NOT NULL, kiosk_ref INTEGER NOT NULL, figure TEXT NOT NULL, value INTEGER NOT NULL,
  PRIMARY KEY(day, kiosk_ref, figure)) WITHOUT ROWID;
-- Screen views apart from the other figures: no report sums them, so report scans skip them.
CREATE TABLE IF NOT EXISTS screen_figures(
  day TEXT NOT NULL, kiosk_ref INTEGER NOT NULL, screen TEXT NOT NULL, views INTEGER NOT NULL,
  PRIMARY KEY(day, kiosk_ref, screen)) WITHOUT ROWID;
-- A guide's funnel is one figure of the guide's row: "step:reached:left" triplets, e.g. "1:10:0,2:9:1".
-- One row per step (~150 per upload) made ingest four times slower for no report that needs SQL per step.
CREATE TABLE IF NOT EXISTS guide_figures(
  day TEXT NOT NULL, kiosk_ref INTEGER NOT NULL, guide_id TEXT NOT NULL, topic TEXT NOT NULL,
  started INTEGER NOT NULL, finished INTEGER NOT NULL, funnel TEXT NOT NULL,
  PRIMARY KEY(day, kiosk_ref, guide_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS staff(username TEXT PRIMARY KEY, password_hash TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions(
  session_hash TEXT PRIMARY KEY, username TEXT NOT NULL, expires_unix INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS health_probe(id INTEGER PRIMARY KEY CHECK(id = 1), at_unix INTEGER NOT NULL);
-- "Màn hình này đã khác" from the kiosks' teams: (kiosk, flag_id) is the flag, so a re-sent upload
-- stores it once.
CREATE TABLE IF NOT EXISTS screen_flags(
  kiosk_ref INTEGER NOT NULL REFERENCES kiosks(kiosk_ref), flag_id TEXT NOT NULL,
  guide_id TEXT NOT NULL, guide_title TEXT NOT NULL, step INTEGER NOT NULL, what TEXT NOT NULL,
  note TEXT NOT NULL, flagged_at TEXT NOT NULL, received_unix INTEGER NOT NULL,
  PRIMARY KEY(kiosk_ref, flag_id)) WITHOUT ROWID;
)sql";
constexpr int kSchemaVersion = 5; // 4: screen_flags (created by kSchema's IF NOT EXISTS); 5: population

// Version 5: each village's denominators as commune staff enter them, one row per village and date
// (history: a report takes the latest at or before its period's end). NULL: not known.
constexpr std::string_view kPopulationSchema = R"sql(
CREATE TABLE IF NOT EXISTS population(
  village TEXT NOT NULL, as_of TEXT NOT NULL, adults INTEGER NOT NULL CHECK(adults > 0),
  smartphone INTEGER CHECK(smartphone BETWEEN 0 AND adults), vneid INTEGER CHECK(vneid BETWEEN 0 AND adults),
  entered_unix INTEGER NOT NULL,
  PRIMARY KEY(village, as_of)) WITHOUT ROWID;
)sql";

// Version 1 had no generation times. What it stored ranks as generated when it arrived: an export made
// before that cannot overwrite it, and the kiosk's next hourly send (made later) still can.
constexpr std::string_view kFromVersion1 = R"sql(
ALTER TABLE kiosks ADD COLUMN heartbeat_generated_unix INTEGER NOT NULL DEFAULT 0;
UPDATE kiosks SET heartbeat_generated_unix = last_seen_unix;
ALTER TABLE day_rollups ADD COLUMN generated_unix INTEGER NOT NULL DEFAULT 0;
UPDATE day_rollups SET generated_unix = received_unix;
)sql";

// Version 3: the heartbeat's machine figures (NULL: unknown, an older kiosk or no sensor).
constexpr std::string_view kFromVersion2 = R"sql(
ALTER TABLE kiosks ADD COLUMN restarts_since_boot INTEGER;
ALTER TABLE kiosks ADD COLUMN soc_temperature_c REAL;
)sql";

// NORMAL, not FULL (the kiosk's choice): in WAL mode the file stays consistent after a power cut but may
// lose the last commits, and every kiosk re-sends its recent days (a re-send replaces), so a lost upload
// comes back within the hour. Not syncing on every commit is what lets one hub take a thousand uploads a
// second. A quarter's report reads ~15 MB: keep it in memory (page cache and mmap, sorts in RAM).
// callerSerialises: the store serialises every use of its connection with its own mutex.
constexpr kiosk::db::OpenOptions kHubFile{.sync = kiosk::db::OpenOptions::Sync::normal,
                                          .callerSerialises = true,
                                          .cacheKiB = 65536,
                                          .mmapBytes = 268435456,
                                          .tempInMemory = true};

} // namespace

struct SqliteHubStore::Statements {
    explicit Statements(kiosk::db::Database& db)
        // SET expressions all see the row as it was, so every iif() compares with the stored generation.
        : updateHeartbeat(db.prepare(
              "UPDATE kiosks SET last_seen_unix = max(last_seen_unix, ?1), "
              "version = iif(?10 >= heartbeat_generated_unix, ?2, version), "
              "uptime_seconds = iif(?10 >= heartbeat_generated_unix, ?3, uptime_seconds), "
              "free_disk_mb = iif(?10 >= heartbeat_generated_unix, ?4, free_disk_mb), "
              "content_version = iif(?10 >= heartbeat_generated_unix, ?5, content_version), "
              "last_error = iif(?10 >= heartbeat_generated_unix, ?6, last_error), "
              "sent_at = iif(?10 >= heartbeat_generated_unix, ?7, sent_at), "
              "restarts_since_boot = iif(?10 >= heartbeat_generated_unix, ?11, restarts_since_boot), "
              "soc_temperature_c = iif(?10 >= heartbeat_generated_unix, ?12, soc_temperature_c), "
              "heartbeat_generated_unix = max(heartbeat_generated_unix, ?10) "
              "WHERE kiosk_id = ?9 RETURNING kiosk_ref")),
          deleteFigures(db.prepare("DELETE FROM day_figures WHERE day = ?1 AND kiosk_ref = ?2")),
          deleteGuides(db.prepare("DELETE FROM guide_figures WHERE day = ?1 AND kiosk_ref = ?2")),
          deleteScreens(db.prepare("DELETE FROM screen_figures WHERE day = ?1 AND kiosk_ref = ?2")),
          // Returns a row only when the day was inserted or replaced: an older copy changes nothing.
          upsertDay(
              db.prepare("INSERT INTO day_rollups(day, kiosk_ref, complete, received_unix, generated_unix) "
                         "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(day, kiosk_ref) DO UPDATE SET complete = "
                         "excluded.complete, "
                         "received_unix = excluded.received_unix, generated_unix = excluded.generated_unix "
                         "WHERE excluded.generated_unix > day_rollups.generated_unix OR "
                         "(excluded.generated_unix = day_rollups.generated_unix AND (excluded.complete OR "
                         "NOT day_rollups.complete)) "
                         "RETURNING 1")),
          insertFigure(
              db.prepare("INSERT INTO day_figures(day, kiosk_ref, figure, value) VALUES (?1, ?2, ?3, ?4)")),
          insertScreen(db.prepare(
              "INSERT INTO screen_figures(day, kiosk_ref, screen, views) VALUES (?1, ?2, ?3, ?4)")),
          insertGuide(
              db.prepare("INSERT INTO guide_figures(day, kiosk_ref, guide_id, topic, started, finished, "
                         "funnel) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")),
          kioskByToken(db.prepare("SELECT kiosk_id FROM kiosks WHERE token_hash = ?1")),
          kioskById(db.prepare("SELECT 1 FROM kiosks WHERE kiosk_id = ?1")),
          sessionUser(
              db.prepare("SELECT username FROM sessions WHERE session_hash = ?1 AND expires_unix > ?2")) {}

    kiosk::db::Statement updateHeartbeat, deleteFigures, deleteGuides, deleteScreens, upsertDay, insertFigure,
        insertScreen, insertGuide, kioskByToken, kioskById, sessionUser;
};

SqliteHubStore::SqliteHubStore(kiosk::db::Database database) : m_db(std::move(database)) {
    createSchema();
    m_statements = std::make_unique<Statements>(m_db);
}

SqliteHubStore::~SqliteHubStore() = default;

std::unique_ptr<SqliteHubStore> SqliteHubStore::open(const std::filesystem::path& file) {
    kiosk::db::makePrivate(file); // hub.sqlite holds staff password hashes and kiosk token hashes
    auto store =
        std::unique_ptr<SqliteHubStore>(new SqliteHubStore(kiosk::db::Database::open(file, kHubFile)));
    store->startCheckpointer(file);
    return store;
}

void SqliteHubStore::startCheckpointer(const std::filesystem::path& file) {
    // Automatic checkpoints only as a safety net (80 MB of WAL), should this thread ever stop.
    m_db.execute("PRAGMA wal_autocheckpoint=20000");
    m_checkpointer = std::jthread([file](std::stop_token stop) {
        try {
            kiosk::db::Database own = kiosk::db::Database::open(file, kHubFile);
            std::mutex idle;
            std::condition_variable_any wake;
            std::unique_lock lock(idle);
            while (!stop.stop_requested()) {
                wake.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; }); // wakes on stop
                if (stop.stop_requested()) break;
                // PASSIVE: copies what it can without waiting for, or blocking, the upload writer.
                sqlite3_wal_checkpoint_v2(own.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
            }
        } catch (const std::exception&) {
            // Without this thread the WAL only grows until the next start; uploads still work.
        }
    });
}

std::unique_ptr<SqliteHubStore> SqliteHubStore::openInMemory() {
    return std::unique_ptr<SqliteHubStore>(new SqliteHubStore(kiosk::db::Database::openInMemory()));
}

void SqliteHubStore::createSchema() {
    kiosk::db::Transaction tx(m_db);
    const int version = m_db.userVersion(); // 0: a new file (version 1 set it with the tables)
    if (version > kSchemaVersion)
        throw kiosk::db::Error(
            SQLITE_ERROR,
            fmt::format("the database is from a newer commune-hub (schema version {})", version));
    if (version == 1) m_db.execute(kFromVersion1);
    if (version == 1 || version == 2) m_db.execute(kFromVersion2);
    m_db.execute(kSchema);
    m_db.execute(kPopulationSchema);
    m_db.execute(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
    tx.commit();
}

bool SqliteHubStore::addKiosk(const std::string& kioskId, const std::string& village,
                              const std::string& tokenHash) {
    std::lock_guard lock(m_mutex);
    kiosk::db::Transaction tx(m_db);
    {
        auto exists = m_db.prepare("SELECT 1 FROM kiosks WHERE kiosk_id = ?1");
        exists.bind(1, kioskId);
        if (exists.step()) return false;
    }
    m_db.prepare("INSERT INTO kiosks(kiosk_id, village, token_hash, created_unix) VALUES (?1, ?2, ?3, "
                 "unixepoch())")
        .bind(1, kioskId)
        .bind(2, village)
        .bind(3, tokenHash)
        .run();
    tx.commit();
    return true;
}

bool SqliteHubStore::setKioskVillage(const std::string& kioskId, const std::string& village) {
    std::lock_guard lock(m_mutex);
    m_db.prepare("UPDATE kiosks SET village = ?2 WHERE kiosk_id = ?1")
        .bind(1, kioskId)
        .bind(2, village)
        .run();
    return sqlite3_changes(m_db.handle()) == 1;
}

std::optional<std::string> SqliteHubStore::findKioskByTokenHash(const std::string& tokenHash) {
    std::lock_guard lock(m_mutex);
    auto& query = m_statements->kioskByToken;
    query.bind(1, tokenHash);
    std::optional<std::string> found;
    if (query.step()) found = query.columnText(0);
    query.reset();
    return found;
}

bool SqliteHubStore::kioskExists(const std::string& kioskId) {
    std::lock_guard lock(m_mutex);
    auto& query = m_statements->kioskById;
    query.bind(1, kioskId);
    const bool found = query.step();
    query.reset();
    return found;
}

StoredUpload SqliteHubStore::replaceRollups(const kiosk::upload::Upload& upload, const UploadTiming& timing) {
    std::lock_guard lock(m_mutex);
    kiosk::db::Transaction tx(m_db);
    auto& heartbeat = m_statements->updateHeartbeat;
    const auto& h = upload.heartbeat;
    heartbeat.bind(1, timing.seenUnix)
        .bind(2, h.version)
        .bind(3, h.uptimeSeconds)
        .bind(4, h.freeDiskMb)
        .bind(5, h.contentVersion)
        .bind(6, h.lastError)
        .bind(7, h.sentAt)
        .bind(9, upload.kioskId)
        .bind(10, timing.generatedUnix);
    if (h.restartsSinceBoot)
        heartbeat.bind(11, *h.restartsSinceBoot);
    else
        heartbeat.bind(11, nullptr);
    if (h.socTemperatureC)
        heartbeat.bind(12, *h.socTemperatureC);
    else
        heartbeat.bind(12, nullptr);
    if (!heartbeat.step()) {
        heartbeat.reset();
        throw kiosk::db::Error(SQLITE_NOTFOUND, "kiosk " + upload.kioskId + " is not registered");
    }
    const std::int64_t kioskRef = heartbeat.columnInt64(0);
    heartbeat.run(); // finish the statement (RETURNING rows are produced before the update ends)
    StoredUpload stored;
    for (const auto& day : upload.days) {
        if (replaceDay(kioskRef, day, timing))
            ++stored.storedDays;
        else
            ++stored.olderDays;
    }
    auto flag =
        m_db.prepare("INSERT OR IGNORE INTO screen_flags(kiosk_ref, flag_id, guide_id, guide_title, step, "
                     "what, note, flagged_at, received_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const auto& f : upload.flags) {
        flag.bind(1, kioskRef)
            .bind(2, f.flagId)
            .bind(3, f.guideId)
            .bind(4, f.guideTitle)
            .bind(5, static_cast<std::int64_t>(f.step))
            .bind(6, f.what)
            .bind(7, f.note)
            .bind(8, f.flaggedAt)
            .bind(9, timing.receivedUnix);
        flag.run();
        stored.newFlags += static_cast<std::size_t>(sqlite3_changes(m_db.handle()));
    }
    tx.commit();
    m_lastWriteProof = std::chrono::steady_clock::now(); // a commit: /health need not make one now
    return stored;
}

bool SqliteHubStore::replaceDay(std::int64_t kioskRef, const DailyRollup& day, const UploadTiming& timing) {
    auto& s = *m_statements;
    s.upsertDay.bind(1, day.day)
        .bind(2, kioskRef)
        .bind(3, day.complete ? 1 : 0)
        .bind(4, timing.receivedUnix)
        .bind(5, timing.generatedUnix);
    const bool newer = s.upsertDay.step();
    s.upsertDay.run(); // finish the statement (RETURNING rows are produced before the upsert ends)
    if (!newer) return false;
    for (auto* remove : {&s.deleteFigures, &s.deleteGuides, &s.deleteScreens})
        remove->bind(1, day.day).bind(2, kioskRef).run();
    s.insertFigure.bind(1, day.day).bind(2, kioskRef);
    for (const FixedFigure& figure : fixedFigures())
        s.insertFigure.bind(3, figure.name).bind(4, figure.valueIn(day)).run();
    for (const auto& [name, value] : rows::teamFigures(day))
        s.insertFigure.bind(3, name).bind(4, value).run();
    s.insertScreen.bind(1, day.day).bind(2, kioskRef);
    for (const auto& [screen, views] : day.screens)
        s.insertScreen.bind(3, screen).bind(4, views).run();
    s.insertGuide.bind(1, day.day).bind(2, kioskRef);
    for (const auto& guide : day.guides)
        s.insertGuide.bind(3, guide.guideId)
            .bind(4, guide.topic)
            .bind(5, guide.started)
            .bind(6, guide.finished)
            .bind(7, encodeFunnel(guide))
            .run();
    return true;
}

// Rows are scanned in key order (one contiguous range of days) and summed here: no GROUP BY sorts
// over a quarter's rows. A PostgreSQL store would do the same sums in SQL.
PeriodFigures SqliteHubStore::periodFigures(const DayRange& range) {
    std::lock_guard lock(m_mutex);
    std::unordered_map<std::int64_t, std::string> villageOf;
    {
        auto kiosks = m_db.prepare(fmt::format("SELECT k.kiosk_ref, {} FROM kiosks k", kVillageExpr));
        while (kiosks.step())
            villageOf[kiosks.columnInt64(0)] = kiosks.columnText(1);
    }
    const auto village = [&](std::int64_t kioskRef) -> const std::string& { return villageOf[kioskRef]; };

    rows::PeriodSums sums;
    {
        std::unordered_map<std::int64_t, VillageTotals*> byKiosk;
        auto q = m_db.prepare("SELECT kiosk_ref, figure, value FROM day_figures WHERE day BETWEEN ?1 AND ?2");
        q.bind(1, range.first).bind(2, range.last);
        while (q.step()) {
            VillageTotals*& totals = byKiosk[q.columnInt64(0)];
            if (totals == nullptr) totals = &sums.village(village(q.columnInt64(0)));
            sums.addFigure(*totals, q.columnView(1), q.columnInt64(2));
        }
    }
    {
        auto q =
            m_db.prepare("SELECT kiosk_ref, guide_id, topic, started, finished, funnel FROM guide_figures "
                         "WHERE day BETWEEN ?1 AND ?2");
        q.bind(1, range.first).bind(2, range.last);
        while (q.step())
            sums.addGuide(village(q.columnInt64(0)), q.columnView(1), q.columnView(2), q.columnInt64(3),
                          q.columnInt64(4), q.columnView(5));
    }
    return sums.finish();
}

std::vector<KioskStatus> SqliteHubStore::kioskStatuses() {
    std::lock_guard lock(m_mutex);
    std::vector<KioskStatus> out;
    auto q = m_db.prepare("SELECT kiosk_id, village, last_seen_unix, version, uptime_seconds, free_disk_mb, "
                          "content_version, last_error, restarts_since_boot, soc_temperature_c FROM kiosks "
                          "ORDER BY village, kiosk_id");
    while (q.step()) {
        KioskStatus status{q.columnText(0),  q.columnText(1),  q.columnInt64(2), q.columnText(3),
                           q.columnInt64(4), q.columnInt64(5), q.columnText(6),  q.columnText(7),
                           std::nullopt,     std::nullopt};
        if (!q.columnIsNull(8)) status.restartsSinceBoot = q.columnInt64(8);
        if (!q.columnIsNull(9)) status.socTemperatureC = q.columnDouble(9);
        out.push_back(std::move(status));
    }
    return out;
}

std::vector<StoredFlag> SqliteHubStore::screenFlags() {
    std::lock_guard lock(m_mutex);
    std::vector<StoredFlag> out;
    auto q = m_db.prepare("SELECT k.kiosk_id, k.village, f.guide_id, f.guide_title, f.step, f.what, f.note, "
                          "f.flagged_at FROM screen_flags f JOIN kiosks k USING(kiosk_ref) "
                          "ORDER BY f.guide_id, f.step, f.flagged_at DESC, k.kiosk_id");
    while (q.step())
        out.push_back({q.columnText(0), q.columnText(1), q.columnText(2), q.columnText(3),
                       static_cast<int>(q.columnInt64(4)), q.columnText(5), q.columnText(6),
                       q.columnText(7)});
    return out;
}

void SqliteHubStore::setStaffPassword(const std::string& username, const std::string& passwordHash) {
    std::lock_guard lock(m_mutex);
    m_db.prepare("INSERT OR REPLACE INTO staff(username, password_hash) VALUES (?1, ?2)")
        .bind(1, username)
        .bind(2, passwordHash)
        .run();
}

std::optional<std::string> SqliteHubStore::staffPasswordHash(const std::string& username) {
    std::lock_guard lock(m_mutex);
    auto q = m_db.prepare("SELECT password_hash FROM staff WHERE username = ?1");
    q.bind(1, username);
    if (q.step()) return q.columnText(0);
    return std::nullopt;
}

void SqliteHubStore::addSession(const std::string& sessionHash, const std::string& username,
                                std::int64_t expiresUnix) {
    std::lock_guard lock(m_mutex);
    kiosk::db::Transaction tx(m_db);
    m_db.prepare("DELETE FROM sessions WHERE expires_unix <= unixepoch()").run();
    m_db.prepare("INSERT INTO sessions(session_hash, username, expires_unix) VALUES (?1, ?2, ?3)")
        .bind(1, sessionHash)
        .bind(2, username)
        .bind(3, expiresUnix)
        .run();
    tx.commit();
}

std::optional<std::string> SqliteHubStore::sessionUser(const std::string& sessionHash, std::int64_t nowUnix) {
    std::lock_guard lock(m_mutex);
    auto& q = m_statements->sessionUser;
    q.bind(1, sessionHash).bind(2, nowUnix);
    std::optional<std::string> user;
    if (q.step()) user = q.columnText(0);
    q.reset();
    return user;
}

void SqliteHubStore::removeSession(const std::string& sessionHash) {
    std::lock_guard lock(m_mutex);
    m_db.prepare("DELETE FROM sessions WHERE session_hash = ?1").bind(1, sessionHash).run();
}

bool SqliteHubStore::canWrite() noexcept {
    try {
        std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastWriteProof < kWriteProofLifetime) {
            // A commit succeeded moments ago: only take the write lock (another writer holding it still
            // means 503) and roll back, writing nothing, so callers cannot grow the WAL per request.
            kiosk::db::Transaction tx(m_db);
            return true;
        }
        // A real commit (one tiny row), so a full disk or a read-only file shows up here.
        kiosk::db::Transaction tx(m_db);
        m_db.prepare("INSERT OR REPLACE INTO health_probe(id, at_unix) VALUES (1, unixepoch())").run();
        tx.commit();
        m_lastWriteProof = now;
        return true;
    } catch (...) {
        return false;
    }
}

std::int64_t SqliteHubStore::totalChanges() {
    std::lock_guard lock(m_mutex);
    return sqlite3_total_changes64(m_db.handle());
}

std::int64_t SqliteHubStore::rowsFor(const std::string& kioskId, const std::string& day) {
    std::lock_guard lock(m_mutex);
    std::int64_t rows = 0;
    for (std::string_view table : {"day_rollups", "day_figures", "screen_figures", "guide_figures"}) {
        auto q = m_db.prepare(
            "SELECT COUNT(*) FROM " + std::string(table) +
            " t JOIN kiosks k ON k.kiosk_ref = t.kiosk_ref WHERE k.kiosk_id = ?1 AND t.day = ?2");
        q.bind(1, kioskId).bind(2, day);
        if (q.step()) rows += q.columnInt64(0);
    }
    return rows;
}

// ---- Denominators (issue 16) ----

namespace {

std::vector<PopulationFigures> populationRows(kiosk::db::Statement& query) {
    std::vector<PopulationFigures> out;
    while (query.step()) {
        PopulationFigures p{query.columnText(0), query.columnText(1), query.columnInt64(2), {}, {}};
        if (!query.columnIsNull(3)) p.smartphone = query.columnInt64(3);
        if (!query.columnIsNull(4)) p.vneid = query.columnInt64(4);
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

void SqliteHubStore::setPopulation(const PopulationFigures& figures) {
    std::lock_guard lock(m_mutex);
    // The hub syncs uploads lazily (a kiosk re-sends them); what staff typed is synced before returning.
    m_db.execute("PRAGMA synchronous = FULL");
    try {
        kiosk::db::Transaction tx(m_db);
        auto insert = m_db.prepare(
            "INSERT INTO population(village, as_of, adults, smartphone, vneid, entered_unix) "
            "VALUES (?1, ?2, ?3, ?4, ?5, unixepoch()) ON CONFLICT(village, as_of) DO UPDATE SET "
            "adults = excluded.adults, smartphone = excluded.smartphone, vneid = excluded.vneid, "
            "entered_unix = excluded.entered_unix");
        insert.bind(1, figures.village).bind(2, figures.asOf).bind(3, figures.adults);
        figures.smartphone ? insert.bind(4, *figures.smartphone) : insert.bind(4, nullptr);
        figures.vneid ? insert.bind(5, *figures.vneid) : insert.bind(5, nullptr);
        insert.run();
        tx.commit();
    } catch (...) {
        m_db.execute("PRAGMA synchronous = NORMAL");
        throw;
    }
    m_db.execute("PRAGMA synchronous = NORMAL");
}

std::vector<PopulationFigures> SqliteHubStore::populationHistory() {
    std::lock_guard lock(m_mutex);
    auto query = m_db.prepare(
        "SELECT village, as_of, adults, smartphone, vneid FROM population ORDER BY village, as_of");
    return populationRows(query);
}

std::vector<PopulationFigures> SqliteHubStore::populationAsOf(const std::string& day) {
    std::lock_guard lock(m_mutex);
    auto query = m_db.prepare(
        "SELECT village, as_of, adults, smartphone, vneid FROM population p WHERE as_of = (SELECT max(as_of) "
        "FROM population q WHERE q.village = p.village AND q.as_of <= ?1) ORDER BY village");
    query.bind(1, day);
    return populationRows(query);
}

} // namespace commune
