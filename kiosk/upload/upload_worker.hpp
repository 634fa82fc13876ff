// The background upload worker: a thread with its own SQLite connection that puts due usage rollups in the
// outbox and sends due outbox messages through an injected sender (main passes one built on platform's
// libcurl client, so kiosk/ never includes curl). The frame loop never waits for it: it only reads status().
#pragma once

#include "upload/outbox.hpp"
#include "usage/stats_uploader.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kiosk {

// What became of one POST: an HTTP status (any), or status 0 and why there was no answer.
struct SendResult {
    long status = 0;
    std::string error;        // when status is 0: refused, timed out, bad certificate ...
    std::string responseBody; // the start of what the receiver said, for the log
};

// Sends one message (blocking). The stop token is set at shutdown: a sender should give up promptly then.
using OutboxSender = std::function<SendResult(const OutboxMessage&, std::stop_token)>;

// For the staff screen; a copy, safe to read from any thread.
struct UploadStatus {
    std::optional<std::chrono::system_clock::time_point> lastSuccessAt;
    std::optional<std::chrono::system_clock::time_point> lastErrorAt;
    std::string lastError;       // the latest failure, even if a later attempt succeeded (compare the times)
    std::size_t queueLength = 0; // messages not yet delivered
    std::size_t droppedMessages = 0; // pending messages dropped to keep the outbox bounded
    // One line for the staff screen, Vietnamese.
    [[nodiscard]] std::string summary() const;
};

struct UploadWorkerSettings {
    std::filesystem::path databaseFile;    // the kiosk's database (already migrated)
    std::optional<UploaderSettings> stats; // nullopt: no hub; only deliver what is queued (booking messages)
    int rawEventDays = 60;
    OutboxOptions outbox;
    std::chrono::milliseconds wakeEvery{5000};
    std::size_t batch = 20; // messages sent per round at most
    // Pending usage messages for the hub go as one upload of several days (after an outage), at most:
    std::size_t usageBatchDays = 31;
    std::size_t usageBatchBytes = 128 * 1024; // the hub takes 256 KiB

    std::function<std::chrono::system_clock::time_point()> clock = [] {
        return std::chrono::system_clock::now();
    };
    std::function<void(std::string_view)> log; // one line per problem; default: stderr
};

class UploadWorker {
  public:
    UploadWorker(UploadWorkerSettings settings, OutboxSender sender);
    UploadWorker(const UploadWorker&) = delete;
    UploadWorker& operator=(const UploadWorker&) = delete;
    ~UploadWorker(); // stops

    void start();
    // Wakes the thread, asks the sender to give up, and joins. Safe to call twice.
    void stop();
    // Something new is in the outbox (e.g. a booking message): send it now rather than at the next wake.
    void poke();
    [[nodiscard]] UploadStatus status() const;
    // The content version for the heartbeat, once the guides are loaded.
    void setContentVersion(std::string version);

    // One round on the caller's thread (tests, tools): enqueue what is due, send what is due. Not while
    // started.
    void runOnce();

  private:
    struct Connection;
    void run(std::stop_token stop);
    // Returns when the next message falls due, if any.
    std::optional<std::chrono::system_clock::time_point> round(Connection& connection, std::stop_token stop);
    void deliver(Connection& connection, const OutboxMessage& message, std::stop_token stop);
    // Sends the destination's pending usage messages as one upload when there are several; returns the
    // ids it covered (delivered or failed alike), empty when there was nothing to combine.
    std::vector<std::int64_t> deliverUsageBatch(Connection& connection, const std::string& destination,
                                                std::stop_token stop);
    // Marks `covered` delivered or failed by what the receiver said to `sent`.
    void settle(Connection& connection, const OutboxMessage& sent, const std::vector<OutboxMessage>& covered,
                SendResult result, std::stop_token stop);
    void noteError(std::string error, std::chrono::system_clock::time_point at);
    [[nodiscard]] std::string heartbeatError() const;

    UploadWorkerSettings m_settings;
    OutboxSender m_sender;
    mutable std::mutex m_mutex; // guards the members below
    std::condition_variable_any m_wake;
    bool m_poked = false;
    UploadStatus m_status;
    std::optional<std::string> m_newContentVersion;
    std::optional<std::string> m_lastLoggedRoundError;
    std::jthread m_thread; // last: stopped and joined before the members above go
};

} // namespace kiosk
