#include "upload/upload_worker.hpp"

#include "common/database.hpp"
#include "common/local_time.hpp"
#include "upload/upload_batch.hpp"
#include "usage/usage_events.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <set>

namespace kiosk {

namespace {

using std::chrono::system_clock;

bool isSuccess(long status) {
    return status >= 200 && status < 300;
}

// The hub's answer in one short line for the log and the staff screen.
std::string oneLine(std::string_view text, std::size_t maxBytes = 300) {
    std::string line;
    for (char c : text) {
        if (line.size() >= maxBytes) break;
        line += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0x80) != 0)
        line.pop_back(); // no half characters
    return line;
}

std::string describeFailure(const SendResult& result) {
    if (result.status == 0) return result.error.empty() ? std::string("no answer") : result.error;
    if (result.status == 429) return "HTTP 429: the receiver asks to slow down";
    if (result.status >= 500) return fmt::format("HTTP {}: the receiver failed", result.status);
    return fmt::format("HTTP {}: {}", result.status, oneLine(result.responseBody));
}

} // namespace

std::string UploadStatus::summary() const {
    std::string text = lastSuccessAt ? "Gửi thành công lần cuối: " + localTimeAndDay(*lastSuccessAt)
                                     : std::string("Chưa gửi được lần nào");
    text += fmt::format("; chờ gửi: {}", queueLength);
    if (lastErrorAt && (!lastSuccessAt || *lastErrorAt > *lastSuccessAt)) {
        text += fmt::format("; lỗi lúc {}: {}", localTimeAndDay(*lastErrorAt), lastError);
    }
    if (droppedMessages > 0) text += fmt::format("; đã bỏ {} tin vì hàng đợi đầy", droppedMessages);
    return text;
}

struct UploadWorker::Connection {
    db::Database db;
    Outbox outbox;
    UsageStore usage;
    std::optional<StatsUploader> uploader;
    std::string lastPruneDay;

    Connection(const UploadWorkerSettings& settings)
        : db(db::Database::open(settings.databaseFile)), outbox(db, settings.outbox), usage(db) {
        if (settings.stats) uploader.emplace(usage, outbox, *settings.stats);
    }
};

UploadWorker::UploadWorker(UploadWorkerSettings settings, OutboxSender sender)
    : m_settings(std::move(settings)), m_sender(std::move(sender)) {
    if (!m_settings.log) {
        m_settings.log = [](std::string_view line) { fmt::print(stderr, "kiosk: upload: {}\n", line); };
    }
}

UploadWorker::~UploadWorker() {
    stop();
}

void UploadWorker::start() {
    if (m_thread.joinable()) return;
    m_thread = std::jthread([this](std::stop_token stop) { run(stop); });
}

void UploadWorker::stop() {
    if (!m_thread.joinable()) return;
    m_thread.request_stop(); // wakes the wait below through its stop token, and tells the sender
    m_thread.join();
}

void UploadWorker::poke() {
    {
        std::lock_guard lock(m_mutex);
        m_poked = true;
    }
    m_wake.notify_all();
}

UploadStatus UploadWorker::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void UploadWorker::setContentVersion(std::string version) {
    std::lock_guard lock(m_mutex);
    m_newContentVersion = std::move(version);
}

void UploadWorker::noteError(std::string error, system_clock::time_point at) {
    std::lock_guard lock(m_mutex);
    m_status.lastError = std::move(error);
    m_status.lastErrorAt = at;
}

std::string UploadWorker::heartbeatError() const {
    std::lock_guard lock(m_mutex);
    const bool current =
        m_status.lastErrorAt && (!m_status.lastSuccessAt || *m_status.lastErrorAt > *m_status.lastSuccessAt);
    return current ? m_status.lastError : std::string();
}

void UploadWorker::runOnce() {
    Connection connection(m_settings);
    (void)round(connection, std::stop_token{});
}

void UploadWorker::run(std::stop_token stop) {
    std::optional<Connection> connection;
    while (!stop.stop_requested()) {
        std::optional<system_clock::time_point> nextDue;
        try {
            if (!connection) connection.emplace(m_settings);
            nextDue = round(*connection, stop);
            m_lastLoggedRoundError.reset();
        } catch (const std::exception& e) {
            // A busy or full disk: never let the worker die; try again at the next wake.
            std::string error = fmt::format("outbox: {}", e.what());
            if (m_lastLoggedRoundError != error) m_settings.log(error); // once, not every few seconds
            m_lastLoggedRoundError = error;
            noteError(std::move(error), m_settings.clock());
        }
        const auto now = system_clock::now();
        auto wakeAt = now + m_settings.wakeEvery;
        if (nextDue) {
            // nextDue is on the worker's clock, which tests may fix; convert through the distance to it.
            const auto untilDue = *nextDue - m_settings.clock();
            wakeAt = std::min(wakeAt, now + std::max(untilDue, system_clock::duration::zero()));
        }
        std::unique_lock lock(m_mutex);
        m_wake.wait_until(lock, stop, wakeAt, [this] { return m_poked; });
        m_poked = false;
    }
}

std::optional<system_clock::time_point> UploadWorker::round(Connection& c, std::stop_token stop) {
    const auto now = m_settings.clock();
    if (c.uploader) {
        std::optional<std::string> contentVersion;
        {
            std::lock_guard lock(m_mutex);
            contentVersion.swap(m_newContentVersion);
        }
        if (contentVersion) {
            UploaderSettings settings = *m_settings.stats;
            settings.contentVersion = *contentVersion;
            m_settings.stats = settings;
            c.uploader.emplace(c.usage, c.outbox, settings);
        }
        c.uploader->enqueueDue(now, heartbeatError());
    }
    const std::string today = localDay(now);
    if (c.lastPruneDay != today) {
        c.usage.pruneRawEvents(today, m_settings.rawEventDays, now);
        c.lastPruneDay = today;
    }

    const std::vector<OutboxMessage> due = c.outbox.due(now, m_settings.batch);
    std::set<std::string> batchedFor; // destinations whose usage went out as one upload this round
    std::set<std::int64_t> covered;   // messages that went in it
    for (const OutboxMessage& message : due) {
        if (stop.stop_requested()) break;
        if (covered.contains(message.id)) continue;
        if (message.kind == OutboxKind::usage && batchedFor.insert(message.destination).second) {
            const auto ids = deliverUsageBatch(c, message.destination, stop);
            covered.insert(ids.begin(), ids.end());
            if (covered.contains(message.id)) continue;
        }
        deliver(c, message, stop);
    }
    {
        const std::size_t pending =
            c.outbox.pendingCount(); // outside the lock: status() must never wait for disk
        std::lock_guard lock(m_mutex);
        m_status.queueLength = pending;
        m_status.droppedMessages = c.outbox.droppedPending();
    }
    return c.outbox.nextDue();
}

void UploadWorker::deliver(Connection& c, const OutboxMessage& message, std::stop_token stop) {
    SendResult result;
    try {
        result = m_sender(message, stop);
    } catch (const std::exception& e) {
        result.status = 0;
        result.error = e.what();
    }
    settle(c, message, {message}, std::move(result), stop);
}

std::vector<std::int64_t> UploadWorker::deliverUsageBatch(Connection& c, const std::string& destination,
                                                          std::stop_token stop) {
    const std::vector<OutboxMessage> pending =
        c.outbox.pending(OutboxKind::usage, destination, m_settings.usageBatchDays);
    const auto batch = batchUsageMessages(pending, m_settings.usageBatchDays, m_settings.usageBatchBytes);
    if (!batch) return {};
    std::vector<OutboxMessage> members;
    for (std::size_t index : batch->members)
        members.push_back(pending[index]);
    OutboxMessage combined = members.front();
    combined.body = batch->body;
    // The hub dedupes by kiosk id + day inside the body; this key only names the batch in logs.
    combined.idempotencyKey = members.front().idempotencyKey + ".." + members.back().idempotencyKey;
    SendResult result;
    try {
        result = m_sender(combined, stop);
    } catch (const std::exception& e) {
        result.status = 0;
        result.error = e.what();
    }
    settle(c, combined, members, std::move(result), stop);
    std::vector<std::int64_t> ids;
    for (const OutboxMessage& m : members)
        ids.push_back(m.id);
    return ids;
}

void UploadWorker::settle(Connection& c, const OutboxMessage& message,
                          const std::vector<OutboxMessage>& covered, SendResult result,
                          std::stop_token stop) {
    const auto now = m_settings.clock();
    if (isSuccess(result.status)) {
        for (const OutboxMessage& m : covered)
            c.outbox.markDelivered(m, now);
        std::lock_guard lock(m_mutex);
        m_status.lastSuccessAt = now;
        return;
    }
    // Every failure is retried with backoff, a 4xx too: it usually means a token or hub set-up that staff
    // will fix, and dropping the day's figures would lose them for good. The hub's words go to the log.
    const std::string error = describeFailure(result);
    if (stop.stop_requested() && result.status == 0)
        return; // cut short by shutdown: not the receiver's fault
    auto next = now;
    for (const OutboxMessage& m : covered)
        next = c.outbox.markFailed(m.id, error, now);
    const double wait = std::chrono::duration<double>(next - now).count();
    m_settings.log(fmt::format("{} ({} to {}): {}; attempt {}, next in {:.0f} s", message.idempotencyKey,
                               outboxKindName(message.kind), message.destination, error, message.attempts + 1,
                               wait));
    noteError(error, now);
}

} // namespace kiosk
