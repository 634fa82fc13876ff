#include "usage/usage_events.hpp"

#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <chrono>
#include <map>
#include <string>
#include <thread>

using kiosk::BookingEvent;
using kiosk::SurveyAnswer;
using kiosk::SurveyQuestion;
using kiosk::UsageRecorder;
using kiosk::UsageStore;
using namespace std::chrono_literals;

namespace {

// 2026-11-25 09:00 in Hanoi (02:00 UTC).
const std::chrono::system_clock::time_point morning =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 25} + 2h;
constexpr const char* today = "2026-11-25";
constexpr const char* guide = "vneid-kich-hoat";

struct Fixture {
    test::TempDir dir{"kiosk-test-usage"};
    kiosk::db::Database db = kiosk::db::openKioskDatabase(dir.path / "kiosk.db", morning).db;

    std::int64_t rawEvents() {
        auto query = db.prepare("SELECT count(*) FROM usage_event");
        REQUIRE(query.step());
        return query.columnInt64(0);
    }
};

// Two residents on one morning: one leaves a guide at step 3, the other finishes it and books help.
void recordKnownMorning(UsageRecorder& r, std::chrono::system_clock::time_point t) {
    r.sessionStarted(t);
    r.screenShown("home", t + 1s);
    r.screenShown("topic", t + 5s);
    r.guideStarted(guide, "vneid", t + 10s);
    for (int step = 1; step <= 3; ++step)
        r.guideStepReached(guide, "vneid", step, t + 10s + step * 20s);
    r.guideLeft(guide, "vneid", 3, t + 2min);
    r.sessionEnded(t + 4min);

    t += 30min;
    r.sessionStarted(t);
    r.screenShown("home", t);
    r.textSizeChanged(2, t + 2s);
    r.guideStarted(guide, "vneid", t + 10s);
    for (int step = 1; step <= 5; ++step)
        r.guideStepReached(guide, "vneid", step, t + 10s + step * 20s);
    r.practiceTap(true, t + 3min);
    r.practiceTap(false, t + 3min + 5s);
    r.practiceTap(true, t + 3min + 9s);
    r.narrationPlayed(t + 3min + 20s);
    r.narrationPlayed(t + 3min + 40s);
    r.guideFinished(guide, "vneid", t + 4min);
    r.qrShown(t + 4min);
    r.guideStarted("antoan-khong-chia-se-otp", "antoan", t + 5min);
    r.guideStepReached("antoan-khong-chia-se-otp", "antoan", 1, t + 5min);
    r.guideLeft("antoan-khong-chia-se-otp", "antoan", 1, t + 6min);
    r.booking(BookingEvent::made, t + 7min);
    r.booking(BookingEvent::cancelled, t + 8min);
    r.surveyAnswer(SurveyQuestion::smartphone, SurveyAnswer::yes, t + 9min);
    r.surveyAnswer(SurveyQuestion::vneidLevel2, SurveyAnswer::skip, t + 9min);
    r.sessionEnded(t + 10min);
}

} // namespace

TEST_CASE("usage: names from the program pass, anything that could be typed text or a number does not") {
    CHECK(kiosk::usageName("guide_step") == "guide_step");
    CHECK(kiosk::usageName("vneid-kich-hoat") == "vneid-kich-hoat");
    CHECK(kiosk::usageName("0912345678") == "other");
    CHECK(kiosk::usageName("Bà Hoa") == "other");
    CHECK(kiosk::usageName("nguyen van a") == "other");
    CHECK(kiosk::usageName("") == "other");
    CHECK(kiosk::usageName(std::string(65, 'a')) == "other");
}

TEST_CASE("usage: a known morning rolls up to the expected figures and funnel") {
    Fixture f;
    {
        UsageRecorder recorder(f.db);
        recordKnownMorning(recorder, morning);
    }
    UsageStore store(f.db);
    const kiosk::upload::DailyRollup r = store.compute(today, false);
    CHECK(r.day == today);
    CHECK_FALSE(r.complete);
    CHECK(r.sessions == 2);
    CHECK(r.screens == std::map<std::string, int>{{"home", 2}, {"topic", 1}});
    REQUIRE(r.guides.size() == 2);
    const auto& otp = r.guides[0];
    const auto& vneid = r.guides[1];
    CHECK(otp.guideId == "antoan-khong-chia-se-otp");
    CHECK(otp.topic == "antoan");
    CHECK(otp.started == 1);
    CHECK(otp.finished == 0);
    CHECK(otp.reachedStep == std::map<int, int>{{1, 1}});
    CHECK(otp.leftAtStep == std::map<int, int>{{1, 1}});
    CHECK(vneid.guideId == guide);
    CHECK(vneid.topic == "vneid");
    CHECK(vneid.started == 2);
    CHECK(vneid.finished == 1);
    CHECK(vneid.reachedStep == std::map<int, int>{{1, 2}, {2, 2}, {3, 2}, {4, 1}, {5, 1}});
    CHECK(vneid.leftAtStep == std::map<int, int>{{3, 1}});
    CHECK(r.practiceRight == 2);
    CHECK(r.practiceWrong == 1);
    CHECK(r.narrationPlayed == 2);
    CHECK(r.qrShown == 1);
    CHECK(r.textSizeChanged == 1);
    CHECK(r.bookingsMade == 1);
    CHECK(r.bookingsCancelled == 1);
    CHECK(r.bookingsDone == 0);
    CHECK(r.bookingsNoShow == 0);
    CHECK(r.smartphone == kiosk::upload::Survey{1, 0, 0});
    CHECK(r.vneidLevel2 == kiosk::upload::Survey{0, 0, 1});
    // Another day has none of it.
    CHECK(store.compute("2026-11-24", true).sessions == 0);
}

TEST_CASE("usage: an event just before local midnight counts for that day") {
    Fixture f;
    const auto midnight = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} - 7h;
    {
        UsageRecorder recorder(f.db);
        recorder.sessionStarted(midnight - 1s);
        recorder.sessionStarted(midnight);
    }
    UsageStore store(f.db);
    CHECK(store.compute("2026-11-25", true).sessions == 1);
    CHECK(store.compute("2026-11-26", false).sessions == 1);
}

TEST_CASE("usage: on the caller's thread, events are written within a second and at the end of a session") {
    Fixture f;
    UsageRecorder recorder(f.db, kiosk::RecorderWrites::onCallerThread, 1s);
    CHECK_FALSE(recorder.writesInBackground());
    recorder.sessionStarted(morning);
    recorder.screenShown("home", morning + 100ms);
    CHECK(recorder.buffered() == 2);
    CHECK(f.rawEvents() == 0);
    recorder.flushIfDue(morning + 900ms);
    CHECK(f.rawEvents() == 0);
    recorder.flushIfDue(morning + 1s);
    CHECK(f.rawEvents() == 2);
    CHECK(recorder.buffered() == 0);

    recorder.qrShown(morning + 2s);
    recorder.sessionEnded(morning + 2s);
    CHECK(f.rawEvents() == 4);

    // The next event a second after a buffered one writes both.
    recorder.sessionStarted(morning + 10s);
    CHECK(f.rawEvents() == 4);
    recorder.screenShown("home", morning + 11s);
    CHECK(f.rawEvents() == 6);
    recorder.narrationPlayed(morning + 12s);
    CHECK(recorder.buffered() == 1);
}

TEST_CASE(
    "usage: by default a session's events wait two minutes for their transaction, or the session's end") {
    // SD card care: a transaction per tap was most of a busy day's writes (tests/bench/sd_writes.py).
    Fixture f;
    UsageRecorder recorder(f.db, kiosk::RecorderWrites::onCallerThread);
    recorder.sessionStarted(morning);
    for (int tap = 1; tap <= 11; ++tap) // a tap every ten seconds
        recorder.screenShown("topic", morning + tap * 10s);
    recorder.flushIfDue(morning + 119s);
    CHECK(f.rawEvents() == 0);
    REQUIRE(recorder.oldestBuffered() == morning);
    recorder.flushIfDue(morning + 120s);
    CHECK(f.rawEvents() == 12);
    CHECK_FALSE(recorder.oldestBuffered().has_value());

    recorder.screenShown("home", morning + 130s);
    recorder.sessionEnded(morning + 135s);
    CHECK(f.rawEvents() == 14);
}

TEST_CASE("usage: the recorder's destructor writes what is left") {
    for (auto writes : {kiosk::RecorderWrites::onCallerThread, kiosk::RecorderWrites::background}) {
        Fixture f;
        {
            UsageRecorder recorder(f.db, writes);
            recorder.sessionStarted(morning);
            if (writes == kiosk::RecorderWrites::onCallerThread) CHECK(f.rawEvents() == 0);
        }
        CHECK(f.rawEvents() == 1);
    }
}

TEST_CASE("usage: in the background, events reach the database by themselves, and flush waits for them") {
    Fixture f;
    UsageRecorder recorder(f.db, kiosk::RecorderWrites::background, 1s);
    REQUIRE(recorder.writesInBackground());
    auto waitFor = [&f](std::int64_t count) {
        for (int i = 0; i < 500 && f.rawEvents() < count; ++i)
            std::this_thread::sleep_for(10ms);
        return f.rawEvents();
    };
    recorder.sessionStarted(morning);
    CHECK(waitFor(1) == 1); // no further call: the writer wrote it about a second later
    recorder.qrShown(morning + 5s);
    recorder.sessionEnded(morning + 6s);
    CHECK(waitFor(3) == 3);
    for (int i = 0; i < 10; ++i)
        recorder.narrationPlayed(morning + 7s);
    recorder.flush();
    CHECK(f.rawEvents() == 13);
    CHECK(recorder.buffered() == 0);
    CHECK(recorder.lastError().empty());
}

TEST_CASE("usage: an in-memory database is written on the caller's thread") {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    UsageRecorder recorder(db);
    CHECK_FALSE(recorder.writesInBackground());
    recorder.sessionStarted(morning);
    recorder.flush();
    UsageStore store(db);
    CHECK(store.compute(today, false).sessions == 1);
}

TEST_CASE("usage: steps outside 1..100 are not counted as reached") {
    Fixture f;
    {
        UsageRecorder recorder(f.db);
        recorder.guideStarted(guide, "vneid", morning);
        recorder.guideStepReached(guide, "vneid", 0, morning);
        recorder.guideStepReached(guide, "vneid", 101, morning);
        recorder.guideStepReached(guide, "vneid", 100, morning);
    }
    UsageStore store(f.db);
    const auto r = store.compute(today, false);
    REQUIRE(r.guides.size() == 1);
    CHECK(r.guides[0].reachedStep == std::map<int, int>{{100, 1}});
}

TEST_CASE("usage: raw events older than rawEventDays are deleted, their rollups stay") {
    Fixture f;
    const auto day = [](int daysAgo) { return morning - std::chrono::days{daysAgo}; };
    {
        UsageRecorder recorder(f.db);
        for (int daysAgo : {70, 61, 60, 1, 0}) {
            recorder.sessionStarted(day(daysAgo));
            recorder.guideStarted(guide, "vneid", day(daysAgo));
            recorder.guideStepReached(guide, "vneid", 1, day(daysAgo));
            if (daysAgo == 70) recorder.sessionStarted(day(daysAgo) + 1min); // two sessions that day
        }
    }
    UsageStore store(f.db);
    const auto before70 = store.compute(kiosk::addDays(today, -70), true);
    CHECK(before70.sessions == 2);

    const std::size_t removed = store.pruneRawEvents(today, 60, morning);
    CHECK(removed == 7); // 4 events 70 days ago, 3 61 days ago
    auto query = f.db.prepare("SELECT min(day) FROM usage_event");
    REQUIRE(query.step());
    CHECK(query.columnText(0) == kiosk::addDays(today, -60));

    const auto after70 = store.rollup(kiosk::addDays(today, -70), true, morning);
    CHECK(after70 == before70);
    CHECK(store.rollup(kiosk::addDays(today, -61), true, morning).sessions == 1);
    CHECK(store.days().size() == 5);
    // Running it again changes nothing.
    CHECK(store.pruneRawEvents(today, 60, morning) == 0);
    CHECK(store.rollup(kiosk::addDays(today, -70), true, morning) == before70);
}

TEST_CASE("usage: a day with no events at all rolls up to zeros") {
    Fixture f;
    UsageStore store(f.db);
    const auto r = store.rollup("2026-11-20", true, morning);
    CHECK(r.day == "2026-11-20");
    CHECK(r.complete);
    CHECK(r.sessions == 0);
    CHECK(r.guides.empty());
}

TEST_CASE("usage: a rollup never carries personal data, even when a caller passes some") {
    Fixture f;
    // A booking with a phone number and a name in the same database.
    f.db.execute(
        "INSERT INTO booking (code, slot_day, slot_minute, topic, guide_id, guide_step, phone, name, "
        "created_at, changed_at) VALUES ('ACD347', '2026-11-25', 600, 'vneid', 'vneid-kich-hoat', 3, "
        "'0912345678', 'Nguyễn Thị Hoa', '2026-11-25T02:00:00Z', '2026-11-25T02:00:00Z')");
    {
        UsageRecorder recorder(f.db);
        recordKnownMorning(recorder, morning);
        recorder.booking(BookingEvent::made, morning + 2h);
        // Mistakes a caller could make: a phone number or a typed name where a name from the program goes.
        recorder.screenShown("0912345678", morning + 2h);
        recorder.guideStarted("Nguyễn Thị Hoa", "0912345678", morning + 2h);
        recorder.guideStepReached("0987654321", "vneid", 2, morning + 2h);
    }
    UsageStore store(f.db);
    const std::string json = kiosk::upload::toJson(store.rollup(today, false, morning + 3h)).dump();
    for (const char* personal : {"0912345678", "0987654321", "912345678", "Hoa", "Nguy", "ACD347"}) {
        CAPTURE(personal);
        CHECK(json.find(personal) == std::string::npos);
    }
    // GLOB, not LIKE: LIKE ignores case, and "kich-hoat" holds "hoa".
    auto raw =
        f.db.prepare("SELECT count(*) FROM usage_event WHERE guide_id GLOB '*09*' OR topic GLOB '*09*' "
                     "OR value GLOB '*09*' OR guide_id GLOB '*Hoa*' OR topic GLOB '*Hoa*'");
    REQUIRE(raw.step());
    CHECK(raw.columnInt(0) == 0);
    CHECK(json.find("\"other\"") != std::string::npos); // they were counted, as "other"
}
