// After an outage the outbox holds a usage message per day; they go to the hub as one upload rather than
// a request per day. Each day stays idempotent on the hub (kiosk id + day: a re-send replaces).
#pragma once

#include "upload/outbox.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct UsageBatch {
    std::string body;                 // one upload (common/usage_upload.hpp) with every included day
    std::vector<std::size_t> members; // indexes into the messages given: the ones this body carries
};

// Combines usage messages for one hub, in the order given, while the result keeps within maxDays days and
// maxBytes bytes: their days, in day order, under the heartbeat (and sent_at) of the newest message. The
// days are each message's latest body, and a finished day's figures no longer change, so ranking them all
// by the newest sent_at never puts an older copy over a newer one on the hub. A body that is not an upload
// of the same kiosk is left out (it goes on its own). nullopt: fewer than two messages to combine.
[[nodiscard]] std::optional<UsageBatch> batchUsageMessages(const std::vector<OutboxMessage>& messages,
                                                           std::size_t maxDays, std::size_t maxBytes);

} // namespace kiosk
