#include "auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
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

std::int64_t LoginThrottle::waitSeconds(const std::string& user, std::int64_t nowUnix) {
    std::lock_guard lock(m_mutex);
    const auto found = m_misses.find(user);
    return found == m_misses.end() ? 0 : std::max<std::int64_t>(0, found->second.lockedUntil - nowUnix);
}

void LoginThrottle::failed(const std::string& user, std::int64_t nowUnix) {
    std::lock_guard lock(m_mutex);
    if (m_misses.size() >= kMaxNames && !m_misses.contains(user)) {
        std::erase_if(m_misses, [&](const auto& entry) { return entry.second.lockedUntil <= nowUnix; });
        if (m_misses.size() >= kMaxNames) return; // all locked: a flood; the slow hash still limits it
    }
    Misses& misses = m_misses[user];
    ++misses.count;
    if (misses.count >= kFreeMisses) {
        const int doublings = std::min(misses.count - kFreeMisses, 7); // 30 s · 2^7 ≈ an hour
        misses.lockedUntil = nowUnix + std::min<std::int64_t>(30LL << doublings, 3600);
    }
}

void LoginThrottle::succeeded(const std::string& user) {
    std::lock_guard lock(m_mutex);
    m_misses.erase(user);
}

} // namespace commune::auth
