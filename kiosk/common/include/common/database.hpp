// A thin RAII layer over SQLite, used by the kiosk and the commune hub: prepared statements only,
// transactions that roll back unless committed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::db {

// Thrown for failures that mean the database cannot be used as asked (open, prepare, a failed step).
class Error : public std::runtime_error {
  public:
    Error(int code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    [[nodiscard]] int code() const { return m_code; } // the SQLite result code

  private:
    int m_code;
};

// Call before SQLite opens the file: creates it 0600 (its -wal and -shm take the file's mode), or takes
// from an existing one (and its -wal, -shm) what other users could do. Kiosk and hub files hold personal
// data and secrets' hashes.
void makePrivate(const std::filesystem::path& file);

class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql); // throws Error
    Statement(Statement&&) noexcept = default;
    Statement& operator=(Statement&&) noexcept = default;

    // Parameters are 1-based, as in SQLite. Each returns *this so binds can be chained.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value); // copied (SQLITE_TRANSIENT)
    Statement& bind(int index, std::nullptr_t);

    [[nodiscard]] bool step(); // true: a row is ready; false: done. Throws Error on failure.
    void run();                // steps to completion, for statements that return no rows
    void reset();              // ready to run again; keeps bindings

    [[nodiscard]] std::int64_t columnInt64(int column) const; // 0-based, as in SQLite
    [[nodiscard]] int columnInt(int column) const;
    [[nodiscard]] double columnDouble(int column) const;
    [[nodiscard]] std::string columnText(int column) const;
    // No copy: valid until the next step() or reset() (for scanning many rows quickly).
    [[nodiscard]] std::string_view columnView(int column) const;
    [[nodiscard]] bool columnIsNull(int column) const;

  private:
    struct Finalizer {
        void operator()(sqlite3_stmt* s) const noexcept;
    };
    std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
};

// How open() sets up a file. The defaults are the kiosk's; the hub states its own (sqlite_hub_store.cpp).
struct OpenOptions {
    // FULL: a commit is on disk when it returns, so a resident's booking that the screen confirmed is
    // still there after a power cut. NORMAL (in WAL mode): the file stays consistent after one but may
    // lose the last commits.
    enum class Sync { full, normal };
    Sync sync = Sync::full;
    // The caller serialises every use of the connection itself (SQLITE_OPEN_NOMUTEX).
    bool callerSerialises = false;
    // For large reads: page cache in KiB, memory-mapped bytes, temporary tables and sorts in memory.
    // 0 / false: SQLite's defaults.
    int cacheKiB = 0;
    std::int64_t mmapBytes = 0;
    bool tempInMemory = false;
};

class Database {
  public:
    // Opens (creating if needed) with WAL, foreign keys on and a busy timeout. Throws Error.
    static Database open(const std::filesystem::path& file, const OpenOptions& options = {});
    static Database openInMemory();

    Database(Database&&) noexcept = default;
    Database& operator=(Database&&) noexcept = default;

    [[nodiscard]] Statement prepare(std::string_view sql);
    // For statements with no values in them (schema, pragmas); never for SQL built from data.
    void execute(std::string_view sql);

    [[nodiscard]] int userVersion();
    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] sqlite3* handle() const { return m_db.get(); }

  private:
    struct Closer {
        void operator()(sqlite3* db) const noexcept;
    };
    explicit Database(sqlite3* db);
    std::unique_ptr<sqlite3, Closer> m_db;
};

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless commit() was called.
class Transaction {
  public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

  private:
    Database& m_db;
    bool m_done = false;
};

} // namespace kiosk::db
