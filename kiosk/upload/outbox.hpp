// A durable outbox in SQLite: messages for the commune hub and the booking webhook, delivered at least once.
// Each message has an idempotency key, unique per destination; the receiver dedupes by it, and enqueuing the
// same key again replaces the body (today's rollup is re-sent all day without ever counting twice).
// Nothing here reads the clock or touches the network: the caller passes "now", a worker does the sending.
#pragma once

#include "common/database.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class OutboxKind { usage, booking };

[[nodiscard]] std::string_view outboxKindName(OutboxKind kind); // as stored: "usage", "booking"

struct OutboxMessage {
    std::int64_t id = 0;
    OutboxKind kind = OutboxKind::usage;
    std::string destination; // URL
    std::string idempotencyKey;
    std::string body; // JSON
    int attempts = 0;
    std::chrono::system_clock::time_point nextAttemptAt;
    std::string lastError;
    std::string createdAt; // ISO-8601 UTC
    bool delivered = false;
};

struct OutboxOptions {
    std::chrono::seconds firstRetry{30}; // after the first failure; doubles with each further one
    std::chrono::seconds maxRetry{3600}; // the doubling stops here (before jitter)
    double jitter = 0.2;                 // each delay is scaled by a random factor in [1-jitter, 1+jitter]
    std::size_t maxMessages = 5000;      // delivered and pending together
    // Never dropped to make room: the newest usage messages (one per day: a month of rollups).
    std::size_t keepNewestUsage = 31;
    std::optional<std::uint32_t> seed; // for the jitter; set in tests, random otherwise
};

class Outbox {
  public:
    explicit Outbox(db::Database& db, OutboxOptions options = {});

    // Adds a message due now, or, if the destination already has that key, replaces its body. A delivered
    // message whose body changed becomes pending again; a pending one keeps its retry schedule. Returns the
    // message id. Makes room (see trim) when the outbox is full.
    std::int64_t enqueue(OutboxKind kind, std::string_view destination, std::string_view idempotencyKey,
                         std::string_view body, std::chrono::system_clock::time_point now);

    // Pending messages whose next attempt is due, the most overdue first.
    [[nodiscard]] std::vector<OutboxMessage> due(std::chrono::system_clock::time_point now,
                                                 std::size_t limit);
    // Pending messages of one kind for one destination, due or not, oldest first (to send as one batch).
    [[nodiscard]] std::vector<OutboxMessage> pending(OutboxKind kind, std::string_view destination,
                                                     std::size_t limit);
    // When the next pending message falls due, if any: lets a worker sleep until then.
    [[nodiscard]] std::optional<std::chrono::system_clock::time_point> nextDue();

    // Marks the message delivered, unless its body was replaced while this one was on its way: then the new
    // body is still pending and goes out next. Returns whether it was marked.
    bool markDelivered(const OutboxMessage& sent, std::chrono::system_clock::time_point now);
    // Records the error and schedules the next attempt with exponential backoff and jitter. Returns its time.
    std::chrono::system_clock::time_point markFailed(std::int64_t id, std::string_view error,
                                                     std::chrono::system_clock::time_point now);

    [[nodiscard]] std::size_t pendingCount();
    [[nodiscard]] std::size_t totalCount();
    [[nodiscard]] std::optional<OutboxMessage> find(std::string_view destination,
                                                    std::string_view idempotencyKey);
    // Messages dropped to keep the outbox bounded since this object was made (for the log and staff mode).
    [[nodiscard]] std::size_t droppedPending() const { return m_droppedPending; }

    // The delay before attempt number attempts+1, given that `attempts` have failed (attempts >= 1).
    [[nodiscard]] std::chrono::milliseconds retryDelay(int attempts);

  private:
    // Keeps at most maxMessages: drops the oldest delivered first, then the oldest pending bookings, and
    // only then the oldest pending usage messages (never the newest keepNewestUsage of them).
    void trim();

    db::Database& m_db;
    OutboxOptions m_options;
    std::mt19937 m_random;
    db::Statement m_upsert;
    db::Statement m_due;
    std::size_t m_droppedPending = 0;
};

} // namespace kiosk
