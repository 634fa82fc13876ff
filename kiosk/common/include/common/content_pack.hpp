// Signed content packs: one tar file (libarchive) holding the guides, pictures and narration of a content
// root, a manifest (pack version, date, every file's size and SHA-256) and an Ed25519 signature over the
// manifest (libsodium). The hub makes and serves them; the kiosk checks and unpacks them.
//
// Inside the tar, in this order:
//   manifest.json   {"format": "village-kiosk-pack/1", "version": 202612031900, "date": "2026-12-03",
//                    "files": [{"path": "content/guides/x.toml", "size": 1234, "sha256": "<64 hex>"}, ...]}
//   manifest.sig    the 64-byte Ed25519 signature of manifest.json's bytes, exactly as stored
//   content/..., images/...   every file the manifest names, nothing else
// Keys are written as base64 (one line): the public key (32 bytes) goes into each kiosk's kiosk.toml, the
// secret key (64 bytes) stays with whoever signs the packs.
#pragma once

#include "common/error.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::pack {

inline constexpr std::string_view kFormat = "village-kiosk-pack/1";
inline constexpr std::string_view kManifestName = "manifest.json";
inline constexpr std::string_view kSignatureName = "manifest.sig";
// Bounds that keep a hostile pack from filling a kiosk's SD card: the bundled content is ~17 MB.
inline constexpr std::uint64_t kMaxPackBytes = 512ull * 1024 * 1024;
inline constexpr std::size_t kMaxFiles = 20000;
inline constexpr std::size_t kMaxManifestBytes = 4 * 1024 * 1024;

struct KeyPair {
    std::string publicKey; // base64, for kiosk.toml (content.pack_public_key)
    std::string secretKey; // base64, kept by the signer only
};

struct PackFile {
    std::string path; // relative, '/'-separated, under content/ or images/
    std::uint64_t size = 0;
    std::string sha256; // lower-case hex

    friend bool operator==(const PackFile&, const PackFile&) = default;
};

struct Manifest {
    std::int64_t version = 0; // larger is newer; a kiosk installs only a version newer than its own
    std::string date;         // YYYY-MM-DD, when the pack was made
    std::vector<PackFile> files;
};

// A new Ed25519 key pair from libsodium's random source.
[[nodiscard]] KeyPair makeKeys();

// Which files of a content root go into a pack: content/guides/**, content/narration/** and images/**
// except images/src/ (the SVG sources) and images/screenshots/; hidden files and folders are skipped.
[[nodiscard]] Result<std::vector<std::string>> packableFiles(const std::filesystem::path& root);

// Writes a signed pack of the content root to `out` (through a temporary file and a rename).
[[nodiscard]] Result<Manifest> writePack(const std::filesystem::path& root, std::string_view secretKey,
                                         std::int64_t version, std::string_view date,
                                         const std::filesystem::path& out);

// Reads only the manifest and checks its signature (publicKey empty: the signature is only required to be
// there). For the hub's publish command and for a kiosk deciding whether a download is worth finishing.
[[nodiscard]] Result<Manifest> readManifest(const std::filesystem::path& pack, std::string_view publicKey);

// Checks the signature, then unpacks every file into `into` (which must not exist yet; made here) while
// hashing it. Any problem (unsigned, wrong key, tampered or missing file, extra file, truncated tar)
// is an error and `into` is removed again. Files and folders are fsynced before it returns.
[[nodiscard]] Result<Manifest> unpack(const std::filesystem::path& pack, std::string_view publicKey,
                                      const std::filesystem::path& into);

// The SHA-256 of a whole file, lower-case hex (the hub announces one per pack: a resumed download is checked
// before it is opened).
[[nodiscard]] Result<std::string> fileSha256(const std::filesystem::path& file);

// The manifest's JSON, as signed; and back (each field checked, the message names it).
[[nodiscard]] std::string manifestJson(const Manifest& manifest);
[[nodiscard]] Result<Manifest> parseManifest(std::string_view json);

} // namespace kiosk::pack
