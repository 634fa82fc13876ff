// libsodium start-up for the kiosk's PIN hashes and booking codes.
#pragma once

namespace kiosk {

// sodium_init once per process; throws std::runtime_error if there is no usable random source.
void ensureSodium();

} // namespace kiosk
