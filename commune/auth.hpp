// Secrets of the hub: kiosk tokens and staff sessions are random and stored only as hashes;
// staff passwords are stored as crypto_pwhash_str strings. Call sodium_init() (in main) first.
#pragma once

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

}  // namespace commune::auth
