// The kiosk program: reads the config, opens the database, and runs the touch shell.
#include "app/app.hpp"
#include "app/scenario.hpp"
#include "bookings/booking_export.hpp"
#include "bookings/booking_retention.hpp"
#include "bookings/booking_webhook.hpp"
#include "bookings/schedule_store.hpp"
#include "config/config.hpp"
#include "content_update/content_store.hpp"
#include "content_update/content_updater.hpp"
#include "staff/staff.hpp"
#include "staff/staff_desk.hpp"
#include "storage/migrations.hpp"
#include "upload/upload_worker.hpp"
#include "usage/machine_health.hpp"
#include "usage/stats_uploader.hpp"
#include "usage/usage_events.hpp"

#include "platform/http_client.hpp"
#include "platform/http_download.hpp"
#include "platform/paths.hpp"
#include "platform/signals.hpp"
#include "platform/window.hpp"
#include "ui/out_of_service.hpp"
#include "ui/shell.hpp"
#include "ui/step_layout.hpp"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

constexpr const char* kDefaultConfig = "/etc/kiosk/kiosk.toml";
constexpr const char* kUsage = R"(usage: kiosk [options]
  --config FILE          configuration file (default /etc/kiosk/kiosk.toml; every key has a default)
  --check-config FILE    check a configuration file and exit: 0 if clean, 1 with file:line: messages
  --check-content DIR    check every guide under DIR (holding content/ and images/) and exit: 0 if no errors
  --content-root DIR     where the guides and pictures are (overrides the config's content.root)
  --windowed WxH         a window of that size instead of full screen (development, screenshots)
  --dev                  development mode: Escape and window close quit
  --data-dir DIR         where the database lives (overrides the config's storage.data_dir)
  --scenario FILE        replay a scenario of taps; exit 0 if every expectation held, 1 otherwise
  --screenshot-dir DIR   where a scenario's screenshots go (default .)
  --screenshot FILE.png  render the first screen to FILE.png and exit
  --export-bookings DIR  write every booking to DIR/dat-lich-YYYY-MM-DD.csv and .ics and exit
  --export-stats FILE    write every day's usage figures still kept to FILE as JSON Lines (one upload per line) and exit
  --version              print the version
)";

struct Options {
    std::string configFile = kDefaultConfig;
    std::string checkConfig;
    std::string checkContent;
    std::string contentRoot;
    int width = 0, height = 0;
    bool dev = false;
    std::string dataDir;
    std::string scenario;
    std::string screenshotDir = ".";
    std::string screenshot;
    std::string exportStats;
    std::string exportBookings;
};

[[noreturn]] void usageError(const std::string& message) {
    fmt::print(stderr, "kiosk: {}\n{}", message, kUsage);
    std::exit(2);
}

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usageError(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--config")
            o.configFile = value();
        else if (arg == "--check-config")
            o.checkConfig = value();
        else if (arg == "--check-content")
            o.checkContent = value();
        else if (arg == "--content-root")
            o.contentRoot = value();
        else if (arg == "--windowed") {
            std::string size = value();
            if (std::sscanf(size.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 320 ||
                o.height < 240) {
                usageError("--windowed needs WIDTHxHEIGHT, e.g. 1280x800");
            }
        } else if (arg == "--dev")
            o.dev = true;
        else if (arg == "--data-dir")
            o.dataDir = value();
        else if (arg == "--scenario")
            o.scenario = value();
        else if (arg == "--screenshot-dir")
            o.screenshotDir = value();
        else if (arg == "--screenshot")
            o.screenshot = value();
        else if (arg == "--export-stats")
            o.exportStats = value();
        else if (arg == "--export-bookings")
            o.exportBookings = value();
        else if (arg == "--version") {
            fmt::print("kiosk {}\n", KIOSK_VERSION);
            std::exit(0);
        } else if (arg == "--help" || arg == "-h") {
            fmt::print("{}", kUsage);
            std::exit(0);
        } else
            usageError("unknown option " + arg);
    }
    return o;
}

int checkConfig(const std::string& file) {
    if (!std::filesystem::exists(file)) {
        fmt::print(stderr, "{}: no such file\n", file);
        return 1;
    }
    kiosk::ConfigLoad load = kiosk::loadConfig(file);
    for (const kiosk::ConfigIssue& issue : load.issues)
        fmt::print(stderr, "{}\n", issue.text());
    if (!load.issues.empty()) return 1;
    fmt::print("{}: ok\n", file);
    return 0;
}

content::Date today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

// Loads every guide, checking that each step's words fit the smallest screen at the largest text size.
content::Library loadGuides(const std::filesystem::path& root, double diagonalInches) {
    content::LoadOptions options{root, today(), {}};
    try {
        options.fits = ui::makeTextFitCheck(800, 480, diagonalInches, kiosk::kTextSizeCount - 1);
    } catch (const std::exception& e) {
        fmt::print(stderr, "kiosk: content: cannot check text fit: {}\n", e.what());
    }
    return content::loadLibrary(options);
}

int checkContent(const std::filesystem::path& root, double diagonalInches) {
    content::Library library = loadGuides(root, diagonalInches);
    int errors = 0;
    for (const content::Issue& issue : library.issues) {
        fmt::print(stderr, "{}\n", issue.text());
        if (!issue.warning) ++errors;
    }
    size_t steps = 0;
    for (const content::Guide& guide : library.guides)
        steps += guide.steps.size();
    fmt::print("{}: {} guides with {} steps ok, {} error(s)\n", root.string(), library.guides.size(), steps,
               errors);
    return errors == 0 ? 0 : 1;
}

// Opens the kiosk's database; if even a fresh file cannot be made, runs on memory so residents are served.
kiosk::db::OpenedDatabase openDatabase(const std::filesystem::path& dataDir) {
    auto now = std::chrono::system_clock::now();
    try {
        return kiosk::db::openKioskDatabase(dataDir / "kiosk.db", now);
    } catch (const std::exception& e) {
        kiosk::db::OpenedDatabase fallback{
            kiosk::db::Database::openInMemory(), std::nullopt,
            fmt::format("Không mở được cơ sở dữ liệu ({}); đang chạy tạm trên bộ "
                        "nhớ, dữ liệu mới sẽ mất khi tắt máy.",
                        e.what())};
        kiosk::db::migrate(fallback.db, kiosk::db::kioskMigrations());
        return fallback;
    }
}

// For the command-line export: phone numbers and names past the retention go before the files are written
// (the running kiosk erases them on its first tick and after each midnight, kiosk::App).
void eraseDuePersonalData(kiosk::db::Database& db, const kiosk::Config& config) {
    try {
        const int erased =
            kiosk::erasePersonalDataDue(db, config.bookingRetentionDays, std::chrono::system_clock::now());
        if (erased > 0)
            fmt::print(stderr, "kiosk: bookings: personal data of {} past booking(s) erased\n", erased);
    } catch (const std::exception& e) {
        fmt::print(stderr, "kiosk: bookings: erasing personal data failed: {}\n", e.what());
    }
}

// kiosk --export-bookings DIR: no window, no SDL; the real database, never the in-memory fallback.
int runBookingExport(const std::filesystem::path& folder, const kiosk::Config& config) {
    const auto now = std::chrono::system_clock::now();
    try {
        kiosk::db::OpenedDatabase database = kiosk::db::openKioskDatabase(config.dataDir / "kiosk.db", now);
        if (!database.notice.empty()) fmt::print(stderr, "kiosk: database: {}\n", database.notice);
        eraseDuePersonalData(database.db, config);
        kiosk::ExportOptions options;
        // The slot length staff mode last saved, as its own export uses, not only the config's.
        options.slotMinutes = kiosk::ScheduleStore(database.db, config).load().week[1].slotMinutes;
        options.location = config.village;
        const auto result = kiosk::exportBookings(database.db, folder, now, options);
        if (!result) {
            fmt::print(stderr, "kiosk: export: {}\n", result.error().message);
            return 1;
        }
        fmt::print("{}\n{}\n", result->csvFile.string(), result->icsFile.string());
        fmt::print(stderr, "kiosk: export: {} booking(s)\n", result->bookings);
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "kiosk: export: cannot open the database in {}: {}\n", config.dataDir.string(),
                   e.what());
        return 1;
    }
}

// kiosk --export-stats FILE: the daily usage rollups, as the hub would receive them, for a USB stick.
int runStatsExport(const std::filesystem::path& file, const kiosk::Config& config) {
    const auto now = std::chrono::system_clock::now();
    try {
        kiosk::db::OpenedDatabase database = kiosk::db::openKioskDatabase(config.dataDir / "kiosk.db", now);
        if (!database.notice.empty()) fmt::print(stderr, "kiosk: database: {}\n", database.notice);
        kiosk::UsageStore usage(database.db);
        kiosk::UploaderSettings settings;
        settings.kioskId = config.kioskId;
        settings.village = config.village;
        settings.dataDir = config.dataDir;
        settings.startedAt = now;
        const auto lines = kiosk::writeExport(file, usage, settings, now);
        if (!lines) {
            fmt::print(stderr, "kiosk: export-stats: {}\n", lines.error().message);
            return 1;
        }
        fmt::print(stderr, "kiosk: export-stats: {} day(s) written to {}\n", *lines, file.string());
        return 0;
    } catch (const std::exception& e) {
        fmt::print(stderr, "kiosk: export-stats: cannot open the database in {}: {}\n",
                   config.dataDir.string(), e.what());
        return 1;
    }
}

// What the heartbeat calls the content: the content pack's version ("v202612031900/25"), or for the content
// installed with the program the newest "written_on" of the guides ("2026-12-03/25"); then how many guides.
std::string contentVersion(const content::Library& library, std::int64_t packVersion) {
    if (packVersion != 0) return fmt::format("v{}/{}", packVersion, library.guides.size());
    content::Date newest;
    for (const content::Guide& guide : library.guides)
        newest = std::max(newest, guide.writtenOn);
    return fmt::format("{:04}-{:02}-{:02}/{}", newest.year, newest.month, newest.day, library.guides.size());
}

// The hub's address without the upload path: "https://hub.example" (content packs live beside uploads).
std::string hubBase(const std::string& hubUrl) {
    std::string url = kiosk::hubUploadUrl(hubUrl);
    constexpr std::string_view kUploads = "/api/v1/uploads";
    return url.substr(0, url.size() - kUploads.size());
}

// The content update worker, when the hub and the signer's public key are configured.
std::unique_ptr<kiosk::ContentUpdater> makeContentUpdater(const kiosk::Config& config,
                                                          kiosk::ContentStore& store,
                                                          std::atomic<bool>& residentPresent,
                                                          std::function<void()> staged) {
    kiosk::UpdaterSettings settings;
    settings.publicKey = config.packPublicKey;
    settings.checkEvery = std::chrono::seconds(config.updateCheckSeconds);
    settings.retryEvery = std::min<std::chrono::milliseconds>(settings.checkEvery, std::chrono::seconds(10));
    settings.check = [diagonal = config.screenDiagonalInches](const std::filesystem::path& root) {
        const content::Library library = loadGuides(root, diagonal);
        std::vector<std::string> errors;
        for (const content::Issue& issue : library.issues)
            if (!issue.warning) errors.push_back(issue.text());
        if (library.guides.empty() && errors.empty()) errors.push_back("no guides in the pack");
        return errors;
    };
    settings.idle = [&residentPresent] { return !residentPresent.load(); };
    settings.staged = std::move(staged);
    kiosk::UpdateNetwork network;
    const std::string base = hubBase(config.hubUrl);
    network.get = [base, token = config.hubToken, caFile = config.hubCaFile](
                      const std::string& path,
                      std::stop_token stop) -> kiosk::Result<std::pair<long, std::string>> {
        platform::HttpGet get;
        get.url = base + path;
        get.bearerToken = token;
        get.caFile = caFile;
        get.stop = std::move(stop);
        auto answer = platform::getText(get);
        if (!answer) return std::unexpected(answer.error());
        return std::pair{answer->status, std::move(answer->body)};
    };
    network.download =
        [base, token = config.hubToken, caFile = config.hubCaFile, speed = config.updateKilobytesPerSecond](
            const std::string& path, const std::filesystem::path& file, std::uint64_t expected,
            std::function<bool()> keepGoing, std::stop_token stop) -> kiosk::Result<kiosk::DownloadProgress> {
        platform::FileDownload download;
        download.request.url = base + path;
        download.request.bearerToken = token;
        download.request.caFile = caFile;
        download.request.totalTimeout = std::chrono::seconds(0); // slow is fine while it moves
        download.request.stop = std::move(stop);
        download.file = file;
        download.expectedSize = expected;
        download.maxBytesPerSecond = static_cast<std::int64_t>(speed) * 1024;
        download.keepGoing = std::move(keepGoing);
        auto outcome = platform::downloadFile(download);
        if (!outcome) return std::unexpected(outcome.error());
        return kiosk::DownloadProgress{outcome->bytes, outcome->paused};
    };
    return std::make_unique<kiosk::ContentUpdater>(store, std::move(settings), std::move(network));
}

// The upload worker, when there is somewhere to send to and a database file its own connection can open.
std::unique_ptr<kiosk::UploadWorker> startUploads(const kiosk::Config& config, kiosk::db::Database& db,
                                                  std::optional<std::int64_t> restartsSinceBoot) {
    const auto now = std::chrono::system_clock::now();
    if (config.hubUrl.empty() && config.bookingWebhookUrl.empty()) {
        try { // raw usage events stay bounded with no worker too (the worker prunes them once a day)
            kiosk::UsageStore(db).pruneRawEvents(kiosk::localDay(now), config.rawEventDays, now);
        } catch (const std::exception& e) {
            fmt::print(stderr, "kiosk: usage: pruning old events failed: {}\n", e.what());
        }
        return nullptr;
    }
    const char* file = sqlite3_db_filename(db.handle(), "main");
    if (file == nullptr || *file == '\0') {
        fmt::print(stderr, "kiosk: upload: off while the database is in memory\n");
        return nullptr;
    }
    kiosk::UploadWorkerSettings settings;
    settings.databaseFile = file;
    settings.rawEventDays = config.rawEventDays;
    const std::string hubUrl = kiosk::hubUploadUrl(config.hubUrl);
    if (!hubUrl.empty()) {
        kiosk::UploaderSettings stats;
        stats.kioskId = config.kioskId;
        stats.village = config.village;
        stats.destination = hubUrl;
        stats.interval = std::chrono::minutes(config.uploadIntervalMinutes);
        stats.dataDir = config.dataDir;
        stats.startedAt = now;
        stats.restartsSinceBoot = restartsSinceBoot;
        // Tests give a fake /sys/class/thermal (e2e.fleet): this machine may have no sensor at all.
        if (const char* thermal = std::getenv("KIOSK_THERMAL_DIR")) stats.thermalRoot = thermal;
        settings.stats = stats;
    }
    // The hub's token and CA file go to the hub only, never to a booking webhook.
    auto send = [hubUrl, token = config.hubToken,
                 caFile = config.hubCaFile](const kiosk::OutboxMessage& message, std::stop_token stop) {
        platform::HttpPost post;
        post.url = message.destination;
        post.body = message.body;
        post.idempotencyKey = message.idempotencyKey;
        if (message.destination == hubUrl) {
            post.bearerToken = token;
            post.caFile = caFile;
        }
        post.stop = std::move(stop);
        auto response = platform::postJson(post);
        if (!response) return kiosk::SendResult{0, response.error().message, {}};
        return kiosk::SendResult{response->status, {}, std::move(response->body)};
    };
    auto worker = std::make_unique<kiosk::UploadWorker>(std::move(settings), std::move(send));
    worker->start();
    return worker;
}

// Full screen, the display's own size (EDID, SDL) beats screen.diagonal_inches: a kiosk moved to
// another panel keeps its millimetres. A window (development, tests) keeps the configured diagonal.
void useDisplaySize(const platform::Window& window, const platform::WindowOptions& options,
                    kiosk::Config& config) {
    std::optional<platform::PhysicalSize> size;
    if (options.fullscreen) size = window.physicalSize();
    if (!size) {
        fmt::print(stderr, "kiosk: screen {}x{}, {:.1f} in from screen.diagonal_inches\n", window.width(),
                   window.height(), config.screenDiagonalInches);
        return;
    }
    config.screenDiagonalInches = platform::diagonalInches(*size);
    fmt::print(stderr, "kiosk: screen {}x{}, {:.0f}x{:.0f} mm = {:.1f} in from {}\n", window.width(),
               window.height(), size->widthMm, size->heightMm, config.screenDiagonalInches, size->source);
}

} // namespace

// Before a restart: serve the checked pack waiting (at an idle reset, or any restart), or roll back one.
void switchContent(const kiosk::ContentStore& packs, kiosk::ContentAction action) {
    if (action == kiosk::ContentAction::RollBack) {
        auto back = packs.rollBack();
        if (!back)
            fmt::print(stderr, "kiosk: content: rollback: {}\n", back.error().message);
        else
            fmt::print(stderr, "kiosk: content: rolled back to {}\n",
                       *back ? fmt::format("pack {}", (*back)->version) : std::string("the bundled content"));
        return;
    }
    if (const auto staged = packs.staged()) {
        if (auto done = packs.activate(staged->version); !done)
            fmt::print(stderr, "kiosk: content: cannot switch to pack {}: {}\n", staged->version,
                       done.error().message);
        else
            fmt::print(stderr, "kiosk: content: switched to pack {}\n", staged->version);
    }
}

// A failure the kiosk cannot serve through (it threw on the way up, or out of the frame loop): the
// calm page instead of a black screen, the reason on stderr (the journal), then exit 1 so systemd
// starts the program again.
int outOfService(const std::string& reason, const Options& options, platform::ShutdownSignals& signals) {
    fmt::print(stderr, "kiosk: cannot start: {}\n", reason);
    try {
        platform::SdlGuard sdl;
        if (!signals.started()) signals.start();
        platform::WindowOptions windowOptions;
        windowOptions.fullscreen = options.width == 0;
        windowOptions.width = options.width;
        windowOptions.height = options.height;
        platform::Window window(windowOptions);
        ui::OutOfServiceOptions page;
        page.reason = reason;
        page.screenshot = options.screenshot;
        // A test shortens the wait before the exit (systemd restarts the kiosk after it).
        if (const char* seconds = std::getenv("KIOSK_OUT_OF_SERVICE_SECONDS")) {
            page.showFor = std::chrono::seconds(std::atoi(seconds));
        }
        ui::showOutOfService(window, signals, page);
    } catch (const std::exception& e) {
        fmt::print(stderr, "kiosk: cannot show the out-of-service page either: {}\n", e.what());
    }
    return 1;
}

int runKiosk(const Options& options, platform::ShutdownSignals& signals, char** argv) {
    if (!options.checkConfig.empty()) return checkConfig(options.checkConfig);

    kiosk::ConfigLoad load = kiosk::loadConfig(options.configFile);
    if (!options.checkContent.empty())
        return checkContent(options.checkContent, load.config.screenDiagonalInches);
    std::vector<std::string> notices;
    for (const kiosk::ConfigIssue& issue : load.issues) {
        fmt::print(stderr, "kiosk: config: {}\n", issue.text());
        notices.push_back(issue.text());
    }
    kiosk::Config config = load.config;
    if (!options.dataDir.empty()) config.dataDir = options.dataDir;
    if (!options.exportStats.empty()) return runStatsExport(options.exportStats, config);
    if (!options.exportBookings.empty()) return runBookingExport(options.exportBookings, config);

    // Fault injection for e2e.startup_failure: a start-up that throws, as a broken machine would.
    if (const char* fault = std::getenv("KIOSK_FAIL_AT_START")) throw std::runtime_error(fault);
    kiosk::db::OpenedDatabase database = openDatabase(config.dataDir);
    if (!database.notice.empty()) {
        fmt::print(stderr, "kiosk: database: {}\n", database.notice);
        notices.push_back(database.notice);
    }
    kiosk::StaffRepository staff(database.db);
    // Usage figures are recorded on this thread; a worker with its own connection sends them and the outbox.
    kiosk::UsageRecorder usage(database.db);
    std::optional<platform::CurlGlobal> curl; // before the worker's thread, which is stopped before this goes
    if (!config.hubUrl.empty() || !config.bookingWebhookUrl.empty()) curl.emplace();
    // Counted on every start, uploads or not: the heartbeat shows a crash loop as restarts since boot.
    const auto restartsSinceBoot = kiosk::countStartSinceBoot(config.dataDir);
    std::unique_ptr<kiosk::UploadWorker> uploads = startUploads(config, database.db, restartsSinceBoot);
    kiosk::BookingService bookings(database.db, kiosk::ScheduleStore(database.db, config).load());
    kiosk::StaffDesk staffDesk(database.db, bookings, staff, config);
    // The team's webhook: every booking made, cancelled or moved, queued with the change and sent by the
    // worker.
    std::optional<kiosk::BookingWebhook> webhook;
    if (!config.bookingWebhookUrl.empty()) {
        auto wake = [worker = uploads.get()] {
            if (worker) worker->poke();
        };
        webhook.emplace(database.db, bookings, kiosk::BookingWebhookSettings::fromConfig(config), wake);
    }

    std::filesystem::path contentRoot =
        !options.contentRoot.empty() ? std::filesystem::path(options.contentRoot)
        : !config.contentRoot.empty()
            ? config.contentRoot
            : platform::bundledContentRoot(platform::executablePath(), KIOSK_SOURCE_ROOT);
    // Content packs from the hub: the pointer file decides which unpacked pack is served (or none: the
    // content above). An explicit --content-root always wins.
    std::optional<kiosk::ContentStore> packs;
    std::int64_t packVersion = 0;
    if (!config.packPublicKey.empty() && !config.hubUrl.empty()) {
        packs.emplace(config.dataDir / "content-packs");
        packs->tidy();
        if (const auto active = packs->active(); active && options.contentRoot.empty()) {
            contentRoot = active->root;
            packVersion = active->version;
        }
        fmt::print(stderr, "kiosk: content: serving {} from {}\n",
                   packVersion != 0 ? fmt::format("pack {}", packVersion)
                                    : std::string("the bundled content"),
                   contentRoot.string());
    }

    ui::ShellOptions shell;
    shell.lockdown = !options.dev;
    shell.screenshotDir = options.screenshotDir;
    shell.firstScreenshot = options.screenshot;
    shell.contentRoot = contentRoot;
    if (!options.scenario.empty()) {
        auto scenario = kiosk::scenario::load(options.scenario);
        if (!scenario) {
            fmt::print(stderr, "{}\n", scenario.error().message);
            return 2;
        }
        shell.scenario = std::move(*scenario);
    }

    ui::ShellResult result;
    kiosk::ContentAction contentAction = kiosk::ContentAction::None;
    content::Library guides;
    std::future<content::Library> loadingGuides;
    {
        platform::SdlGuard sdl;
        signals.start();
        // Guides load on a worker once the home screen (which needs none) is up: checking 18 guides
        // costs more than a first frame, and on two cores it would slow the first frame down.
        Uint32 guidesLoadedEvent = SDL_RegisterEvents(1); // only wakes the frame loop
        shell.guidesReady = [&]() -> const content::Library* {
            if (!loadingGuides.valid()) {
                loadingGuides = std::async(std::launch::async, [&contentRoot, &config, guidesLoadedEvent] {
                    content::Library library = loadGuides(contentRoot, config.screenDiagonalInches);
                    for (const content::Issue& issue : library.issues) {
                        fmt::print(stderr, "kiosk: content: {}\n", issue.text());
                    }
                    SDL_Event wake{};
                    wake.type = guidesLoadedEvent;
                    SDL_PushEvent(&wake);
                    return library;
                });
            }
            if (loadingGuides.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return nullptr;
            guides = loadingGuides.get();
            if (uploads) uploads->setContentVersion(contentVersion(guides, packVersion));
            return &guides;
        };
        platform::WindowOptions windowOptions;
        windowOptions.fullscreen = options.width == 0;
        windowOptions.width = options.width;
        windowOptions.height = options.height;
        windowOptions.softwareRenderer = config.renderer != "accelerated";
        windowOptions.title = "Kiosk " + config.village;
        platform::Window window(windowOptions);
        useDisplaySize(window, windowOptions, config);
        kiosk::App app(config, staff, notices, kiosk::Clock::now());
        app.connectBookings(bookings);
        app.connectStaffDesk(staffDesk);
        app.connectUsage(usage);
        if (uploads) app.connectUploads(*uploads);
        // Started here, not earlier: its "pack checked" callback wakes the frame loop with an SDL event.
        std::atomic<bool> residentPresent{true};
        std::atomic<bool> packWaiting{packs && packs->staged().has_value()};
        std::unique_ptr<kiosk::ContentUpdater> updater;
        if (packs) {
            updater = makeContentUpdater(config, *packs, residentPresent, [&packWaiting, guidesLoadedEvent] {
                packWaiting = true;
                SDL_Event wake{};
                wake.type = guidesLoadedEvent;
                SDL_PushEvent(&wake);
            });
            app.connectContentUpdates(*updater, residentPresent, packWaiting);
            // A scenario replays taps on a fixed set of guides: staff see the content line, nothing is
            // fetched.
            if (!shell.scenario) updater->start();
        }
        result = ui::runShell(window, signals, app, shell);
        if (updater) updater->stop();
        contentAction = app.state().contentAction;
        if (loadingGuides.valid()) loadingGuides.wait(); // its wake-up event needs SDL still running
    }
    // Stop the background writers before exiting or exec'ing a restart: nothing recorded is left behind.
    if (uploads) uploads->stop();
    usage.flush();
    if (result.exit == kiosk::ExitRequest::Restart && packs) switchContent(*packs, contentAction);
    if (shell.scenario) {
        fmt::print("scenario {}: {}\n", options.scenario, result.scenarioFailures == 0 ? "passed" : "FAILED");
        return result.scenarioFailures == 0 ? 0 : 1;
    }
    if (result.exit == kiosk::ExitRequest::Restart) {
        fmt::print(stderr, "kiosk: restarting{}\n",
                   contentAction == kiosk::ContentAction::None ? " at staff request" : " onto other content");
        execv("/proc/self/exe", argv);
        fmt::print(stderr, "kiosk: restart failed: {}\n", std::strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char** argv) {
    // First, before any thread exists: SIGTERM from systemd must reach our waiting thread only.
    platform::ShutdownSignals signals;
    const Options options = parseOptions(argc, argv);
    try {
        return runKiosk(options, signals, argv);
    } catch (const std::exception& e) {
        return outOfService(e.what(), options, signals);
    }
}
