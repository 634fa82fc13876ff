// "Màn hình này đã khác": the guides staff mode lists for comparing with the real app, flagging a step on
// the team's desk (saved in kiosk.db, never about a person), and the flags riding with their day's upload.
#include "bookings/schedule_store.hpp"
#include "staff/screen_flags.hpp"
#include "staff/staff_desk.hpp"
#include "storage/migrations.hpp"
#include "temp_dir.hpp"
#include "usage/stats_uploader.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using kiosk::StaffPage;
using TimePoint = std::chrono::system_clock::time_point;
namespace si = kiosk::staff_intent;
using namespace std::chrono;

namespace {

// 2026-11-27 01:00 UTC = 08:00 on 27/11 in Hanoi.
const TimePoint t0 = sys_days{year{2026} / 11 / 27} + hours(1);
const content::Date today{2026, 11, 27};

content::Guide guide(const std::string& id, const std::string& title, int steps) {
    content::Guide g;
    g.id = id;
    g.title = title;
    for (int i = 1; i <= steps; ++i) {
        content::Step s;
        s.title = "Bước " + std::to_string(i);
        s.text = "Chạm vào nút.";
        s.image = "vneid/login.png";
        g.steps.push_back(s);
    }
    return g;
}

content::Library library() {
    content::Library lib;
    lib.guides.push_back(guide("never", "Chưa so bao giờ", 3));
    auto partly = guide("partly", "So một phần", 3);
    partly.steps[0].verified = content::Verification{{2026, 10, 1}, "VNeID 2.1.5, Samsung A14"};
    lib.guides.push_back(partly);
    auto old = guide("old", "So đã lâu", 2);
    old.verified = content::Verification{{2026, 5, 26}, "iHanoi 3.0, Redmi 12"};
    lib.guides.push_back(old);
    auto fresh = guide("fresh", "Vừa so", 2);
    fresh.verified = content::Verification{{2026, 5, 27}, "iHanoi 3.0, Redmi 12"};
    lib.guides.push_back(fresh);
    return lib;
}

kiosk::db::Database migratedInMemory() {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

struct Desk {
    test::TempDir dir{"screen-flags"};
    kiosk::Config config = [this] {
        kiosk::Config c;
        c.dataDir = dir.path / "data";
        return c;
    }();
    kiosk::db::Database db = migratedInMemory();
    kiosk::StaffRepository staff{db};
    kiosk::BookingService bookings{db, kiosk::ScheduleStore(db, config).load()};
    kiosk::StaffDesk desk{db, bookings, staff, config};
    content::Library lib = library();
    kiosk::StaffMember leader = staff.createMember("Tổ trưởng", "2580", t0);

    Desk() {
        desk.setLibrary(&lib);
        desk.open(leader, t0);
    }
    void apply(kiosk::StaffIntent i) { desk.apply(i, leader, t0); }
    const kiosk::StaffDeskState& state() const { return desk.state(); }
    int count(const std::string& sql) {
        kiosk::db::Statement q = db.prepare(sql);
        REQUIRE(q.step());
        return q.columnInt(0);
    }
};

} // namespace

TEST_CASE("screen flags: the guides to compare are those never - partly or over 6 months ago compared") {
    const auto checks = kiosk::guidesToCheck(library(), today);
    REQUIRE(checks.size() == 3);
    CHECK(checks[0].guideId == "never");
    CHECK(checks[0].reason == "Chưa so với ứng dụng thật");
    CHECK(checks[1].guideId == "partly");
    CHECK(checks[1].reason == "Bước 2, 3 chưa so với ứng dụng thật");
    CHECK(checks[2].guideId == "old");
    CHECK(checks[2].title == "So đã lâu");
    CHECK(checks[2].reason == "So lần cuối 26/05/2026, đã quá 6 tháng");
}

TEST_CASE(
    "screen flags: the store refuses an unknown kind or a step below 1 or a long note and names the field") {
    kiosk::db::Database db = migratedInMemory();
    kiosk::ScreenFlagStore store(db);
    CHECK(store.add("g", "", 1, "colour", "", t0).error().message ==
          "what: must be text, button, order or picture");
    CHECK(store.add("g", "", 0, "text", "", t0).error().message == "step: must be a number from 1 to 100");
    CHECK(store.add("g", "", 1, "text", std::string(61, 'a'), t0).error().message ==
          "note: at most 60 characters");
    CHECK(store.count() == 0);
    auto saved = store.add("g", "Tựa", 2, "order", "Nút đổi chỗ", t0);
    REQUIRE(saved);
    CHECK(saved->flagId.size() == 16);
    CHECK(kiosk::upload::isFlagId(saved->flagId));
    CHECK(saved->flaggedAt == "2026-11-27T01:00:00Z");
    // Filed under the local day it was made (08:00 on 27/11 in Hanoi), and only there.
    CHECK(store.forDay("2026-11-27").size() == 1);
    CHECK(store.forDay("2026-11-26").empty());
    CHECK(store.add("g", "", 2, "order", "", t0)->flagId != saved->flagId);
}

TEST_CASE("screen flags: a team member opens a listed guide - moves through its steps and flags one") {
    Desk d;
    d.apply(si::ShowPage{StaffPage::GuideChecks});
    REQUIRE(d.state().page == StaffPage::GuideChecks);
    CHECK(d.state().guideChecks.size() == 3);
    d.apply(si::OpenGuideCheck{"never"});
    CHECK(d.state().page == StaffPage::CheckStep);
    CHECK(d.state().checkStep == 0);
    d.apply(si::ShowCheckStep{1});
    CHECK(d.state().checkStep == 1);
    d.apply(si::ShowCheckStep{3}); // past the last step: stays
    CHECK(d.state().checkStep == 1);

    d.apply(si::StartFlag{});
    REQUIRE(d.state().page == StaffPage::Flag);
    d.apply(si::SaveFlag{}); // nothing chosen yet: asked, nothing saved
    CHECK(d.state().message == "Xin chọn chỗ khác: chữ, nút, thứ tự hay hình.");
    CHECK(d.count("SELECT count(*) FROM screen_flag") == 0);
    d.apply(si::ChooseFlagKind{1});
    CHECK(d.state().flagKind == 1);
    d.apply(si::StartFlagNote{});
    REQUIRE(d.state().page == StaffPage::FlagNote);
    for (const char* key : {"n", "u", "t", " ", "x", "a", "n", "h"})
        d.desk.type(key);
    d.desk.submit(d.leader, t0);
    CHECK(d.state().page == StaffPage::Flag); // the note stays with the flag until "Lưu"
    CHECK(d.count("SELECT count(*) FROM screen_flag") == 0);
    d.apply(si::SaveFlag{});
    CHECK(d.state().page == StaffPage::CheckStep);
    CHECK(d.state().message == "Đã ghi: bước 2 khác ở Nút. Sẽ gửi về xã cùng số liệu.");
    CHECK(d.count(
              "SELECT count(*) FROM screen_flag WHERE guide_id = 'never' AND guide_title = 'Chưa so bao giờ' "
              "AND step = 2 AND what = 'button' AND note = 'Nut xanh' AND day = '2026-11-27'") == 1);
    CHECK(d.count("SELECT count(*) FROM audit_log WHERE action = 'screen.flagged'") == 1);
    CHECK(kiosk::describeAuditAction("screen.flagged", "guide=never step=2") == "Báo màn hình đã khác");
    CHECK(d.desk.back()); // to the list
    CHECK(d.state().page == StaffPage::GuideChecks);
}

TEST_CASE("screen flags: Back from the flag page saves nothing") {
    Desk d;
    d.apply(si::ShowPage{StaffPage::GuideChecks});
    d.apply(si::OpenGuideCheck{"old"});
    d.apply(si::StartFlag{});
    d.apply(si::ChooseFlagKind{3});
    CHECK(d.desk.back());
    CHECK(d.state().page == StaffPage::CheckStep);
    CHECK_FALSE(d.state().flagKind);
    CHECK(d.count("SELECT count(*) FROM screen_flag") == 0);
    d.apply(si::OpenGuideCheck{"no-such-guide"}); // ignored
    CHECK(d.state().checkGuide == "old");
}

TEST_CASE("screen flags: a day's flags ride with that day's upload - each re-send carrying them again") {
    test::TempDir dir{"screen-flags-upload"};
    kiosk::db::Database db = kiosk::db::openKioskDatabase(dir.path / "kiosk.db", t0).db;
    kiosk::OutboxOptions options;
    options.seed = 3;
    kiosk::Outbox outbox{db, options};
    kiosk::UsageStore usage{db};
    kiosk::UploaderSettings settings;
    settings.kioskId = "thon-dong-01";
    settings.destination = "http://127.0.0.1:1/api/v1/uploads";
    settings.dataDir = dir.path;
    settings.startedAt = t0;
    kiosk::StatsUploader uploader{usage, outbox, settings};
    kiosk::ScreenFlagStore store(db);
    REQUIRE(store.add("vneid-kich-hoat", "Kích hoạt VNeID", 4, "picture", "", t0));
    const auto upload = uploader.makeUpload(usage.rollup("2026-11-27", false, t0), t0, "");
    REQUIRE(upload.flags.size() == 1);
    CHECK(upload.flags[0].what == "picture");
    CHECK(upload.flags[0].step == 4);
    CHECK(uploader.makeUpload(usage.rollup("2026-11-26", true, t0), t0, "").flags.empty());
    // What goes out parses on the hub side with the flag.
    auto parsed = kiosk::upload::parseUpload(kiosk::upload::toJson(upload).dump(), "2026-11-28");
    REQUIRE(parsed);
    CHECK(parsed->flags == upload.flags);
}

TEST_CASE(
    "screen flags: a note is a sentence with digits and . - / : ( ) and only its first letter a capital") {
    kiosk::TextEntry note(kiosk::TextEntry::Kind::note, kiosk::kMaxFlagNoteCharacters);
    for (const char* key : {"n", "u", "t", " ", " ", "x", "a", "n", "h", " ", "2", ".", "1", "!", "_"})
        note.type(key);
    CHECK(note.text() == "Nut xanh 2.1");
    note.setTone(kiosk::ToneMark::acute); // the tone keys work as on the name keyboard
    for (int i = 0; i < 80; ++i)
        note.type("a");
    CHECK(note.characters() == kiosk::kMaxFlagNoteCharacters);
}
