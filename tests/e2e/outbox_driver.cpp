// Drives the real outbox, upload worker and libcurl client against a receiver on loopback, for the e2e tests.
//
//   outbox_driver --db FILE --url URL [--token T] [--messages N] [--timeout-s S]
//                 [--usage-day]        also record a morning of usage and let the uploader send today's figures
//   outbox_driver --check-url URL        whether the HTTP client would send to URL (exit 0) or not (exit 1)
//
// Enqueues N booking messages keyed e2e-k0 .. e2e-k<N-1> (and replaces e2e-k0's body once, before anything is
// sent), starts the worker with short retries, and exits 0 once the outbox is empty, 1 at the timeout.
#include "outbox.hpp"
#include "stats_uploader.hpp"
#include "storage/migrations.hpp"
#include "upload_worker.hpp"
#include "usage_events.hpp"

#include "platform/http_client.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace {

struct Options {
    std::string db;
    std::string url;
    std::string token;
    int messages = 5;
    int timeoutSeconds = 60;
    bool usageDay = false;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                fmt::print(stderr, "outbox_driver: {} needs a value\n", arg);
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--db") o.db = value();
        else if (arg == "--url") o.url = value();
        else if (arg == "--token") o.token = value();
        else if (arg == "--messages") o.messages = std::stoi(value());
        else if (arg == "--timeout-s") o.timeoutSeconds = std::stoi(value());
        else if (arg == "--usage-day") o.usageDay = true;
        else {
            fmt::print(stderr, "outbox_driver: unknown option {}\n", arg);
            std::exit(2);
        }
    }
    if (o.db.empty() || o.url.empty()) {
        fmt::print(stderr, "outbox_driver: --db and --url are required\n");
        std::exit(2);
    }
    return o;
}

void recordMorning(kiosk::db::Database& db, std::chrono::system_clock::time_point now) {
    kiosk::UsageRecorder recorder(db);
    recorder.sessionStarted(now);
    recorder.screenShown("home", now);
    recorder.guideStarted("vneid-kich-hoat", "vneid", now);
    for (int step = 1; step <= 3; ++step) recorder.guideStepReached("vneid-kich-hoat", "vneid", step, now);
    recorder.guideLeft("vneid-kich-hoat", "vneid", 3, now);
    recorder.sessionEnded(now);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--check-url") {  // prints "allowed" or why not; exit 0 / 1
        const auto allowed = platform::checkUploadUrl(argv[2]);
        fmt::print("{}\n", allowed ? std::string("allowed") : allowed.error());
        return allowed ? 0 : 1;
    }
    const Options options = parse(argc, argv);
    const auto now = std::chrono::system_clock::now();
    platform::CurlGlobal curl;
    {
        kiosk::db::OpenedDatabase opened = kiosk::db::openKioskDatabase(options.db, now);
        kiosk::Outbox outbox(opened.db);
        for (int i = 0; i < options.messages; ++i) {
            outbox.enqueue(kiosk::OutboxKind::booking, options.url, fmt::format("e2e-k{}", i),
                           fmt::format(R"({{"n":{},"v":1}})", i), now);
        }
        if (options.messages > 0) {
            outbox.enqueue(kiosk::OutboxKind::booking, options.url, "e2e-k0", R"({"n":0,"v":2})", now);
        }
        if (options.usageDay) recordMorning(opened.db, now);
    }

    kiosk::UploadWorkerSettings settings;
    settings.databaseFile = options.db;
    settings.outbox.firstRetry = std::chrono::seconds(1);
    settings.outbox.maxRetry = std::chrono::seconds(2);
    settings.wakeEvery = std::chrono::milliseconds(500);
    if (options.usageDay) {
        kiosk::UploaderSettings stats;
        stats.kioskId = "e2e-kiosk";
        stats.village = "Thôn Đông";
        stats.destination = options.url;
        stats.interval = std::chrono::minutes(15);
        stats.dataDir = std::filesystem::path(options.db).parent_path();
        stats.contentVersion = "e2e";
        stats.startedAt = now;
        settings.stats = stats;
    }
    auto send = [&options](const kiosk::OutboxMessage& message, std::stop_token stop) {
        platform::HttpPost post;
        post.url = message.destination;
        post.body = message.body;
        post.idempotencyKey = message.idempotencyKey;
        post.bearerToken = options.token;
        post.connectTimeout = std::chrono::seconds(2);
        post.totalTimeout = std::chrono::seconds(5);
        post.stop = std::move(stop);
        auto response = platform::postJson(post);
        if (!response) return kiosk::SendResult{0, response.error(), {}};
        return kiosk::SendResult{response->status, {}, std::move(response->body)};
    };
    kiosk::UploadWorker worker(settings, send);
    worker.start();

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeoutSeconds);
    while (std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const kiosk::UploadStatus status = worker.status();
        if (status.lastSuccessAt && status.queueLength == 0) {
            worker.stop();
            kiosk::db::Database db = kiosk::db::Database::open(options.db);
            kiosk::Outbox outbox(db);
            fmt::print("outbox_driver: delivered; pending {}\n", outbox.pendingCount());
            return outbox.pendingCount() == 0 ? 0 : 1;
        }
    }
    worker.stop();
    fmt::print("outbox_driver: TIMEOUT: {}\n", worker.status().summary());
    return 1;
}
