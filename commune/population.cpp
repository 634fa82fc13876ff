#include "population.hpp"

#include "common/local_time.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <tuple>

namespace commune {

namespace {

// A plain whole number of people: digits only (no sign, no decimal point, no thousands separator, which
// would be read differently in Vietnamese and English), at most 9 of them.
kiosk::Result<std::int64_t> count(std::string_view field, const std::string& text, std::int64_t least) {
    const auto invalid = [&](std::string_view why) {
        return kiosk::fail(kiosk::ErrorKind::invalidInput, fmt::format("{} {:?}: {}", field, text, why));
    };
    if (text.empty()) return invalid("a number of people is needed");
    if (text.front() == '-') return invalid("cannot be negative");
    if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return invalid("must be a whole number of people, digits only (no decimals, signs or separators)");
    if (text.size() > 9) return invalid("more people than any village has");
    std::int64_t value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    if (value < least) return invalid(fmt::format("must be at least {}", least));
    return value;
}

} // namespace

kiosk::Result<PopulationFigures> checkPopulation(const PopulationInput& input,
                                                 const std::vector<std::string>& knownVillages,
                                                 const std::string& today) {
    if (std::find(knownVillages.begin(), knownVillages.end(), input.village) == knownVillages.end())
        return kiosk::fail(
            kiosk::ErrorKind::invalidInput,
            fmt::format("village {:?}: no kiosk is registered under this village (known: {})", input.village,
                        knownVillages.empty() ? std::string("none yet")
                                              : fmt::format("{}", fmt::join(knownVillages, ", "))));
    PopulationFigures figures;
    figures.village = input.village;
    auto adults = count("adults", input.adults, 1);
    if (!adults) return std::unexpected(adults.error());
    figures.adults = *adults;
    for (auto [field, text, target] : {std::tuple{"smartphone", &input.smartphone, &figures.smartphone},
                                       std::tuple{"vneid", &input.vneid, &figures.vneid}}) {
        if (text->empty()) continue;
        auto owners = count(field, *text, 0);
        if (!owners) return std::unexpected(owners.error());
        if (*owners > figures.adults)
            return kiosk::fail(
                kiosk::ErrorKind::invalidInput,
                fmt::format("{} {}: more than the village's {} adults", field, *owners, figures.adults));
        *target = *owners;
    }
    if (!kiosk::isCalendarDay(input.asOf))
        return kiosk::fail(kiosk::ErrorKind::invalidInput,
                           fmt::format("as-of {:?}: must be a date YYYY-MM-DD", input.asOf));
    if (input.asOf > today)
        return kiosk::fail(kiosk::ErrorKind::invalidInput,
                           fmt::format("as-of {}: is after today ({}): figures are counted, not forecast",
                                       input.asOf, today));
    figures.asOf = input.asOf;
    return figures;
}

std::vector<std::string> registeredVillages(HubStore& store) {
    std::vector<std::string> villages;
    for (const KioskStatus& k : store.kioskStatuses())
        if (!k.village.empty()) villages.push_back(k.village);
    std::sort(villages.begin(), villages.end());
    villages.erase(std::unique(villages.begin(), villages.end()), villages.end());
    return villages;
}

} // namespace commune
