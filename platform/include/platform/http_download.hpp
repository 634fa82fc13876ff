// GETs from the commune hub with libcurl: a small JSON answer, or a file downloaded in the background,
// resumed from where an earlier attempt stopped (HTTP Range), at a bounded speed, abandoned on request.
// Blocking: call from a worker thread, never from the frame loop.
#pragma once

#include "common/error.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>

namespace platform {

struct HttpGet {
    std::string url;              // https, or http to this machine only (checkUploadUrl)
    std::string bearerToken;      // "" = no Authorization header
    std::filesystem::path caFile; // "" = the system's CA certificates
    std::chrono::seconds connectTimeout{10};
    std::chrono::seconds totalTimeout{60}; // 0 = none (a slow download is fine while it moves)
    std::stop_token stop;
};

struct HttpText {
    long status = 0;
    std::string body; // at most 64 KB
};

// Any HTTP status is an answer; an error is a refused URL, a failed connection, a timeout, ...
[[nodiscard]] kiosk::Result<HttpText> getText(const HttpGet& request);

struct FileDownload {
    HttpGet request;
    std::filesystem::path file;            // appended to: its current size is where the download resumes
    std::uint64_t expectedSize = 0;        // stop there; a server sending more is an error
    std::int64_t maxBytesPerSecond = 0;    // 0 = no limit (CURLOPT_MAX_RECV_SPEED_LARGE)
    std::function<bool()> keepGoing;       // asked about once a second; false pauses (resumed later)
    std::chrono::seconds lowSpeedTime{60}; // abandoned when under 1 byte/s for this long
};

struct DownloadOutcome {
    long status = 0;         // 200 (whole file: the file was restarted) or 206 (resumed)
    std::uint64_t bytes = 0; // the file's size now
    bool paused = false;     // keepGoing said no, or stop was requested
};

// Writes every byte received to the file and fsyncs it before returning, so a power cut keeps what was
// counted. A 416 (the file already whole) is an outcome too.
[[nodiscard]] kiosk::Result<DownloadOutcome> downloadFile(const FileDownload& download);

} // namespace platform
