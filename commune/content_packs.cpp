#include "content_packs.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <system_error>

namespace commune {
namespace fs = std::filesystem;
namespace {

using kiosk::ErrorKind;
using kiosk::fail;

// Copies `from` to `to` through `to`.tmp, fsyncing the file and the folder; returns the copy's SHA-256.
kiosk::Result<std::string> copyDurably(const fs::path& from, const fs::path& to) {
    std::ifstream in(from, std::ios::binary);
    if (!in) return fail(ErrorKind::io, fmt::format("{}: cannot be read", from.string()));
    const fs::path temporary = to.string() + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return fail(ErrorKind::io, fmt::format("{}: cannot be created", temporary.string()));
    crypto_hash_sha256_state sha;
    crypto_hash_sha256_init(&sha);
    std::array<char, 64 * 1024> buffer{};
    bool good = true;
    while (good && in) {
        in.read(buffer.data(), buffer.size());
        const auto n = static_cast<std::size_t>(in.gcount());
        crypto_hash_sha256_update(&sha, reinterpret_cast<const unsigned char*>(buffer.data()), n);
        for (std::size_t done = 0; good && done < n;) {
            const ssize_t w = ::write(fd, buffer.data() + done, n - done);
            good = w > 0;
            done += good ? static_cast<std::size_t>(w) : 0;
        }
    }
    good = good && !in.bad() && ::fsync(fd) == 0;
    good = (::close(fd) == 0) && good;
    std::error_code error;
    if (!good) {
        fs::remove(temporary, error);
        return fail(ErrorKind::io, fmt::format("{}: cannot be written", temporary.string()));
    }
    fs::rename(temporary, to, error);
    if (error) return fail(ErrorKind::io, fmt::format("{}: {}", to.string(), error.message()));
    const int folder = ::open(to.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder >= 0) {
        ::fsync(folder);
        ::close(folder);
    }
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&sha, digest.data());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

kiosk::Result<void> writeDurably(const fs::path& to, const std::string& text) {
    const fs::path temporary = to.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!(out << text) || !out.flush())
            return fail(ErrorKind::io, fmt::format("{}: cannot be written", temporary.string()));
    }
    const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    std::error_code error;
    fs::rename(temporary, to, error);
    if (error) return fail(ErrorKind::io, fmt::format("{}: {}", to.string(), error.message()));
    return {};
}

std::optional<PublishedPack> readEntry(const fs::path& json) {
    std::ifstream in(json, std::ios::binary);
    const auto parsed = nlohmann::json::parse(in, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
    try {
        PublishedPack pack{parsed.at("version").get<std::int64_t>(), parsed.at("date").get<std::string>(),
                           parsed.at("size").get<std::uint64_t>(), parsed.at("sha256").get<std::string>(),
                           json.parent_path() /
                               fmt::format("{}.tar", parsed.at("version").get<std::int64_t>())};
        std::error_code error;
        if (fs::file_size(pack.file, error) != pack.size || error) return std::nullopt;
        return pack;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

} // namespace

kiosk::Result<PublishedPack> PackShelf::publish(const fs::path& pack, std::string_view publicKey) const {
    auto manifest = kiosk::pack::readManifest(pack, publicKey);
    if (!manifest) return std::unexpected(manifest.error());
    if (const auto current = newest(); current && current->version >= manifest->version)
        return fail(ErrorKind::refused,
                    fmt::format("version {} is not newer than the published {}: make the pack with a larger "
                                "--version",
                                manifest->version, current->version));
    std::error_code error;
    fs::create_directories(m_folder, error);
    if (error) return fail(ErrorKind::io, fmt::format("{}: {}", m_folder.string(), error.message()));
    const fs::path tar = m_folder / fmt::format("{}.tar", manifest->version);
    auto sha = copyDurably(pack, tar);
    if (!sha) return std::unexpected(sha.error());
    PublishedPack published{manifest->version, manifest->date, fs::file_size(tar), std::move(*sha), tar};
    // The .json is what makes a version visible: written last, by rename.
    const nlohmann::json entry = {{"version", published.version},
                                  {"date", published.date},
                                  {"size", published.size},
                                  {"sha256", published.sha256}};
    if (auto written =
            writeDurably(m_folder / fmt::format("{}.json", published.version), entry.dump() + "\n");
        !written)
        return std::unexpected(written.error());
    return published;
}

std::optional<PublishedPack> PackShelf::newest() const {
    std::optional<PublishedPack> best;
    std::error_code error;
    for (fs::directory_iterator it(m_folder, error), end; !error && it != end; it.increment(error)) {
        if (it->path().extension() != ".json") continue;
        if (auto pack = readEntry(it->path()); pack && (!best || pack->version > best->version)) best = pack;
    }
    return best;
}

std::optional<PublishedPack> PackShelf::find(std::int64_t version) const {
    auto pack = readEntry(m_folder / fmt::format("{}.json", version));
    if (pack && pack->version != version) return std::nullopt;
    return pack;
}

} // namespace commune
