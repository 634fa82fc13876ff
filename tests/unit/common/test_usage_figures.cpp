#include "common/usage_figures.hpp"
#include "common/usage_upload.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>

using namespace kiosk::upload;

TEST_CASE("usage figures: every key, event kind and label is set and used once") {
    std::set<std::string_view> keys, kinds, labels;
    for (const CountFigure& f : kCountFigures) {
        CHECK(keys.insert(f.key).second);
        CHECK(kinds.insert(f.eventKind).second);
        CHECK(labels.insert(f.label).second);
        CHECK(f.field != nullptr);
    }
    for (const SurveyFigure& f : kSurveyFigures) {
        CHECK(keys.insert(f.key).second);
        CHECK(kinds.insert(f.key).second);
        CHECK(labels.insert(f.label).second);
    }
    CHECK_FALSE(keys.contains(""));
    CHECK_FALSE(labels.contains(""));
}

TEST_CASE("usage figures: the event kinds kiosk databases already hold keep their names") {
    CHECK(figure(Count::sessions).eventKind == "session_started");
    CHECK(figure(Count::bookingsMade).eventKind == "booking_made");
    CHECK(figure(Count::bookingsNoShow).eventKind == "booking_no_show");
    CHECK(figure(Count::practiceRight).eventKind == "practice_right");
    CHECK(figure(Question::vneidLevel2).key == "survey_vneid_level2");
    CHECK(answer(Answer::skip).key == "skip");
}

TEST_CASE("usage figures: each one travels in the upload under its key and comes back unchanged") {
    DailyRollup day;
    day.day = "2026-11-24";
    int next = 1;
    for (const CountFigure& f : kCountFigures)
        day.*f.field = next++;
    for (const SurveyFigure& f : kSurveyFigures)
        for (const AnswerFigure& a : kSurveyAnswers)
            day.*f.field.*a.field = next++;
    Upload upload;
    upload.kioskId = "k1";
    upload.days.push_back(day);

    const nlohmann::json json = toJson(upload);
    const nlohmann::json& written = json["days"][0];
    for (const CountFigure& f : kCountFigures)
        CHECK(written.at(f.key).get<int>() == day.*f.field);
    for (const SurveyFigure& f : kSurveyFigures)
        for (const AnswerFigure& a : kSurveyAnswers)
            CHECK(written.at(f.key).at(a.key).get<int>() == day.*f.field.*a.field);

    const auto parsed = parseUpload(json.dump(), "2026-11-25");
    REQUIRE(parsed.has_value());
    CHECK(parsed->days.at(0) == day);
}

TEST_CASE("usage figures: an upload without one of them is refused, naming it") {
    Upload upload;
    upload.kioskId = "k1";
    DailyRollup day;
    day.day = "2026-11-24";
    upload.days.push_back(day);
    for (const CountFigure& f : kCountFigures) {
        nlohmann::json json = toJson(upload);
        json["days"][0].erase(std::string(f.key));
        const auto parsed = parseUpload(json.dump(), "2026-11-25");
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().message == "days[0]." + std::string(f.key) + ": missing");
    }
    for (const SurveyFigure& f : kSurveyFigures) {
        nlohmann::json json = toJson(upload);
        json["days"][0][std::string(f.key)].erase("no");
        const auto parsed = parseUpload(json.dump(), "2026-11-25");
        REQUIRE_FALSE(parsed.has_value());
        CHECK(parsed.error().message == "days[0]." + std::string(f.key) + ".no: missing");
    }
}
