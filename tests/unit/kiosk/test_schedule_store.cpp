// The saved weekly schedule (kiosk/bookings/schedule_store.hpp): the config's rules until staff save one.
#include "bookings/schedule_store.hpp"

#include "storage/migrations.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>

using namespace std::chrono;

namespace {
const system_clock::time_point t0 = sys_days{year{2026} / 11 / 27} + hours(1);

kiosk::db::Database migratedInMemory() {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

int rows(kiosk::db::Database& db, const char* sql) {
    kiosk::db::Statement q = db.prepare(sql);
    REQUIRE(q.step());
    return q.columnInt(0);
}
} // namespace

TEST_CASE("schedule store: with nothing saved, the config's opening hours, slot length and capacity apply") {
    kiosk::db::Database db = migratedInMemory();
    kiosk::Config config;
    config.bookingCapacity = 3;
    config.bookingSlotMinutes = 20;
    kiosk::ScheduleStore store(db, config);
    CHECK_FALSE(store.saved());
    const kiosk::BookingRules rules = store.load();
    const kiosk::BookingRules expected = kiosk::bookingRulesFromConfig(config);
    CHECK(rules.capacity == 3);
    for (std::size_t day = 0; day < 7; ++day) {
        CHECK(rules.week[day].slotMinutes == 20);
        REQUIRE(rules.week[day].windows.size() == expected.week[day].windows.size());
        for (std::size_t w = 0; w < rules.week[day].windows.size(); ++w) {
            CHECK(rules.week[day].windows[w].startMinute == expected.week[day].windows[w].startMinute);
            CHECK(rules.week[day].windows[w].endMinute == expected.week[day].windows[w].endMinute);
        }
    }
}

TEST_CASE("schedule store: a saved schedule replaces the previous one and survives a new store (a restart)") {
    kiosk::db::Database db = migratedInMemory();
    kiosk::Config config;
    kiosk::BookingRules rules;
    rules.capacity = 4;
    for (auto& day : rules.week)
        day.slotMinutes = 15;
    rules.week[1].windows = {{8 * 60, 10 * 60}, {14 * 60, 16 * 60}};
    kiosk::ScheduleStore(db, config).save(rules, 1, t0);
    rules.week[1].windows = {{9 * 60, 11 * 60}};
    rules.week[2].windows = {{18 * 60, 21 * 60}};
    kiosk::ScheduleStore(db, config).save(rules, 1, t0);

    kiosk::ScheduleStore store(db, config);
    CHECK(store.saved());
    const kiosk::BookingRules loaded = store.load();
    CHECK(loaded.capacity == 4);
    CHECK(loaded.week[0].windows.empty());
    REQUIRE(loaded.week[1].windows.size() == 1);
    CHECK(loaded.week[1].windows[0].startMinute == 9 * 60);
    REQUIRE(loaded.week[2].windows.size() == 1);
    CHECK(loaded.week[2].slotMinutes == 15);
    CHECK(rows(db, "SELECT count(*) FROM availability_window") == 2);
    CHECK(rows(db, "SELECT count(*) FROM audit_log WHERE action = 'schedule.saved' AND staff_id = 1") == 2);
}

TEST_CASE("schedule store: rules BookingService would refuse are not saved") {
    kiosk::db::Database db = migratedInMemory();
    kiosk::Config config;
    kiosk::BookingRules rules;
    rules.week[1].windows = {{10 * 60, 9 * 60}};
    kiosk::ScheduleStore store(db, config);
    CHECK_THROWS_AS(store.save(rules, 1, t0), std::invalid_argument);
    rules.week[1].windows = {{9 * 60, 10 * 60}};
    rules.capacity = 0;
    CHECK_THROWS_AS(store.save(rules, 1, t0), std::invalid_argument);
    CHECK_FALSE(store.saved());
    CHECK(rows(db, "SELECT count(*) FROM availability_window") == 0);
}

TEST_CASE("schedule store: a damaged setting falls back to the config rather than failing at start") {
    kiosk::db::Database db = migratedInMemory();
    kiosk::Config config;
    db.execute("INSERT INTO app_setting (key, value) VALUES ('schedule.slot_minutes', 'abc'), "
               "('schedule.capacity', '2')");
    const kiosk::BookingRules loaded = kiosk::ScheduleStore(db, config).load();
    CHECK(loaded.capacity == config.bookingCapacity);
    CHECK(loaded.week[1].slotMinutes == config.bookingSlotMinutes);
}
