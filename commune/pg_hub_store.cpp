#include "pg_hub_store.hpp"

#include "store_rows.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <libpq-fe.h>

#include <charconv>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace commune {

namespace {

using kiosk::upload::DailyRollup;

// The tables of SqliteHubStore, in PostgreSQL's types. Keys and what reports sort by use the "C" collation:
// the same byte order as SQLite whatever locale the server was made with ("Thôn Nam" < "Thôn Đông").
// Migrations run in order, each once; hub_schema holds how many have run.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE kiosks(
  kiosk_ref bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kiosk_id text COLLATE "C" NOT NULL UNIQUE,
  village text COLLATE "C" NOT NULL DEFAULT '',
  token_hash text COLLATE "C" NOT NULL UNIQUE,
  created_unix bigint NOT NULL,
  last_seen_unix bigint NOT NULL DEFAULT 0,
  version text NOT NULL DEFAULT '',
  uptime_seconds bigint NOT NULL DEFAULT 0,
  free_disk_mb bigint NOT NULL DEFAULT 0,
  content_version text NOT NULL DEFAULT '',
  last_error text NOT NULL DEFAULT '',
  sent_at text NOT NULL DEFAULT '',
  heartbeat_generated_unix bigint NOT NULL DEFAULT 0,
  restarts_since_boot bigint,
  soc_temperature_c double precision);
CREATE TABLE day_rollups(
  day text COLLATE "C" NOT NULL, kiosk_ref bigint NOT NULL REFERENCES kiosks(kiosk_ref),
  complete boolean NOT NULL, received_unix bigint NOT NULL, generated_unix bigint NOT NULL DEFAULT 0,
  PRIMARY KEY(day, kiosk_ref));
CREATE TABLE day_figures(
  day text COLLATE "C" NOT NULL, kiosk_ref bigint NOT NULL, figure text COLLATE "C" NOT NULL,
  value bigint NOT NULL, PRIMARY KEY(day, kiosk_ref, figure));
CREATE TABLE screen_figures(
  day text COLLATE "C" NOT NULL, kiosk_ref bigint NOT NULL, screen text COLLATE "C" NOT NULL,
  views bigint NOT NULL, PRIMARY KEY(day, kiosk_ref, screen));
CREATE TABLE guide_figures(
  day text COLLATE "C" NOT NULL, kiosk_ref bigint NOT NULL, guide_id text COLLATE "C" NOT NULL,
  topic text NOT NULL, started bigint NOT NULL, finished bigint NOT NULL, funnel text NOT NULL,
  PRIMARY KEY(day, kiosk_ref, guide_id));
CREATE TABLE staff(username text COLLATE "C" PRIMARY KEY, password_hash text NOT NULL);
CREATE TABLE sessions(
  session_hash text COLLATE "C" PRIMARY KEY, username text NOT NULL, expires_unix bigint NOT NULL);
CREATE TABLE health_probe(id integer PRIMARY KEY CHECK(id = 1), at_unix bigint NOT NULL);
CREATE TABLE screen_flags(
  kiosk_ref bigint NOT NULL REFERENCES kiosks(kiosk_ref), flag_id text COLLATE "C" NOT NULL,
  guide_id text COLLATE "C" NOT NULL, guide_title text NOT NULL, step integer NOT NULL, what text NOT NULL,
  note text NOT NULL, flagged_at text COLLATE "C" NOT NULL, received_unix bigint NOT NULL,
  PRIMARY KEY(kiosk_ref, flag_id));
)sql";
// Version 2 (issue 16): each village's denominators as commune staff enter them, by date (NULL: not known).
constexpr std::string_view kVersion2Population = R"sql(
CREATE TABLE population(
  village text COLLATE "C" NOT NULL, as_of text COLLATE "C" NOT NULL, adults bigint NOT NULL CHECK(adults > 0),
  smartphone bigint CHECK(smartphone BETWEEN 0 AND adults), vneid bigint CHECK(vneid BETWEEN 0 AND adults),
  entered_unix bigint NOT NULL,
  PRIMARY KEY(village, as_of));
)sql";
constexpr std::string_view kMigrations[] = {kVersion1, kVersion2Population};
static_assert(std::size(kMigrations) == PgHubStore::kSchemaVersion);

// Any number, so that two hubs starting at once on one database migrate one after the other.
constexpr std::int64_t kMigrationLock = 0x6875622d70670001; // "hub-pg" 1

constexpr std::string_view kNow = "extract(epoch from now())::bigint";

struct ConnectionDeleter {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct ResultDeleter {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// One query parameter, as text (libpq's text format); nullopt is SQL NULL.
class Param {
  public:
    Param(std::string_view text) : m_text(std::string(text)) {}
    Param(const std::string& text) : m_text(text) {}
    Param(const char* text) : m_text(std::string(text)) {}
    Param(int number) : m_text(std::to_string(number)) {}
    Param(std::int64_t number) : m_text(std::to_string(number)) {}
    Param(double number) : m_text(fmt::format("{}", number)) {}
    Param(bool truth) : m_text(truth ? "t" : "f") {}
    Param(std::nullopt_t) {}
    template <typename T> Param(const std::optional<T>& value) {
        if (value) m_text = Param(*value).m_text;
    }
    [[nodiscard]] const char* value() const { return m_text ? m_text->c_str() : nullptr; }

  private:
    std::optional<std::string> m_text;
};

// A PostgreSQL array literal of texts ({"a","b \"c\""}), for inserting a day's rows in one statement.
std::string textArray(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const std::string& item : items) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (const char c : item) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + '}';
}

std::string numberArray(const std::vector<std::int64_t>& items) {
    return fmt::format("{{{}}}", fmt::join(items, ","));
}

std::int64_t integerAt(const PGresult* r, int row, int column) {
    const char* text = PQgetvalue(r, row, column);
    std::int64_t value = 0;
    std::from_chars(text, text + PQgetlength(r, row, column), value);
    return value;
}

std::string textAt(const PGresult* r, int row, int column) {
    return {PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column))};
}

std::string_view viewAt(const PGresult* r, int row, int column) {
    return {PQgetvalue(r, row, column), static_cast<std::size_t>(PQgetlength(r, row, column))};
}

} // namespace

// The connection, and every query made on it: parameterised, checked, thrown as PgError when refused.
struct PgHubStore::Connection {
    std::unique_ptr<PGconn, ConnectionDeleter> handle;
    std::unordered_map<std::string, std::string> prepared; // query text -> statement name on this connection

    // A dropped connection (the server restarted) is made again before the next query.
    void ensureOpen() {
        if (PQstatus(handle.get()) == CONNECTION_OK) return;
        PQreset(handle.get());
        prepared.clear(); // a new session knows none of them
        if (PQstatus(handle.get()) != CONNECTION_OK)
            throw PgError(fmt::format("PostgreSQL: cannot reconnect: {}", PQerrorMessage(handle.get())));
        configure();
    }

    void configure() {
        PQsetClientEncoding(handle.get(), "UTF8");
        // The server's notices ("relation already exists, skipping") are not the hub's news.
        PQsetNoticeProcessor(
            handle.get(), [](void*, const char*) {}, nullptr);
        // As SqliteHubStore's synchronous=NORMAL: a crash may lose the last commits but never corrupts, and
        // every kiosk re-sends its recent days (a re-send replaces), so a lost upload comes back within the
        // hour; not waiting for the WAL flush on every commit is what lets the hub take uploads quickly.
        script("SET synchronous_commit = off");
        // The hub's queries are short, and the quarter report's are plain sums: compiling them (JIT) cost
        // ~150 ms a report in the backends bench and saved nothing.
        script("SET jit = off");
    }

    // Statements without parameters, several at once (schema, transactions).
    void script(std::string_view sql) {
        Result r(PQexec(handle.get(), std::string(sql).c_str()));
        check(r.get(), sql);
    }

    // Each query text is prepared once per connection (the server parses and plans it once): an upload
    // is then five or six executions of statements the server already knows.
    Result query(const std::string& sql, std::initializer_list<Param> params = {}) {
        auto [known, added] = prepared.try_emplace(sql, "");
        if (added) {
            known->second = "q" + std::to_string(prepared.size());
            const Result made(PQprepare(handle.get(), known->second.c_str(), sql.c_str(), 0, nullptr));
            if (PQresultStatus(made.get()) != PGRES_COMMAND_OK) prepared.erase(known);
            check(made.get(), sql);
        }
        std::vector<const char*> values;
        values.reserve(params.size());
        for (const Param& p : params)
            values.push_back(p.value());
        Result r(PQexecPrepared(handle.get(), known->second.c_str(), static_cast<int>(values.size()),
                                values.data(), nullptr, nullptr, 0));
        check(r.get(), sql);
        return r;
    }

    void check(const PGresult* r, std::string_view sql) const {
        const auto status = PQresultStatus(r);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
        std::string_view message = r ? PQresultErrorMessage(r) : PQerrorMessage(handle.get());
        while (!message.empty() && message.back() == '\n')
            message.remove_suffix(1);
        throw PgError(fmt::format("PostgreSQL: {} (in: {:.60})", message, sql));
    }

    // Rolls back unless committed; never throws from the destructor.
    class Transaction {
      public:
        explicit Transaction(Connection& c) : m_c(c) { m_c.script("BEGIN"); }
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit() {
            m_c.script("COMMIT");
            m_open = false;
        }
        ~Transaction() {
            if (m_open) PQclear(PQexec(m_c.handle.get(), "ROLLBACK"));
        }

      private:
        Connection& m_c;
        bool m_open = true;
    };
};

PgHubStore::PgHubStore(std::unique_ptr<Connection> connection) : m_connection(std::move(connection)) {
    m_connection->configure();
    migrate();
}

PgHubStore::~PgHubStore() = default;

std::unique_ptr<PgHubStore> PgHubStore::open(const std::string& connection) {
    auto c = std::make_unique<Connection>();
    c->handle.reset(PQconnectdb(connection.c_str()));
    if (!c->handle) throw PgError("PostgreSQL: out of memory");
    if (PQstatus(c->handle.get()) != CONNECTION_OK) {
        std::string message = PQerrorMessage(c->handle.get());
        while (!message.empty() && message.back() == '\n')
            message.pop_back();
        throw PgError("PostgreSQL: cannot connect: " + message);
    }
    return std::unique_ptr<PgHubStore>(new PgHubStore(std::move(c)));
}

void PgHubStore::migrate() {
    auto& c = *m_connection;
    Connection::Transaction tx(c);
    c.query("SELECT pg_advisory_xact_lock($1::bigint)", {kMigrationLock});
    c.script("CREATE TABLE IF NOT EXISTS hub_schema(version integer NOT NULL)");
    const Result current = c.query("SELECT max(version) FROM hub_schema");
    const int version =
        PQgetisnull(current.get(), 0, 0) ? 0 : static_cast<int>(integerAt(current.get(), 0, 0));
    if (version > kSchemaVersion)
        throw PgError(fmt::format("the database is from a newer commune-hub (schema version {})", version));
    for (int next = version; next < kSchemaVersion; ++next)
        c.script(kMigrations[next]);
    c.script("DELETE FROM hub_schema");
    c.query("INSERT INTO hub_schema(version) VALUES ($1::integer)", {kSchemaVersion});
    tx.commit();
}

bool PgHubStore::addKiosk(const std::string& kioskId, const std::string& village,
                          const std::string& tokenHash) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    const Result r = m_connection->query(
        fmt::format("INSERT INTO kiosks(kiosk_id, village, token_hash, created_unix) VALUES ($1::text, "
                    "$2::text, $3::text, {}) ON CONFLICT (kiosk_id) DO NOTHING",
                    kNow),
        {kioskId, village, tokenHash});
    return std::string_view(PQcmdTuples(r.get())) == "1";
}

bool PgHubStore::setKioskVillage(const std::string& kioskId, const std::string& village) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    const Result r = m_connection->query("UPDATE kiosks SET village = $2::text WHERE kiosk_id = $1::text",
                                         {kioskId, village});
    return std::string_view(PQcmdTuples(r.get())) == "1";
}

std::optional<std::string> PgHubStore::findKioskByTokenHash(const std::string& tokenHash) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    const Result r =
        m_connection->query("SELECT kiosk_id FROM kiosks WHERE token_hash = $1::text", {tokenHash});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return textAt(r.get(), 0, 0);
}

bool PgHubStore::kioskExists(const std::string& kioskId) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    return PQntuples(m_connection->query("SELECT 1 FROM kiosks WHERE kiosk_id = $1::text", {kioskId}).get()) >
           0;
}

StoredUpload PgHubStore::replaceRollups(const kiosk::upload::Upload& upload, const UploadTiming& timing) {
    std::lock_guard lock(m_mutex);
    auto& c = *m_connection;
    c.ensureOpen();
    Connection::Transaction tx(c);
    const auto& h = upload.heartbeat;
    // SET expressions all see the row as it was, so every CASE compares with the stored generation.
    const Result heartbeat = c.query(
        "UPDATE kiosks SET last_seen_unix = greatest(last_seen_unix, $1::bigint), "
        "version = CASE WHEN $9::bigint >= heartbeat_generated_unix THEN $2::text ELSE version END, "
        "uptime_seconds = CASE WHEN $9::bigint >= heartbeat_generated_unix THEN $3::bigint "
        "ELSE uptime_seconds END, "
        "free_disk_mb = CASE WHEN $9::bigint >= heartbeat_generated_unix THEN $4::bigint ELSE free_disk_mb "
        "END, "
        "content_version = CASE WHEN $9::bigint >= heartbeat_generated_unix THEN $5::text "
        "ELSE content_version END, "
        "last_error = CASE WHEN $9::bigint >= heartbeat_generated_unix THEN $6::text ELSE last_error END, "
        "sent_at = CASE WHEN $9::bigint >= heartbeat_generated_unix THEN $7::text ELSE sent_at END, "
        "restarts_since_boot = CASE WHEN $9::bigint >= heartbeat_generated_unix THEN $10::bigint "
        "ELSE restarts_since_boot END, "
        "soc_temperature_c = CASE WHEN $9::bigint >= heartbeat_generated_unix THEN $11::double precision "
        "ELSE soc_temperature_c END, "
        "heartbeat_generated_unix = greatest(heartbeat_generated_unix, $9::bigint) "
        "WHERE kiosk_id = $8::text RETURNING kiosk_ref",
        {timing.seenUnix, h.version, h.uptimeSeconds, h.freeDiskMb, h.contentVersion, h.lastError, h.sentAt,
         upload.kioskId, timing.generatedUnix, h.restartsSinceBoot, h.socTemperatureC});
    if (PQntuples(heartbeat.get()) == 0) throw PgError("kiosk " + upload.kioskId + " is not registered");
    const std::int64_t kioskRef = integerAt(heartbeat.get(), 0, 0);
    StoredUpload stored;
    for (const auto& day : upload.days) {
        if (replaceDay(kioskRef, day, timing))
            ++stored.storedDays;
        else
            ++stored.olderDays;
    }
    for (const auto& f : upload.flags) {
        const Result r = c.query(
            "INSERT INTO screen_flags(kiosk_ref, flag_id, guide_id, guide_title, step, what, note, "
            "flagged_at, received_unix) VALUES ($1::bigint, $2::text, $3::text, $4::text, $5::integer, "
            "$6::text, $7::text, $8::text, $9::bigint) ON CONFLICT DO NOTHING",
            {kioskRef, f.flagId, f.guideId, f.guideTitle, f.step, f.what, f.note, f.flaggedAt,
             timing.receivedUnix});
        if (std::string_view(PQcmdTuples(r.get())) == "1") ++stored.newFlags;
    }
    tx.commit();
    m_lastWriteProof = std::chrono::steady_clock::now(); // a commit: /health need not make one now
    return stored;
}

// Five round trips a day whatever its size: each table's rows go in as arrays.
bool PgHubStore::replaceDay(std::int64_t kioskRef, const DailyRollup& day, const UploadTiming& timing) {
    auto& c = *m_connection;
    // Returns a row only when the day was inserted or replaced: an older copy changes nothing.
    const Result upsert = c.query(
        "INSERT INTO day_rollups AS d (day, kiosk_ref, complete, received_unix, generated_unix) VALUES "
        "($1::text, $2::bigint, $3::boolean, $4::bigint, $5::bigint) ON CONFLICT (day, kiosk_ref) DO UPDATE "
        "SET "
        "complete = excluded.complete, received_unix = excluded.received_unix, "
        "generated_unix = excluded.generated_unix "
        "WHERE excluded.generated_unix > d.generated_unix OR "
        "(excluded.generated_unix = d.generated_unix AND (excluded.complete OR NOT d.complete)) RETURNING 1",
        {day.day, kioskRef, day.complete, timing.receivedUnix, timing.generatedUnix});
    if (PQntuples(upsert.get()) == 0) return false;
    c.query("WITH f AS (DELETE FROM day_figures WHERE day = $1::text AND kiosk_ref = $2::bigint), "
            "g AS (DELETE FROM guide_figures WHERE day = $1::text AND kiosk_ref = $2::bigint) "
            "DELETE FROM screen_figures WHERE day = $1::text AND kiosk_ref = $2::bigint",
            {day.day, kioskRef});

    std::vector<std::string> names;
    std::vector<std::int64_t> values;
    for (const rows::FixedFigure& figure : rows::fixedFigures()) {
        names.push_back(figure.name);
        values.push_back(figure.valueIn(day));
    }
    for (auto& [name, value] : rows::teamFigures(day)) {
        names.push_back(std::move(name));
        values.push_back(value);
    }
    c.query("INSERT INTO day_figures(day, kiosk_ref, figure, value) SELECT $1::text, $2::bigint, f, v "
            "FROM unnest($3::text[], $4::bigint[]) AS t(f, v)",
            {day.day, kioskRef, textArray(names), numberArray(values)});

    if (!day.screens.empty()) {
        names.clear();
        values.clear();
        for (const auto& [screen, views] : day.screens) {
            names.push_back(screen);
            values.push_back(views);
        }
        c.query("INSERT INTO screen_figures(day, kiosk_ref, screen, views) SELECT $1::text, $2::bigint, s, v "
                "FROM unnest($3::text[], $4::bigint[]) AS t(s, v)",
                {day.day, kioskRef, textArray(names), numberArray(values)});
    }

    if (!day.guides.empty()) {
        std::vector<std::string> ids, topics, funnels;
        std::vector<std::int64_t> started, finished;
        for (const auto& guide : day.guides) {
            ids.push_back(guide.guideId);
            topics.push_back(guide.topic);
            started.push_back(guide.started);
            finished.push_back(guide.finished);
            funnels.push_back(rows::encodeFunnel(guide));
        }
        c.query(
            "INSERT INTO guide_figures(day, kiosk_ref, guide_id, topic, started, finished, funnel) "
            "SELECT $1::text, $2::bigint, g, t, s, f, n "
            "FROM unnest($3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[]) AS x(g, t, s, f, n)",
            {day.day, kioskRef, textArray(ids), textArray(topics), numberArray(started),
             numberArray(finished), textArray(funnels)});
    }
    return true;
}

// The sums are made by the server, per village; the funnels of a guide arrive joined into one list of
// triplets that PeriodSums adds up step by step, as for SQLite.
PeriodFigures PgHubStore::periodFigures(const DayRange& range) {
    std::lock_guard lock(m_mutex);
    auto& c = *m_connection;
    c.ensureOpen();
    const std::string village(rows::kVillageExpr);
    rows::PeriodSums sums;
    // Enough memory for the sums to be hashed in memory, not sorted on disk (default 4 MB: a city's
    // quarter took twice as long); for this report's transaction only.
    Connection::Transaction tx(c);
    c.script("SET LOCAL work_mem = '64MB'");
    const Result figures =
        c.query("SELECT " + village +
                    ", f.figure, sum(f.value)::bigint FROM day_figures f JOIN kiosks k USING (kiosk_ref) "
                    "WHERE f.day BETWEEN $1::text AND $2::text GROUP BY 1, 2",
                {range.first, range.last});
    for (int row = 0; row < PQntuples(figures.get()); ++row)
        sums.addFigure(sums.village(textAt(figures.get(), row, 0)), viewAt(figures.get(), row, 1),
                       integerAt(figures.get(), row, 2));
    const Result guides =
        c.query("SELECT " + village +
                    ", g.guide_id, min(g.topic), sum(g.started)::bigint, sum(g.finished)::bigint, "
                    "string_agg(g.funnel, ',') FROM guide_figures g JOIN kiosks k USING (kiosk_ref) "
                    "WHERE g.day BETWEEN $1::text AND $2::text GROUP BY 1, 2",
                {range.first, range.last});
    for (int row = 0; row < PQntuples(guides.get()); ++row)
        sums.addGuide(textAt(guides.get(), row, 0), viewAt(guides.get(), row, 1),
                      viewAt(guides.get(), row, 2), integerAt(guides.get(), row, 3),
                      integerAt(guides.get(), row, 4), viewAt(guides.get(), row, 5));
    tx.commit();
    return sums.finish();
}

std::vector<KioskStatus> PgHubStore::kioskStatuses() {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    const Result r = m_connection->query(
        "SELECT kiosk_id, village, last_seen_unix, version, uptime_seconds, free_disk_mb, content_version, "
        "last_error, restarts_since_boot, soc_temperature_c FROM kiosks ORDER BY village, kiosk_id");
    std::vector<KioskStatus> out;
    for (int row = 0; row < PQntuples(r.get()); ++row) {
        const PGresult* q = r.get();
        KioskStatus status{textAt(q, row, 0), textAt(q, row, 1),    integerAt(q, row, 2),
                           textAt(q, row, 3), integerAt(q, row, 4), integerAt(q, row, 5),
                           textAt(q, row, 6), textAt(q, row, 7),    std::nullopt,
                           std::nullopt};
        if (!PQgetisnull(q, row, 8)) status.restartsSinceBoot = integerAt(q, row, 8);
        if (!PQgetisnull(q, row, 9)) status.socTemperatureC = std::stod(textAt(q, row, 9));
        out.push_back(std::move(status));
    }
    return out;
}

std::vector<StoredFlag> PgHubStore::screenFlags() {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    const Result r = m_connection->query(
        "SELECT k.kiosk_id, k.village, f.guide_id, f.guide_title, f.step, f.what, f.note, f.flagged_at "
        "FROM screen_flags f JOIN kiosks k USING (kiosk_ref) "
        "ORDER BY f.guide_id, f.step, f.flagged_at DESC, k.kiosk_id");
    std::vector<StoredFlag> out;
    for (int row = 0; row < PQntuples(r.get()); ++row) {
        const PGresult* q = r.get();
        out.push_back({textAt(q, row, 0), textAt(q, row, 1), textAt(q, row, 2), textAt(q, row, 3),
                       static_cast<int>(integerAt(q, row, 4)), textAt(q, row, 5), textAt(q, row, 6),
                       textAt(q, row, 7)});
    }
    return out;
}

void PgHubStore::setStaffPassword(const std::string& username, const std::string& passwordHash) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    m_connection->query("INSERT INTO staff(username, password_hash) VALUES ($1::text, $2::text) "
                        "ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash",
                        {username, passwordHash});
}

std::optional<std::string> PgHubStore::staffPasswordHash(const std::string& username) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    const Result r =
        m_connection->query("SELECT password_hash FROM staff WHERE username = $1::text", {username});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return textAt(r.get(), 0, 0);
}

void PgHubStore::addSession(const std::string& sessionHash, const std::string& username,
                            std::int64_t expiresUnix) {
    std::lock_guard lock(m_mutex);
    auto& c = *m_connection;
    c.ensureOpen();
    Connection::Transaction tx(c);
    c.script(fmt::format("DELETE FROM sessions WHERE expires_unix <= {}", kNow));
    c.query(
        "INSERT INTO sessions(session_hash, username, expires_unix) VALUES ($1::text, $2::text, $3::bigint)",
        {sessionHash, username, expiresUnix});
    tx.commit();
}

std::optional<std::string> PgHubStore::sessionUser(const std::string& sessionHash, std::int64_t nowUnix) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    const Result r = m_connection->query(
        "SELECT username FROM sessions WHERE session_hash = $1::text AND expires_unix > $2::bigint",
        {sessionHash, nowUnix});
    if (PQntuples(r.get()) == 0) return std::nullopt;
    return textAt(r.get(), 0, 0);
}

void PgHubStore::removeSession(const std::string& sessionHash) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    m_connection->query("DELETE FROM sessions WHERE session_hash = $1::text", {sessionHash});
}

bool PgHubStore::canWrite() noexcept {
    try {
        std::lock_guard lock(m_mutex);
        auto& c = *m_connection;
        c.ensureOpen();
        const auto now = std::chrono::steady_clock::now();
        // A commit succeeded moments ago: a round trip shows the server still answers.
        if (now - m_lastWriteProof < kWriteProofLifetime) {
            c.script("SELECT 1");
            return true;
        }
        // A real commit (one tiny row), so a full disk or a read-only server shows up here.
        c.script(
            fmt::format("INSERT INTO health_probe(id, at_unix) VALUES (1, {}) ON CONFLICT (id) DO UPDATE "
                        "SET at_unix = excluded.at_unix",
                        kNow));
        m_lastWriteProof = now;
        return true;
    } catch (...) {
        return false;
    }
}

std::int64_t PgHubStore::rowsFor(const std::string& kioskId, const std::string& day) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    std::int64_t rows = 0;
    for (std::string_view table : {"day_rollups", "day_figures", "screen_figures", "guide_figures"}) {
        const Result r = m_connection->query(
            fmt::format("SELECT count(*) FROM {} t JOIN kiosks k ON k.kiosk_ref = t.kiosk_ref "
                        "WHERE k.kiosk_id = $1::text AND t.day = $2::text",
                        table),
            {kioskId, day});
        rows += integerAt(r.get(), 0, 0);
    }
    return rows;
}

// ---- Denominators (issue 16) ----

namespace {

std::vector<PopulationFigures> populationRows(const PGresult* r) {
    std::vector<PopulationFigures> out;
    for (int row = 0; row < PQntuples(r); ++row) {
        PopulationFigures p{textAt(r, row, 0), textAt(r, row, 1), integerAt(r, row, 2), {}, {}};
        if (!PQgetisnull(r, row, 3)) p.smartphone = integerAt(r, row, 3);
        if (!PQgetisnull(r, row, 4)) p.vneid = integerAt(r, row, 4);
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace

void PgHubStore::setPopulation(const PopulationFigures& figures) {
    std::lock_guard lock(m_mutex);
    auto& c = *m_connection;
    c.ensureOpen();
    Connection::Transaction tx(c);
    // The connection commits uploads without waiting for the WAL flush; what staff typed waits for it.
    c.script("SET LOCAL synchronous_commit = on");
    c.query(fmt::format("INSERT INTO population(village, as_of, adults, smartphone, vneid, entered_unix) "
                        "VALUES ($1::text, $2::text, $3::bigint, $4::bigint, $5::bigint, {}) "
                        "ON CONFLICT (village, as_of) DO UPDATE SET adults = excluded.adults, "
                        "smartphone = excluded.smartphone, vneid = excluded.vneid, "
                        "entered_unix = excluded.entered_unix",
                        kNow),
            {figures.village, figures.asOf, figures.adults, figures.smartphone, figures.vneid});
    tx.commit();
}

std::vector<PopulationFigures> PgHubStore::populationHistory() {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    return populationRows(
        m_connection
            ->query(
                "SELECT village, as_of, adults, smartphone, vneid FROM population ORDER BY village, as_of")
            .get());
}

std::vector<PopulationFigures> PgHubStore::populationAsOf(const std::string& day) {
    std::lock_guard lock(m_mutex);
    m_connection->ensureOpen();
    return populationRows(
        m_connection
            ->query("SELECT village, as_of, adults, smartphone, vneid FROM population p WHERE as_of = "
                    "(SELECT max(as_of) FROM population q WHERE q.village = p.village AND q.as_of <= "
                    "$1::text) ORDER BY village",
                    {day})
            .get());
}

} // namespace commune
