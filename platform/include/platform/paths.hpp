// Where the program finds what it was shipped with: the guides, narration and pictures.
#pragma once

#include <filesystem>

namespace platform {

// The folder holding content/ and images/: <prefix>/share/village-kiosk for a program installed as
// <prefix>/bin/kiosk (the .deb: /usr/share/village-kiosk), else the source tree it was built from.
[[nodiscard]] std::filesystem::path bundledContentRoot(const std::filesystem::path& executable,
                                                       const std::filesystem::path& sourceRoot);

// This program's own file (/proc/self/exe); empty if it cannot be read.
[[nodiscard]] std::filesystem::path executablePath();

} // namespace platform
