#include "platform/service_notify.hpp"

#include "../kiosk/temp_dir.hpp"

#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

using namespace std::chrono_literals;

namespace {

// A stand-in for systemd's notification socket, with NOTIFY_SOCKET and WATCHDOG_USEC set while it lives.
class NotifySocket {
  public:
    explicit NotifySocket(const char* watchdogUsec) {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const std::string path = (m_dir.path / "notify").string();
        REQUIRE(path.size() < sizeof(address.sun_path));
        path.copy(address.sun_path, path.size());
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
        ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
        if (watchdogUsec) ::setenv("WATCHDOG_USEC", watchdogUsec, 1);
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;
    ~NotifySocket() {
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
        ::close(m_fd);
    }
    // The next message already sent, if any.
    std::optional<std::string> next() {
        char buffer[256];
        ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
        if (n < 0) return std::nullopt;
        return std::string(buffer, static_cast<size_t>(n));
    }

  private:
    test::TempDir m_dir{"kiosk-notify"};
    int m_fd = -1;
};

} // namespace

TEST_CASE("READY is sent once and the watchdog is pinged every half interval") {
    NotifySocket systemd("200000"); // WatchdogSec=200ms
    platform::ServiceNotifier notifier;
    CHECK(notifier.watchdogInterval() == 200ms);
    const auto start = platform::ServiceNotifier::Clock::now();
    CHECK(notifier.untilNextPing(start) == 0ms); // never pinged: due now

    notifier.ready();
    notifier.ready();
    CHECK(systemd.next() == "READY=1");
    CHECK(systemd.next() == std::nullopt);

    notifier.alive(start);
    CHECK(systemd.next() == "WATCHDOG=1");
    notifier.alive(start + 60ms); // a busy loop turning often does not flood the socket
    CHECK(systemd.next() == std::nullopt);
    CHECK(notifier.untilNextPing(start + 60ms) == 40ms);
    notifier.alive(start + 100ms);
    CHECK(systemd.next() == "WATCHDOG=1");
    CHECK(notifier.untilNextPing(start + 250ms) == 0ms); // overdue: wake at once
}

TEST_CASE("without WatchdogSec there is no ping and no wake-up") {
    NotifySocket systemd(nullptr);
    platform::ServiceNotifier notifier;
    CHECK(notifier.watchdogInterval() == 0us);
    CHECK(notifier.untilNextPing(platform::ServiceNotifier::Clock::now()) == std::nullopt);
    notifier.alive(platform::ServiceNotifier::Clock::now());
    notifier.ready();
    CHECK(systemd.next() == "READY=1");
    CHECK(systemd.next() == std::nullopt);
}

TEST_CASE("a watchdog meant for another process is not ours") {
    NotifySocket systemd("200000");
    ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
    platform::ServiceNotifier notifier;
    CHECK(notifier.watchdogInterval() == 0us);
}

TEST_CASE("outside systemd nothing is sent and nothing fails") {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    platform::ServiceNotifier notifier;
    notifier.ready();
    notifier.alive(platform::ServiceNotifier::Clock::now());
    CHECK(notifier.isReady());
    CHECK(notifier.untilNextPing(platform::ServiceNotifier::Clock::now()) == std::nullopt);
}
