#include "content_cli.hpp"

#include "common/content_pack.hpp"
#include "common/local_time.hpp"
#include "content_packs.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace commune {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kUsage = R"(usage:
  commune-hub content keygen --out DIR                 (writes DIR/pack.key, secret, and DIR/pack.pub)
  commune-hub content pack DIR --key FILE --out FILE [--version N] [--date YYYY-MM-DD]
                                                       (DIR holds content/guides, content/narration, images;
                                                        version default: UTC now as YYYYMMDDHHMM)
  commune-hub content publish FILE --data DIR [--public-key FILE]
)";

int usage(const std::string& message) {
    std::cerr << "commune-hub: content: " << message << "\n" << kUsage;
    return 2;
}

int failed(const std::string& message) {
    std::cerr << "commune-hub: content: " << message << "\n";
    return 1;
}

std::optional<std::string> readKeyFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line)) return std::nullopt;
    return line;
}

// O_EXCL: a second keygen never overwrites the key every kiosk already trusts.
bool writeNew(const fs::path& file, const std::string& text, mode_t mode) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return false;
    const bool good =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    return (::close(fd) == 0) && good;
}

int keygen(const std::map<std::string, std::string>& options) {
    if (!options.contains("out")) return usage("keygen needs --out DIR");
    const fs::path folder = options.at("out");
    std::error_code error;
    fs::create_directories(folder, error);
    if (error) return failed(fmt::format("{}: {}", folder.string(), error.message()));
    if (fs::exists(folder / "pack.key") || fs::exists(folder / "pack.pub"))
        return failed(fmt::format("{}: already holds pack.key or pack.pub; kiosks trust that key, so it is "
                                  "not replaced (move it away first if you really mean to)",
                                  folder.string()));
    const kiosk::pack::KeyPair keys = kiosk::pack::makeKeys();
    if (!writeNew(folder / "pack.key", keys.secretKey + "\n", 0600) ||
        !writeNew(folder / "pack.pub", keys.publicKey + "\n", 0644))
        return failed(fmt::format("{}: cannot write the key files", folder.string()));
    std::cout << fmt::format("secret key: {} (only you; keep a copy offline)\npublic key: {}\n"
                             "every kiosk's kiosk.toml:\n[content]\npack_public_key = \"{}\"\n",
                             (folder / "pack.key").string(), (folder / "pack.pub").string(), keys.publicKey);
    return 0;
}

std::string utcVersionNow() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return fmt::format("{:04}{:02}{:02}{:02}{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min);
}

int pack(const std::vector<std::string>& positional, const std::map<std::string, std::string>& options) {
    if (positional.size() != 3 || !options.contains("key") || !options.contains("out"))
        return usage("pack DIR --key FILE --out FILE");
    const fs::path keyFile = options.at("key");
    struct stat info {};
    if (::stat(keyFile.c_str(), &info) == 0 && (info.st_mode & 077) != 0)
        std::cerr << fmt::format("commune-hub: content: warning: {} can be read by other users (chmod 600)\n",
                                 keyFile.string());
    const auto key = readKeyFile(keyFile);
    if (!key) return failed(fmt::format("--key {}: cannot be read", keyFile.string()));
    const std::string versionText = options.contains("version") ? options.at("version") : utcVersionNow();
    std::int64_t version = 0;
    try {
        std::size_t used = 0;
        version = std::stoll(versionText, &used);
        if (used != versionText.size()) version = 0;
    } catch (const std::exception&) {
    }
    if (version <= 0) return usage(fmt::format("--version {:?}: a whole number above 0", versionText));
    const std::string date =
        options.contains("date") ? options.at("date") : kiosk::localDay(std::chrono::system_clock::now());
    auto made = kiosk::pack::writePack(positional[2], *key, version, date, options.at("out"));
    if (!made) return failed(made.error().message);
    std::uint64_t bytes = 0;
    for (const auto& file : made->files)
        bytes += file.size;
    std::cout << fmt::format("{}: version {} of {}, {} files ({} bytes), signed\n", options.at("out"),
                             made->version, made->date, made->files.size(), bytes);
    return 0;
}

int publish(const std::vector<std::string>& positional, const std::map<std::string, std::string>& options) {
    if (positional.size() != 3 || !options.contains("data")) return usage("publish FILE --data DIR");
    std::string publicKey;
    if (options.contains("public-key")) {
        const auto key = readKeyFile(options.at("public-key"));
        if (!key) return failed(fmt::format("--public-key {}: cannot be read", options.at("public-key")));
        publicKey = *key;
    }
    const PackShelf shelf(fs::path(options.at("data")) / "packs");
    auto published = shelf.publish(positional[2], publicKey);
    if (!published) return failed(fmt::format("{}: {}", positional[2], published.error().message));
    std::cout << fmt::format(
        "published version {} ({} bytes, sha256 {}); kiosks fetch it at their next upload\n",
        published->version, published->size, published->sha256);
    return 0;
}

} // namespace

int contentCommand(const std::vector<std::string>& positional,
                   const std::map<std::string, std::string>& options) {
    const std::string what = positional.size() >= 2 ? positional[1] : "";
    if (what == "keygen") return keygen(options);
    if (what == "pack") return pack(positional, options);
    if (what == "publish") return publish(positional, options);
    return usage("content keygen, pack or publish");
}

} // namespace commune
