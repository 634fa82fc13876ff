// Measures what a usage event costs on the UI thread, and the size of one realistic day's upload.
//
//   usage_events_bench GUIDES_DIR [EVENTS]
//
// Prints "name value" lines:
//   background_us_per_event    UsageRecorder as shipped: buffered, written by its own thread in batches
//   background_max_ms          the slowest single call on the UI thread
//   caller_thread_us_per_event the same buffer written on the caller's thread (one batch, one fsync)
//   caller_thread_max_ms       the slowest single call then: the one that wrote the batch
//   paced_median_us / paced_p99_us / paced_max_ms  one call at a steady 500 events a second (background
//   writer) own_transaction_us_per_event  for comparison: each event its own commit (an fsync with
//   synchronous=FULL) rollup_ms                  computing the day's rollup from all those events
//   upload_bytes / upload_gzip_bytes  one realistic day (the bundled guides' ids and step counts) as sent
#include "storage/migrations.hpp"
#include "usage/stats_uploader.hpp"
#include "usage/usage_events.hpp"

#include "platform/http_client.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct GuideShape {
    std::string id;
    std::string topic;
    int steps = 0;
};

// The bundled guides' ids, topics and step counts, read roughly from their TOML (enough for a realistic
// size).
std::vector<GuideShape> readGuides(const fs::path& dir) {
    std::vector<GuideShape> guides;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".toml") continue;
        std::ifstream in(entry.path());
        GuideShape g;
        g.id = entry.path().stem().string();
        g.topic = g.id.substr(0, g.id.find('-'));
        for (std::string line; std::getline(in, line);) {
            if (line.rfind("[[step", 0) == 0) ++g.steps;
        }
        guides.push_back(g);
    }
    std::ranges::sort(guides, {}, &GuideShape::id);
    return guides;
}

struct TempDir {
    fs::path path = fs::temp_directory_path() / fmt::format("kiosk-bench-usage-{}", ::getpid());
    TempDir() { fs::create_directories(path); }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// A resident's session through one guide: the events the app records for it.
void session(kiosk::UsageRecorder& r, const GuideShape& g, int leaveAt,
             std::chrono::system_clock::time_point& t, std::mt19937& random) {
    const auto tick = [&t] { t += std::chrono::seconds(7); };
    r.sessionStarted(t);
    r.screenShown("home", t), tick();
    r.screenShown("topic", t), tick();
    r.screenShown("guide_intro", t), tick();
    r.guideStarted(g.id, g.topic, t);
    r.screenShown("guide_step", t);
    const int last = std::min(leaveAt, g.steps);
    for (int step = 1; step <= last; ++step) {
        r.guideStepReached(g.id, g.topic, step, t), tick();
        if (random() % 3 == 0) r.narrationPlayed(t);
        if (random() % 4 == 0) r.practiceTap(random() % 4 != 0, t);
    }
    if (last == g.steps) {
        r.guideFinished(g.id, g.topic, t);
        r.screenShown("guide_finish", t);
        r.qrShown(t);
    } else {
        r.guideLeft(g.id, g.topic, last, t);
    }
    if (random() % 5 == 0) r.textSizeChanged(1, t);
    if (random() % 8 == 0) r.booking(kiosk::BookingEvent::made, t);
    if (random() % 3 == 0) {
        r.surveyAnswer(kiosk::SurveyQuestion::smartphone,
                       random() % 2 ? kiosk::SurveyAnswer::yes : kiosk::SurveyAnswer::no, t);
        r.surveyAnswer(kiosk::SurveyQuestion::vneidLevel2, kiosk::SurveyAnswer::skip, t);
    }
    r.sessionEnded(t);
    t += std::chrono::minutes(3);
}

double microsecondsPer(Clock::duration total, long count) {
    return std::chrono::duration<double, std::micro>(total).count() / static_cast<double>(count);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: usage_events_bench GUIDES_DIR [EVENTS]\n");
        return 2;
    }
    const std::vector<GuideShape> guides = readGuides(argv[1]);
    const long events = argc > 2 ? std::stol(argv[2]) : 100000;
    if (guides.empty()) {
        fmt::print(stderr, "no guides in {}\n", argv[1]);
        return 2;
    }
    TempDir dir;
    // 08:00 in Hanoi on a fixed day; every event 10 ms after the previous, so a write every 100 events.
    const std::chrono::system_clock::time_point morning =
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + std::chrono::hours(1);

    // As shipped (background writer), then with the writes on the caller's thread for comparison.
    for (auto writes : {kiosk::RecorderWrites::background, kiosk::RecorderWrites::onCallerThread}) {
        const bool background = writes == kiosk::RecorderWrites::background;
        const char* name = background ? "background" : "caller_thread";
        kiosk::db::Database db =
            kiosk::db::openKioskDatabase(dir.path / fmt::format("{}.db", name), morning).db;
        Clock::duration total{};
        Clock::duration slowest{};
        {
            kiosk::UsageRecorder recorder(db, writes);
            auto t = morning;
            const auto start = Clock::now();
            for (long i = 0; i < events; ++i) {
                const auto before = Clock::now();
                recorder.guideStepReached(guides[static_cast<std::size_t>(i) % guides.size()].id, "vneid",
                                          1 + static_cast<int>(i % 8), t);
                slowest = std::max(slowest, Clock::now() - before);
                t += std::chrono::milliseconds(10);
            }
            total = Clock::now() - start; // what the UI thread spent
            recorder.flush();
        }
        fmt::print("{}_us_per_event {:.3f}\n", name, microsecondsPer(total, events));
        fmt::print("{}_max_ms {:.3f}\n", name, std::chrono::duration<double, std::milli>(slowest).count());

        kiosk::UsageStore store(db);
        const auto rollupStart = Clock::now();
        const auto rollup = store.compute(kiosk::localDay(morning), false);
        if (background) {
            fmt::print("rollup_ms {:.3f}\n",
                       std::chrono::duration<double, std::milli>(Clock::now() - rollupStart).count());
        }
        int reached = 0;
        for (const auto& g : rollup.guides)
            for (const auto& [step, n] : g.reachedStep)
                reached += n;
        if (reached != events) {
            fmt::print(stderr, "{}: {} events recorded, {} in the rollup\n", name, events, reached);
            return 1;
        }
    }

    { // At a finger's pace (an event every 2 ms, still far faster than any resident): what one call costs the
      // UI thread while the writer commits every second in the background.
        kiosk::db::Database db = kiosk::db::openKioskDatabase(dir.path / "paced.db", morning).db;
        kiosk::UsageRecorder recorder(db);
        std::vector<double> calls;
        auto t = morning;
        for (int i = 0; i < 1500; ++i) {
            const auto before = Clock::now();
            recorder.screenShown("home", t);
            calls.push_back(std::chrono::duration<double, std::micro>(Clock::now() - before).count());
            t += std::chrono::milliseconds(2);
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        recorder.flush();
        std::ranges::sort(calls);
        fmt::print("paced_median_us {:.3f}\n", calls[calls.size() / 2]);
        fmt::print("paced_p99_us {:.3f}\n", calls[calls.size() * 99 / 100]);
        fmt::print("paced_max_ms {:.3f}\n", calls.back() / 1000.0);
    }

    { // For comparison: each event its own transaction (a commit, so an fsync, per event).
        kiosk::db::Database db = kiosk::db::openKioskDatabase(dir.path / "each.db", morning).db;
        kiosk::db::Statement insert =
            db.prepare("INSERT INTO usage_event (day, second_of_day, kind, guide_id, topic, step, value) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)");
        const long count = std::min(events, 2000L);
        const auto start = Clock::now();
        for (long i = 0; i < count; ++i) {
            insert.bind(1, std::string_view("2026-11-25"))
                .bind(2, static_cast<int>(i))
                .bind(3, std::string_view("step_reached"))
                .bind(4, std::string_view(guides[static_cast<std::size_t>(i) % guides.size()].id))
                .bind(5, std::string_view("vneid"))
                .bind(6, 1 + static_cast<int>(i % 8));
            insert.run();
        }
        fmt::print("own_transaction_us_per_event {:.3f}\n", microsecondsPer(Clock::now() - start, count));
    }

    { // One realistic day: 60 sessions over the bundled guides, leaving at every kind of step.
        kiosk::db::Database db = kiosk::db::openKioskDatabase(dir.path / "day.db", morning).db;
        std::mt19937 random(2026);
        {
            kiosk::UsageRecorder recorder(db);
            auto t = morning;
            for (int s = 0; s < 60; ++s) {
                const GuideShape& g = guides[static_cast<std::size_t>(s) % guides.size()];
                const int leaveAt =
                    (s % 3 == 0) ? g.steps : 1 + static_cast<int>(random() % static_cast<unsigned>(g.steps));
                session(recorder, g, leaveAt, t, random);
            }
        }
        kiosk::UsageStore store(db);
        kiosk::Outbox outbox(db);
        kiosk::UploaderSettings settings;
        settings.kioskId = "donganh-thon-dong-01";
        settings.village = "Thôn Đông";
        settings.destination = "https://hub.example.vn/api/v1/uploads";
        settings.dataDir = dir.path;
        settings.contentVersion = "2026-11-01/18";
        settings.startedAt = morning;
        kiosk::StatsUploader uploader(store, outbox, settings);
        const auto day = store.compute(kiosk::localDay(morning), true);
        const std::string body =
            kiosk::upload::toJson(uploader.makeUpload(day, morning + std::chrono::hours(14), "")).dump();
        fmt::print("upload_sessions {}\n", day.sessions);
        fmt::print("upload_guides {}\n", day.guides.size());
        fmt::print("upload_bytes {}\n", body.size());
        fmt::print("upload_gzip_bytes {}\n", platform::gzip(body).size());
    }
    return 0;
}
