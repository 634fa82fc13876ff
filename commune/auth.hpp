// Secrets of the hub: kiosk tokens and staff sessions are random and stored only as hashes;
// staff passwords are stored as crypto_pwhash_str strings. Call sodium_init() (in main) first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace commune::auth {

// 32 random bytes as 64 hex digits: a kiosk token or a session id.
[[nodiscard]] std::string randomSecret();
// Hex BLAKE2b-256 (crypto_generichash) of a token or session id: what the store keeps.
[[nodiscard]] std::string hashSecret(std::string_view secret);
// Throws std::runtime_error when libsodium cannot hash (out of memory).
[[nodiscard]] std::string hashPassword(std::string_view password);
[[nodiscard]] bool verifyPassword(const std::string& storedHash, std::string_view password);
// A hash of a random password with the same parameters as hashPassword: an unknown user name is checked
// against it, so it costs the same time as a known one and the answer's timing does not list names.
[[nodiscard]] const std::string& dummyPasswordHash();

// Why a staff password is refused, or "" when it is acceptable: at least 8 characters, not only blanks.
[[nodiscard]] std::string passwordProblem(std::string_view password);

// What the login throttle counts a client as: an IPv4 address as it is; an IPv6 address by its /64 (one
// machine usually has the whole /64, so counting each address would let it reset its own count).
[[nodiscard]] std::string clientKey(std::string_view address);

// Wrong passwords, counted twice: per client address (any user name) and per user name (any address).
// - Address: after 5 misses in a row it is refused for 30 s, doubling with each further miss up to an hour,
//   as the kiosk's PIN pad does. A success from it forgives it.
// - Name: after 20 misses in a row from anywhere (several addresses guessing one account) the name is
//   refused the same way, except from addresses where that account has logged in before ("trusted"): a
//   guesser elsewhere cannot lock the officer out of their own computer.
// Names that exist (known: the store has the account) are kept in their own table, which only the staff
// list can grow; made-up names go to a bounded table of their own, and addresses to another. So flooding
// the throttle with made-up names or addresses evicts only made-up entries, never a real account's count.
// Unknown names get the same rule and the same answers as known ones. Kept in memory (a restart
// forgives). Thread-safe.
class LoginThrottle {
  public:
    struct Limits {
        int addressFreeMisses = 5;
        int nameFreeMisses = 20;
        std::size_t maxAddresses = 4096;    // addresses tracked at once
        std::size_t maxUnknownNames = 4096; // made-up names tracked at once
        std::size_t trustedPerName = 16;    // addresses remembered per account
        std::size_t maxKnownNames = 1000;   // accounts tracked (the staff list is far smaller)
    };

    LoginThrottle() = default;
    explicit LoginThrottle(Limits limits) : m_limits(limits) {}

    // Seconds until `address` may try `user` again; 0: now.
    [[nodiscard]] std::int64_t waitSeconds(std::string_view address, const std::string& user, bool knownUser,
                                           std::int64_t nowUnix);
    void failed(std::string_view address, const std::string& user, bool knownUser, std::int64_t nowUnix);
    void succeeded(std::string_view address, const std::string& user);

    // For tests: entries held now (addresses, made-up names, known names).
    [[nodiscard]] std::size_t trackedEntries();

  private:
    struct Misses {
        int count = 0;
        std::int64_t lockedUntil = 0;
        std::int64_t lastMiss = 0;
    };
    struct NameEntry {
        Misses misses;
        std::vector<std::string> trusted; // client keys that logged in to this account, newest last
    };
    using Table = std::unordered_map<std::string, Misses>;

    static void addMiss(Misses& misses, int freeMisses, std::int64_t nowUnix);
    // Makes room for one more entry in a table at its limit: drops the entry whose lock ends first (the
    // oldest miss among unlocked ones goes before any locked one).
    static void makeRoom(Table& table, std::size_t limit);
    [[nodiscard]] bool trusted(const std::string& user, const std::string& key) const;

    Limits m_limits;
    std::mutex m_mutex;
    Table m_addresses;
    Table m_unknownNames;
    std::unordered_map<std::string, NameEntry> m_knownNames;
};

} // namespace commune::auth
