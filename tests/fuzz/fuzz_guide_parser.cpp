// libFuzzer entry: content::parseGuide on arbitrary bytes must never crash, hang or break its promises.
#include "content/guide.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

bool isError(const content::Issue& issue) {
    return !issue.warning;
}

// What a guide that passed parseGuide always satisfies; abort() makes libFuzzer keep the input.
void checkGuide(const content::Guide& guide) {
    const bool stepsOk = std::ranges::all_of(guide.steps, [](const content::Step& step) {
        return !step.title.empty() && !step.text.empty() && !step.image.empty() &&
               step.hotspot.has_value() == !step.prompt.empty() &&
               (!step.hotspot || (step.hotspot->x >= 0 && step.hotspot->y >= 0 && step.hotspot->width > 0 &&
                                  step.hotspot->height > 0));
    });
    if (guide.id != "fuzz" || guide.steps.size() < 2 || guide.steps.size() > 15 || guide.minutes < 1 ||
        guide.minutes > 60 || guide.title.empty() || guide.learn.empty() || guide.sources.empty() ||
        !stepsOk) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto result = content::parseGuide(text, "content/guides/fuzz.toml");
    const bool hasErrors = std::ranges::any_of(result.issues, isError);
    if (result.guide.has_value() == hasErrors) {
        std::abort(); // a guide comes back exactly when there is no error
    }
    for (const auto& issue : result.issues) {
        if (issue.message.empty() || issue.text().empty()) {
            std::abort();
        }
    }
    if (result.guide) {
        checkGuide(*result.guide);
    }
    return 0;
}
