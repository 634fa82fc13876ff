// The hub's shelf of published content packs: <data>/packs/<version>.tar with <version>.json beside it
// (size, SHA-256 of the whole file, date). The newest version is what kiosks are offered.
#pragma once

#include "common/content_pack.hpp"
#include "common/error.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace commune {

struct PublishedPack {
    std::int64_t version = 0;
    std::string date;
    std::uint64_t size = 0;     // bytes of the tar file
    std::string sha256;         // of the whole tar file, so a kiosk can check a resumed download
    std::filesystem::path file; // the tar on the hub
};

class PackShelf {
  public:
    explicit PackShelf(std::filesystem::path folder) : m_folder(std::move(folder)) {}

    // Checks the pack (signed, well-formed; against publicKey when one is given) and that it is newer than
    // every pack already published, then copies it in (temporary file, fsync, rename): a crash leaves the
    // shelf as it was.
    [[nodiscard]] kiosk::Result<PublishedPack> publish(const std::filesystem::path& pack,
                                                       std::string_view publicKey) const;
    // The newest published pack, if any.
    [[nodiscard]] std::optional<PublishedPack> newest() const;
    // A published pack by version.
    [[nodiscard]] std::optional<PublishedPack> find(std::int64_t version) const;

    [[nodiscard]] const std::filesystem::path& folder() const { return m_folder; }

  private:
    std::filesystem::path m_folder;
};

} // namespace commune
