// The technician's fleet page (/fleet): every registered kiosk's last heartbeat, and a mark in red and in
// words on each one that needs a visit. Built from HubStore::kioskStatuses only.
#pragma once

#include "hub_store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace commune {

// A kiosk uploads every 15 minutes by default (hub.upload_interval_minutes, at most a day): a whole day
// without news is a power cut, a dead network or a dead kiosk, not a slow link.
constexpr std::int64_t kSilentAfterSeconds = 24 * 3600;
// Below this the kiosk's data folder is in danger: a content update keeps the old version next to the new
// for rollback (2 x the bundled content: 2 x 17 MB today, `du -sh content images`), SQLite's VACUUM copies
// the database, and journald and the package manager share the card. 500 MB is weeks of warning on a 32 GB
// card, not a false alarm.
constexpr std::int64_t kLowDiskMb = 500;

// What needs a visit, in Vietnamese; empty when the kiosk is fine. E.g. "Không gửi tin quá 24 giờ".
[[nodiscard]] std::vector<std::string> fleetProblems(const KioskStatus& kiosk, std::int64_t nowUnix);

// The page's order: the kiosks that need a look (any fleetProblems) first, so a technician with 300
// kiosks sees them without scrolling; then the rest. Each group by village, then kiosk id.
[[nodiscard]] std::vector<KioskStatus> fleetOrder(std::vector<KioskStatus> kiosks, std::int64_t nowUnix);

// "3 ngày 4 giờ", "5 giờ 12 phút", "40 phút": an uptime or a silence.
[[nodiscard]] std::string durationText(std::int64_t seconds);

// The whole page (the report's style sheet, so the same Content-Security-Policy hash allows it).
[[nodiscard]] std::string renderFleetHtml(const std::vector<KioskStatus>& kiosks, std::int64_t nowUnix);

} // namespace commune
