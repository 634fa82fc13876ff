// The hub's store on one SQLite file (WAL): one row per kiosk per day per figure, one transaction per upload.
#pragma once

#include "common/database.hpp"
#include "hub_store.hpp"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>

namespace commune {

class SqliteHubStore final : public HubStore {
  public:
    // Creates the schema if needed. Throws kiosk::db::Error when the file cannot be opened or set up.
    // A new file is made 0600 (its -wal and -shm follow it); an existing one loses any permission for
    // other users: it holds token and password hashes.
    static std::unique_ptr<SqliteHubStore> open(const std::filesystem::path& file);
    static std::unique_ptr<SqliteHubStore> openInMemory(); // for tests

    bool addKiosk(const std::string& kioskId, const std::string& village,
                  const std::string& tokenHash) override;
    std::optional<std::string> findKioskByTokenHash(const std::string& tokenHash) override;
    bool kioskExists(const std::string& kioskId) override;
    bool setKioskVillage(const std::string& kioskId, const std::string& village) override;
    StoredUpload replaceRollups(const kiosk::upload::Upload& upload, const UploadTiming& timing) override;
    PeriodFigures periodFigures(const DayRange& range) override;
    std::vector<KioskStatus> kioskStatuses() override;
    std::vector<StoredFlag> screenFlags() override;
    void setStaffPassword(const std::string& username, const std::string& passwordHash) override;
    std::optional<std::string> staffPasswordHash(const std::string& username) override;
    void addSession(const std::string& sessionHash, const std::string& username,
                    std::int64_t expiresUnix) override;
    std::optional<std::string> sessionUser(const std::string& sessionHash, std::int64_t nowUnix) override;
    void removeSession(const std::string& sessionHash) override;
    bool canWrite() noexcept override;

    void setPopulation(const PopulationFigures& figures) override;
    std::vector<PopulationFigures> populationHistory() override;
    std::vector<PopulationFigures> populationAsOf(const std::string& day) override;

    // For tests: how many figure rows the store holds for a kiosk's day (all tables together).
    [[nodiscard]] std::int64_t rowsFor(const std::string& kioskId, const std::string& day);
    // For tests: rows inserted, updated or deleted on the store's connection since it opened.
    [[nodiscard]] std::int64_t totalChanges();

    // How long a committed write vouches for the store in canWrite().
    static constexpr std::chrono::milliseconds kWriteProofLifetime{1000};

  private:
    struct Statements; // prepared once, reused for every upload
    explicit SqliteHubStore(kiosk::db::Database database);
    void createSchema();
    // false: the store holds a newer copy of that day, which is kept.
    bool replaceDay(std::int64_t kioskRef, const kiosk::upload::DailyRollup& day, const UploadTiming& timing);

    // Copies the WAL into the database file once a second from its own connection, so the copying
    // (and its fsync) never happens inside an upload's commit.
    void startCheckpointer(const std::filesystem::path& file);

    std::mutex m_mutex; // one connection, one writer at a time: SQLite serialises writes anyway
    kiosk::db::Database m_db;
    std::unique_ptr<Statements> m_statements;
    // The last commit that succeeded (none yet: a lifetime ago).
    std::chrono::steady_clock::time_point m_lastWriteProof =
        std::chrono::steady_clock::now() - kWriteProofLifetime;
    std::jthread m_checkpointer; // last member: stopped and joined first

  public:
    ~SqliteHubStore() override;
};

} // namespace commune
