// Tells systemd (Type=notify) that the kiosk is up and that its frame loop still turns, through
// libsystemd's sd_notify. Started any other way (no NOTIFY_SOCKET, no WATCHDOG_USEC) it does nothing.
#pragma once

#include <chrono>
#include <optional>

namespace platform {

class ServiceNotifier {
  public:
    using Clock = std::chrono::steady_clock;

    // Reads the watchdog interval systemd asks for (WatchdogSec= becomes WATCHDOG_USEC).
    ServiceNotifier();

    // READY=1, once: call when the first frame is on the screen.
    void ready();
    // WATCHDOG=1 when half the watchdog interval has passed since the last one; otherwise nothing.
    void alive(Clock::time_point now);
    // How long the caller may sleep before the next ping is due; nullopt when there is no watchdog.
    [[nodiscard]] std::optional<std::chrono::milliseconds> untilNextPing(Clock::time_point now) const;

    [[nodiscard]] std::chrono::microseconds watchdogInterval() const { return m_interval; }
    [[nodiscard]] bool isReady() const { return m_ready; }

  private:
    void send(const char* message);

    std::chrono::microseconds m_interval{0};
    std::optional<Clock::time_point> m_lastPing;
    bool m_ready = false;
    bool m_failureLogged = false;
};

} // namespace platform
