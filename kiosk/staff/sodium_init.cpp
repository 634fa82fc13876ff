#include "staff/sodium_init.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kiosk {

void ensureSodium() {
    static const int status = sodium_init();
    if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

} // namespace kiosk
