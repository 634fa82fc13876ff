// libFuzzer entry: the hub's upload parser on arbitrary bytes must never crash, hang or accept an
// upload that breaks the schema's promises.
#include "common/usage_upload.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

namespace {

using namespace kiosk::upload;

bool withinLimits(const Upload& u) {
    if (u.kioskId.empty() || u.kioskId.size() > kMaxKioskIdBytes || u.days.size() > kMaxDaysPerUpload)
        return false;
    for (const auto& d : u.days) {
        if (!isCalendarDay(d.day) || d.day > "2026-11-25" || d.guides.size() > kMaxGuidesPerDay ||
            d.sessions < 0)
            return false;
        for (const auto& g : d.guides) {
            if (g.guideId.empty() || g.started < 0 || g.finished < 0) return false;
            for (const auto* steps : {&g.reachedStep, &g.leftAtStep})
                for (const auto& [step, residents] : *steps)
                    if (step < 1 || step > kMaxStepsPerGuide || residents < 0) return false;
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    auto parsed = detail::parseUploadVariant(body, "2026-11-25");
    if (auto* error = std::get_if<std::string>(&parsed)) {
        if (error->empty()) std::abort(); // every refusal says why
        return 0;
    }
    const Upload& upload = std::get<Upload>(parsed);
    if (!withinLimits(upload)) std::abort();
    // What the hub accepted, written back and read again, is the same upload.
    auto again = detail::parseUploadVariant(toJson(upload).dump(), "2026-11-25");
    if (!std::holds_alternative<Upload>(again) || std::get<Upload>(again) != upload) std::abort();
    return 0;
}
