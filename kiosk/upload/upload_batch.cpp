#include "upload/upload_batch.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace kiosk {

std::optional<UsageBatch> batchUsageMessages(const std::vector<OutboxMessage>& messages, std::size_t maxDays,
                                             std::size_t maxBytes) {
    struct Part {
        std::size_t index;
        nlohmann::json upload;
    };
    std::vector<Part> parts;
    std::size_t days = 0, bytes = 1024; // the heartbeat and the rest of the envelope
    for (std::size_t i = 0; i < messages.size(); ++i) {
        if (messages[i].kind != OutboxKind::usage) continue;
        nlohmann::json upload = nlohmann::json::parse(messages[i].body, nullptr, false);
        if (!upload.is_object() || !upload.contains("days") || !upload["days"].is_array() ||
            !upload.contains("kiosk_id") || !upload.contains("heartbeat") || !upload["heartbeat"].is_object())
            continue;
        if (!parts.empty() && upload["kiosk_id"] != parts.front().upload["kiosk_id"]) continue;
        const std::size_t partDays = upload["days"].size();
        const std::size_t partBytes = upload["days"].dump().size();
        if (days + partDays > maxDays || bytes + partBytes > maxBytes) break;
        days += partDays;
        bytes += partBytes;
        parts.push_back({i, std::move(upload)});
    }
    if (parts.size() < 2) return std::nullopt;

    const auto sentAt = [](const nlohmann::json& upload) {
        const auto& at = upload["heartbeat"].value("sent_at", nlohmann::json());
        return at.is_string() ? at.get<std::string>() : std::string();
    };
    const Part& newest = *std::max_element(parts.begin(), parts.end(), [&](const Part& a, const Part& b) {
        return sentAt(a.upload) < sentAt(b.upload); // ISO-8601 UTC: text order is time order
    });
    // One copy per day: a day in two messages (not expected: the key is the day) keeps the newer one.
    std::map<std::string, std::pair<std::string, nlohmann::json>> byDay;
    UsageBatch batch;
    for (const Part& part : parts) {
        batch.members.push_back(part.index);
        for (const auto& day : part.upload["days"]) {
            const std::string key = day.is_object() ? day.value("day", std::string()) : std::string();
            auto& slot = byDay[key];
            if (slot.second.is_null() || sentAt(part.upload) >= slot.first) slot = {sentAt(part.upload), day};
        }
    }
    nlohmann::json combined = newest.upload;
    combined["days"] = nlohmann::json::array();
    for (auto& [day, entry] : byDay)
        combined["days"].push_back(std::move(entry.second));
    batch.body = combined.dump();
    return batch;
}

} // namespace kiosk
