#include "content/guide.hpp"

#include "content/toml_report.hpp"
#include "guide_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace content {

std::string Issue::text() const {
    return fileLineMessage(file, line, warning ? "warning: " + message : message);
}

std::vector<const Guide*> Library::guidesForTopic(std::string_view topic) const {
    std::vector<const Guide*> found;
    for (const auto& guide : guides) {
        if (guide.topic == topic) {
            found.push_back(&guide);
        }
    }
    return found;
}

const Guide* Library::find(std::string_view id) const {
    const auto it = std::ranges::find(guides, id, &Guide::id);
    return it == guides.end() ? nullptr : &*it;
}

bool Library::hasErrors() const {
    return std::ranges::any_of(issues, [](const Issue& issue) { return !issue.warning; });
}

const Verification* verificationOf(const Guide& guide, const Step& step) {
    if (step.verified) {
        return &*step.verified;
    }
    return guide.verified ? &*guide.verified : nullptr;
}

ParseResult parseGuide(std::string_view text, const std::string& fileName) {
    auto draft = detail::readGuide(text, fileName);
    ParseResult result;
    if (!draft.hasErrors()) {
        result.guide = std::move(draft.guide);
    }
    result.issues = std::move(draft.issues);
    return result;
}

} // namespace content
