// The usage figures a kiosk counts per day, one row each in one table: the recorder's event kinds, the
// rollup, the upload format (usage_upload.hpp), the hub's store and its reports all read it. A new
// single-number figure is one row in kCountFigures plus its member in DailyRollup (and its tests); a
// new survey question, one row in kSurveyFigures plus its member.
#pragma once

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/team_activity.hpp"

namespace kiosk::upload {

struct Survey {
    int yes = 0, no = 0, skip = 0;
    friend bool operator==(const Survey&, const Survey&) = default;
};

struct GuideFigures {
    std::string guideId;
    std::string topic;
    int started = 0, finished = 0;
    std::map<int, int> reachedStep; // 1-based step -> residents who reached it
    std::map<int, int> leftAtStep;  // step -> residents who left there
    friend bool operator==(const GuideFigures&, const GuideFigures&) = default;
};

struct DailyRollup {
    std::string day;       // local date YYYY-MM-DD, Asia/Ho_Chi_Minh
    bool complete = false; // false: today so far
    int sessions = 0;
    std::map<std::string, int> screens;
    std::vector<GuideFigures> guides;
    int practiceRight = 0, practiceWrong = 0, narrationPlayed = 0, qrShown = 0, textSizeChanged = 0;
    int bookingsMade = 0, bookingsCancelled = 0, bookingsDone = 0, bookingsNoShow = 0;
    Survey smartphone;
    Survey vneidLevel2;
    TeamActivity teamActivity; // what the team recorded (common/team_activity.hpp); "team_activity"
    Satisfaction satisfaction; // the faces after help at the kiosk; "satisfaction"
    friend bool operator==(const DailyRollup&, const DailyRollup&) = default;
};

// ---- single-number figures ----

enum class Count {
    sessions,
    practiceRight,
    practiceWrong,
    narrationPlayed,
    qrShown,
    textSizeChanged,
    bookingsMade,
    bookingsCancelled,
    bookingsDone,
    bookingsNoShow,
};

struct CountFigure {
    Count id;
    std::string_view key;       // the upload's JSON key and the hub's figure name
    std::string_view eventKind; // the kiosk's raw event; stored in kiosk databases, so never renamed
    int DailyRollup::*field;
    std::string_view label; // Vietnamese, for the hub's reports
};

inline constexpr std::array<CountFigure, 10> kCountFigures{{
    {Count::sessions, "sessions", "session_started", &DailyRollup::sessions, "Lượt sử dụng"},
    {Count::practiceRight, "practice_right", "practice_right", &DailyRollup::practiceRight,
     "Bấm đúng khi tập"},
    {Count::practiceWrong, "practice_wrong", "practice_wrong", &DailyRollup::practiceWrong,
     "Bấm sai khi tập"},
    {Count::narrationPlayed, "narration_played", "narration_played", &DailyRollup::narrationPlayed,
     "Lần nghe đọc"},
    {Count::qrShown, "qr_shown", "qr_shown", &DailyRollup::qrShown, "Lần hiện mã QR"},
    {Count::textSizeChanged, "text_size_changed", "text_size_changed", &DailyRollup::textSizeChanged,
     "Lần đổi cỡ chữ"},
    {Count::bookingsMade, "bookings_made", "booking_made", &DailyRollup::bookingsMade, "Hẹn đã đặt"},
    {Count::bookingsCancelled, "bookings_cancelled", "booking_cancelled", &DailyRollup::bookingsCancelled,
     "Đã hủy"},
    {Count::bookingsDone, "bookings_done", "booking_done", &DailyRollup::bookingsDone, "Đã hỗ trợ"},
    {Count::bookingsNoShow, "bookings_no_show", "booking_no_show", &DailyRollup::bookingsNoShow, "Không đến"},
}};

[[nodiscard]] constexpr const CountFigure& figure(Count id) {
    return kCountFigures[static_cast<std::size_t>(id)];
}

// ---- survey questions, each answered yes, no or skip ----

enum class Question { smartphone, vneidLevel2 };
enum class Answer { yes, no, skip };

struct SurveyFigure {
    Question id;
    std::string_view key; // the upload's JSON key; the event kind too
    Survey DailyRollup::*field;
    std::string_view label; // Vietnamese, for the hub's reports
};

inline constexpr std::array<SurveyFigure, 2> kSurveyFigures{{
    {Question::smartphone, "survey_smartphone", &DailyRollup::smartphone, "Điện thoại"},
    {Question::vneidLevel2, "survey_vneid_level2", &DailyRollup::vneidLevel2, "VNeID 2"},
}};

struct AnswerFigure {
    Answer id;
    std::string_view key; // "yes": the JSON key, the event's value; the hub stores "<question>_<answer>"
    int Survey::*field;
};

inline constexpr std::array<AnswerFigure, 3> kSurveyAnswers{{
    {Answer::yes, "yes", &Survey::yes},
    {Answer::no, "no", &Survey::no},
    {Answer::skip, "skip", &Survey::skip},
}};

[[nodiscard]] constexpr const SurveyFigure& figure(Question id) {
    return kSurveyFigures[static_cast<std::size_t>(id)];
}

[[nodiscard]] constexpr const AnswerFigure& answer(Answer id) {
    return kSurveyAnswers[static_cast<std::size_t>(id)];
}

// Each row sits at its id's index, so figure(id) is one array access.
static_assert([] {
    for (std::size_t i = 0; i < kCountFigures.size(); ++i)
        if (static_cast<std::size_t>(kCountFigures[i].id) != i) return false;
    for (std::size_t i = 0; i < kSurveyFigures.size(); ++i)
        if (static_cast<std::size_t>(kSurveyFigures[i].id) != i) return false;
    for (std::size_t i = 0; i < kSurveyAnswers.size(); ++i)
        if (static_cast<std::size_t>(kSurveyAnswers[i].id) != i) return false;
    return true;
}());

} // namespace kiosk::upload
