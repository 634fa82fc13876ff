// Reads one guide file's text into a Guide, collecting every problem with its line (no file checks).
#pragma once

#include "content/guide.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace content::detail {

// Lines of the keys that the file checks in loadLibrary report on (0 when the key is absent).
struct StepLines {
    int image = 0;
    int hotspot = 0;
    int narration = 0;
    int verifiedOn = 0;
};

// What parseGuide found, kept even when there are errors so that loadLibrary can run the file checks
// too and an author sees every problem in one pass. A field that failed its check is left empty.
struct GuideDraft {
    Guide guide;
    std::vector<Issue> issues;
    std::vector<StepLines> stepLines; // one per guide.steps entry
    int idLine = 0;
    int writtenOnLine = 0;
    int verifiedOnLine = 0;
    [[nodiscard]] bool hasErrors() const;
};

[[nodiscard]] GuideDraft readGuide(std::string_view text, const std::string& fileName);

// Largest guide file we read: a real one is a few KB.
inline constexpr std::size_t kMaxGuideBytes = 256 * 1024;

} // namespace content::detail
