// The Vietnamese words for what the booking rules refuse and what a resident must do again on the booking
// screens, in one table. The domain returns kinds (BookingError, BookingProblem); the words are chosen here,
// not in kiosk/bookings or the wizard, because describe() reports them to the scenarios as well as the
// screens showing them. Labels and titles of the screens stay in ui/include/ui/strings.hpp.
#pragma once

#include "bookings/bookings.hpp"

#include <optional>
#include <string>

namespace kiosk {

// Why a booking step did not go on.
struct BookingProblem {
    enum class Kind {
        dayFull,       // the chosen day has no free slot left
        badPhone,      // not a Vietnamese mobile or landline number
        badCodeLength, // a booking code has bookingCodeLength characters
        storageFailed, // the database refused the write: nothing was stored
        refused,       // the booking service said no (refusal)
        slotGone,      // refused because the slot filled or passed meanwhile: choose another
        cancelRefused, // the resident's cancel was refused (refusal)
        phoneLimit,    // the number already holds the most bookings it may (refusal: tooManyActive)
    };
    Kind kind = Kind::badPhone;
    std::optional<BookingError> refusal; // refused, slotGone, cancelRefused, phoneLimit
};

namespace text {

// A refusal of the booking rules as the resident's and the team's screens say it ("Giờ này đã kín chỗ, ...").
[[nodiscard]] std::string bookingRefusal(const BookingError& error);
// A refusal of a resident's own cancel (the code and the phone number are checked together).
[[nodiscard]] std::string cancelRefusal(const BookingError& error);
// What the booking screen says under the step.
[[nodiscard]] std::string bookingProblem(const BookingProblem& problem);

} // namespace text

} // namespace kiosk
