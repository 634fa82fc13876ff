#include "http_server.hpp"

#include "auth.hpp"
#include "calendar.hpp"
#include "common/local_time.hpp"
#include "flags.hpp"
#include "fleet.hpp"
#include "guarded_server.hpp"
#include "ingest.hpp"
#include "population.hpp"
#include "report.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <thread>

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#error "commune-hub needs cpp-httplib with OpenSSL (serve --tls-cert/--tls-key)"
#endif

namespace commune {

namespace {

constexpr std::string_view kLoginStyle =
    "body{font-family:\"Noto Sans\",Arial,sans-serif;max-width:24rem;margin:2rem auto;padding:0 1rem}"
    "label,input,button{display:block;width:100%;font-size:1.1rem;margin:.4rem 0}input,button{padding:.5rem}"
    ".alert{color:#b00020}";

// The CSP source for an inline <style> element's exact text: 'sha256-<base64>'.
std::string styleHash(std::string_view css) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(css.data()), css.size());
    std::array<char, sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)>
        text{};
    sodium_bin2base64(text.data(), text.size(), digest.data(), digest.size(), sodium_base64_VARIANT_ORIGINAL);
    return fmt::format("'sha256-{}'", text.data());
}

// Sent with every answer. The pages have no scripts, no frames, no images but inline SVG: a policy that
// allows only their own two style sheets (by hash) and forms posting back here. A kiosk's text that
// slipped through escaping could then neither run nor load anything.
httplib::Headers securityHeaders() {
    return {{"Content-Security-Policy",
             fmt::format("default-src 'none'; style-src {} {}; img-src 'self' data:; form-action 'self'; "
                         "frame-ancestors 'none'; base-uri 'none'",
                         styleHash(kLoginStyle), styleHash(reportStyleSheet()))},
            {"X-Frame-Options", "DENY"},
            {"X-Content-Type-Options", "nosniff"},
            {"Referrer-Policy", "no-referrer"}};
}

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
        "<style>{}</style></head><body><h1>Báo cáo ki-ốt: đăng nhập</h1>{}"
        "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"{}\">"
        "<label>Tên đăng nhập <input name=\"username\" autocomplete=\"username\" required></label>"
        "<label>Mật khẩu <input name=\"password\" type=\"password\" autocomplete=\"current-password\" "
        "required></label>"
        "<button>Đăng nhập</button></form></body></html>\n",
        kLoginStyle, message.empty() ? std::string() : "<p class=\"alert\">" + htmlEscape(message) + "</p>",
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

} // namespace

// Only a path on this hub after login, so /login?next= cannot send staff to another site: "/" and then
// printable ASCII only. No second "/" or "\\" at the start (a host: "//evil.example"), and no blank or
// control character anywhere, since browsers drop tabs and line breaks from a Location ("/\t/evil.example"
// is "//evil.example" to them).
bool isLocalPath(std::string_view next) {
    if (next.empty() || next.size() > 2048 || next[0] != '/') return false;
    if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return false;
    for (const char c : next) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7F || c == '\\') return false;
    }
    return true;
}

namespace {

std::string safeNext(const std::string& next) {
    return isLocalPath(next) ? next : "/reports";
}

// The upload's body as the handler needs it: gzip is inflated here, strictly (see inflateGzip), rather
// than by httplib, whose reader accepts a gzip stream that stops early.
enum class BodyEncoding { identity, gzip, unsupported };
BodyEncoding bodyEncoding(const httplib::Request& req) {
    std::string encoding = req.get_header_value("Content-Encoding");
    for (char& c : encoding)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (encoding.empty() || encoding == "identity") return BodyEncoding::identity;
    if (encoding == "gzip" || encoding == "x-gzip") return BodyEncoding::gzip;
    return BodyEncoding::unsupported;
}

} // namespace

HubServer::HubServer(HubStore& store, ServerOptions options)
    : m_store(store), m_options(std::move(options)),
      m_server(makeGuardedServer(m_options.limits, m_options.tlsCertFile, m_options.tlsKeyFile)) {
    (void)auth::dummyPasswordHash(); // made now, not on the first login with an unknown name
    // Compressed bodies are limited here; the inflated size is limited while inflating (see uploads).
    m_server->set_payload_max_length(kiosk::upload::kMaxUploadBytes);
    m_server->set_keep_alive_max_count(10000);
    m_server->set_tcp_nodelay(true); // small JSON answers: do not wait for Nagle + delayed ACK (~40 ms)
    m_server->set_default_headers(securityHeaders());
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
    if (!m_options.packsDir.empty()) m_packs.emplace(m_options.packsDir);
    routes();
    contentRoutes();
}

HubServer::~HubServer() = default;

std::optional<std::string> HubServer::kioskOf(const httplib::Request& req, httplib::Response& res) {
    const std::string token = bearerToken(req);
    auto kioskId = token.empty() ? std::nullopt : m_store.findKioskByTokenHash(auth::hashSecret(token));
    if (!kioskId) {
        res.set_header("WWW-Authenticate", "Bearer");
        sendError(res, 401, "Authorization: unknown or missing kiosk token");
    }
    return kioskId;
}

// Content packs for kiosks (their token, like uploads): the newest version, and the pack itself with
// Range, so a download cut by the village's line resumes where it stopped.
void HubServer::contentRoutes() {
    auto& server = *m_server;
    server.Get("/api/v1/content/latest", [this](const httplib::Request& req, httplib::Response& res) {
        if (!kioskOf(req, res)) return;
        const auto pack = m_packs ? m_packs->newest() : std::nullopt;
        if (!pack) return sendError(res, 404, "no content pack published");
        sendJson(res, 200,
                 {{"version", pack->version},
                  {"date", pack->date},
                  {"size", pack->size},
                  {"sha256", pack->sha256},
                  {"path", fmt::format("/api/v1/content/packs/{}.tar", pack->version)}});
    });
    server.Get(R"(/api/v1/content/packs/([0-9]{1,18})\.tar)", [this](const httplib::Request& req,
                                                                     httplib::Response& res) {
        if (!kioskOf(req, res)) return;
        const auto pack = m_packs ? m_packs->find(std::stoll(req.matches[1].str())) : std::nullopt;
        auto in = pack ? std::make_shared<std::ifstream>(pack->file, std::ios::binary) : nullptr;
        if (!in || !*in) return sendError(res, 404, "no such content pack");
        res.set_header("Accept-Ranges", "bytes");
        // httplib answers a Range request from this provider with 206 and only those bytes.
        res.set_content_provider(pack->size, "application/x-tar",
                                 [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                     std::array<char, 64 * 1024> buffer{};
                                     in->seekg(static_cast<std::streamoff>(offset));
                                     in->read(buffer.data(),
                                              static_cast<std::streamsize>(std::min(length, buffer.size())));
                                     const auto n = static_cast<std::size_t>(in->gcount());
                                     return n > 0 && sink.write(buffer.data(), n);
                                 });
    });
}

std::int64_t HubServer::now() const {
    if (m_options.now) return m_options.now();
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string HubServer::sessionCookie() const {
    return https() ? "__Host-hub_session" : "hub_session";
}

// HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it; Secure over HTTPS (over
// plain HTTP the browser would drop a Secure cookie, so staff could not log in at all).
std::string HubServer::cookieAttributes(std::int64_t maxAge) const {
    return fmt::format("Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", maxAge, https() ? "; Secure" : "");
}

bool HubServer::valid() const {
    return m_server->is_valid();
}

int HubServer::bind(const std::string& host, int port) {
    return bindGuarded(*m_server, host, port);
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
        const BodyEncoding encoding = bodyEncoding(req);
        if (encoding == BodyEncoding::unsupported) {
            res.set_header("Connection", "close");
            return sendError(res, 415, "Content-Encoding: only gzip (or none) is accepted");
        }
        // httplib would inflate a gzip body itself, as it reads, and accept one cut short: read it as sent
        // (the Request is httplib's own non-const object, handed to handlers as const).
        if (encoding == BodyEncoding::gzip)
            const_cast<httplib::Request&>(req).headers.erase("Content-Encoding");
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
            return sendError(res, 400, "body: could not be read");
        }
        if (encoding == BodyEncoding::gzip) {
            auto inflated = inflateGzip(body, kiosk::upload::kMaxUploadBytes);
            if (!inflated) {
                const auto kind = inflated.error().kind;
                return sendError(res,
                                 kind == kiosk::ErrorKind::refused        ? 413
                                 : kind == kiosk::ErrorKind::invalidInput ? 400
                                                                          : 503,
                                 inflated.error().message);
            }
            body = std::move(*inflated);
        }
        const std::int64_t receivedAt = now();
        // One day of tolerance for a kiosk clock slightly ahead of the hub's.
        auto upload = kiosk::upload::parseUpload(body, kiosk::addDays(kiosk::localDay(receivedAt), 1));
        if (!upload) return sendError(res, 400, upload.error().message);
        if (auto clean = cleanUpload(*upload); !clean) return sendError(res, 400, clean.error().message);
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
        if (!upload->flags.empty()) answer["stored_flags"] = stored.newFlags;
        if (const auto pack = m_packs ? m_packs->newest() : std::nullopt)
            answer["content_version"] = pack->version;
        sendJson(res, 200, answer);
    });

    server.Get("/login", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content(loginPage("", safeNext(req.get_param_value("next"))), "text/html; charset=utf-8");
    });

    server.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string user = req.get_param_value("username");
        const std::string password = req.get_param_value("password");
        const std::string next = safeNext(req.get_param_value("next"));
        const auto stored = user.empty() ? std::nullopt : m_store.staffPasswordHash(user);
        const bool known = stored.has_value();
        if (const std::int64_t wait = m_logins.waitSeconds(req.remote_addr, user, known, now()); wait > 0) {
            res.status = 429;
            res.set_header("Retry-After", std::to_string(wait));
            res.set_content(
                loginPage(fmt::format("Sai mật khẩu nhiều lần. Xin thử lại sau {} giây.", wait), next),
                "text/html; charset=utf-8");
            return;
        }
        // An unknown name is checked against a dummy hash: the same work, the same time, the same answer.
        bool verified = false;
        {
            m_hashing.acquire();
            verified = auth::verifyPassword(known ? *stored : auth::dummyPasswordHash(), password) && known;
            m_hashing.release();
        }
        if (!verified) {
            m_logins.failed(req.remote_addr, user, known, now());
            res.status = 401;
            res.set_content(loginPage("Sai tên đăng nhập hoặc mật khẩu.", next), "text/html; charset=utf-8");
            return;
        }
        m_logins.succeeded(req.remote_addr, user);
        const std::string session = auth::randomSecret();
        m_store.addSession(auth::hashSecret(session), user, now() + m_options.sessionSeconds);
        // "Secure" only when the hub itself speaks HTTPS: over plain HTTP the browser would drop the cookie.
        res.set_header("Set-Cookie", fmt::format("{}={}; {}", sessionCookie(), session,
                                                 cookieAttributes(m_options.sessionSeconds)));
        res.set_redirect(next, 303);
    });

    server.Post("/logout", [this](const httplib::Request& req, httplib::Response& res) {
        if (const std::string session = cookieValue(req, sessionCookie()); !session.empty())
            m_store.removeSession(auth::hashSecret(session));
        res.set_header("Set-Cookie", fmt::format("{}=; {}", sessionCookie(), cookieAttributes(0)));
        res.set_redirect("/login", 303);
    });

    server.Get("/",
               [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/reports", 303); });

    enum class ReportForm { html, csv, xlsx };
    const auto reportHandler = [this](ReportForm form) {
        return [this, form](const httplib::Request& req, httplib::Response& res) {
            const bool csv = form != ReportForm::html; // a file: 401, never a redirect to the login page
            // Only a staff session opens reports; a kiosk's bearer token is never looked at here.
            const std::string session = cookieValue(req, sessionCookie());
            if (session.empty() || !m_store.sessionUser(auth::hashSecret(session), now())) {
                if (csv) return sendError(res, 401, "login required");
                res.set_redirect("/login?next=" + percentEncode(req.target), 303);
                return;
            }
            std::string periodText = req.has_param("quarter")  ? req.get_param_value("quarter")
                                     : req.has_param("period") ? req.get_param_value("period")
                                                               : req.get_param_value("month");
            if (periodText.empty()) periodText = kiosk::localDay(now()).substr(0, 7);
            auto period = parsePeriod(periodText);
            if (!period) {
                res.status = 400;
                res.set_content(period.error().message + "\n", "text/plain; charset=utf-8");
                return;
            }
            const Report report = buildReport(m_store, *period, now(), m_options.communeName);
            res.set_header("Cache-Control", "no-store");
            if (form == ReportForm::xlsx) {
                res.set_header("Content-Disposition",
                               fmt::format("attachment; filename=\"bao-cao-{}.xlsx\"", period->key));
                res.set_content(renderXlsx(report),
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            } else if (csv) {
                res.set_header("Content-Disposition",
                               fmt::format("attachment; filename=\"bao-cao-{}.csv\"", period->key));
                res.set_content(renderCsv(report), "text/csv; charset=utf-8");
            } else {
                res.set_content(renderHtml(report), "text/html; charset=utf-8");
            }
        };
    };
    server.Get("/reports", reportHandler(ReportForm::html));
    server.Get("/reports.csv", reportHandler(ReportForm::csv));
    server.Get("/reports.xlsx", reportHandler(ReportForm::xlsx));

    // Commune staff enter a village's population from the report page: the checks of `population set`.
    server.Post("/population", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string session = cookieValue(req, sessionCookie());
        if (session.empty() || !m_store.sessionUser(auth::hashSecret(session), now()))
            return sendError(res, 401, "login required");
        const PopulationInput input{req.get_param_value("village"), req.get_param_value("adults"),
                                    req.get_param_value("smartphone"), req.get_param_value("vneid"),
                                    req.get_param_value("as-of")};
        const auto figures = checkPopulation(input, registeredVillages(m_store), kiosk::localDay(now()));
        if (!figures) {
            res.status = 400;
            res.set_content(fmt::format("Không lưu được (nothing saved): {}\n", figures.error().message),
                            "text/plain; charset=utf-8");
            return;
        }
        m_store.setPopulation(*figures);
        res.set_redirect(fmt::format("/reports?month={}", figures->asOf.substr(0, 7)), 303);
    });

    // The technician's page: every kiosk's last heartbeat, those needing a visit marked (fleet.hpp).
    server.Get("/fleet", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string session = cookieValue(req, sessionCookie());
        if (session.empty() || !m_store.sessionUser(auth::hashSecret(session), now())) {
            res.set_redirect("/login?next=" + percentEncode(req.target), 303);
            return;
        }
        res.set_header("Cache-Control", "no-store");
        res.set_content(renderFleetHtml(m_store.kioskStatuses(), now()), "text/html; charset=utf-8");
    });

    // For whoever maintains the guides: the teams' "Màn hình này đã khác" per guide and step (flags.hpp).
    server.Get("/flags", [this](const httplib::Request& req, httplib::Response& res) {
        const std::string session = cookieValue(req, sessionCookie());
        if (session.empty() || !m_store.sessionUser(auth::hashSecret(session), now())) {
            res.set_redirect("/login?next=" + percentEncode(req.target), 303);
            return;
        }
        res.set_header("Cache-Control", "no-store");
        res.set_content(renderFlagsHtml(m_store.screenFlags(), now()), "text/html; charset=utf-8");
    });
}

} // namespace commune
