// A small, valid upload for the hub's tests, and a way to change one field of its JSON.
#pragma once

#include "calendar.hpp"
#include "common/usage_upload.hpp"
#include "hub_store.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace test {

inline kiosk::upload::Upload sampleUpload(const std::string& kioskId = "k1",
                                          const std::string& day = "2026-11-24") {
    using namespace kiosk::upload;
    Upload u;
    u.kioskId = kioskId;
    u.village = "Thôn 1";
    u.heartbeat = {"0.1.0", 3600, 2048, "2026-11-01", "", "2026-11-24T10:00:00Z", std::nullopt, std::nullopt};
    DailyRollup d;
    d.day = day;
    d.complete = true;
    d.sessions = 10;
    d.screens = {{"home", 10}, {"guide", 6}};
    GuideFigures g;
    g.guideId = "vneid-kich-hoat";
    g.topic = "vneid";
    g.started = 5;
    g.finished = 3;
    g.reachedStep = {{1, 5}, {2, 4}, {3, 3}};
    g.leftAtStep = {{1, 1}, {2, 1}};
    d.guides.push_back(g);
    d.bookingsMade = 2;
    d.bookingsDone = 1;
    d.bookingsNoShow = 1;
    d.smartphone = {3, 1, 2};
    d.vneidLevel2 = {2, 2, 0};
    u.days.push_back(d);
    return u;
}

// Stores an upload as the HTTP server does for a POST that arrived at receivedUnix.
inline commune::StoredUpload post(commune::HubStore& store, const kiosk::upload::Upload& upload,
                                  std::int64_t receivedUnix) {
    return store.replaceRollups(upload, commune::postedTiming(upload, receivedUnix));
}

inline std::string sampleJson() {
    return kiosk::upload::toJson(sampleUpload()).dump();
}

} // namespace test
