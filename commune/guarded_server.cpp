#include "guarded_server.hpp"

#include "auth.hpp"

#include <httplib.h>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace commune {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// When the connection a worker is about to handle was accepted (queued): its first request's wait counts
// from then, so connections that sat idle in the queue are closed at once when their turn comes.
thread_local Clock::time_point t_acceptedAt;

// cpp-httplib 0.11 (Debian 12) has `void TaskQueue::enqueue`; 0.18 (Debian 13) returns whether the job
// was taken.
using EnqueueResult = decltype(std::declval<httplib::TaskQueue&>().enqueue(std::function<void()>{}));
template <typename Result> Result jobTaken() {
    if constexpr (!std::is_void_v<Result>) return true;
}

// httplib's ThreadPool, plus how many connections wait for a worker: the "pressure" that makes idle
// and slow connections give their worker up sooner.
class HubTaskQueue final : public httplib::TaskQueue {
  public:
    explicit HubTaskQueue(std::size_t workers) {
        for (std::size_t i = 0; i < std::max<std::size_t>(1, workers); ++i)
            m_threads.emplace_back([this] { work(); });
    }
    ~HubTaskQueue() override { shutdown(); }

    EnqueueResult enqueue(std::function<void()> fn) override {
        {
            std::lock_guard lock(m_mutex);
            m_jobs.emplace_back(std::move(fn), Clock::now());
            m_waiting.store(m_jobs.size(), std::memory_order_relaxed);
        }
        m_wake.notify_one();
        return jobTaken<EnqueueResult>(); // the queue has no limit
    }

    void shutdown() override {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) return;
            m_stopping = true;
        }
        m_wake.notify_all();
        for (auto& thread : m_threads)
            thread.join();
    }

    [[nodiscard]] bool underPressure() const { return m_waiting.load(std::memory_order_relaxed) > 0; }

  private:
    void work() {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
                if (m_jobs.empty()) return; // stopping, and every accepted connection was handled
                job = std::move(m_jobs.front().first);
                t_acceptedAt = m_jobs.front().second;
                m_jobs.pop_front();
                m_waiting.store(m_jobs.size(), std::memory_order_relaxed);
            }
            job();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<std::function<void()>, Clock::time_point>> m_jobs;
    std::atomic<std::size_t> m_waiting{0};
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

std::string numericHost(const sockaddr_storage& address, socklen_t length, int& port) {
    std::array<char, NI_MAXHOST> host{};
    std::array<char, NI_MAXSERV> service{};
    if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host.data(), host.size(),
                    service.data(), service.size(), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return {};
    port = std::atoi(service.data());
    return host.data();
}

// One connection, plain or TLS, as an httplib::Stream whose every wait keeps the connection's deadlines.
class GuardedStream final : public httplib::Stream {
  public:
    GuardedStream(int fd, SSL* ssl, const ConnectionLimits& limits, std::function<bool()> pressure,
                  std::function<bool()> stopping)
        : m_fd(fd), m_ssl(ssl), m_limits(limits), m_pressure(std::move(pressure)),
          m_stopping(std::move(stopping)) {
        sockaddr_storage address{};
        socklen_t length = sizeof(address);
        if (getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            m_remoteIp = numericHost(address, length, m_remotePort);
        length = sizeof(address);
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            m_localIp = numericHost(address, length, m_localPort);
        m_pickedUp = Clock::now();
        m_waitStart = t_acceptedAt == Clock::time_point{} ? m_pickedUp : t_acceptedAt;
    }

    [[nodiscard]] const std::string& remoteIp() const { return m_remoteIp; }
    // A read or write failed or ran out of time: whatever httplib answered, the connection must close
    // (else a slow sender's cut-off request would only be answered, and the connection kept).
    [[nodiscard]] bool broken() const { return m_broken; }

    // The TLS handshake, within the first request's header deadline.
    bool handshake() {
        for (;;) {
            const int result = SSL_accept(m_ssl);
            if (result == 1) return true;
            const int error = SSL_get_error(m_ssl, result);
            if (error == SSL_ERROR_WANT_READ) {
                if (!wait(POLLIN)) return false;
            } else if (error == SSL_ERROR_WANT_WRITE) {
                if (!wait(POLLOUT)) return false;
            } else {
                return false;
            }
        }
    }

    // Between requests: waits for the first byte of the next one, at most the idle time (less when
    // others wait for a worker). false: close the connection.
    bool nextRequest(bool first) {
        if (!first) {
            m_waitStart = Clock::now();
            m_inHeaders = true;
            m_lineLength = 0;
            m_sawLine = false;
        }
        if (m_begin < m_end || (m_ssl != nullptr && SSL_pending(m_ssl) > 0)) return true;
        for (;;) {
            if (m_stopping()) return false;
            const auto limit = m_waitStart + (m_pressure() ? m_limits.idleUnderPressure : m_limits.idle);
            // Looked at before the deadline: a request already waiting is served however long the
            // connection sat in the queue.
            const auto left = std::chrono::duration_cast<milliseconds>(limit - Clock::now());
            pollfd p{m_fd, POLLIN, 0};
            const int ready = ::poll(
                &p, 1, static_cast<int>(std::clamp<milliseconds>(left, {}, milliseconds(100)).count()));
            if (ready > 0) return true;
            if (ready < 0 && errno != EINTR) return false;
            if (Clock::now() >= limit) return false;
        }
    }

    bool is_readable() const override { return m_begin < m_end || wait(POLLIN); }
    bool is_writable() const override { return wait(POLLOUT); }

    ssize_t read(char* ptr, std::size_t size) override {
        if (m_begin == m_end) {
            if (size >= m_buffer.size()) return deliver(ptr, receive(ptr, size));
            const ssize_t got = receive(m_buffer.data(), m_buffer.size());
            if (got <= 0) return got;
            m_begin = 0;
            m_end = static_cast<std::size_t>(got);
        }
        const std::size_t n = std::min(size, m_end - m_begin);
        std::copy_n(m_buffer.data() + m_begin, n, ptr);
        m_begin += n;
        return deliver(ptr, static_cast<ssize_t>(n));
    }

    ssize_t write(const char* ptr, std::size_t size) override {
        std::size_t sent = 0;
        while (sent < size) {
            ssize_t n = 0;
            if (m_ssl != nullptr) {
                n = SSL_write(m_ssl, ptr + sent,
                              static_cast<int>(std::min<std::size_t>(size - sent, 1 << 30)));
                if (n <= 0) {
                    const int error = SSL_get_error(m_ssl, static_cast<int>(n));
                    if ((error == SSL_ERROR_WANT_WRITE && wait(POLLOUT)) ||
                        (error == SSL_ERROR_WANT_READ && wait(POLLIN)))
                        continue;
                    return -1;
                }
            } else {
                n = ::send(m_fd, ptr + sent, size - sent, MSG_NOSIGNAL);
                if (n < 0) {
                    if (errno == EINTR || ((errno == EAGAIN || errno == EWOULDBLOCK) && wait(POLLOUT)))
                        continue;
                    return -1;
                }
            }
            sent += static_cast<std::size_t>(n);
        }
        return static_cast<ssize_t>(sent);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = m_remoteIp;
        port = m_remotePort;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = m_localIp;
        port = m_localPort;
    }
    socket_t socket() const override { return m_fd; }

  private:
    // Notes where the request's headers end (an empty line): from then on the body's deadline applies.
    ssize_t deliver(const char* data, ssize_t n) {
        if (n <= 0 || !m_inHeaders) return n;
        for (ssize_t i = 0; i < n && m_inHeaders; ++i) {
            const char c = data[i];
            if (c == '\n') {
                if (m_lineLength == 0 && m_sawLine) {
                    m_inHeaders = false;
                    m_requestStart = Clock::now();
                }
                m_sawLine = m_sawLine || m_lineLength > 0;
                m_lineLength = 0;
            } else if (c != '\r') {
                ++m_lineLength;
            }
        }
        return n;
    }

    ssize_t receive(char* ptr, std::size_t size) {
        for (;;) {
            if (m_ssl != nullptr) {
                const int n = SSL_read(m_ssl, ptr, static_cast<int>(std::min<std::size_t>(size, 1 << 30)));
                if (n > 0) return n;
                const int error = SSL_get_error(m_ssl, n);
                if ((error == SSL_ERROR_WANT_READ && wait(POLLIN)) ||
                    (error == SSL_ERROR_WANT_WRITE && wait(POLLOUT)))
                    continue;
                fail();
                return error == SSL_ERROR_ZERO_RETURN ? 0 : -1;
            }
            const ssize_t n = ::recv(m_fd, ptr, size, 0);
            if (n > 0) return n;
            if (n < 0 && (errno == EINTR || ((errno == EAGAIN || errno == EWOULDBLOCK) && wait(POLLIN))))
                continue;
            fail();
            return n;
        }
    }

    // Waits for the socket, at most the I/O timeout and never past the request's deadline: its headers'
    // while they are still coming (shorter when others wait for a worker), else the whole request's.
    bool wait(short events) const {
        const auto waitUntil = Clock::now() + m_limits.io;
        for (;;) {
            if (m_stopping()) return fail();
            const auto now = Clock::now();
            auto limit = waitUntil;
            // Under pressure counted from when a worker took the connection up, not from its time in the
            // queue: a client that could not be served sooner still gets its two seconds.
            if (m_inHeaders)
                limit = std::min(limit, m_pressure() ? std::max(m_waitStart, m_pickedUp) +
                                                           m_limits.headersUnderPressure
                                                     : m_waitStart + m_limits.headers);
            else
                limit = std::min(limit, m_requestStart + m_limits.request);
            if (now >= limit) return fail();
            // While headers come, look again every 100 ms: pressure may shorten their deadline.
            auto slice = std::chrono::duration_cast<milliseconds>(limit - now);
            if (m_inHeaders) slice = std::min(slice, milliseconds(100));
            pollfd p{m_fd, events, 0};
            const int ready =
                ::poll(&p, 1, static_cast<int>(std::max<milliseconds>(slice, milliseconds(1)).count()));
            if (ready > 0) return true;
            if (ready < 0 && errno != EINTR) return fail();
        }
    }

    bool fail() const {
        m_broken = true;
        return false;
    }

    int m_fd;
    SSL* m_ssl;
    const ConnectionLimits& m_limits;
    std::function<bool()> m_pressure;
    std::function<bool()> m_stopping;
    std::string m_remoteIp, m_localIp;
    int m_remotePort = 0, m_localPort = 0;
    std::array<char, 4096> m_buffer{};
    std::size_t m_begin = 0, m_end = 0;
    Clock::time_point m_pickedUp, m_waitStart, m_requestStart;
    bool m_inHeaders = true;
    bool m_sawLine = false;
    mutable bool m_broken = false;
    std::size_t m_lineLength = 0;
};

// Read by bindGuarded: the guarded servers can change their own listening socket.
class Backlog {
  public:
    virtual ~Backlog() = default;
    virtual bool deepenBacklog() = 0;
};

template <typename Base> class GuardedServer final : public Base, public Backlog {
  public:
    template <typename... Args>
    explicit GuardedServer(const ConnectionLimits& limits, Args&&... args)
        : Base(std::forward<Args>(args)...), m_limits(limits), m_slots(limits.perClient) {
        this->new_task_queue = [this] {
            auto* queue = new HubTaskQueue(m_limits.workers);
            m_queue.store(queue);
            return queue;
        };
    }

    bool deepenBacklog() override {
        // listen() again on a listening socket only changes the length of its queue (Linux, BSD).
        return this->svr_sock_ != INVALID_SOCKET && ::listen(this->svr_sock_, m_limits.backlog) == 0;
    }

  private:
    bool process_and_close_socket(socket_t sock) override {
        const int flags = fcntl(sock, F_GETFL, 0);
        fcntl(sock, F_SETFL, flags | O_NONBLOCK);
        // Small JSON answers go out at once (Nagle + delayed ACK would hold them ~40 ms).
        const int yes = 1;
        setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
        SSL* ssl = nullptr;
        if constexpr (std::is_same_v<Base, httplib::SSLServer>) {
            ssl = SSL_new(this->ssl_context());
            if (ssl == nullptr || SSL_set_fd(ssl, sock) != 1) {
                if (ssl != nullptr) SSL_free(ssl);
                ::close(sock);
                return false;
            }
        }
        const auto pressure = [this] {
            const HubTaskQueue* queue = m_queue.load();
            return queue != nullptr && queue->underPressure();
        };
        const auto stopping = [this] { return this->svr_sock_ == INVALID_SOCKET; };
        bool ok = false;
        {
            GuardedStream stream(sock, ssl, m_limits, pressure, stopping);
            const std::string client = auth::clientKey(stream.remoteIp());
            if (!m_slots.acquire(client)) {
                if (ssl == nullptr) refuse(sock);
            } else {
                ok = serve(stream, ssl);
                m_slots.release(client);
            }
        }
        if (ssl != nullptr) {
            if (ok) SSL_shutdown(ssl); // best effort: a close_notify, never waited for
            SSL_free(ssl);
        }
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
        return ok;
    }

    bool serve(GuardedStream& stream, SSL* ssl) {
        if (ssl != nullptr && !stream.handshake()) return false;
        bool ok = false;
        std::size_t left = this->keep_alive_max_count_;
        for (bool first = true; left > 0 && stream.nextRequest(first); first = false, --left) {
            bool closed = false;
            ok = processRequest(stream, left == 1, closed, [ssl](httplib::Request& req) {
                if constexpr (std::is_same_v<Base, httplib::SSLServer>) req.ssl = ssl;
            });
            if (!ok || closed || stream.broken()) break;
        }
        return ok;
    }

    // cpp-httplib 0.11 takes the stream alone; 0.18 also wants both ends' addresses, which the stream knows.
    bool processRequest(GuardedStream& stream, bool closeConnection, bool& closed,
                        const std::function<void(httplib::Request&)>& setup) {
        if constexpr (requires { this->process_request(stream, closeConnection, closed, setup); }) {
            return this->process_request(stream, closeConnection, closed, setup);
        } else {
            std::string remoteIp, localIp;
            int remotePort = 0, localPort = 0;
            stream.get_remote_ip_and_port(remoteIp, remotePort);
            stream.get_local_ip_and_port(localIp, localPort);
            return this->process_request(stream, remoteIp, remotePort, localIp, localPort, closeConnection,
                                         closed, setup);
        }
    }

    // Over the per-client limit: a short answer without reading the request, then the connection closes.
    static void refuse(int sock) {
        static constexpr std::string_view answer =
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 10\r\nConnection: close\r\n"
            "Content-Type: text/plain\r\nContent-Length: 44\r\n\r\ntoo many connections from this address "
            "now\r\n";
        static_assert(std::string_view("too many connections from this address now\r\n").size() == 44);
        (void)!::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    }

    const ConnectionLimits m_limits;
    ClientSlots m_slots;
    std::atomic<const HubTaskQueue*> m_queue{nullptr};
};

} // namespace

std::unique_ptr<httplib::Server> makeGuardedServer(const ConnectionLimits& limits,
                                                   const std::string& certFile, const std::string& keyFile) {
    if (certFile.empty() && keyFile.empty()) return std::make_unique<GuardedServer<httplib::Server>>(limits);
    return std::make_unique<GuardedServer<httplib::SSLServer>>(limits, certFile.c_str(), keyFile.c_str());
}

int bindGuarded(httplib::Server& server, const std::string& host, int port) {
    const int bound =
        port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (bound < 0) return -1;
    if (auto* guarded = dynamic_cast<Backlog*>(&server); guarded != nullptr && !guarded->deepenBacklog())
        return -1;
    return bound;
}

} // namespace commune
