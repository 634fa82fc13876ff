// The hub's store, each case once per backend (store_under_test.hpp): a re-send replaces a kiosk's day
// (never with an older copy), an upload is all-or-nothing, and reports sum alike.
#include "calendar.hpp"
#include "store_under_test.hpp"

#include <doctest/doctest.h>

#include <map>
#include <stdexcept>

using test::freshStore;
using test::kDay24;
using test::kDay25;
using test::madeAt;
using test::villageSessions;

TEST_CASE("a kiosk is found by its token's hash, and an id registers once") {
    auto store = freshStore();
    CHECK(store->addKiosk("k1", "Thôn 1", "hash-1"));
    CHECK_FALSE(store->addKiosk("k1", "Thôn 2", "hash-2"));
    CHECK(store->findKioskByTokenHash("hash-1") == "k1");
    CHECK_FALSE(store->findKioskByTokenHash("hash-2").has_value());
    CHECK(store->kioskExists("k1"));
    CHECK_FALSE(store->kioskExists("k2"));
}

TEST_CASE("sending the same day again replaces its figures, never adds") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    auto upload = test::sampleUpload();
    test::post(*store, upload, 1000);
    const auto rowsFirst = store->rowsFor("k1", "2026-11-24");
    CHECK(villageSessions(*store, "Thôn 1") == 10);

    upload.days[0].sessions = 25;
    upload.days[0].guides[0].started = 9;
    upload.days[0].guides[0].reachedStep = {{1, 9}}; // fewer steps than before: old ones must go
    upload.days[0].guides[0].leftAtStep = {};
    upload.days[0].screens = {{"home", 25}};
    test::post(*store, upload, 2000);
    test::post(*store, upload, 3000);
    CHECK(villageSessions(*store, "Thôn 1") == 25);
    const auto figures = store->periodFigures({"2026-11-01", "2026-11-30"});
    REQUIRE(figures.guides.size() == 1);
    CHECK(figures.guides[0].started == 9);
    REQUIRE(figures.steps.size() == 1);
    CHECK(figures.steps[0].reached == 9);
    CHECK(store->rowsFor("k1", "2026-11-24") == rowsFirst - 1); // one screen fewer
}

TEST_CASE("another day or another kiosk adds, it does not replace") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    REQUIRE(store->addKiosk("k2", "Thôn 1", "h2"));
    test::post(*store, test::sampleUpload("k1", "2026-11-23"), 1);
    test::post(*store, test::sampleUpload("k1", "2026-11-24"), 2);
    test::post(*store, test::sampleUpload("k2", "2026-11-24"), 3);
    CHECK(villageSessions(*store, "Thôn 1") == 30);
    CHECK(store->periodFigures({"2026-11-24", "2026-11-24"})
              .villages.at(0)
              .count(kiosk::upload::Count::sessions) == 20);
    CHECK(store->periodFigures({"2026-10-01", "2026-10-31"}).villages.empty());
}

TEST_CASE("an upload that fails half-way leaves nothing behind, heartbeat included") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    auto upload = test::sampleUpload("k1", "2026-11-23");
    auto second = upload.days[0];
    second.day = "2026-11-24";
    second.guides.push_back(second.guides[0]); // the same guide twice: the store's key refuses it
    upload.days.push_back(second);
    upload.heartbeat.version = "9.9.9";
    CHECK_THROWS(test::post(*store, upload, 5000));
    CHECK(store->rowsFor("k1", "2026-11-23") == 0);
    CHECK(store->rowsFor("k1", "2026-11-24") == 0);
    CHECK(store->kioskStatuses().at(0).lastSeenUnix == 0);
    CHECK(store->kioskStatuses().at(0).version.empty());
    // And the store still works afterwards.
    test::post(*store, test::sampleUpload("k1", "2026-11-23"), 6000);
    CHECK(store->kioskStatuses().at(0).lastSeenUnix == 6000);
}

TEST_CASE("an upload from a kiosk that is not registered is refused") {
    auto store = freshStore();
    CHECK_THROWS(test::post(*store, test::sampleUpload("ghost"), 1));
}

TEST_CASE("the heartbeat is kept per kiosk, and the village is only ever the registered one") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn Đông", "h1"));
    REQUIRE(store->addKiosk("k2", "", "h2")); // registered before --village was required
    auto upload = test::sampleUpload("k1");
    upload.heartbeat.lastError = "disk nearly full";
    upload.village = "Thôn Tây";
    test::post(*store, upload, 777);
    auto other = test::sampleUpload("k2");
    other.village = "Toàn xã";
    test::post(*store, other, 778);
    auto statuses = store->kioskStatuses();
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0].kioskId == "k2"); // ordered by village: "" < "Thôn Đông"
    CHECK(statuses[0].village == "");   // the upload's "Toàn xã" was not taken
    CHECK(statuses[1].village == "Thôn Đông");
    CHECK(statuses[1].lastSeenUnix == 777);
    CHECK(statuses[1].version == "0.1.0");
    CHECK(statuses[1].freeDiskMb == 2048);
    CHECK(statuses[1].lastError == "disk nearly full");
    // Reported under its id until staff name its village.
    const auto figures = store->periodFigures({"2026-11-01", "2026-11-30"});
    REQUIRE(figures.villages.size() == 2);
    CHECK(figures.villages[0].village == "Thôn Đông");
    CHECK(figures.villages[1].village == "k2");
    CHECK(store->setKioskVillage("k2", "Thôn Nam"));
    CHECK_FALSE(store->setKioskVillage("k9", "Thôn Nam"));
    statuses = store->kioskStatuses();
    CHECK(statuses[0].kioskId == "k2"); // "Thôn Nam" < "Thôn Đông"
    CHECK(statuses[0].village == "Thôn Nam");
}

TEST_CASE("staff sessions expire") {
    auto store = freshStore();
    store->setStaffPassword("an", "hash");
    CHECK(store->staffPasswordHash("an") == "hash");
    CHECK_FALSE(store->staffPasswordHash("binh").has_value());
    store->addSession("s1", "an", 100);
    CHECK(store->sessionUser("s1", 99) == "an");
    CHECK_FALSE(store->sessionUser("s1", 100).has_value());
    CHECK_FALSE(store->sessionUser("s2", 1).has_value());
}

TEST_CASE("a payload ranks by when the kiosk made it, never later than the hub's clock") {
    const auto upload = madeAt(kDay24 + 600, 1, false);
    const auto posted = commune::postedTiming(upload, kDay24 + 900);
    CHECK(posted.generatedUnix == kDay24 + 600);
    CHECK(posted.seenUnix == kDay24 + 900);
    CHECK(commune::postedTiming(upload, kDay24 + 60).generatedUnix == kDay24 + 60); // kiosk clock ahead
    const auto imported = commune::importedTiming(upload, kDay25);
    CHECK(imported.generatedUnix == kDay24 + 600);
    CHECK(imported.seenUnix == kDay24 + 600); // the export says the kiosk was alive then, not now
    auto noTime = upload;
    noTime.heartbeat.sentAt = "";
    CHECK(commune::importedTiming(noTime, kDay25).generatedUnix == 0);
    CHECK(commune::importedTiming(noTime, kDay25).seenUnix == 0);
}

TEST_CASE("an old export imported after the network delivered the day changes nothing newer") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    // The network brought the complete day 24 just after midnight, and the kiosk is on 0.2.0.
    auto delivered = madeAt(kDay25 + 300, 40, true);
    delivered.heartbeat.version = "0.2.0";
    CHECK(test::post(*store, delivered, kDay25 + 360).storedDays == 1);

    // A USB stick exported on the 24th in the morning: day 24 so far (12 sessions), and day 23.
    const std::int64_t importedOn = kDay25 + 5 * 86400;
    auto exported = madeAt(kDay24 + 3600, 12, false);
    auto day23 = madeAt(kDay24 + 3600, 7, true, "2026-11-23");
    const auto old = store->replaceRollups(exported, commune::importedTiming(exported, importedOn));
    CHECK(old.storedDays == 0);
    CHECK(old.olderDays == 1);
    CHECK(store->replaceRollups(day23, commune::importedTiming(day23, importedOn)).storedDays == 1);

    CHECK(store->periodFigures({"2026-11-24", "2026-11-24"})
              .villages.at(0)
              .count(kiosk::upload::Count::sessions) == 40);
    CHECK(villageSessions(*store, "Thôn 1") == 47); // day 23 was new, so it counts
    const auto status = store->kioskStatuses().at(0);
    CHECK(status.lastSeenUnix == kDay25 + 360); // not the import's "now", not the export's older time
    CHECK(status.version == "0.2.0");
}

TEST_CASE("a delayed retry of an older POST does not win, but the kiosk still counts as seen") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    auto older = madeAt(kDay24 + 3600, 15, false);
    older.heartbeat.lastError = "network down";
    const auto newer = madeAt(kDay24 + 7200, 20, false);
    CHECK(test::post(*store, newer, kDay24 + 7260).storedDays == 1);
    const auto late = test::post(*store, older, kDay24 + 9000); // the outbox retried the 1 h-old body
    CHECK(late.storedDays == 0);
    CHECK(late.olderDays == 1);
    CHECK(villageSessions(*store, "Thôn 1") == 20);
    const auto status = store->kioskStatuses().at(0);
    CHECK(status.lastSeenUnix == kDay24 + 9000);
    CHECK(status.version == newer.heartbeat.version);
    CHECK(status.lastError.empty());
    // And a newer one still replaces.
    CHECK(test::post(*store, madeAt(kDay24 + 10800, 26, false), kDay24 + 10800).storedDays == 1);
    CHECK(villageSessions(*store, "Thôn 1") == 26);
}

TEST_CASE("at the same generation a complete day is never replaced by an incomplete one") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    CHECK(test::post(*store, madeAt(kDay25, 30, true), kDay25 + 1).storedDays == 1);
    CHECK(test::post(*store, madeAt(kDay25, 29, false), kDay25 + 2).olderDays == 1);
    CHECK(villageSessions(*store, "Thôn 1") == 30);
    CHECK(test::post(*store, madeAt(kDay25, 31, true), kDay25 + 3).storedDays == 1); // the same send again
    CHECK(villageSessions(*store, "Thôn 1") == 31);
    CHECK(test::post(*store, madeAt(kDay25 - 1, 99, true), kDay25 + 4).olderDays == 1); // complete, but older
    CHECK(villageSessions(*store, "Thôn 1") == 31);
    // An incomplete day is replaced by the complete one of the same moment.
    CHECK(test::post(*store, madeAt(kDay25, 5, false, "2026-11-23"), kDay25 + 5).storedDays == 1);
    CHECK(test::post(*store, madeAt(kDay25, 6, true, "2026-11-23"), kDay25 + 6).storedDays == 1);
    CHECK(villageSessions(*store, "Thôn 1") == 37);
}

TEST_CASE("an upload without a sent_at fills gaps but overwrites nothing, and last seen never goes back") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    CHECK(test::post(*store, madeAt(kDay24 + 600, 10, true), kDay25).storedDays == 1);
    auto timeless = madeAt(kDay24, 50, true);
    timeless.heartbeat.sentAt = "";
    CHECK(store->replaceRollups(timeless, commune::importedTiming(timeless, kDay25 + 86400)).olderDays == 1);
    timeless.days[0].day = "2026-11-20";
    CHECK(store->replaceRollups(timeless, commune::importedTiming(timeless, kDay25 + 86400)).storedDays == 1);
    CHECK(villageSessions(*store, "Thôn 1") == 60);
    CHECK(store->kioskStatuses().at(0).lastSeenUnix == kDay25);
    CHECK(store->kioskStatuses().at(0).version == "made-" + std::to_string(kDay24 + 600));
}

TEST_CASE("the last heartbeat keeps restarts and temperature, and an older kiosk's leaves them unknown") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    auto upload = test::sampleUpload();
    upload.heartbeat.restartsSinceBoot = 4;
    upload.heartbeat.socTemperatureC = 62.5;
    test::post(*store, upload, 1795600000);
    auto status = store->kioskStatuses().at(0);
    CHECK(status.restartsSinceBoot == 4);
    CHECK(status.socTemperatureC == doctest::Approx(62.5));
    CHECK(status.freeDiskMb == 2048);

    auto old = test::sampleUpload(); // no new fields, made later
    old.heartbeat.sentAt = "2026-11-24T11:00:00Z";
    test::post(*store, old, 1795603600);
    status = store->kioskStatuses().at(0);
    CHECK_FALSE(status.restartsSinceBoot.has_value());
    CHECK_FALSE(status.socTemperatureC.has_value());
}

TEST_CASE("a period sums every kiosk and day per village, and each guide's funnel step by step") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn Đông", "h1"));
    REQUIRE(store->addKiosk("k2", "Thôn Đông", "h2"));
    REQUIRE(store->addKiosk("k3", "Thôn Nam", "h3"));
    for (const std::string day : {"2026-11-01", "2026-11-15", "2026-11-30", "2026-12-01"}) {
        for (const std::string kioskId : {"k1", "k2", "k3"}) {
            auto upload = test::sampleUpload(kioskId, day);
            upload.days[0].screens = {{R"(a "quoted", \odd/ screen)", 3}, {"home", 10}}; // kept as sent
            auto other = upload.days[0].guides[0];
            other.guideId = "zalo-goi-video";
            other.topic = "zalo";
            other.reachedStep = {{1, 2}, {4, 1}}; // a step only this guide has
            other.leftAtStep = {{4, 1}};
            upload.days[0].guides.push_back(other);
            test::post(*store, upload, 1000);
        }
    }
    const auto figures = store->periodFigures({"2026-11-01", "2026-11-30"});
    REQUIRE(figures.villages.size() == 2);
    CHECK(figures.villages[0].village == "Thôn Nam"); // byte order, as SQLite compares: "N" < "Đ"
    CHECK(figures.villages[0].count(kiosk::upload::Count::sessions) == 30);
    CHECK(figures.villages[1].count(kiosk::upload::Count::sessions) == 60);
    CHECK(figures.villages[1].count(kiosk::upload::Count::bookingsNoShow) == 6);
    CHECK(figures.villages[1].answers(kiosk::upload::Question::smartphone, kiosk::upload::Answer::yes) == 18);
    REQUIRE(figures.guides.size() == 4);
    CHECK(figures.guides[0].guideId == "vneid-kich-hoat");
    CHECK(figures.guides[0].started == 15);
    CHECK(figures.guides[3].village == "Thôn Đông");
    CHECK(figures.guides[3].topic == "zalo");
    CHECK(figures.guides[3].finished == 18);
    REQUIRE(figures.steps.size() == 10); // per village: 3 steps of one guide, 2 of the other
    CHECK(figures.steps[0].step == 1);
    CHECK(figures.steps[0].reached == 15);
    CHECK(figures.steps[1].leftHere == 3);
    CHECK(figures.steps[4].guideId == "zalo-goi-video");
    CHECK(figures.steps[4].step == 4);
    CHECK(figures.steps[4].reached == 3);
    CHECK(figures.steps[4].leftHere == 3);
    CHECK(store->rowsFor("k1", "2026-11-15") == store->rowsFor("k3", "2026-12-01"));
}

namespace {

// One day of team help: at home 3 visits for 4 people, at the kiosk 2 bookings done, and the faces.
kiosk::upload::Upload withTeamActivity(const std::string& kioskId, const std::string& day) {
    auto upload = test::sampleUpload(kioskId, day);
    upload.days[0].teamActivity["home_visit"] = {3, 4, {{"vneid_level2", 2}, {"scam_warning", 4}}};
    upload.days[0].teamActivity["kiosk"] = {2, 2, {{"vneid_level2", 1}}};
    upload.days[0].satisfaction = {{"happy", 2}, {"neutral", 1}};
    return upload;
}

const commune::VillageTotals& villageNamed(const commune::PeriodFigures& figures, const std::string& name) {
    for (const auto& v : figures.villages)
        if (v.village == name) return v;
    FAIL("no village " << name);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("team activity and satisfaction are summed per village over a period, unknown keys kept") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn Đông", "h1"));
    REQUIRE(store->addKiosk("k2", "Thôn Đông", "h2"));
    REQUIRE(store->addKiosk("k3", "Thôn Nam", "h3"));
    // k1 and k2 in Thôn Đông on two days of November and one of December (outside the period).
    for (const std::string day : {"2026-11-10", "2026-11-30", "2026-12-01"})
        for (const std::string kioskId : {"k1", "k2"})
            test::post(*store, withTeamActivity(kioskId, day), 1000);
    // k3: a class, a newer kiosk's place and result keys, and an answer this hub does not know.
    auto nam = test::sampleUpload("k3", "2026-11-12");
    nam.days[0].teamActivity["class"] = {1, 12, {{"app_installed", 7}}};
    nam.days[0].teamActivity["boat_trip"] = {1, 3, {{"future_result", 2}}};
    nam.days[0].satisfaction = {{"happy", 6}, {"very_happy", 1}};
    test::post(*store, nam, 1000);
    // An older kiosk's day, without either field, in the same village: adds nothing to them.
    REQUIRE(store->addKiosk("k4", "Thôn Nam", "h4"));
    test::post(*store, test::sampleUpload("k4", "2026-11-12"), 1000);

    const auto figures = store->periodFigures({"2026-11-01", "2026-11-30"});
    const auto& dong = villageNamed(figures, "Thôn Đông"); // 2 kiosks x 2 days
    REQUIRE(dong.team.size() == 2);
    const commune::TeamHelpTotals home{12, 16, {{"scam_warning", 16}, {"vneid_level2", 8}}};
    CHECK(dong.team.at("home_visit") == home);
    const commune::TeamHelpTotals atKiosk{8, 8, {{"vneid_level2", 4}}};
    CHECK(dong.team.at("kiosk") == atKiosk);
    CHECK(dong.satisfaction == std::map<std::string, std::int64_t>{{"happy", 8}, {"neutral", 4}});

    const auto& nam_ = villageNamed(figures, "Thôn Nam");
    REQUIRE(nam_.team.size() == 2);
    const commune::TeamHelpTotals lesson{1, 12, {{"app_installed", 7}}};
    CHECK(nam_.team.at("class") == lesson);
    const commune::TeamHelpTotals boat{1, 3, {{"future_result", 2}}};
    CHECK(nam_.team.at("boat_trip") == boat);
    CHECK(nam_.satisfaction == std::map<std::string, std::int64_t>{{"happy", 6}, {"very_happy", 1}});

    // December alone: Thôn Đông's one day, nothing from Thôn Nam.
    const auto december = store->periodFigures({"2026-12-01", "2026-12-31"});
    REQUIRE(december.villages.size() == 1);
    CHECK(december.villages[0].team.at("home_visit").people == 8);
    CHECK(december.villages[0].satisfaction.at("happy") == 4);

    // The commune's row adds the villages up.
    commune::VillageTotals commune;
    for (const auto& v : figures.villages)
        commune.add(v);
    CHECK(commune.team.at("home_visit").people == 16);
    CHECK(commune.team.at("class").people == 12);
    CHECK(commune.team.at("kiosk").results.at("vneid_level2") == 4);
    CHECK(commune.satisfaction.at("happy") == 14);
    CHECK(commune.satisfaction.at("neutral") == 4);
}

TEST_CASE("re-sending a day replaces its team activity and satisfaction, never adds") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    REQUIRE(store->addKiosk("k2", "Thôn 1", "h2"));
    test::post(*store, test::sampleUpload("k2", "2026-11-24"), 1000);
    auto upload = withTeamActivity("k1", "2026-11-24");
    test::post(*store, upload, 1000);
    // 2 places x (events, people) + 3 results + 2 answers, beside the day's other rows.
    const auto withTeam = store->rowsFor("k1", "2026-11-24");
    CHECK(withTeam == store->rowsFor("k2", "2026-11-24") + 9);
    test::post(*store, upload, 2000);
    test::post(*store, upload, 3000);
    CHECK(store->rowsFor("k1", "2026-11-24") == withTeam);
    auto figures = store->periodFigures({"2026-11-24", "2026-11-24"});
    REQUIRE(figures.villages.size() == 1);
    CHECK(figures.villages[0].team.at("home_visit").people == 4); // k2 sent none
    CHECK(figures.villages[0].satisfaction.at("happy") == 2);

    // Later that day: the home visit's results corrected, the kiosk's help and the faces gone.
    upload.days[0].teamActivity = {{"home_visit", {3, 5, {{"vneid_level2", 3}}}}};
    upload.days[0].satisfaction.clear();
    test::post(*store, upload, 4000);
    figures = store->periodFigures({"2026-11-24", "2026-11-24"});
    REQUIRE(figures.villages.size() == 1);
    REQUIRE(figures.villages[0].team.size() == 1);
    const commune::TeamHelpTotals corrected{3, 5, {{"vneid_level2", 3}}};
    CHECK(figures.villages[0].team.at("home_visit") == corrected);
    CHECK(figures.villages[0].satisfaction.empty());
    CHECK(store->rowsFor("k1", "2026-11-24") == withTeam - 6); // the kiosk's 3, one result, 2 answers
}

TEST_CASE("a re-sent upload stores each screen flag once, listed by guide and step, newest first") {
    auto store = freshStore();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    auto upload = test::sampleUpload();
    upload.flags = {{"f1", "vneid-kich-hoat", "Kích hoạt VNeID", 2, "button", "Nút 'Đăng nhập' đổi chỗ",
                     "2026-11-24T08:00:00Z"},
                    {"f2", "vneid-kich-hoat", "", 2, "picture", "", "2026-11-25T08:00:00Z"}};
    CHECK(test::post(*store, upload, 1795600000).newFlags == 2);
    CHECK(test::post(*store, upload, 1795600900).newFlags == 0);
    upload.flags.push_back({"f3", "ihanoi-phan-anh", "", 1, "text", "", "2026-11-23T08:00:00Z"});
    CHECK(test::post(*store, upload, 1795601800).newFlags == 1);
    const auto flags = store->screenFlags();
    REQUIRE(flags.size() == 3);
    CHECK(flags[0].guideId == "ihanoi-phan-anh");
    CHECK(flags[1].flaggedAt == "2026-11-25T08:00:00Z");
    CHECK(flags[2].note == "Nút 'Đăng nhập' đổi chỗ");
    CHECK(flags[2].guideTitle == "Kích hoạt VNeID");
    CHECK(flags[2].village == "Thôn 1");
}

TEST_CASE("staff passwords are replaced, and a session ends when removed") {
    auto store = freshStore();
    store->setStaffPassword("an", "hash-1");
    store->setStaffPassword("an", "hash-2");
    CHECK(store->staffPasswordHash("an") == "hash-2");
    store->addSession("s1", "an", 4102444800); // 2100
    store->addSession("s2", "an", 4102444800);
    store->removeSession("s1");
    CHECK_FALSE(store->sessionUser("s1", 1).has_value());
    CHECK(store->sessionUser("s2", 1) == "an");
    CHECK(store->canWrite());
}

// ---- Denominators (issue 16) ----

TEST_CASE("village populations keep their history, and a report date takes the latest on or before it") {
    auto store = freshStore();
    store->setPopulation({"Thôn 2", "2026-10-15", 400, std::nullopt, 120});
    store->setPopulation({"Thôn 1", "2026-09-30", 850, 600, std::nullopt});
    store->setPopulation({"Thôn 1", "2026-11-30", 860, 610, 400});
    store->setPopulation({"Thôn 1", "2026-12-20", 870, 650, 450});
    store->setPopulation({"Thôn 1", "2026-11-30", 862, 611, 401}); // same village and date: replaces

    const auto history = store->populationHistory();
    REQUIRE(history.size() == 4);
    CHECK(history[0] == commune::PopulationFigures{"Thôn 1", "2026-09-30", 850, 600, std::nullopt});
    CHECK(history[1] == commune::PopulationFigures{"Thôn 1", "2026-11-30", 862, 611, 401});
    CHECK(history[3].village == "Thôn 2");

    const auto endOfNovember = store->populationAsOf("2026-11-30");
    REQUIRE(endOfNovember.size() == 2);
    CHECK(endOfNovember[0] == commune::PopulationFigures{"Thôn 1", "2026-11-30", 862, 611, 401});
    CHECK(endOfNovember[1] == commune::PopulationFigures{"Thôn 2", "2026-10-15", 400, std::nullopt, 120});
    const auto endOfOctober = store->populationAsOf("2026-10-31");
    REQUIRE(endOfOctober.size() == 2);
    CHECK(endOfOctober[0].asOf == "2026-09-30");
    const auto september = store->populationAsOf("2026-09-30");
    REQUIRE(september.size() == 1); // Thôn 2 had no figures yet
    CHECK(september[0].adults == 850);
    CHECK(store->populationAsOf("2026-01-31").empty());
}

TEST_CASE("the store itself refuses more smartphone owners than adults") {
    auto store = freshStore();
    CHECK_THROWS(store->setPopulation({"Thôn 1", "2026-11-30", 100, 101, std::nullopt}));
    CHECK(store->populationHistory().empty());
}
