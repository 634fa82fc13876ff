#include "staff/screen_flags.hpp"

#include "common/local_time.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>

namespace kiosk {

namespace {
// 16 hex digits from libsodium: unique enough per kiosk, and nothing in it says who or when.
std::string newFlagId() {
    std::array<unsigned char, 8> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string out;
    for (unsigned char b : bytes)
        out += fmt::format("{:02x}", b);
    return out;
}

std::size_t utf8Characters(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}
} // namespace

Result<upload::ScreenFlag> ScreenFlagStore::add(std::string_view guideId, std::string_view guideTitle,
                                                int step, std::string_view what, std::string_view note,
                                                std::chrono::system_clock::time_point now) {
    if (guideId.empty() || guideId.size() > upload::kMaxNameBytes)
        return fail(ErrorKind::invalidInput, "guide_id: must be 1..100 bytes");
    if (step < 1 || step > upload::kMaxStepsPerGuide)
        return fail(ErrorKind::invalidInput, "step: must be a number from 1 to 100");
    if (!upload::isFlagKind(what))
        return fail(ErrorKind::invalidInput, "what: must be text, button, order or picture");
    if (utf8Characters(note) > kMaxFlagNoteCharacters || note.size() > upload::kMaxFlagNoteBytes)
        return fail(ErrorKind::invalidInput,
                    fmt::format("note: at most {} characters", kMaxFlagNoteCharacters));
    upload::ScreenFlag flag{
        newFlagId(), std::string(guideId), std::string(guideTitle.substr(0, upload::kMaxFlagTitleBytes)),
        step,        std::string(what),    std::string(note),
        isoUtc(now)};
    m_db.prepare(
            "INSERT INTO screen_flag (flag_id, day, guide_id, guide_title, step, what, note, flagged_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, flag.flagId)
        .bind(2, isoDay(toLocal(now).date))
        .bind(3, flag.guideId)
        .bind(4, flag.guideTitle)
        .bind(5, flag.step)
        .bind(6, flag.what)
        .bind(7, flag.note)
        .bind(8, flag.flaggedAt)
        .run();
    return flag;
}

std::vector<upload::ScreenFlag> ScreenFlagStore::forDay(std::string_view day) const {
    auto q =
        m_db.prepare("SELECT flag_id, guide_id, guide_title, step, what, note, flagged_at FROM screen_flag "
                     "WHERE day = ?1 ORDER BY id LIMIT ?2");
    q.bind(1, day).bind(2, static_cast<std::int64_t>(upload::kMaxFlagsPerUpload));
    std::vector<upload::ScreenFlag> out;
    while (q.step())
        out.push_back({q.columnText(0), q.columnText(1), q.columnText(2), q.columnInt(3), q.columnText(4),
                       q.columnText(5), q.columnText(6)});
    return out;
}

int ScreenFlagStore::count() const {
    auto q = m_db.prepare("SELECT count(*) FROM screen_flag");
    return q.step() ? q.columnInt(0) : 0;
}

namespace {
bool olderThanLimit(content::Date on, content::Date today) {
    const int months = (today.year * 12 + today.month) - (on.year * 12 + on.month);
    return months > content::kVerificationMonths ||
           (months == content::kVerificationMonths && today.day > on.day);
}
} // namespace

std::vector<GuideToCheck> guidesToCheck(const content::Library& library, content::Date today) {
    std::vector<GuideToCheck> out;
    for (const content::Guide& guide : library.guides) {
        std::vector<std::size_t> unverified;
        const content::Verification* oldest = nullptr;
        for (std::size_t i = 0; i < guide.steps.size(); ++i) {
            const content::Verification* v = content::verificationOf(guide, guide.steps[i]);
            if (!v)
                unverified.push_back(i + 1);
            else if (!oldest || v->on < oldest->on)
                oldest = v;
        }
        std::string reason;
        if (!oldest) {
            reason = "Chưa so với ứng dụng thật";
        } else if (!unverified.empty()) {
            std::string steps;
            for (std::size_t n : unverified)
                steps += (steps.empty() ? "" : ", ") + std::to_string(n);
            reason = fmt::format("Bước {} chưa so với ứng dụng thật", steps);
        } else if (today != content::Date{} && olderThanLimit(oldest->on, today)) {
            reason = fmt::format("So lần cuối {:02}/{:02}/{}, đã quá {} tháng", oldest->on.day,
                                 oldest->on.month, oldest->on.year, content::kVerificationMonths);
        }
        if (!reason.empty()) out.push_back({guide.id, guide.title, std::move(reason)});
    }
    return out;
}

} // namespace kiosk
