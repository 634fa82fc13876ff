#include "bookings/booking_webhook.hpp"

#include "common/local_time.hpp"
#include "upload/outbox.hpp"

#include <nlohmann/json.hpp>

#include <utility>

namespace kiosk {

BookingWebhookSettings BookingWebhookSettings::fromConfig(const Config& config) {
    return {config.bookingWebhookUrl, config.kioskId, config.village};
}

std::optional<std::string_view> webhookEventFor(const Booking& booking, BookingChange change) {
    if (change == BookingChange::made) return "made";
    if (change == BookingChange::rescheduled) return "rescheduled";
    if (booking.status == BookingStatus::cancelled) return "cancelled";
    return std::nullopt;
}

BookingWebhook::BookingWebhook(db::Database& db, BookingService& bookings, BookingWebhookSettings settings,
                               std::function<void()> wake)
    : m_db(db), m_bookings(bookings), m_settings(std::move(settings)), m_wake(std::move(wake)) {
    m_listener = m_bookings.addListener(
        {[this](const Booking& booking, BookingChange change, std::chrono::system_clock::time_point now) {
             changed(booking, change, now);
         },
         [this] { committed(); }});
}

BookingWebhook::~BookingWebhook() {
    m_bookings.removeListener(m_listener);
}

void BookingWebhook::changed(const Booking& booking, BookingChange change,
                             std::chrono::system_clock::time_point now) {
    const auto event = webhookEventFor(booking, change);
    if (!event || m_settings.url.empty()) return;
    // What the team needs to plan, not who: the phone number and name stay in the kiosk.
    const nlohmann::json message{{"event", *event},
                                 {"kiosk_id", m_settings.kioskId},
                                 {"village", m_settings.village},
                                 {"code", booking.code},
                                 {"day", isoDay(booking.slot.date)},
                                 {"time", clockTime(booking.slot.minuteOfDay)},
                                 {"topic", booking.topic},
                                 {"guide_id", booking.guideId.value_or("")},
                                 {"guide_step", booking.guideStep.value_or(0)},
                                 {"at", isoUtc(now)}};
    // A booking is made and cancelled once; it may be moved several times, each a message of its own.
    std::string key = booking.code + ":" + std::string(*event);
    if (change == BookingChange::rescheduled) key += ":" + isoUtc(now);
    Outbox(m_db).enqueue(OutboxKind::booking, m_settings.url, key, message.dump(), now);
    m_queued = true;
}

void BookingWebhook::committed() {
    // The worker reads with its own connection: woken before the commit, it would find nothing new.
    if (!std::exchange(m_queued, false)) return;
    if (m_wake) m_wake();
}

} // namespace kiosk
