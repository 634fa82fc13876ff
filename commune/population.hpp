// Each village's adults, and how many have a smartphone and a VNeID account, as commune staff enter them
// from their own surveys or the police's figures: the denominators of the plan's targets (issue 16). The
// kiosk's own survey only speaks for the residents who used the kiosk.
#pragma once

#include "hub_store.hpp"

#include "common/error.hpp"

#include <string>
#include <vector>

namespace commune {

// The figures as typed (CLI options or the report page's form): nothing is converted before it is checked.
struct PopulationInput {
    std::string village;
    std::string adults;
    std::string smartphone; // "": not known
    std::string vneid;      // "": not known
    std::string asOf;       // YYYY-MM-DD
};

// The figures, or an error naming the field: a count that is not a whole number from 0 (adults: from 1),
// more smartphone or VNeID owners than adults, a date that is not a calendar day or is after today, a
// village no kiosk is registered under.
[[nodiscard]] kiosk::Result<PopulationFigures> checkPopulation(const PopulationInput& input,
                                                               const std::vector<std::string>& knownVillages,
                                                               const std::string& today);

// The villages kiosks are registered under (what a population entry may name), sorted, once each.
[[nodiscard]] std::vector<std::string> registeredVillages(HubStore& store);

} // namespace commune
