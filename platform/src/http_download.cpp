#include "platform/http_download.hpp"

#include "platform/http_client.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <memory>

namespace platform {
namespace {

using kiosk::ErrorKind;
using kiosk::fail;

constexpr std::size_t kMaxTextBytes = 64 * 1024;

struct CurlDeleter {
    void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

struct Transfer {
    const std::stop_token* stop = nullptr;
    const std::function<bool()>* keepGoing = nullptr;
    bool paused = false;
    // Text
    std::string* text = nullptr;
    // File
    int fd = -1;
    std::uint64_t written = 0;
    std::uint64_t limit = 0;
    bool tooLong = false;
    bool writeFailed = false;
};

int progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    if (t->stop->stop_requested() || (t->keepGoing && *t->keepGoing && !(*t->keepGoing)())) {
        t->paused = true;
        return 1;
    }
    return 0;
}

std::size_t collectText(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (t->text->size() + bytes > kMaxTextBytes) return 0;
    t->text->append(data, bytes);
    return bytes;
}

std::size_t writeFile(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (t->written + bytes > t->limit) {
        t->tooLong = true;
        return 0;
    }
    for (std::size_t done = 0; done < bytes;) {
        const ssize_t n = ::write(t->fd, data + done, bytes - done);
        if (n <= 0) {
            t->writeFailed = true;
            return 0;
        }
        done += static_cast<std::size_t>(n);
    }
    t->written += bytes;
    return bytes;
}

// Only the status of the final answer decides where the body goes: a 200 to a Range request means the
// server sends the whole file, so what was kept is dropped first.
struct HeaderState {
    Transfer* transfer = nullptr;
    std::uint64_t resumeFrom = 0;
    bool truncatedForFull = false;
};

kiosk::Result<CurlHandle> makeHandle(const HttpGet& request, HeaderList& headers, char* errorText) {
    if (auto allowed = checkUploadUrl(request.url); !allowed) return std::unexpected(allowed.error());
    if (request.bearerToken.find_first_of("\r\n") != std::string::npos)
        return fail(ErrorKind::invalidInput, "hub.token contains a line break");
    CurlHandle curl(curl_easy_init());
    if (!curl) return fail(ErrorKind::unavailable, "libcurl could not make a handle");
    if (!request.bearerToken.empty()) {
        headers.reset(curl_slist_append(nullptr, ("Authorization: Bearer " + request.bearerToken).c_str()));
        if (!headers) return fail(ErrorKind::unavailable, "out of memory for the request headers");
    }
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, static_cast<long>(request.connectTimeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT, static_cast<long>(request.totalTimeout.count()));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!request.caFile.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, request.caFile.c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_USERAGENT, "village-kiosk/" KIOSK_VERSION);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, progress);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    return curl;
}

} // namespace

kiosk::Result<HttpText> getText(const HttpGet& request) {
    HeaderList headers;
    char errorText[CURL_ERROR_SIZE] = {};
    auto curl = makeHandle(request, headers, errorText);
    if (!curl) return std::unexpected(curl.error());
    std::string body;
    Transfer transfer{&request.stop, nullptr};
    transfer.text = &body;
    CURL* h = curl->get();
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collectText);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK)
        return fail(ErrorKind::unavailable,
                    fmt::format("{}: {}", curl_easy_strerror(rc), errorText[0] != 0 ? errorText : ""));
    HttpText text;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &text.status);
    text.body = std::move(body);
    return text;
}

kiosk::Result<DownloadOutcome> downloadFile(const FileDownload& download) {
    HeaderList headers;
    char errorText[CURL_ERROR_SIZE] = {};
    auto curl = makeHandle(download.request, headers, errorText);
    if (!curl) return std::unexpected(curl.error());
    const int fd = ::open(download.file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        return fail(ErrorKind::io, fmt::format("{}: cannot be opened for writing", download.file.string()));
    const off_t start = ::lseek(fd, 0, SEEK_END);
    Transfer transfer{&download.request.stop, &download.keepGoing};
    transfer.fd = fd;
    transfer.written = static_cast<std::uint64_t>(start);
    transfer.limit = download.expectedSize;
    CURL* h = curl->get();
    const std::string range = fmt::format("{}-", start);
    if (start > 0) curl_easy_setopt(h, CURLOPT_RANGE, range.c_str());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, writeFile);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(h, CURLOPT_FAILONERROR, 1L); // an error page must never land in the file
    if (download.maxBytesPerSecond > 0)
        curl_easy_setopt(h, CURLOPT_MAX_RECV_SPEED_LARGE,
                         static_cast<curl_off_t>(download.maxBytesPerSecond));
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, static_cast<long>(download.lowSpeedTime.count()));
    const CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    // A 200 to a Range request: the server sent the file from its start, appended after what we had.
    // Never happens with the hub; refuse rather than keep a file that is two files glued together.
    const bool restarted = start > 0 && status == 200;
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (restarted) {
        ::truncate(download.file.c_str(), 0);
        return fail(ErrorKind::unavailable, "the hub ignored the Range header; the download starts again");
    }
    DownloadOutcome outcome{status, transfer.written, transfer.paused};
    if (!synced || transfer.writeFailed)
        return fail(ErrorKind::io, fmt::format("{}: cannot be written (disk full?)", download.file.string()));
    if (transfer.tooLong)
        return fail(ErrorKind::invalidInput,
                    fmt::format("the hub sent more than the {} bytes it announced", download.expectedSize));
    if (status == 416) return outcome; // nothing left to send: the file is whole (or longer: checked later)
    if (rc == CURLE_ABORTED_BY_CALLBACK && transfer.paused) return outcome;
    if (rc != CURLE_OK)
        return fail(ErrorKind::unavailable, fmt::format("{} (HTTP {}): {}", curl_easy_strerror(rc), status,
                                                        errorText[0] != 0 ? errorText : ""));
    return outcome;
}

} // namespace platform
