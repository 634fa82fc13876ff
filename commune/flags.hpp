// The content maintainer's page (/flags): what the kiosks' teams reported as "Màn hình này đã khác",
// per guide and step, newest first. Built from HubStore::screenFlags only.
#pragma once

#include "hub_store.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace commune {

// "Chữ", "Nút", "Thứ tự", "Hình": what differs, as the team chose it on the kiosk.
[[nodiscard]] std::string_view flagKindLabel(std::string_view what);

// The whole page (the report's style sheet, so the same Content-Security-Policy hash allows it). A guide
// is named by the Vietnamese title a kiosk sent with it, else by its id.
[[nodiscard]] std::string renderFlagsHtml(const std::vector<StoredFlag>& flags, std::int64_t nowUnix);

} // namespace commune
