// The upload schema shared with the kiosk: round trip, and every rejection names its field.
#include "sample_upload.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

using kiosk::upload::parseUpload;
using nlohmann::json;

namespace {

constexpr const char* kToday = "2026-11-25";

// Applies a change to the sample's JSON and returns the parser's error ("" when it was accepted).
std::string errorAfter(const std::function<void(json&)>& change) {
    json j = kiosk::upload::toJson(test::sampleUpload());
    change(j);
    auto parsed = parseUpload(j.dump(), kToday);
    return parsed ? std::string() : parsed.error().message;
}

} // namespace

TEST_CASE("an upload survives toJson and parseUpload unchanged") {
    const auto upload = test::sampleUpload();
    auto parsed = parseUpload(kiosk::upload::toJson(upload).dump(), kToday);
    REQUIRE(parsed.has_value());
    CHECK(*parsed == upload);
}

TEST_CASE("the JSON keys are snake_case and steps are keyed by their number") {
    const json j = kiosk::upload::toJson(test::sampleUpload());
    CHECK(j.at("schema_version") == 1);
    CHECK(j.at("kiosk_id") == "k1");
    CHECK(j.at("days")[0].at("guides")[0].at("left_at_step").at("2") == 1);
    CHECK(j.at("days")[0].at("survey_vneid_level2").at("yes") == 2);
    CHECK(j.at("heartbeat").at("free_disk_mb") == 2048);
}

TEST_CASE("every rejection names the field") {
    struct Case {
        const char* expected;
        std::function<void(json&)> change;
    };
    const Case cases[] = {
        {"kiosk_id: missing", [](json& j) { j.erase("kiosk_id"); }},
        {"kiosk_id: must be a string", [](json& j) { j["kiosk_id"] = 7; }},
        {"kiosk_id: must not be empty", [](json& j) { j["kiosk_id"] = ""; }},
        {"kiosk_id: only letters", [](json& j) { j["kiosk_id"] = "a b"; }},
        {"schema_version: must be 1", [](json& j) { j["schema_version"] = 2; }},
        {"schema_version: missing", [](json& j) { j.erase("schema_version"); }},
        {"village: longer than 200 bytes", [](json& j) { j["village"] = std::string(201, 'x'); }},
        {"heartbeat: must be a JSON object", [](json& j) { j["heartbeat"] = "x"; }},
        {"heartbeat.uptime_seconds: must be a non-negative integer",
         [](json& j) { j["heartbeat"]["uptime_seconds"] = -1; }},
        {"heartbeat.sent_at: missing", [](json& j) { j["heartbeat"].erase("sent_at"); }},
        {"heartbeat.last_error: longer than 500 bytes",
         [](json& j) { j["heartbeat"]["last_error"] = std::string(501, 'e'); }},
        {"days: must be an array", [](json& j) { j["days"] = json::object(); }},
        {"days: at most 62 days",
         [](json& j) {
             j["days"] = json::array();
             for (int i = 0; i < 63; ++i)
                 j["days"].push_back(1);
         }},
        {"days[0]: must be a JSON object", [](json& j) { j["days"][0] = 3; }},
        {"days[0].day: 2027-01-01 is in the future", [](json& j) { j["days"][0]["day"] = "2027-01-01"; }},
        {"days[0].day: 2026-11-26 is in the future", [](json& j) { j["days"][0]["day"] = "2026-11-26"; }},
        {"days[0].day: must be a date YYYY-MM-DD", [](json& j) { j["days"][0]["day"] = "2026-02-30"; }},
        {"days[0].day: must be a date YYYY-MM-DD", [](json& j) { j["days"][0]["day"] = "24/11/2026"; }},
        {"days[0].day: missing", [](json& j) { j["days"][0].erase("day"); }},
        {"days[1].day: 2026-11-24 appears twice", [](json& j) { j["days"].push_back(j["days"][0]); }},
        {"days[0].complete: must be true or false", [](json& j) { j["days"][0]["complete"] = 1; }},
        {"days[0].sessions: must be a non-negative integer",
         [](json& j) { j["days"][0]["sessions"] = "10"; }},
        {"days[0].sessions: must be a non-negative integer", [](json& j) { j["days"][0]["sessions"] = 1.5; }},
        {"days[0].sessions: larger than 1000000000", [](json& j) { j["days"][0]["sessions"] = 1000000001; }},
        {"days[0].screens: must be a JSON object", [](json& j) { j["days"][0]["screens"] = json::array(); }},
        {"days[0].screens.\"home\": must be a non-negative integer",
         [](json& j) { j["days"][0]["screens"]["home"] = -2; }},
        {"days[0].guides: must be an array", [](json& j) { j["days"][0]["guides"] = 1; }},
        {"days[0].guides: at most 200 guides",
         [](json& j) {
             auto g = j["days"][0]["guides"][0];
             j["days"][0]["guides"] = json::array();
             for (int i = 0; i < 201; ++i) {
                 g["guide_id"] = "g" + std::to_string(i);
                 j["days"][0]["guides"].push_back(g);
             }
         }},
        {"days[0].guides[0].started: must be a non-negative integer",
         [](json& j) { j["days"][0]["guides"][0]["started"] = -1; }},
        {"days[0].guides[0].guide_id: missing", [](json& j) { j["days"][0]["guides"][0].erase("guide_id"); }},
        {"days[0].guides[1].guide_id: vneid-kich-hoat appears twice",
         [](json& j) { j["days"][0]["guides"].push_back(j["days"][0]["guides"][0]); }},
        {"days[0].guides[0].reached_step.\"0\": step must be a number from 1 to 100",
         [](json& j) { j["days"][0]["guides"][0]["reached_step"]["0"] = 1; }},
        {"days[0].guides[0].left_at_step.\"x\": step must be a number",
         [](json& j) { j["days"][0]["guides"][0]["left_at_step"]["x"] = 1; }},
        {"days[0].guides[0].left_at_step.\"101\": step must be a number",
         [](json& j) { j["days"][0]["guides"][0]["left_at_step"]["101"] = 1; }},
        {"days[0].guides[0].left_at_step.\"2\": must be a non-negative integer",
         [](json& j) { j["days"][0]["guides"][0]["left_at_step"]["2"] = true; }},
        {"days[0].guides[0].reached_step: at most 100 steps",
         [](json& j) {
             for (int s = 1; s <= 101; ++s)
                 j["days"][0]["guides"][0]["reached_step"][std::to_string(s) + "0000"] = 1;
         }},
        {"days[0].bookings_no_show: missing", [](json& j) { j["days"][0].erase("bookings_no_show"); }},
        {"days[0].survey_smartphone.yes: must be a non-negative integer",
         [](json& j) { j["days"][0]["survey_smartphone"]["yes"] = nullptr; }},
        {"days[0].survey_vneid_level2: missing", [](json& j) { j["days"][0].erase("survey_vneid_level2"); }},
    };
    for (const auto& c : cases) {
        CAPTURE(c.expected);
        const std::string error = errorAfter(c.change);
        CHECK(error.rfind(c.expected, 0) == 0);
    }
}

TEST_CASE("bodies that are not an upload at all are refused with a reason") {
    CHECK(parseUpload("", kToday).error().message.starts_with("body: not valid JSON"));
    CHECK(parseUpload("{\"kiosk_id\": ", kToday).error().message.starts_with("body: not valid JSON"));
    CHECK(parseUpload("[1,2]", kToday).error().message == "must be a JSON object");
    CHECK(parseUpload(std::string(300, '[') + std::string(300, ']'), kToday).error().message ==
          "body: nested too deeply");
    CHECK(parseUpload("\"\xff\"", kToday).error().message.starts_with("body: not valid JSON"));
    CHECK(parseUpload(std::string(kiosk::upload::kMaxUploadBytes + 1, ' '), kToday)
              .error()
              .message.starts_with("body: larger"));
}

TEST_CASE("unknown keys are ignored so later versions can add fields") {
    json j = kiosk::upload::toJson(test::sampleUpload());
    j["days"][0]["new_figure"] = 3;
    j["extra"] = {{"a", 1}};
    CHECK(parseUpload(j.dump(), kToday).has_value());
}

TEST_CASE("kiosk ids the hub registers are exactly those a kiosk.toml accepts") {
    using kiosk::upload::isKioskId;
    for (const char* good : {"k1", "xa-an-binh-thon-1", "-", "0", "thon-dong-01"})
        CHECK_MESSAGE(isKioskId(good), good);
    CHECK(isKioskId(std::string(64, 'a')));
    CHECK_FALSE(isKioskId(std::string(65, 'a')));
    for (const char* bad : {"", "K1", "kiosk_1", "kiosk.1", "thôn", "k 1", "k1\n", "k/1"})
        CHECK_MESSAGE(!isKioskId(bad), bad);
    CHECK_FALSE(isKioskId(std::string_view("k\0", 2)));
}

TEST_CASE("the hub fuzzer's seeds are uploads the hub takes (and one it refuses for its own reason)") {
    // Seeds that stop parsing early would only fuzz the first few checks.
    // From the source root CMake gives, not __FILE__: a ccache base directory makes that relative.
    const auto dir = std::filesystem::path(KIOSK_SOURCE_ROOT) / "tests/fuzz/corpus_hub";
    REQUIRE(std::filesystem::is_directory(dir));
    int seeds = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto parsed = parseUpload(body, kToday);
        const std::string name = entry.path().filename().string();
        INFO(name);
        if (name == "duplicate_guide.json") {
            REQUIRE_FALSE(parsed.has_value());
            CHECK(parsed.error().message == "days[0].guides[1].guide_id: vneid-kich-hoat appears twice");
        } else {
            CHECK(parsed.has_value());
        }
        ++seeds;
    }
    CHECK(seeds >= 5);
}

TEST_CASE("heartbeat health fields: restarts since boot and SoC temperature are optional") {
    auto upload = test::sampleUpload();
    upload.heartbeat.restartsSinceBoot = 3;
    upload.heartbeat.socTemperatureC = 51.5;
    const json j = kiosk::upload::toJson(upload);
    CHECK(j.at("heartbeat").at("restarts_since_boot") == 3);
    CHECK(j.at("heartbeat").at("soc_temperature_c") == 51.5);
    auto parsed = parseUpload(j.dump(), kToday);
    REQUIRE(parsed.has_value());
    CHECK(*parsed == upload);

    // No sensor: null, never 0.
    const json none = kiosk::upload::toJson(test::sampleUpload());
    CHECK(none.at("heartbeat").at("soc_temperature_c").is_null());
    CHECK_FALSE(none.at("heartbeat").contains("restarts_since_boot"));

    // An older kiosk's upload has neither field: still accepted, both unknown.
    json old = kiosk::upload::toJson(test::sampleUpload());
    old["heartbeat"].erase("soc_temperature_c");
    auto oldParsed = parseUpload(old.dump(), kToday);
    REQUIRE(oldParsed.has_value());
    CHECK_FALSE(oldParsed->heartbeat.restartsSinceBoot.has_value());
    CHECK_FALSE(oldParsed->heartbeat.socTemperatureC.has_value());
}

TEST_CASE("heartbeat health fields: bad values are refused naming the field") {
    CHECK(errorAfter([](json& j) { j["heartbeat"]["restarts_since_boot"] = -1; }) ==
          "heartbeat.restarts_since_boot: must be null or a non-negative integer");
    CHECK(errorAfter([](json& j) { j["heartbeat"]["restarts_since_boot"] = "2"; }) ==
          "heartbeat.restarts_since_boot: must be null or a non-negative integer");
    CHECK(errorAfter([](json& j) { j["heartbeat"]["soc_temperature_c"] = 151; }) ==
          "heartbeat.soc_temperature_c: must be null or a number of degrees C from -40 to 150");
    CHECK(errorAfter([](json& j) { j["heartbeat"]["soc_temperature_c"] = "hot"; }) ==
          "heartbeat.soc_temperature_c: must be null or a number of degrees C from -40 to 150");
    CHECK(errorAfter([](json& j) { j["heartbeat"]["soc_temperature_c"] = -40; }).empty());
    CHECK(errorAfter([](json& j) { j["heartbeat"]["restarts_since_boot"] = nullptr; }).empty());
}

namespace {

kiosk::upload::Upload uploadWithTeamActivity() {
    auto upload = test::sampleUpload();
    auto& day = upload.days[0];
    day.teamActivity["home_visit"] = {3, 4, {{"vneid_level2", 2}, {"scam_warning", 4}}};
    day.teamActivity["kiosk"] = {1, 1, {}};
    day.teamActivity["boat_trip"] = {1, 2, {{"future_result", 1}}}; // keys from a newer kiosk travel too
    day.satisfaction = {{"happy", 5}, {"neutral", 1}, {"unhappy", 0}};
    return upload;
}

} // namespace

TEST_CASE("team activity and satisfaction survive toJson and parseUpload unchanged") {
    const auto upload = uploadWithTeamActivity();
    const json j = kiosk::upload::toJson(upload);
    const json& day = j.at("days")[0];
    CHECK(day.at("team_activity").at("home_visit").at("events") == 3);
    CHECK(day.at("team_activity").at("home_visit").at("people") == 4);
    CHECK(day.at("team_activity").at("home_visit").at("results").at("scam_warning") == 4);
    CHECK(day.at("team_activity").at("kiosk").at("results") == json::object());
    CHECK(day.at("satisfaction").at("happy") == 5);
    CHECK(day.at("satisfaction").at("unhappy") == 0);
    auto parsed = parseUpload(j.dump(), kToday);
    REQUIRE(parsed.has_value());
    CHECK(*parsed == upload);
}

TEST_CASE("a day without team activity or satisfaction is written and read exactly as before") {
    const json j = kiosk::upload::toJson(test::sampleUpload());
    CHECK_FALSE(j.at("days")[0].contains("team_activity"));
    CHECK_FALSE(j.at("days")[0].contains("satisfaction"));

    // An older kiosk's upload, and a newer one's with null or {}: all read as none.
    for (const json& none : {json(nullptr), json::object()}) {
        json withNone = j;
        withNone["days"][0]["team_activity"] = none;
        withNone["days"][0]["satisfaction"] = none;
        auto parsed = parseUpload(withNone.dump(), kToday);
        REQUIRE(parsed.has_value());
        CHECK(parsed->days[0].teamActivity.empty());
        CHECK(parsed->days[0].satisfaction.empty());
        CHECK(*parsed == test::sampleUpload());
    }
    auto old = parseUpload(j.dump(), kToday);
    REQUIRE(old.has_value());
    CHECK(*old == test::sampleUpload());
}

TEST_CASE("a place entry without results is accepted with none") {
    json j = kiosk::upload::toJson(test::sampleUpload());
    j["days"][0]["team_activity"] = {{"class", {{"events", 1}, {"people", 12}}}};
    auto parsed = parseUpload(j.dump(), kToday);
    REQUIRE(parsed.has_value());
    const kiosk::upload::TeamHelp expected{1, 12, {}};
    CHECK(parsed->days[0].teamActivity.at("class") == expected);
}

TEST_CASE("bad team activity and satisfaction are refused naming the field") {
    struct Case {
        const char* expected;
        std::function<void(json&)> change;
    };
    const auto team = [](json& j) -> json& { return j["days"][0]["team_activity"]; };
    const auto manyKeys = [](std::size_t n) {
        json keys = json::object();
        for (std::size_t i = 0; i < n; ++i)
            keys["k" + std::to_string(i)] = 1;
        return keys;
    };
    const Case cases[] = {
        {"days[0].team_activity: must be a JSON object",
         [&](json& j) { j["days"][0]["team_activity"] = json::array(); }},
        {"days[0].team_activity.home_visit: must be a JSON object",
         [&](json& j) { team(j)["home_visit"] = 3; }},
        {"days[0].team_activity.home_visit.people: must be a non-negative integer",
         [&](json& j) { team(j)["home_visit"]["people"] = -1; }},
        {"days[0].team_activity.home_visit.people: must be a non-negative integer",
         [&](json& j) { team(j)["home_visit"]["people"] = "4"; }},
        {"days[0].team_activity.home_visit.events: larger than 1000000000",
         [&](json& j) { team(j)["home_visit"]["events"] = 1000000001; }},
        {"days[0].team_activity.home_visit.events: missing",
         [&](json& j) { team(j)["home_visit"].erase("events"); }},
        {"days[0].team_activity.home_visit.people: missing",
         [&](json& j) { team(j)["home_visit"].erase("people"); }},
        {"days[0].team_activity.\"Home Visit\": key must be 1..64 of a-z, 0-9 and _",
         [&](json& j) { team(j)["Home Visit"] = team(j)["home_visit"]; }},
        {"days[0].team_activity.\"\": key must be 1..64 of a-z, 0-9 and _",
         [&](json& j) { team(j)[""] = team(j)["home_visit"]; }},
        {"days[0].team_activity.\"aaaaaaaaaaaaaaaa\": key must be 1..64",
         [&](json& j) { team(j)[std::string(65, 'a')] = team(j)["home_visit"]; }},
        {"days[0].team_activity: at most 10 places",
         [&](json& j) {
             for (int i = 0; i < 11; ++i)
                 team(j)["place" + std::to_string(i)] = team(j)["home_visit"];
         }},
        {"days[0].team_activity.home_visit.results: must be a JSON object",
         [&](json& j) { team(j)["home_visit"]["results"] = json::array(); }},
        {"days[0].team_activity.home_visit.results.scam_warning: must be a non-negative integer",
         [&](json& j) { team(j)["home_visit"]["results"]["scam_warning"] = 1.5; }},
        {"days[0].team_activity.home_visit.results.\"vneid-level2\": key must be 1..64 of a-z, 0-9 and _",
         [&](json& j) { team(j)["home_visit"]["results"]["vneid-level2"] = 1; }},
        {"days[0].team_activity.home_visit.results: at most 50 results",
         [&](json& j) { team(j)["home_visit"]["results"] = manyKeys(51); }},
        {"days[0].satisfaction: must be a JSON object", [](json& j) { j["days"][0]["satisfaction"] = 5; }},
        {"days[0].satisfaction.happy: must be a non-negative integer",
         [](json& j) { j["days"][0]["satisfaction"]["happy"] = -5; }},
        {"days[0].satisfaction.\"Happy\": key must be 1..64 of a-z, 0-9 and _",
         [](json& j) { j["days"][0]["satisfaction"]["Happy"] = 5; }},
        {"days[0].satisfaction: at most 10 answers",
         [&](json& j) { j["days"][0]["satisfaction"] = manyKeys(11); }},
    };
    for (const auto& c : cases) {
        CAPTURE(c.expected);
        json j = kiosk::upload::toJson(uploadWithTeamActivity());
        c.change(j);
        auto parsed = parseUpload(j.dump(), kToday);
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().message.rfind(c.expected, 0) == 0);
    }
    // The limits themselves are allowed.
    json atLimits = kiosk::upload::toJson(uploadWithTeamActivity());
    atLimits["days"][0]["team_activity"]["home_visit"]["results"] = manyKeys(50);
    atLimits["days"][0]["satisfaction"] = manyKeys(10);
    atLimits["days"][0]["team_activity"][std::string(64, 'z')] = {{"events", 0}, {"people", 0}};
    CHECK(parseUpload(atLimits.dump(), kToday).has_value());
}
