// The upload format a kiosk sends to the commune hub: one documented, versioned JSON schema,
// shared by both sides through this header only (header-only: nlohmann json and the day check of
// common/local_time.hpp, itself header-only).
//
// Schema version 1. One upload = one kiosk's heartbeat plus zero or more daily rollups:
//
//   {
//     "schema_version": 1,
//     "kiosk_id": "xa-an-binh-thon-1",          // [A-Za-z0-9._-], 1..64 chars; registered on the hub
//     "village": "Thôn 1",                      // UTF-8, at most 200 bytes (may be "")
//     "heartbeat": {
//       "version": "0.1.0",                     // kiosk program version, <= 64 bytes
//       "uptime_seconds": 86400,                // >= 0
//       "free_disk_mb": 2048,                   // >= 0
//       "content_version": "2026-11-01",        // <= 64 bytes (may be "")
//       "last_error": "",                       // <= 500 bytes ("" = none)
//       "sent_at": "2026-11-25T08:00:00Z",      // ISO-8601 UTC, <= 40 bytes
//       "restarts_since_boot": 0,               // OPTIONAL (added later): kiosk starts since the
//                                               //   machine booted, minus one; absent or null = unknown
//       "soc_temperature_c": 51.5               // OPTIONAL (added later): the SoC's temperature in
//                                               //   degrees C, -40..150; absent or null = no sensor
//     },
//     "days": [                                 // at most 62 entries, each "day" at most once
//       {
//         "day": "2026-11-24",                  // local date (Asia/Ho_Chi_Minh), not in the future
//         "complete": true,                     // false: "today so far", replaced by later sends
//         "sessions": 42,                       // residents' sessions (touch until idle reset)
//         "screens": {"home": 42, "guide": 30}, // screen name (<= 64 bytes) -> views; <= 100 names
//         "guides": [                           // at most 200, each guide_id at most once per day
//           {
//             "guide_id": "vneid-kich-hoat",    // 1..100 bytes
//             "topic": "vneid",                 // <= 100 bytes
//             "started": 10, "finished": 6,
//             "reached_step": {"1": 10, "2": 9, "3": 8, "4": 8, "5": 6},  // step (1..100) -> residents
//             "left_at_step": {"2": 1, "3": 1, "4": 2}                    // step (1..100) -> residents
//           }
//         ],
//         "practice_right": 12, "practice_wrong": 3,
//         "narration_played": 20, "qr_shown": 4, "text_size_changed": 7,
//         "bookings_made": 3, "bookings_cancelled": 1, "bookings_done": 2, "bookings_no_show": 0,
//         "survey_smartphone": {"yes": 8, "no": 2, "skip": 1},
//         "survey_vneid_level2": {"yes": 5, "no": 4, "skip": 2},
//         "team_activity": {                    // OPTIONAL (added later): absent, null or {} = none.
//           "home_visit": {                     //   place key (common/team_activity.hpp), <= 10 places;
//             "events": 3, "people": 4,         //   a key the hub does not know is kept as it is
//             "results": {"vneid_level2": 2, "scam_warning": 4}  // result key -> times, <= 50 keys
//           }                                   //   ("results" may be absent); keys: 1..64 of [a-z0-9_]
//         },
//         "satisfaction": {"happy": 5, "neutral": 1, "unhappy": 0}  // OPTIONAL (added later): the
//       }                                       //   faces after help at the kiosk; keys as above, <= 10
//     ],
//     "screen_flags": [                         // OPTIONAL (added later): "Màn hình này đã khác", at most
//       {                                       //   kMaxFlagsPerUpload; absent or null = none
//         "flag_id": "3f9c0a1b2c3d4e5f",        // 1..32 of [a-z0-9]: chosen by the kiosk, unique there
//         "guide_id": "vneid-kich-hoat",        // 1..100 bytes
//         "guide_title": "Kích hoạt VNeID",     // <= 200 bytes (may be "")
//         "step": 4,                            // 1..100, as residents count
//         "what": "button",                     // "text", "button", "order" or "picture"
//         "note": "Nút Đăng nhập nay màu xanh", // <= 200 bytes (may be ""): typed by the team, never a
//         person's data "flagged_at": "2026-11-25T08:00:00Z"  // ISO-8601 UTC, <= 40 bytes
//       }
//     ]
//   }
//
// The single-number figures and the survey questions above are the rows of usage_figures.hpp; the
// writer and the reader below go through that table, so a new row travels without a change here.
//
// Rules:
//  - Every field above is required unless marked OPTIONAL (an older kiosk's upload without them is
//    accepted); counts are integers in 0..1,000,000,000 (never floats, never
//    negative). Keys not listed are ignored, so later versions may only ADD optional fields; a change
//    that alters the meaning of a field raises schema_version.
//  - Idempotency: kiosk id + day identify a rollup. Sending the same day again REPLACES that day's
//    figures on the hub (never adds), so a kiosk may re-send "today so far" every hour.
//  - Flags: kiosk id + flag_id identify a flag; a re-sent flag is stored once.
//  - The hub answers 200 {"stored_days": N}, or 400 {"error": "<field path>: <problem>"}, e.g.
//    "days[2].guides[0].started: must be a non-negative integer" or "kiosk_id: missing".
//  - Transport: POST to the hub's /api/v1/uploads with "Authorization: Bearer TOKEN",
//    Content-Type application/json, optionally Content-Encoding gzip; at most kMaxUploadBytes
//    (compressed or not). An export file for `commune-hub import` is JSON Lines: one upload per line.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/local_time.hpp"
#include "common/usage_figures.hpp"

#include <version>
#if defined(__cpp_lib_expected) // not with clang 14 + libstdc++ 12 (the fuzzers): they use the variant
#include "common/error.hpp"
#endif

namespace kiosk::upload {

constexpr int kSchemaVersion = 1;

// Limits the hub enforces; the kiosk keeps within them.
constexpr std::size_t kMaxUploadBytes = 256 * 1024; // a realistic day is ~3 KB gzipped
constexpr std::size_t kMaxDaysPerUpload = 62;
constexpr std::size_t kMaxGuidesPerDay = 200;
constexpr int kMaxStepsPerGuide = 100;
constexpr std::size_t kMaxScreensPerDay = 100;
constexpr std::int64_t kMaxCount = 1'000'000'000;
constexpr std::size_t kMaxKioskIdBytes = 64;
constexpr std::size_t kMaxVillageBytes = 200;
constexpr std::size_t kMaxNameBytes = 100; // guide id, topic
constexpr std::size_t kMaxScreenNameBytes = 64;
constexpr std::size_t kMaxVersionBytes = 64;
constexpr std::size_t kMaxLastErrorBytes = 500;
constexpr std::size_t kMaxTimestampBytes = 40;
constexpr std::size_t kMaxFlagsPerUpload = 100;
constexpr std::size_t kMaxFlagIdBytes = 32;
constexpr std::size_t kMaxFlagTitleBytes = 200;
constexpr std::size_t kMaxFlagNoteBytes = 200;
constexpr std::size_t kMaxTeamPlacesPerDay = 10;
constexpr std::size_t kMaxTeamResultsPerPlace = 50;
constexpr std::size_t kMaxSatisfactionAnswers = 10;
constexpr std::size_t kMaxTeamKeyBytes = 64; // place, result and satisfaction keys
constexpr double kMinTemperatureC = -40;     // what an SoC's sensor can report (the Pi's reads -40..125 °C)
constexpr double kMaxTemperatureC = 150;

// The ids a kiosk's kiosk.toml accepts (kiosk_id): 1..64 of a-z, 0-9 and '-'. The hub registers only
// these, so every registered id can be configured on a kiosk; uploads still read the wider
// [A-Za-z0-9._-] of schema version 1.
constexpr bool isKioskId(std::string_view text) {
    if (text.empty() || text.size() > kMaxKioskIdBytes) return false;
    for (char c : text)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

struct Heartbeat {
    std::string version;
    std::int64_t uptimeSeconds = 0;
    std::int64_t freeDiskMb = 0;
    std::string contentVersion;
    std::string lastError;
    std::string sentAt;                            // ISO-8601 UTC
    std::optional<std::int64_t> restartsSinceBoot; // nullopt: an older kiosk, or its counter failed
    std::optional<double> socTemperatureC;         // nullopt: no sensor (never 0 for "unknown")
    friend bool operator==(const Heartbeat&, const Heartbeat&) = default;
};

// What a team member found different on the real phone ("Màn hình này đã khác").
inline constexpr std::array<std::string_view, 4> kFlagKinds{"text", "button", "order", "picture"};

inline bool isFlagKind(std::string_view what) {
    for (std::string_view k : kFlagKinds)
        if (k == what) return true;
    return false;
}

inline bool isFlagId(std::string_view id) {
    if (id.empty() || id.size() > kMaxFlagIdBytes) return false;
    for (char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

// Place, result and satisfaction keys: a newer kiosk may send keys this hub does not know, so the
// keys themselves are checked, not looked up.
inline bool isTeamKey(std::string_view key) {
    if (key.empty() || key.size() > kMaxTeamKeyBytes) return false;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

struct ScreenFlag {
    std::string flagId;
    std::string guideId;
    std::string guideTitle;
    int step = 1;
    std::string what; // one of kFlagKinds
    std::string note;
    std::string flaggedAt; // ISO-8601 UTC
    friend bool operator==(const ScreenFlag&, const ScreenFlag&) = default;
};

struct Upload {
    int schemaVersion = kSchemaVersion;
    std::string kioskId;
    std::string village;
    Heartbeat heartbeat;
    std::vector<DailyRollup> days;
    std::vector<ScreenFlag> flags; // "screen_flags"; written only when there are some
    friend bool operator==(const Upload&, const Upload&) = default;
};

// ---- writing ----

inline nlohmann::json toJson(const Survey& s) {
    nlohmann::json out = nlohmann::json::object();
    for (const AnswerFigure& a : kSurveyAnswers)
        out[a.key] = s.*a.field;
    return out;
}

inline nlohmann::json stepsToJson(const std::map<int, int>& steps) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [step, residents] : steps)
        out[std::to_string(step)] = residents;
    return out;
}

inline nlohmann::json toJson(const GuideFigures& g) {
    return {{"guide_id", g.guideId},
            {"topic", g.topic},
            {"started", g.started},
            {"finished", g.finished},
            {"reached_step", stepsToJson(g.reachedStep)},
            {"left_at_step", stepsToJson(g.leftAtStep)}};
}

inline nlohmann::json toJson(const TeamHelp& h) {
    return {{"events", h.events}, {"people", h.people}, {"results", h.results}};
}

inline nlohmann::json toJson(const DailyRollup& d) {
    nlohmann::json guides = nlohmann::json::array();
    for (const auto& g : d.guides)
        guides.push_back(toJson(g));
    nlohmann::json screens = nlohmann::json::object();
    for (const auto& [name, views] : d.screens)
        screens[name] = views;
    nlohmann::json out = {{"day", d.day},
                          {"complete", d.complete},
                          {"screens", std::move(screens)},
                          {"guides", std::move(guides)}};
    for (const CountFigure& f : kCountFigures)
        out[f.key] = d.*f.field;
    for (const SurveyFigure& f : kSurveyFigures)
        out[f.key] = toJson(d.*f.field);
    // Absent when empty: a day without team figures reads exactly as before.
    if (!d.teamActivity.empty()) {
        nlohmann::json team = nlohmann::json::object();
        for (const auto& [place, help] : d.teamActivity)
            team[place] = toJson(help);
        out["team_activity"] = std::move(team);
    }
    if (!d.satisfaction.empty()) out["satisfaction"] = d.satisfaction;
    return out;
}

inline nlohmann::json toJson(const Heartbeat& h) {
    nlohmann::json out = {{"version", h.version},         {"uptime_seconds", h.uptimeSeconds},
                          {"free_disk_mb", h.freeDiskMb}, {"content_version", h.contentVersion},
                          {"last_error", h.lastError},    {"sent_at", h.sentAt}};
    if (h.restartsSinceBoot) out["restarts_since_boot"] = *h.restartsSinceBoot;
    // null, not 0, when there is no sensor: 0 °C would read as a real (and alarming) figure.
    out["soc_temperature_c"] = h.socTemperatureC ? nlohmann::json(*h.socTemperatureC) : nlohmann::json();
    return out;
}

inline nlohmann::json toJson(const ScreenFlag& f) {
    return {{"flag_id", f.flagId}, {"guide_id", f.guideId}, {"guide_title", f.guideTitle}, {"step", f.step},
            {"what", f.what},      {"note", f.note},        {"flagged_at", f.flaggedAt}};
}

inline nlohmann::json toJson(const Upload& u) {
    nlohmann::json days = nlohmann::json::array();
    for (const auto& d : u.days)
        days.push_back(toJson(d));
    nlohmann::json out = {{"schema_version", u.schemaVersion},
                          {"kiosk_id", u.kioskId},
                          {"village", u.village},
                          {"heartbeat", toJson(u.heartbeat)},
                          {"days", std::move(days)}};
    // Absent when there are none: an upload without flags reads exactly as before.
    if (!u.flags.empty()) {
        nlohmann::json flags = nlohmann::json::array();
        for (const auto& f : u.flags)
            flags.push_back(toJson(f));
        out["screen_flags"] = std::move(flags);
    }
    return out;
}

// ---- reading ----

// The day check is common/local_time.hpp's (header-only there too).
using kiosk::isCalendarDay;

namespace detail {

// Nesting deeper than the schema's own (6) is refused before parsing, so hostile input cannot
// make the parser or the destructor recurse deeply.
inline bool nestingWithin(std::string_view body, int maxDepth) {
    int depth = 0;
    bool inString = false, escaped = false;
    for (char c : body) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

// Walks a parsed document; the first problem found becomes `error`, prefixed with the field's path.
class Reader {
  public:
    explicit Reader(std::string_view latestAllowedDay) : m_latestDay(latestAllowedDay) {}

    std::optional<Upload> read(const nlohmann::json& root) {
        Upload u;
        if (!root.is_object()) return fail("", "must be a JSON object");
        const nlohmann::json* v = nullptr;
        if (!(v = field(root, "", "schema_version"))) return std::nullopt;
        if (!v->is_number_integer() || v->get<std::int64_t>() != kSchemaVersion)
            return fail("schema_version", "must be " + std::to_string(kSchemaVersion));
        if (!text(root, "", "kiosk_id", 1, kMaxKioskIdBytes, u.kioskId)) return std::nullopt;
        for (char c : u.kioskId)
            if (!isIdChar(c)) return fail("kiosk_id", "only letters, digits, '.', '_' and '-' are allowed");
        if (!text(root, "", "village", 0, kMaxVillageBytes, u.village)) return std::nullopt;
        if (!(v = field(root, "", "heartbeat"))) return std::nullopt;
        if (!heartbeat(*v, u.heartbeat)) return std::nullopt;
        if (!(v = field(root, "", "days"))) return std::nullopt;
        if (!v->is_array()) return fail("days", "must be an array");
        if (v->size() > kMaxDaysPerUpload)
            return fail("days", "at most " + std::to_string(kMaxDaysPerUpload) + " days per upload");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < v->size(); ++i) {
            const std::string path = "days[" + std::to_string(i) + "]";
            DailyRollup d;
            if (!rollup((*v)[i], path, d)) return std::nullopt;
            if (!seen.insert(d.day).second) return fail(path + ".day", d.day + " appears twice");
            u.days.push_back(std::move(d));
        }
        if (!screenFlags(root, u.flags)) return std::nullopt;
        return u;
    }

    std::optional<Upload> fail(const std::string& path, const std::string& problem) {
        error = path.empty() ? problem : path + ": " + problem;
        return std::nullopt;
    }

    std::string error;

  private:
    static bool isIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
               c == '_' || c == '-';
    }
    static std::string join(const std::string& path, std::string_view key) {
        return path.empty() ? std::string(key) : path + "." + std::string(key);
    }

    bool setError(const std::string& path, const std::string& problem) {
        fail(path, problem);
        return false;
    }

    const nlohmann::json* field(const nlohmann::json& object, const std::string& path, std::string_view key) {
        auto it = object.find(key);
        if (it == object.end()) {
            setError(join(path, key), "missing");
            return nullptr;
        }
        return &*it;
    }

    bool text(const nlohmann::json& object, const std::string& path, std::string_view key,
              std::size_t minBytes, std::size_t maxBytes, std::string& out) {
        const nlohmann::json* v = field(object, path, key);
        if (!v) return false;
        if (!v->is_string()) return setError(join(path, key), "must be a string");
        out = v->get<std::string>();
        if (out.size() < minBytes) return setError(join(path, key), "must not be empty");
        if (out.size() > maxBytes)
            return setError(join(path, key), "longer than " + std::to_string(maxBytes) + " bytes");
        return true;
    }

    // Field paths are only built for an error: an upload has hundreds of counts to check.
    enum class CountProblem { none, notCount, tooLarge };
    static CountProblem readCount(const nlohmann::json& v, std::int64_t max, std::int64_t& out) {
        const bool ok = v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
        if (!ok) return CountProblem::notCount;
        if (v.is_number_unsigned() ? v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)
                                   : v.get<std::int64_t>() > max)
            return CountProblem::tooLarge;
        out = v.get<std::int64_t>();
        return CountProblem::none;
    }

    bool countError(CountProblem problem, const std::string& path, std::int64_t max) {
        return setError(path, problem == CountProblem::notCount
                                  ? std::string("must be a non-negative integer")
                                  : "larger than " + std::to_string(max));
    }

    bool count(const nlohmann::json& object, const std::string& path, std::string_view key, int& out) {
        const nlohmann::json* v = field(object, path, key);
        if (!v) return false;
        std::int64_t n = 0;
        if (auto problem = readCount(*v, kMaxCount, n); problem != CountProblem::none)
            return countError(problem, join(path, key), kMaxCount);
        out = static_cast<int>(n);
        return true;
    }

    bool bigCount(const nlohmann::json& object, const std::string& path, std::string_view key,
                  std::int64_t& out) {
        const nlohmann::json* v = field(object, path, key);
        if (!v) return false;
        constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max() / 2;
        if (auto problem = readCount(*v, max, out); problem != CountProblem::none)
            return countError(problem, join(path, key), max);
        return true;
    }

    bool object(const nlohmann::json& object, const std::string& path, std::string_view key,
                const nlohmann::json*& out) {
        out = field(object, path, key);
        if (!out) return false;
        if (!out->is_object()) return setError(join(path, key), "must be a JSON object");
        return true;
    }

    bool heartbeat(const nlohmann::json& v, Heartbeat& h) {
        const std::string path = "heartbeat";
        if (!v.is_object()) return setError(path, "must be a JSON object");
        return text(v, path, "version", 0, kMaxVersionBytes, h.version) &&
               bigCount(v, path, "uptime_seconds", h.uptimeSeconds) &&
               bigCount(v, path, "free_disk_mb", h.freeDiskMb) &&
               text(v, path, "content_version", 0, kMaxVersionBytes, h.contentVersion) &&
               text(v, path, "last_error", 0, kMaxLastErrorBytes, h.lastError) &&
               text(v, path, "sent_at", 0, kMaxTimestampBytes, h.sentAt) &&
               optionalCount(v, path, "restarts_since_boot", h.restartsSinceBoot) &&
               optionalTemperature(v, path, "soc_temperature_c", h.socTemperatureC);
    }

    // Fields added after schema version 1's first kiosks: absent or null is "unknown", never an error.
    bool optionalCount(const nlohmann::json& object, const std::string& path, std::string_view key,
                       std::optional<std::int64_t>& out) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return true;
        std::int64_t n = 0;
        if (auto problem = readCount(*it, kMaxCount, n); problem != CountProblem::none)
            return setError(join(path, key), problem == CountProblem::notCount
                                                 ? std::string("must be null or a non-negative integer")
                                                 : "larger than " + std::to_string(kMaxCount));
        out = n;
        return true;
    }

    bool optionalTemperature(const nlohmann::json& object, const std::string& path, std::string_view key,
                             std::optional<double>& out) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return true;
        // Written so NaN fails too (JSON has none, but a parser extension might).
        if (!it->is_number() ||
            !(it->get<double>() >= kMinTemperatureC && it->get<double>() <= kMaxTemperatureC))
            return setError(join(path, key), "must be null or a number of degrees C from -40 to 150");
        out = it->get<double>();
        return true;
    }

    // "screen_flags" is optional: an older kiosk never sends it.
    bool screenFlags(const nlohmann::json& root, std::vector<ScreenFlag>& out) {
        auto it = root.find("screen_flags");
        if (it == root.end() || it->is_null()) return true;
        if (!it->is_array()) return setError("screen_flags", "must be an array");
        if (it->size() > kMaxFlagsPerUpload)
            return setError("screen_flags",
                            "at most " + std::to_string(kMaxFlagsPerUpload) + " flags per upload");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string path = "screen_flags[" + std::to_string(i) + "]";
            const nlohmann::json& v = (*it)[i];
            if (!v.is_object()) return setError(path, "must be a JSON object");
            ScreenFlag f;
            if (!text(v, path, "flag_id", 1, kMaxFlagIdBytes, f.flagId)) return false;
            if (!isFlagId(f.flagId)) return setError(path + ".flag_id", "only a-z and 0-9 are allowed");
            if (!seen.insert(f.flagId).second)
                return setError(path + ".flag_id", f.flagId + " appears twice");
            if (!text(v, path, "guide_id", 1, kMaxNameBytes, f.guideId) ||
                !text(v, path, "guide_title", 0, kMaxFlagTitleBytes, f.guideTitle))
                return false;
            const nlohmann::json* step = field(v, path, "step");
            if (!step) return false;
            if (!step->is_number_integer() || step->get<std::int64_t>() < 1 ||
                step->get<std::int64_t>() > kMaxStepsPerGuide)
                return setError(path + ".step",
                                "must be a number from 1 to " + std::to_string(kMaxStepsPerGuide));
            f.step = step->get<int>();
            if (!text(v, path, "what", 1, kMaxNameBytes, f.what)) return false;
            if (!isFlagKind(f.what))
                return setError(path + ".what", "must be \"text\", \"button\", \"order\" or \"picture\"");
            if (!text(v, path, "note", 0, kMaxFlagNoteBytes, f.note) ||
                !text(v, path, "flagged_at", 1, kMaxTimestampBytes, f.flaggedAt))
                return false;
            out.push_back(std::move(f));
        }
        return true;
    }

    bool survey(const nlohmann::json& day, const std::string& path, std::string_view key, Survey& s) {
        const nlohmann::json* v = nullptr;
        if (!object(day, path, key, v)) return false;
        const std::string here = join(path, key);
        for (const AnswerFigure& a : kSurveyAnswers)
            if (!count(*v, here, a.key, s.*a.field)) return false;
        return true;
    }

    bool steps(const nlohmann::json& guide, const std::string& path, std::string_view key,
               std::map<int, int>& out) {
        const nlohmann::json* v = nullptr;
        if (!object(guide, path, key, v)) return false;
        if (v->size() > static_cast<std::size_t>(kMaxStepsPerGuide))
            return setError(join(path, key), "at most " + std::to_string(kMaxStepsPerGuide) + " steps");
        for (const auto& item : v->items()) { // not a structured binding: clang 14 cannot capture one
            const std::string& name = item.key();
            const nlohmann::json& residents = item.value();
            const auto stepPath = [&] { return join(path, key) + ".\"" + name.substr(0, 16) + "\""; };
            int step = 0;
            bool digits = !name.empty() && name.size() <= 3 && name[0] != '0';
            for (char c : name) {
                if (c < '0' || c > '9')
                    digits = false;
                else
                    step = step * 10 + (c - '0');
            }
            if (!digits || step < 1 || step > kMaxStepsPerGuide)
                return setError(stepPath(),
                                "step must be a number from 1 to " + std::to_string(kMaxStepsPerGuide));
            std::int64_t n = 0;
            if (auto problem = readCount(residents, kMaxCount, n); problem != CountProblem::none)
                return countError(problem, stepPath(), kMaxCount);
            out[step] = static_cast<int>(n);
        }
        return true;
    }

    bool guide(const nlohmann::json& v, const std::string& path, GuideFigures& g) {
        if (!v.is_object()) return setError(path, "must be a JSON object");
        return text(v, path, "guide_id", 1, kMaxNameBytes, g.guideId) &&
               text(v, path, "topic", 0, kMaxNameBytes, g.topic) && count(v, path, "started", g.started) &&
               count(v, path, "finished", g.finished) && steps(v, path, "reached_step", g.reachedStep) &&
               steps(v, path, "left_at_step", g.leftAtStep);
    }

    bool rollup(const nlohmann::json& v, const std::string& path, DailyRollup& d) {
        if (!v.is_object()) return setError(path, "must be a JSON object");
        const nlohmann::json* day = field(v, path, "day");
        if (!day) return false;
        if (!day->is_string() || !isCalendarDay(day->get_ref<const std::string&>()))
            return setError(path + ".day", "must be a date YYYY-MM-DD");
        d.day = day->get<std::string>();
        if (d.day > m_latestDay) return setError(path + ".day", d.day + " is in the future");
        const nlohmann::json* complete = field(v, path, "complete");
        if (!complete) return false;
        if (!complete->is_boolean()) return setError(path + ".complete", "must be true or false");
        d.complete = complete->get<bool>();
        for (const CountFigure& f : kCountFigures)
            if (!count(v, path, f.key, d.*f.field)) return false;
        for (const SurveyFigure& f : kSurveyFigures)
            if (!survey(v, path, f.key, d.*f.field)) return false;

        const nlohmann::json* screens = nullptr;
        if (!object(v, path, "screens", screens)) return false;
        if (screens->size() > kMaxScreensPerDay)
            return setError(path + ".screens", "at most " + std::to_string(kMaxScreensPerDay) + " screens");
        for (const auto& item : screens->items()) { // not a structured binding: clang 14 cannot capture one
            const std::string& name = item.key();
            const nlohmann::json& views = item.value();
            const auto screenPath = [&] { return path + ".screens.\"" + name.substr(0, 16) + "\""; };
            if (name.empty() || name.size() > kMaxScreenNameBytes)
                return setError(screenPath(),
                                "screen name must be 1.." + std::to_string(kMaxScreenNameBytes) + " bytes");
            std::int64_t n = 0;
            if (auto problem = readCount(views, kMaxCount, n); problem != CountProblem::none)
                return countError(problem, screenPath(), kMaxCount);
            d.screens[name] = static_cast<int>(n);
        }

        const nlohmann::json* guides = field(v, path, "guides");
        if (!guides) return false;
        if (!guides->is_array()) return setError(path + ".guides", "must be an array");
        if (guides->size() > kMaxGuidesPerDay)
            return setError(path + ".guides",
                            "at most " + std::to_string(kMaxGuidesPerDay) + " guides per day");
        std::set<std::string> seen;
        for (std::size_t i = 0; i < guides->size(); ++i) {
            const std::string guidePath = path + ".guides[" + std::to_string(i) + "]";
            GuideFigures g;
            if (!guide((*guides)[i], guidePath, g)) return false;
            if (!seen.insert(g.guideId).second)
                return setError(guidePath + ".guide_id", g.guideId + " appears twice");
            d.guides.push_back(std::move(g));
        }

        return teamActivity(v, path, d.teamActivity) &&
               keyedCounts(v, path, "satisfaction", kMaxSatisfactionAnswers, "answers", d.satisfaction);
    }

    // An optional object of key -> count (results, satisfaction): absent, null or {} is none.
    bool keyedCounts(const nlohmann::json& object, const std::string& path, std::string_view key,
                     std::size_t maxKeys, std::string_view what, std::map<std::string, int>& out) {
        auto it = object.find(key);
        if (it == object.end() || it->is_null()) return true;
        const std::string here = join(path, key);
        if (!it->is_object()) return setError(here, "must be a JSON object");
        if (it->size() > maxKeys)
            return setError(here, "at most " + std::to_string(maxKeys) + " " + std::string(what));
        for (const auto& item : it->items()) { // not a structured binding: clang 14 cannot capture one
            if (!teamKey(here, item.key())) return false;
            std::int64_t n = 0;
            if (auto problem = readCount(item.value(), kMaxCount, n); problem != CountProblem::none)
                return countError(problem, join(here, item.key()), kMaxCount);
            out[item.key()] = static_cast<int>(n);
        }
        return true;
    }

    // A bad key is quoted and cut short in the path, as screen names are: it may be anything.
    bool teamKey(const std::string& path, const std::string& key) {
        if (isTeamKey(key)) return true;
        return setError(path + ".\"" + key.substr(0, 16) + "\"",
                        "key must be 1.." + std::to_string(kMaxTeamKeyBytes) + " of a-z, 0-9 and _");
    }

    bool teamActivity(const nlohmann::json& day, const std::string& path, TeamActivity& out) {
        auto it = day.find("team_activity");
        if (it == day.end() || it->is_null()) return true;
        const std::string here = join(path, "team_activity");
        if (!it->is_object()) return setError(here, "must be a JSON object");
        if (it->size() > kMaxTeamPlacesPerDay)
            return setError(here, "at most " + std::to_string(kMaxTeamPlacesPerDay) + " places");
        for (const auto& item : it->items()) {
            if (!teamKey(here, item.key())) return false;
            const std::string placePath = join(here, item.key());
            const nlohmann::json& place = item.value();
            if (!place.is_object()) return setError(placePath, "must be a JSON object");
            TeamHelp help;
            if (!count(place, placePath, "events", help.events) ||
                !count(place, placePath, "people", help.people) ||
                !keyedCounts(place, placePath, "results", kMaxTeamResultsPerPlace, "results", help.results))
                return false;
            out[item.key()] = std::move(help);
        }
        return true;
    }

    std::string m_latestDay;
};

// The parser without std::expected, for compilers whose library lacks it (the clang fuzz build):
// holds either the upload or the error message.
inline std::variant<Upload, std::string> parseUploadVariant(std::string_view body,
                                                            std::string_view latestAllowedDay) {
    if (body.size() > kMaxUploadBytes) return std::string("body: larger than the upload limit");
    if (!nestingWithin(body, 16)) return std::string("body: nested too deeply");
    nlohmann::json root = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) return std::string("body: not valid JSON (or not UTF-8)");
    Reader reader(latestAllowedDay);
    if (auto upload = reader.read(root)) return std::move(*upload);
    return std::move(reader.error);
}

} // namespace detail

#if defined(__cpp_lib_expected)
// Strict validation; the error names the field, e.g. "days[0].day: 2027-01-01 is in the future".
// latestAllowedDay (YYYY-MM-DD): the last day that is not "in the future" (the hub uses its own
// local date plus one day of tolerance for clocks).
inline Result<Upload> parseUpload(std::string_view body, std::string_view latestAllowedDay) {
    auto result = detail::parseUploadVariant(body, latestAllowedDay);
    if (auto* upload = std::get_if<Upload>(&result)) return std::move(*upload);
    return fail(ErrorKind::invalidInput, std::move(std::get<std::string>(result)));
}
#endif

} // namespace kiosk::upload
