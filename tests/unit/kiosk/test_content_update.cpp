// Content packs on the kiosk: the store's pointer, install, switch, the two kept versions and rollback;
// the update worker with a network that serves a real pack file (resume, pause while a resident is there,
// refusals that are remembered).
#include "common/content_pack.hpp"
#include "content_update/content_store.hpp"
#include "content_update/content_updater.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using kiosk::ContentStore;

namespace {

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const fs::path& file, std::string_view bytes) {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

struct Packs {
    test::TempDir dir{"kiosk-content-update"};
    kiosk::pack::KeyPair keys = kiosk::pack::makeKeys();
    ContentStore store{dir.path / "content-packs"};

    // A signed pack whose one guide says which version it is.
    fs::path make(std::int64_t version, std::string_view guide = "") {
        const fs::path root = dir.path / fmt::format("root-{}", version);
        spit(root / "content/guides/vneid-a.toml",
             guide.empty() ? fmt::format("# version {}\n", version) : std::string(guide));
        spit(root / "images/vneid/a.png", std::string(5000, 'p'));
        const fs::path file = dir.path / fmt::format("pack-{}.tar", version);
        REQUIRE(kiosk::pack::writePack(root, keys.secretKey, version, "2026-12-03", file).has_value());
        return file;
    }
    kiosk::Result<kiosk::InstalledPack> install(std::int64_t version, kiosk::ContentCheck check = {}) {
        return store.install(make(version), keys.publicKey, check);
    }
};

// A hub in memory: /api/v1/content/latest and the pack bytes, served in slices so a download takes several
// attempts, as on a slow line that drops.
struct FakeHub {
    std::string latest;
    std::string bytes;
    std::size_t slice = 4096;
    int downloads = 0;
    kiosk::UpdateNetwork network() {
        kiosk::UpdateNetwork net;
        net.get = [this](const std::string& path,
                         std::stop_token) -> kiosk::Result<std::pair<long, std::string>> {
            CHECK(path == "/api/v1/content/latest");
            if (latest.empty()) return std::pair{404L, std::string("{}")};
            return std::pair{200L, latest};
        };
        net.download = [this](const std::string& path, const fs::path& file, std::uint64_t expected,
                              std::function<bool()> keepGoing,
                              std::stop_token) -> kiosk::Result<kiosk::DownloadProgress> {
            CHECK(path.starts_with("/api/v1/content/packs/"));
            ++downloads;
            const std::uint64_t have = fs::exists(file) ? fs::file_size(file) : 0;
            if (!keepGoing()) return kiosk::DownloadProgress{have, true};
            const std::string part = bytes.substr(have, slice);
            std::ofstream(file, std::ios::binary | std::ios::app) << part;
            CHECK(have + part.size() <= expected);
            return kiosk::DownloadProgress{have + part.size(), false};
        };
        return net;
    }
    void publish(const fs::path& pack, std::int64_t version) {
        bytes = slurp(pack);
        latest =
            fmt::format(R"({{"version":{},"size":{},"sha256":"{}","path":"/api/v1/content/packs/{}.tar"}})",
                        version, bytes.size(), *kiosk::pack::fileSha256(pack), version);
    }
};

} // namespace

TEST_CASE("content store: with no pointer nothing is active and the bundled content is served") {
    Packs p;
    CHECK_FALSE(p.store.active().has_value());
    CHECK_FALSE(p.store.staged().has_value());
    CHECK_FALSE(p.store.previous().has_value());
}

TEST_CASE("content store: an installed pack waits as staged until activated, then is served") {
    Packs p;
    auto installed = p.install(5);
    REQUIRE(installed.has_value());
    CHECK(installed->root == p.store.folder() / "v5");
    CHECK(slurp(installed->root / "content/guides/vneid-a.toml") == "# version 5\n");
    REQUIRE(p.store.staged().has_value());
    CHECK(p.store.staged()->version == 5);
    CHECK_FALSE(p.store.active().has_value());
    REQUIRE(p.store.activate(5).has_value());
    REQUIRE(p.store.active().has_value());
    CHECK(p.store.active()->version == 5);
    CHECK(slurp(p.store.folder() / "current") == "v5\n");
    CHECK_FALSE(p.store.staged().has_value());
}

TEST_CASE("content store: two versions are kept and a rollback returns to the previous one for good") {
    Packs p;
    for (std::int64_t v : {3, 4, 5}) {
        REQUIRE(p.install(v).has_value());
        REQUIRE(p.store.activate(v).has_value());
    }
    CHECK(p.store.active()->version == 5);
    REQUIRE(p.store.previous().has_value());
    CHECK(p.store.previous()->version == 4);
    CHECK_FALSE(fs::exists(p.store.folder() / "v3")); // only two kept

    auto back = p.store.rollBack();
    REQUIRE(back.has_value());
    REQUIRE(back->has_value());
    CHECK((*back)->version == 4);
    CHECK(p.store.active()->version == 4);
    CHECK_FALSE(fs::exists(p.store.folder() / "v5"));
    CHECK(p.store.refused().contains(5));
    // The rolled-back version is never installed again; a newer one is.
    auto again = p.install(5);
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().message == "pack version 5 was refused or rolled back before");
    CHECK(p.install(6).has_value());

    // From the only pack left, a rollback returns to the bundled content.
    Packs q;
    REQUIRE(q.install(1).has_value());
    REQUIRE(q.store.activate(1).has_value());
    auto bundled = q.store.rollBack();
    REQUIRE(bundled.has_value());
    CHECK_FALSE(bundled->has_value());
    CHECK_FALSE(q.store.active().has_value());
    CHECK_FALSE(q.store.rollBack().has_value()); // nothing left to roll back
}

TEST_CASE("content store: an older version is refused and an invalid guide inside a signed pack too") {
    Packs p;
    REQUIRE(p.install(8).has_value());
    REQUIRE(p.store.activate(8).has_value());
    auto older = p.install(7);
    REQUIRE_FALSE(older.has_value());
    CHECK(older.error().message == "pack version 7 is not newer than the content in use (8)");

    auto invalid = p.install(9, [](const fs::path& root) {
        CHECK(fs::exists(root / "content/guides/vneid-a.toml"));
        return std::vector<std::string>{"content/guides/vneid-a.toml:1: title: missing (required)"};
    });
    REQUIRE_FALSE(invalid.has_value());
    CHECK(invalid.error().message == "pack version 9: 1 error(s) in its guides, e.g. "
                                     "content/guides/vneid-a.toml:1: title: missing (required)");
    CHECK_FALSE(fs::exists(p.store.folder() / "v9"));
    CHECK_FALSE(fs::exists(p.store.folder() / "staging-9"));
    CHECK(p.store.active()->version == 8);
}

TEST_CASE(
    "content store: at start half-unpacked folders go and a pointer to a missing folder serves the bundled") {
    Packs p;
    spit(p.store.folder() / "staging-9/content/guides/x.toml", "half");
    spit(p.store.folder() / "current.tmp", "v9\n");
    p.store.tidy();
    CHECK_FALSE(fs::exists(p.store.folder() / "staging-9"));
    CHECK_FALSE(fs::exists(p.store.folder() / "current.tmp"));
    spit(p.store.folder() / "current", "v9\n");
    CHECK_FALSE(p.store.active().has_value());
}

TEST_CASE("content updater: a published pack is downloaded in slices, checked and staged") {
    Packs p;
    FakeHub hub;
    hub.publish(p.make(12), 12);
    int stagedCalls = 0;
    kiosk::UpdaterSettings settings;
    settings.publicKey = p.keys.publicKey;
    settings.staged = [&] { ++stagedCalls; };
    settings.log = [](std::string_view) {};
    kiosk::ContentUpdater updater(p.store, settings, hub.network());
    for (int i = 0; i < 20 && !p.store.staged(); ++i)
        updater.runOnce();
    REQUIRE(p.store.staged().has_value());
    CHECK(p.store.staged()->version == 12);
    CHECK(hub.downloads == 3); // 4096 + 4096 + the rest: resumed each time
    CHECK(stagedCalls == 1);
    CHECK(updater.status().stagedVersion == 12);
    CHECK_FALSE(fs::exists(p.store.downloadFile(12)));
    updater.runOnce(); // staged: nothing more is fetched
    CHECK(hub.downloads == 3);
}

TEST_CASE("content updater: nothing is downloaded while a resident uses the screen") {
    Packs p;
    FakeHub hub;
    hub.publish(p.make(12), 12);
    bool residentThere = true;
    kiosk::UpdaterSettings settings;
    settings.publicKey = p.keys.publicKey;
    settings.idle = [&] { return !residentThere; };
    settings.log = [](std::string_view) {};
    kiosk::ContentUpdater updater(p.store, settings, hub.network());
    updater.runOnce();
    updater.runOnce();
    CHECK(hub.downloads == 0);
    residentThere = false;
    updater.runOnce();
    CHECK(hub.downloads == 1);
    residentThere = true; // came back mid-download: it pauses, keeping what it has
    updater.runOnce();
    CHECK(fs::file_size(p.store.downloadFile(12)) == 4096);
}

TEST_CASE(
    "content updater: a tampered or wrongly signed pack is refused once, logged, and not fetched again") {
    Packs p;
    FakeHub hub;
    const auto pack = p.make(12);
    hub.publish(pack, 12);
    hub.slice = 1 << 20;
    // Signed with another key: what the hub serves matches its own SHA-256, but not this kiosk's key.
    const auto other = kiosk::pack::makeKeys();
    std::vector<std::string> lines;
    kiosk::UpdaterSettings settings;
    settings.publicKey = other.publicKey;
    settings.log = [&](std::string_view line) { lines.emplace_back(line); };
    kiosk::ContentUpdater updater(p.store, settings, hub.network());
    updater.runOnce();
    CHECK_FALSE(p.store.staged().has_value());
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.back().starts_with("refused content pack 12: pack: the signature does not match"));
    CHECK(updater.status().lastProblem == lines.back());
    CHECK(updater.status().summary().find("refused content pack 12") != std::string::npos);
    CHECK(p.store.refused().contains(12));
    updater.runOnce();
    CHECK(hub.downloads == 1); // refused versions are not fetched again

    // Bytes that differ from what the hub announced (damaged on the way): dropped and fetched again.
    Packs q;
    FakeHub damaged;
    damaged.publish(q.make(13), 13);
    damaged.slice = 1 << 20;
    damaged.bytes[600] ^= 1;
    kiosk::UpdaterSettings qs;
    qs.publicKey = q.keys.publicKey;
    qs.log = [](std::string_view) {};
    kiosk::ContentUpdater second(q.store, qs, damaged.network());
    second.runOnce();
    CHECK_FALSE(q.store.staged().has_value());
    CHECK_FALSE(q.store.refused().contains(13));
    CHECK_FALSE(fs::exists(q.store.downloadFile(13)));
    CHECK(second.status().lastProblem ==
          "content pack 13: the download does not match the hub's SHA-256; downloading again");
}

TEST_CASE("content updater: the hub's answer is checked field by field") {
    CHECK(kiosk::parseLatest(R"({"version":3,"size":10,"sha256":")" + std::string(64, 'a') +
                             R"(","path":"/api/v1/content/packs/3.tar"})")
              .has_value());
    CHECK(kiosk::parseLatest(R"({"version":3,"size":10,"sha256":")" + std::string(64, 'a') +
                             R"(","path":"https://elsewhere.example/x.tar"})")
              .error()
              .message == "hub content/latest: path missing or wrong");
    CHECK(kiosk::parseLatest(R"({"version":-1})").error().message ==
          "hub content/latest: version missing or wrong");
    CHECK(kiosk::parseLatest("not json").error().message ==
          "hub content/latest: the JSON object missing or wrong");
}

#include "app/app.hpp"
#include "storage/migrations.hpp"

namespace {

const kiosk::TimePoint t0 = kiosk::TimePoint{} + std::chrono::hours(500000);

// An app with content updates connected: a store in a temp folder, a network that never answers.
struct UpdatingKiosk {
    test::TempDir dir{"kiosk-app-content"};
    kiosk::db::Database db = [] {
        auto d = kiosk::db::Database::openInMemory();
        kiosk::db::migrate(d, kiosk::db::kioskMigrations());
        return d;
    }();
    kiosk::StaffRepository staff{db};
    kiosk::Config config = [] {
        kiosk::Config c;
        c.idleSeconds = 10;
        c.countdownSeconds = 5;
        return c;
    }();
    kiosk::App app{config, staff, {}, t0};
    ContentStore store{dir.path / "packs"};
    kiosk::ContentUpdater updater{store, {}, {}};
    std::atomic<bool> present{true};
    std::atomic<bool> waiting{false};
    UpdatingKiosk() {
        app.setTapSettle(kiosk::Milliseconds(0));
        app.connectContentUpdates(updater, present, waiting);
    }
};

} // namespace

TEST_CASE("app and content updates: a resident counts as present until idle, and a waiting pack switches "
          "only then") {
    UpdatingKiosk k;
    k.app.tick(t0 + std::chrono::seconds(5));
    CHECK(k.present.load());
    // Untouched at home for idle_seconds: gone. The app wakes for that moment by itself.
    REQUIRE(k.app.timeUntilNextTimer(t0 + std::chrono::seconds(5)).has_value());
    CHECK(*k.app.timeUntilNextTimer(t0 + std::chrono::seconds(5)) == std::chrono::seconds(5));
    k.app.tick(t0 + std::chrono::seconds(10));
    CHECK_FALSE(k.present.load());
    CHECK(k.app.state().exitRequest == kiosk::ExitRequest::None); // nothing waits

    // A resident comes and opens a topic; meanwhile a pack is checked and waits.
    k.app.apply(kiosk::intent::OpenTopic{"vneid"}, t0 + std::chrono::seconds(20));
    CHECK(k.present.load());
    k.waiting = true;
    k.app.tick(t0 + std::chrono::seconds(25));
    CHECK(k.app.state().exitRequest == kiosk::ExitRequest::None); // never under a resident's finger
    // The idle reset (10 s quiet + 5 s countdown) takes the kiosk home, and then it switches.
    k.app.tick(t0 + std::chrono::seconds(30));
    CHECK(k.app.state().exitRequest == kiosk::ExitRequest::None);
    k.app.tick(t0 + std::chrono::seconds(35));
    CHECK(k.app.state().screen == kiosk::Screen::Home);
    CHECK(k.app.state().exitRequest == kiosk::ExitRequest::Restart);
    CHECK(k.app.state().contentAction == kiosk::ContentAction::Switch);
}

TEST_CASE("app and content updates: a rollback needs staff mode") {
    UpdatingKiosk k;
    k.app.apply(kiosk::intent::RollBackContent{}, t0 + std::chrono::seconds(1));
    CHECK(k.app.state().exitRequest == kiosk::ExitRequest::None);
    CHECK(k.app.state().contentAction == kiosk::ContentAction::None);
}

TEST_CASE("config: the content pack keys are read and a bad public key is named") {
    const auto keys = kiosk::pack::makeKeys();
    const auto good =
        kiosk::parseConfig(fmt::format("[content]\npack_public_key = \"{}\"\n"
                                       "update_kilobytes_per_second = 8\nupdate_check_seconds = 60\n",
                                       keys.publicKey),
                           "kiosk.toml");
    CHECK(good.issues.empty());
    CHECK(good.config.packPublicKey == keys.publicKey);
    CHECK(good.config.updateKilobytesPerSecond == 8);
    CHECK(good.config.updateCheckSeconds == 60);
    const auto bad =
        kiosk::parseConfig("[content]\npack_public_key = \"abc\"\nupdate_check_seconds = 5\n", "kiosk.toml");
    REQUIRE(bad.issues.size() == 2);
    CHECK(bad.issues[0].text() ==
          "kiosk.toml:2: content.pack_public_key: must be \"\" (no updates) or the base64 "
          "public key from commune-hub content keygen, got \"abc\"");
    CHECK(bad.issues[1].text() ==
          "kiosk.toml:3: content.update_check_seconds: must be an integer from 10 to 86400, got 5");
    CHECK(bad.config.packPublicKey.empty());
}

TEST_CASE("app: guides never compared with the real app are counted for staff, not listed as problems") {
    content::Library library;
    library.issues.push_back(
        {"content/guides/a.toml", 6, "never compared with the real app: ...", true, true});
    library.issues.push_back(
        {"content/guides/a.toml", 20, "steps[3]: never compared with the real app", true, true});
    library.issues.push_back(
        {"content/guides/b.toml", 6, "verified_on 2025-01-02 is more than 6 months ago", true, true});
    library.issues.push_back(
        {"content/guides/c.toml", 0, "not a .toml file, so it is not read as a guide", true});
    auto db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    kiosk::StaffRepository staff(db);
    kiosk::App app(kiosk::Config{}, staff, {}, t0, &library);
    CHECK(app.guidesToVerify() == 2);
    REQUIRE(app.notices().size() == 1);
    CHECK(app.notices()[0] ==
          "content/guides/c.toml: warning: not a .toml file, so it is not read as a guide");
}
