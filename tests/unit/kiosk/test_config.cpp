// kiosk.toml: each bad key is reported with its line and keeps its default, and never stops the kiosk.
#include "config/config.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

// Readable failures when two opening-hours lists differ.
namespace doctest {
template <> struct StringMaker<std::vector<kiosk::TimeInterval>> {
    static String convert(const std::vector<kiosk::TimeInterval>& intervals) {
        std::string text = "{";
        for (const auto& interval : intervals) {
            text += " " + std::to_string(interval.startMinute) + "-" + std::to_string(interval.endMinute);
        }
        return (text + " }").c_str();
    }
};
} // namespace doctest

namespace {

using kiosk::Config;
using kiosk::ConfigIssue;
using kiosk::ConfigLoad;
using kiosk::TimeInterval;

namespace fs = std::filesystem;

ConfigLoad parse(std::string_view text) {
    return kiosk::parseConfig(text, "kiosk.toml");
}

const std::vector<TimeInterval> kDefaultHours = {{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 21 * 60}};

// Every field, so a test notices a key that changed when it should not have.
void checkSameConfig(const Config& actual, const Config& expected) {
    CHECK(actual.kioskId == expected.kioskId);
    CHECK(actual.village == expected.village);
    CHECK(actual.commune == expected.commune);
    CHECK(actual.hubUrl == expected.hubUrl);
    CHECK(actual.hubToken == expected.hubToken);
    CHECK(actual.idleSeconds == expected.idleSeconds);
    CHECK(actual.countdownSeconds == expected.countdownSeconds);
    CHECK(actual.screenDiagonalInches == expected.screenDiagonalInches);
    CHECK(actual.renderer == expected.renderer);
    CHECK(actual.dataDir == expected.dataDir);
    for (int day = 0; day < 7; ++day) {
        CAPTURE(day);
        CHECK(actual.openingHours[day] == expected.openingHours[day]);
    }
}

// A file setting every key to a value other than its default, one key per line (line numbers matter below).
const std::vector<std::string> kValidLines = {
    "# A full, valid file",                  // 1
    "kiosk_id = \"donganh-thon-dong-01\"",   // 2
    "[place]",                               // 3
    "village = \"Thôn Đông\"",               // 4
    "commune = \"Xã Đông Anh\"",             // 5
    "[hub]",                                 // 6
    "url = \"https://hub.example.vn/api\"",  // 7
    "token = \"s3cret-token\"",              // 8
    "[screen]",                              // 9
    "diagonal_inches = 7",                   // 10
    "renderer = \"accelerated\"",            // 11
    "[session]",                             // 12
    "idle_seconds = 120",                    // 13
    "countdown_seconds = 30",                // 14
    "[opening_hours]",                       // 15
    "everyday = \"08:00-12:00\"",            // 16
    "monday = \"07:00-11:00, 14:00-24:00\"", // 17
    "sunday = \"\"",                         // 18
    "[storage]",                             // 19
    "data_dir = \"/srv/kiosk-data\"",        // 20
};

std::string joinLines(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) {
        text += line + "\n";
    }
    return text;
}

// The valid file with one line (1-based) replaced.
std::string validWithLine(int line, const std::string& replacement) {
    auto lines = kValidLines;
    lines.at(static_cast<std::size_t>(line - 1)) = replacement;
    return joinLines(lines);
}

Config validConfig() {
    Config config;
    config.kioskId = "donganh-thon-dong-01";
    config.village = "Thôn Đông";
    config.commune = "Xã Đông Anh";
    config.hubUrl = "https://hub.example.vn/api";
    config.hubToken = "s3cret-token";
    config.screenDiagonalInches = 7.0;
    config.renderer = "accelerated";
    config.idleSeconds = 120;
    config.countdownSeconds = 30;
    for (auto& day : config.openingHours) {
        day = {{8 * 60, 12 * 60}};
    }
    config.openingHours[0] = {{7 * 60, 11 * 60}, {14 * 60, 24 * 60}};
    config.openingHours[6] = {};
    config.dataDir = "/srv/kiosk-data";
    return config;
}

std::string repeated(std::string_view piece, int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        text += piece;
    }
    return text;
}

// Sets an environment variable for one test and puts the old value back.
class EnvGuard {
  public:
    explicit EnvGuard(const char* name) : m_name(name) {
        if (const char* value = std::getenv(name)) {
            m_old = value;
        }
    }
    ~EnvGuard() {
        if (m_old) {
            ::setenv(m_name.c_str(), m_old->c_str(), 1);
        } else {
            ::unsetenv(m_name.c_str());
        }
    }
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

    void set(const char* value) const { ::setenv(m_name.c_str(), value, 1); }
    void unset() const { ::unsetenv(m_name.c_str()); }

  private:
    std::string m_name;
    std::optional<std::string> m_old;
};

class TempDir {
  public:
    TempDir() {
        static int counter = 0;
        m_path = fs::temp_directory_path() /
                 ("kiosk-config-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ignored);
        fs::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const fs::path& path() const { return m_path; }

    // Readable by its owner only, as a kiosk.toml holding the hub token must be (see the world-readable
    // case).
    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path file = m_path / name;
        std::ofstream(file, std::ios::binary) << text;
        fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
        return file;
    }

  private:
    fs::path m_path;
};

} // namespace

TEST_CASE("Config: defaults match the header") {
    const Config config;
    CHECK(config.kioskId == "kiosk-chua-dat-ten");
    CHECK(config.village == "Nhà văn hóa thôn");
    CHECK(config.commune.empty());
    CHECK(config.hubUrl.empty());
    CHECK(config.hubToken.empty());
    CHECK(config.idleSeconds == 90);
    CHECK(config.countdownSeconds == 20);
    CHECK(config.screenDiagonalInches == 10.1);
    CHECK(config.renderer == "software");
    CHECK(config.dataDir == kiosk::defaultDataDir());
    CHECK_FALSE(config.dataDir.empty());
    for (int day = 0; day < 7; ++day) {
        CAPTURE(day);
        CHECK(config.openingHours[day] == kDefaultHours);
    }
}

TEST_CASE("Config: empty or comment-only text gives the defaults and no issues") {
    for (const char* text : {"", "\n\n", "# nothing set yet\n", "\xEF\xBB\xBF# with a UTF-8 BOM\n"}) {
        CAPTURE(text);
        const auto load = parse(text);
        CHECK(load.issues.empty());
        checkSameConfig(load.config, Config());
    }
}

TEST_CASE("Config: a full valid file sets every key") {
    const auto load = parse(joinLines(kValidLines));
    CHECK(load.issues.empty());
    checkSameConfig(load.config, validConfig());
}

TEST_CASE("Config: a float diagonal and the documented example values") {
    const auto load = parse("kiosk_id = \"donganh-thon-dong-01\"\n"
                            "[screen]\n"
                            "diagonal_inches = 10.1\n"
                            "renderer = \"software\"\n"
                            "[storage]\n"
                            "data_dir = \"\"\n");
    CHECK(load.issues.empty());
    CHECK(load.config.screenDiagonalInches == 10.1);
    CHECK(load.config.renderer == "software");
    CHECK(load.config.dataDir == kiosk::defaultDataDir());
}

TEST_CASE("Config: limits are inclusive and counted in characters, not bytes") {
    const auto load = parse("kiosk_id = \"" + repeated("a", 64) + "\"\n" +
                            "[place]\n"
                            "village = \"" +
                            repeated("Đ", 80) + "\"\n" + "commune = \"" + repeated("ô", 80) + "\"\n" +
                            "[hub]\n"
                            "token = \"" +
                            repeated("t", 200) + "\"\n" +
                            "[screen]\n"
                            "diagonal_inches = 3\n"
                            "[session]\n"
                            "idle_seconds = 3600\n"
                            "countdown_seconds = 5\n");
    CHECK(load.issues.empty());
    CHECK(load.config.kioskId == repeated("a", 64));
    CHECK(load.config.village == repeated("Đ", 80));
    CHECK(load.config.commune == repeated("ô", 80));
    CHECK(load.config.hubToken == repeated("t", 200));
    CHECK(load.config.screenDiagonalInches == 3.0);
    CHECK(load.config.idleSeconds == 3600);
    CHECK(load.config.countdownSeconds == 5);

    const auto other =
        parse("[screen]\ndiagonal_inches = 100.0\n[session]\nidle_seconds = 10\ncountdown_seconds = 120\n");
    CHECK(other.issues.empty());
    CHECK(other.config.screenDiagonalInches == 100.0);
    CHECK(other.config.idleSeconds == 10);
    CHECK(other.config.countdownSeconds == 120);
}

TEST_CASE("Config: a syntax error gives its line and keeps every default") {
    SUBCASE("bad value after valid keys") {
        auto lines = kValidLines;
        lines.push_back("oops = = 3"); // line 21
        const auto load = parse(joinLines(lines));
        REQUIRE(load.issues.size() == 1);
        CHECK(load.issues[0].file == "kiosk.toml");
        CHECK(load.issues[0].line == 21);
        CHECK_FALSE(load.issues[0].message.empty());
        CHECK(load.issues[0].text().starts_with("kiosk.toml:21: "));
        checkSameConfig(load.config, Config());
    }
    SUBCASE("unterminated string") {
        const auto load = parse("kiosk_id = \"abc\"\n[place]\nvillage = \"Thôn\n");
        REQUIRE(load.issues.size() == 1);
        CHECK(load.issues[0].line == 3);
        checkSameConfig(load.config, Config());
    }
    SUBCASE("a key defined twice") {
        const auto load = parse("[session]\nidle_seconds = 30\nidle_seconds = 40\n");
        REQUIRE(load.issues.size() == 1);
        CHECK(load.issues[0].line == 3);
        CHECK(load.config.idleSeconds == 90);
    }
}

TEST_CASE("Config: unknown keys and tables are reported with their line, in file order") {
    const auto load = parse("kiosk_id = \"thon-a\"\n" // 1
                            "colour = \"red\"\n"      // 2
                            "[place]\n"               // 3
                            "village = \"Thôn A\"\n"  // 4
                            "mayor = \"Ông B\"\n"     // 5
                            "[weather]\n"             // 6
                            "city = \"Hà Nội\"\n"     // 7
                            "[session]\n"             // 8
                            "idle_seconds = 30\n"     // 9
                            "[place.extra]\n"         // 10
                            "x = 1\n");               // 11
    REQUIRE(load.issues.size() == 4);
    CHECK(load.issues[0].text() == "kiosk.toml:2: unknown key 'colour'");
    CHECK(load.issues[1].text() == "kiosk.toml:5: unknown key 'place.mayor'");
    // The unknown table is reported once, not each key inside it.
    CHECK(load.issues[2].text() == "kiosk.toml:6: unknown key 'weather'");
    CHECK(load.issues[3].text() == "kiosk.toml:10: unknown key 'place.extra'");
    // The known keys around them still apply.
    CHECK(load.config.kioskId == "thon-a");
    CHECK(load.config.village == "Thôn A");
    CHECK(load.config.idleSeconds == 30);
}

TEST_CASE("Config: an unknown weekday is an unknown key") {
    const auto load = parse("[opening_hours]\nmondy = \"08:00-09:00\"\ntuesday = \"09:00-10:00\"\n");
    REQUIRE(load.issues.size() == 1);
    CHECK(load.issues[0].text() == "kiosk.toml:2: unknown key 'opening_hours.mondy'");
    CHECK(load.config.openingHours[0] == kDefaultHours);
    CHECK(load.config.openingHours[1] == std::vector<TimeInterval>{{9 * 60, 10 * 60}});
}

TEST_CASE("Config: a quoted dotted key at the top level is not mistaken for a table key") {
    const auto load = parse("\"place.village\" = \"Thôn X\"\n");
    REQUIRE(load.issues.size() == 1);
    CHECK(load.issues[0].text() == "kiosk.toml:1: unknown key 'place.village'");
    CHECK(load.config.village == Config().village);
}

TEST_CASE("Config: the message names the field, what is allowed and what was found") {
    const auto load = parse("kiosk_id = \"thon-a\"\n"
                            "[place]\n"
                            "village = \"Thôn A\"\n"
                            "[screen]\n"
                            "renderer = \"accelerated\"\n"
                            "[session]\n"
                            "idle_seconds = \"abc\"\n"
                            "countdown_seconds = 30\n");
    REQUIRE(load.issues.size() == 1);
    CHECK(load.issues[0].text() ==
          "kiosk.toml:7: session.idle_seconds: must be an integer from 10 to 3600, got \"abc\"");
    CHECK(load.config.idleSeconds == 90);
    CHECK(load.config.countdownSeconds == 30);
    CHECK(load.config.kioskId == "thon-a");
    CHECK(load.config.village == "Thôn A");
    CHECK(load.config.renderer == "accelerated");
}

TEST_CASE("Config: each wrong type or out-of-range value keeps its default while the other keys apply") {
    struct BadValue {
        int line; // the line of kValidLines replaced
        std::string replacement;
        std::string field; // the message starts with "<field>: must "
        std::string found; // the message ends with ", got <found>"; "" = not checked
        void (*keepDefault)(Config&);
    };
    const auto kioskId = [](Config& c) { c.kioskId = Config().kioskId; };
    const auto village = [](Config& c) { c.village = Config().village; };
    const auto commune = [](Config& c) { c.commune = Config().commune; };
    const auto hubUrl = [](Config& c) { c.hubUrl = Config().hubUrl; };
    const auto hubToken = [](Config& c) { c.hubToken = Config().hubToken; };
    const auto diagonal = [](Config& c) { c.screenDiagonalInches = Config().screenDiagonalInches; };
    const auto renderer = [](Config& c) { c.renderer = Config().renderer; };
    const auto idle = [](Config& c) { c.idleSeconds = Config().idleSeconds; };
    const auto countdown = [](Config& c) { c.countdownSeconds = Config().countdownSeconds; };
    const auto everyday = [](Config& c) {
        for (int day = 1; day <= 5; ++day) { // Monday and Sunday are set on their own lines.
            c.openingHours[day] = Config().openingHours[day];
        }
    };
    // A bad day falls back to what "everyday" set (line 16), as if its own line were not there.
    const auto monday = [](Config& c) { c.openingHours[0] = {{8 * 60, 12 * 60}}; };
    const auto dataDir = [](Config& c) { c.dataDir = Config().dataDir; };

    const std::vector<BadValue> cases = {
        {2, "kiosk_id = \"Thon-Dong\"", "kiosk_id", "\"Thon-Dong\"", kioskId},
        {2, "kiosk_id = \"thon dong\"", "kiosk_id", "\"thon dong\"", kioskId},
        {2, "kiosk_id = \"thôn-đông\"", "kiosk_id", "\"thôn-đông\"", kioskId},
        {2, "kiosk_id = \"\"", "kiosk_id", "\"\"", kioskId},
        {2, "kiosk_id = \"" + repeated("a", 65) + "\"", "kiosk_id", "\"" + repeated("a", 60) + "…\"",
         kioskId},
        {2, "kiosk_id = 42", "kiosk_id", "42", kioskId},
        {4, "village = \"\"", "place.village", "\"\"", village},
        {4, "village = \"   \"", "place.village", "\"   \"", village},
        {4, "village = \"Thôn\\u0007Đông\"", "place.village", "\"Thôn\\u0007Đông\"", village},
        {4, "village = \"Thôn\\nĐông\"", "place.village", "\"Thôn\\nĐông\"", village},
        {4, "village = \"Thôn\\u0085Đông\"", "place.village", "\"Thôn\\u0085Đông\"", village},
        {4, "village = \"" + repeated("Đ", 81) + "\"", "place.village", "", village},
        {4, "village = 12", "place.village", "12", village},
        {5, "commune = 5", "place.commune", "5", commune},
        {5, "commune = \"Xã\\tĐông\"", "place.commune", "\"Xã\\tĐông\"", commune},
        {5, "commune = \"" + repeated("x", 81) + "\"", "place.commune", "", commune},
        {7, "url = \"http://example.com/api\"", "hub.url", "\"http://example.com/api\"", hubUrl},
        {7, "url = \"ftp://hub.example.vn\"", "hub.url", "\"ftp://hub.example.vn\"", hubUrl},
        {7, "url = \"hub.example.vn/api\"", "hub.url", "\"hub.example.vn/api\"", hubUrl},
        {7, "url = \"https://\"", "hub.url", "\"https://\"", hubUrl},
        {7, "url = \"http://localhost.evil.com/api\"", "hub.url", "\"http://localhost.evil.com/api\"",
         hubUrl},
        {7, "url = \"http://127.0.0.1@evil.com/api\"", "hub.url", "\"http://127.0.0.1@evil.com/api\"",
         hubUrl},
        {7, "url = \"http://127.0.0.1.evil.com/\"", "hub.url", "\"http://127.0.0.1.evil.com/\"", hubUrl},
        {7, "url = \"https://hub example.vn\"", "hub.url", "\"https://hub example.vn\"", hubUrl},
        {7, "url = true", "hub.url", "true", hubUrl},
        {8, "token = \"" + repeated("x", 201) + "\"", "hub.token", "a string of 201 characters", hubToken},
        {8, "token = \"ab\\u0000cd\"", "hub.token", "a string of 5 characters with control characters",
         hubToken},
        {8, "token = 12345", "hub.token", "an integer", hubToken},
        {10, "diagonal_inches = 2.9", "screen.diagonal_inches", "2.9", diagonal},
        {10, "diagonal_inches = 2", "screen.diagonal_inches", "2", diagonal},
        {10, "diagonal_inches = 101", "screen.diagonal_inches", "101", diagonal},
        {10, "diagonal_inches = 100.5", "screen.diagonal_inches", "100.5", diagonal},
        {10, "diagonal_inches = nan", "screen.diagonal_inches", "nan", diagonal},
        {10, "diagonal_inches = \"10\"", "screen.diagonal_inches", "\"10\"", diagonal},
        {10, "diagonal_inches = true", "screen.diagonal_inches", "true", diagonal},
        {11, "renderer = \"opengl\"", "screen.renderer", "\"opengl\"", renderer},
        {11, "renderer = \"Software\"", "screen.renderer", "\"Software\"", renderer},
        {11, "renderer = 1", "screen.renderer", "1", renderer},
        {13, "idle_seconds = \"abc\"", "session.idle_seconds", "\"abc\"", idle},
        {13, "idle_seconds = 9", "session.idle_seconds", "9", idle},
        {13, "idle_seconds = 3601", "session.idle_seconds", "3601", idle},
        {13, "idle_seconds = -5", "session.idle_seconds", "-5", idle},
        {13, "idle_seconds = 90.0", "session.idle_seconds", "90.0", idle},
        {13, "idle_seconds = 9999999999999", "session.idle_seconds", "9999999999999", idle},
        {14, "countdown_seconds = 4", "session.countdown_seconds", "4", countdown},
        {14, "countdown_seconds = 121", "session.countdown_seconds", "121", countdown},
        {14, "countdown_seconds = [20]", "session.countdown_seconds", "a list [...]", countdown},
        {14, "countdown_seconds = 2024-01-01", "session.countdown_seconds", "2024-01-01", countdown},
        {16, "everyday = \"8-12\"", "opening_hours.everyday", "", everyday},
        {17, "monday = \"12:00-08:00\"", "opening_hours.monday", "", monday},
        {17, "monday = 8", "opening_hours.monday", "8", monday},
        {17, "monday = { open = \"08:00\" }", "opening_hours.monday", "a table {...}", monday},
        {20, "data_dir = 7", "storage.data_dir", "7", dataDir},
        {20, "data_dir = \"/srv/a\\nb\"", "storage.data_dir", "\"/srv/a\\nb\"", dataDir},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.replacement);
        const auto load = parse(validWithLine(bad.line, bad.replacement));
        REQUIRE(load.issues.size() == 1);
        const auto& issue = load.issues[0];
        CAPTURE(issue.message);
        CHECK(issue.file == "kiosk.toml");
        CHECK(issue.line == bad.line);
        CHECK(issue.message.starts_with(bad.field + ": must "));
        if (!bad.found.empty()) {
            CHECK(issue.message.ends_with(", got " + bad.found));
        }
        CHECK(issue.text() == "kiosk.toml:" + std::to_string(bad.line) + ": " + issue.message);
        Config expected = validConfig();
        bad.keepDefault(expected);
        checkSameConfig(load.config, expected);
    }
}

TEST_CASE("Config: the hub token never appears in a message") {
    const std::string secret = repeated("S3cr3t", 40); // 240 characters: too long
    const auto load = parse("[hub]\ntoken = \"" + secret + "\"\n");
    REQUIRE(load.issues.size() == 1);
    CHECK(load.issues[0].message.find("S3cr3t") == std::string::npos);
    CHECK(load.config.hubToken.empty());
}

TEST_CASE("Config: a section that is not a table is reported and its keys keep their defaults") {
    const auto load = parse("kiosk_id = \"thon-a\"\nsession = 5\nplace = \"Thôn A\"\n");
    REQUIRE(load.issues.size() == 2);
    CHECK(load.issues[0].line == 2);
    CHECK(load.issues[0].message.starts_with("session: must be a table"));
    CHECK(load.issues[0].message.ends_with(", got 5"));
    CHECK(load.issues[1].line == 3);
    CHECK(load.issues[1].message.starts_with("place: must be a table"));
    CHECK(load.config.kioskId == "thon-a");
    CHECK(load.config.idleSeconds == 90);
    CHECK(load.config.village == Config().village);
}

TEST_CASE("Config: a value over several lines is reported at its key's line") {
    const auto load = parse("[session]\nidle_seconds = [\n  1,\n  2,\n]\n");
    REQUIRE(load.issues.size() == 1);
    CHECK(load.issues[0].line == 2);
    CHECK(load.config.idleSeconds == 90);
}

TEST_CASE("Config: good opening hours") {
    struct Good {
        std::string value;
        std::vector<TimeInterval> hours;
    };
    const std::vector<Good> cases = {
        {"07:30-11:30, 13:30-17:00", {{450, 690}, {810, 1020}}},
        {"  07:30 - 11:30 ,13:30-17:00  ", {{450, 690}, {810, 1020}}},
        {"07:30-11:30,13:30-17:00,18:00-20:00", {{450, 690}, {810, 1020}, {1080, 1200}}},
        {"00:00-24:00", {{0, 1440}}},
        {"18:00-24:00", {{1080, 1440}}},
        {"7:30-9:05", {{450, 545}}},
        {"08:00-12:00, 12:00-13:00", {{480, 720}, {720, 780}}}, // touching is not overlapping
        {"", {}},
        {"   ", {}},
    };
    for (const auto& good : cases) {
        CAPTURE(good.value);
        const auto load = parse("[opening_hours]\nmonday = \"" + good.value + "\"\n");
        CHECK(load.issues.empty());
        CHECK(load.config.openingHours[0] == good.hours);
        CHECK(load.config.openingHours[1] == kDefaultHours);
    }
}

TEST_CASE("Config: bad opening hours are reported and that day keeps its default") {
    const std::vector<std::string> cases = {
        "08:00-12:00, 11:00-13:00", // overlap
        "08:00-12:00, 08:00-09:00", // overlap, same start
        "13:00-17:00, 08:00-12:00", // not sorted
        "12:00-08:00",              // ends before it starts
        "08:00-08:00",              // empty
        "24:00-24:00",
        "08:00-24:01",
        "08:00-24:30",
        "25:00-26:00",
        "08:60-09:00",
        "08:0-09:00",
        "008:00-09:00",
        "8-12",
        "08:00",
        "08.00-12.00",
        "8h00-12h00",
        "08:00-12:00;13:00-17:00",
        "08:00-12:00 13:00-17:00",
        "08:00-12:00,",
        ",08:00-12:00",
        "08:00-12:00,,13:00-14:00",
        "08:00-12:00-13:00",
        "-08:00-12:00",
        "+8:00-12:00",
        "closed",
    };
    for (const auto& value : cases) {
        CAPTURE(value);
        const auto load = parse("[opening_hours]\nmonday = \"" + value + "\"\ntuesday = \"09:00-10:00\"\n");
        REQUIRE(load.issues.size() == 1);
        CAPTURE(load.issues[0].message);
        CHECK(load.issues[0].line == 2);
        CHECK(load.issues[0].message.starts_with("opening_hours.monday: must "));
        CHECK(load.issues[0].message.find("got \"" + value + "\"") != std::string::npos);
        CHECK(load.config.openingHours[0] == kDefaultHours);
        CHECK(load.config.openingHours[1] == std::vector<TimeInterval>{{9 * 60, 10 * 60}});
    }
}

TEST_CASE("Config: everyday sets all seven days and a specific day overrides it, wherever it is") {
    const auto load = parse("[opening_hours]\n"
                            "tuesday = \"\"\n" // before everyday in the file: still wins
                            "everyday = \"06:00-10:00\"\n"
                            "saturday = \"08:00-11:00, 14:00-16:00\"\n");
    CHECK(load.issues.empty());
    const std::vector<TimeInterval> everyday = {{6 * 60, 10 * 60}};
    CHECK(load.config.openingHours[0] == everyday);
    CHECK(load.config.openingHours[1].empty());
    CHECK(load.config.openingHours[2] == everyday);
    CHECK(load.config.openingHours[3] == everyday);
    CHECK(load.config.openingHours[4] == everyday);
    CHECK(load.config.openingHours[5] == std::vector<TimeInterval>{{8 * 60, 11 * 60}, {14 * 60, 16 * 60}});
    CHECK(load.config.openingHours[6] == everyday);
}

TEST_CASE("Config: each weekday key sets its own day") {
    const char* days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (int day = 0; day < 7; ++day) {
        CAPTURE(days[day]);
        const auto load = parse(std::string("[opening_hours]\n") + days[day] + " = \"\"\n");
        CHECK(load.issues.empty());
        for (int other = 0; other < 7; ++other) {
            CAPTURE(other);
            CHECK(load.config.openingHours[other].empty() == (other == day));
        }
    }
}

TEST_CASE("Config: hub url rules") {
    for (const char* url :
         {"", "https://hub.example.vn/api", "https://hub.example.vn:8443/api?x=1", "http://127.0.0.1/api",
          "http://127.0.0.1:8080/upload", "http://localhost", "http://localhost:3000/api",
          "http://[::1]:8080/api", "http://kiosk@127.0.0.1:8080/", "HTTPS://Hub.Example.vn/api"}) {
        CAPTURE(url);
        const auto load = parse(std::string("[hub]\nurl = \"") + url + "\"\n");
        CHECK(load.issues.empty());
        CHECK(load.config.hubUrl == url);
    }
    for (const char* url :
         {"http://example.com", "http://example.com/api", "http://192.168.1.10/api", "http://localhost:abc/",
          "http://[::1", "https//hub.example.vn", "https:hub.example.vn"}) {
        CAPTURE(url);
        const auto load = parse(std::string("[hub]\nurl = \"") + url + "\"\n");
        REQUIRE(load.issues.size() == 1);
        CHECK(load.issues[0].line == 2);
        CHECK(load.issues[0].message.starts_with("hub.url: must "));
        CHECK(load.config.hubUrl.empty());
    }
}

TEST_CASE("Config: issue text has the line, or no line when it is 0") {
    CHECK(ConfigIssue{"/etc/kiosk/kiosk.toml", 7, "bad"}.text() == "/etc/kiosk/kiosk.toml:7: bad");
    CHECK(ConfigIssue{"/etc/kiosk/kiosk.toml", 0, "cannot be read"}.text() ==
          "/etc/kiosk/kiosk.toml: cannot be read");
}

TEST_CASE("Config: formatIntervals") {
    CHECK(kiosk::formatIntervals(kDefaultHours) == "07:30-11:30, 13:30-21:00");
    CHECK(kiosk::formatIntervals({}) == "đóng cửa");
    CHECK(kiosk::formatIntervals({{5, 9 * 60}}) == "00:05-09:00");
    CHECK(kiosk::formatIntervals({{18 * 60, 24 * 60}}) == "18:00-24:00");
    // What the staff screen shows is what the file would say.
    const auto load = parse("[opening_hours]\nfriday = \"06:05-10:00, 14:00-24:00\"\n");
    CHECK(kiosk::formatIntervals(load.config.openingHours[4]) == "06:05-10:00, 14:00-24:00");
}

TEST_CASE("Config: loadConfig with a missing file gives defaults and no issue") {
    const TempDir dir;
    const auto load = kiosk::loadConfig(dir.path() / "kiosk.toml");
    CHECK_FALSE(load.fileFound);
    CHECK(load.issues.empty());
    checkSameConfig(load.config, Config());
}

TEST_CASE("Config: loadConfig with a directory as the file is an issue without a line") {
    const TempDir dir;
    const auto load = kiosk::loadConfig(dir.path());
    REQUIRE(load.issues.size() == 1);
    CHECK(load.issues[0].file == dir.path().string());
    CHECK(load.issues[0].line == 0);
    CHECK(load.issues[0].text() == dir.path().string() + ": " + load.issues[0].message);
    CHECK(load.issues[0].message.find("directory") != std::string::npos);
    checkSameConfig(load.config, Config());
}

TEST_CASE("Config: loadConfig with a file that cannot be opened") {
    if (::geteuid() == 0) {
        MESSAGE("running as root: file permissions do not stop reading, skipped");
        return;
    }
    const TempDir dir;
    const auto file = dir.write("kiosk.toml", "kiosk_id = \"thon-a\"\n");
    fs::permissions(file, fs::perms::none);
    const auto load = kiosk::loadConfig(file);
    REQUIRE(load.issues.size() == 1);
    CHECK(load.issues[0].file == file.string());
    CHECK(load.issues[0].line == 0);
    checkSameConfig(load.config, Config());
}

TEST_CASE("Config: a kiosk.toml every user can read is an issue when it holds the hub token") {
    const TempDir dir;
    const auto file = dir.write("kiosk.toml", joinLines(kValidLines));
    REQUIRE(kiosk::loadConfig(file).issues.empty());
    fs::permissions(file, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
    const auto load = kiosk::loadConfig(file);
    REQUIRE(load.issues.size() == 1);
    CHECK(load.issues[0].file == file.string());
    CHECK(load.issues[0].message.starts_with("hub.token: every user of this machine can read this file"));
    CHECK(load.issues[0].message.find("chmod 600") != std::string::npos);
    CHECK(load.issues[0].message.find("s3cret") == std::string::npos);
    checkSameConfig(load.config, validConfig()); // a warning: every value still applies
    // Readable by the group only, or no token at all: nothing to say.
    fs::permissions(file, fs::perms::others_read, fs::perm_options::remove);
    CHECK(kiosk::loadConfig(file).issues.empty());
    const auto noToken = dir.write("other.toml", "kiosk_id = \"thon-a\"\n");
    fs::permissions(noToken, fs::perms::others_read, fs::perm_options::add);
    CHECK(kiosk::loadConfig(noToken).issues.empty());
}

TEST_CASE("Config: loadConfig reads the whole file and names it in issues") {
    const TempDir dir;
    SUBCASE("valid") {
        const auto file = dir.write("kiosk.toml", joinLines(kValidLines));
        const auto load = kiosk::loadConfig(file);
        CHECK(load.fileFound);
        CHECK(load.issues.empty());
        checkSameConfig(load.config, validConfig());
    }
    SUBCASE("empty") {
        const auto load = kiosk::loadConfig(dir.write("kiosk.toml", ""));
        CHECK(load.fileFound);
        CHECK(load.issues.empty());
        checkSameConfig(load.config, Config());
    }
    SUBCASE("larger than any read buffer") {
        // Comments push the last key past the first few tens of kilobytes.
        const std::string text =
            repeated("# padding padding padding padding padding padding padding\n", 2000) +
            "kiosk_id = \"thon-cuoi\"\n";
        const auto load = kiosk::loadConfig(dir.write("kiosk.toml", text));
        CHECK(load.issues.empty());
        CHECK(load.config.kioskId == "thon-cuoi");
    }
    SUBCASE("one bad value") {
        const auto file = dir.write("kiosk.toml", validWithLine(13, "idle_seconds = 5"));
        const auto load = kiosk::loadConfig(file);
        CHECK(load.fileFound);
        REQUIRE(load.issues.size() == 1);
        CHECK(load.issues[0].text() ==
              file.string() + ":13: session.idle_seconds: must be an integer from 10 to 3600, got 5");
        Config expected = validConfig();
        expected.idleSeconds = 90;
        checkSameConfig(load.config, expected);
    }
}

TEST_CASE("Config: sample files in tests/data/config") {
    const fs::path data = fs::path(TEST_DATA_DIR) / "config";
    SUBCASE("full.toml") {
        // It holds a hub token, so it is read as a kiosk keeps it: a private copy (git checks files out
        // readable by everyone, which loadConfig reports for a token file).
        const TempDir dir;
        const auto file = dir.path() / "full.toml";
        fs::copy_file(data / "full.toml", file);
        fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
        const auto load = kiosk::loadConfig(file);
        CHECK(load.fileFound);
        CHECK(load.issues.empty());
        CHECK(load.config.kioskId == "donganh-thon-dong-01");
        CHECK(load.config.village == "Thôn Đông");
        CHECK(load.config.commune == "Xã Đông Anh");
        CHECK(load.config.hubUrl == "https://hub.example.vn/api");
        CHECK(load.config.hubToken == "abc123");
        CHECK(load.config.screenDiagonalInches == 10.1);
        CHECK(load.config.renderer == "software");
        CHECK(load.config.idleSeconds == 90);
        CHECK(load.config.countdownSeconds == 20);
        CHECK(load.config.openingHours[0] == std::vector<TimeInterval>{{450, 690}, {810, 1260}});
        CHECK(load.config.openingHours[5] == std::vector<TimeInterval>{{480, 690}});
        CHECK(load.config.openingHours[6].empty());
        CHECK(load.config.openingHours[2] == std::vector<TimeInterval>{{450, 690}, {810, 1020}});
        CHECK(load.config.dataDir == "/var/lib/village-kiosk");
    }
    SUBCASE("bad_values.toml") {
        const auto file = data / "bad_values.toml";
        const auto load = kiosk::loadConfig(file);
        CHECK(load.fileFound);
        REQUIRE(load.issues.size() == 4);
        CHECK(load.issues[0].text() == file.string() + ":4: unknown key 'place.villag'");
        CHECK(load.issues[1].text() ==
              file.string() + ":7: screen.renderer: must be \"software\" or \"accelerated\", got \"gpu\"");
        CHECK(load.issues[2].text() ==
              file.string() + ":10: session.idle_seconds: must be an integer from 10 to 3600, got 5");
        CHECK(load.issues[3].line == 13);
        CHECK(load.issues[3].message.starts_with("opening_hours.monday: must "));
        // The good keys between the bad ones apply.
        CHECK(load.config.kioskId == "thon-bad-values");
        CHECK(load.config.village == Config().village);
        CHECK(load.config.screenDiagonalInches == 7.0);
        CHECK(load.config.renderer == "software");
        CHECK(load.config.idleSeconds == 90);
        CHECK(load.config.countdownSeconds == 15);
        CHECK(load.config.openingHours[0] == kDefaultHours);
        CHECK(load.config.openingHours[1] == std::vector<TimeInterval>{{8 * 60, 17 * 60}});
    }
    SUBCASE("syntax_error.toml") {
        const auto load = kiosk::loadConfig(data / "syntax_error.toml");
        CHECK(load.fileFound);
        REQUIRE(load.issues.size() == 1);
        CHECK(load.issues[0].line == 5);
        checkSameConfig(load.config, Config());
    }
}

TEST_CASE("Config: the documented example in platform/deploy parses without issues") {
    const fs::path example =
        fs::path(TEST_DATA_DIR) / ".." / ".." / "platform" / "deploy" / "kiosk.toml.example";
    const auto load = kiosk::loadConfig(example);
    REQUIRE(load.fileFound);
    for (const auto& issue : load.issues) {
        CAPTURE(issue.text());
    }
    CHECK(load.issues.empty());
    CHECK(load.config.kioskId == "donganh-thon-dong-01");
    CHECK(load.config.village == "Thôn Đông");
}

TEST_CASE("Config: defaultDataDir follows XDG_DATA_HOME, then HOME") {
    const EnvGuard xdg("XDG_DATA_HOME");
    const EnvGuard home("HOME");

    xdg.set("/tmp/xdg-data");
    home.set("/home/ba");
    CHECK(kiosk::defaultDataDir() == fs::path("/tmp/xdg-data/village-kiosk"));
    CHECK(Config().dataDir == fs::path("/tmp/xdg-data/village-kiosk"));
    CHECK(parse("[storage]\ndata_dir = \"\"\n").config.dataDir == fs::path("/tmp/xdg-data/village-kiosk"));

    xdg.unset();
    CHECK(kiosk::defaultDataDir() == fs::path("/home/ba/.local/share/village-kiosk"));

    xdg.set(""); // set but empty counts as unset
    CHECK(kiosk::defaultDataDir() == fs::path("/home/ba/.local/share/village-kiosk"));

    xdg.set("relative/data"); // XDG says relative paths are ignored
    CHECK(kiosk::defaultDataDir() == fs::path("/home/ba/.local/share/village-kiosk"));

    xdg.unset();
    home.unset();
    CHECK(kiosk::defaultDataDir() == fs::path("/var/lib/village-kiosk"));
}

TEST_CASE("Config: booking and upload keys are read, and a bad one keeps its default with its line") {
    const auto good = parse("[hub]\n"
                            "upload_interval_minutes = 5\n"
                            "ca_file = \"/etc/kiosk/hub-ca.pem\"\n"
                            "raw_event_days = 30\n"
                            "[bookings]\n"
                            "capacity = 3\n"
                            "slot_minutes = 20\n"
                            "max_active_per_phone = 1\n"
                            "retention_days = 7\n"
                            "webhook_url = \"http://127.0.0.1:9000/hook\"\n");
    CHECK(good.issues.empty());
    CHECK(good.config.uploadIntervalMinutes == 5);
    CHECK(good.config.hubCaFile == "/etc/kiosk/hub-ca.pem");
    CHECK(good.config.rawEventDays == 30);
    CHECK(good.config.bookingCapacity == 3);
    CHECK(good.config.bookingSlotMinutes == 20);
    CHECK(good.config.maxActiveBookingsPerPhone == 1);
    CHECK(good.config.bookingRetentionDays == 7);
    CHECK(good.config.bookingWebhookUrl == "http://127.0.0.1:9000/hook");

    const auto bad = parse("[bookings]\n"
                           "capacity = 0\n"
                           "retention_days = \"30\"\n"
                           "webhook_url = \"http://example.com/hook\"\n");
    REQUIRE(bad.issues.size() == 3);
    CHECK(bad.issues[0].text() == "kiosk.toml:2: bookings.capacity: must be an integer from 1 to 20, got 0");
    CHECK(bad.issues[1].text().starts_with(
        "kiosk.toml:3: bookings.retention_days: must be an integer from 1 to 365"));
    CHECK(bad.issues[2].text().starts_with("kiosk.toml:4: bookings.webhook_url: must be \"\" (none)"));
    const kiosk::Config defaults;
    CHECK(bad.config.bookingCapacity == defaults.bookingCapacity);
    CHECK(bad.config.bookingRetentionDays == 30);
    CHECK(bad.config.bookingWebhookUrl.empty());
}

TEST_CASE("Config: the screen schedule and the team's phone number") {
    const auto defaults = parse("");
    CHECK_FALSE(defaults.config.sleepWhenClosed);
    CHECK(defaults.config.wakeSeconds == 120);
    CHECK(defaults.config.teamPhone.empty());

    const auto load = parse("[place]\nteam_phone = \"+84 912 345 678\"\n"
                            "[screen]\nsleep_when_closed = true\nwake_seconds = 300\n");
    CHECK(load.issues.empty());
    CHECK(load.config.sleepWhenClosed);
    CHECK(load.config.wakeSeconds == 300);
    CHECK(load.config.teamPhone == "+84 912 345 678");

    const auto bad = parse("[place]\nteam_phone = \"gọi anh Tư\"\n"
                           "[screen]\nsleep_when_closed = \"yes\"\nwake_seconds = 5\n");
    REQUIRE(bad.issues.size() == 3);
    CHECK(bad.issues[0].line == 2);
    CHECK(bad.issues[0].message.starts_with("place.team_phone: must be \"\" (none) or a phone number"));
    CHECK(bad.issues[1].message == "screen.sleep_when_closed: must be true or false, got \"yes\"");
    CHECK(bad.issues[2].message.starts_with("screen.wake_seconds: must be an integer from 10 to 3600"));
    CHECK_FALSE(bad.config.sleepWhenClosed);
    CHECK(bad.config.wakeSeconds == 120);
    CHECK(bad.config.teamPhone.empty());
}
