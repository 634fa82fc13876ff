#include "report.hpp"

#include "common/local_time.hpp"
#include "population.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <utf8proc.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <unordered_map>

namespace commune {

namespace {

using Count = kiosk::upload::Count;
using Answer = kiosk::upload::Answer;

// The figures of the use table, in its column order; their headers are the figures table's labels.
constexpr std::array kUseColumns{Count::sessions, Count::bookingsMade, Count::bookingsDone,
                                 Count::bookingsNoShow, Count::bookingsCancelled};

// Built from content/guides/*.toml and content/src/topics.cpp when the hub is configured (CMakeLists.txt):
// the hub never reads the kiosk's content at run time, and the published pack may be newer or absent.
struct IdTitle {
    std::string_view id, title;
};
constexpr IdTitle kGuideTitles[] = {
#include <commune_generated/guide_titles.inc> // made by CMake: not a header in the tree
};
constexpr IdTitle kTopicTitles[] = {
#include <commune_generated/topic_titles.inc>
};

std::string titleFor(std::span<const IdTitle> table, std::string_view id) {
    for (const IdTitle& entry : table)
        if (entry.id == id) return std::string(entry.title);
    return std::string(id);
}

int targetPercent(kiosk::upload::Question question) {
    return question == kiosk::upload::Question::smartphone ? kSmartphoneTargetPercent : kVneidTargetPercent;
}

// One table, rendered the same way as HTML, CSV and text; `alert` cells are shown in red.
struct Cell {
    std::string text;
    bool alert = false;
    bool number = false; // a figure the hub computed; every other cell may hold a kiosk's text
    bool total = false;  // first cell of the commune's row (never decided by a name a kiosk could have)
};

Cell communeCell() {
    return {std::string(kCommuneLabel), false, false, true};
}
struct Table {
    std::string id;
    std::string title;
    std::vector<std::string> headers;
    std::vector<std::vector<Cell>> rows;
    bool collapsed = false; // long detail tables are folded on the web page
};

Cell num(std::int64_t n) {
    return {std::to_string(n), false, true};
}

// RFC 4180: always quoted (Vietnamese text with commas, and numbers that must stay text, "< 5").
std::string quotedCsv(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string percent(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return "—";
    return fmt::format("{} %", (part * 100 + whole / 2) / whole);
}

std::string answers(std::int64_t yes, std::int64_t no) {
    return yes + no < kMinSurveyAnswers ? "< 5" : std::to_string(yes + no);
}

// hidden[q]: how each village's answers to question q are shown (suppressAnswers).
std::vector<Cell> surveyCells(const VillageTotals& v, const std::vector<SurveyCell>& shown, bool total) {
    const auto verdictCell = [](std::int64_t yes, std::int64_t no, int target) {
        const std::string verdict = surveyVerdict(yes, no, target);
        return Cell{verdict, verdict == "chưa đạt"};
    };
    std::vector<Cell> cells{total ? communeCell() : Cell{v.village}};
    for (std::size_t q = 0; q < kiosk::upload::kSurveyFigures.size(); ++q) {
        const auto& question = kiosk::upload::kSurveyFigures[q];
        const std::int64_t yes = v.answers(question.id, Answer::yes), no = v.answers(question.id, Answer::no);
        if (!total && shown[q] == SurveyCell::hiddenWithSmall) {
            cells.insert(cells.end(), {{std::string(kHiddenCell)}, {std::string(kHiddenCell)}, {"—"}});
            continue;
        }
        cells.push_back({answers(yes, no)});
        cells.push_back({surveyShare(yes, no)});
        cells.push_back(verdictCell(yes, no, targetPercent(question.id)));
    }
    return cells;
}

Cell firstCell(const std::string& village) {
    return village.empty() ? communeCell() : Cell{village};
}

// The survey's "< 5" rule (suppressAnswers) for one column of village counts of people: "< 5", or "ẩn"
// for the cell hidden with a lone small one.
std::vector<Cell> smallCountColumn(const std::vector<std::int64_t>& villages) {
    const std::vector<SurveyCell> shown = suppressAnswers(villages);
    std::vector<Cell> cells;
    for (std::size_t i = 0; i < villages.size(); ++i)
        cells.push_back(shown[i] == SurveyCell::figure   ? num(villages[i])
                        : shown[i] == SurveyCell::tooFew ? Cell{"< 5"}
                                                         : Cell{std::string(kHiddenCell)});
    return cells;
}

// The commune's own count: "< 5" only when it is itself small, as the survey's total.
Cell smallCountTotal(std::int64_t n) {
    return n < kMinSurveyAnswers ? Cell{"< 5"} : num(n);
}

// The figures of the change tables, in their column order. Counts of people follow the "< 5" rule.
struct ChangeFigure {
    std::string_view label;
    std::int64_t PeriodUse::*member;
    bool countsPeople = false;
};
constexpr std::array<ChangeFigure, 5> kChangeFigures{{
    {"Lượt sử dụng", &PeriodUse::sessions},
    {"Hướng dẫn hoàn thành", &PeriodUse::guidesFinished},
    {"Hẹn hỗ trợ", &PeriodUse::bookingsMade},
    {"Hẹn không đến", &PeriodUse::noShows},
    {"Người được tổ hỗ trợ", &PeriodUse::peopleHelped, true},
}};

// One period's rows of a change table (its villages, then the commune's): per row and figure the cells
// {now, before, change}. A change is "—" when either side is hidden: it would give the hidden one away.
std::vector<std::vector<std::array<Cell, 3>>> changeCells(const std::vector<const ChangeRow*>& rows) {
    std::vector<std::vector<std::array<Cell, 3>>> out(rows.size());
    for (const ChangeFigure& f : kChangeFigures) {
        std::array<std::vector<Cell>, 2> villageCells; // now, before: village rows only
        if (f.countsPeople)
            for (auto [side, period] : {std::pair{0, &ChangeRow::now}, {1, &ChangeRow::before}}) {
                std::vector<std::int64_t> values;
                for (const ChangeRow* row : rows)
                    if (!row->village.empty()) values.push_back((row->*period).*f.member);
                villageCells[side] = smallCountColumn(values);
            }
        std::size_t village = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::int64_t now = rows[i]->now.*f.member, before = rows[i]->before.*f.member;
            std::array<Cell, 3> cells{num(now), num(before), {changeText(now, before), false, true}};
            if (f.countsPeople) {
                const bool total = rows[i]->village.empty();
                cells[0] = total ? smallCountTotal(now) : villageCells[0][village];
                cells[1] = total ? smallCountTotal(before) : villageCells[1][village];
                if (!total) ++village;
                if (!cells[0].number || !cells[1].number) cells[2] = {"—"};
            }
            out[i].push_back(std::move(cells));
        }
    }
    return out;
}

// Progress against the plan's targets, from the figures commune staff entered: first in every form.
Table progressTable(const Report& r) {
    Table t{"tien-do",
            fmt::format("Tiến độ so với mục tiêu của kế hoạch (số liệu xã nhập: người lớn có điện thoại "
                        "thông minh > {} %, có tài khoản VNeID > {} %)",
                        kSmartphoneTargetPercent, kVneidTargetPercent),
            {"Thôn", "Số người lớn", "Có điện thoại thông minh", "Tỉ lệ",
             fmt::format("Mục tiêu > {} %", kSmartphoneTargetPercent), "Có VNeID", "Tỉ lệ VNeID",
             fmt::format("Mục tiêu > {} %", kVneidTargetPercent), "Số liệu đến ngày"},
            {}};
    const auto verdictCell = [](std::int64_t part, std::int64_t whole, int target) {
        const std::string verdict = targetVerdict(part, whole, target);
        return Cell{verdict, verdict == "chưa đạt"};
    };
    for (const ProgressRow& p : r.progress) {
        std::vector<Cell> row{firstCell(p.village)};
        if (!p.figures) {
            row.insert(row.end(), {{"chưa nhập"}, {"—"}, {"—"}, {"—"}, {"—"}, {"—"}, {"—"}, {"—"}});
            t.rows.push_back(std::move(row));
            continue;
        }
        const PopulationFigures& f = *p.figures;
        const bool commune = p.village.empty();
        const std::int64_t smartphoneBase = commune ? p.adultsWithSmartphoneKnown : f.adults;
        const std::int64_t vneidBase = commune ? p.adultsWithVneidKnown : f.adults;
        row.push_back(num(f.adults));
        for (const auto& [owners, base, target] :
             {std::tuple{f.smartphone, smartphoneBase, kSmartphoneTargetPercent},
              std::tuple{f.vneid, vneidBase, kVneidTargetPercent}}) {
            if (!owners) {
                row.insert(row.end(), {{"chưa có"}, {"—"}, {"—"}});
                continue;
            }
            row.push_back(num(*owners));
            row.push_back({percent(*owners, base)});
            row.push_back(verdictCell(*owners, base, target));
        }
        row.push_back({commune ? fmt::format("{} / {} thôn có số liệu (điện thoại: {}, VNeID: {})",
                                             p.villagesWithAdults, p.villagesAll, p.villagesWithSmartphone,
                                             p.villagesWithVneid)
                               : f.asOf});
        t.rows.push_back(std::move(row));
    }
    return t;
}

Table changeTable(const Report& r) {
    const std::string before = r.previous.title.empty() ? std::string("kỳ trước") : r.previous.title;
    Table t{
        "so-voi-ky-truoc", fmt::format("Sử dụng ki-ốt: {} so với {}", r.period.title, before), {"Thôn"}, {}};
    for (const ChangeFigure& f : kChangeFigures) {
        t.headers.push_back(fmt::format("{}: {}", f.label, r.period.title));
        t.headers.push_back(fmt::format("{}: {}", f.label, before));
        t.headers.push_back(fmt::format("{}: thay đổi", f.label));
    }
    std::vector<const ChangeRow*> rows;
    for (const ChangeRow& c : r.changes)
        rows.push_back(&c);
    const auto cells = changeCells(rows);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::vector<Cell> row{firstCell(rows[i]->village)};
        for (const auto& figure : cells[i])
            row.insert(row.end(), figure.begin(), figure.end());
        t.rows.push_back(std::move(row));
    }
    return t;
}

// A quarter month by month, each month against the one before (the first against the quarter's eve).
Table monthTable(const Report& r) {
    Table t{"tung-thang",
            fmt::format("Từng tháng trong {}: so với tháng trước", r.period.title),
            {"Thôn", "Tháng"},
            {}};
    for (const ChangeFigure& f : kChangeFigures) {
        t.headers.emplace_back(f.label);
        t.headers.push_back(fmt::format("{}: thay đổi so với tháng trước", f.label));
    }
    // Each month's rows (its villages, then the commune's) are one period for the "< 5" rule.
    for (std::size_t first = 0; first < r.months.size();) {
        std::vector<const ChangeRow*> rows;
        std::size_t end = first;
        for (; end < r.months.size() && r.months[end].month == r.months[first].month; ++end)
            rows.push_back(&r.months[end].change);
        const auto cells = changeCells(rows);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            std::vector<Cell> row{firstCell(rows[i]->village), {r.months[first + i].month}};
            for (const auto& figure : cells[i]) {
                row.push_back(figure[0]);
                row.push_back(figure[2]);
            }
            t.rows.push_back(std::move(row));
        }
        first = end;
    }
    return t;
}

// ---- What the village teams did (issue 16): common/team_activity.hpp's places, results and faces ----

std::string resultTopicTitle(std::string_view topic) {
    return fmt::format("Kết quả: {}", topicTitle(topic));
}

std::int64_t resultTotal(const VillageTotals& v, const std::string& result) {
    std::int64_t sum = 0;
    for (const auto& [place, help] : v.team)
        if (auto it = help.results.find(result); it != help.results.end()) sum += it->second;
    return sum;
}

// One line of the activity table: what it counts and how to read it from a village's sums.
struct ActivityItem {
    std::string group, label;
    std::function<std::int64_t(const VillageTotals&)> events, people; // empty: "—"
    bool countsPeople = true; // the "< 5" rule; bookings are shown as in the use table
};

// The places, results and answers the commune's sums hold (the three faces always), known ones in their
// table's order under their Vietnamese labels, then any a newer kiosk sent, by their key.
std::vector<ActivityItem> activityItems(const VillageTotals& commune) {
    using namespace kiosk::upload;
    std::vector<ActivityItem> items;
    const auto place = [&](const std::string& key, std::string label) {
        const auto help = [key](const VillageTotals& v) -> const TeamHelpTotals& {
            static const TeamHelpTotals none;
            auto it = v.team.find(key);
            return it == v.team.end() ? none : it->second;
        };
        items.push_back({"Nơi hỗ trợ", std::move(label),
                         [help](const VillageTotals& v) { return help(v).events; },
                         [help](const VillageTotals& v) { return help(v).people; }});
    };
    for (const PlaceKind& p : kPlaceKinds)
        if (commune.team.contains(std::string(p.key))) place(std::string(p.key), std::string(p.label));
    for (const auto& [key, help] : commune.team)
        if (!findPlace(key)) place(key, key);

    std::set<std::string> results;
    for (const auto& [key, help] : commune.team)
        for (const auto& [result, times] : help.results)
            results.insert(result);
    const auto result = [&](std::string group, const std::string& key, std::string label) {
        items.push_back({std::move(group), std::move(label), {}, [key](const VillageTotals& v) {
                             return resultTotal(v, key);
                         }});
    };
    // kResultKinds lists each topic's results together, so they come out grouped under it.
    for (const ResultKind& k : kResultKinds)
        if (results.contains(std::string(k.key)))
            result(resultTopicTitle(k.topic), std::string(k.key), std::string(k.label));
    for (const std::string& key : results)
        if (!findResult(key)) result("Kết quả: chưa có trong danh mục", key, key);

    for (Count id : {Count::bookingsDone, Count::bookingsNoShow})
        items.push_back({"Hẹn ở ki-ốt",
                         std::string(figure(id).label),
                         [id](const VillageTotals& v) { return v.count(id); },
                         {},
                         false});

    const auto answer = [&](const std::string& key, std::string label) {
        items.push_back(
            {"Mức hài lòng (hỗ trợ ở ki-ốt)", std::move(label), {}, [key](const VillageTotals& v) {
                 auto it = v.satisfaction.find(key);
                 return it == v.satisfaction.end() ? std::int64_t{0} : it->second;
             }});
    };
    for (const SatisfactionAnswer& a : kSatisfactionAnswers)
        answer(std::string(a.key), std::string(a.label));
    for (const auto& [key, residents] : commune.satisfaction)
        if (!findSatisfaction(key)) answer(key, key);
    return items;
}

// Per village (then the commune): where the team helped, what it achieved by topic, the kiosk's bookings
// done and missed, and how satisfied the residents helped at the kiosk were.
Table activityTable(const Report& r) {
    Table t{"hoat-dong-to",
            "Hoạt động của tổ chuyển đổi số cộng đồng: nơi hỗ trợ, kết quả theo chủ đề, hẹn ở ki-ốt, mức hài "
            "lòng",
            {"Thôn", "Nhóm", "Mục", "Số lần", "Số người"},
            {}};
    const std::vector<ActivityItem> items = activityItems(r.commune);
    // cells[item][0 or 1][village]: each column across the villages, under the "< 5" rule as a whole.
    std::vector<std::array<std::vector<Cell>, 2>> cells(items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        for (int side = 0; side < 2; ++side) {
            const auto& read = side == 0 ? items[i].events : items[i].people;
            std::vector<std::int64_t> values;
            for (const VillageTotals& v : r.villages)
                values.push_back(read ? read(v) : 0);
            if (!read)
                cells[i][side].assign(values.size(), Cell{"—"});
            else if (items[i].countsPeople)
                cells[i][side] = smallCountColumn(values);
            else
                for (std::int64_t n : values)
                    cells[i][side].push_back(num(n));
        }
    for (std::size_t v = 0; v < r.villages.size(); ++v)
        for (std::size_t i = 0; i < items.size(); ++i)
            t.rows.push_back({{r.villages[v].village},
                              {items[i].group},
                              {items[i].label},
                              cells[i][0][v],
                              cells[i][1][v]});
    for (const ActivityItem& item : items) {
        std::vector<Cell> row{communeCell(), {item.group}, {item.label}};
        for (const auto* read : {&item.events, &item.people})
            row.push_back(!*read              ? Cell{"—"}
                          : item.countsPeople ? smallCountTotal((*read)(r.commune))
                                              : num((*read)(r.commune)));
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::vector<Table> reportTables(const Report& r, bool withVillageSteps) {
    std::vector<Table> tables;
    tables.push_back(progressTable(r));
    tables.push_back(activityTable(r)); // right after the targets: what the teams did towards them
    tables.push_back(changeTable(r));
    if (!r.months.empty()) tables.push_back(monthTable(r));

    Table use{"su-dung", "Lượt sử dụng và hẹn hỗ trợ theo thôn", {"Thôn"}, {}};
    for (Count id : kUseColumns)
        use.headers.emplace_back(kiosk::upload::figure(id).label);
    for (const auto* v : [&] {
             std::vector<const VillageTotals*> all;
             for (const auto& village : r.villages)
                 all.push_back(&village);
             all.push_back(&r.commune);
             return all;
         }()) {
        std::vector<Cell> row{v == &r.commune ? communeCell() : Cell{v->village}};
        for (Count id : kUseColumns)
            row.push_back(num(v->count(id)));
        use.rows.push_back(std::move(row));
    }
    tables.push_back(std::move(use));

    Table topics{"chu-de",
                 "Hướng dẫn theo chủ đề: bắt đầu và hoàn thành",
                 {"Thôn", "Chủ đề", "Bắt đầu", "Hoàn thành", "Tỉ lệ hoàn thành"},
                 {}};
    for (const auto& t : r.topics)
        topics.rows.push_back({t.village.empty() ? communeCell() : Cell{t.village},
                               {topicTitle(t.topic)},
                               num(t.started),
                               num(t.finished),
                               {percent(t.finished, t.started)}});
    tables.push_back(std::move(topics));

    Table funnel{"cac-buoc",
                 "Người dân dừng ở bước nào (toàn xã)",
                 {"Hướng dẫn", "Chủ đề", "Bước", "Đến bước này", "Dừng ở bước này"},
                 {}};
    for (const auto& f : r.funnels)
        for (const auto& s : f.steps)
            funnel.rows.push_back({{guideTitle(f.guideId)},
                                   {topicTitle(f.topic)},
                                   num(s.step),
                                   num(s.reached),
                                   num(s.leftHere)});
    tables.push_back(std::move(funnel));

    if (withVillageSteps) {
        Table perVillage{"cac-buoc-theo-thon",
                         "Người dân dừng ở bước nào (theo thôn)",
                         {"Thôn", "Hướng dẫn", "Bước", "Đến bước này", "Dừng ở bước này"},
                         {},
                         true};
        for (const auto& s : r.villageSteps)
            perVillage.rows.push_back(
                {{s.village}, {guideTitle(s.guideId)}, num(s.step), num(s.reached), num(s.leftHere)});
        tables.push_back(std::move(perVillage));
    }

    Table survey{"khao-sat",
                 fmt::format("Khảo sát trên ki-ốt: trong số người dân đã dùng ki-ốt, không phải cả thôn "
                             "(điện thoại thông minh > {} %, VNeID mức 2 > {} %)",
                             kSmartphoneTargetPercent, kVneidTargetPercent),
                 {"Thôn"},
                 {}};
    for (const auto& question : kiosk::upload::kSurveyFigures) {
        survey.headers.push_back(fmt::format("{}: số trả lời", question.label));
        survey.headers.push_back(fmt::format("{}: tỉ lệ có", question.label));
        survey.headers.push_back(
            fmt::format("{}: mục tiêu > {} %", question.label, targetPercent(question.id)));
    }
    // Per question, which villages' answers are hidden (fewer than 5, and their complements).
    std::vector<std::vector<SurveyCell>> shownByVillage(r.villages.size());
    for (const auto& question : kiosk::upload::kSurveyFigures) {
        std::vector<std::int64_t> counts;
        for (const auto& v : r.villages)
            counts.push_back(v.answers(question.id, Answer::yes) + v.answers(question.id, Answer::no));
        const std::vector<SurveyCell> shown = suppressAnswers(counts);
        for (std::size_t i = 0; i < r.villages.size(); ++i)
            shownByVillage[i].push_back(shown[i]);
    }
    for (std::size_t i = 0; i < r.villages.size(); ++i)
        survey.rows.push_back(surveyCells(r.villages[i], shownByVillage[i], false));
    survey.rows.push_back(surveyCells(r.commune, {}, true));
    tables.push_back(std::move(survey));

    Table health{"ki-ot",
                 "Tình trạng ki-ốt",
                 {"Ki-ốt", "Thôn", "Lần cuối gửi", "Số ngày chưa gửi", "Phiên bản", "Nội dung",
                  "Đĩa trống (MB)", "Lỗi gần nhất"},
                 {}};
    for (const auto& k : r.kiosks) {
        const std::int64_t silent = daysWithoutUpload(k, r.nowUnix);
        const bool stale = silent < 0 || silent > kStaleAfterDays;
        health.rows.push_back(
            {{k.kioskId},
             {k.village},
             {k.lastSeenUnix > 0 ? kiosk::localDateTime(k.lastSeenUnix) : "chưa gửi", stale},
             {silent < 0 ? "—" : std::to_string(silent), stale},
             {k.version},
             {k.contentVersion},
             num(k.freeDiskMb),
             {k.lastError, !k.lastError.empty()}});
    }
    tables.push_back(std::move(health));
    // The office reads the survey with the use figures; the long step detail comes after it.
    const auto at = [&](std::string_view id) {
        return std::find_if(tables.begin(), tables.end(), [&](const Table& t) { return t.id == id; });
    };
    std::rotate(at("cac-buoc"), at("khao-sat"), at("khao-sat") + 1);
    return tables;
}

// Display width for aligning text columns: UTF-8 code points (Vietnamese text is precomposed).
std::size_t displayWidth(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string heading(const Report& r) {
    return fmt::format("Báo cáo ki-ốt hỗ trợ chuyển đổi số{} — {} ({} đến {})",
                       r.communeName.empty() ? std::string() : " — " + r.communeName, r.period.title,
                       r.period.days.first, r.period.days.last);
}

// ---- SVG charts (inline; no scripts, print well) ----

constexpr std::size_t kChartLabelLetters = 40; // what fits the label column at 12 px

struct Bar {
    std::string label;
    std::int64_t value = 0;
    std::int64_t second = -1; // a second, thinner bar (e.g. finished), -1: none
};

std::string barChart(const std::string& title, const std::vector<Bar>& bars, const std::string& firstName,
                     const std::string& secondName) {
    if (bars.empty()) return {};
    std::int64_t max = 1;
    for (const auto& b : bars)
        max = std::max({max, b.value, b.second});
    // Room for the longest figure written whole ("123456789 / 98765432"), ~7 px a character at 12 px.
    std::size_t longestValue = 1;
    for (const auto& b : bars)
        longestValue = std::max(longestValue, std::to_string(b.value).size() +
                                                  (b.second >= 0 ? 3 + std::to_string(b.second).size() : 0));
    constexpr int rowHeight = 26, labelWidth = 260, barWidth = 180;
    const int width = labelWidth + barWidth + 12 + static_cast<int>(longestValue) * 7;
    const int height = static_cast<int>(bars.size()) * rowHeight + 8;
    std::string svg = fmt::format(
        "<figure><figcaption>{}</figcaption><svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {}\" "
        "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">",
        htmlEscape(title), htmlEscape(title), width, height);
    int y = 4;
    for (const auto& b : bars) {
        const auto length = [&](std::int64_t v) { return static_cast<int>(v * barWidth / max); };
        svg += fmt::format("<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>", y + 15,
                           htmlEscape(cutText(b.label, kChartLabelLetters)));
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"#2a6fb0\"><title>{}: "
                           "{}</title></rect>",
                           labelWidth, y + 3, length(b.value), htmlEscape(firstName), b.value);
        if (b.second >= 0)
            svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"8\" "
                               "fill=\"#3a9a5b\"><title>{}: {}</title></rect>",
                               labelWidth, y + 14, length(b.second), htmlEscape(secondName), b.second);
        svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\">{}{}</text>", labelWidth + barWidth + 6,
                           y + 15, b.value, b.second >= 0 ? " / " + std::to_string(b.second) : std::string());
        y += rowHeight;
    }
    return svg + "</svg></figure>\n";
}

std::string htmlTable(const Table& t) {
    // A folded table is left off the printed page: closed, it would print as a heading alone (its charts
    // carry the same figures).
    std::string out = fmt::format("<h2 id=\"{}\"{}>{}</h2>\n", t.id, t.collapsed ? " class=\"noprint\"" : "",
                                  htmlEscape(t.title));
    if (t.rows.empty()) return out + "<p>Chưa có số liệu.</p>\n";
    if (t.collapsed)
        out += fmt::format("<details class=\"noprint\"><summary>Xem {} dòng</summary>\n", t.rows.size());
    out += "<div class=\"scroll\"><table><thead><tr>";
    for (const auto& h : t.headers)
        out += "<th>" + htmlEscape(h) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (const auto& row : t.rows) {
        const bool total = !row.empty() && row.front().total;
        out += total ? "<tr class=\"total\">" : "<tr>";
        for (const auto& cell : row) {
            // A figure or a share is never broken over two lines ("82" / "%").
            const bool figure = cell.number || cell.text.ends_with(" %");
            out += (cell.alert ? "<td class=\"alert\">"
                    : figure   ? "<td class=\"num\">"
                               : "<td>") +
                   htmlEscape(cell.text) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody></table></div>\n";
    if (t.collapsed) out += "</details>\n";
    return out;
}

constexpr std::string_view kStyle = R"css(
body{font-family:"Noto Sans",Arial,sans-serif;margin:0 auto;padding:12px;max-width:56rem;color:#1b1b1b;line-height:1.4}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:2px solid #2a6fb0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#eef3f8}
.scroll th:first-child,.scroll td:first-child{position:sticky;left:0;background:#fff;z-index:1}
.scroll th:first-child{background:#eef3f8}
tr.total td{font-weight:bold;background:#f6f6f6}td.alert{color:#b00020;font-weight:bold}
figure{margin:.6rem 0}figure svg{max-width:36rem}td.num,td.alert{white-space:nowrap}figcaption{font-size:.9rem;color:#444}nav a{margin-right:.8rem}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem}
.legend .started{background:#2a6fb0}.legend .finished{background:#3a9a5b}.note{font-size:.9rem;color:#444}
@media (max-width:40rem){body{padding:6px}.scroll th:first-child,.scroll td:first-child{max-width:7rem}
table{font-size:.8rem}th,td{padding:3px 4px}}
@page{size:A4;margin:12mm}
@media print{nav,form,.noprint{display:none}body{max-width:none;font-size:9.5pt;padding:0;color:#000}
details{display:block}summary{display:none}h2{break-after:avoid;border-bottom:1.5pt solid #000}
tr,figure{break-inside:avoid}a{color:inherit;text-decoration:none}.scroll{overflow:visible}
table{font-size:8pt}th,td{border:.5pt solid #000;padding:2px 3px}th,.scroll th:first-child{background:#fff}
.scroll td:first-child{position:static}tr.total td{background:#fff;border-top:1.5pt solid #000}
td.alert{color:#000;text-decoration:underline}td.alert::after{content:" (!)"}.note,figcaption{color:#000}}
)css";

} // namespace

std::string_view reportStyleSheet() {
    return kStyle;
}

std::vector<SurveyCell> suppressAnswers(const std::vector<std::int64_t>& answers) {
    std::vector<SurveyCell> shown(answers.size(), SurveyCell::figure);
    std::size_t small = 0; // hidden cells with someone in them
    for (std::size_t i = 0; i < answers.size(); ++i)
        if (answers[i] < kMinSurveyAnswers) {
            shown[i] = SurveyCell::tooFew;
            small += answers[i] > 0 ? 1 : 0;
        }
    // One hidden cell alone is the commune's total minus the shown ones. Hide the smallest shown one with
    // it: the subtraction then gives only the sum of two hidden cells. Hidden cells of 0 do not count as
    // cover: a village with no sessions plainly has no answers. (With two or more small cells, or none,
    // nothing more is needed; with a single village the commune's total is that village's, and is itself
    // "< 5".)
    if (small == 1) {
        std::optional<std::size_t> smallest;
        for (std::size_t i = 0; i < answers.size(); ++i)
            if (shown[i] == SurveyCell::figure && (!smallest || answers[i] < answers[*smallest]))
                smallest = i;
        if (smallest) shown[*smallest] = SurveyCell::hiddenWithSmall;
    }
    return shown;
}

std::string surveyShare(std::int64_t yes, std::int64_t no) {
    if (yes + no < kMinSurveyAnswers) return "< 5";
    return percent(yes, yes + no);
}

std::string surveyVerdict(std::int64_t yes, std::int64_t no, int targetPercent) {
    if (yes + no < kMinSurveyAnswers) return "—";
    return yes * 100 > static_cast<std::int64_t>(targetPercent) * (yes + no) ? "đạt" : "chưa đạt";
}

std::string guideTitle(std::string_view guideId) {
    return titleFor(kGuideTitles, guideId);
}

std::string topicTitle(std::string_view topicId) {
    if (topicId == "khac") return "Việc khác"; // the kiosk's "other" choice: no guides, so not in content
    return titleFor(kTopicTitles, topicId);
}

std::string cutText(std::string_view text, std::size_t maxLetters) {
    // utf8proc's grapheme clusters: a letter and its combining marks are one, so a cut never parts them.
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    const auto size = static_cast<utf8proc_ssize_t>(text.size());
    utf8proc_int32_t previous = -1, state = 0;
    std::size_t letters = 0;
    for (utf8proc_ssize_t i = 0; i < size;) {
        utf8proc_int32_t codePoint = 0;
        const utf8proc_ssize_t length = utf8proc_iterate(bytes + i, size - i, &codePoint);
        if (length <= 0) break; // not UTF-8 from here on: kept as it is
        if (previous < 0 || utf8proc_grapheme_break_stateful(previous, codePoint, &state)) {
            if (letters == maxLetters) return std::string(text.substr(0, static_cast<std::size_t>(i))) + "…";
            ++letters;
        }
        previous = codePoint;
        i += length;
    }
    return std::string(text);
}

std::string targetVerdict(std::int64_t part, std::int64_t whole, int targetPercent) {
    if (whole <= 0) return "—";
    return part * 100 > static_cast<std::int64_t>(targetPercent) * whole ? "đạt" : "chưa đạt";
}

std::string changeText(std::int64_t now, std::int64_t before) {
    if (before == 0 && now > 0) return "mới";
    if (now > before) return fmt::format("+{}", now - before);
    if (now < before) return fmt::format("−{}", before - now); // U+2212: reads as minus, never a formula
    return "0";
}

Period previousPeriod(const Period& period) {
    const int year = std::stoi(period.key.substr(0, 4));
    std::string key;
    if (period.key[5] == 'Q') {
        const int quarter = period.key[6] - '0';
        key = quarter == 1 ? fmt::format("{}-Q4", year - 1) : fmt::format("{}-Q{}", year, quarter - 1);
    } else {
        const int month = std::stoi(period.key.substr(5, 2));
        key = month == 1 ? fmt::format("{}-12", year - 1) : fmt::format("{}-{:02}", year, month - 1);
    }
    auto previous = parsePeriod(key);
    return previous ? *previous : Period{}; // before the year 2000: nothing to compare with
}

std::int64_t daysWithoutUpload(const KioskStatus& kiosk, std::int64_t nowUnix) {
    if (kiosk.lastSeenUnix <= 0) return -1;
    return std::max<std::int64_t>(0, (nowUnix - kiosk.lastSeenUnix) / 86400);
}

namespace {

std::map<std::string, PeriodUse> useByVillage(const PeriodFigures& figures) {
    std::map<std::string, PeriodUse> use;
    for (const VillageTotals& v : figures.villages) {
        PeriodUse& u = use[v.village];
        u.sessions = v.count(Count::sessions);
        u.bookingsMade = v.count(Count::bookingsMade);
        u.noShows = v.count(Count::bookingsNoShow);
        for (const auto& [place, help] : v.team)
            u.peopleHelped += help.people;
    }
    for (const GuideTotals& g : figures.guides)
        use[g.village].guidesFinished += g.finished;
    return use;
}

std::vector<ChangeRow> changeRows(const PeriodFigures& now, const PeriodFigures& before) {
    const auto current = useByVillage(now), previous = useByVillage(before);
    std::set<std::string> villages;
    for (const auto& [village, use] : current)
        villages.insert(village);
    for (const auto& [village, use] : previous)
        villages.insert(village);
    std::vector<ChangeRow> rows;
    ChangeRow commune;
    for (const std::string& village : villages) {
        ChangeRow row{village, {}, {}};
        if (auto it = current.find(village); it != current.end()) row.now = it->second;
        if (auto it = previous.find(village); it != previous.end()) row.before = it->second;
        for (auto [total, part] : {std::pair{&commune.now, &row.now}, {&commune.before, &row.before}})
            for (const ChangeFigure& f : kChangeFigures)
                total->*f.member += part->*f.member;
        rows.push_back(std::move(row));
    }
    rows.push_back(std::move(commune));
    return rows;
}

// Every village the office reports on (registered kiosks, figures in the period, population entered), each
// with its latest population entry; then the commune's sums of what was entered.
std::vector<ProgressRow> progressRows(HubStore& store, const Period& period,
                                      const std::vector<VillageTotals>& villages) {
    std::map<std::string, std::optional<PopulationFigures>> byVillage;
    for (const std::string& v : registeredVillages(store))
        byVillage[v];
    for (const VillageTotals& v : villages)
        byVillage[v.village];
    for (PopulationFigures& p : store.populationAsOf(period.days.last))
        byVillage[p.village] = std::move(p);
    std::vector<ProgressRow> rows;
    ProgressRow commune;
    PopulationFigures sums;
    for (auto& [village, figures] : byVillage) {
        ++commune.villagesAll;
        if (figures) {
            ++commune.villagesWithAdults;
            sums.adults += figures->adults;
            if (figures->smartphone) {
                ++commune.villagesWithSmartphone;
                sums.smartphone = sums.smartphone.value_or(0) + *figures->smartphone;
                commune.adultsWithSmartphoneKnown += figures->adults;
            }
            if (figures->vneid) {
                ++commune.villagesWithVneid;
                sums.vneid = sums.vneid.value_or(0) + *figures->vneid;
                commune.adultsWithVneidKnown += figures->adults;
            }
        }
        rows.push_back({village, std::move(figures)});
    }
    if (commune.villagesWithAdults > 0) commune.figures = sums;
    rows.push_back(std::move(commune));
    return rows;
}

} // namespace

namespace {
// Several periods' sums as one (a quarter from its months), in PeriodFigures' order.
PeriodFigures sumOf(const std::vector<const PeriodFigures*>& parts) {
    std::map<std::string, VillageTotals> villages;
    std::map<std::pair<std::string, std::string>, GuideTotals> guides;
    std::map<std::tuple<std::string, std::string, int>, StepTotals> steps;
    for (const PeriodFigures* part : parts) {
        for (const VillageTotals& v : part->villages) {
            VillageTotals& sum = villages[v.village];
            sum.village = v.village;
            sum.add(v);
        }
        for (const GuideTotals& g : part->guides) {
            GuideTotals& sum = guides[{g.village, g.guideId}];
            if (sum.guideId.empty()) sum = GuideTotals{g.village, g.guideId, g.topic, 0, 0};
            sum.started += g.started;
            sum.finished += g.finished;
        }
        for (const StepTotals& step : part->steps) {
            StepTotals& sum = steps[{step.village, step.guideId, step.step}];
            if (sum.guideId.empty()) sum = StepTotals{step.village, step.guideId, step.step, 0, 0};
            sum.reached += step.reached;
            sum.leftHere += step.leftHere;
        }
    }
    PeriodFigures out;
    for (auto& [name, v] : villages)
        out.villages.push_back(std::move(v));
    for (auto& [key, g] : guides)
        out.guides.push_back(std::move(g));
    for (auto& [key, step] : steps)
        out.steps.push_back(std::move(step));
    return out;
}
} // namespace

Report buildReport(HubStore& store, const Period& period, std::int64_t nowUnix,
                   const std::string& communeName) {
    Report r;
    r.communeName = communeName;
    r.period = period;
    r.previous = previousPeriod(period);
    r.nowUnix = nowUnix;
    PeriodFigures figures;
    if (period.key.find('Q') != std::string::npos) {
        // Four sums of a month each (the quarter's three and the month before it); the quarter's own is
        // the sum of its three, not read again.
        std::vector<Period> months{previousPeriod(*parsePeriod(period.days.first.substr(0, 7)))};
        for (int i = 0; i < 3; ++i)
            months.push_back(*parsePeriod(kiosk::addDays(months.back().days.last, 1).substr(0, 7)));
        std::vector<PeriodFigures> sums;
        for (const Period& m : months)
            sums.push_back(m.key.empty() ? PeriodFigures{} : store.periodFigures(m.days));
        for (std::size_t i = 1; i < months.size(); ++i)
            for (ChangeRow& row : changeRows(sums[i], sums[i - 1]))
                r.months.push_back({months[i].title, std::move(row)});
        const bool monthsMakeQuarter =
            months[1].days.first == period.days.first && months[3].days.last == period.days.last;
        figures =
            monthsMakeQuarter ? sumOf({&sums[1], &sums[2], &sums[3]}) : store.periodFigures(period.days);
    } else {
        figures = store.periodFigures(period.days);
    }
    r.changes =
        changeRows(figures, r.previous.key.empty() ? PeriodFigures{} : store.periodFigures(r.previous.days));
    r.progress = progressRows(store, period, figures.villages);
    r.villages = std::move(figures.villages);
    r.commune.village = std::string(kCommuneLabel);
    for (const auto& v : r.villages)
        r.commune.add(v);

    std::map<std::pair<std::string, std::string>, TopicRow> villageTopics;
    std::map<std::string, TopicRow> communeTopics;
    std::map<std::string, FunnelRow> funnels;
    for (const auto& g : figures.guides) {
        auto& vt = villageTopics[{g.village, g.topic}];
        vt.village = g.village;
        vt.topic = g.topic;
        vt.started += g.started;
        vt.finished += g.finished;
        auto& ct = communeTopics[g.topic];
        ct.topic = g.topic;
        ct.started += g.started;
        ct.finished += g.finished;
        auto& f = funnels[g.guideId];
        f.guideId = g.guideId;
        f.topic = g.topic;
        f.started += g.started;
        f.finished += g.finished;
    }
    for (auto& [key, row] : villageTopics)
        r.topics.push_back(std::move(row));
    for (auto& [key, row] : communeTopics)
        r.topics.push_back(std::move(row));

    std::map<std::pair<std::string, int>, StepTotals> communeSteps;
    for (const auto& s : figures.steps) {
        auto& c = communeSteps[{s.guideId, s.step}];
        c.guideId = s.guideId;
        c.step = s.step;
        c.reached += s.reached;
        c.leftHere += s.leftHere;
    }
    for (auto& [key, step] : communeSteps) {
        auto& f = funnels[key.first];
        f.guideId = key.first;
        f.steps.push_back(step);
    }
    for (auto& [id, f] : funnels)
        r.funnels.push_back(std::move(f));
    r.villageSteps = std::move(figures.steps);
    r.kiosks = store.kioskStatuses();
    return r;
}

std::string htmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string csvField(std::string_view text) {
    // A kiosk (or whoever holds its token) chooses versions, errors, guide ids and village names; a
    // cell starting like a formula would run as one when staff open the file in LibreOffice or Excel
    // (OWASP "CSV injection"). A leading apostrophe makes the spreadsheet show it as text.
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        return quotedCsv("'" + std::string(text));
    return quotedCsv(text);
}

std::string renderText(const Report& r) {
    std::string out = heading(r) + "\n";
    for (const auto& t : reportTables(r, true)) {
        out += "\n== " + t.title + " ==\n";
        if (t.rows.empty()) {
            out += "(chưa có số liệu)\n";
            continue;
        }
        std::vector<std::vector<std::string>> lines;
        for (const auto& row : t.rows) {
            std::vector<std::string> cells;
            for (const auto& cell : row)
                cells.push_back(cell.alert ? cell.text + " (!)" : cell.text);
            lines.push_back(std::move(cells));
        }
        std::vector<std::size_t> widths(t.headers.size(), 0);
        for (std::size_t c = 0; c < t.headers.size(); ++c)
            widths[c] = displayWidth(t.headers[c]);
        for (const auto& cells : lines)
            for (std::size_t c = 0; c < cells.size() && c < widths.size(); ++c)
                widths[c] = std::max(widths[c], displayWidth(cells[c]));
        const auto line = [&](const std::vector<std::string>& cells) {
            std::string text;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                text += cells[c];
                if (c + 1 < cells.size()) text += std::string(widths[c] - displayWidth(cells[c]) + 2, ' ');
            }
            return text + "\n";
        };
        out += line(t.headers);
        for (const auto& cells : lines)
            out += line(cells);
    }
    return out;
}

std::string renderCsv(const Report& r) {
    std::string out = "\xEF\xBB\xBF"; // BOM: LibreOffice and Excel then read the file as UTF-8
    out += csvField(heading(r)) + "\r\n";
    for (const auto& t : reportTables(r, true)) {
        out += "\r\n" + csvField(t.title) + "\r\n";
        std::string header;
        for (const auto& h : t.headers)
            header += (header.empty() ? "" : ",") + csvField(h);
        out += header + "\r\n";
        for (const auto& row : t.rows) {
            std::string line;
            for (std::size_t c = 0; c < row.size(); ++c)
                line += (c ? "," : "") + (row[c].number ? quotedCsv(row[c].text) : csvField(row[c].text));
            out += line + "\r\n";
        }
    }
    return out;
}

namespace {

// The workbook's sheet for each table (at most 31 characters, none of []:*?/\).
std::string_view sheetName(std::string_view tableId) {
    static constexpr std::pair<std::string_view, std::string_view> kSheets[] = {
        {"tien-do", "Tiến độ mục tiêu"},
        {"hoat-dong-to", "Hoạt động của tổ"},
        {"so-voi-ky-truoc", "So với kỳ trước"},
        {"su-dung", "Sử dụng và hẹn"},
        {"chu-de", "Chủ đề"},
        {"khao-sat", "Khảo sát trên ki-ốt"},
        {"cac-buoc", "Dừng ở bước (toàn xã)"},
        {"cac-buoc-theo-thon", "Dừng ở bước (thôn)"},
        {"ki-ot", "Tình trạng ki-ốt"},
        {"tung-thang", "Từng tháng"}};
    for (const auto& [id, name] : kSheets)
        if (id == tableId) return name;
    return tableId;
}

// A figure the hub computed, as the spreadsheet's number: "850", "+6", "−990" (U+2212), "82 %" (0.82).
std::optional<double> cellNumber(const Cell& cell, bool& isPercent) {
    if (!cell.number && !cell.text.ends_with(" %")) return std::nullopt;
    std::string_view text = cell.text;
    isPercent = text.ends_with(" %");
    if (isPercent) text.remove_suffix(2);
    double sign = 1;
    if (text.starts_with("+")) {
        text.remove_prefix(1);
    } else if (text.starts_with("−")) {
        text.remove_prefix(std::string_view("−").size());
        sign = -1;
    } else if (text.starts_with("-")) {
        text.remove_prefix(1);
        sign = -1;
    }
    if (text.empty() || text.size() > 15 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const double value = sign * static_cast<double>(std::stoll(std::string(text)));
    return isPercent ? value / 100 : value;
}

struct WorkbookCloser {
    void operator()(lxw_workbook* w) const noexcept { workbook_close(w); }
};

// Staff enter a village's figures here (POST /population: the checks of `commune-hub population set`).
std::string populationForm(const Report& r) {
    std::string villages;
    for (const ProgressRow& p : r.progress)
        if (!p.village.empty()) villages += fmt::format("<option>{}</option>", htmlEscape(p.village));
    if (villages.empty()) return {};
    return fmt::format(
        "<details class=\"noprint\"><summary>Nhập số liệu dân số của thôn</summary>\n"
        "<form method=\"post\" action=\"/population\"><p><label>Thôn (village) <select name=\"village\">{}"
        "</select></label></p><p><label>Số người lớn (adults) <input name=\"adults\" inputmode=\"numeric\" "
        "required size=\"8\"></label></p><p><label>Có điện thoại thông minh (smartphone) <input "
        "name=\"smartphone\" inputmode=\"numeric\" size=\"8\"></label></p><p><label>Có tài khoản VNeID "
        "(vneid) <input name=\"vneid\" inputmode=\"numeric\" size=\"8\"></label></p><p><label>Số liệu "
        "ngày (as-of) <input name=\"as-of\" type=\"date\" required></label></p><p><button>Lưu</button> "
        "(để trống nếu chưa biết)</p></form></details>\n",
        villages);
}

} // namespace

std::string renderXlsx(const Report& r) {
    // libxlsxwriter (Debian 12: 1.1.4) writes a file: a private temporary one, read back and removed.
    std::string path = (std::filesystem::temp_directory_path() / "commune-hub-report-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) throw std::runtime_error("xlsx: cannot make a temporary file");
    ::close(fd);
    struct Remove {
        std::string path;
        ~Remove() { std::remove(path.c_str()); }
    } removeAfter{path};

    std::unique_ptr<lxw_workbook, WorkbookCloser> book(workbook_new(path.c_str()));
    if (!book) throw std::runtime_error("xlsx: cannot start the workbook");
    lxw_format* bold = workbook_add_format(book.get());
    format_set_bold(bold);
    lxw_format* header = workbook_add_format(book.get());
    format_set_bold(header);
    format_set_text_wrap(header);
    lxw_format* percentFormat = workbook_add_format(book.get());
    format_set_num_format(percentFormat, "0%");
    lxw_format* totalFormat = workbook_add_format(book.get());
    format_set_bold(totalFormat);

    for (const Table& t : reportTables(r, true)) {
        lxw_worksheet* sheet = workbook_add_worksheet(book.get(), std::string(sheetName(t.id)).c_str());
        if (!sheet) throw std::runtime_error(fmt::format("xlsx: cannot add the sheet for {}", t.id));
        worksheet_write_string(sheet, 0, 0, heading(r).c_str(), bold);
        worksheet_write_string(sheet, 1, 0, t.title.c_str(), bold);
        for (std::size_t c = 0; c < t.headers.size(); ++c)
            worksheet_write_string(sheet, 2, static_cast<lxw_col_t>(c), t.headers[c].c_str(), header);
        worksheet_set_column(sheet, 0, 0, 24, nullptr);
        if (t.headers.size() > 1)
            worksheet_set_column(sheet, 1, static_cast<lxw_col_t>(t.headers.size() - 1), 14, nullptr);
        lxw_row_t row = 3;
        for (const auto& cells : t.rows) {
            const bool total = !cells.empty() && cells.front().total;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const auto col = static_cast<lxw_col_t>(c);
                bool isPercent = false;
                if (const auto value = cellNumber(cells[c], isPercent))
                    worksheet_write_number(sheet, row, col, *value, isPercent ? percentFormat : nullptr);
                else // text stays text: a spreadsheet never runs a string cell as a formula
                    worksheet_write_string(sheet, row, col, cells[c].text.c_str(),
                                           total && c == 0 ? totalFormat : nullptr);
            }
            ++row;
        }
    }
    if (workbook_close(book.release()) != LXW_NO_ERROR)
        throw std::runtime_error("xlsx: cannot write the workbook");
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::string renderHtml(const Report& r) {
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                  "<title>{}</title><style>{}</style></head><body>\n<h1>{}</h1>\n",
                                  htmlEscape(heading(r)), kStyle, htmlEscape(heading(r)));
    const std::string query = r.period.key.find('Q') != std::string::npos ? "quarter=" : "month=";
    out += fmt::format(
        "<nav class=\"noprint\"><a href=\"/reports.csv?{0}{1}\">Tải CSV</a> <a "
        "href=\"/reports.xlsx?{0}{1}\">Tải Excel (.xlsx)</a> (In: Ctrl+P)"
        "</nav>\n<form class=\"noprint\" method=\"post\" action=\"/logout\"><button>Đăng "
        "xuất</button></form>\n"
        "<form class=\"noprint\" method=\"get\" action=\"/reports\"><label>Tháng <input name=\"month\" "
        "placeholder=\"2026-11\" size=\"8\"></label> <button>Xem</button></form>\n",
        query, htmlEscape(r.period.key));
    out += fmt::format("<p>Cập nhật lúc {} (giờ Việt Nam).</p>\n", kiosk::localDateTime(r.nowUnix));
    out += "<p class=\"note\">Tiến độ so với mục tiêu tính trên số người lớn của từng thôn do xã nhập "
           "(khảo sát của xã, số liệu của công an). Khảo sát trên ki-ốt chỉ nói về những người đã dùng "
           "ki-ốt, không phải cả thôn.</p>\n";

    const auto tables = reportTables(r, false);
    std::vector<Bar> sessionBars;
    for (const auto& v : r.villages)
        sessionBars.push_back({v.village, v.count(Count::sessions)});
    std::vector<Bar> topicBars;
    for (const auto& t : r.topics)
        if (t.village.empty()) topicBars.push_back({topicTitle(t.topic), t.started, t.finished});

    for (const auto& t : tables) {
        if (t.id == "su-dung") out += barChart("Lượt sử dụng theo thôn", sessionBars, "Lượt sử dụng", "");
        if (t.id == "chu-de") {
            out += "<p class=\"legend\"><span class=\"started\"></span>Bắt đầu"
                   "<span class=\"finished\"></span>Hoàn thành</p>";
            out += barChart("Toàn xã: hướng dẫn theo chủ đề", topicBars, "Bắt đầu", "Hoàn thành");
        }
        if (t.id == "cac-buoc") {
            out += "<h2>Các bước: người dân dừng ở đâu</h2>\n";
            for (const auto& f : r.funnels) {
                std::vector<Bar> bars;
                for (const auto& s : f.steps)
                    bars.push_back({fmt::format("Bước {}", s.step), s.reached, s.leftHere});
                out += barChart(
                    fmt::format(
                        "{} ({}): bắt đầu {}, hoàn thành {} — xanh dương: đến bước, xanh lá: dừng ở bước",
                        guideTitle(f.guideId), topicTitle(f.topic), f.started, f.finished),
                    bars, "Đến bước này", "Dừng ở bước này");
            }
            Table copy = t;
            copy.collapsed = true;
            out += htmlTable(copy);
            continue;
        }
        out += htmlTable(t);
        if (t.id == "tien-do") out += populationForm(r);
        // What "< 5" and the hidden cell mean, under each table that has them.
        const auto smallNote = [](std::string_view counted, std::string_view more) {
            return fmt::format("<p>“< 5”: dưới {} {}. “{}”: ẩn thêm để không ai tính ngược được ô “< 5” "
                               "từ số của toàn xã.{}</p>\n",
                               kMinSurveyAnswers, counted, kHiddenCell, more);
        };
        if (t.id == "khao-sat") out += smallNote("người trả lời", "");
        if (t.id == "hoat-dong-to")
            out += smallNote("người (hoặc lần)", " Số hẹn ở ki-ốt như ở bảng sử dụng.");
    }
    out += "<p class=\"noprint\">Chi tiết các bước theo từng thôn: xem tệp CSV.</p>\n</body></html>\n";
    return out;
}

} // namespace commune
