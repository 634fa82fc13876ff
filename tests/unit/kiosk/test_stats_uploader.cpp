#include "upload/upload_batch.hpp"
#include "upload/upload_worker.hpp"
#include "usage/stats_uploader.hpp"

#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using kiosk::Outbox;
using kiosk::OutboxMessage;
using kiosk::SendResult;
using kiosk::StatsUploader;
using kiosk::UploaderSettings;
using kiosk::UsageRecorder;
using kiosk::UsageStore;
using namespace std::chrono_literals;

namespace {

// 2026-11-25 10:00 in Hanoi (03:00 UTC).
const std::chrono::system_clock::time_point started =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + 3h;
const std::chrono::system_clock::time_point localMidnight26 =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} - 7h;
constexpr const char* hub = "https://hub.example.vn/api/v1/uploads";

UploaderSettings settings(const std::filesystem::path& dataDir) {
    UploaderSettings s;
    s.kioskId = "donganh-thon-dong-01";
    s.village = "Thôn Đông";
    s.destination = hub;
    s.interval = 15min;
    s.dataDir = dataDir;
    s.contentVersion = "2026-11-01";
    s.startedAt = started;
    return s;
}

kiosk::OutboxOptions seeded() {
    kiosk::OutboxOptions options;
    options.seed = 3;
    return options;
}

struct Fixture {
    test::TempDir dir{"kiosk-test-stats"};
    std::filesystem::path file = dir.path / "kiosk.db";
    kiosk::db::Database db = kiosk::db::openKioskDatabase(file, started).db;
    Outbox outbox{db, seeded()};
    UsageStore usage{db};
    StatsUploader uploader{usage, outbox, settings(dir.path)};
};

kiosk::upload::Upload parse(const std::string& body) {
    auto parsed = kiosk::upload::parseUpload(body, "2026-12-31");
    INFO(body);
    REQUIRE(parsed.has_value());
    return *parsed;
}

} // namespace

TEST_CASE("stats: the upload URL comes from the hub's address") {
    CHECK(kiosk::hubUploadUrl("https://hub.example.vn") == "https://hub.example.vn/api/v1/uploads");
    CHECK(kiosk::hubUploadUrl("https://hub.example.vn/") == "https://hub.example.vn/api/v1/uploads");
    CHECK(kiosk::hubUploadUrl("https://hub.example.vn/api") == "https://hub.example.vn/api/v1/uploads");
    CHECK(kiosk::hubUploadUrl("http://127.0.0.1:8080/api/v1/uploads") ==
          "http://127.0.0.1:8080/api/v1/uploads");
    CHECK(kiosk::hubUploadUrl("") == "");
}

TEST_CASE("stats: today's figures so far go out at once, then every interval, replacing by key") {
    Fixture f;
    {
        UsageRecorder recorder(f.db);
        recorder.sessionStarted(started - 1min);
    }
    CHECK(f.uploader.enqueueDue(started, "") == 1);
    auto message = f.outbox.find(hub, "donganh-thon-dong-01:2026-11-25");
    REQUIRE(message);
    CHECK(message->kind == kiosk::OutboxKind::usage);
    auto upload = parse(message->body);
    CHECK(upload.schemaVersion == kiosk::upload::kSchemaVersion);
    CHECK(upload.kioskId == "donganh-thon-dong-01");
    CHECK(upload.village == "Thôn Đông");
    CHECK(upload.heartbeat.version == KIOSK_VERSION);
    CHECK(upload.heartbeat.uptimeSeconds == 0);
    CHECK(upload.heartbeat.contentVersion == "2026-11-01");
    CHECK(upload.heartbeat.sentAt == "2026-11-25T03:00:00Z");
    CHECK(upload.heartbeat.freeDiskMb > 0);
    REQUIRE(upload.days.size() == 1);
    CHECK(upload.days[0].day == "2026-11-25");
    CHECK_FALSE(upload.days[0].complete);
    CHECK(upload.days[0].sessions == 1);

    CHECK(f.uploader.enqueueDue(started + 14min, "") == 0); // within the interval: nothing
    {
        UsageRecorder recorder(f.db);
        recorder.sessionStarted(started + 10min);
    }
    CHECK(f.uploader.enqueueDue(started + 15min, "HTTP 503: the receiver failed") == 1);
    CHECK(f.outbox.totalCount() == 1); // replaced, not added
    upload = parse(f.outbox.find(hub, "donganh-thon-dong-01:2026-11-25")->body);
    CHECK(upload.days[0].sessions == 2);
    CHECK(upload.heartbeat.uptimeSeconds == 15 * 60);
    CHECK(upload.heartbeat.lastError == "HTTP 503: the receiver failed");
}

TEST_CASE("stats: a finished day is sent complete once, after a grace period past midnight") {
    Fixture f;
    {
        UsageRecorder recorder(f.db);
        recorder.sessionStarted(started);
        recorder.sessionStarted(started + 1h);
    }
    CHECK(f.uploader.enqueueDue(started + 2h, "") == 1); // today so far
    const std::string yesterdayKey = "donganh-thon-dong-01:2026-11-25";

    // Five minutes past midnight the 25th is not final yet: only the 26th's "so far" goes.
    CHECK(f.uploader.enqueueDue(localMidnight26 + 5min, "") == 1);
    CHECK_FALSE(parse(f.outbox.find(hub, yesterdayKey)->body).days[0].complete);

    CHECK(f.uploader.enqueueDue(localMidnight26 + 11min, "") == 1);
    auto message = f.outbox.find(hub, yesterdayKey);
    REQUIRE(message);
    auto upload = parse(message->body);
    CHECK(upload.days[0].complete);
    CHECK(upload.days[0].sessions == 2);
    CHECK(f.outbox.totalCount() == 2); // the 25th (replaced by its final figures) and the 26th

    // Delivered, it is never sent again.
    for (const OutboxMessage& m : f.outbox.due(localMidnight26 + 12min, 10))
        f.outbox.markDelivered(m, localMidnight26 + 12min);
    CHECK(f.uploader.enqueueDue(localMidnight26 + 13min, "") == 0);
    CHECK(f.uploader.enqueueDue(localMidnight26 + 2h, "") == 1); // only today's so far
    CHECK(f.outbox.find(hub, yesterdayKey)->delivered);
}

TEST_CASE("stats: days recorded while no hub was set are sent complete once one is") {
    Fixture f;
    {
        UsageRecorder recorder(f.db);
        for (int daysAgo = 3; daysAgo >= 1; --daysAgo)
            recorder.sessionStarted(started - std::chrono::days{daysAgo});
    }
    CHECK(f.uploader.enqueueDue(started, "") == 4); // three finished days and today
    for (const char* day : {"2026-11-22", "2026-11-23", "2026-11-24"}) {
        auto message = f.outbox.find(hub, std::string("donganh-thon-dong-01:") + day);
        REQUIRE(message);
        auto upload = parse(message->body);
        CHECK(upload.days[0].complete);
        CHECK(upload.days[0].sessions == 1);
    }
}

TEST_CASE("stats: a realistic day's upload is within the hub's limits and small") {
    Fixture f;
    {
        UsageRecorder recorder(f.db);
        auto t = started;
        for (int session = 0; session < 40; ++session, t += 10min) {
            recorder.sessionStarted(t);
            recorder.screenShown("home", t);
            const std::string id = "guide-" + std::to_string(session % 18);
            recorder.guideStarted(id, "vneid", t);
            for (int step = 1; step <= 1 + session % 8; ++step)
                recorder.guideStepReached(id, "vneid", step, t);
            recorder.guideLeft(id, "vneid", 1 + session % 8, t);
            recorder.sessionEnded(t + 5min);
        }
    }
    f.uploader.enqueueDue(started + 8h, "");
    const auto message = f.outbox.find(hub, "donganh-thon-dong-01:2026-11-25");
    REQUIRE(message);
    CHECK(message->body.size() < kiosk::upload::kMaxUploadBytes);
    const auto upload = parse(message->body);
    CHECK(upload.days[0].sessions == 40);
    CHECK(upload.days[0].guides.size() == 18);
}

TEST_CASE("stats: export writes one upload per line for every day still present") {
    Fixture f;
    {
        UsageRecorder recorder(f.db);
        recorder.sessionStarted(started - 48h);
        recorder.sessionStarted(started);
    }
    // An older day whose raw events are gone but whose rollup was kept.
    CHECK(f.usage.pruneRawEvents("2026-11-25", 1, started) == 1);
    {
        UsageRecorder recorder(f.db);
        recorder.sessionStarted(started + 1h);
    }
    const auto file = f.dir.path / "stats.jsonl";
    const auto written = kiosk::writeExport(file, f.usage, settings(f.dir.path), started + 2h);
    REQUIRE(written.has_value());
    CHECK(*written == 2);
    std::ifstream in(file);
    std::vector<kiosk::upload::Upload> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(parse(line));
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].days[0].day == "2026-11-23");
    CHECK(lines[0].days[0].complete);
    CHECK(lines[0].days[0].sessions == 1);
    CHECK(lines[1].days[0].day == "2026-11-25");
    CHECK_FALSE(lines[1].days[0].complete);
    CHECK(lines[1].days[0].sessions == 2);

    CHECK_FALSE(
        kiosk::writeExport(f.dir.path / "no-such-dir" / "x.jsonl", f.usage, settings(f.dir.path), started));
}

// ---- the worker, one round at a time with a fake sender ----

namespace {

struct FakeReceiver {
    std::mutex mutex;
    std::vector<OutboxMessage> received;
    long status = 200;
    std::string answer = R"({"stored_days": 1})";

    kiosk::OutboxSender sender() {
        return [this](const OutboxMessage& m, std::stop_token) {
            std::lock_guard lock(mutex);
            received.push_back(m);
            if (status == 0) return SendResult{0, "Couldn't connect to server", {}};
            return SendResult{status, {}, answer};
        };
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return received.size();
    }
};

kiosk::UploadWorkerSettings workerSettings(const std::filesystem::path& file, std::vector<std::string>& log,
                                           std::chrono::system_clock::time_point& clock) {
    kiosk::UploadWorkerSettings s;
    s.databaseFile = file;
    s.stats = settings(file.parent_path());
    s.outbox = seeded();
    s.clock = [&clock] { return clock; };
    s.log = [&log](std::string_view line) { log.emplace_back(line); };
    return s;
}

} // namespace

TEST_CASE("worker: a round enqueues today's figures and delivers them, 2xx marks delivered") {
    Fixture f;
    std::vector<std::string> log;
    auto clock = started;
    FakeReceiver receiver;
    kiosk::UploadWorker worker(workerSettings(f.file, log, clock), receiver.sender());
    worker.runOnce();
    REQUIRE(receiver.count() == 1);
    CHECK(receiver.received[0].idempotencyKey == "donganh-thon-dong-01:2026-11-25");
    CHECK(f.outbox.pendingCount() == 0);
    const auto status = worker.status();
    CHECK(status.lastSuccessAt == started);
    CHECK(status.queueLength == 0);
    CHECK(status.lastError.empty());
    CHECK(log.empty());
    CHECK(status.summary().find("Gửi thành công lần cuối: 10:00 25/11") != std::string::npos);
}

TEST_CASE("worker: 5xx, 429 and no answer are retried with backoff, the outbox keeps the message") {
    for (long failure : {0L, 500L, 503L, 429L}) {
        CAPTURE(failure);
        Fixture f;
        std::vector<std::string> log;
        auto clock = started;
        FakeReceiver receiver;
        receiver.status = failure;
        kiosk::UploadWorker worker(workerSettings(f.file, log, clock), receiver.sender());
        worker.runOnce();
        CHECK(receiver.count() == 1);
        CHECK(f.outbox.pendingCount() == 1);
        auto message = f.outbox.find(hub, "donganh-thon-dong-01:2026-11-25");
        REQUIRE(message);
        CHECK(message->attempts == 1);
        CHECK(message->nextAttemptAt >= started + 24s);
        CHECK(log.size() == 1);
        CHECK(worker.status().lastErrorAt == started);

        worker.runOnce(); // not due yet: nothing sent
        CHECK(receiver.count() == 1);

        clock = message->nextAttemptAt;
        receiver.status = 200;
        worker.runOnce();
        CHECK(receiver.count() == 2);
        CHECK(f.outbox.pendingCount() == 0);
        CHECK(worker.status().lastSuccessAt == clock);
    }
}

TEST_CASE("worker: a 4xx is retried too, and the hub's message is logged, never dropped silently") {
    Fixture f;
    std::vector<std::string> log;
    auto clock = started;
    FakeReceiver receiver;
    receiver.status = 400;
    receiver.answer = R"({"error": "kiosk_id: not registered"})";
    kiosk::UploadWorker worker(workerSettings(f.file, log, clock), receiver.sender());
    worker.runOnce();
    REQUIRE(log.size() == 1);
    CHECK(log[0].find("HTTP 400") != std::string::npos);
    CHECK(log[0].find("kiosk_id: not registered") != std::string::npos);
    CHECK(f.outbox.pendingCount() == 1);
    const auto status = worker.status();
    CHECK(status.lastError.find("kiosk_id: not registered") != std::string::npos);
    CHECK(status.summary().find("kiosk_id: not registered") != std::string::npos);
    CHECK(status.queueLength == 1);
}

TEST_CASE("worker: booking messages are delivered without a hub") {
    Fixture f;
    f.outbox.enqueue(kiosk::OutboxKind::booking, "https://webhook.example.vn/b", "booking:ACD347:made",
                     R"({"event":"made"})", started);
    std::vector<std::string> log;
    auto clock = started;
    FakeReceiver receiver;
    auto s = workerSettings(f.file, log, clock);
    s.stats.reset();
    kiosk::UploadWorker worker(s, receiver.sender());
    worker.runOnce();
    REQUIRE(receiver.count() == 1);
    CHECK(receiver.received[0].kind == kiosk::OutboxKind::booking);
    CHECK(f.outbox.pendingCount() == 0);
}

TEST_CASE("worker: the thread sends when poked and stops promptly, mid-wait") {
    Fixture f;
    std::vector<std::string> log;
    auto clock = started;
    FakeReceiver receiver;
    auto s = workerSettings(f.file, log, clock);
    s.stats.reset();
    s.wakeEvery = 60s; // only a poke or the stop can wake it
    kiosk::UploadWorker worker(s, receiver.sender());
    worker.start();
    std::this_thread::sleep_for(100ms);
    f.outbox.enqueue(kiosk::OutboxKind::booking, "https://webhook.example.vn/b", "k1", "{}", started);
    worker.poke();
    for (int i = 0; i < 200 && receiver.count() == 0; ++i)
        std::this_thread::sleep_for(10ms);
    CHECK(receiver.count() == 1);
    const auto before = std::chrono::steady_clock::now();
    worker.stop();
    CHECK(std::chrono::steady_clock::now() - before < 1s);
    worker.stop(); // twice is fine
}

TEST_CASE("stats: events that reach a day after it was sent complete send that day again, with them") {
    Fixture f;
    {
        UsageRecorder recorder(f.db);
        recorder.sessionStarted(started);
    }
    const std::string key = "donganh-thon-dong-01:2026-11-25";
    REQUIRE(f.uploader.enqueueDue(localMidnight26 + 11min, "") >= 1);
    REQUIRE(parse(f.outbox.find(hub, key)->body).days[0].sessions == 1);
    for (const OutboxMessage& m : f.outbox.due(localMidnight26 + 12min, 10))
        f.outbox.markDelivered(m, localMidnight26 + 12min);
    (void)f.uploader.enqueueDue(localMidnight26 + 13min, "");
    CHECK(f.outbox.find(hub, key)->delivered); // sent complete: not again

    // The writer was held up: an evening session of the 25th is written only now.
    {
        UsageRecorder recorder(f.db);
        recorder.sessionStarted(localMidnight26 - 1h);
    }
    CHECK(f.uploader.enqueueDue(localMidnight26 + 20min, "") >= 1);
    const auto again = f.outbox.find(hub, key);
    REQUIRE(again);
    CHECK_FALSE(again->delivered);
    const auto upload = parse(again->body);
    CHECK(upload.days[0].complete);
    CHECK(upload.days[0].sessions == 2);
}

// ---- after an outage: the days waiting in the outbox go as one upload ----

namespace {

// A finished day's usage message as the uploader makes it, made at `madeAt`.
void enqueueFinishedDay(Fixture& f, const std::string& day, int sessions,
                        std::chrono::system_clock::time_point madeAt) {
    kiosk::upload::DailyRollup rollup;
    rollup.day = day;
    rollup.complete = true;
    rollup.sessions = sessions;
    const auto upload = f.uploader.makeUpload(rollup, madeAt, "");
    f.outbox.enqueue(kiosk::OutboxKind::usage, hub, f.uploader.idempotencyKey(day),
                     kiosk::upload::toJson(upload).dump(), madeAt);
}

} // namespace

TEST_CASE("batch: several days' messages become one upload under the newest heartbeat") {
    Fixture f;
    for (int i = 0; i < 4; ++i)
        enqueueFinishedDay(f, "2026-11-2" + std::to_string(i), 10 + i, started - 24h * (4 - i));
    const auto pending = f.outbox.pending(kiosk::OutboxKind::usage, hub, 100);
    REQUIRE(pending.size() == 4);
    const auto batch = kiosk::batchUsageMessages(pending, 31, 128 * 1024);
    REQUIRE(batch);
    CHECK(batch->members == std::vector<std::size_t>{0, 1, 2, 3});
    const auto upload = parse(batch->body);
    REQUIRE(upload.days.size() == 4);
    for (int i = 0; i < 4; ++i) {
        CHECK(upload.days[i].day == "2026-11-2" + std::to_string(i));
        CHECK(upload.days[i].sessions == 10 + i);
        CHECK(upload.days[i].complete);
    }
    CHECK(upload.heartbeat.sentAt == kiosk::isoUtc(started - 24h)); // the newest message's
    CHECK(upload.kioskId == "donganh-thon-dong-01");

    // Limits: days and bytes; one message alone is no batch.
    CHECK(kiosk::batchUsageMessages(pending, 2, 128 * 1024)->members == std::vector<std::size_t>{0, 1});
    CHECK_FALSE(kiosk::batchUsageMessages(pending, 1, 128 * 1024));
    CHECK_FALSE(kiosk::batchUsageMessages({pending[0]}, 31, 128 * 1024));
    CHECK_FALSE(kiosk::batchUsageMessages(pending, 31, 1500));
    // A body that is not an upload goes on its own.
    auto odd = pending;
    odd[1].body = "not json";
    CHECK(kiosk::batchUsageMessages(odd, 31, 128 * 1024)->members == std::vector<std::size_t>{0, 2, 3});
}

TEST_CASE(
    "worker: after an outage the waiting days go in one request, and are all delivered or all retried") {
    for (long answer : {500L, 200L}) {
        CAPTURE(answer);
        Fixture f;
        for (int i = 0; i < 5; ++i)
            enqueueFinishedDay(f, "2026-11-2" + std::to_string(i), 10 + i, started - 24h * (5 - i));
        std::vector<std::string> log;
        auto clock = started;
        FakeReceiver receiver;
        receiver.status = answer;
        kiosk::UploadWorker worker(workerSettings(f.file, log, clock), receiver.sender());
        worker.runOnce(); // also enqueues today so far: 6 days
        REQUIRE(receiver.count() == 1);
        const auto upload = parse(receiver.received[0].body);
        REQUIRE(upload.days.size() == 6);
        CHECK(upload.days.front().day == "2026-11-20");
        CHECK(upload.days.back().day == "2026-11-25");
        CHECK_FALSE(upload.days.back().complete); // today so far, and its heartbeat is the newest
        CHECK(upload.heartbeat.sentAt == kiosk::isoUtc(started));
        if (answer == 200) {
            CHECK(f.outbox.pendingCount() == 0);
        } else {
            CHECK(f.outbox.pendingCount() == 6);
            for (const auto& m : f.outbox.pending(kiosk::OutboxKind::usage, hub, 100))
                CHECK(m.attempts == 1);
            CHECK(log.size() == 1);
        }
    }
}
