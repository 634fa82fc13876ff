#include "http_server.hpp"

#include "auth.hpp"
#include "calendar.hpp"
#include "common/local_time.hpp"
#include "report.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <exception>

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error "commune-hub needs cpp-httplib with OpenSSL (serve --tls-cert/--tls-key)"
#endif

namespace commune {

namespace {

constexpr std::string_view kSessionCookie = "hub_session";

void sendJson(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void sendError(httplib::Response& res, int status, const std::string& message) {
    sendJson(res, status, {{"error", message}});
}

// The value of one cookie from the Cookie header, or "".
std::string cookieValue(const httplib::Request& req, std::string_view name) {
    const std::string header = req.get_header_value("Cookie");
    std::string_view rest = header;
    while (!rest.empty()) {
        const auto end = rest.find(';');
        std::string_view pair = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
    }
    return {};
}

std::string bearerToken(const httplib::Request& req) {
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return {};
    return header.substr(prefix.size());
}

std::string loginPage(const std::string& message, const std::string& next) {
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Đăng nhập</title>"
        "<style>body{{font-family:\"Noto Sans\",Arial,sans-serif;max-width:24rem;margin:2rem auto;padding:0 "
        "1rem}}"
        "label,input,button{{display:block;width:100%;font-size:1.1rem;margin:.4rem "
        "0}}input,button{{padding:.5rem}}"
        ".alert{{color:#b00020}}</style></head><body><h1>Báo cáo ki-ốt: đăng nhập</h1>{}"
        "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"{}\">"
        "<label>Tên đăng nhập <input name=\"username\" autocomplete=\"username\" required></label>"
        "<label>Mật khẩu <input name=\"password\" type=\"password\" autocomplete=\"current-password\" "
        "required></label>"
        "<button>Đăng nhập</button></form></body></html>\n",
        message.empty() ? std::string() : "<p class=\"alert\">" + htmlEscape(message) + "</p>",
        htmlEscape(next));
}

std::string percentEncode(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

// Only local paths after login, so /login?next= cannot send staff to another site.
std::string safeNext(const std::string& next) {
    if (next.size() > 1 && next[0] == '/' && next[1] != '/' && next.find('\\') == std::string::npos)
        return next;
    return "/reports";
}

std::unique_ptr<httplib::Server> makeServer(const ServerOptions& options) {
    if (options.tlsCertFile.empty() && options.tlsKeyFile.empty()) return std::make_unique<httplib::Server>();
    return std::make_unique<httplib::SSLServer>(options.tlsCertFile.c_str(), options.tlsKeyFile.c_str());
}

} // namespace

HubServer::HubServer(HubStore& store, ServerOptions options)
    : m_store(store), m_options(std::move(options)), m_server(makeServer(m_options)) {
    const auto threads = static_cast<std::size_t>(std::max(1, m_options.threads));
    m_server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // Compressed bodies are limited here; the inflated size is limited while reading (see uploads).
    m_server->set_payload_max_length(kiosk::upload::kMaxUploadBytes);
    m_server->set_keep_alive_max_count(10000);
    m_server->set_tcp_nodelay(true); // small JSON answers: do not wait for Nagle + delayed ACK (~40 ms)
    m_server->set_read_timeout(10, 0);
    // Every 500 leaves a line in the journal: the request and what went wrong (the client hears only
    // "internal error").
    m_server->set_exception_handler(
        [](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
            std::string what = "unknown exception";
            try {
                if (error) std::rethrow_exception(error);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            std::fprintf(stderr, "commune-hub: 500 on %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                         what.c_str());
            sendError(res, 500, "internal error");
        });
    routes();
}

HubServer::~HubServer() = default;

std::int64_t HubServer::now() const {
    if (m_options.now) return m_options.now();
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char* HubServer::secureCookie() const {
    return m_options.tlsCertFile.empty() ? "" : "; Secure";
}

bool HubServer::valid() const {
    return m_server->is_valid();
}

int HubServer::bind(const std::string& host, int port) {
    if (port == 0) return m_server->bind_to_any_port(host);
    return m_server->bind_to_port(host, port) ? port : -1;
}

bool HubServer::run() {
    return m_server->listen_after_bind();
}

void HubServer::stop() {
    m_server->stop();
}

void HubServer::routes() {
    auto& server = *m_server;

    server.Get("/health", [this](const httplib::Request&, httplib::Response& res) {
        if (m_store.canWrite())
            res.set_content("ok\n", "text/plain");
        else {
            res.status = 503;
            res.set_content("storage cannot write\n", "text/plain");
        }
    });

    server.Post("/api/v1/uploads", [this](const httplib::Request& req, httplib::Response& res,
                                          const httplib::ContentReader& readContent) {
        const std::string token = bearerToken(req);
        const auto kioskId =
            token.empty() ? std::nullopt : m_store.findKioskByTokenHash(auth::hashSecret(token));
        if (!kioskId) {
            // The body is not read: close the connection rather than parse what is left of it.
            res.set_header("Connection", "close");
            res.set_header("WWW-Authenticate", "Bearer");
            return sendError(res, 401, "Authorization: unknown or missing kiosk token");
        }
        // httplib inflates gzip bodies as it reads them; stopping past the limit bounds the inflated size.
        std::string body;
        body.reserve(16 * 1024); // a day's upload is ~4 KB: avoid growing the buffer chunk by chunk
        bool tooLarge = false;
        const bool complete = readContent([&](const char* data, std::size_t length) {
            if (body.size() + length > kiosk::upload::kMaxUploadBytes) {
                tooLarge = true;
                return false;
            }
            body.append(data, length);
            return true;
        });
        if (tooLarge || res.status == 413) {
            res.set_header("Connection", "close");
            return sendError(res, 413,
                             fmt::format("body: larger than {} bytes", kiosk::upload::kMaxUploadBytes));
        }
        if (!complete) {
            res.set_header("Connection", "close");
            return sendError(res, 400, "body: could not be read (or not valid gzip)");
        }
        const std::int64_t receivedAt = now();
        // One day of tolerance for a kiosk clock slightly ahead of the hub's.
        auto upload = kiosk::upload::parseUpload(body, kiosk::addDays(kiosk::localDay(receivedAt), 1));
        if (!upload) return sendError(res, 400, upload.error().message);
        if (upload->kioskId != *kioskId)
            return sendError(res, 403, "kiosk_id: " + upload->kioskId + " does not match the token's kiosk");
        StoredUpload stored;
        try {
            stored = m_store.replaceRollups(*upload, postedTiming(*upload, receivedAt));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "commune-hub: cannot store an upload from %s: %s\n", kioskId->c_str(),
                         e.what());
            return sendError(res, 503, "storage: cannot store the upload now, send it again later");
        }
        // Still 200 for days the hub holds newer copies of: sending them again would not help.
        nlohmann::json answer = {{"stored_days", stored.storedDays}};
        if (stored.olderDays > 0) answer["older_days_kept"] = stored.olderDays;
        sendJson(res, 200, answer);
    });

    server.Get("/login", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content(loginPage("", safeNext(req.get_param_value("next"))), "text/html; charset=utf-8");
    });

    server.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string user = req.get_param_value("username");
        const std::string password = req.get_param_value("password");
        const std::string next = safeNext(req.get_param_value("next"));
        if (const std::int64_t wait = m_logins.waitSeconds(user, now()); wait > 0) {
            res.status = 429;
            res.set_header("Retry-After", std::to_string(wait));
            res.set_content(
                loginPage(fmt::format("Sai mật khẩu nhiều lần. Xin thử lại sau {} giây.", wait), next),
                "text/html; charset=utf-8");
            return;
        }
        const auto stored = user.empty() ? std::nullopt : m_store.staffPasswordHash(user);
        if (!stored || !auth::verifyPassword(*stored, password)) {
            m_logins.failed(user, now());
            res.status = 401;
            res.set_content(loginPage("Sai tên đăng nhập hoặc mật khẩu.", next), "text/html; charset=utf-8");
            return;
        }
        m_logins.succeeded(user);
        const std::string session = auth::randomSecret();
        m_store.addSession(auth::hashSecret(session), user, now() + m_options.sessionSeconds);
        // "Secure" only when the hub itself speaks HTTPS: over plain HTTP the browser would drop the cookie.
        res.set_header("Set-Cookie",
                       fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie,
                                   session, m_options.sessionSeconds, secureCookie()));
        res.set_redirect(next, 303);
    });

    server.Post("/logout", [this](const httplib::Request& req, httplib::Response& res) {
        if (const std::string session = cookieValue(req, kSessionCookie); !session.empty())
            m_store.removeSession(auth::hashSecret(session));
        res.set_header("Set-Cookie", fmt::format("{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict{}",
                                                 kSessionCookie, secureCookie()));
        res.set_redirect("/login", 303);
    });

    server.Get("/",
               [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/reports", 303); });

    const auto reportHandler = [this](bool csv) {
        return [this, csv](const httplib::Request& req, httplib::Response& res) {
            // Only a staff session opens reports; a kiosk's bearer token is never looked at here.
            const std::string session = cookieValue(req, kSessionCookie);
            if (session.empty() || !m_store.sessionUser(auth::hashSecret(session), now())) {
                if (csv) return sendError(res, 401, "login required");
                res.set_redirect("/login?next=" + percentEncode(req.target), 303);
                return;
            }
            std::string periodText =
                req.has_param("quarter") ? req.get_param_value("quarter") : req.get_param_value("month");
            if (periodText.empty()) periodText = kiosk::localDay(now()).substr(0, 7);
            auto period = parsePeriod(periodText);
            if (!period) {
                res.status = 400;
                res.set_content(period.error().message + "\n", "text/plain; charset=utf-8");
                return;
            }
            const Report report = buildReport(m_store, *period, now());
            res.set_header("Cache-Control", "no-store");
            if (csv) {
                res.set_header("Content-Disposition",
                               fmt::format("attachment; filename=\"bao-cao-{}.csv\"", period->key));
                res.set_content(renderCsv(report), "text/csv; charset=utf-8");
            } else {
                res.set_content(renderHtml(report), "text/html; charset=utf-8");
            }
        };
    };
    server.Get("/reports", reportHandler(false));
    server.Get("/reports.csv", reportHandler(true));
}

} // namespace commune
