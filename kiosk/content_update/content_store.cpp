#include "content_update/content_store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <system_error>

namespace kiosk {
namespace fs = std::filesystem;
namespace {

// "v123" → 123; anything else → nullopt.
std::optional<std::int64_t> versionOf(std::string_view name, std::string_view prefix) {
    if (!name.starts_with(prefix) || name.size() == prefix.size()) return std::nullopt;
    std::int64_t version = 0;
    const char* begin = name.data() + prefix.size();
    const char* end = name.data() + name.size();
    const auto [at, error] = std::from_chars(begin, end, version);
    if (error != std::errc() || at != end || version <= 0) return std::nullopt;
    return version;
}

void syncFolder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

// Fault injection for the power-cut tests: KIOSK_CONTENT_KILL_AT=<point> ends the process right there,
// as a power cut would (no destructor, no flush).
void crashPoint(std::string_view point) {
    const char* at = std::getenv("KIOSK_CONTENT_KILL_AT");
    if (at != nullptr && point == at) {
        std::fprintf(stderr, "kiosk: content: killed at %s (test)\n", at);
        std::_Exit(137);
    }
}

} // namespace

ContentStore::ContentStore(fs::path folder) : m_folder(std::move(folder)) {}

fs::path ContentStore::versionFolder(std::int64_t version) const {
    return m_folder / fmt::format("v{}", version);
}

fs::path ContentStore::downloadFile(std::int64_t version) const {
    return m_folder / "download" / fmt::format("{}.tar.part", version);
}

void ContentStore::tidy() const {
    std::error_code error;
    for (fs::directory_iterator it(m_folder, error), end; !error && it != end; it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.starts_with("staging-") || name.ends_with(".tmp")) fs::remove_all(it->path(), error);
    }
}

std::vector<std::int64_t> ContentStore::installedVersions() const {
    std::vector<std::int64_t> versions;
    std::error_code error;
    for (fs::directory_iterator it(m_folder, error), end; !error && it != end; it.increment(error)) {
        if (auto version = versionOf(it->path().filename().string(), "v"); version && it->is_directory())
            versions.push_back(*version);
    }
    std::ranges::sort(versions);
    return versions;
}

std::optional<InstalledPack> ContentStore::active() const {
    std::ifstream in(m_folder / "current");
    std::string name;
    if (!std::getline(in, name)) return std::nullopt;
    const auto version = versionOf(name, "v");
    std::error_code error;
    if (!version || !fs::is_directory(versionFolder(*version) / "content" / "guides", error))
        return std::nullopt;
    return InstalledPack{*version, versionFolder(*version)};
}

std::optional<InstalledPack> ContentStore::staged() const {
    const auto current = active();
    const auto versions = installedVersions();
    const auto refusedVersions = refused();
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
        if (current && *it <= current->version) break;
        if (!refusedVersions.contains(*it)) return InstalledPack{*it, versionFolder(*it)};
    }
    return std::nullopt;
}

std::optional<InstalledPack> ContentStore::previous() const {
    const auto current = active();
    if (!current) return std::nullopt;
    const auto versions = installedVersions();
    for (auto it = versions.rbegin(); it != versions.rend(); ++it)
        if (*it < current->version) return InstalledPack{*it, versionFolder(*it)};
    return std::nullopt;
}

std::set<std::int64_t> ContentStore::refused() const {
    std::set<std::int64_t> versions;
    std::ifstream in(m_folder / "refused");
    std::string line;
    while (std::getline(in, line))
        if (auto version = versionOf(line, "")) versions.insert(*version);
    return versions;
}

void ContentStore::refuse(std::int64_t version) const {
    std::error_code error;
    fs::create_directories(m_folder, error);
    std::ofstream(m_folder / "refused", std::ios::app) << version << "\n";
}

Result<InstalledPack> ContentStore::install(const fs::path& pack, std::string_view publicKey,
                                            const ContentCheck& check) const {
    auto manifest = pack::readManifest(pack, publicKey);
    if (!manifest) return std::unexpected(manifest.error());
    const std::int64_t version = manifest->version;
    if (const auto current = active(); current && version <= current->version)
        return fail(ErrorKind::refused,
                    fmt::format("pack version {} is not newer than the content in use ({})", version,
                                current->version));
    if (refused().contains(version))
        return fail(ErrorKind::refused,
                    fmt::format("pack version {} was refused or rolled back before", version));
    const fs::path staging = m_folder / fmt::format("staging-{}", version);
    std::error_code error;
    fs::remove_all(staging, error);
    auto unpacked = pack::unpack(pack, publicKey, staging);
    if (!unpacked) return std::unexpected(unpacked.error());
    crashPoint("unpacked");
    if (const auto problems = check ? check(staging) : std::vector<std::string>{}; !problems.empty()) {
        fs::remove_all(staging, error);
        return fail(ErrorKind::invalidInput,
                    fmt::format("pack version {}: {} error(s) in its guides, e.g. {}", version,
                                problems.size(), problems.front()));
    }
    const fs::path final = versionFolder(version);
    fs::remove_all(final, error);
    fs::rename(staging, final, error);
    if (error) return fail(ErrorKind::io, fmt::format("{}: {}", final.string(), error.message()));
    syncFolder(m_folder);
    crashPoint("installed");
    return InstalledPack{version, final};
}

Result<void> ContentStore::writePointer(const std::string& text) const {
    const fs::path temporary = m_folder / "current.tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail(ErrorKind::io, fmt::format("{}: cannot be written", temporary.string()));
    const bool good =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!good) return fail(ErrorKind::io, fmt::format("{}: cannot be written", temporary.string()));
    crashPoint("pointer-written");
    std::error_code error;
    fs::rename(temporary, m_folder / "current", error);
    if (error)
        return fail(ErrorKind::io, fmt::format("{}: {}", (m_folder / "current").string(), error.message()));
    syncFolder(m_folder);
    return {};
}

Result<void> ContentStore::activate(std::int64_t version) const {
    std::error_code error;
    if (!fs::is_directory(versionFolder(version), error))
        return fail(ErrorKind::notFound, fmt::format("content pack v{} is not installed", version));
    const auto before = active();
    if (auto written = writePointer(fmt::format("v{}\n", version)); !written) return written;
    crashPoint("switched");
    // Keep two: the new one and the one it replaced (for a rollback).
    for (const std::int64_t kept : installedVersions()) {
        if (kept == version || (before && kept == before->version)) continue;
        if (kept < version) fs::remove_all(versionFolder(kept), error);
    }
    fs::remove_all(m_folder / "download", error);
    return {};
}

Result<std::optional<InstalledPack>> ContentStore::rollBack() const {
    const auto current = active();
    if (!current)
        return fail(ErrorKind::notFound, "no content pack in use: the bundled content is served already");
    const auto back = previous();
    refuse(current->version);
    if (auto written = writePointer(back ? fmt::format("v{}\n", back->version) : std::string("bundled\n"));
        !written)
        return std::unexpected(written.error());
    std::error_code error;
    fs::remove_all(current->root, error);
    return back;
}

} // namespace kiosk
