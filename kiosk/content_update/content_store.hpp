// The kiosk's installed content packs on disk, and the one pointer that says which is served.
//
//   <folder>/current            "v202612031900\n": the version in use; replaced only by rename
//   <folder>/v<N>/              an unpacked, checked pack (a content root: content/guides, images, ...)
//   <folder>/staging-<N>/       a pack being unpacked and checked; removed at start (never served)
//   <folder>/download/<N>.tar.part   a download in progress, resumed where it stopped
//   <folder>/refused            versions refused or rolled back, one a line: never fetched again
//
// A power cut at any moment leaves `current` naming either the old or the new folder, each whole: a
// folder gets its v<N> name only once unpacked, fsynced and checked, and `current` only names such a one.
// No pointer (or one naming a folder that is gone) means the content installed with the program.
#pragma once

#include "common/content_pack.hpp"
#include "common/error.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kiosk {

struct InstalledPack {
    std::int64_t version = 0;
    std::filesystem::path root;
};

// The full content check of an unpacked pack (the guide validator, with the screen-fit check): its errors,
// as "file:line: message"; none means the pack may be served.
using ContentCheck = std::function<std::vector<std::string>(const std::filesystem::path& root)>;

class ContentStore {
  public:
    explicit ContentStore(std::filesystem::path folder);

    // At start: removes half-unpacked folders and temporary files.
    void tidy() const;

    // The pack `current` names, when its folder is there.
    [[nodiscard]] std::optional<InstalledPack> active() const;
    // A checked pack newer than the active one, waiting for the next idle reset.
    [[nodiscard]] std::optional<InstalledPack> staged() const;
    // The newest kept pack older than the active one: what a rollback returns to (none: the bundled one).
    [[nodiscard]] std::optional<InstalledPack> previous() const;
    [[nodiscard]] std::set<std::int64_t> refused() const;

    // Unpacks a downloaded pack (signature and hashes checked) into staging, runs the content check, and
    // only then names it v<N>. Refuses a version not newer than the active one, or one that was refused.
    [[nodiscard]] Result<InstalledPack> install(const std::filesystem::path& pack, std::string_view publicKey,
                                                const ContentCheck& check) const;

    // Makes `version` the served one (pointer replaced by rename), then keeps it and the one it replaced
    // and removes older folders.
    [[nodiscard]] Result<void> activate(std::int64_t version) const;
    // Back to the previous pack (or the bundled content); the one left is refused from now on.
    [[nodiscard]] Result<std::optional<InstalledPack>> rollBack() const;
    // Remembers a version never to fetch again.
    void refuse(std::int64_t version) const;

    [[nodiscard]] std::filesystem::path downloadFile(std::int64_t version) const;
    [[nodiscard]] const std::filesystem::path& folder() const { return m_folder; }

  private:
    [[nodiscard]] std::vector<std::int64_t> installedVersions() const; // ascending
    [[nodiscard]] std::filesystem::path versionFolder(std::int64_t version) const;
    [[nodiscard]] Result<void> writePointer(const std::string& text) const;

    std::filesystem::path m_folder;
};

} // namespace kiosk
