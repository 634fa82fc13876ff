#include "platform/paths.hpp"

#include "../kiosk/temp_dir.hpp"

#include <doctest/doctest.h>

namespace fs = std::filesystem;

TEST_CASE("an installed kiosk reads its guides from prefix/share/village-kiosk") {
    test::TempDir prefix("kiosk-paths");
    fs::create_directories(prefix.path / "bin");
    fs::create_directories(prefix.path / "share" / "village-kiosk" / "content" / "guides");
    CHECK(platform::bundledContentRoot(prefix.path / "bin" / "kiosk", "/src/kiosk") ==
          prefix.path / "share" / "village-kiosk");
}

TEST_CASE("a kiosk run from its build tree reads the source tree's guides") {
    test::TempDir build("kiosk-paths");
    fs::create_directories(build.path / "kiosk");
    CHECK(platform::bundledContentRoot(build.path / "kiosk" / "kiosk", "/src/kiosk") == "/src/kiosk");
    // A share/village-kiosk without guides in it (a half-removed package) is not taken either.
    fs::create_directories(build.path / "share" / "village-kiosk");
    CHECK(platform::bundledContentRoot(build.path / "kiosk" / "kiosk", "/src/kiosk") == "/src/kiosk");
    CHECK(platform::bundledContentRoot({}, "/src/kiosk") == "/src/kiosk");
}

TEST_CASE("the program knows its own file") {
    const fs::path self = platform::executablePath();
    CHECK(self.is_absolute());
    CHECK(self.filename() == "unit_platform");
}
