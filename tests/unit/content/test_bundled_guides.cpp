// Every guide shipped under the repository root must load with no errors (warnings are printed only).
#include "content/guide.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

content::Date today() {
    const std::chrono::year_month_day date{
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    return {static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
            static_cast<int>(static_cast<unsigned>(date.day()))};
}

// The claim ids of content/SOURCES.md: the first cell of each table row, written `like.this`.
std::set<std::string> sourceClaims() {
    std::ifstream in(std::filesystem::path(KIOSK_SOURCE_ROOT) / "content" / "SOURCES.md", std::ios::binary);
    REQUIRE(in);
    std::set<std::string> ids;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.starts_with("| `")) continue;
        const auto end = line.find('`', 3);
        if (end != std::string::npos) ids.insert(line.substr(3, end - 3));
    }
    return ids;
}

content::Library bundledLibrary() {
    content::LoadOptions options;
    options.root = KIOSK_SOURCE_ROOT;
    options.today = today();
    return content::loadLibrary(options);
}

} // namespace

TEST_CASE("every source a bundled guide names is a claim in content/SOURCES.md") {
    const auto claims = sourceClaims();
    REQUIRE(claims.size() > 50);
    const auto library = bundledLibrary();
    REQUIRE_FALSE(library.guides.empty());
    for (const auto& guide : library.guides) {
        CHECK_FALSE(guide.sources.empty());
        for (const auto& source : guide.sources) {
            INFO(guide.file, ": sources names \"", source, "\"");
            CHECK(claims.contains(source));
        }
    }
}

TEST_CASE("every claim in content/SOURCES.md is used by a bundled guide") {
    std::set<std::string> used;
    for (const auto& guide : bundledLibrary().guides) {
        used.insert(guide.sources.begin(), guide.sources.end());
    }
    for (const auto& claim : sourceClaims()) {
        INFO("content/SOURCES.md: claim ", claim, " is named by no guide");
        CHECK(used.contains(claim));
    }
}

TEST_CASE("every bundled guide validates with no errors") {
    content::LoadOptions options;
    options.root = KIOSK_SOURCE_ROOT;
    options.today = today();
    const auto library = content::loadLibrary(options);
    for (const auto& issue : library.issues) {
        if (issue.warning) {
            MESSAGE(issue.text());
        } else {
            FAIL_CHECK(issue.text());
        }
    }
    MESSAGE(library.guides.size(), " bundled guide(s) loaded");
    CHECK_FALSE(library.hasErrors());
}

TEST_CASE("the example guide in content/README.md is a valid guide") {
    std::ifstream in(std::filesystem::path(KIOSK_SOURCE_ROOT) / "content" / "README.md", std::ios::binary);
    REQUIRE(in);
    const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto start = readme.find("```toml\n");
    REQUIRE(start != std::string::npos);
    const auto end = readme.find("```", start + 8);
    REQUIRE(end != std::string::npos);
    const auto result = content::parseGuide(std::string_view(readme).substr(start + 8, end - start - 8),
                                            "content/guides/vneid-mo-ung-dung.toml");
    for (const auto& issue : result.issues) {
        FAIL_CHECK(issue.text());
    }
    REQUIRE(result.guide.has_value());
    CHECK(result.guide->steps.size() == 2);
    CHECK(result.guide->steps[0].text ==
          "Bác vuốt màn hình sang trái hoặc sang phải. Tìm biểu tượng có chữ VNeID.");
}

// The kiosk enlarges a picture so its smallest text reads at 3 mm (ui::zoomPicture): that holds only while no
// picture source has smaller text. A scale() on the same line as the text counts (the sources put a scaled
// group on one line).
TEST_CASE("no text in a picture source is smaller than content::kSmallestPictureTextPx") {
    const std::regex fontSize(R"(font-size\s*[=:]\s*"?\s*([0-9.]+))");
    const std::regex scale(R"(scale\(\s*([0-9.]+))");
    int files = 0, sizes = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(KIOSK_SOURCE_ROOT) / "images" / "src")) {
        if (entry.path().extension() != ".svg") continue;
        ++files;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string line;
        for (int number = 1; std::getline(in, line); ++number) {
            double factor = 1;
            for (std::sregex_iterator m(line.begin(), line.end(), scale), end; m != end; ++m)
                factor = std::min(factor, std::stod((*m)[1].str()));
            for (std::sregex_iterator m(line.begin(), line.end(), fontSize), end; m != end; ++m) {
                ++sizes;
                const double px = std::stod((*m)[1].str()) * factor;
                CHECK_MESSAGE(px >= content::kSmallestPictureTextPx,
                              entry.path().lexically_relative(KIOSK_SOURCE_ROOT).string(), ":", number,
                              ": text of ", px, " px, under ", content::kSmallestPictureTextPx);
            }
        }
    }
    CHECK(files > 100);
    CHECK(sizes > 1000);
}
