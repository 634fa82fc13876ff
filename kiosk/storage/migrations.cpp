#include "storage/migrations.hpp"

#include "common/local_time.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <system_error>

namespace kiosk::db {

namespace {

namespace fs = std::filesystem;

constexpr std::array<Migration, 8> migrations{{
    {1, R"sql(
CREATE TABLE app_setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,  -- ISO-8601 UTC, e.g. 2026-11-25T12:00:00Z
    staff_id INTEGER,  -- NULL: the kiosk itself
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
)sql"},
    // audit_log.staff_id gets no foreign key: that would mean rebuilding the table, for little gain.
    {2, R"sql(
CREATE TABLE staff_member (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    pin_hash TEXT NOT NULL,  -- crypto_pwhash_str output; never the PIN
    created_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX audit_log_at ON audit_log(at);
)sql"},
    // Help bookings (kiosk/bookings.hpp). Phone numbers and names live only here.
    {3, R"sql(
CREATE TABLE booking (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    slot_day TEXT NOT NULL,         -- local date, Asia/Ho_Chi_Minh
    slot_minute INTEGER NOT NULL,   -- local minute of day the slot starts
    topic TEXT NOT NULL,
    guide_id TEXT,
    guide_step INTEGER,
    phone TEXT NOT NULL,            -- digits only
    name TEXT,
    status TEXT NOT NULL DEFAULT 'booked'
        CHECK (status IN ('booked', 'arrived', 'done', 'no_show', 'cancelled')),
    created_at TEXT NOT NULL,       -- ISO-8601 UTC
    changed_at TEXT NOT NULL,       -- ISO-8601 UTC of the last status change
    changed_by INTEGER              -- staff id; NULL: the resident
);
CREATE INDEX booking_slot ON booking(slot_day, slot_minute);
CREATE INDEX booking_phone ON booking(phone);
CREATE TABLE booking_closure (
    id INTEGER PRIMARY KEY,
    first_day TEXT NOT NULL,        -- local date, inclusive
    last_day TEXT NOT NULL,         -- local date, inclusive
    reason TEXT NOT NULL DEFAULT ''
);
)sql"},
    // Staff-run schedule and privacy: notes on status changes, rescheduling, erasure of personal data,
    // and the weekly slots as edited in staff mode (until then the opening hours from the config apply).
    {4, R"sql(
ALTER TABLE booking ADD COLUMN note TEXT NOT NULL DEFAULT '';  -- the team member's note on the last change
ALTER TABLE booking ADD COLUMN personal_erased_at TEXT;        -- phone (then '') and name erased, ISO-8601 UTC
CREATE INDEX booking_status_day ON booking(status, slot_day);
CREATE TABLE availability_window (
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Sunday
    start_minute INTEGER NOT NULL,
    end_minute INTEGER NOT NULL,
    CHECK (start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute)
);
)sql"},
    // The durable outbox (kiosk/outbox.hpp): messages for the commune hub and the booking webhook,
    // delivered at least once. A key is unique per destination: enqueuing it again replaces the body.
    {5, R"sql(
CREATE TABLE outbox_message (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('usage', 'booking')),
    destination TEXT NOT NULL,       -- URL
    idempotency_key TEXT NOT NULL,   -- sent as the Idempotency-Key header; the receiver dedupes by it
    body TEXT NOT NULL,              -- JSON
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,  -- Unix milliseconds (UTC)
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,        -- ISO-8601 UTC
    delivered_at TEXT,               -- ISO-8601 UTC; NULL while pending
    UNIQUE (destination, idempotency_key)
);
CREATE INDEX outbox_message_due ON outbox_message(delivered_at, next_attempt_at);
)sql"},
    // Usage statistics (kiosk/usage_events.hpp): counts and step numbers, never who. Raw events are kept
    // rawEventDays; the daily rollups they make are kept longer and are what travels to the hub.
    {6, R"sql(
CREATE TABLE usage_event (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,               -- local date, Asia/Ho_Chi_Minh
    second_of_day INTEGER NOT NULL,  -- local
    kind TEXT NOT NULL,
    guide_id TEXT,
    topic TEXT,
    step INTEGER,                    -- 1-based
    value TEXT                       -- a screen name, an answer, a number: never text a resident typed
);
CREATE INDEX usage_event_day ON usage_event(day);
CREATE TABLE usage_rollup (
    day TEXT PRIMARY KEY,            -- local date
    body TEXT NOT NULL,              -- the day's figures as upload JSON (kiosk/common/include/common/usage_upload.hpp)
    complete INTEGER NOT NULL DEFAULT 0,  -- 1 once the day is over
    sent INTEGER NOT NULL DEFAULT 0, -- 1 once the finished day's figures are in the outbox
    computed_at TEXT NOT NULL        -- ISO-8601 UTC
);
)sql"},
    // "Màn hình này đã khác" (kiosk/staff/screen_flags.hpp): about the app's screens, never about a person.
    // A flag travels with its day's upload; flag_id makes a re-send count once on the hub.
    {7, R"sql(
CREATE TABLE screen_flag (
    id INTEGER PRIMARY KEY,
    flag_id TEXT NOT NULL UNIQUE,    -- random [0-9a-f], sent to the hub
    day TEXT NOT NULL,               -- local date, Asia/Ho_Chi_Minh
    guide_id TEXT NOT NULL,
    guide_title TEXT NOT NULL DEFAULT '',
    step INTEGER NOT NULL CHECK (step >= 1),  -- 1-based
    what TEXT NOT NULL CHECK (what IN ('text', 'button', 'order', 'picture')),
    note TEXT NOT NULL DEFAULT '',   -- what differs on the app, typed by the team
    flagged_at TEXT NOT NULL         -- ISO-8601 UTC
);
CREATE INDEX screen_flag_day ON screen_flag(day);
)sql"},
    // What the village team did (kiosk/team/team_store.hpp), as counts: help given on a day at a kind of
    // place and what it achieved, and the residents' faces after help at the kiosk. Never who: no names,
    // no phone numbers, and no booking id beside a face.
    {8, R"sql(
CREATE TABLE team_help (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,               -- local date the help was given, Asia/Ho_Chi_Minh
    place TEXT NOT NULL,             -- place key (common/team_activity.hpp)
    people INTEGER NOT NULL CHECK (people >= 1),
    recorded_at TEXT NOT NULL        -- ISO-8601 UTC
);
CREATE INDEX team_help_day ON team_help(day);
CREATE TABLE team_help_result (
    help_id INTEGER NOT NULL REFERENCES team_help(id) ON DELETE CASCADE,
    result TEXT NOT NULL,            -- result key (common/team_activity.hpp)
    times INTEGER NOT NULL CHECK (times >= 1),
    PRIMARY KEY (help_id, result)
);
CREATE TABLE satisfaction_count (
    day TEXT NOT NULL,               -- local date
    answer TEXT NOT NULL,            -- happy, neutral or unhappy
    times INTEGER NOT NULL CHECK (times >= 0),
    PRIMARY KEY (day, answer)
);
)sql"},
}};

bool isCorruption(int code) {
    const int primary = code & 0xff; // in case extended result codes are ever turned on
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

fs::path withSuffix(const fs::path& file, std::string_view suffix) {
    fs::path result = file;
    result += std::string(suffix);
    return result;
}

// Throws Error(SQLITE_CORRUPT) unless PRAGMA quick_check answers a single "ok".
void checkIntegrity(Database& db) {
    Statement check = db.prepare("PRAGMA quick_check");
    std::string first;
    int rows = 0;
    while (check.step()) {
        if (rows++ == 0) first = check.columnText(0);
    }
    if (rows != 1 || first != "ok") throw Error(SQLITE_CORRUPT, fmt::format("quick_check failed: {}", first));
}

// Moves the file and its -wal/-shm to "<name>.corrupt-<stamp>", never over an earlier one.
// Returns where the main file went. The -wal must move with it: left behind, it could be
// replayed into the fresh database.
fs::path moveAside(const fs::path& file, std::chrono::system_clock::time_point now, std::string_view reason) {
    const fs::path wal = withSuffix(file, "-wal");
    const fs::path shm = withSuffix(file, "-shm");
    const std::string stamp = ".corrupt-" + compactUtc(now);
    std::string suffix = stamp;
    for (int attempt = 1;; ++attempt) {
        std::error_code ec;
        const bool taken = fs::exists(withSuffix(file, suffix), ec) ||
                           fs::exists(withSuffix(wal, suffix), ec) || fs::exists(withSuffix(shm, suffix), ec);
        if (!taken) break;
        suffix = fmt::format("{}-{}", stamp, attempt);
    }
    const fs::path movedTo = withSuffix(file, suffix);
    for (const fs::path& from : {file, wal, shm}) {
        std::error_code ec;
        if (from != file && !fs::exists(fs::symlink_status(from, ec))) continue;
        fs::rename(from, withSuffix(from, suffix), ec);
        if (ec) {
            throw Error(SQLITE_CANTOPEN,
                        fmt::format("database {} is damaged ({}) and {} cannot be moved aside: {}",
                                    file.string(), reason, from.string(), ec.message()));
        }
    }
    return movedTo;
}

} // namespace

std::span<const Migration> kioskMigrations() {
    return migrations;
}

void migrate(Database& db, std::span<const Migration> list) {
    for (std::size_t i = 1; i < list.size(); ++i) {
        if (list[i].version <= list[i - 1].version) {
            throw Error(SQLITE_MISUSE, "migrations must be listed in increasing version order");
        }
    }
    const int current = db.userVersion();
    const int highest = list.empty() ? 0 : list.back().version;
    if (current > highest) {
        throw Error(SQLITE_ERROR,
                    fmt::format("the database has schema version {} but this program knows only up "
                                "to {}: it was made by a newer program",
                                current, highest));
    }
    for (const Migration& migration : list) {
        if (migration.version <= current) continue;
        Transaction transaction(db);
        db.execute(migration.sql);
        // A pragma takes no bound parameters. The number comes from the table above, never from data,
        // so formatting it into the SQL is safe.
        db.execute(fmt::format("PRAGMA user_version = {}", migration.version));
        transaction.commit();
    }
}

OpenedDatabase openKioskDatabase(const fs::path& file, std::chrono::system_clock::time_point now) {
    if (file.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        if (ec) {
            throw Error(SQLITE_CANTOPEN, fmt::format("cannot create the folder {} for the database: {}",
                                                     file.parent_path().string(), ec.message()));
        }
    }

    std::string reason;
    {
        std::optional<Database> db;
        try {
            makePrivate(file); // residents' names and phone numbers, staff PIN hashes
            db.emplace(Database::open(file));
            checkIntegrity(*db);
            migrate(*db, kioskMigrations());
            return OpenedDatabase{std::move(*db), std::nullopt, {}};
        } catch (const Error& e) {
            if (!isCorruption(e.code())) throw; // e.g. a read-only disk or a newer schema: not ours to move
            reason = e.what();
            // Close without a checkpoint, so the damaged file and its -wal are moved exactly as found.
            if (db) {
                sqlite3_db_config(db->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
                                  static_cast<int*>(nullptr));
            }
        }
    } // closed here, before the files are renamed

    const fs::path movedTo = moveAside(file, now, reason);
    makePrivate(file); // residents' names and phone numbers, staff PIN hashes
    Database fresh = Database::open(file);
    migrate(fresh, kioskMigrations());
    std::string notice =
        fmt::format("Cơ sở dữ liệu bị hỏng đã được cất sang {}; đã tạo tệp mới.", movedTo.string());
    return OpenedDatabase{std::move(fresh), movedTo, std::move(notice)};
}

} // namespace kiosk::db
