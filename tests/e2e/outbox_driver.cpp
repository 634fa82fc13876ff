// Drives the real outbox, upload worker and libcurl client against a receiver on loopback, for the e2e tests.
//
//   outbox_driver --db FILE --url URL [--token T] [--messages N] [--timeout-s S] [--ca-file FILE]
//                 [--usage-day]        also record a morning of usage and let the uploader send today's
//                 figures
//   outbox_driver --check-url URL        whether the HTTP client would send to URL (exit 0) or not (exit 1)
//   outbox_driver --db FILE --url URL --token T --simulate-days N --state FILE [--start-day YYYY-MM-DD]
//                 [--day-ms MS] [--timeout-s S] [--sessions N] [--paced-writes] [--real-bookings]
//
// Enqueues N booking messages keyed e2e-k0 .. e2e-k<N-1> (and replaces e2e-k0's body once, before anything is
// sent), starts the worker with short retries, and exits 0 once the outbox is empty, 1 at the timeout.
// --ca-file: the CA certificates that https URLs are checked against (kiosk.toml's hub.ca_file); default: the
// system's.
//
// --simulate-days: N days of a kiosk's use on a simulated clock (each day takes about MS real milliseconds,
// default 500), recorded through the real UsageRecorder while the real UploadWorker (its StatsUploader, the
// outbox with the kiosk's own retry schedule, libcurl) sends to URL. The state FILE (JSON) holds where the
// clock stopped and what was recorded per day, so the next run on the same --db continues with the next day;
// the first run starts at 06:00 of --start-day (local time). Each day has its own deterministic mix of
// sessions, guides started / left / finished, practice taps, narration, QR codes, surveys and bookings.
// Prints "outbox_driver: day D opens" as each day begins. After the last day it lets simulated time pass only
// as far as the next retry, up to S real seconds, and exits 0 once the outbox is empty, 1 if messages are
// still pending (the hub is down).
//
// For tests/bench/sd_writes.py (the bytes a busy day writes to the SD card): --sessions N gives every day N
// sessions (default: the day's own 5 to 15); --paced-writes writes the usage buffer when the kiosk's writer
// would, once its oldest event is UsageRecorder::kWriteAfter old and at each session's end (the kiosk's
// writer waits on the real clock, and here a simulated day passes in seconds, so its taps would share fewer
// transactions than a real day's); --real-bookings stores each booking the residents make through
// BookingService::book (the kiosk's default schedule), as the kiosk does, besides counting it.
#include "bookings/bookings.hpp"
#include "bookings/schedule_store.hpp"
#include "common/local_time.hpp"
#include "config/config.hpp"
#include "storage/migrations.hpp"
#include "upload/outbox.hpp"
#include "upload/upload_worker.hpp"
#include "usage/stats_uploader.hpp"
#include "usage/usage_events.hpp"

#include "platform/http_client.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace {

struct Options {
    std::string db;
    std::string url;
    std::string token;
    std::string caFile;
    int messages = 5;
    int timeoutSeconds = 60;
    bool usageDay = false;
    int simulateDays = 0;
    std::string startDay;
    std::string stateFile;
    int dayMilliseconds = 500;
    int sessions = 0; // 0: the day's own 5 to 15
    bool pacedWrites = false;
    bool realBookings = false;
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
        if (arg == "--db")
            o.db = value();
        else if (arg == "--url")
            o.url = value();
        else if (arg == "--token")
            o.token = value();
        else if (arg == "--ca-file")
            o.caFile = value();
        else if (arg == "--messages")
            o.messages = std::stoi(value());
        else if (arg == "--timeout-s")
            o.timeoutSeconds = std::stoi(value());
        else if (arg == "--usage-day")
            o.usageDay = true;
        else if (arg == "--simulate-days")
            o.simulateDays = std::stoi(value());
        else if (arg == "--start-day")
            o.startDay = value();
        else if (arg == "--state")
            o.stateFile = value();
        else if (arg == "--day-ms")
            o.dayMilliseconds = std::stoi(value());
        else if (arg == "--sessions")
            o.sessions = std::stoi(value());
        else if (arg == "--paced-writes")
            o.pacedWrites = true;
        else if (arg == "--real-bookings")
            o.realBookings = true;
        else {
            fmt::print(stderr, "outbox_driver: unknown option {}\n", arg);
            std::exit(2);
        }
    }
    if (o.db.empty() || o.url.empty()) {
        fmt::print(stderr, "outbox_driver: --db and --url are required\n");
        std::exit(2);
    }
    if (o.simulateDays > 0 && o.stateFile.empty()) {
        fmt::print(stderr, "outbox_driver: --simulate-days needs --state\n");
        std::exit(2);
    }
    return o;
}

void recordMorning(kiosk::db::Database& db, std::chrono::system_clock::time_point now) {
    kiosk::UsageRecorder recorder(db);
    recorder.sessionStarted(now);
    recorder.screenShown("home", now);
    recorder.guideStarted("vneid-kich-hoat", "vneid", now);
    for (int step = 1; step <= 3; ++step)
        recorder.guideStepReached("vneid-kich-hoat", "vneid", step, now);
    recorder.guideLeft("vneid-kich-hoat", "vneid", 3, now);
    recorder.sessionEnded(now);
}

using std::chrono::system_clock;

kiosk::SendResult postWithCurl(const kiosk::OutboxMessage& message, const Options& options,
                               std::stop_token stop) {
    platform::HttpPost post;
    post.url = message.destination;
    post.body = message.body;
    post.idempotencyKey = message.idempotencyKey;
    post.bearerToken = options.token;
    post.caFile = options.caFile;
    post.connectTimeout = std::chrono::seconds(2);
    post.totalTimeout = std::chrono::seconds(5);
    post.stop = std::move(stop);
    auto response = platform::postJson(post);
    if (!response) return kiosk::SendResult{0, response.error().message, {}};
    return kiosk::SendResult{response->status, {}, std::move(response->body)};
}

// ---- --simulate-days ----

std::int64_t toUnixMs(system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

system_clock::time_point fromUnixMs(std::int64_t ms) {
    return system_clock::time_point{std::chrono::milliseconds{ms}};
}

// The kiosk's wall clock in the simulation: read by the worker's thread and the recorder calls, moved only by
// the driver's thread, and never backwards (the outbox and the hub order a day's copies by it).
class SimulatedClock {
  public:
    explicit SimulatedClock(system_clock::time_point start) : m_ms(toUnixMs(start)) {}

    [[nodiscard]] system_clock::time_point now() const { return fromUnixMs(m_ms.load()); }
    void set(system_clock::time_point t) { m_ms.store(std::max(m_ms.load(), toUnixMs(t))); }

    // To `target` five simulated minutes at a time, sleeping so that a whole day takes dayMs real
    // milliseconds: the worker (awake every 25 ms) then sees the day pass a few minutes at a time, as a
    // kiosk's would.
    void advanceTo(system_clock::time_point target, int dayMs) {
        constexpr auto step = std::chrono::minutes(5);
        const auto pause = std::chrono::microseconds(std::int64_t{dayMs} * 1000 * 5 / (24 * 60));
        while (now() < target) {
            set(std::min(now() + step, target));
            std::this_thread::sleep_for(pause);
        }
    }

  private:
    std::atomic<std::int64_t> m_ms;
};

// Deterministic choices (splitmix64): a day's events depend only on the day, whichever run simulates it.
class Dice {
  public:
    explicit Dice(std::uint64_t seed) : m_state(seed) {}
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }

  private:
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::uint64_t m_state;
};

struct SimGuide {
    const char* id;
    const char* topic;
    int steps;
};

constexpr std::array kSimGuides = {
    SimGuide{"vneid-kich-hoat", "vneid", 5}, SimGuide{"dvc-nop-ho-so", "dichvucong", 7},
    SimGuide{"zalo-goi-video", "zalo", 4}, SimGuide{"bhyt-tra-cuu", "baohiem", 6}};

system_clock::time_point localMidnight(const std::string& day) {
    const auto parsed = kiosk::parseIsoDay(day);
    if (!parsed) {
        fmt::print(stderr, "outbox_driver: not a day: {}\n", day);
        std::exit(2);
    }
    return std::chrono::sys_days{*parsed} - kiosk::localUtcOffset;
}

kiosk::upload::GuideFigures& tallyGuide(kiosk::upload::DailyRollup& tally, const SimGuide& guide) {
    for (auto& g : tally.guides) {
        if (g.guideId == guide.id) return g;
    }
    kiosk::upload::GuideFigures& added = tally.guides.emplace_back();
    added.guideId = guide.id;
    added.topic = guide.topic;
    return added;
}

void answerSurvey(kiosk::UsageRecorder& recorder, kiosk::SurveyQuestion question,
                  kiosk::upload::Survey& tally, Dice& dice, system_clock::time_point at) {
    const int roll = dice.below(10);
    const auto answer = roll < 6   ? kiosk::SurveyAnswer::yes
                        : roll < 9 ? kiosk::SurveyAnswer::no
                                   : kiosk::SurveyAnswer::skip;
    recorder.surveyAnswer(question, answer, at);
    ++(answer == kiosk::SurveyAnswer::yes  ? tally.yes
       : answer == kiosk::SurveyAnswer::no ? tally.no
                                           : tally.skip);
}

// One resident's visit, through the recorder exactly as the App records it, and counted in `tally` by hand:
// the test compares the kiosk's rollup, and then the hub's figures, with this independent count.
// A booking a resident makes, stored as the kiosk stores it: the first free slot from tomorrow on, a phone
// number of its own (so the per-phone limit never refuses it).
void storeBooking(kiosk::BookingService& bookings, system_clock::time_point now, int index) {
    const auto tomorrow = std::chrono::sys_days{kiosk::toLocal(now).date} + std::chrono::days(1);
    for (int day = 0; day < 13; ++day) {
        const kiosk::LocalDate date{tomorrow + std::chrono::days(day)};
        const std::vector<kiosk::Slot> slots = bookings.availableSlots(date, now);
        if (slots.empty()) continue;
        kiosk::BookingRequest request;
        request.slot = slots.front().start;
        request.topic = "vneid";
        request.guideId = "vneid-kich-hoat";
        request.guideStep = 2;
        request.phone = fmt::format("09{:08}", 10000000 + index);
        request.name = "Bà Hoa";
        if (auto booked = bookings.book(request, now); !booked)
            fmt::print(stderr, "outbox_driver: a booking was refused\n");
        return;
    }
    fmt::print(stderr, "outbox_driver: no free slot for a booking\n");
}

struct SessionWrites {
    bool paced = false;                        // --paced-writes
    kiosk::BookingService* bookings = nullptr; // --real-bookings
    int* bookingsMade = nullptr;
};

void simulateSession(kiosk::UsageRecorder& recorder, SimulatedClock& clock, Dice& dice,
                     kiosk::upload::DailyRollup& tally, const SessionWrites& writes) {
    auto tap = [&] { // a few seconds of reading between taps
        clock.set(clock.now() + std::chrono::seconds(5 + dice.below(40)));
        const auto now = clock.now();
        // The kiosk's writer would have written the buffer by now (at its oldest event + kWriteAfter).
        if (const auto oldest = recorder.oldestBuffered();
            writes.paced && oldest && now - *oldest >= kiosk::UsageRecorder::kWriteAfter)
            recorder.flush();
        return now;
    };
    auto screen = [&](const char* name) {
        recorder.screenShown(name, tap());
        ++tally.screens[name];
    };
    recorder.sessionStarted(tap());
    ++tally.sessions;
    screen("home");
    if (dice.chance(20)) {
        recorder.textSizeChanged(1 + dice.below(3), tap());
        ++tally.textSizeChanged;
    }
    const int guides = dice.below(3);
    for (int g = 0; g < guides; ++g) {
        const SimGuide& guide =
            kSimGuides[static_cast<std::size_t>(dice.below(static_cast<int>(kSimGuides.size())))];
        kiosk::upload::GuideFigures& figures = tallyGuide(tally, guide);
        screen("topic");
        screen("guide");
        recorder.guideStarted(guide.id, guide.topic, tap());
        ++figures.started;
        const bool finishes = dice.chance(55);
        const int reached = finishes ? guide.steps : 1 + dice.below(guide.steps - 1);
        for (int step = 1; step <= reached; ++step) {
            recorder.guideStepReached(guide.id, guide.topic, step, tap());
            ++figures.reachedStep[step];
            if (step == 2) { // the practice screen
                for (int taps = dice.below(4); taps > 0; --taps) {
                    const bool right = dice.chance(70);
                    recorder.practiceTap(right, tap());
                    ++(right ? tally.practiceRight : tally.practiceWrong);
                }
            }
            if (dice.chance(15)) {
                recorder.narrationPlayed(tap());
                ++tally.narrationPlayed;
            }
        }
        if (finishes) {
            recorder.guideFinished(guide.id, guide.topic, tap());
            ++figures.finished;
            if (dice.chance(25)) {
                recorder.qrShown(tap());
                ++tally.qrShown;
            }
            if (dice.chance(70))
                answerSurvey(recorder, kiosk::SurveyQuestion::smartphone, tally.smartphone, dice, tap());
            if (dice.chance(60))
                answerSurvey(recorder, kiosk::SurveyQuestion::vneidLevel2, tally.vneidLevel2, dice, tap());
        } else {
            recorder.guideLeft(guide.id, guide.topic, reached, tap());
            ++figures.leftAtStep[reached];
        }
    }
    if (dice.chance(25)) {
        screen("booking");
        const auto at = tap();
        if (writes.bookings != nullptr) storeBooking(*writes.bookings, at, (*writes.bookingsMade)++);
        recorder.booking(kiosk::BookingEvent::made, at);
        ++tally.bookingsMade;
        if (dice.chance(20)) {
            recorder.booking(kiosk::BookingEvent::cancelled, tap());
            ++tally.bookingsCancelled;
        }
    }
    if (dice.chance(15)) { // staff marking an earlier booking, between residents
        const bool done = dice.chance(75);
        recorder.booking(done ? kiosk::BookingEvent::done : kiosk::BookingEvent::noShow, tap());
        ++(done ? tally.bookingsDone : tally.bookingsNoShow);
    }
    recorder.sessionEnded(tap());
    if (writes.paced) recorder.flush(); // the session's own transaction, before the next session's events
}

struct SimState {
    std::string nextDay;
    std::int64_t clockMs = 0;
    nlohmann::json days = nlohmann::json::object(); // day -> what was recorded, as the upload's day JSON
    nlohmann::json deliveries =
        nlohmann::json::object(); // idempotency key -> POSTs the receiver accepted (2xx)
    std::int64_t failedPosts = 0; // POSTs refused or unanswered, all runs
};

SimState loadState(const Options& options) {
    SimState state;
    std::ifstream in(options.stateFile);
    if (!in) {
        if (options.startDay.empty()) {
            fmt::print(stderr, "outbox_driver: no state in {} yet: --start-day is needed\n",
                       options.stateFile);
            std::exit(2);
        }
        state.nextDay = options.startDay;
        state.clockMs = toUnixMs(localMidnight(options.startDay) + std::chrono::hours(6));
        return state;
    }
    const nlohmann::json j = nlohmann::json::parse(in);
    state.nextDay = j.at("next_day").get<std::string>();
    state.clockMs = j.at("clock_unix_ms").get<std::int64_t>();
    state.days = j.at("days");
    state.deliveries = j.at("deliveries");
    state.failedPosts = j.at("failed_posts").get<std::int64_t>();
    return state;
}

void saveState(const Options& options, const SimState& state) {
    const nlohmann::json j = {{"next_day", state.nextDay},
                              {"clock_unix_ms", state.clockMs},
                              {"days", state.days},
                              {"deliveries", state.deliveries},
                              {"failed_posts", state.failedPosts}};
    const std::string temporary = options.stateFile + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << j.dump(1) << '\n';
    }
    std::filesystem::rename(temporary,
                            options.stateFile); // a killed driver leaves the old state, not half of one
}

int simulateDays(const Options& options) {
    SimState state = loadState(options);
    SimulatedClock clock(fromUnixMs(state.clockMs));
    platform::CurlGlobal curl;
    kiosk::db::OpenedDatabase opened = kiosk::db::openKioskDatabase(options.db, clock.now());

    std::mutex countsMutex;
    std::map<std::string, int> accepted;
    std::int64_t failed = 0;
    std::int64_t posts = 0, batchedPosts = 0;
    std::size_t mostDays = 0;
    auto send = [&](const kiosk::OutboxMessage& message, std::stop_token stop) {
        kiosk::SendResult result = postWithCurl(message, options, std::move(stop));
        std::lock_guard lock(countsMutex);
        if (result.status >= 200 && result.status < 300) {
            ++posts;
            // Counted per day the body carries: after an outage one POST carries several (its key names
            // the batch, the hub dedupes by kiosk id + day).
            const auto body = nlohmann::json::parse(message.body, nullptr, false);
            if (body.is_object() && body.contains("days") && body["days"].is_array() &&
                !body["days"].empty()) {
                const std::size_t carried = body["days"].size();
                mostDays = std::max(mostDays, carried);
                if (carried > 1) ++batchedPosts;
                for (const auto& day : body["days"])
                    ++accepted[body.value("kiosk_id", std::string()) + ":" + day.value("day", std::string())];
            } else {
                ++accepted[message.idempotencyKey];
            }
        } else {
            ++failed;
        }
        return result;
    };
    // The kiosk's own retry schedule (30 s doubling to an hour), on the simulated clock.
    kiosk::UploadWorkerSettings settings;
    settings.databaseFile = options.db;
    settings.wakeEvery = std::chrono::milliseconds(25);
    settings.clock = [&clock] { return clock.now(); };
    kiosk::UploaderSettings stats;
    stats.kioskId = "e2e-kiosk";
    stats.village = "Thôn Đông";
    stats.destination = options.url;
    stats.interval = std::chrono::minutes(15);
    stats.dataDir = std::filesystem::path(options.db).parent_path();
    stats.contentVersion = "e2e";
    stats.startedAt = clock.now();
    settings.stats = stats;
    kiosk::UploadWorker worker(settings, send);
    worker.start();

    const std::string firstDay = state.nextDay;
    std::optional<kiosk::BookingService> bookings;
    if (options.realBookings)
        bookings.emplace(opened.db, kiosk::ScheduleStore(opened.db, kiosk::Config{}).load());
    int bookingsMade = 0;
    const SessionWrites writes{options.pacedWrites, bookings ? &*bookings : nullptr, &bookingsMade};
    {
        kiosk::UsageRecorder recorder(opened.db); // the background writer, as in the kiosk
        for (int i = 0; i < options.simulateDays; ++i) {
            const std::string day = state.nextDay;
            const auto midnight = localMidnight(day);
            fmt::print("outbox_driver: day {} opens\n", day);
            std::fflush(stdout);
            Dice dice(static_cast<std::uint64_t>(
                std::chrono::sys_days{*kiosk::parseIsoDay(day)}.time_since_epoch().count()));
            kiosk::upload::DailyRollup tally;
            tally.day = day;
            tally.complete = true;
            const int sessions = options.sessions > 0 ? options.sessions : 5 + dice.below(11);
            for (int s = 0; s < sessions; ++s) { // opening hours 07:00 to 17:00
                clock.advanceTo(midnight + std::chrono::hours(7) + s * std::chrono::minutes(600) / sessions,
                                options.dayMilliseconds);
                simulateSession(recorder, clock, dice, tally, writes);
            }
            // Written before midnight passes: the day is finalised ten minutes after it, and the writer's
            // one-second delay is hours of this clock.
            recorder.flush();
            if (!recorder.lastError().empty())
                fmt::print(stderr, "outbox_driver: recorder: {}\n", recorder.lastError());
            std::ranges::sort(tally.guides, {}, &kiosk::upload::GuideFigures::guideId);
            state.days[day] = kiosk::upload::toJson(tally);
            state.nextDay = kiosk::addDays(day, 1);
            clock.advanceTo(midnight + std::chrono::days(1) + kiosk::kFinalizeGrace + std::chrono::minutes(1),
                            options.dayMilliseconds);
        }
    }

    // Simulated time passes only up to the next retry, so once everything is delivered the clock stands still
    // and no new "today so far" is made; and never into the next day's opening hours (the next run's).
    kiosk::db::Database checkDb = kiosk::db::Database::open(options.db);
    kiosk::Outbox checkOutbox(checkDb);
    kiosk::UsageStore checkUsage(checkDb);
    const auto limit = localMidnight(state.nextDay) + std::chrono::hours(6);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.timeoutSeconds);
    int quietChecks = 0;
    while (std::chrono::steady_clock::now() < deadline && quietChecks < 3) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const bool allQueued =
            checkUsage.finishedDaysNotSent(kiosk::localDay(clock.now() - kiosk::kFinalizeGrace)).empty();
        if (checkOutbox.pendingCount() == 0 && allQueued) {
            ++quietChecks;
            continue;
        }
        quietChecks = 0;
        if (const auto next = checkOutbox.nextDue(); next && *next > clock.now())
            clock.set(std::min(*next, limit));
    }
    worker.stop();
    const std::size_t pending = checkOutbox.pendingCount();

    state.clockMs = toUnixMs(clock.now());
    std::int64_t acceptedNow = 0;
    for (const auto& [key, count] : accepted) {
        state.deliveries[key] = state.deliveries.value(key, 0) + count;
        acceptedNow += count;
    }
    state.failedPosts += failed;
    saveState(options, state);
    fmt::print("outbox_driver: simulated {} .. {}; accepted posts {}; days delivered {}; batched posts {}; "
               "most days in a post {}; failed posts {}; pending {}; clock {}\n",
               firstDay, kiosk::addDays(state.nextDay, -1), posts, acceptedNow, batchedPosts, mostDays,
               failed, pending, kiosk::isoUtc(clock.now()));
    return pending == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--check-url") { // prints "allowed" or why not; exit 0 / 1
        const auto allowed = platform::checkUploadUrl(argv[2]);
        fmt::print("{}\n", allowed ? std::string("allowed") : allowed.error().message);
        return allowed ? 0 : 1;
    }
    const Options options = parse(argc, argv);
    if (options.simulateDays > 0) return simulateDays(options);
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
        return postWithCurl(message, options, std::move(stop));
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
