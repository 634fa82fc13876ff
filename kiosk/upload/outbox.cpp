#include "upload/outbox.hpp"

#include "common/local_time.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kiosk {

namespace {

using std::chrono::system_clock;

std::int64_t unixMs(system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

system_clock::time_point fromUnixMs(std::int64_t ms) {
    return system_clock::time_point{
        std::chrono::duration_cast<system_clock::duration>(std::chrono::milliseconds{ms})};
}

OutboxKind kindFromName(std::string_view name) {
    return name == "booking" ? OutboxKind::booking : OutboxKind::usage;
}

constexpr const char* kColumns =
    "id, kind, destination, idempotency_key, body, attempts, next_attempt_at, last_error, created_at, "
    "delivered_at IS NOT NULL";

OutboxMessage readMessage(const db::Statement& row) {
    OutboxMessage m;
    m.id = row.columnInt64(0);
    m.kind = kindFromName(row.columnText(1));
    m.destination = row.columnText(2);
    m.idempotencyKey = row.columnText(3);
    m.body = row.columnText(4);
    m.attempts = row.columnInt(5);
    m.nextAttemptAt = fromUnixMs(row.columnInt64(6));
    m.lastError = row.columnText(7);
    m.createdAt = row.columnText(8);
    m.delivered = row.columnInt(9) != 0;
    return m;
}

// At most maxBytes, cut on a character boundary so a long hub message never leaves broken UTF-8 behind.
std::string_view clipUtf8(std::string_view text, std::size_t maxBytes) {
    if (text.size() <= maxBytes) return text;
    std::size_t end = maxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end);
}

std::mt19937 makeRandom(const std::optional<std::uint32_t>& seed) {
    if (seed) return std::mt19937(*seed);
    std::random_device device;
    return std::mt19937(device());
}

} // namespace

std::string_view outboxKindName(OutboxKind kind) {
    return kind == OutboxKind::booking ? "booking" : "usage";
}

Outbox::Outbox(db::Database& db, OutboxOptions options)
    : m_db(db), m_options(options), m_random(makeRandom(options.seed)),
      // A key seen before replaces the body. A delivered message becomes pending again only if the body
      // changed (nothing new to say otherwise); a pending one keeps its attempts and retry time, so replacing
      // a body never hammers a hub that is down.
      m_upsert(db.prepare(R"sql(
INSERT INTO outbox_message (kind, destination, idempotency_key, body, next_attempt_at, created_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
ON CONFLICT (destination, idempotency_key) DO UPDATE SET
    kind = excluded.kind,
    body = excluded.body,
    attempts = CASE WHEN delivered_at IS NULL THEN attempts ELSE 0 END,
    next_attempt_at = CASE WHEN delivered_at IS NULL THEN next_attempt_at ELSE excluded.next_attempt_at END,
    last_error = CASE WHEN delivered_at IS NULL THEN last_error ELSE '' END,
    delivered_at = NULL
WHERE body != excluded.body OR delivered_at IS NULL)sql")),
      m_due(db.prepare(std::string("SELECT ") + kColumns +
                       " FROM outbox_message WHERE delivered_at IS NULL AND next_attempt_at <= ?1 "
                       "ORDER BY next_attempt_at, id LIMIT ?2")) {
    if (m_options.firstRetry.count() <= 0 || m_options.maxRetry < m_options.firstRetry ||
        m_options.jitter < 0 || m_options.jitter >= 1 || m_options.maxMessages <= m_options.keepNewestUsage) {
        throw std::invalid_argument("outbox options make no sense");
    }
}

std::int64_t Outbox::enqueue(OutboxKind kind, std::string_view destination, std::string_view idempotencyKey,
                             std::string_view body, system_clock::time_point now) {
    // Inside a caller's transaction (e.g. a booking and its webhook message, atomically) join it.
    std::optional<db::Transaction> transaction;
    if (sqlite3_get_autocommit(m_db.handle()) != 0) transaction.emplace(m_db);
    m_upsert.bind(1, outboxKindName(kind))
        .bind(2, destination)
        .bind(3, idempotencyKey)
        .bind(4, body)
        .bind(5, unixMs(now))
        .bind(6, isoUtc(now));
    m_upsert.run();
    db::Statement id =
        m_db.prepare("SELECT id FROM outbox_message WHERE destination = ?1 AND idempotency_key = ?2");
    id.bind(1, destination).bind(2, idempotencyKey);
    if (!id.step()) throw db::Error(SQLITE_INTERNAL, "outbox message vanished after enqueue");
    const std::int64_t messageId = id.columnInt64(0);
    trim();
    if (transaction) transaction->commit();
    return messageId;
}

void Outbox::trim() {
    db::Statement count = m_db.prepare("SELECT count(*) FROM outbox_message");
    if (!count.step()) return;
    std::int64_t excess = count.columnInt64(0) - static_cast<std::int64_t>(m_options.maxMessages);
    if (excess <= 0) return;

    db::Statement dropDelivered = m_db.prepare("DELETE FROM outbox_message WHERE id IN (SELECT id FROM "
                                               "outbox_message WHERE delivered_at IS NOT NULL "
                                               "ORDER BY id LIMIT ?1)");
    dropDelivered.bind(1, excess).run();
    excess -= m_db.changes();
    if (excess <= 0) return;

    // Team notices go before the commune's figures: a notice weeks old has lost its use, a day's rollup
    // has not (it is the only copy the hub will get).
    db::Statement dropBookings = m_db.prepare(
        "DELETE FROM outbox_message WHERE id IN (SELECT id FROM outbox_message WHERE delivered_at IS NULL "
        "AND kind = 'booking' ORDER BY id LIMIT ?1)");
    dropBookings.bind(1, excess).run();
    const int droppedBookings = m_db.changes();
    m_droppedPending += static_cast<std::size_t>(droppedBookings);
    excess -= droppedBookings;
    if (excess <= 0) return;

    // Newest by id is newest by day: a day's rollup is first enqueued when the day begins.
    db::Statement dropUsage = m_db.prepare(
        "DELETE FROM outbox_message WHERE id IN (SELECT id FROM outbox_message WHERE delivered_at IS NULL "
        "AND kind = 'usage' AND id NOT IN (SELECT id FROM outbox_message WHERE kind = 'usage' ORDER BY id "
        "DESC "
        "LIMIT ?2) ORDER BY id LIMIT ?1)");
    dropUsage.bind(1, excess).bind(2, static_cast<std::int64_t>(m_options.keepNewestUsage)).run();
    m_droppedPending += static_cast<std::size_t>(m_db.changes());
}

std::vector<OutboxMessage> Outbox::due(system_clock::time_point now, std::size_t limit) {
    std::vector<OutboxMessage> messages;
    m_due.bind(1, unixMs(now)).bind(2, static_cast<std::int64_t>(limit));
    while (m_due.step())
        messages.push_back(readMessage(m_due));
    m_due.reset();
    return messages;
}

std::vector<OutboxMessage> Outbox::pending(OutboxKind kind, std::string_view destination, std::size_t limit) {
    db::Statement query = m_db.prepare(std::string("SELECT ") + kColumns +
                                       " FROM outbox_message WHERE delivered_at IS NULL AND kind = ?1 AND "
                                       "destination = ?2 ORDER BY id LIMIT ?3");
    query.bind(1, outboxKindName(kind)).bind(2, destination).bind(3, static_cast<std::int64_t>(limit));
    std::vector<OutboxMessage> messages;
    while (query.step())
        messages.push_back(readMessage(query));
    return messages;
}

std::optional<system_clock::time_point> Outbox::nextDue() {
    db::Statement query =
        m_db.prepare("SELECT min(next_attempt_at) FROM outbox_message WHERE delivered_at IS NULL");
    if (!query.step() || query.columnIsNull(0)) return std::nullopt;
    return fromUnixMs(query.columnInt64(0));
}

bool Outbox::markDelivered(const OutboxMessage& sent, system_clock::time_point now) {
    db::Statement update = m_db.prepare(
        "UPDATE outbox_message SET delivered_at = ?3, last_error = '' WHERE id = ?1 AND body = ?2");
    update.bind(1, sent.id).bind(2, sent.body).bind(3, isoUtc(now)).run();
    return m_db.changes() == 1;
}

std::chrono::milliseconds Outbox::retryDelay(int attempts) {
    using std::chrono::milliseconds;
    const int doublings = std::clamp(attempts - 1, 0, 30);
    const double base =
        std::min(static_cast<double>(milliseconds(m_options.firstRetry).count()) * std::ldexp(1.0, doublings),
                 static_cast<double>(milliseconds(m_options.maxRetry).count()));
    std::uniform_real_distribution<double> factor(1.0 - m_options.jitter, 1.0 + m_options.jitter);
    return milliseconds(static_cast<std::int64_t>(std::llround(base * factor(m_random))));
}

system_clock::time_point Outbox::markFailed(std::int64_t id, std::string_view error,
                                            system_clock::time_point now) {
    int attempts = 1;
    {
        // Finished before the UPDATE: a statement left on its row holds a read snapshot, and a write
        // from it fails at once with SQLITE_BUSY (no busy timeout) if the usage writer committed since.
        db::Statement attemptsSoFar = m_db.prepare("SELECT attempts FROM outbox_message WHERE id = ?1");
        attemptsSoFar.bind(1, id);
        if (attemptsSoFar.step()) attempts += attemptsSoFar.columnInt(0);
    }
    const system_clock::time_point next = now + retryDelay(attempts);
    db::Statement update =
        m_db.prepare("UPDATE outbox_message SET attempts = ?2, next_attempt_at = ?3, last_error = ?4 "
                     "WHERE id = ?1 AND delivered_at IS NULL");
    update.bind(1, id).bind(2, attempts).bind(3, unixMs(next)).bind(4, clipUtf8(error, 500)).run();
    return next;
}

std::size_t Outbox::pendingCount() {
    db::Statement query = m_db.prepare("SELECT count(*) FROM outbox_message WHERE delivered_at IS NULL");
    return query.step() ? static_cast<std::size_t>(query.columnInt64(0)) : 0;
}

std::size_t Outbox::totalCount() {
    db::Statement query = m_db.prepare("SELECT count(*) FROM outbox_message");
    return query.step() ? static_cast<std::size_t>(query.columnInt64(0)) : 0;
}

std::optional<OutboxMessage> Outbox::find(std::string_view destination, std::string_view idempotencyKey) {
    db::Statement query =
        m_db.prepare(std::string("SELECT ") + kColumns +
                     " FROM outbox_message WHERE destination = ?1 AND idempotency_key = ?2");
    query.bind(1, destination).bind(2, idempotencyKey);
    if (!query.step()) return std::nullopt;
    return readMessage(query);
}

} // namespace kiosk
