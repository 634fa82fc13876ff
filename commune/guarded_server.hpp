// httplib's Server (or SSLServer for HTTPS) with the hub's own handling of each connection: a client
// address holds at most ConnectionLimits::perClient connections, a request must arrive within its
// deadlines, idle keep-alive connections make way when others wait, and the listen queue is deep. httplib
// still parses every request and writes every answer; only the loop around it is ours.
#pragma once

#include "connection_guard.hpp"

#include <memory>
#include <string>

namespace httplib {
class Server;
}

namespace commune {

// Plain HTTP when certFile and keyFile are both empty; else HTTPS with them (check is_valid()).
[[nodiscard]] std::unique_ptr<httplib::Server>
makeGuardedServer(const ConnectionLimits& limits, const std::string& certFile, const std::string& keyFile);
// Binds like httplib (port 0: any free port) and deepens the listen queue to limits.backlog.
// Returns the bound port, or -1.
[[nodiscard]] int bindGuarded(httplib::Server& server, const std::string& host, int port);

} // namespace commune
