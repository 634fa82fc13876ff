#include "common/content_pack.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <system_error>

namespace kiosk::pack {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kChunk = 64 * 1024;

void ensureSodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot start (no random source)");
}

struct ArchiveReadDeleter {
    void operator()(archive* a) const noexcept { archive_read_free(a); }
};
struct ArchiveWriteDeleter {
    void operator()(archive* a) const noexcept { archive_write_free(a); }
};
struct EntryDeleter {
    void operator()(archive_entry* e) const noexcept { archive_entry_free(e); }
};
using ReadArchive = std::unique_ptr<archive, ArchiveReadDeleter>;
using WriteArchive = std::unique_ptr<archive, ArchiveWriteDeleter>;
using Entry = std::unique_ptr<archive_entry, EntryDeleter>;

// A POSIX file descriptor, closed once.
class Fd {
  public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd() {
        if (m_fd >= 0) ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    [[nodiscard]] int get() const { return m_fd; }
    [[nodiscard]] bool closeChecked() {
        const int fd = std::exchange(m_fd, -1);
        return ::close(fd) == 0;
    }

  private:
    int m_fd;
};

bool syncFolder(const fs::path& folder) {
    Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    return fd.get() >= 0 && ::fsync(fd.get()) == 0;
}

std::string hex(const unsigned char* bytes, std::size_t size) {
    std::string out(size * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, size);
    out.pop_back();
    return out;
}

class Sha256 {
  public:
    Sha256() { crypto_hash_sha256_init(&m_state); }
    void add(const void* data, std::size_t size) {
        crypto_hash_sha256_update(&m_state, static_cast<const unsigned char*>(data), size);
    }
    std::string hexDigest() {
        std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
        crypto_hash_sha256_final(&m_state, digest.data());
        return hex(digest.data(), digest.size());
    }

  private:
    crypto_hash_sha256_state m_state{};
};

Result<std::string> decodeKey(std::string_view base64, std::size_t bytes, std::string_view what) {
    std::string trimmed(base64);
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back())))
        trimmed.pop_back();
    std::string key(bytes, '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), trimmed.data(),
                          trimmed.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != bytes) {
        return fail(ErrorKind::invalidInput,
                    fmt::format("{}: not a base64 Ed25519 {} ({} bytes)", what,
                                bytes == crypto_sign_PUBLICKEYBYTES ? "public key" : "secret key", bytes));
    }
    return key;
}

std::string base64(const unsigned char* bytes, std::size_t size) {
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

// "content/guides/x.toml": relative, '/'-separated, no empty, "." or ".." part, no control character,
// under content/ or images/: a pack can never write outside the folder it is unpacked into.
bool isSafePath(std::string_view path) {
    if (path.empty() || path.size() > 255 || !(path.starts_with("content/") || path.starts_with("images/")))
        return false;
    if (std::ranges::any_of(path, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\\'; }))
        return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto slash = std::min(path.find('/', start), path.size());
        const auto part = path.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = slash + 1;
    }
    return true;
}

bool isDate(std::string_view text) {
    return text.size() == 10 && text[4] == '-' && text[7] == '-' &&
           std::ranges::all_of(std::array{0, 1, 2, 3, 5, 6, 8, 9},
                               [&](int i) { return text[i] >= '0' && text[i] <= '9'; });
}

Result<std::string> hashFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(ErrorKind::io, fmt::format("{}: cannot be read", file.string()));
    Sha256 sha;
    std::array<char, kChunk> buffer{};
    while (in) {
        in.read(buffer.data(), buffer.size());
        sha.add(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return fail(ErrorKind::io, fmt::format("{}: cannot be read", file.string()));
    return sha.hexDigest();
}

Result<void> addEntry(archive* a, std::string_view name, std::string_view bytes) {
    Entry entry(archive_entry_new());
    const std::string path(name);
    archive_entry_set_pathname_utf8(entry.get(), path.c_str());
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(bytes.size()));
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    if (archive_write_header(a, entry.get()) != ARCHIVE_OK ||
        (!bytes.empty() && archive_write_data(a, bytes.data(), bytes.size()) < 0))
        return fail(ErrorKind::io, fmt::format("{}: {}", path, archive_error_string(a)));
    return {};
}

Result<std::string> readWhole(const fs::path& file, std::uint64_t expectedSize) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes(expectedSize, '\0');
    if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())) || in.peek() != EOF)
        return fail(ErrorKind::io,
                    fmt::format("{}: cannot be read, or changed while packing", file.string()));
    return bytes;
}

// Reading a pack: the archive, and the manifest with its signature checked.
struct OpenedPack {
    ReadArchive archive;
    Manifest manifest;
};

Result<std::string> readEntryBytes(archive* a, archive_entry* entry, std::string_view name,
                                   std::size_t maxBytes) {
    if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_size(entry) < 0 ||
        static_cast<std::uint64_t>(archive_entry_size(entry)) > maxBytes)
        return fail(ErrorKind::invalidInput,
                    fmt::format("pack: {} is not a file of at most {} bytes", name, maxBytes));
    std::string bytes(static_cast<std::size_t>(archive_entry_size(entry)), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        const la_ssize_t n = archive_read_data(a, bytes.data() + done, bytes.size() - done);
        if (n <= 0)
            return fail(ErrorKind::invalidInput,
                        fmt::format("pack: {} is cut short (truncated download?): {}", name,
                                    n < 0 ? archive_error_string(a) : "end of file"));
        done += static_cast<std::size_t>(n);
    }
    return bytes;
}

Result<archive_entry*> nextEntry(archive* a, std::string_view expected) {
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(a, &entry);
    if (r == ARCHIVE_EOF)
        return fail(ErrorKind::invalidInput,
                    fmt::format("pack: ends before {} (unsigned or truncated)", expected));
    if (r != ARCHIVE_OK)
        return fail(
            ErrorKind::invalidInput,
            fmt::format("pack: not a readable tar file (truncated download?): {}", archive_error_string(a)));
    const char* name = archive_entry_pathname(entry);
    if (name == nullptr || std::string_view(name) != expected)
        return fail(ErrorKind::invalidInput,
                    fmt::format("pack: {} must come {}, found {}", expected,
                                expected == kManifestName ? "first" : "second", name ? name : "(no name)"));
    return entry;
}

Result<OpenedPack> openPack(const fs::path& file, std::string_view publicKey) {
    ensureSodium();
    std::string key;
    if (!publicKey.empty()) {
        auto decoded = decodeKey(publicKey, crypto_sign_PUBLICKEYBYTES, "content.pack_public_key");
        if (!decoded) return std::unexpected(decoded.error());
        key = std::move(*decoded);
    }
    std::error_code error;
    const auto size = fs::file_size(file, error);
    if (error)
        return fail(ErrorKind::io, fmt::format("{}: cannot be read: {}", file.string(), error.message()));
    if (size > kMaxPackBytes)
        return fail(ErrorKind::invalidInput, fmt::format("pack: {} bytes, at most {}", size, kMaxPackBytes));
    OpenedPack pack{ReadArchive(archive_read_new()), {}};
    archive* a = pack.archive.get();
    archive_read_support_format_tar(a);
    if (archive_read_open_filename(a, file.c_str(), kChunk) != ARCHIVE_OK)
        return fail(ErrorKind::io, fmt::format("{}: {}", file.string(), archive_error_string(a)));
    auto manifestEntry = nextEntry(a, kManifestName);
    if (!manifestEntry) return std::unexpected(manifestEntry.error());
    auto manifestBytes = readEntryBytes(a, *manifestEntry, kManifestName, kMaxManifestBytes);
    if (!manifestBytes) return std::unexpected(manifestBytes.error());
    auto signatureEntry = nextEntry(a, kSignatureName);
    if (!signatureEntry) return std::unexpected(signatureEntry.error());
    auto signature = readEntryBytes(a, *signatureEntry, kSignatureName, crypto_sign_BYTES);
    if (!signature) return std::unexpected(signature.error());
    if (signature->size() != crypto_sign_BYTES)
        return fail(ErrorKind::invalidInput,
                    fmt::format("pack: {} is {} bytes, an Ed25519 signature is {}", kSignatureName,
                                signature->size(), crypto_sign_BYTES));
    if (!key.empty() && crypto_sign_verify_detached(
                            reinterpret_cast<const unsigned char*>(signature->data()),
                            reinterpret_cast<const unsigned char*>(manifestBytes->data()),
                            manifestBytes->size(), reinterpret_cast<const unsigned char*>(key.data())) != 0)
        return fail(ErrorKind::refused,
                    "pack: the signature does not match content.pack_public_key (signed with another key, "
                    "or the manifest was changed)");
    auto manifest = parseManifest(*manifestBytes);
    if (!manifest) return std::unexpected(manifest.error());
    pack.manifest = std::move(*manifest);
    return pack;
}

// Streams one entry into a new file, hashing it; fsynced.
Result<void> extractEntry(archive* a, const PackFile& expected, const fs::path& target) {
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    if (error)
        return fail(ErrorKind::io, fmt::format("{}: {}", target.parent_path().string(), error.message()));
    Fd fd(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (fd.get() < 0)
        return fail(ErrorKind::io,
                    fmt::format("{}: cannot be created: {}", target.string(), std::strerror(errno)));
    Sha256 sha;
    std::uint64_t total = 0;
    std::array<char, kChunk> buffer{};
    for (;;) {
        const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
        if (n < 0)
            return fail(ErrorKind::invalidInput,
                        fmt::format("pack: {} is cut short (truncated download?): {}", expected.path,
                                    archive_error_string(a)));
        if (n == 0) break;
        total += static_cast<std::uint64_t>(n);
        if (total > expected.size) break;
        sha.add(buffer.data(), static_cast<std::size_t>(n));
        for (la_ssize_t written = 0; written < n;) {
            const ssize_t w =
                ::write(fd.get(), buffer.data() + written, static_cast<std::size_t>(n - written));
            if (w < 0)
                return fail(ErrorKind::io, fmt::format("{}: {}", target.string(), std::strerror(errno)));
            written += w;
        }
    }
    if (total != expected.size)
        return fail(ErrorKind::invalidInput,
                    fmt::format("pack: {} is {} bytes, the manifest says {} (tampered "
                                "or truncated)",
                                expected.path, total, expected.size));
    if (sha.hexDigest() != expected.sha256)
        return fail(
            ErrorKind::invalidInput,
            fmt::format("pack: {} does not match its SHA-256 in the manifest (tampered)", expected.path));
    if (::fsync(fd.get()) != 0 || !fd.closeChecked())
        return fail(ErrorKind::io, fmt::format("{}: cannot be written to disk", target.string()));
    return {};
}

Result<Manifest> unpackInto(OpenedPack& pack, const fs::path& into) {
    archive* a = pack.archive.get();
    std::map<std::string, const PackFile*, std::less<>> pending;
    for (const PackFile& file : pack.manifest.files)
        pending.emplace(file.path, &file);
    std::set<fs::path> folders{into};
    for (;;) {
        archive_entry* entry = nullptr;
        const int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF) break;
        if (r != ARCHIVE_OK)
            return fail(
                ErrorKind::invalidInput,
                fmt::format("pack: cut short or damaged (truncated download?): {}", archive_error_string(a)));
        const char* raw = archive_entry_pathname(entry);
        const std::string name = raw ? raw : "";
        if (archive_entry_filetype(entry) == AE_IFDIR) continue; // folders come from the file paths
        const auto it = pending.find(name);
        if (it == pending.end() || archive_entry_filetype(entry) != AE_IFREG)
            return fail(
                ErrorKind::invalidInput,
                fmt::format("pack: {} is not in the signed manifest (or comes twice): refused", name));
        const fs::path target = into / name;
        if (auto done = extractEntry(a, *it->second, target); !done) return std::unexpected(done.error());
        for (fs::path folder = target.parent_path(); folder != into && folders.insert(folder).second;
             folder = folder.parent_path()) {
        }
        pending.erase(it);
    }
    if (!pending.empty())
        return fail(ErrorKind::invalidInput,
                    fmt::format("pack: {} file(s) of the manifest missing, e.g. {} (truncated?)",
                                pending.size(), pending.begin()->first));
    // Deepest first, so each folder's entry is on disk before its parent's is synced.
    for (auto it = folders.rbegin(); it != folders.rend(); ++it)
        if (!syncFolder(*it)) return fail(ErrorKind::io, fmt::format("{}: cannot be synced", it->string()));
    if (!syncFolder(into.parent_path()))
        return fail(ErrorKind::io, fmt::format("{}: cannot be synced", into.parent_path().string()));
    return pack.manifest;
}

} // namespace

KeyPair makeKeys() {
    ensureSodium();
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> publicKey{};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secretKey{};
    crypto_sign_keypair(publicKey.data(), secretKey.data());
    KeyPair keys{base64(publicKey.data(), publicKey.size()), base64(secretKey.data(), secretKey.size())};
    sodium_memzero(secretKey.data(), secretKey.size());
    return keys;
}

Result<std::vector<std::string>> packableFiles(const fs::path& root) {
    std::vector<std::string> files;
    for (const char* top : {"content/guides", "content/narration", "images"}) {
        std::error_code error;
        if (!fs::is_directory(root / top, error)) {
            if (std::string_view(top) == "content/guides")
                return fail(ErrorKind::notFound, fmt::format("{}: no content/guides folder", root.string()));
            continue;
        }
        fs::recursive_directory_iterator it(root / top, error);
        for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            const std::string relative = fs::relative(it->path(), root).generic_string();
            const std::string name = it->path().filename().string();
            const bool skipFolder = relative == "images/src" || relative == "images/screenshots";
            if (name.starts_with('.') || skipFolder) {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (!it->is_regular_file()) continue;
            if (!isSafePath(relative))
                return fail(ErrorKind::invalidInput,
                            fmt::format("{}: a name a pack cannot carry (control characters, or too long)",
                                        relative));
            files.push_back(relative);
        }
        if (error) return fail(ErrorKind::io, fmt::format("{}: {}", (root / top).string(), error.message()));
    }
    std::ranges::sort(files);
    if (files.size() > kMaxFiles)
        return fail(ErrorKind::invalidInput,
                    fmt::format("{} files, a pack holds at most {}", files.size(), kMaxFiles));
    return files;
}

std::string manifestJson(const Manifest& manifest) {
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const PackFile& file : manifest.files)
        files.push_back({{"path", file.path}, {"size", file.size}, {"sha256", file.sha256}});
    nlohmann::ordered_json json = {{"format", kFormat},
                                   {"version", manifest.version},
                                   {"date", manifest.date},
                                   {"files", std::move(files)}};
    return json.dump(1) + "\n";
}

Result<Manifest> parseManifest(std::string_view text) {
    const auto bad = [](std::string message) {
        return fail(ErrorKind::invalidInput, "manifest: " + std::move(message));
    };
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return bad("not a JSON object");
    if (!json.contains("format") || json["format"] != kFormat)
        return bad(fmt::format("format: must be \"{}\"", kFormat));
    Manifest manifest;
    if (!json.contains("version") || !json["version"].is_number_integer() ||
        json["version"].get<std::int64_t>() <= 0)
        return bad("version: must be a whole number above 0");
    manifest.version = json["version"].get<std::int64_t>();
    if (!json.contains("date") || !json["date"].is_string() || !isDate(json["date"].get<std::string>()))
        return bad("date: must be text like \"2026-12-03\"");
    manifest.date = json["date"].get<std::string>();
    if (!json.contains("files") || !json["files"].is_array() || json["files"].empty() ||
        json["files"].size() > kMaxFiles)
        return bad(fmt::format("files: must be a list of 1 to {} files", kMaxFiles));
    std::set<std::string> seen;
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < json["files"].size(); ++i) {
        const auto& item = json["files"][i];
        const auto field = fmt::format("files[{}]", i + 1);
        if (!item.is_object() || !item.contains("path") || !item["path"].is_string() ||
            !item.contains("size") || !item["size"].is_number_unsigned() || !item.contains("sha256") ||
            !item["sha256"].is_string())
            return bad(field + ": needs path (text), size (a whole number) and sha256 (text)");
        PackFile file{item["path"].get<std::string>(), item["size"].get<std::uint64_t>(),
                      item["sha256"].get<std::string>()};
        if (!isSafePath(file.path))
            return bad(fmt::format("{}.path: {} is not a relative path under content/ or images/", field,
                                   file.path));
        if (!seen.insert(file.path).second)
            return bad(fmt::format("{}.path: {} comes twice", field, file.path));
        if (file.sha256.size() != 64 || !std::ranges::all_of(file.sha256, [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            }))
            return bad(field + ".sha256: must be 64 lower-case hex digits");
        total += file.size;
        if (file.size > kMaxPackBytes || total > kMaxPackBytes)
            return bad(fmt::format("files: more than {} bytes in all", kMaxPackBytes));
        manifest.files.push_back(std::move(file));
    }
    return manifest;
}

Result<Manifest> writePack(const fs::path& root, std::string_view secretKey, std::int64_t version,
                           std::string_view date, const fs::path& out) {
    ensureSodium();
    auto key = decodeKey(secretKey, crypto_sign_SECRETKEYBYTES, "--key");
    if (!key) return std::unexpected(key.error());
    if (version <= 0) return fail(ErrorKind::invalidInput, "--version: must be a whole number above 0");
    if (!isDate(date)) return fail(ErrorKind::invalidInput, "date: must be like 2026-12-03");
    auto names = packableFiles(root);
    if (!names) return std::unexpected(names.error());
    Manifest manifest{version, std::string(date), {}};
    for (const std::string& name : *names) {
        std::error_code error;
        const auto size = fs::file_size(root / name, error);
        if (error) return fail(ErrorKind::io, fmt::format("{}: {}", name, error.message()));
        auto sha = hashFile(root / name);
        if (!sha) return std::unexpected(sha.error());
        manifest.files.push_back({name, size, std::move(*sha)});
    }
    const std::string json = manifestJson(manifest);
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(json.data()),
                         json.size(), reinterpret_cast<const unsigned char*>(key->data()));
    sodium_memzero(key->data(), key->size());

    const fs::path temporary = out.string() + ".tmp";
    WriteArchive a(archive_write_new());
    archive_write_set_format_pax_restricted(a.get()); // ustar, plus pax headers only for long/UTF-8 names
    if (archive_write_open_filename(a.get(), temporary.c_str()) != ARCHIVE_OK)
        return fail(ErrorKind::io, fmt::format("{}: {}", temporary.string(), archive_error_string(a.get())));
    auto result = [&]() -> Result<void> {
        if (auto r = addEntry(a.get(), kManifestName, json); !r) return r;
        if (auto r =
                addEntry(a.get(), kSignatureName,
                         std::string_view(reinterpret_cast<const char*>(signature.data()), signature.size()));
            !r)
            return r;
        for (const PackFile& file : manifest.files) {
            auto bytes = readWhole(root / file.path, file.size);
            if (!bytes) return std::unexpected(bytes.error());
            Sha256 sha;
            sha.add(bytes->data(), bytes->size());
            if (sha.hexDigest() != file.sha256)
                return fail(ErrorKind::io, fmt::format("{}: changed while packing; pack again", file.path));
            if (auto r = addEntry(a.get(), file.path, *bytes); !r) return r;
        }
        if (archive_write_close(a.get()) != ARCHIVE_OK)
            return fail(ErrorKind::io,
                        fmt::format("{}: {}", temporary.string(), archive_error_string(a.get())));
        return {};
    }();
    std::error_code error;
    if (!result) {
        fs::remove(temporary, error);
        return std::unexpected(result.error());
    }
    fs::rename(temporary, out, error);
    if (error) return fail(ErrorKind::io, fmt::format("{}: {}", out.string(), error.message()));
    return manifest;
}

Result<std::string> fileSha256(const fs::path& file) {
    ensureSodium();
    return hashFile(file);
}

Result<Manifest> readManifest(const fs::path& pack, std::string_view publicKey) {
    auto opened = openPack(pack, publicKey);
    if (!opened) return std::unexpected(opened.error());
    return std::move(opened->manifest);
}

Result<Manifest> unpack(const fs::path& pack, std::string_view publicKey, const fs::path& into) {
    if (publicKey.empty())
        return fail(ErrorKind::refused, "content.pack_public_key: not set, so no pack can be trusted");
    auto opened = openPack(pack, publicKey);
    if (!opened) return std::unexpected(opened.error());
    std::error_code error;
    if (fs::exists(into, error))
        return fail(ErrorKind::io, fmt::format("{}: already exists; remove it first", into.string()));
    fs::create_directories(into, error);
    if (error) return fail(ErrorKind::io, fmt::format("{}: {}", into.string(), error.message()));
    auto result = unpackInto(*opened, into);
    if (!result) fs::remove_all(into, error);
    return result;
}

} // namespace kiosk::pack
