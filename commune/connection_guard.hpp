// What keeps a few slow or greedy clients from taking the hub's HTTP workers: limits on connections per
// client address, and the deadlines a connection must keep. The pure parts live here (unit-tested); the
// socket side is in guarded_server.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace commune {

struct ConnectionLimits {
    std::size_t workers = 32;   // HTTP worker threads (serve --threads)
    std::size_t perClient = 16; // open connections per client address (IPv6: per /64); more get 429
    int backlog = 1024;         // the listen queue (httplib's own is 5: bursts of kiosks were reset)
    // Keep-alive: how long a connection may wait, idle, for its next request (its first: counted from
    // when it was accepted, a client sends that at once) ...
    std::chrono::milliseconds idle{5000};
    // ... and while other connections are queued for a worker.
    std::chrono::milliseconds idleUnderPressure{1000};
    // A request's line and headers must all have arrived this long after the hub began waiting for it
    // (the first: since the connection was accepted; slow senders hold a worker at most this long) ...
    std::chrono::milliseconds headers{10000};
    // ... or, while other connections are queued for a worker, this long after a worker took it up (idle
    // ones are then closed).
    std::chrono::milliseconds headersUnderPressure{2000};
    // The whole request, body included (a kiosk's upload on a poor mobile link).
    std::chrono::milliseconds request{30000};
    // Each read or write waits at most this long for the other side.
    std::chrono::milliseconds io{10000};
};

// Counts open connections per client key (auth::clientKey); entries go when their last connection
// closes, so memory is bounded by the open connections. Thread-safe.
class ClientSlots {
  public:
    explicit ClientSlots(std::size_t perClient) : m_perClient(perClient) {}
    // false: this client already holds perClient connections (nothing was taken).
    [[nodiscard]] bool acquire(const std::string& key);
    void release(const std::string& key);
    [[nodiscard]] std::size_t clients();

  private:
    std::size_t m_perClient;
    std::mutex m_mutex;
    std::map<std::string, std::size_t, std::less<>> m_open;
};

} // namespace commune
