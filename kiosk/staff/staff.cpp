#include "staff/staff.hpp"

#include "common/local_time.hpp"
#include "staff/sodium_init.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace kiosk {

namespace {

bool isBlank(std::string_view text) {
    return std::ranges::all_of(text, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

} // namespace

bool isValidPin(std::string_view pin) {
    return pin.size() >= 4 && pin.size() <= 8 &&
           std::ranges::all_of(pin, [](char c) { return c >= '0' && c <= '9'; });
}

// Only active members count: a deactivated one can no longer open staff mode.
bool StaffRepository::hasAnyMember() {
    db::Statement query = m_db.prepare("SELECT EXISTS (SELECT 1 FROM staff_member WHERE active = 1)");
    return query.step() && query.columnInt(0) != 0;
}

StaffMember StaffRepository::createMember(std::string_view name, std::string_view pin,
                                          std::chrono::system_clock::time_point now) {
    if (!isValidPin(pin)) throw std::invalid_argument("a staff PIN must be 4 to 8 digits");
    if (isBlank(name)) throw std::invalid_argument("a staff member needs a name");

    ensureSodium();
    char hash[crypto_pwhash_STRBYTES];
    // Hashed before the transaction: it takes a good fraction of a second, and the write lock should not.
    if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("not enough memory to hash the staff PIN");
    }

    db::Transaction transaction(m_db);
    db::Statement insert =
        m_db.prepare("INSERT INTO staff_member (name, pin_hash, created_at) VALUES (?1, ?2, ?3)");
    insert.bind(1, name).bind(2, std::string_view(hash)).bind(3, isoUtc(now));
    insert.run();
    StaffMember member{m_db.lastInsertRowId(), std::string(name)};
    // Who added the member is not known here (the first one is added at setup), so the kiosk is the actor.
    audit(std::nullopt, "staff.created", fmt::format("id={} name={}", member.id, member.name), now);
    transaction.commit();
    return member;
}

std::optional<StaffMember> StaffRepository::findByPin(std::string_view pin) {
    if (!isValidPin(pin)) return std::nullopt; // no member can have it; spare the slow hashes
    ensureSodium();

    struct Candidate {
        StaffMember member;
        std::string hash;
    };
    std::vector<Candidate> candidates;
    {
        // Read everything first: the statement (and its read snapshot) should not live through the hashing.
        db::Statement query =
            m_db.prepare("SELECT id, name, pin_hash FROM staff_member WHERE active = 1 ORDER BY id");
        while (query.step()) {
            candidates.push_back({{query.columnInt64(0), query.columnText(1)}, query.columnText(2)});
        }
    }
    for (Candidate& candidate : candidates) {
        if (crypto_pwhash_str_verify(candidate.hash.c_str(), pin.data(), pin.size()) == 0) {
            return std::move(candidate.member);
        }
    }
    return std::nullopt;
}

void StaffRepository::audit(std::optional<std::int64_t> staffId, std::string_view action,
                            std::string_view detail, std::chrono::system_clock::time_point now) {
    db::Statement insert =
        m_db.prepare("INSERT INTO audit_log (at, staff_id, action, detail) VALUES (?1, ?2, ?3, ?4)");
    insert.bind(1, isoUtc(now));
    if (staffId) {
        insert.bind(2, *staffId);
    } else {
        insert.bind(2, nullptr);
    }
    insert.bind(3, action).bind(4, detail);
    insert.run();
}

// ---- Staff desk -----------------------------------------------------------------------------------------

std::vector<StaffMember> StaffRepository::listMembers() {
    db::Statement query =
        m_db.prepare("SELECT id, name FROM staff_member WHERE active = 1 ORDER BY name, id");
    std::vector<StaffMember> members;
    while (query.step())
        members.push_back({query.columnInt64(0), query.columnText(1)});
    return members;
}

bool StaffRepository::pinInUse(std::string_view pin) {
    return findByPin(pin).has_value();
}

Result<void> StaffRepository::deactivate(std::int64_t memberId, std::int64_t byMemberId,
                                         std::chrono::system_clock::time_point now) {
    if (memberId == byMemberId) return fail(ErrorKind::refused, "Không thể tự ngừng tài khoản của mình.");
    db::Transaction transaction(m_db);
    db::Statement active = m_db.prepare("SELECT count(*), sum(id = ?1) FROM staff_member WHERE active = 1");
    active.bind(1, memberId);
    if (!active.step() || active.columnInt(1) == 0)
        return fail(ErrorKind::notFound, "Không tìm thấy thành viên này.");
    if (active.columnInt(0) <= 1) return fail(ErrorKind::refused, "Không thể ngừng thành viên cuối cùng.");
    db::Statement update = m_db.prepare("UPDATE staff_member SET active = 0 WHERE id = ?1");
    update.bind(1, memberId);
    update.run();
    audit(byMemberId, "staff.deactivated", fmt::format("id={}", memberId), now);
    transaction.commit();
    return {};
}

} // namespace kiosk
