// How both hub stores (SQLite and PostgreSQL) turn an upload's day into rows and a period's rows back into
// report totals, so that the two backends store and sum exactly alike.
#pragma once

#include "hub_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace commune::rows {

// Where each stored figure (a day_figures row, named as in the upload) is summed in VillageTotals: the
// single-number figures under their key, the survey answers as "<question key>_<answer key>",
// e.g. "survey_smartphone_yes". Built once from the figures table.
struct FixedFigure {
    using DailyRollup = kiosk::upload::DailyRollup;
    std::string name;
    int DailyRollup::*count = nullptr; // or
    kiosk::upload::Survey DailyRollup::*survey = nullptr;
    int kiosk::upload::Survey::*answer = nullptr;
    std::size_t countIndex = 0, questionIndex = 0, answerIndex = 0;

    [[nodiscard]] int valueIn(const DailyRollup& d) const { return count ? d.*count : d.*survey.*answer; }
    [[nodiscard]] std::int64_t& totalIn(VillageTotals& v) const {
        return count ? v.counts[countIndex] : v.surveys[questionIndex][answerIndex];
    }
};

inline const std::vector<FixedFigure>& fixedFigures() {
    static const std::vector<FixedFigure> figures = [] {
        std::vector<FixedFigure> out;
        for (std::size_t i = 0; i < kiosk::upload::kCountFigures.size(); ++i) {
            const auto& f = kiosk::upload::kCountFigures[i];
            out.push_back({std::string(f.key), f.field, nullptr, nullptr, i, 0, 0});
        }
        for (std::size_t q = 0; q < kiosk::upload::kSurveyFigures.size(); ++q)
            for (std::size_t a = 0; a < kiosk::upload::kSurveyAnswers.size(); ++a) {
                const auto& question = kiosk::upload::kSurveyFigures[q];
                const auto& answer = kiosk::upload::kSurveyAnswers[a];
                out.push_back({fmt::format("{}_{}", question.key, answer.key), nullptr, question.field,
                               answer.field, 0, q, a});
            }
        return out;
    }();
    return figures;
}

// nullptr: not a fixed figure (a team figure, or one from a newer kiosk this hub does not know: kept, but
// not summed).
inline const FixedFigure* fixedFigure(std::string_view name) {
    static const std::unordered_map<std::string_view, const FixedFigure*> byName = [] {
        std::unordered_map<std::string_view, const FixedFigure*> out;
        for (const FixedFigure& f : fixedFigures())
            out[f.name] = &f;
        return out;
    }();
    auto it = byName.find(name);
    return it == byName.end() ? nullptr : it->second;
}

// The team's figures of a day, stored as day_figures rows beside the fixed ones: "team.<place>.events",
// "team.<place>.people", "team.<place>.result.<key>" and "satisfaction.<answer>". Keys are [a-z0-9_]
// (usage_upload.hpp checks them), so the dots part a name unambiguously; no fixed figure has a dot.
constexpr std::string_view kTeamPrefix = "team.", kSatisfactionPrefix = "satisfaction.",
                           kResultPart = "result.";

inline std::vector<std::pair<std::string, std::int64_t>> teamFigures(const kiosk::upload::DailyRollup& day) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& [place, help] : day.teamActivity) {
        const std::string prefix = fmt::format("{}{}.", kTeamPrefix, place);
        out.emplace_back(prefix + "events", help.events);
        out.emplace_back(prefix + "people", help.people);
        for (const auto& [result, times] : help.results)
            out.emplace_back(fmt::format("{}{}{}", prefix, kResultPart, result), times);
    }
    for (const auto& [answer, residents] : day.satisfaction)
        out.emplace_back(fmt::format("{}{}", kSatisfactionPrefix, answer), residents);
    return out;
}

// Sums one row written by teamFigures; false: not a team figure.
inline bool addTeamFigure(VillageTotals& totals, std::string_view figure, std::int64_t value) {
    if (figure.starts_with(kSatisfactionPrefix)) {
        figure.remove_prefix(kSatisfactionPrefix.size());
        totals.satisfaction[std::string(figure)] += value;
        return true;
    }
    if (!figure.starts_with(kTeamPrefix)) return false;
    figure.remove_prefix(kTeamPrefix.size());
    const std::size_t dot = figure.find('.');
    if (dot == std::string_view::npos) return false;
    TeamHelpTotals& help = totals.team[std::string(figure.substr(0, dot))];
    const std::string_view what = figure.substr(dot + 1);
    if (what == "events")
        help.events += value;
    else if (what == "people")
        help.people += value;
    else if (what.starts_with(kResultPart))
        help.results[std::string(what.substr(kResultPart.size()))] += value;
    return true;
}

// A guide's funnel is one figure of the guide's row: "step:reached:left" triplets, e.g. "1:10:0,2:9:1".
// One step per triplet; a step only in left_at_step still counts (reached 0).
inline std::string encodeFunnel(const kiosk::upload::GuideFigures& guide) {
    std::map<int, std::pair<int, int>> steps;
    for (const auto& [step, residents] : guide.reachedStep)
        steps[step].first = residents;
    for (const auto& [step, residents] : guide.leftAtStep)
        steps[step].second = residents;
    std::string out;
    for (const auto& [step, figures] : steps) {
        if (!out.empty()) out += ',';
        out +=
            std::to_string(step) + ':' + std::to_string(figures.first) + ':' + std::to_string(figures.second);
    }
    return out;
}

// Calls add(step, reached, left) for each triplet written by encodeFunnel.
template <typename Add> void decodeFunnel(std::string_view funnel, Add&& add) {
    std::int64_t numbers[3] = {0, 0, 0};
    int index = 0;
    for (std::size_t i = 0; i <= funnel.size(); ++i) {
        const char c = i < funnel.size() ? funnel[i] : ',';
        if (c >= '0' && c <= '9') {
            numbers[index] = numbers[index] * 10 + (c - '0');
        } else if (c == ':' && index < 2) {
            ++index;
        } else if (c == ',') {
            if (index == 2) add(static_cast<int>(numbers[0]), numbers[1], numbers[2]);
            numbers[0] = numbers[1] = numbers[2] = 0;
            index = 0;
        }
    }
}

// Sums a period's rows per village and per (village, guide), in any order, into PeriodFigures.
class PeriodSums {
  public:
    [[nodiscard]] VillageTotals& village(const std::string& name) {
        VillageTotals& totals = m_villages[name];
        totals.village = name;
        return totals;
    }

    void addFigure(VillageTotals& totals, std::string_view figure, std::int64_t value) {
        if (const FixedFigure* known = fixedFigure(figure))
            known->totalIn(totals) += value;
        else
            addTeamFigure(totals, figure, value);
    }

    void addGuide(const std::string& village, std::string_view guideId, std::string_view topic,
                  std::int64_t started, std::int64_t finished, std::string_view funnel) {
        m_key.assign(village).push_back('\x1f');
        m_key.append(guideId);
        GuideSum& sum = m_guides[m_key];
        if (sum.guideId.empty()) {
            sum.village = village;
            sum.guideId = guideId;
            sum.topic = topic;
        }
        sum.started += started;
        sum.finished += finished;
        decodeFunnel(funnel, [&](int step, std::int64_t reached, std::int64_t left) {
            const auto index = static_cast<std::size_t>(step);
            if (sum.steps.size() <= index) sum.steps.resize(index + 1);
            sum.steps[index].first += reached;
            sum.steps[index].second += left;
        });
    }

    [[nodiscard]] PeriodFigures finish() {
        PeriodFigures out;
        for (auto& [name, totals] : m_villages)
            out.villages.push_back(std::move(totals));
        std::vector<const GuideSum*> ordered;
        for (const auto& [key, sum] : m_guides)
            ordered.push_back(&sum);
        std::sort(ordered.begin(), ordered.end(), [](const GuideSum* a, const GuideSum* b) {
            return std::tie(a->village, a->guideId) < std::tie(b->village, b->guideId);
        });
        for (const GuideSum* g : ordered) {
            out.guides.push_back({g->village, g->guideId, g->topic, g->started, g->finished});
            for (std::size_t step = 1; step < g->steps.size(); ++step)
                if (g->steps[step] != std::pair<std::int64_t, std::int64_t>{0, 0})
                    out.steps.push_back({g->village, g->guideId, static_cast<int>(step), g->steps[step].first,
                                         g->steps[step].second});
        }
        return out;
    }

  private:
    struct GuideSum {
        std::string village, guideId, topic;
        std::int64_t started = 0, finished = 0;
        std::vector<std::pair<std::int64_t, std::int64_t>> steps; // index: step number
    };
    std::map<std::string, VillageTotals> m_villages; // sorted by village
    std::unordered_map<std::string, GuideSum> m_guides;
    std::string m_key;
};

// A kiosk with no registered village is reported under its own id rather than lost (SQL, both dialects).
constexpr std::string_view kVillageExpr = "CASE WHEN k.village = '' THEN k.kiosk_id ELSE k.village END";

} // namespace commune::rows
