// The hub's HTTP face: uploads from kiosks (bearer token), reports for logged-in staff, /health.
#pragma once

#include "auth.hpp"
#include "hub_store.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace commune {

struct ServerOptions {
    int threads = 8;                        // httplib worker threads
    std::int64_t sessionSeconds = 8 * 3600; // staff stay logged in for a working day
    std::function<std::int64_t()> now;      // unix seconds; the system clock when empty
    // Both set: HTTPS with this PEM certificate (chain) and private key; both empty: plain HTTP.
    std::string tlsCertFile;
    std::string tlsKeyFile;
};

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
    std::int64_t now() const;
    const char* secureCookie() const; // "; Secure" over HTTPS, else ""

    HubStore& m_store;
    ServerOptions m_options;
    auth::LoginThrottle m_logins;
    std::unique_ptr<httplib::Server> m_server; // an httplib::SSLServer with TLS; the routes are the same
};

} // namespace commune
