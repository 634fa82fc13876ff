#include "team/team_store.hpp"

#include "common/local_time.hpp"

#include <fmt/format.h>

namespace kiosk {

namespace {
Result<void> checkCount(std::string_view field, int value, int least) {
    if (value < least || value > kMaxTeamCount)
        return fail(ErrorKind::invalidInput,
                    fmt::format("{}: must be a whole number from {} to {}", field, least, kMaxTeamCount));
    return {};
}
} // namespace

Result<std::int64_t> TeamStore::record(const TeamHelpRecord& help,
                                       std::chrono::system_clock::time_point now) {
    const std::string today = localDay(now);
    if (!parseIsoDay(help.day))
        return fail(ErrorKind::invalidInput, "day: must be a date written YYYY-MM-DD");
    if (help.day > today || help.day < addDays(today, -kTeamDaysBack))
        return fail(ErrorKind::invalidInput,
                    fmt::format("day: must be today or one of the {} days before", kTeamDaysBack));
    if (!upload::findPlace(help.place))
        return fail(ErrorKind::invalidInput, fmt::format("place: unknown place kind \"{}\"", help.place));
    if (auto ok = checkCount("people", help.people, 1); !ok) return std::unexpected(ok.error());
    for (const auto& [key, times] : help.results) {
        if (!upload::findResult(key))
            return fail(ErrorKind::invalidInput, fmt::format("results: unknown result \"{}\"", key));
        if (auto ok = checkCount(fmt::format("results.{}", key), times, 0); !ok)
            return std::unexpected(ok.error());
    }
    db::Transaction transaction(m_db);
    m_db.prepare("INSERT INTO team_help (day, place, people, recorded_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, std::string_view(help.day))
        .bind(2, std::string_view(help.place))
        .bind(3, help.people)
        .bind(4, std::string_view(isoUtc(now)))
        .run();
    const std::int64_t id = m_db.lastInsertRowId();
    db::Statement insert =
        m_db.prepare("INSERT INTO team_help_result (help_id, result, times) VALUES (?1, ?2, ?3)");
    for (const auto& [key, times] : help.results) {
        if (times == 0) continue; // not achieved: nothing to count
        insert.bind(1, id).bind(2, std::string_view(key)).bind(3, times).run();
    }
    resendDay(help.day);
    transaction.commit();
    return id;
}

Result<void> TeamStore::addSatisfaction(std::string_view answer, std::chrono::system_clock::time_point now) {
    if (!upload::findSatisfaction(answer))
        return fail(ErrorKind::invalidInput, fmt::format("answer: unknown answer \"{}\"", answer));
    const std::string day = localDay(now);
    db::Transaction transaction(m_db);
    m_db.prepare("INSERT INTO satisfaction_count (day, answer, times) VALUES (?1, ?2, 1) "
                 "ON CONFLICT (day, answer) DO UPDATE SET times = times + 1")
        .bind(1, std::string_view(day))
        .bind(2, answer)
        .run();
    resendDay(day);
    transaction.commit();
    return {};
}

void TeamStore::resendDay(std::string_view day) {
    m_db.prepare("UPDATE usage_rollup SET sent = 0 WHERE day = ?1 AND sent = 1").bind(1, day).run();
}

upload::TeamActivity TeamStore::activity(std::string_view day) const {
    upload::TeamActivity out;
    db::Statement help =
        m_db.prepare("SELECT place, count(*), sum(people) FROM team_help WHERE day = ?1 GROUP BY place");
    help.bind(1, day);
    while (help.step()) {
        upload::TeamHelp& h = out[help.columnText(0)];
        h.events = help.columnInt(1);
        h.people = help.columnInt(2);
    }
    db::Statement results = m_db.prepare(
        "SELECT h.place, r.result, sum(r.times) FROM team_help_result r JOIN team_help h ON h.id = r.help_id "
        "WHERE h.day = ?1 GROUP BY 1, 2");
    results.bind(1, day);
    while (results.step())
        out[results.columnText(0)].results[results.columnText(1)] = results.columnInt(2);
    return out;
}

upload::Satisfaction TeamStore::satisfaction(std::string_view day) const {
    upload::Satisfaction out;
    db::Statement query = m_db.prepare("SELECT answer, times FROM satisfaction_count WHERE day = ?1");
    query.bind(1, day);
    while (query.step())
        out[query.columnText(0)] = query.columnInt(1);
    return out;
}

} // namespace kiosk
