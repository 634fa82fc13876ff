// SIGTERM (systemd stopping us) and SIGINT become one SDL event, so the frame loop shuts down cleanly.
#pragma once

#include <SDL.h>

#include <atomic>
#include <thread>

namespace platform {

class ShutdownSignals {
  public:
    // Blocks SIGTERM, SIGINT and SIGHUP in this thread (and threads made after it): call first in main.
    ShutdownSignals();
    ShutdownSignals(const ShutdownSignals&) = delete;
    ShutdownSignals& operator=(const ShutdownSignals&) = delete;
    ~ShutdownSignals();
    // Starts the thread that waits for the signals; needs SDL's event queue to exist.
    void start();
    [[nodiscard]] bool started() const { return m_thread.joinable(); }
    // The event type pushed when a signal arrives.
    [[nodiscard]] Uint32 eventType() const { return m_eventType; }

  private:
    Uint32 m_eventType = 0;
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;
};

} // namespace platform
