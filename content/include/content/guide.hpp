// Walkthrough guides as read from content/guides/*.toml, and the problems found in them.
#pragma once

// The file format is documented for staff in content/README.md.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace content {

struct Date {
    int year = 0, month = 0, day = 0;
    friend auto operator<=>(const Date&, const Date&) = default;
};

// Someone went through a guide (or one step) on a real phone and found the screens as drawn.
struct Verification {
    Date on;
    std::string with; // app name and version, phone model: "VNeID 2.1.5, Samsung Galaxy A14"
};

// The smallest text a step picture may hold, in the picture's own pixels (font size, em). The kiosk's
// enlarged picture ("xem hình to") is scaled so this reads at 3 mm cap height; a test holds every
// picture source (images/src) to it.
inline constexpr int kSmallestPictureTextPx = 24;

// Where the resident would tap on the real phone, in the step picture's pixels.
struct Hotspot {
    int x = 0, y = 0, width = 0, height = 0;
};

struct Step {
    std::string title;
    std::string text;  // at most ~3 short sentences
    std::string image; // path under images/, e.g. "vneid/login.png"
    std::optional<Hotspot> hotspot;
    std::string prompt; // practice mode: what to tap ("Bác chạm vào nút Đăng nhập"); set with a hotspot
    std::string tip;    // optional
    std::string warning;                  // optional, e.g. never tell anyone the OTP
    std::string narration;                // path under the content root's content/narration/, or "" for none
    std::string link;                     // optional: shown as a QR code on this step
    std::optional<Verification> verified; // this step compared with the real app, when the guide was not
    int line = 0;                         // where the step starts in its file
    int imageWidth = 0, imageHeight = 0;  // read from the picture's header while validating
};

struct Guide {
    std::string id;    // unique, [a-z0-9-]
    std::string topic; // vneid, ihanoi, dichvucong, antoan
    std::string title;
    std::string summary;                    // one line
    std::vector<std::string> learn;         // "what you will learn" on the intro screen
    std::vector<std::string> prerequisites; // "what to bring": "Căn cước gắn chíp", ...
    int minutes = 0;
    bool isNew = false; // shows "mới"
    int order = 100;    // position within its topic; then by title
    Date writtenOn;     // when the guide was written (or its words last checked against its sources)
    std::optional<Verification> verified; // every step compared with the real app; unset until someone has
    std::vector<std::string> sources;
    std::string finishLink;      // the QR on the finish screen: the app's page or the portal
    std::string finishLinkLabel; // e.g. "Tải VNeID trên điện thoại của Bác"
    std::vector<Step> steps;
    std::string file; // the file it came from
};

struct Issue {
    std::string file;
    int line = 0;
    std::string message;
    bool warning = false;      // a warning keeps the guide (e.g. never compared with the real app)
    bool verification = false; // a warning that the guide was never (or too long ago) compared with the app
    [[nodiscard]] std::string text() const; // "file:line: message" ("warning: " before the message)
};

// Checks whether a step's text fits its screen; returns why not. Supplied by the UI, which knows the
// fonts and the layout (the content library knows neither).
using TextFitCheck = std::function<std::optional<std::string>(const Guide&, const Step&)>;

struct LoadOptions {
    std::filesystem::path root; // holds content/guides/, content/narration/ and images/
    Date today;                 // for the verification warnings; unset ({}): no date checks
    TextFitCheck fits;          // optional
};

struct Library {
    std::vector<Guide> guides; // the good ones, sorted by topic, order, title
    std::vector<Issue> issues; // errors (their guide is left out) and warnings
    [[nodiscard]] std::vector<const Guide*> guidesForTopic(std::string_view topic) const;
    [[nodiscard]] const Guide* find(std::string_view id) const;
    [[nodiscard]] bool hasErrors() const;
};

// The comparison with the real app that holds for a step: its own, else its guide's; null when none.
[[nodiscard]] const Verification* verificationOf(const Guide& guide, const Step& step);

// A verification older than this many months gets a warning: the apps change their screens that often.
inline constexpr int kVerificationMonths = 6;

// Reads and validates every guide under root/content/guides. Never throws for bad content.
[[nodiscard]] Library loadLibrary(const LoadOptions& options);

// Parses one guide's text (no file checks): the guide, or the errors that keep it out.
// Used by loadLibrary, the tests and the fuzzer.
struct ParseResult {
    std::optional<Guide> guide;
    std::vector<Issue> issues;
};
[[nodiscard]] ParseResult parseGuide(std::string_view text, const std::string& fileName);

} // namespace content
