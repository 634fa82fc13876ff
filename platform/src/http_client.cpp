#include "platform/http_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <stdexcept>

namespace platform {

namespace {

constexpr std::size_t kMaxResponseBytes = 4096;

struct CurlDeleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
struct UrlDeleter {
    void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
struct CurlStringDeleter {
    void operator()(char* text) const noexcept { curl_free(text); }
};

using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

std::string lower(std::string text) {
    std::ranges::transform(text, text.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string urlPart(CURLU* url, CURLUPart part) {
    char* raw = nullptr;
    if (curl_url_get(url, part, &raw, 0) != CURLUE_OK) return {};
    CurlString owned(raw);
    return raw != nullptr ? std::string(raw) : std::string();
}

bool isLoopbackHost(const std::string& host) {
    // curl gives IPv6 hosts in brackets. 127.0.0.0/8 is loopback as a whole.
    if (host == "localhost" || host == "[::1]") return true;
    unsigned a = 0, b = 0, c = 0, d = 0;
    char tail = 0;
    return std::sscanf(host.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4 && a == 127 && b < 256 &&
           c < 256 && d < 256;
}

std::size_t collectResponse(char* data, std::size_t size, std::size_t count, void* user) {
    auto* out = static_cast<std::string*>(user);
    const std::size_t bytes = size * count;
    if (out->size() < kMaxResponseBytes) out->append(data, std::min(bytes, kMaxResponseBytes - out->size()));
    return bytes; // read everything, keep only the start
}

// libcurl calls this about once a second and while data moves; non-zero abandons the transfer.
int abandonOnStop(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::stop_token*>(user)->stop_requested() ? 1 : 0;
}

// A header line may not carry a line break: a token or key with one would smuggle in another header.
bool safeHeaderValue(std::string_view value) {
    return std::ranges::none_of(value, [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

} // namespace

CurlGlobal::CurlGlobal() {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        throw std::runtime_error("libcurl could not start");
}

CurlGlobal::~CurlGlobal() {
    curl_global_cleanup();
}

kiosk::Result<void> checkUploadUrl(std::string_view text) {
    using kiosk::ErrorKind, kiosk::fail;
    std::unique_ptr<CURLU, UrlDeleter> url(curl_url());
    if (!url) return fail(ErrorKind::unavailable, "out of memory");
    const std::string owned(text);
    if (curl_url_set(url.get(), CURLUPART_URL, owned.c_str(), 0) != CURLUE_OK) {
        return fail(ErrorKind::invalidInput, fmt::format("not a URL: {}", owned));
    }
    const std::string scheme = lower(urlPart(url.get(), CURLUPART_SCHEME));
    const std::string host = lower(urlPart(url.get(), CURLUPART_HOST));
    if (scheme == "https") return {};
    if (scheme == "http") {
        if (isLoopbackHost(host)) return {};
        return fail(ErrorKind::invalidInput,
                    fmt::format("{}: plain http is allowed only to this machine; use https", owned));
    }
    return fail(ErrorKind::invalidInput,
                fmt::format("{}: only https (or http to this machine) is allowed", owned));
}

std::string gzip(std::string_view bytes) {
    z_stream stream{};
    // 15 window bits + 16: a gzip header and trailer rather than a bare zlib stream.
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib could not start");
    }
    if (bytes.size() > UINT_MAX) {
        deflateEnd(&stream);
        throw std::length_error("too much to compress at once");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    const std::size_t written = stream.total_out;
    deflateEnd(&stream);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib could not compress");
    out.resize(written);
    return out;
}

kiosk::Result<HttpResponse> postJson(const HttpPost& request) {
    using kiosk::ErrorKind, kiosk::fail;
    if (auto allowed = checkUploadUrl(request.url); !allowed) return std::unexpected(allowed.error());
    if (!safeHeaderValue(request.bearerToken) || !safeHeaderValue(request.idempotencyKey)) {
        return fail(ErrorKind::invalidInput, "a header value contains a line break");
    }
    CurlHandle curl(curl_easy_init());
    if (!curl) return fail(ErrorKind::unavailable, "libcurl could not make a handle");

    const std::string compressed = gzip(request.body);
    HeaderList headers;
    auto addHeader = [&headers](const std::string& line) {
        curl_slist* next = curl_slist_append(headers.get(), line.c_str());
        if (next != nullptr) {
            (void)headers.release(); // now owned by next
            headers.reset(next);
        }
        return next != nullptr;
    };
    bool headersOk = addHeader("Content-Type: application/json") && addHeader("Content-Encoding: gzip") &&
                     addHeader("Expect:"); // no 100-continue round trip for a few KB
    if (!request.bearerToken.empty())
        headersOk = headersOk && addHeader("Authorization: Bearer " + request.bearerToken);
    if (!request.idempotencyKey.empty())
        headersOk = headersOk && addHeader("Idempotency-Key: " + request.idempotencyKey);
    if (!headersOk) return fail(ErrorKind::unavailable, "out of memory for the request headers");

    std::string responseBody;
    char errorText[CURL_ERROR_SIZE] = {};
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); // a redirect could lead off https or off loopback
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);       // a worker thread: no SIGALRM for DNS timeouts
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(request.connectTimeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(request.totalTimeout.count()));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    const std::string caFile = request.caFile.string();
    if (!caFile.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, caFile.c_str());
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, compressed.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(compressed.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_USERAGENT, "village-kiosk/" KIOSK_VERSION);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collectResponse);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &responseBody);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, abandonOnStop);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &request.stop);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);

    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        return fail(ErrorKind::unavailable,
                    fmt::format("{}: {}", curl_easy_strerror(rc), errorText[0] != 0 ? errorText : ""));
    }
    HttpResponse response;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    response.body = std::move(responseBody);
    return response;
}

} // namespace platform
