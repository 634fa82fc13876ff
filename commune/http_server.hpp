// The hub's HTTP face: uploads from kiosks (bearer token), reports for logged-in staff, /health.
#pragma once

#include "auth.hpp"
#include "connection_guard.hpp"
#include "content_packs.hpp"
#include "hub_store.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <semaphore>
#include <string>
#include <string_view>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace commune {

struct ServerOptions {
    ConnectionLimits limits;                // workers, per-client connections, deadlines, listen queue
    std::int64_t sessionSeconds = 8 * 3600; // staff stay logged in for a working day
    std::function<std::int64_t()> now;      // unix seconds; the system clock when empty
    // Both set: HTTPS with this PEM certificate (chain) and private key; both empty: plain HTTP.
    std::string tlsCertFile;
    std::string tlsKeyFile;
    // Where published content packs are (commune-hub content publish); empty: none are served.
    std::filesystem::path packsDir;
    // The commune's name in the report's heading (commune-hub serve --commune); empty: left out.
    std::string communeName;
};

// Where /login may send staff afterwards: a path on this hub only ("/reports?month=2026-11").
[[nodiscard]] bool isLocalPath(std::string_view next);

class HubServer {
  public:
    HubServer(HubStore& store, ServerOptions options);
    ~HubServer();
    HubServer(const HubServer&) = delete;
    HubServer& operator=(const HubServer&) = delete;

    // false when TLS was asked for but the certificate or key could not be loaded (nothing will be served).
    [[nodiscard]] bool valid() const;
    // Binds; port 0 picks a free port. Returns the bound port, or -1 when binding failed.
    [[nodiscard]] int bind(const std::string& host, int port);
    // Serves until stop() (from any thread). false when the server could not run.
    bool run();
    void stop();

  private:
    void routes();
    void contentRoutes();
    // The kiosk a request's bearer token belongs to; otherwise answers 401 and returns nothing.
    std::optional<std::string> kioskOf(const httplib::Request& req, httplib::Response& res);
    std::int64_t now() const;
    [[nodiscard]] bool https() const { return !m_options.tlsCertFile.empty(); }
    // "__Host-hub_session" over HTTPS (the browser then insists on Secure, Path=/ and no Domain), else
    // "hub_session".
    [[nodiscard]] std::string sessionCookie() const;
    [[nodiscard]] std::string cookieAttributes(std::int64_t maxAge) const;

    HubStore& m_store;
    ServerOptions m_options;
    auth::LoginThrottle m_logins;
    // Password hashes at once: each takes 64 MiB (crypto_pwhash INTERACTIVE), and a flood of logins
    // must not exhaust a small machine's memory.
    std::counting_semaphore<> m_hashing{2};
    std::optional<PackShelf> m_packs;
    std::unique_ptr<httplib::Server> m_server; // an httplib::SSLServer with TLS; the routes are the same
};

} // namespace commune
