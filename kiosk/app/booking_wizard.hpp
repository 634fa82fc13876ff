// The resident's booking wizard: topic → day → slot → phone → name → confirm → the code, and cancelling
// with the code and the phone number. Owns the draft and talks to the BookingService; the App forwards the
// booking intents here while the booking screen shows, and wipes the draft on "Trang đầu" and the idle reset.
#pragma once

#include "app/strings.hpp"
#include "app/text_entry.hpp"
#include "bookings/bookings.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// What a booking made from here should remember, so the helper comes prepared.
struct BookingContext {
    std::string topicId;
    std::string guideId;
    int step = -1; // 0-based step where the resident got stuck, -1 if none
};

// The steps of making (or cancelling) a booking at the kiosk; "Quay lại" goes one step back. A cancel asks
// "Hủy lịch Thứ Năm 03/12 lúc 19:00?" (CancelConfirm) before it happens.
enum class BookingStep {
    Topic,
    Day,
    Slot,
    Phone,
    Name,
    Confirm,
    Done,
    CancelCode,
    CancelPhone,
    CancelConfirm,
    Cancelled
};

// A day on the booking screen: how many free slots it has, or why it is closed.
struct DayOffer {
    LocalDate day;
    int freeSlots = 0;
    std::string closedReason;
};

// A booking being made. Wiped by the idle reset and by "Trang đầu"; nothing is stored before "Đồng ý".
struct BookingDraft {
    BookingStep step = BookingStep::Topic;
    std::string topicId;
    std::vector<DayOffer> days; // read when the day list opens
    std::optional<LocalDate> day;
    std::vector<Slot> slots; // the chosen day's free slots, read when the slot list opens
    std::optional<int> slotMinute;
    TextEntry phone{TextEntry::Kind::digits, 11};
    TextEntry name{TextEntry::Kind::name, 30};
    TextEntry code{TextEntry::Kind::code, bookingCodeLength};
    std::optional<BookingProblem> problem; // what went wrong; BookingWizard::message() says it
    std::optional<Booking> confirmed;      // shown on Done, or the booking just cancelled
    std::optional<Booking> toCancel;       // found by code and phone, asked about on CancelConfirm
};

class BookingWizard {
  public:
    using TimePoint = std::chrono::system_clock::time_point;

    // What a "Tiếp tục" / "Đồng ý" led to, for the App's usage counts and the team's notices.
    struct SubmitOutcome {
        bool booked = false; // the booking is stored and its code is on screen
        std::string notice;  // for the team when the database refused the write; "" otherwise
    };
    // Where "Quay lại" leads: a step back inside the wizard, or out of it.
    enum class Back { Stepped, LeaveScreen, GoHome };

    // Without the booking service the screens say bookings are unavailable and nothing can be chosen.
    void connect(BookingService& bookings) { m_bookings = &bookings; }
    [[nodiscard]] bool available() const { return m_bookings != nullptr; }

    // The resident opens the booking screen from `context`'s place: with the topic known, straight to the
    // days.
    void open(BookingContext context, TimePoint now);
    // "Trang đầu": the draft goes (where it was opened from stays until the session ends).
    void close() { m_draft = BookingDraft{}; }
    // The idle reset: nothing of the resident stays.
    void reset();

    // Each returns false, changing nothing, when the intent does not fit the current step.
    bool chooseTopic(std::string topicId, TimePoint now);
    bool chooseDay(LocalDate day, TimePoint now);
    bool chooseSlot(int minuteOfDay);
    void startCancel();
    // The keypad or keyboard of the current step, if it has a field.
    void type(std::string_view key);
    void setTone(ToneMark mark);
    void erase();
    [[nodiscard]] SubmitOutcome submit(TimePoint now);
    [[nodiscard]] Back back(TimePoint now);

    [[nodiscard]] const BookingDraft& draft() const { return m_draft; }
    [[nodiscard]] const BookingContext& context() const { return m_context; }
    // What went wrong on this step, in plain Vietnamese (app/strings.hpp); "" if nothing did.
    [[nodiscard]] std::string message() const;
    // Adds "booking_screen", "booking_code" and friends for scenario expectations.
    void describe(std::map<std::string, std::string>& out) const;

  private:
    void openDays(TimePoint now);
    void openSlots(TimePoint now);
    [[nodiscard]] SubmitOutcome submitBooking(TimePoint now);
    [[nodiscard]] SubmitOutcome checkCancel(TimePoint now); // code + phone right: ask before cancelling
    [[nodiscard]] SubmitOutcome submitCancel(TimePoint now);
    // The field the keypad types into on this step, if any.
    [[nodiscard]] TextEntry* activeEntry();

    BookingService* m_bookings = nullptr;
    BookingContext m_context;
    BookingDraft m_draft;
};

[[nodiscard]] const char* bookingStepName(BookingStep step);

} // namespace kiosk
