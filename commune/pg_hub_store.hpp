// The hub's store on a PostgreSQL server (libpq), for a city's worth of kiosks: the same tables, rules and
// report sums as SqliteHubStore, chosen with commune-hub --database postgresql://...
#pragma once

#include "hub_store.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

struct pg_conn;

namespace commune {

// A PostgreSQL failure: what libpq or the server said, with what the store was doing.
class PgError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class PgHubStore final : public HubStore {
  public:
    // Connects (a libpq connection string or postgresql:// URL) and brings the schema up to date.
    // Throws PgError when the server cannot be reached or the schema is from a newer commune-hub.
    static std::unique_ptr<PgHubStore> open(const std::string& connection);

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
    // The schema version this build writes (the hub_schema table holds the database's).
    static constexpr int kSchemaVersion = 2;
    // How long a committed write vouches for the store in canWrite().
    static constexpr std::chrono::milliseconds kWriteProofLifetime{1000};

    ~PgHubStore() override;

  private:
    struct Connection;
    explicit PgHubStore(std::unique_ptr<Connection> connection);
    void migrate();
    bool replaceDay(std::int64_t kioskRef, const kiosk::upload::DailyRollup& day, const UploadTiming& timing);

    std::mutex m_mutex; // one connection, one statement at a time (libpq connections are not shared)
    std::unique_ptr<Connection> m_connection;
    std::chrono::steady_clock::time_point m_lastWriteProof =
        std::chrono::steady_clock::now() - kWriteProofLifetime;
};

} // namespace commune
