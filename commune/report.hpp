// The commune office's report for a month or a quarter: the same tables as HTML (with SVG charts),
// CSV (for LibreOffice) and plain text (for the terminal). Built from HubStore queries only.
#pragma once

#include "calendar.hpp"
#include "hub_store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace commune {

// Survey shares are shown only from this many answers (yes + no; "skip" is not an answer), so a
// village where three people answered cannot be read person by person. The team's activity (people
// helped, results, satisfaction) follows the same rule.
constexpr std::int64_t kMinSurveyAnswers = 5;
constexpr int kSmartphoneTargetPercent = 85; // the plan: more than 85 % of residents have a smartphone
constexpr int kVneidTargetPercent = 50;      // the plan: more than 50 % have VNeID level 2
constexpr std::int64_t kStaleAfterDays = 2;  // a kiosk silent longer than this is shown in red
// The commune's own row; no village may be registered under this name.
constexpr std::string_view kCommuneLabel = "Toàn xã";

struct TopicRow {
    std::string village; // "" for the commune
    std::string topic;
    std::int64_t started = 0, finished = 0;
};

struct FunnelRow {
    std::string guideId;
    std::string topic;
    std::int64_t started = 0, finished = 0;
    std::vector<StepTotals> steps; // village "" : commune-wide
};

// One village's (or the commune's) use of the kiosks in a period, for the month-on-month comparison.
struct PeriodUse {
    std::int64_t sessions = 0, guidesFinished = 0, bookingsMade = 0, noShows = 0;
    std::int64_t peopleHelped = 0; // by the team, every place (team activity's "people")
};

struct ChangeRow {
    std::string village; // "" for the commune
    PeriodUse now, before;
};

// A village's progress against the plan's targets, from the figures commune staff entered (population.hpp);
// nothing from the kiosk's own survey.
struct ProgressRow {
    std::string village;                      // "" for the commune
    std::optional<PopulationFigures> figures; // nullopt: nothing entered on or before the period's end
    // The commune's row only: how many villages' figures went into each share (of how many villages).
    std::size_t villagesWithAdults = 0, villagesWithSmartphone = 0, villagesWithVneid = 0, villagesAll = 0;
    std::int64_t adultsWithSmartphoneKnown = 0, adultsWithVneidKnown = 0; // the shares' denominators
};

// A quarter's report, month by month: one month's use against the month before it.
struct MonthChangeRow {
    std::string month; // "tháng 11/2026"
    ChangeRow change;
};

struct Report {
    std::string communeName; // in the heading; "" when the hub was not told (commune-hub --commune)
    Period period;
    Period previous;                    // the month (or quarter) before, for the change table
    std::vector<ProgressRow> progress;  // per village, then the commune's (village "")
    std::vector<ChangeRow> changes;     // per village, then the commune's (village "")
    std::vector<MonthChangeRow> months; // a quarter only: each month, per village then the commune's
    std::int64_t nowUnix = 0;
    std::vector<VillageTotals> villages;  // per village
    VillageTotals commune;                // sum of all villages, village = "Toàn xã"
    std::vector<TopicRow> topics;         // per village, then the commune's (village "")
    std::vector<FunnelRow> funnels;       // commune-wide, one per guide
    std::vector<StepTotals> villageSteps; // the same per village (CSV and text; the page links the CSV)
    std::vector<KioskStatus> kiosks;
};

[[nodiscard]] Report buildReport(HubStore& store, const Period& period, std::int64_t nowUnix,
                                 const std::string& communeName = {});

// The period just before: the previous month for a month, the previous quarter for a quarter.
[[nodiscard]] Period previousPeriod(const Period& period);

// What the office reads for a guide or a topic: its Vietnamese title (from content/guides when the hub was
// built, and content's topics; "khac" is the kiosk's "Việc khác"), or the id itself when this hub does not
// know it (a newer content pack).
[[nodiscard]] std::string guideTitle(std::string_view guideId);
[[nodiscard]] std::string topicTitle(std::string_view topicId);

// At most maxLetters letters (grapheme clusters) of UTF-8 text, never cutting a letter from its combining
// marks; "…" marks a cut.
[[nodiscard]] std::string cutText(std::string_view text, std::size_t maxLetters);
// "đạt" when part / whole is more than targetPercent, else "chưa đạt"; "—" without a denominator.
[[nodiscard]] std::string targetVerdict(std::int64_t part, std::int64_t whole, int targetPercent);
// "+12", "−3", "0"; "mới" when there was nothing before.
[[nodiscard]] std::string changeText(std::int64_t now, std::int64_t before);

// How one village's answers to a survey question are shown: the figure, "< 5" (fewer than
// kMinSurveyAnswers), or hidden as the complement of a lone "< 5" (kHiddenCell), so that no hidden cell
// can be worked out by subtracting the shown villages from the commune's total.
enum class SurveyCell { figure, tooFew, hiddenWithSmall };
constexpr std::string_view kHiddenCell = "ẩn";
// answers: per village, yes + no for one question (the commune's total is their sum).
[[nodiscard]] std::vector<SurveyCell> suppressAnswers(const std::vector<std::int64_t>& answers);

// "< 5" below kMinSurveyAnswers answers, else the share of "yes" as a whole percentage ("86 %").
[[nodiscard]] std::string surveyShare(std::int64_t yes, std::int64_t no);
// "đạt" / "chưa đạt" / "—" (too few answers to say).
[[nodiscard]] std::string surveyVerdict(std::int64_t yes, std::int64_t no, int targetPercent);
// Whole days since the kiosk's last upload; -1 when it never sent one.
[[nodiscard]] std::int64_t daysWithoutUpload(const KioskStatus& kiosk, std::int64_t nowUnix);

[[nodiscard]] std::string renderText(const Report& report);
[[nodiscard]] std::string renderCsv(const Report& report); // UTF-8 with BOM, CRLF, RFC 4180 quoting
[[nodiscard]] std::string renderHtml(const Report& report);
// The same tables as an Excel workbook, one sheet each: figures as numbers (shares as percentages),
// Vietnamese headers. Throws std::runtime_error when the workbook cannot be written.
[[nodiscard]] std::string renderXlsx(const Report& report);

// The report page's inline style sheet, exactly as between its <style> tags (its CSP hash is made from it).
[[nodiscard]] std::string_view reportStyleSheet();

[[nodiscard]] std::string htmlEscape(std::string_view text);
// One quoted CSV text field; text starting with = + - @ tab or CR gets a leading ' (never a formula).
[[nodiscard]] std::string csvField(std::string_view text);

} // namespace commune
