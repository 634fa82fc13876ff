#include "auth.hpp"

#include <arpa/inet.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>

namespace commune::auth {

namespace {

std::string toHex(const unsigned char* bytes, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

} // namespace

std::string randomSecret() {
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return toHex(bytes.data(), bytes.size());
}

std::string hashSecret(std::string_view secret) {
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size(), nullptr, 0);
    return toHex(digest.data(), digest.size());
}

std::string hashPassword(std::string_view password) {
    std::array<char, crypto_pwhash_STRBYTES> out{};
    // INTERACTIVE limits: a login takes well under a second on the hub's small machine.
    if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("cannot hash the password (out of memory)");
    return std::string(out.data());
}

bool verifyPassword(const std::string& storedHash, std::string_view password) {
    return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
}

const std::string& dummyPasswordHash() {
    static const std::string hash = hashPassword(randomSecret());
    return hash;
}

std::string passwordProblem(std::string_view password) {
    if (password.size() < 8) return "needs at least 8 characters";
    if (password.find_first_not_of(" \t") == std::string_view::npos) return "is only blanks";
    return {};
}

std::string clientKey(std::string_view address) {
    constexpr std::string_view mapped = "::ffff:";
    if (address.starts_with(mapped) && address.find('.') != std::string_view::npos)
        return std::string(address.substr(mapped.size()));
    if (address.find(':') == std::string_view::npos) return std::string(address);
    in6_addr parsed{};
    if (inet_pton(AF_INET6, std::string(address).c_str(), &parsed) != 1) return std::string(address);
    std::fill(std::begin(parsed.s6_addr) + 8, std::end(parsed.s6_addr), 0);
    std::array<char, INET6_ADDRSTRLEN> text{};
    inet_ntop(AF_INET6, &parsed, text.data(), text.size());
    return std::string(text.data()) + "/64";
}

void LoginThrottle::addMiss(Misses& misses, int freeMisses, std::int64_t nowUnix) {
    ++misses.count;
    misses.lastMiss = nowUnix;
    if (misses.count >= freeMisses) {
        const int doublings = std::min(misses.count - freeMisses, 7); // 30 s · 2^7 ≈ an hour
        misses.lockedUntil = nowUnix + std::min<std::int64_t>(30LL << doublings, 3600);
    }
}

void LoginThrottle::makeRoom(Table& table, std::size_t limit) {
    while (!table.empty() && table.size() >= limit) {
        auto first = table.begin();
        for (auto it = table.begin(); it != table.end(); ++it)
            if (std::pair(it->second.lockedUntil, it->second.lastMiss) <
                std::pair(first->second.lockedUntil, first->second.lastMiss))
                first = it;
        table.erase(first);
    }
}

namespace {
// Made-up names are attacker's text: long ones are kept by their hash, so the table's size stays bounded.
std::string unknownKey(const std::string& user) {
    return user.size() <= 64 ? user : "#" + hashSecret(user);
}
} // namespace

bool LoginThrottle::trusted(const std::string& user, const std::string& key) const {
    const auto found = m_knownNames.find(user);
    return found != m_knownNames.end() &&
           std::ranges::find(found->second.trusted, key) != found->second.trusted.end();
}

std::int64_t LoginThrottle::waitSeconds(std::string_view address, const std::string& user, bool knownUser,
                                        std::int64_t nowUnix) {
    const std::string key = clientKey(address);
    std::lock_guard lock(m_mutex);
    std::int64_t until = 0;
    if (const auto found = m_addresses.find(key); found != m_addresses.end())
        until = found->second.lockedUntil;
    if (knownUser) {
        if (const auto found = m_knownNames.find(user); found != m_knownNames.end() && !trusted(user, key))
            until = std::max(until, found->second.misses.lockedUntil);
    } else if (const auto found = m_unknownNames.find(unknownKey(user)); found != m_unknownNames.end()) {
        until = std::max(until, found->second.lockedUntil);
    }
    return std::max<std::int64_t>(0, until - nowUnix);
}

void LoginThrottle::failed(std::string_view address, const std::string& user, bool knownUser,
                           std::int64_t nowUnix) {
    const std::string key = clientKey(address);
    std::lock_guard lock(m_mutex);
    if (!m_addresses.contains(key)) makeRoom(m_addresses, m_limits.maxAddresses);
    addMiss(m_addresses[key], m_limits.addressFreeMisses, nowUnix);
    if (knownUser) {
        if (!m_knownNames.contains(user) && m_knownNames.size() >= m_limits.maxKnownNames) {
            // Only real accounts live here; make room from the one whose lock ends first.
            auto first = m_knownNames.begin();
            for (auto it = m_knownNames.begin(); it != m_knownNames.end(); ++it)
                if (it->second.misses.lockedUntil < first->second.misses.lockedUntil) first = it;
            m_knownNames.erase(first);
        }
        addMiss(m_knownNames[user].misses, m_limits.nameFreeMisses, nowUnix);
    } else {
        const std::string name = unknownKey(user);
        if (!m_unknownNames.contains(name)) makeRoom(m_unknownNames, m_limits.maxUnknownNames);
        addMiss(m_unknownNames[name], m_limits.nameFreeMisses, nowUnix);
    }
}

void LoginThrottle::succeeded(std::string_view address, const std::string& user) {
    const std::string key = clientKey(address);
    std::lock_guard lock(m_mutex);
    m_addresses.erase(key);
    NameEntry& entry = m_knownNames[user];
    entry.misses = {};
    std::erase(entry.trusted, key);
    entry.trusted.push_back(key);
    if (entry.trusted.size() > m_limits.trustedPerName) entry.trusted.erase(entry.trusted.begin());
}

std::size_t LoginThrottle::trackedEntries() {
    std::lock_guard lock(m_mutex);
    return m_addresses.size() + m_unknownNames.size() + m_knownNames.size();
}

} // namespace commune::auth
