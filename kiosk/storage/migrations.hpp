// The kiosk database's schema history, numbered by PRAGMA user_version, and opening with recovery.
#pragma once

#include "common/database.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <span>
#include <string>

namespace kiosk::db {

struct Migration {
    int version;     // the user_version after this migration: 1, 2, 3 ...
    const char* sql; // schema statements only, no values
};

// Every migration of the kiosk database, in order. Never edit a shipped one: add the next.
[[nodiscard]] std::span<const Migration> kioskMigrations();

// Applies, each in its own transaction, every migration whose version is above user_version.
// Throws Error if the database is newer than the migrations known here.
void migrate(Database& db, std::span<const Migration> migrations);

struct OpenedDatabase {
    Database db;
    // Set when the file failed its integrity check and was moved aside (never deleted).
    std::optional<std::filesystem::path> movedAsideTo;
    std::string notice; // a line for the staff screen and the log; empty when all went well
};

// Opens the kiosk's database file: quick_check; a corrupt or unreadable file (and its -wal/-shm) is
// renamed to "<file>.corrupt-YYYYMMDD-HHMMSS" and a fresh one is made; then migrates.
// Throws Error only when not even a fresh file can be created (e.g. read-only disk).
[[nodiscard]] OpenedDatabase openKioskDatabase(const std::filesystem::path& file,
                                               std::chrono::system_clock::time_point now);

} // namespace kiosk::db
