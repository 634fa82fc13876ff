// Secrets of the hub: kiosk tokens and staff sessions are random and stored only as hashes;
// staff passwords are stored as crypto_pwhash_str strings. Call sodium_init() (in main) first.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace commune::auth {

// 32 random bytes as 64 hex digits: a kiosk token or a session id.
[[nodiscard]] std::string randomSecret();
// Hex BLAKE2b-256 (crypto_generichash) of a token or session id: what the store keeps.
[[nodiscard]] std::string hashSecret(std::string_view secret);
// Throws std::runtime_error when libsodium cannot hash (out of memory).
[[nodiscard]] std::string hashPassword(std::string_view password);
[[nodiscard]] bool verifyPassword(const std::string& storedHash, std::string_view password);

// Wrong passwords per user name: after 5 in a row, that name is refused for 30 s, doubling with each
// further miss up to an hour, as the kiosk's PIN pad does. Kept in memory (a restart forgives); at most
// kMaxNames names are tracked, so guessing names cannot grow it without bound. Thread-safe.
class LoginThrottle {
  public:
    static constexpr int kFreeMisses = 5;
    static constexpr std::size_t kMaxNames = 10000;
    // Seconds until the name may try again; 0: now.
    [[nodiscard]] std::int64_t waitSeconds(const std::string& user, std::int64_t nowUnix);
    void failed(const std::string& user, std::int64_t nowUnix);
    void succeeded(const std::string& user);

  private:
    struct Misses {
        int count = 0;
        std::int64_t lockedUntil = 0;
    };
    std::mutex m_mutex;
    std::map<std::string, Misses> m_misses;
};

} // namespace commune::auth
