// One kiosk's realistic day of usage figures, the same for every hub benchmark (hub_load, hub_backends).
#pragma once

#include "common/usage_upload.hpp"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>

namespace bench {

// 18 guides in 6 topics, 6..10 steps each, with funnels that thin out step by step.
inline kiosk::upload::DailyRollup realisticDay(const std::string& day, std::uint32_t seed) {
    std::mt19937 rng(seed);
    auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    static const char* topics[] = {"vneid", "dich-vu-cong", "ngan-hang", "y-te", "an-toan", "dien-thoai"};
    kiosk::upload::DailyRollup d;
    d.day = day;
    d.complete = true;
    d.sessions = between(20, 80);
    for (const char* screen : {"home", "topics", "guide", "practice", "booking", "booking_confirm", "survey",
                               "text_size", "staff", "qr", "help", "idle"})
        d.screens[screen] = between(0, d.sessions);
    for (int g = 0; g < 18; ++g) {
        kiosk::upload::GuideFigures guide;
        guide.guideId = std::string(topics[g % 6]) + "-huong-dan-" + std::to_string(g + 1);
        guide.topic = topics[g % 6];
        const int steps = between(6, 10);
        int residents = between(2, 12);
        guide.started = residents;
        for (int s = 1; s <= steps; ++s) {
            guide.reachedStep[s] = residents;
            const int left = s == steps ? 0 : between(0, std::min(2, residents));
            if (left > 0) guide.leftAtStep[s] = left;
            residents -= left;
        }
        guide.finished = residents;
        d.guides.push_back(guide);
    }
    d.practiceRight = between(5, 40);
    d.practiceWrong = between(0, 15);
    d.narrationPlayed = between(0, 30);
    d.qrShown = between(0, 10);
    d.textSizeChanged = between(0, 10);
    d.bookingsMade = between(0, 6);
    d.bookingsCancelled = between(0, 1);
    d.bookingsDone = between(0, d.bookingsMade);
    d.bookingsNoShow = d.bookingsMade - d.bookingsDone;
    d.smartphone = {between(3, 12), between(0, 3), between(0, 2)};
    d.vneidLevel2 = {between(2, 8), between(1, 6), between(0, 2)};
    return d;
}

} // namespace bench
