// The content update worker: asks the hub for the newest content pack, downloads it in the background
// (resumed, at a bounded speed, only while no resident is at the screen), and installs it through the
// ContentStore (signature, hashes, content check). The switch itself happens at the next idle reset
// (main restarts onto the new pointer). The network comes in as functions: kiosk/ never includes curl.
#pragma once

#include "content_update/content_store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>

namespace kiosk {

// What the hub's /api/v1/content/latest says.
struct LatestPack {
    std::int64_t version = 0;
    std::uint64_t size = 0;
    std::string sha256; // of the whole tar file
    std::string path;   // on the hub, e.g. /api/v1/content/packs/7.tar
};
// The hub's answer parsed, or why not (a field named).
[[nodiscard]] Result<LatestPack> parseLatest(std::string_view json);

struct DownloadProgress {
    std::uint64_t bytes = 0; // the file's size after this attempt
    bool paused = false;     // stopped early on purpose (a resident came, or shutdown)
};

struct UpdateNetwork {
    // GET hub path → (HTTP status, body).
    std::function<Result<std::pair<long, std::string>>(const std::string& path, std::stop_token)> get;
    // GET hub path appended to file (resumed from its size) up to expected bytes; keepGoing polled.
    std::function<Result<DownloadProgress>(const std::string& path, const std::filesystem::path& file,
                                           std::uint64_t expected, std::function<bool()> keepGoing,
                                           std::stop_token)>
        download;
};

struct UpdaterSettings {
    std::string publicKey; // content.pack_public_key
    std::chrono::milliseconds checkEvery{std::chrono::minutes(15)};
    std::chrono::milliseconds retryEvery{std::chrono::seconds(30)}; // after a pause or a cut download
    ContentCheck check;
    std::function<bool()> idle;                // true while no resident is using the screen
    std::function<void()> staged;              // a checked pack waits for the next idle reset
    std::function<void(std::string_view)> log; // default: stderr
};

// For the staff screen; a copy.
struct UpdateStatus {
    std::int64_t activeVersion = 0; // 0: the content installed with the program
    std::int64_t stagedVersion = 0; // 0: none waiting
    std::int64_t downloadingVersion = 0;
    std::uint64_t downloadedBytes = 0, downloadSize = 0;
    std::string lastProblem; // the latest refusal or failure, for staff
    // One line for the staff screen, Vietnamese: the version served, one waiting, a download, a refusal.
    [[nodiscard]] std::string summary() const;
};

class ContentUpdater {
  public:
    ContentUpdater(ContentStore& store, UpdaterSettings settings, UpdateNetwork network);
    ContentUpdater(const ContentUpdater&) = delete;
    ContentUpdater& operator=(const ContentUpdater&) = delete;
    ~ContentUpdater();

    void start();
    void stop();
    // One check on the caller's thread (tests); returns when done or paused.
    void runOnce(std::stop_token stop = {});
    [[nodiscard]] UpdateStatus status() const;

  private:
    enum class Next { Wait, Retry };
    Next check(std::stop_token stop);
    Next fetch(const LatestPack& latest, std::stop_token stop);
    void problem(std::string line);
    void note(std::string_view line) const;

    ContentStore& m_store;
    UpdaterSettings m_settings;
    UpdateNetwork m_network;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    UpdateStatus m_status;
    std::jthread m_thread;
};

} // namespace kiosk
