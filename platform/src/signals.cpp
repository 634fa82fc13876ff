#include "platform/signals.hpp"

#include <pthread.h>
#include <signal.h>

namespace platform {

namespace {
sigset_t shutdownSignalSet() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    return set;
}
} // namespace

ShutdownSignals::ShutdownSignals() {
    sigset_t set = shutdownSignalSet();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

void ShutdownSignals::start() {
    m_eventType = SDL_RegisterEvents(1);
    // A thread that sigwait()s is the one safe way to turn a signal into an SDL event:
    // SDL_PushEvent is thread-safe but not async-signal-safe.
    m_thread = std::thread([this, type = m_eventType] {
        sigset_t set = shutdownSignalSet();
        int signal = 0;
        if (sigwait(&set, &signal) != 0 || m_stopping) return;
        SDL_Event event{};
        event.type = type;
        event.user.code = signal;
        SDL_PushEvent(&event);
    });
}

ShutdownSignals::~ShutdownSignals() {
    if (!m_thread.joinable()) return;
    // Wake the waiting thread if no signal came, so it can be joined.
    m_stopping = true;
    pthread_kill(m_thread.native_handle(), SIGTERM);
    m_thread.join();
}

} // namespace platform
