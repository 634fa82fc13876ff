// loadLibrary: every guide file under root/content/guides, with the checks that need the files around it
// (pictures, narration), the date and the other guides.
#include "content/guide.hpp"
#include "content/topics.hpp"

#include "guide_reader.hpp"

#include <fmt/format.h>
#include <stb_image.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <system_error>
#include <tuple>

namespace content {
namespace fs = std::filesystem;
namespace {

// Paths in messages are built from the root as the caller gave it, tidied ("./a/../b" → "b").
std::string readable(const fs::path& path) {
    return path.lexically_normal().generic_string();
}

struct PictureSize {
    int width = 0;
    int height = 0;
};

// A PNG by its signature (stbi_info alone would accept JPEG and others), sized from its header.
std::optional<PictureSize> pngSize(const fs::path& path) {
    constexpr std::array<unsigned char, 8> kSignature{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    std::array<char, 8> head{};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(head.data(), head.size()) || std::memcmp(head.data(), kSignature.data(), head.size()) != 0) {
        return std::nullopt;
    }
    int width = 0;
    int height = 0;
    int components = 0;
    if (stbi_info(path.c_str(), &width, &height, &components) == 0 || width <= 0 || height <= 0) {
        return std::nullopt;
    }
    return PictureSize{width, height};
}

std::string isoDate(const Date& date) {
    return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

// The same day `months` later; a day past the month's end still compares correctly (it is only compared).
Date addMonths(Date date, int months) {
    const int index = date.month - 1 + months;
    return {date.year + index / 12, index % 12 + 1, date.day};
}

bool isRegularFile(const fs::path& path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

class GuideChecker {
  public:
    GuideChecker(const LoadOptions& options, detail::GuideDraft& draft)
        : m_options(options), m_draft(draft) {}

    void checkFiles() {
        auto& steps = m_draft.guide.steps;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const auto field = fmt::format("steps[{}]", i + 1);
            checkPicture(steps[i], m_draft.stepLines[i], field);
            checkNarration(steps[i], m_draft.stepLines[i], field, i + 1);
        }
    }

    // Residents are told a screen is up to date only from a real comparison, so an old or missing one is
    // worth a warning on every check (the guide still shows, with "Hình minh họa" under its pictures).
    void checkVerification() {
        const Guide& guide = m_draft.guide;
        if (m_options.today == Date{} || m_draft.hasErrors()) {
            return;
        }
        std::vector<std::size_t> unverified;
        const Verification* oldest = nullptr;
        int oldestLine = 0;
        for (std::size_t i = 0; i < guide.steps.size(); ++i) {
            const Step& step = guide.steps[i];
            const Verification* verification = verificationOf(guide, step);
            if (verification == nullptr) {
                unverified.push_back(i + 1);
            } else if (oldest == nullptr || verification->on < oldest->on) {
                oldest = verification;
                oldestLine = step.verified ? m_draft.stepLines[i].verifiedOn : m_draft.verifiedOnLine;
            }
        }
        if (oldest == nullptr) {
            warn(m_draft.writtenOnLine,
                 "never compared with the real app: after going through every step on a phone, add "
                 "verified_on and verified_with");
            return;
        }
        for (const std::size_t number : unverified) {
            warn(guide.steps[number - 1].line,
                 fmt::format("steps[{}]: never compared with the real app (the guide has no verified_on)",
                             number));
        }
        const Date on = oldest->on;
        if (on > m_options.today) {
            warn(oldestLine, fmt::format("verified_on {} is after today ({}): check the date", isoDate(on),
                                         isoDate(m_options.today)));
        } else if (addMonths(on, kVerificationMonths) < m_options.today) {
            warn(oldestLine,
                 fmt::format("verified_on {} is more than {} months ago: compare the screens with the real "
                             "app again",
                             isoDate(on), kVerificationMonths));
        }
    }

    // The UI's own measure of whether each step's text fits its screen; only for otherwise good guides.
    void checkFit() {
        if (!m_options.fits || m_draft.hasErrors()) {
            return;
        }
        const auto& steps = m_draft.guide.steps;
        for (std::size_t i = 0; i < steps.size(); ++i) {
            if (const auto problem = m_options.fits(m_draft.guide, steps[i])) {
                error(steps[i].line, fmt::format("steps[{}]", i + 1), *problem);
            }
        }
    }

  private:
    const LoadOptions& m_options;
    detail::GuideDraft& m_draft;

    void warn(int line, std::string message) {
        m_draft.issues.push_back({m_draft.guide.file, line, std::move(message), true, true});
    }

    void error(int line, std::string_view field, std::string_view message) {
        m_draft.issues.push_back({m_draft.guide.file, line, fmt::format("{}: {}", field, message), false});
    }

    void checkPicture(Step& step, const detail::StepLines& lines, const std::string& field) {
        if (step.image.empty()) {
            return; // missing or malformed: already reported
        }
        const auto shown = "images/" + step.image;
        const auto file = m_options.root / "images" / step.image;
        if (!isRegularFile(file)) {
            const auto source = step.image.substr(0, step.image.size() - 4) + ".svg";
            error(lines.image, field + ".image",
                  fmt::format("{} not found (draw images/src/{} and run images/render.sh)", shown, source));
            return;
        }
        const auto size = pngSize(file);
        if (!size) {
            error(lines.image, field + ".image", fmt::format("{} is not a readable PNG", shown));
            return;
        }
        step.imageWidth = size->width;
        step.imageHeight = size->height;
        if (!step.hotspot) {
            return;
        }
        const Hotspot& spot = *step.hotspot;
        const auto outside = [&](std::string_view detail) {
            error(lines.hotspot, field + ".hotspot",
                  fmt::format("outside the {}x{} picture ({})", size->width, size->height, detail));
        };
        if (spot.x + spot.width > size->width) {
            outside(fmt::format("x {} + width {} > {}", spot.x, spot.width, size->width));
        } else if (spot.y + spot.height > size->height) {
            outside(fmt::format("y {} + height {} > {}", spot.y, spot.height, size->height));
        }
    }

    // An explicit narration must exist; the default one (<id>/<NN>.ogg) is used only when it does.
    void checkNarration(Step& step, const detail::StepLines& lines, const std::string& field,
                        std::size_t number) {
        const auto folder = m_options.root / "content" / "narration";
        if (!step.narration.empty()) {
            if (!isRegularFile(folder / step.narration)) {
                error(lines.narration, field + ".narration",
                      fmt::format("content/narration/{} not found", step.narration));
                step.narration.clear();
            }
            return;
        }
        if (lines.narration != 0 || m_draft.guide.id.empty()) {
            return; // a malformed narration key, or no id to build the default from: already reported
        }
        auto fallback = fmt::format("{}/{:02}.ogg", m_draft.guide.id, number);
        if (isRegularFile(folder / fallback)) {
            step.narration = std::move(fallback);
        }
    }
};

std::string readFile(const fs::path& path, std::vector<Issue>& issues, const std::string& name) {
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) {
        issues.push_back({name, 0, fmt::format("cannot be read: {}", error.message()), false});
        return {};
    }
    if (size > detail::kMaxGuideBytes) {
        issues.push_back({name, 0,
                          fmt::format("too large ({} bytes); a guide file is at most {} KB", size,
                                      detail::kMaxGuideBytes / 1024),
                          false});
        return {};
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (!in || !(text << in.rdbuf())) {
        if (size == 0) {
            return {};
        }
        issues.push_back({name, 0, "cannot be read", false});
        return {};
    }
    return std::move(text).str();
}

struct LoadedGuide {
    std::optional<Guide> guide; // only when it has no errors
    int idLine = 0;
};

// Everything about one file.
LoadedGuide loadGuideFile(const fs::path& path, const LoadOptions& options, std::vector<Issue>& issues) {
    const auto name = readable(path);
    const auto before = issues.size();
    auto text = readFile(path, issues, name);
    if (issues.size() != before) {
        return {};
    }
    auto draft = detail::readGuide(text, name);
    GuideChecker checker(options, draft);
    checker.checkFiles();
    checker.checkFit();
    checker.checkVerification();
    const bool good = !draft.hasErrors();
    std::ranges::stable_sort(draft.issues, {}, &Issue::line);
    std::ranges::move(draft.issues, std::back_inserter(issues));
    return {good ? std::optional(std::move(draft.guide)) : std::nullopt, draft.idLine};
}

// *.toml under the folder (sub-folders too, e.g. one per topic), sorted so the results never depend on
// the order the file system lists them in. Hidden files and folders are skipped.
std::vector<fs::path> guideFiles(const fs::path& folder, std::vector<Issue>& issues) {
    std::vector<fs::path> files;
    std::error_code error;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        const auto& path = it->path();
        std::error_code typeError;
        if (path.filename().string().starts_with('.')) {
            if (it->is_directory(typeError)) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (!it->is_regular_file(typeError)) {
            continue;
        }
        if (path.extension() == ".toml") {
            files.push_back(path);
        } else if (path.extension() != ".md") {
            issues.push_back({readable(path), 0, "not a .toml file, so it is not read as a guide", true});
        }
    }
    if (error) {
        issues.push_back(
            {readable(folder), 0, fmt::format("cannot be read completely: {}", error.message()), false});
    }
    std::ranges::sort(files, {}, [](const fs::path& p) { return p.generic_string(); });
    return files;
}

std::size_t topicRank(std::string_view topic) {
    const auto all = topics();
    return static_cast<std::size_t>(std::ranges::find(all, topic, &Topic::id) - all.begin());
}

} // namespace

Library loadLibrary(const LoadOptions& options) {
    Library library;
    const auto folder = options.root / "content" / "guides";
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
        library.issues.push_back({readable(folder), 0, "folder not found: no guides loaded", false});
        return library;
    }
    std::map<std::string, std::string, std::less<>> fileOfId; // id → the file that has it
    for (const auto& path : guideFiles(folder, library.issues)) {
        LoadedGuide loaded;
        try {
            loaded = loadGuideFile(path, options, library.issues);
        } catch (const std::exception& e) {
            library.issues.push_back(
                {readable(path), 0, fmt::format("could not be checked: {}", e.what()), false});
        } catch (...) {
            library.issues.push_back({readable(path), 0, "could not be checked", false});
        }
        auto& guide = loaded.guide;
        if (!guide) {
            continue;
        }
        if (const auto first = fileOfId.find(guide->id); first != fileOfId.end()) {
            library.issues.push_back({guide->file, loaded.idLine,
                                      fmt::format("id: \"{}\" is already used by {}; this guide is left out",
                                                  guide->id, first->second),
                                      false});
            continue;
        }
        fileOfId.emplace(guide->id, guide->file);
        library.guides.push_back(std::move(*guide));
    }
    if (library.guides.empty() && !library.hasErrors()) {
        library.issues.push_back({readable(folder), 0, "no guides (*.toml files) found", true});
    }
    std::ranges::sort(library.guides, [](const Guide& a, const Guide& b) {
        return std::tuple(topicRank(a.topic), a.order, a.title, a.id) <
               std::tuple(topicRank(b.topic), b.order, b.title, b.id);
    });
    return library;
}

} // namespace content
