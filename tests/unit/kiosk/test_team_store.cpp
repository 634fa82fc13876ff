// The team's record of help and the residents' faces (issue 16): saved at once in a real kiosk.db file,
// refused with the field named, summed per place for the day's upload, and never tied to a booking.
#include "storage/migrations.hpp"
#include "team/team_store.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono;
using TimePoint = system_clock::time_point;

namespace {

// 2026-11-27 01:00 UTC = 08:00 on 27/11 in Hanoi.
const TimePoint t0 = sys_days{year{2026} / 11 / 27} + hours(1);

struct Fixture {
    test::TempDir dir{"team-store"};
    std::filesystem::path file = dir.path / "kiosk.db";
    kiosk::db::Database db = kiosk::db::openKioskDatabase(file, t0).db;
    kiosk::TeamStore store{db};
};

kiosk::TeamHelpRecord homeVisit(int people, std::map<std::string, int> results) {
    return {"2026-11-27", "home_visit", people, std::move(results)};
}

} // namespace

TEST_CASE("team store: a home visit is kept in the file and summed per place for the day") {
    Fixture f;
    REQUIRE(f.store.record(homeVisit(2, {{"vneid_level2", 2}, {"scam_warning", 1}}), t0));
    REQUIRE(f.store.record(homeVisit(1, {{"vneid_level2", 1}, {"bank_qr", 0}}), t0));
    REQUIRE(f.store.record({"2026-11-27", "class", 12, {{"scam_warning", 12}}}, t0));
    REQUIRE(f.store.record({"2026-11-26", "market", 3, {}}, t0));

    // Read back through another connection to the same file: the writes were committed.
    kiosk::db::Database reopened = kiosk::db::Database::open(f.file);
    const kiosk::upload::TeamActivity day = kiosk::TeamStore(reopened).activity("2026-11-27");
    REQUIRE(day.size() == 2);
    const kiosk::upload::TeamHelp& visits = day.at("home_visit");
    CHECK(visits.events == 2);
    CHECK(visits.people == 3);
    CHECK(visits.results == std::map<std::string, int>{{"scam_warning", 1}, {"vneid_level2", 3}});
    CHECK(day.at("class") == kiosk::upload::TeamHelp{1, 12, {{"scam_warning", 12}}});
    CHECK(kiosk::TeamStore(reopened).activity("2026-11-26").at("market") ==
          kiosk::upload::TeamHelp{1, 3, {}});
    CHECK(kiosk::TeamStore(reopened).activity("2026-11-25").empty());
}

TEST_CASE("team store: bad input is refused with the field named and nothing is saved") {
    Fixture f;
    auto refused = [&](const kiosk::TeamHelpRecord& help, const std::string& field) {
        auto saved = f.store.record(help, t0);
        REQUIRE_FALSE(saved);
        CHECK(saved.error().kind == kiosk::ErrorKind::invalidInput);
        CHECK(saved.error().message.starts_with(field + ":"));
    };
    refused({"27/11/2026", "home_visit", 1, {}}, "day");
    refused({"2026-11-28", "home_visit", 1, {}}, "day"); // tomorrow
    refused({"2026-11-20", "home_visit", 1, {}}, "day"); // a week ago
    refused({"2026-11-27", "nha_ong_ba", 1, {}}, "place");
    refused({"2026-11-27", "home_visit", 0, {}}, "people");
    refused({"2026-11-27", "home_visit", 1001, {}}, "people");
    refused({"2026-11-27", "home_visit", 1, {{"lottery", 1}}}, "results");
    refused({"2026-11-27", "home_visit", 1, {{"bank_qr", -1}}}, "results.bank_qr");
    CHECK(f.store.activity("2026-11-27").empty());
    // The oldest day allowed is six days back.
    CHECK(f.store.record({"2026-11-21", "other", 1, {}}, t0));
}

TEST_CASE("team store: faces are counted per day and answer with no booking beside them") {
    Fixture f;
    REQUIRE(f.store.addSatisfaction("happy", t0));
    REQUIRE(f.store.addSatisfaction("happy", t0 + minutes(5)));
    REQUIRE(f.store.addSatisfaction("unhappy", t0 + minutes(9)));
    REQUIRE(f.store.addSatisfaction("neutral", t0 + hours(24)));
    auto bad = f.store.addSatisfaction("angry", t0);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.starts_with("answer:"));
    CHECK(f.store.satisfaction("2026-11-27") == kiosk::upload::Satisfaction{{"happy", 2}, {"unhappy", 1}});
    CHECK(f.store.satisfaction("2026-11-28") == kiosk::upload::Satisfaction{{"neutral", 1}});
    // The table has a day, an answer and a count: nothing that could name a booking or a person.
    std::string columns;
    auto info = f.db.prepare("SELECT group_concat(name, ',') FROM pragma_table_info('satisfaction_count')");
    REQUIRE(info.step());
    columns = info.columnText(0);
    CHECK(columns == "day,answer,times");
}

TEST_CASE("team store: help recorded for a day already sent marks that day to be sent again") {
    Fixture f;
    f.db.execute("INSERT INTO usage_rollup (day, body, complete, sent, computed_at) "
                 "VALUES ('2026-11-26', '{}', 1, 1, '2026-11-27T00:00:00Z')");
    REQUIRE(f.store.record({"2026-11-26", "class", 5, {}}, t0));
    auto sent = f.db.prepare("SELECT sent FROM usage_rollup WHERE day = '2026-11-26'");
    REQUIRE(sent.step());
    CHECK(sent.columnInt(0) == 0);
}
