// The team's booking webhook (config bookings.webhook_url): a message through the durable outbox for each
// booking made, cancelled or moved. Listens to the BookingService; main.cpp makes one when a URL is set.
#pragma once

#include "bookings/bookings.hpp"
#include "common/database.hpp"
#include "config/config.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace kiosk {

struct BookingWebhookSettings {
    std::string url; // where the upload worker posts the messages
    std::string kioskId;
    std::string village;
    [[nodiscard]] static BookingWebhookSettings fromConfig(const Config& config);
};

class BookingWebhook {
  public:
    // Listens to `bookings` until destroyed. `wake` (may be empty) is called after each change's commit
    // that queued a message: the sender need not wait for its next round. db and bookings must outlive this.
    BookingWebhook(db::Database& db, BookingService& bookings, BookingWebhookSettings settings,
                   std::function<void()> wake = {});
    BookingWebhook(const BookingWebhook&) = delete;
    BookingWebhook& operator=(const BookingWebhook&) = delete;
    ~BookingWebhook();

    // Inside the booking's transaction: the message is stored exactly when the change is, and a failing
    // outbox write (a full disk) throws, which rolls the booking back.
    void changed(const Booking& booking, BookingChange change, std::chrono::system_clock::time_point now);

  private:
    void committed();

    db::Database& m_db;
    BookingService& m_bookings;
    BookingWebhookSettings m_settings;
    std::function<void()> m_wake;
    BookingListenerId m_listener = 0;
    bool m_queued = false; // a message waits for the commit before the sender is woken
};

// What the webhook calls a change ("made", "cancelled", "rescheduled"); nullopt: no message.
[[nodiscard]] std::optional<std::string_view> webhookEventFor(const Booking& booking, BookingChange change);

} // namespace kiosk
