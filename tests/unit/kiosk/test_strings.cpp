// The words for the booking rules' refusals and the booking screen's problems (kiosk/app/strings.hpp).
#include "app/strings.hpp"

#include <doctest/doctest.h>

#include <string>

using kiosk::BookingError;
using kiosk::BookingErrorCode;
using kiosk::BookingProblem;
using kiosk::BookingStatus;
namespace text = kiosk::text;

TEST_CASE("strings: each refusal of the booking rules reads as the screens have always said it") {
    CHECK(text::bookingRefusal({.code = BookingErrorCode::slotFull}) ==
          "Giờ này đã kín chỗ, xin chọn giờ khác.");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::slotInPast}) == "Giờ này đã qua.");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::slotNotOffered}) == "Giờ này không nhận đặt lịch.");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::slotNotOffered, .limit = 14}) ==
          "Chỉ đặt được lịch trong 14 ngày tới.");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::closedDay, .closedReason = "Họp thôn"}) ==
          "Ngày này nghỉ: Họp thôn");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::tooManyActive, .count = 2, .limit = 2}) ==
          "Số điện thoại này đã có 2 lịch hẹn; mỗi số được tối đa 2.");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::notFound}) ==
          "Không tìm thấy lịch hẹn với mã này.");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::invalidTransition,
                                .from = BookingStatus::done,
                                .to = BookingStatus::arrived}) ==
          "Không thể chuyển lịch hẹn từ \"done\" sang \"arrived\".");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::invalidTransition,
                                .from = BookingStatus::arrived}) == "Chỉ đổi được lịch hẹn chưa đến.");
    CHECK(text::bookingRefusal({.code = BookingErrorCode::invalidPhone})
              .starts_with("Số điện thoại không hợp lệ"));
    CHECK(text::bookingRefusal({.code = BookingErrorCode::invalidRequest}) == "Xin chọn việc cần giúp.");
}

TEST_CASE("strings: a resident's refused cancel never tells a wrong code from a wrong phone number") {
    CHECK(text::cancelRefusal({.code = BookingErrorCode::notFound}) ==
          "Mã lịch hẹn hoặc số điện thoại không đúng.");
    CHECK(text::cancelRefusal({.code = BookingErrorCode::invalidPhone}) ==
          text::cancelRefusal({.code = BookingErrorCode::notFound}));
    CHECK(text::cancelRefusal({.code = BookingErrorCode::invalidTransition}) ==
          "Lịch hẹn này đã xong hoặc đã hủy.");
    CHECK(text::cancelRefusal({.code = BookingErrorCode::slotInPast}) ==
          "Giờ hẹn đã qua, không hủy được nữa. Bác hỏi tổ giúp nhé.");
}

TEST_CASE("strings: the booking screen's problems, and a slot gone meanwhile asks for another time") {
    using Kind = BookingProblem::Kind;
    CHECK(text::bookingProblem({Kind::dayFull, {}}) == "Ngày này đã hết chỗ. Bác chọn ngày khác nhé.");
    CHECK(text::bookingProblem({Kind::badPhone, {}}).starts_with("Số điện thoại chưa đúng."));
    CHECK(text::bookingProblem({Kind::badCodeLength, {}}) == "Mã hẹn có 6 ký tự.");
    CHECK(text::bookingProblem({Kind::slotGone, BookingError{.code = BookingErrorCode::slotFull}}) ==
          "Giờ này đã kín chỗ, xin chọn giờ khác. Bác chọn giờ khác nhé.");
    CHECK(text::bookingProblem(
              {Kind::refused, BookingError{.code = BookingErrorCode::tooManyActive, .count = 2, .limit = 2}})
              .starts_with("Số điện thoại này đã có 2 lịch hẹn"));
    CHECK(text::bookingProblem({Kind::cancelRefused, BookingError{.code = BookingErrorCode::notFound}}) ==
          "Mã lịch hẹn hoặc số điện thoại không đúng.");
}
