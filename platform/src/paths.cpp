#include "platform/paths.hpp"

#include <system_error>

namespace platform {

std::filesystem::path bundledContentRoot(const std::filesystem::path& executable,
                                         const std::filesystem::path& sourceRoot) {
    if (!executable.empty()) {
        std::filesystem::path installed = executable.parent_path().parent_path() / "share" / "village-kiosk";
        std::error_code error;
        if (std::filesystem::is_directory(installed / "content" / "guides", error)) return installed;
    }
    return sourceRoot;
}

std::filesystem::path executablePath() {
    std::error_code error;
    std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path{} : path;
}

} // namespace platform
