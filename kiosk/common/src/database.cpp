#include "common/database.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <climits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk::db {

namespace {

constexpr int busyTimeoutMs = 5000;

[[noreturn]] void throwStatementError(sqlite3_stmt* stmt, int rc, std::string_view what) {
    throw Error(rc, fmt::format("{}: {} (code {}; SQL: {})", what, sqlite3_errmsg(sqlite3_db_handle(stmt)),
                                rc, sqlite3_sql(stmt)));
}

void checkBind(sqlite3_stmt* stmt, int rc, int index) {
    if (rc != SQLITE_OK) throwStatementError(stmt, rc, fmt::format("cannot bind parameter {}", index));
}

int sqlLength(std::string_view sql) {
    if (sql.size() > static_cast<std::size_t>(INT_MAX)) throw Error(SQLITE_TOOBIG, "SQL text too long");
    return static_cast<int>(sql.size());
}

} // namespace

// ---- Statement ----

void Statement::Finalizer::operator()(sqlite3_stmt* s) const noexcept {
    sqlite3_finalize(s);
}

Statement::Statement(sqlite3* db, std::string_view sql) {
    if (sql.empty()) throw Error(SQLITE_MISUSE, "empty SQL");
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql.data(), sqlLength(sql), 0, &raw, &tail);
    m_stmt.reset(raw);
    if (rc != SQLITE_OK) {
        throw Error(rc, fmt::format("cannot prepare: {} (code {}; SQL: {})", sqlite3_errmsg(db), rc, sql));
    }
    if (!m_stmt) throw Error(SQLITE_MISUSE, fmt::format("no statement in SQL: {}", sql));

    // One Statement is one statement: a second one would silently never run. Trailing semicolons and
    // comments are fine, so let SQLite parse the rest rather than guessing at its lexer.
    std::string_view rest = sql.substr(static_cast<std::size_t>(tail - sql.data()));
    while (!rest.empty()) {
        sqlite3_stmt* extra = nullptr;
        const char* next = nullptr;
        const int restRc = sqlite3_prepare_v3(db, rest.data(), sqlLength(rest), 0, &extra, &next);
        sqlite3_finalize(extra);
        if (restRc != SQLITE_OK || extra != nullptr) {
            throw Error(SQLITE_MISUSE, fmt::format("more than one statement in SQL: {}", sql));
        }
        if (next == rest.data()) break; // no progress: nothing left that SQLite reads
        rest.remove_prefix(static_cast<std::size_t>(next - rest.data()));
    }
}

Statement& Statement::bind(int index, std::int64_t value) {
    checkBind(m_stmt.get(), sqlite3_bind_int64(m_stmt.get(), index, value), index);
    return *this;
}

Statement& Statement::bind(int index, int value) {
    checkBind(m_stmt.get(), sqlite3_bind_int(m_stmt.get(), index, value), index);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    checkBind(m_stmt.get(), sqlite3_bind_double(m_stmt.get(), index, value), index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // An empty string_view may have a null data(), which SQLite would store as NULL rather than ''.
    const char* text = value.empty() ? "" : value.data();
    checkBind(m_stmt.get(),
              sqlite3_bind_text64(m_stmt.get(), index, text, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
              index);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    checkBind(m_stmt.get(), sqlite3_bind_null(m_stmt.get(), index), index);
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string message =
        fmt::format("{} (code {}; SQL: {})", sqlite3_errmsg(sqlite3_db_handle(m_stmt.get())), rc,
                    sqlite3_sql(m_stmt.get()));
    // Reset so a failed statement releases its locks and can be bound and run again.
    sqlite3_reset(m_stmt.get());
    throw Error(rc, message);
}

void Statement::run() {
    while (step()) {
    }
    // Ready for new bindings straight away: SQLite refuses binds on a statement that ran but was not reset.
    // changes() and lastInsertRowId() are not affected by a reset.
    sqlite3_reset(m_stmt.get());
}

// The result code of a reset only repeats the last step's error, which step() has already thrown.
void Statement::reset() {
    sqlite3_reset(m_stmt.get());
}

std::int64_t Statement::columnInt64(int column) const {
    return sqlite3_column_int64(m_stmt.get(), column);
}

int Statement::columnInt(int column) const {
    return sqlite3_column_int(m_stmt.get(), column);
}

double Statement::columnDouble(int column) const {
    return sqlite3_column_double(m_stmt.get(), column);
}

std::string Statement::columnText(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), column));
    if (text == nullptr) return {};
    // Bytes after the text call, as SQLite documents, so the length is of the UTF-8 form.
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt.get(), column)));
}

std::string_view Statement::columnView(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt.get(), column));
    if (text == nullptr) return {};
    return std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt.get(), column)));
}

bool Statement::columnIsNull(int column) const {
    return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}

// ---- Database ----

// close_v2 never fails: a statement still alive keeps the connection until it is finalized.
void Database::Closer::operator()(sqlite3* db) const noexcept {
    sqlite3_close_v2(db);
}

Database::Database(sqlite3* db) : m_db(db) {}

Database Database::open(const std::filesystem::path& file, const OpenOptions& options) {
    sqlite3* raw = nullptr;
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (options.callerSerialises ? SQLITE_OPEN_NOMUTEX : 0);
    const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    Database db(raw); // owns the handle even when opening failed: SQLite may hand one back anyway
    if (rc != SQLITE_OK) {
        throw Error(rc, fmt::format("cannot open database {}: {}", file.string(),
                                    raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    try {
        sqlite3_busy_timeout(raw, busyTimeoutMs);
        {
            Statement mode(raw, "PRAGMA journal_mode=WAL");
            const std::string got = mode.step() ? mode.columnText(0) : std::string();
            if (got != "wal") {
                throw Error(SQLITE_ERROR, fmt::format("WAL journal mode not available (got '{}')", got));
            }
        }
        db.execute(options.sync == OpenOptions::Sync::full ? "PRAGMA synchronous=FULL"
                                                           : "PRAGMA synchronous=NORMAL");
        if (options.cacheKiB > 0) db.execute(fmt::format("PRAGMA cache_size=-{}", options.cacheKiB));
        if (options.mmapBytes > 0) db.execute(fmt::format("PRAGMA mmap_size={}", options.mmapBytes));
        if (options.tempInMemory) db.execute("PRAGMA temp_store=MEMORY");
        db.execute("PRAGMA foreign_keys=ON");
    } catch (const Error& e) {
        // A file that failed here may be damaged: close without checkpointing so the file and its -wal
        // stay exactly as they were (and the -wal is not deleted) for whoever moves them aside.
        sqlite3_db_config(raw, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, static_cast<int*>(nullptr));
        throw Error(e.code(), fmt::format("database {}: {}", file.string(), e.what()));
    }
    return db;
}

Database Database::openInMemory() {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Database db(raw);
    if (rc != SQLITE_OK) {
        throw Error(rc, fmt::format("cannot open in-memory database: {}",
                                    raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
    }
    db.execute("PRAGMA foreign_keys=ON");
    return db;
}

Statement Database::prepare(std::string_view sql) {
    return Statement(m_db.get(), sql);
}

void Database::execute(std::string_view sql) {
    const std::string text(sql); // sqlite3_exec wants a terminating NUL
    char* errorText = nullptr;
    const int rc = sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, &errorText);
    if (rc != SQLITE_OK) {
        std::string message = fmt::format("{} (code {}; SQL: {})",
                                          errorText != nullptr ? errorText : sqlite3_errstr(rc), rc, sql);
        sqlite3_free(errorText);
        throw Error(rc, message);
    }
}

int Database::userVersion() {
    Statement version(m_db.get(), "PRAGMA user_version");
    return version.step() ? version.columnInt(0) : 0;
}

std::int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db.get());
}

int Database::changes() const {
    return sqlite3_changes(m_db.get());
}

// ---- Transaction ----

// IMMEDIATE takes the write lock now, so a busy database fails here (after the busy timeout)
// rather than halfway through the work.
Transaction::Transaction(Database& db) : m_db(db) {
    m_db.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (m_done) return;
    sqlite3* handle = m_db.handle();
    // Some errors (e.g. SQLITE_FULL, SQLITE_IOERR) already rolled back; then there is nothing to undo.
    if (handle != nullptr && sqlite3_get_autocommit(handle) == 0) {
        sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr); // never throw from a destructor
    }
}

void Transaction::commit() {
    m_db.execute("COMMIT");
    m_done = true; // only after success: a failed COMMIT leaves the transaction open for the rollback
}

void makePrivate(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    for (const char* suffix : {"", "-wal", "-shm"}) {
        const std::string name = file.string() + suffix;
        struct stat info {};
        if (::stat(name.c_str(), &info) == 0 && (info.st_mode & 0007) != 0)
            ::chmod(name.c_str(), info.st_mode & 0770);
    }
}

} // namespace kiosk::db
