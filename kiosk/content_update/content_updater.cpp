#include "content_update/content_updater.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <system_error>

namespace kiosk {
namespace fs = std::filesystem;

Result<LatestPack> parseLatest(std::string_view text) {
    const auto json = nlohmann::json::parse(text, nullptr, false);
    const auto bad = [](std::string_view field) {
        return fail(ErrorKind::invalidInput, fmt::format("hub content/latest: {} missing or wrong", field));
    };
    if (json.is_discarded() || !json.is_object()) return bad("the JSON object");
    LatestPack latest;
    if (!json.contains("version") || !json["version"].is_number_integer() ||
        json["version"].get<std::int64_t>() <= 0)
        return bad("version");
    latest.version = json["version"].get<std::int64_t>();
    if (!json.contains("size") || !json["size"].is_number_unsigned() ||
        json["size"].get<std::uint64_t>() > pack::kMaxPackBytes)
        return bad("size");
    latest.size = json["size"].get<std::uint64_t>();
    if (!json.contains("sha256") || !json["sha256"].is_string() ||
        json["sha256"].get<std::string>().size() != 64)
        return bad("sha256");
    latest.sha256 = json["sha256"].get<std::string>();
    // Only a path on the same hub: the token never goes anywhere else.
    if (!json.contains("path") || !json["path"].is_string() ||
        !json["path"].get<std::string>().starts_with("/api/") ||
        json["path"].get<std::string>().find_first_of("\r\n ?#") != std::string::npos)
        return bad("path");
    latest.path = json["path"].get<std::string>();
    return latest;
}

std::string UpdateStatus::summary() const {
    std::string text = activeVersion != 0 ? fmt::format("Nội dung: bản {}", activeVersion)
                                          : std::string("Nội dung: bản cài sẵn");
    if (stagedVersion != 0) text += fmt::format("; bản {} đã tải, đổi khi máy rảnh", stagedVersion);
    if (downloadingVersion != 0)
        text += fmt::format("; đang tải bản {}: {}/{} KB", downloadingVersion, downloadedBytes / 1024,
                            downloadSize / 1024);
    if (!lastProblem.empty()) text += "; " + lastProblem;
    return text;
}

ContentUpdater::ContentUpdater(ContentStore& store, UpdaterSettings settings, UpdateNetwork network)
    : m_store(store), m_settings(std::move(settings)), m_network(std::move(network)) {
    const auto active = m_store.active();
    const auto staged = m_store.staged();
    m_status.activeVersion = active ? active->version : 0;
    m_status.stagedVersion = staged ? staged->version : 0;
}

ContentUpdater::~ContentUpdater() {
    stop();
}

void ContentUpdater::start() {
    m_thread = std::jthread([this](std::stop_token stop) {
        while (!stop.stop_requested()) {
            const Next next = check(stop);
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, stop, next == Next::Retry ? m_settings.retryEvery : m_settings.checkEvery,
                            [] { return false; });
        }
    });
}

void ContentUpdater::stop() {
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_thread.join();
    }
}

void ContentUpdater::runOnce(std::stop_token stop) {
    (void)check(stop);
}

UpdateStatus ContentUpdater::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void ContentUpdater::note(std::string_view line) const {
    if (m_settings.log)
        m_settings.log(line);
    else
        std::fprintf(stderr, "kiosk: content: %.*s\n", static_cast<int>(line.size()), line.data());
}

void ContentUpdater::problem(std::string line) {
    note(line);
    std::lock_guard lock(m_mutex);
    m_status.lastProblem = std::move(line);
}

ContentUpdater::Next ContentUpdater::check(std::stop_token stop) {
    if (m_store.staged()) return Next::Wait; // one waits for the idle reset already
    auto answer = m_network.get("/api/v1/content/latest", stop);
    if (!answer) {
        note("cannot ask the hub for the newest content: " + answer.error().message);
        return Next::Wait;
    }
    if (answer->first == 404) return Next::Wait; // nothing published yet
    if (answer->first != 200) {
        note(fmt::format("the hub answered {} to content/latest", answer->first));
        return Next::Wait;
    }
    auto latest = parseLatest(answer->second);
    if (!latest) {
        problem(latest.error().message);
        return Next::Wait;
    }
    const auto active = m_store.active();
    if ((active && latest->version <= active->version) || m_store.refused().contains(latest->version))
        return Next::Wait;
    return fetch(*latest, stop);
}

ContentUpdater::Next ContentUpdater::fetch(const LatestPack& latest, std::stop_token stop) {
    const fs::path file = m_store.downloadFile(latest.version);
    std::error_code error;
    // Other versions' leftovers go; a longer file than announced cannot be this pack.
    for (fs::directory_iterator it(file.parent_path(), error), end; !error && it != end; it.increment(error))
        if (it->path() != file) fs::remove(it->path(), error);
    fs::create_directories(file.parent_path(), error);
    if (fs::exists(file, error) && fs::file_size(file, error) > latest.size) fs::remove(file, error);
    const auto idle = [this] { return !m_settings.idle || m_settings.idle(); };
    if (!idle()) return Next::Retry; // a resident is at the screen: the line and the SD card are theirs
    {
        std::lock_guard lock(m_mutex);
        m_status.downloadingVersion = latest.version;
        m_status.downloadSize = latest.size;
    }
    std::uint64_t have = fs::exists(file, error) ? fs::file_size(file, error) : 0;
    if (have < latest.size) {
        auto got = m_network.download(latest.path, file, latest.size, idle, stop);
        if (!got) {
            note(fmt::format("download of content pack {} stopped: {} (resumed later)", latest.version,
                             got.error().message));
            return Next::Retry;
        }
        have = got->bytes;
        std::lock_guard lock(m_mutex);
        m_status.downloadedBytes = have;
        if (got->paused || have < latest.size) return Next::Retry;
    }
    auto sha = pack::fileSha256(file);
    if (!sha || *sha != latest.sha256) {
        fs::remove(file, error);
        problem(
            fmt::format("content pack {}: the download does not match the hub's SHA-256; downloading again",
                        latest.version));
        return Next::Retry;
    }
    auto installed = m_store.install(file, m_settings.publicKey, m_settings.check);
    fs::remove(file, error);
    {
        std::lock_guard lock(m_mutex);
        m_status.downloadingVersion = 0;
        if (installed) m_status.stagedVersion = installed->version;
    }
    if (!installed) {
        // A pack that will never pass (unsigned, tampered, invalid, older) is not fetched again.
        if (installed.error().kind != ErrorKind::io) m_store.refuse(latest.version);
        problem(fmt::format("refused content pack {}: {}", latest.version, installed.error().message));
        return Next::Wait;
    }
    note(fmt::format("content pack {} checked; it is served from the next idle reset", installed->version));
    if (m_settings.staged) m_settings.staged();
    return Next::Wait;
}

} // namespace kiosk
