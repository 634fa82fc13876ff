// The team's help and the residents' faces travel in the day's usage rollup (issue 16): per place, records
// become events, people are summed and results added; a day with only team records is sent too, once, and
// again when a record for it comes later.
#include "storage/migrations.hpp"
#include "team/team_store.hpp"
#include "temp_dir.hpp"
#include "upload/outbox.hpp"
#include "usage/stats_uploader.hpp"
#include "usage/usage_events.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono;
using TimePoint = system_clock::time_point;

namespace {

// 2026-11-27 01:00 UTC = 08:00 on 27/11 in Hanoi.
const TimePoint t0 = sys_days{year{2026} / 11 / 27} + hours(1);
constexpr const char* kHub = "http://127.0.0.1:9/api/v1/uploads";

struct Fixture {
    test::TempDir dir{"team-rollup"};
    kiosk::db::Database db = kiosk::db::openKioskDatabase(dir.path / "kiosk.db", t0).db;
    kiosk::TeamStore team{db};
    kiosk::UsageStore usage{db};
    kiosk::Outbox outbox{db};
    kiosk::StatsUploader uploader{usage, outbox, settings()};

    kiosk::UploaderSettings settings() const {
        kiosk::UploaderSettings s;
        s.kioskId = "thon-dong-01";
        s.destination = kHub;
        s.dataDir = dir.path;
        s.startedAt = t0;
        s.thermalRoot.clear();
        return s;
    }
};

} // namespace

TEST_CASE("team rollup: the day's figures carry the help per place and the faces") {
    Fixture f;
    {
        kiosk::UsageRecorder recorder(f.db, kiosk::RecorderWrites::onCallerThread);
        recorder.sessionStarted(t0);
        recorder.booking(kiosk::BookingEvent::done, t0);
        recorder.flush();
    }
    REQUIRE(f.team.record({"2026-11-27", "home_visit", 2, {{"vneid_level2", 2}}}, t0));
    REQUIRE(f.team.record({"2026-11-27", "home_visit", 1, {{"vneid_level2", 1}, {"scam_warning", 1}}}, t0));
    REQUIRE(
        f.team.record({"2026-11-27", std::string(kiosk::upload::kPlaceAtKiosk), 1, {{"bank_qr", 1}}}, t0));
    REQUIRE(f.team.addSatisfaction("happy", t0));
    REQUIRE(f.team.addSatisfaction("neutral", t0));

    const kiosk::upload::DailyRollup day = f.usage.rollup("2026-11-27", false, t0);
    CHECK(day.sessions == 1);
    CHECK(day.bookingsDone == 1);
    REQUIRE(day.teamActivity.size() == 2);
    CHECK(day.teamActivity.at("home_visit") ==
          kiosk::upload::TeamHelp{2, 3, {{"scam_warning", 1}, {"vneid_level2", 3}}});
    CHECK(day.teamActivity.at("kiosk") == kiosk::upload::TeamHelp{1, 1, {{"bank_qr", 1}}});
    CHECK(day.satisfaction == kiosk::upload::Satisfaction{{"happy", 1}, {"neutral", 1}});
    CHECK(f.usage.compute("2026-11-27", false) == day);
    // Another day's figures stay out.
    CHECK(f.usage.rollup("2026-11-26", true, t0).teamActivity.empty());
}

TEST_CASE("team rollup: a day with only team records is sent once and again after a later record") {
    Fixture f;
    REQUIRE(f.team.record({"2026-11-26", "class", 9, {{"scam_warning", 9}}}, t0));
    CHECK(f.usage.days() == std::vector<std::string>{"2026-11-26"});
    CHECK(f.usage.finishedDaysNotSent("2026-11-27") == std::vector<std::string>{"2026-11-26"});

    CHECK(f.uploader.enqueueDue(t0, "") == 2); // yesterday complete, today so far
    CHECK(f.usage.finishedDaysNotSent("2026-11-27").empty());
    // The upload body carries them, as the hub reads it.
    auto message = f.outbox.find(kHub, "thon-dong-01:2026-11-26");
    REQUIRE(message);
    auto upload = kiosk::upload::parseUpload(message->body, "2026-11-27");
    REQUIRE(upload);
    REQUIRE(upload->days.size() == 1);
    CHECK(upload->days[0].complete);
    CHECK(upload->days[0].teamActivity.at("class") == kiosk::upload::TeamHelp{1, 9, {{"scam_warning", 9}}});
    CHECK(message->body.find("\"team_activity\"") != std::string::npos);
    CHECK(f.usage.rollup("2026-11-26", true, t0).teamActivity.at("class").people == 9);

    // A team member records the market of that day the next morning: it goes again, replacing the day.
    REQUIRE(f.team.record({"2026-11-26", "market", 4, {}}, t0 + minutes(1)));
    CHECK(f.usage.finishedDaysNotSent("2026-11-27") == std::vector<std::string>{"2026-11-26"});
    const kiosk::upload::DailyRollup again = f.usage.rollup("2026-11-26", true, t0 + minutes(1));
    CHECK(again.complete);
    CHECK(again.teamActivity.size() == 2);
    CHECK(again.teamActivity.at("market") == kiosk::upload::TeamHelp{1, 4, {}});
}
