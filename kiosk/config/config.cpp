// Reads kiosk.toml. Each key is checked on its own, so a bad value costs only that value, never the kiosk.
#include "config/config.hpp"

#include "common/usage_upload.hpp"
#include "content/toml_report.hpp"

#include <fmt/format.h>
#include <sodium.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <expected>
#include <fstream>
#include <optional>
#include <span>
#include <system_error>

namespace kiosk {
namespace {

using content::describeValue;
using content::lineOf;
using content::printableText;
using content::quoteText;

constexpr std::array<std::string_view, 7> kWeekdays = {"monday", "tuesday",  "wednesday", "thursday",
                                                       "friday", "saturday", "sunday"};
constexpr int kMinutesPerDay = 24 * 60;

std::vector<TimeInterval> defaultOpeningHours() {
    return {{7 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 21 * 60}};
}

bool isContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Limits are in characters a person sees, not bytes: "Đ" is two bytes. toml++ has already checked the UTF-8.
std::size_t characterCount(std::string_view text) {
    return static_cast<std::size_t>(
        std::ranges::count_if(text, [](char c) { return !isContinuationByte(c); }));
}

// C0, DEL and C1 controls: none belongs on a screen or in a one-line log entry.
bool hasControlCharacters(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7F) {
            return true;
        }
        // U+0080..U+009F are encoded as C2 80..C2 9F.
        if (byte == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F) {
                return true;
            }
        }
    }
    return false;
}

// Like describeValue() but never shows the value itself: for secrets such as the hub token.
std::string describeKind(const toml::node& node) {
    if (const auto* text = node.as_string()) {
        return fmt::format("a string of {} characters{}", characterCount(text->get()),
                           hasControlCharacters(text->get()) ? " with control characters" : "");
    }
    if (node.is_integer()) {
        return "an integer";
    }
    if (node.is_floating_point()) {
        return "a float";
    }
    if (node.is_boolean()) {
        return "a boolean";
    }
    return describeValue(node);
}

std::string_view trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::ranges::transform(
        out, out.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

bool isDigits(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

// "H:MM" or "HH:MM" from 00:00 to 24:00, in minutes after midnight.
std::optional<int> parseTime(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const auto hours = text.substr(0, colon);
    const auto minutes = text.substr(colon + 1);
    if (!isDigits(hours) || hours.size() > 2 || !isDigits(minutes) || minutes.size() != 2) {
        return std::nullopt;
    }
    const int h = hours.size() == 1 ? hours[0] - '0' : (hours[0] - '0') * 10 + (hours[1] - '0');
    const int m = (minutes[0] - '0') * 10 + (minutes[1] - '0');
    if (m > 59 || h * 60 + m > kMinutesPerDay) {
        return std::nullopt;
    }
    return h * 60 + m;
}

// "07:30-11:30, 13:30-17:00" → intervals; "" (or only spaces) → closed. The error says what is wrong,
// briefly.
Result<std::vector<TimeInterval>> parseIntervals(std::string_view text) {
    std::vector<TimeInterval> intervals;
    if (trimmed(text).empty()) {
        return intervals;
    }
    std::size_t position = 0;
    while (position <= text.size()) {
        const auto comma = std::min(text.find(',', position), text.size());
        const auto part = trimmed(text.substr(position, comma - position));
        position = comma + 1;
        if (part.empty()) {
            return fail(ErrorKind::invalidInput, "an interval is missing between commas");
        }
        const auto dash = part.find('-');
        std::optional<int> start;
        std::optional<int> end;
        if (dash != std::string_view::npos) {
            start = parseTime(trimmed(part.substr(0, dash)));
            end = parseTime(trimmed(part.substr(dash + 1)));
        }
        if (!start || !end) {
            return fail(
                ErrorKind::invalidInput,
                fmt::format("{} is not two times from 00:00 to 24:00 like \"07:30-11:30\"", quoteText(part)));
        }
        if (*start >= *end) {
            return fail(ErrorKind::invalidInput,
                        fmt::format("{} does not end after it starts", quoteText(part)));
        }
        if (!intervals.empty() && *start < intervals.back().endMinute) {
            return fail(ErrorKind::invalidInput,
                        fmt::format("{} overlaps or comes before the interval before it", quoteText(part)));
        }
        intervals.push_back({*start, *end});
    }
    return intervals;
}

// The host of "scheme://[user@]host[:port][/path]" (already lowercased, scheme removed); empty when
// malformed.
std::string_view urlHost(std::string_view rest) {
    auto authority = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        authority.remove_prefix(at + 1);
    }
    std::string_view host;
    std::string_view port;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return {};
        }
        host = authority.substr(0, close + 1);
        port = authority.substr(close + 1);
    } else {
        const auto colon = authority.find(':');
        host = authority.substr(0, colon);
        port = colon == std::string_view::npos ? std::string_view() : authority.substr(colon);
    }
    if (!port.empty() && (port[0] != ':' || !isDigits(port.substr(1)) || port.size() > 6)) {
        return {};
    }
    return host;
}

// Plain http would send the token in the clear, so it is only allowed to this machine.
bool isHubUrl(std::string_view url) {
    if (url.empty()) {
        return true;
    }
    if (hasControlCharacters(url) || url.find_first_of(" \\") != std::string_view::npos) {
        return false;
    }
    const std::string lower = lowercase(url);
    const std::string_view view = lower;
    if (view.starts_with("https://")) {
        return !urlHost(view.substr(8)).empty();
    }
    if (view.starts_with("http://")) {
        const auto host = urlHost(view.substr(7));
        return host == "127.0.0.1" || host == "localhost" || host == "[::1]";
    }
    return false;
}

// One key as found in the file: its dotted name for messages and its line.
struct Field {
    std::string name;
    const toml::node& node;
    int line = 0;
};

class ConfigReader {
  public:
    ConfigReader(ConfigLoad& load, std::string_view fileName) : m_load(load), m_fileName(fileName) {}

    void read(const toml::table& root) {
        for (auto&& [key, node] : root) {
            const Field field{std::string(key.str()), node, lineOf(key, node)};
            if (isSection(field.name)) {
                const auto* table = node.as_table();
                if (table == nullptr) {
                    report(field, fmt::format("must be a table ([{}])", field.name), describeValue(node));
                } else if (field.name == "opening_hours") {
                    readOpeningHours(*table);
                } else {
                    readSection(field.name, *table);
                }
            } else if (!readKey("", field)) {
                unknownKey(field);
            }
        }
    }

  private:
    using Reader = void (ConfigReader::*)(const Field&);
    struct KeyReader {
        std::string_view section; // "" for the top level
        std::string_view key;
        Reader read;
    };
    static std::span<const KeyReader> readers();

    static bool isSection(std::string_view name) {
        return name == "opening_hours" || std::ranges::any_of(readers(), [&](const KeyReader& r) {
                   return !r.section.empty() && r.section == name;
               });
    }

    bool readKey(std::string_view section, const Field& field) {
        const std::string_view key =
            std::string_view(field.name).substr(section.empty() ? 0 : section.size() + 1);
        const auto all = readers();
        const auto reader = std::ranges::find_if(
            all, [&](const KeyReader& r) { return r.section == section && r.key == key; });
        if (reader == all.end()) {
            return false;
        }
        (this->*(reader->read))(field);
        return true;
    }

    void readSection(std::string_view section, const toml::table& table) {
        for (auto&& [key, node] : table) {
            const Field field{fmt::format("{}.{}", section, key.str()), node, lineOf(key, node)};
            if (!readKey(section, field)) {
                unknownKey(field);
            }
        }
    }

    void readOpeningHours(const toml::table& table) {
        // "everyday" goes first so a specific day overrides it wherever that day is in the file.
        if (const auto everyday = table.find("everyday"); everyday != table.end()) {
            const Field field{"opening_hours.everyday", everyday->second,
                              lineOf(everyday->first, everyday->second)};
            if (auto hours = readHours(field)) {
                std::ranges::fill(m_load.config.openingHours, *hours);
            }
        }
        for (auto&& [key, node] : table) {
            if (key.str() == "everyday") {
                continue;
            }
            const Field field{fmt::format("opening_hours.{}", key.str()), node, lineOf(key, node)};
            const auto day = std::ranges::find(kWeekdays, key.str());
            if (day == kWeekdays.end()) {
                unknownKey(field);
            } else if (auto hours = readHours(field)) {
                m_load.config.openingHours[day - kWeekdays.begin()] = std::move(*hours);
            }
        }
    }

    std::optional<std::vector<TimeInterval>> readHours(const Field& field) {
        constexpr std::string_view kAllowed =
            "must be \"\" (closed) or sorted, non-overlapping intervals like \"07:30-11:30, 13:30-17:00\"";
        const auto* text = field.node.as_string();
        if (text == nullptr) {
            report(field, kAllowed, describeValue(field.node));
            return std::nullopt;
        }
        auto intervals = parseIntervals(text->get());
        if (!intervals) {
            report(field, kAllowed,
                   fmt::format("{} ({})", describeValue(field.node), intervals.error().message));
            return std::nullopt;
        }
        return std::move(*intervals);
    }

    void readKioskId(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr && upload::isKioskId(text->get())) {
            m_load.config.kioskId = text->get();
        } else {
            report(field, "must be 1 to 64 characters from a-z, 0-9 and \"-\"", describeValue(field.node));
        }
    }

    // A string shown or sent as is: at most maxCharacters, no control characters.
    void readText(const Field& field, std::string& target, std::size_t maxCharacters, bool required) {
        const auto* text = field.node.as_string();
        if (text != nullptr && characterCount(text->get()) <= maxCharacters &&
            !hasControlCharacters(text->get()) && (!required || !trimmed(text->get()).empty())) {
            target = text->get();
        } else {
            report(field,
                   fmt::format("must be a {}string of at most {} characters without control characters",
                               required ? "non-empty " : "", maxCharacters),
                   describeValue(field.node));
        }
    }

    void readVillage(const Field& field) { readText(field, m_load.config.village, 80, true); }
    void readCommune(const Field& field) { readText(field, m_load.config.commune, 80, false); }

    // Digits, spaces and + . - ( ): how people write a phone number; 3 to 15 digits (ITU E.164's most).
    void readTeamPhone(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr) {
            const std::string& value = text->get();
            const auto digits = std::ranges::count_if(value, [](char c) { return c >= '0' && c <= '9'; });
            const bool allowed = std::ranges::all_of(value, [](char c) {
                return (c >= '0' && c <= '9') || std::string_view(" +.-()").find(c) != std::string_view::npos;
            });
            if (value.empty() || (allowed && digits >= 3 && digits <= 15 && value.size() <= 24)) {
                m_load.config.teamPhone = value;
                return;
            }
        }
        report(
            field,
            "must be \"\" (none) or a phone number of 3 to 15 digits (spaces and + . - ( ) allowed), at most "
            "24 characters",
            describeValue(field.node));
    }

    void readHubUrl(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr && isHubUrl(text->get())) {
            m_load.config.hubUrl = text->get();
        } else {
            report(field,
                   "must be \"\" (no upload) or a URL starting with https:// (http:// only for 127.0.0.1, "
                   "localhost or [::1])",
                   describeValue(field.node));
        }
    }

    void readHubToken(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr && characterCount(text->get()) <= 200 && !hasControlCharacters(text->get())) {
            m_load.config.hubToken = text->get();
        } else {
            // The token is a secret: the message says what kind of value was found, never the value.
            report(field, "must be a string of at most 200 characters without control characters",
                   describeKind(field.node));
        }
    }

    void readUploadInterval(const Field& field) {
        readInteger(field, m_load.config.uploadIntervalMinutes, 1, 1440);
    }
    void readRawEventDays(const Field& field) { readInteger(field, m_load.config.rawEventDays, 7, 400); }
    void readHubCaFile(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr && !hasControlCharacters(text->get())) {
            m_load.config.hubCaFile = text->get();
        } else {
            report(field,
                   "must be a path string (\"\" for the system's certificates) without control characters",
                   describeValue(field.node));
        }
    }
    void readBookingCapacity(const Field& field) { readInteger(field, m_load.config.bookingCapacity, 1, 20); }
    void readSlotMinutes(const Field& field) {
        readInteger(field, m_load.config.bookingSlotMinutes, 10, 120);
    }
    void readMaxPerPhone(const Field& field) {
        readInteger(field, m_load.config.maxActiveBookingsPerPhone, 1, 10);
    }
    void readRetentionDays(const Field& field) {
        readInteger(field, m_load.config.bookingRetentionDays, 1, 365);
    }
    void readWebhookUrl(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr && isHubUrl(text->get())) {
            m_load.config.bookingWebhookUrl = text->get();
        } else {
            report(field,
                   "must be \"\" (none) or a URL starting with https:// (http:// only for 127.0.0.1, "
                   "localhost or [::1])",
                   describeValue(field.node));
        }
    }

    void readDiagonal(const Field& field) {
        std::optional<double> inches;
        if (const auto* number = field.node.as_floating_point()) {
            inches = number->get();
        } else if (const auto* integer = field.node.as_integer()) {
            inches = static_cast<double>(integer->get());
        }
        // Written so NaN fails too.
        if (inches && *inches >= 3.0 && *inches <= 100.0) {
            m_load.config.screenDiagonalInches = *inches;
        } else {
            report(field, "must be a number from 3 to 100", describeValue(field.node));
        }
    }

    void readRenderer(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr && (text->get() == "software" || text->get() == "accelerated")) {
            m_load.config.renderer = text->get();
        } else {
            report(field, "must be \"software\" or \"accelerated\"", describeValue(field.node));
        }
    }

    void readSleepWhenClosed(const Field& field) {
        if (const auto* flag = field.node.as_boolean()) {
            m_load.config.sleepWhenClosed = flag->get();
        } else {
            report(field, "must be true or false", describeValue(field.node));
        }
    }
    void readWakeSeconds(const Field& field) { readInteger(field, m_load.config.wakeSeconds, 10, 3600); }

    void readInteger(const Field& field, int& target, int min, int max) {
        const auto* integer = field.node.as_integer();
        if (integer != nullptr && integer->get() >= min && integer->get() <= max) {
            target = static_cast<int>(integer->get());
        } else {
            report(field, fmt::format("must be an integer from {} to {}", min, max),
                   describeValue(field.node));
        }
    }

    void readIdleSeconds(const Field& field) { readInteger(field, m_load.config.idleSeconds, 10, 3600); }
    void readCountdownSeconds(const Field& field) {
        readInteger(field, m_load.config.countdownSeconds, 5, 120);
    }

    void readDataDir(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr && !hasControlCharacters(text->get())) {
            m_load.config.dataDir =
                text->get().empty() ? defaultDataDir() : std::filesystem::path(text->get());
        } else {
            report(field, "must be a path string (\"\" for the default) without control characters",
                   describeValue(field.node));
        }
    }

    void readContentRoot(const Field& field) {
        const auto* text = field.node.as_string();
        if (text != nullptr && !hasControlCharacters(text->get())) {
            m_load.config.contentRoot = text->get();
        } else {
            report(field, "must be a path string (\"\" for the default) without control characters",
                   describeValue(field.node));
        }
    }

    void readPackPublicKey(const Field& field) {
        const auto* text = field.node.as_string();
        std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> key{};
        std::size_t length = 0;
        if (text != nullptr &&
            (text->get().empty() ||
             (sodium_base642bin(key.data(), key.size(), text->get().data(), text->get().size(), nullptr,
                                &length, nullptr, sodium_base64_VARIANT_ORIGINAL) == 0 &&
              length == key.size()))) {
            m_load.config.packPublicKey = text->get();
        } else {
            report(field,
                   "must be \"\" (no updates) or the base64 public key from commune-hub content keygen",
                   describeValue(field.node));
        }
    }
    void readUpdateSpeed(const Field& field) {
        readInteger(field, m_load.config.updateKilobytesPerSecond, 1, 100000);
    }
    void readUpdateCheck(const Field& field) {
        readInteger(field, m_load.config.updateCheckSeconds, 10, 86400);
    }

    void unknownKey(const Field& field) {
        m_load.issues.push_back(
            {m_fileName, field.line, fmt::format("unknown key '{}'", printableText(field.name))});
    }

    void report(const Field& field, std::string_view allowed, std::string_view found) {
        m_load.issues.push_back(
            {m_fileName, field.line, fmt::format("{}: {}, got {}", field.name, allowed, found)});
    }

    ConfigLoad& m_load;
    std::string m_fileName;
};

std::span<const ConfigReader::KeyReader> ConfigReader::readers() {
    static const KeyReader table[] = {
        {"", "kiosk_id", &ConfigReader::readKioskId},
        {"place", "village", &ConfigReader::readVillage},
        {"place", "commune", &ConfigReader::readCommune},
        {"place", "team_phone", &ConfigReader::readTeamPhone},
        {"hub", "url", &ConfigReader::readHubUrl},
        {"hub", "token", &ConfigReader::readHubToken},
        {"hub", "upload_interval_minutes", &ConfigReader::readUploadInterval},
        {"hub", "ca_file", &ConfigReader::readHubCaFile},
        {"hub", "raw_event_days", &ConfigReader::readRawEventDays},
        {"bookings", "capacity", &ConfigReader::readBookingCapacity},
        {"bookings", "slot_minutes", &ConfigReader::readSlotMinutes},
        {"bookings", "max_active_per_phone", &ConfigReader::readMaxPerPhone},
        {"bookings", "retention_days", &ConfigReader::readRetentionDays},
        {"bookings", "webhook_url", &ConfigReader::readWebhookUrl},
        {"screen", "diagonal_inches", &ConfigReader::readDiagonal},
        {"screen", "renderer", &ConfigReader::readRenderer},
        {"screen", "sleep_when_closed", &ConfigReader::readSleepWhenClosed},
        {"screen", "wake_seconds", &ConfigReader::readWakeSeconds},
        {"session", "idle_seconds", &ConfigReader::readIdleSeconds},
        {"session", "countdown_seconds", &ConfigReader::readCountdownSeconds},
        {"storage", "data_dir", &ConfigReader::readDataDir},
        {"content", "root", &ConfigReader::readContentRoot},
        {"content", "pack_public_key", &ConfigReader::readPackPublicKey},
        {"content", "update_kilobytes_per_second", &ConfigReader::readUpdateSpeed},
        {"content", "update_check_seconds", &ConfigReader::readUpdateCheck},
    };
    return table;
}

ConfigLoad failedLoad(std::string_view fileName, int line, std::string message) {
    ConfigLoad load;
    load.issues.push_back({std::string(fileName), line, std::move(message)});
    return load;
}

} // namespace

Config::Config() : dataDir(defaultDataDir()) {
    std::ranges::fill(openingHours, defaultOpeningHours());
}

std::string ConfigIssue::text() const {
    return content::fileLineMessage(file, line, message);
}

ConfigLoad parseConfig(std::string_view text, std::string_view fileName) {
    try {
        const toml::table root = toml::parse(text, fileName);
        ConfigLoad load;
        ConfigReader(load, fileName).read(root);
        // toml++ keeps keys sorted by name; people read a file top to bottom.
        std::ranges::stable_sort(load.issues, {}, &ConfigIssue::line);
        return load;
    } catch (const toml::parse_error& error) {
        return failedLoad(
            fileName, content::lineOf(error),
            fmt::format("{} (not valid TOML, so every key keeps its default)", error.description()));
    } catch (const std::exception& error) {
        // The kiosk must start whatever the file holds; this is only reached when memory runs out.
        return failedLoad(fileName, 0, fmt::format("could not be read: {}", error.what()));
    }
}

ConfigLoad loadConfig(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::error_code error;
    const auto status = std::filesystem::status(file, error);
    if (status.type() == std::filesystem::file_type::not_found) {
        return {}; // Not an issue: every key has a default.
    }
    auto unreadable = [&](std::string message) {
        ConfigLoad load = failedLoad(name, 0, std::move(message));
        load.fileFound = true;
        return load;
    };
    if (error) {
        return unreadable(fmt::format("cannot be read: {}", error.message()));
    }
    if (std::filesystem::is_directory(status)) {
        return unreadable("is a directory, not a config file");
    }
    // A FIFO or device could block or never end.
    if (!std::filesystem::is_regular_file(status)) {
        return unreadable("is not a regular file");
    }
    errno = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        const int openError = errno;
        return unreadable(fmt::format(
            "cannot be read: {}",
            openError != 0 ? std::error_code(openError, std::generic_category()).message() : "cannot open"));
    }
    std::string text;
    std::array<char, 16 * 1024> buffer{};
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
        text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) {
        return unreadable("cannot be read: read error");
    }
    ConfigLoad load = parseConfig(text, name);
    load.fileFound = true;
    // The token lets whoever has it send figures as this kiosk: a file every user can read gives it away.
    if (!load.config.hubToken.empty() &&
        (status.permissions() & std::filesystem::perms::others_read) != std::filesystem::perms::none) {
        load.issues.push_back(
            {name, 0,
             "hub.token: every user of this machine can read this file; make it readable by "
             "the kiosk's user only (chmod 600)"});
    }
    return load;
}

std::filesystem::path defaultDataDir() {
    // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if (const char* xdg = std::getenv("XDG_DATA_HOME");
        xdg != nullptr && std::filesystem::path(xdg).is_absolute()) {
        return std::filesystem::path(xdg) / "village-kiosk";
    }
    if (const char* home = std::getenv("HOME");
        home != nullptr && std::filesystem::path(home).is_absolute()) {
        return std::filesystem::path(home) / ".local" / "share" / "village-kiosk";
    }
    // A system service may run with no HOME at all.
    return "/var/lib/village-kiosk";
}

std::string formatIntervals(const std::vector<TimeInterval>& intervals) {
    if (intervals.empty()) {
        return "đóng cửa";
    }
    std::string out;
    for (const auto& interval : intervals) {
        if (!out.empty()) {
            out += ", ";
        }
        out += fmt::format("{:02}:{:02}-{:02}:{:02}", interval.startMinute / 60, interval.startMinute % 60,
                           interval.endMinute / 60, interval.endMinute % 60);
    }
    return out;
}

} // namespace kiosk
