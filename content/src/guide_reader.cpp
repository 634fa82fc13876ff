#include "guide_reader.hpp"

#include "content/toml_report.hpp"
#include "content/topics.hpp"
#include "text_checks.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>

namespace content::detail {
namespace {

constexpr std::array<std::string_view, 16> kGuideKeys{
    "id",      "topic", "title",         "summary",     "minutes",
    "new",     "order", "written_on",    "verified_on", "verified_with",
    "sources", "learn", "prerequisites", "finish_link", "finish_link_label",
    "steps"};
constexpr std::array<std::string_view, 11> kStepKeys{"title",     "text",        "image",        "hotspot",
                                                     "prompt",    "tip",         "warning",      "link",
                                                     "narration", "verified_on", "verified_with"};
constexpr std::array<std::string_view, 4> kHotspotKeys{"x", "y", "width", "height"};

// The limits of the format specification, in Unicode code points.
constexpr std::size_t kTitleMax = 60;
constexpr std::size_t kSummaryMax = 120;
constexpr std::size_t kStepTitleMax = 50;
constexpr std::size_t kStepTextMax = 220;
constexpr std::size_t kPromptMax = 80;
constexpr std::size_t kTipMax = 140;
constexpr std::size_t kVerifiedWithMax = 120;
constexpr std::size_t kNoLimit = 0;
constexpr int kMaxSentences = 3;
constexpr int kMinSteps = 2;
constexpr int kMaxSteps = 15;
constexpr std::size_t kMaxListLines = 5;
// Hotspot numbers are pixels of a 540x1110 picture; the bound only keeps the sums far from overflow.
constexpr std::int64_t kMaxPixels = 100000;

enum class Need { Required, Optional };

// A key found in a table, with the line to report it on.
struct Entry {
    const toml::node* node = nullptr;
    int line = 0;
};

Entry lookup(const toml::table& table, std::string_view key) {
    const auto it = table.find(key);
    if (it == table.end()) {
        return {};
    }
    return {&it->second, lineOf(it->first, it->second, 1)};
}

bool isIdCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool isId(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, isIdCharacter);
}

// "vneid/login.png": relative, '/'-separated, no "." or ".." parts, so it cannot leave its folder.
bool isPathUnder(std::string_view path, std::string_view extension) {
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
        !path.ends_with(extension) || path.size() == extension.size()) {
        return false;
    }
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = std::min(path.find('/', start), path.size());
        const auto part = path.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..") {
            return false;
        }
        start = slash + 1;
    }
    return true;
}

bool isHttpsLink(std::string_view link) {
    constexpr std::string_view kScheme = "https://";
    if (!link.starts_with(kScheme) || link.find(' ') != std::string_view::npos) {
        return false;
    }
    const auto rest = link.substr(kScheme.size());
    return !rest.substr(0, rest.find_first_of("/?#")).empty();
}

std::string topicList() {
    std::string list;
    const auto all = topics();
    for (std::size_t i = 0; i < all.size(); ++i) {
        list += i == 0 ? "" : (i + 1 == all.size() ? " or " : ", ");
        list += all[i].id;
    }
    return list;
}

std::string suggestion(std::string_view key, std::span<const std::string_view> allowed) {
    std::string_view best;
    std::size_t bestDistance = 3; // suggest only close misspellings
    for (const auto candidate : allowed) {
        const auto distance = editDistance(key, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best.empty() ? std::string() : fmt::format(" (did you mean \"{}\"?)", best);
}

class GuideReader {
  public:
    GuideReader(GuideDraft& draft, std::string fileName) : m_draft(draft), m_fileName(std::move(fileName)) {}

    void read(const toml::table& root) {
        Guide& guide = m_draft.guide;
        checkKeys(root, kGuideKeys, "");
        readId(root);
        readTopic(root);
        guide.title = readText(root, "title", "title", Need::Required, kTitleMax, 1).value_or("");
        guide.summary = readText(root, "summary", "summary", Need::Required, kSummaryMax, 1).value_or("");
        guide.minutes =
            static_cast<int>(readInteger(root, "minutes", "minutes", Need::Required, 1, 60).value_or(0));
        readNew(root);
        guide.order =
            static_cast<int>(readInteger(root, "order", "order", Need::Optional,
                                         std::numeric_limits<int>::min(), std::numeric_limits<int>::max())
                                 .value_or(100));
        readDates(root);
        guide.sources =
            readTextList(root, "sources", Need::Required, 1, 0).value_or(std::vector<std::string>{});
        guide.learn = readTextList(root, "learn", Need::Required, 1, kMaxListLines)
                          .value_or(std::vector<std::string>{});
        guide.prerequisites = readTextList(root, "prerequisites", Need::Optional, 0, kMaxListLines)
                                  .value_or(std::vector<std::string>{});
        readFinishLink(root);
        readSteps(root);
    }

  private:
    GuideDraft& m_draft;
    std::string m_fileName;

    void report(int line, std::string_view field, std::string_view message, bool warning = false) {
        m_draft.issues.push_back({m_fileName, line, fmt::format("{}: {}", field, message), warning});
    }

    void checkKeys(const toml::table& table, std::span<const std::string_view> allowed,
                   std::string_view prefix) {
        for (auto&& [key, node] : table) {
            if (std::ranges::find(allowed, key.str()) != allowed.end()) {
                continue;
            }
            if (prefix.empty() && key.str() == "checked_on") {
                // The old name said "checked" although no guide had been compared with the real app.
                report(lineOf(key, node, 1), "checked_on",
                       "renamed: write written_on (the day the guide was written), and verified_on with "
                       "verified_with only after comparing it with the real app");
                continue;
            }
            report(lineOf(key, node, 1), fmt::format("{}{}", prefix, key.str()),
                   fmt::format("unknown key{}", suggestion(key.str(), allowed)));
        }
    }

    bool missing(const Entry& entry, std::string_view field, Need need, int missingLine) {
        if (entry.node == nullptr && need == Need::Required) {
            report(missingLine, field, "missing (required)");
        }
        return entry.node == nullptr;
    }

    // Every piece of text a resident may see: one line, NFC, within its length.
    bool checkText(int line, std::string_view field, std::string_view value, std::size_t maxCharacters) {
        if (value.find_first_not_of(" \t") == std::string_view::npos) {
            report(line, field, "is empty");
            return false;
        }
        if (const auto control = firstControlCharacter(value)) {
            if (*control == '\n' || *control == '\r') {
                report(
                    line, field,
                    "contains a line break; keep it on one line (in a \"\"\" string, end each line with \\)");
            } else {
                report(line, field,
                       fmt::format("contains the control character U+{:04X}; remove it",
                                   static_cast<unsigned>(*control)));
            }
            return false;
        }
        if (!isNfc(value)) {
            report(line, field, "not in NFC form (decomposed accents); save the file as NFC");
            return false;
        }
        if (const auto characters = codePointCount(value);
            maxCharacters != kNoLimit && characters > maxCharacters) {
            report(line, field,
                   fmt::format("too long: {} characters, at most {}", characters, maxCharacters));
            return false;
        }
        return true;
    }

    std::optional<std::string> readText(const toml::table& table, std::string_view key,
                                        std::string_view field, Need need, std::size_t maxCharacters,
                                        int missingLine) {
        const auto entry = lookup(table, key);
        if (missing(entry, field, need, missingLine)) {
            return std::nullopt;
        }
        const auto* text = entry.node->as_string();
        if (text == nullptr) {
            report(entry.line, field,
                   fmt::format("must be text in quotes, got {}", describeValue(*entry.node)));
            return std::nullopt;
        }
        if (!checkText(entry.line, field, text->get(), maxCharacters)) {
            return std::nullopt;
        }
        return text->get();
    }

    // A list of one-line texts; maxItems 0 means no limit.
    std::optional<std::vector<std::string>> readTextList(const toml::table& table, std::string_view key,
                                                         Need need, std::size_t minItems,
                                                         std::size_t maxItems) {
        const auto entry = lookup(table, key);
        if (missing(entry, key, need, 1)) {
            return std::nullopt;
        }
        const auto* array = entry.node->as_array();
        if (array == nullptr) {
            report(entry.line, key,
                   fmt::format("must be a list of texts like [\"...\", \"...\"], got {}",
                               describeValue(*entry.node)));
            return std::nullopt;
        }
        const auto lines = [](std::size_t n) { return fmt::format("{} line{}", n, n == 1 ? "" : "s"); };
        if (array->size() < minItems) {
            report(entry.line, key, fmt::format("{}, at least {}", lines(array->size()), lines(minItems)));
            return std::nullopt;
        }
        if (maxItems != 0 && array->size() > maxItems) {
            report(entry.line, key, fmt::format("{}, at most {}", lines(array->size()), maxItems));
            return std::nullopt;
        }
        std::vector<std::string> items;
        bool good = true;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto& item = *array->get(i);
            const int line = lineOf(item, entry.line);
            const auto field = fmt::format("{}[{}]", key, i + 1);
            const auto* text = item.as_string();
            if (text == nullptr) {
                report(line, field, fmt::format("must be text in quotes, got {}", describeValue(item)));
                good = false;
            } else if (checkText(line, field, text->get(), kNoLimit)) {
                items.push_back(text->get());
            } else {
                good = false;
            }
        }
        return good ? std::optional(std::move(items)) : std::nullopt;
    }

    std::optional<std::int64_t> readInteger(const toml::table& table, std::string_view key,
                                            std::string_view field, Need need, std::int64_t min,
                                            std::int64_t max, int missingLine = 1) {
        const auto entry = lookup(table, key);
        if (missing(entry, field, need, missingLine)) {
            return std::nullopt;
        }
        const auto* integer = entry.node->as_integer();
        if (integer == nullptr) {
            report(entry.line, field,
                   fmt::format("must be a whole number, got {}", describeValue(*entry.node)));
            return std::nullopt;
        }
        const std::int64_t value = integer->get();
        if (value < min || value > max) {
            report(entry.line, field, fmt::format("must be from {} to {}, got {}", min, max, value));
            return std::nullopt;
        }
        return value;
    }

    void readId(const toml::table& root) {
        const auto entry = lookup(root, "id");
        m_draft.idLine = entry.line;
        if (missing(entry, "id", Need::Required, 1)) {
            return;
        }
        const auto* text = entry.node->as_string();
        if (text == nullptr || !isId(text->get())) {
            report(entry.line, "id",
                   fmt::format("must use only a-z, 0-9 and - (like \"vneid-kich-hoat-muc-2\"), got {}",
                               describeValue(*entry.node)));
            return;
        }
        const std::string& id = text->get();
        const std::filesystem::path file(m_fileName);
        if (id != file.stem().string()) {
            report(entry.line, "id",
                   fmt::format("{} differs from the file name {}: they must be the same", quoteText(id),
                               quoteText(file.filename().string())));
        }
        m_draft.guide.id = id;
    }

    void readTopic(const toml::table& root) {
        const auto entry = lookup(root, "topic");
        if (missing(entry, "topic", Need::Required, 1)) {
            return;
        }
        const auto* text = entry.node->as_string();
        if (text == nullptr || findTopic(text->get()) == nullptr) {
            report(entry.line, "topic",
                   fmt::format("must be one of {}, got {}", topicList(), describeValue(*entry.node)));
            return;
        }
        m_draft.guide.topic = text->get();
    }

    void readNew(const toml::table& root) {
        const auto entry = lookup(root, "new");
        if (entry.node == nullptr) {
            return;
        }
        if (const auto* flag = entry.node->as_boolean()) {
            m_draft.guide.isNew = flag->get();
        } else {
            report(entry.line, "new",
                   fmt::format("must be true or false, got {}", describeValue(*entry.node)));
        }
    }

    std::optional<Date> readDate(const toml::table& table, std::string_view key, std::string_view field,
                                 Need need, int missingLine) {
        const auto entry = lookup(table, key);
        if (missing(entry, field, need, missingLine)) {
            return std::nullopt;
        }
        const auto* date = entry.node->as_date();
        if (date == nullptr) {
            report(entry.line, field,
                   fmt::format("must be a date like 2026-11-20 (without quotes), got {}",
                               describeValue(*entry.node)));
            return std::nullopt;
        }
        const auto& value = date->get();
        return Date{value.year, value.month, value.day};
    }

    // verified_on and verified_with come together: a date alone does not say what was compared.
    std::optional<Verification> readVerification(const toml::table& table, std::string_view prefix,
                                                 int missingLine) {
        const auto on = lookup(table, "verified_on");
        const auto with = lookup(table, "verified_with");
        if (on.node == nullptr && with.node == nullptr) {
            return std::nullopt;
        }
        const auto name = [&](std::string_view key) { return fmt::format("{}{}", prefix, key); };
        if (on.node == nullptr) {
            report(with.line, name("verified_on"), "missing (required with verified_with)");
            return std::nullopt;
        }
        if (with.node == nullptr) {
            report(on.line, name("verified_with"),
                   "missing (required with verified_on): the app and its version, and the phone, "
                   "like \"VNeID 2.1.5, Samsung Galaxy A14\"");
            return std::nullopt;
        }
        const auto date = readDate(table, "verified_on", name("verified_on"), Need::Required, missingLine);
        auto device = readText(table, "verified_with", name("verified_with"), Need::Required,
                               kVerifiedWithMax, missingLine);
        if (!date || !device) {
            return std::nullopt;
        }
        return Verification{*date, std::move(*device)};
    }

    void readDates(const toml::table& root) {
        m_draft.writtenOnLine = lookup(root, "written_on").line;
        m_draft.verifiedOnLine = lookup(root, "verified_on").line;
        m_draft.guide.writtenOn =
            readDate(root, "written_on", "written_on", Need::Required, 1).value_or(Date{});
        m_draft.guide.verified = readVerification(root, "", 1);
    }

    std::optional<std::string> readLink(const toml::table& table, std::string_view key,
                                        std::string_view field) {
        auto link = readText(table, key, field, Need::Optional, kNoLimit, 1);
        if (link && !isHttpsLink(*link)) {
            report(lookup(table, key).line, field,
                   fmt::format("must be an https:// address without spaces, got {}", quoteText(*link)));
            return std::nullopt;
        }
        return link;
    }

    void readFinishLink(const toml::table& root) {
        const auto link = lookup(root, "finish_link");
        const auto label = lookup(root, "finish_link_label");
        m_draft.guide.finishLink = readLink(root, "finish_link", "finish_link").value_or("");
        m_draft.guide.finishLinkLabel =
            readText(root, "finish_link_label", "finish_link_label", Need::Optional, kNoLimit, 1)
                .value_or("");
        if (link.node != nullptr && label.node == nullptr) {
            report(link.line, "finish_link_label", "missing (required with finish_link)");
        }
        if (label.node != nullptr && link.node == nullptr) {
            report(label.line, "finish_link_label", "set without finish_link, so it is never shown", true);
        }
    }

    void readSteps(const toml::table& root) {
        const auto entry = lookup(root, "steps");
        if (missing(entry, "steps", Need::Required, 1)) {
            return;
        }
        const auto* array = entry.node->as_array();
        if (array == nullptr) {
            report(entry.line, "steps",
                   fmt::format("must be [[steps]] sections, got {}", describeValue(*entry.node)));
            return;
        }
        for (std::size_t i = 0; i < array->size(); ++i) {
            const auto& node = *array->get(i);
            const int line = lineOf(node, entry.line);
            const auto field = fmt::format("steps[{}]", i + 1);
            StepLines lines;
            Step step;
            step.line = line;
            if (const auto* table = node.as_table()) {
                readStep(*table, field, step, lines);
            } else {
                report(line, field, fmt::format("must be a [[steps]] section, got {}", describeValue(node)));
            }
            m_draft.guide.steps.push_back(std::move(step));
            m_draft.stepLines.push_back(lines);
        }
        const auto count = static_cast<int>(array->size());
        if (count < kMinSteps) {
            report(entry.line, "steps",
                   fmt::format("{} step{}, at least {}", count, count == 1 ? "" : "s", kMinSteps));
        } else if (count > kMaxSteps) {
            report(m_draft.guide.steps[kMaxSteps].line, "steps",
                   fmt::format("{} steps, at most {}", count, kMaxSteps));
        }
    }

    void readStep(const toml::table& table, const std::string& field, Step& step, StepLines& lines) {
        const auto name = [&](std::string_view key) { return fmt::format("{}.{}", field, key); };
        checkKeys(table, kStepKeys, field + ".");
        step.title =
            readText(table, "title", name("title"), Need::Required, kStepTitleMax, step.line).value_or("");
        if (auto text = readText(table, "text", name("text"), Need::Required, kStepTextMax, step.line)) {
            if (const int sentences = sentenceCount(*text); sentences > kMaxSentences) {
                report(lookup(table, "text").line, name("text"),
                       fmt::format("{} sentences, at most {}: split it into two steps", sentences,
                                   kMaxSentences));
            } else {
                step.text = std::move(*text);
            }
        }
        lines.image = lookup(table, "image").line;
        if (auto image = readText(table, "image", name("image"), Need::Required, kNoLimit, step.line)) {
            if (isPathUnder(*image, ".png")) {
                step.image = std::move(*image);
            } else {
                report(
                    lines.image, name("image"),
                    fmt::format("must be a .png path under images/ like \"vneid/kich-hoat-01.png\", got {}",
                                quoteText(*image)));
            }
        }
        step.tip = readText(table, "tip", name("tip"), Need::Optional, kTipMax, step.line).value_or("");
        step.warning =
            readText(table, "warning", name("warning"), Need::Optional, kTipMax, step.line).value_or("");
        step.link = readLink(table, "link", name("link")).value_or("");
        lines.narration = lookup(table, "narration").line;
        if (auto narration =
                readText(table, "narration", name("narration"), Need::Optional, kNoLimit, step.line)) {
            // The player reads Ogg Vorbis (small, what the narration script makes) and WAV.
            if (isPathUnder(*narration, ".ogg") || isPathUnder(*narration, ".wav")) {
                step.narration = std::move(*narration);
            } else {
                report(lines.narration, name("narration"),
                       fmt::format(
                           "must be an .ogg or .wav path under content/narration/ like \"{}/01.ogg\", got {}",
                           m_draft.guide.id.empty() ? "guide-id" : m_draft.guide.id, quoteText(*narration)));
            }
        }
        readPractice(table, field, step, lines);
        lines.verifiedOn = lookup(table, "verified_on").line;
        step.verified = readVerification(table, field + ".", step.line);
    }

    // The hotspot and its prompt come together: practice mode shows the prompt and waits for a tap there.
    void readPractice(const toml::table& table, const std::string& field, Step& step, StepLines& lines) {
        const auto hotspot = lookup(table, "hotspot");
        const auto prompt = lookup(table, "prompt");
        lines.hotspot = hotspot.line;
        step.prompt =
            readText(table, "prompt", field + ".prompt", Need::Optional, kPromptMax, step.line).value_or("");
        if (hotspot.node != nullptr) {
            step.hotspot = readHotspot(*hotspot.node, hotspot.line, field + ".hotspot");
            if (prompt.node == nullptr) {
                report(hotspot.line, field + ".hotspot",
                       "needs a prompt (what to tap, shown in practice mode)");
            }
        } else if (prompt.node != nullptr) {
            report(prompt.line, field + ".prompt",
                   "set without a hotspot; add hotspot = { x = ..., y = ..., width = ..., height = ... }");
        }
    }

    std::optional<Hotspot> readHotspot(const toml::node& node, int line, const std::string& field) {
        const auto* table = node.as_table();
        if (table == nullptr) {
            report(line, field,
                   fmt::format("must be {{ x = ..., y = ..., width = ..., height = ... }}, got {}",
                               describeValue(node)));
            return std::nullopt;
        }
        checkKeys(*table, kHotspotKeys, field + ".");
        const auto number = [&](std::string_view key, std::int64_t min) {
            return readInteger(*table, key, fmt::format("{}.{}", field, key), Need::Required, min, kMaxPixels,
                               line);
        };
        const auto x = number("x", 0);
        const auto y = number("y", 0);
        const auto width = number("width", 1);
        const auto height = number("height", 1);
        if (!x || !y || !width || !height) {
            return std::nullopt;
        }
        return Hotspot{static_cast<int>(*x), static_cast<int>(*y), static_cast<int>(*width),
                       static_cast<int>(*height)};
    }
};

// Line (1-based) of a byte offset.
int lineAt(std::string_view text, std::size_t offset) {
    return 1 + static_cast<int>(
                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

} // namespace

bool GuideDraft::hasErrors() const {
    return std::ranges::any_of(issues, [](const Issue& issue) { return !issue.warning; });
}

GuideDraft readGuide(std::string_view text, const std::string& fileName) {
    GuideDraft draft;
    draft.guide.file = fileName;
    const auto fail = [&](int line, std::string message) {
        draft.issues.push_back({fileName, line, std::move(message), false});
        return draft;
    };
    if (text.size() > kMaxGuideBytes) {
        return fail(0, fmt::format("too large ({} bytes); a guide file is at most {} KB", text.size(),
                                   kMaxGuideBytes / 1024));
    }
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        return fail(1, "saved as UTF-16; save the file as UTF-8");
    }
    if (const auto bad = invalidUtf8Offset(text); bad != std::string_view::npos) {
        return fail(lineAt(text, bad),
                    fmt::format("not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                                static_cast<unsigned>(static_cast<unsigned char>(text[bad]))));
    }
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(fileName));
    } catch (const toml::parse_error& error) {
        return fail(std::max(1, lineOf(error)), fmt::format("not valid TOML: {}", error.description()));
    }
    GuideReader(draft, fileName).read(root);
    std::ranges::stable_sort(draft.issues, {}, &Issue::line);
    return draft;
}

} // namespace content::detail
