#include "platform/service_notify.hpp"

#include <fmt/format.h>
#include <systemd/sd-daemon.h>

#include <cstring>

namespace platform {

ServiceNotifier::ServiceNotifier() {
    uint64_t usec = 0;
    // Keeps NOTIFY_SOCKET and WATCHDOG_USEC in the environment: a staff restart exec()s the same
    // process, which must go on pinging.
    if (sd_watchdog_enabled(0, &usec) > 0) m_interval = std::chrono::microseconds(usec);
}

void ServiceNotifier::ready() {
    if (m_ready) return;
    m_ready = true;
    send("READY=1");
}

void ServiceNotifier::alive(Clock::time_point now) {
    if (m_interval.count() == 0) return;
    if (m_lastPing && now - *m_lastPing < m_interval / 2) return;
    m_lastPing = now;
    send("WATCHDOG=1");
}

std::optional<std::chrono::milliseconds> ServiceNotifier::untilNextPing(Clock::time_point now) const {
    if (m_interval.count() == 0) return std::nullopt;
    if (!m_lastPing) return std::chrono::milliseconds(0);
    auto due = *m_lastPing + m_interval / 2;
    if (due <= now) return std::chrono::milliseconds(0);
    // Rounded up, so the wake-up never comes a moment before the ping is due.
    return std::chrono::ceil<std::chrono::milliseconds>(due - now);
}

void ServiceNotifier::send(const char* message) {
    int result = sd_notify(0, message);
    if (result < 0 && !m_failureLogged) {
        m_failureLogged = true; // once: a missing socket would otherwise fill the journal
        fmt::print(stderr, "kiosk: systemd: cannot send {}: {}\n", message, std::strerror(-result));
    }
}

} // namespace platform
