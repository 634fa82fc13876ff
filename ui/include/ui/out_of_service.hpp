// The page a resident sees when the kiosk cannot start: "Máy tạm ngừng phục vụ", never a black screen.
#pragma once

#include "platform/signals.hpp"
#include "platform/window.hpp"

#include <chrono>
#include <filesystem>
#include <string>

namespace ui {

struct OutOfServiceOptions {
    std::string reason;               // small, for the team; the full text goes to stderr
    std::chrono::seconds showFor{60}; // then the program exits and systemd starts it again
    std::filesystem::path screenshot; // if set: draw once into this PNG and return at once
    double diagonalInches = 10.1;
};

// Shows the page until showFor has passed or a shutdown signal arrives. Touches and keys do nothing.
void showOutOfService(platform::Window& window, const platform::ShutdownSignals& signals,
                      const OutOfServiceOptions& options);

} // namespace ui
