// POSTs JSON to the commune hub or a booking webhook with libcurl: gzip body, bearer token, idempotency key,
// HTTPS with the certificate checked; plain http only to this machine (tests, a local relay).
// Blocking: call it from the upload worker, never from the frame loop.
#pragma once

#include "common/error.hpp"

#include <chrono>
#include <filesystem>
#include <stop_token>
#include <string>
#include <string_view>

namespace platform {

// curl_global_init / curl_global_cleanup. Make one in main, before any thread that posts exists.
class CurlGlobal {
  public:
    CurlGlobal(); // throws std::runtime_error if libcurl cannot start
    CurlGlobal(const CurlGlobal&) = delete;
    CurlGlobal& operator=(const CurlGlobal&) = delete;
    ~CurlGlobal();
};

struct HttpPost {
    std::string url;
    std::string body;             // JSON, sent gzip-compressed
    std::string bearerToken;      // "" = no Authorization header
    std::string idempotencyKey;   // "" = no Idempotency-Key header
    std::filesystem::path caFile; // "" = the system's CA certificates
    std::chrono::seconds connectTimeout{10};
    std::chrono::seconds totalTimeout{30};
    std::stop_token stop; // when stop is requested (shutdown), the transfer is abandoned within a second
};

struct HttpResponse {
    long status = 0;
    std::string body; // the first few KB of what the server answered, for the log
};

// Any HTTP status is a response (the caller decides what 4xx/5xx mean); an error is a refused URL, a failed
// connection, a bad certificate, a timeout ... as text for the log and the staff screen.
[[nodiscard]] kiosk::Result<HttpResponse> postJson(const HttpPost& request);

// Whether the URL may be used: https anywhere, http only to 127.0.0.0/8, ::1 or localhost. Else why not.
[[nodiscard]] kiosk::Result<void> checkUploadUrl(std::string_view url);

// gzip (RFC 1952) of the bytes, as sent with Content-Encoding: gzip.
[[nodiscard]] std::string gzip(std::string_view bytes);

} // namespace platform
