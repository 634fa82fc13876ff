#include "app/strings.hpp"

#include <fmt/format.h>

namespace kiosk::text {

std::string bookingRefusal(const BookingError& error) {
    switch (error.code) {
    case BookingErrorCode::invalidPhone:
        return "Số điện thoại không hợp lệ: di động 10 số (03, 05, 07, 08, 09), cố định 11 số (02).";
    case BookingErrorCode::invalidRequest:
        return "Xin chọn việc cần giúp.";
    case BookingErrorCode::slotInPast:
        return "Giờ này đã qua.";
    case BookingErrorCode::slotNotOffered:
        if (error.limit > 0) return fmt::format("Chỉ đặt được lịch trong {} ngày tới.", error.limit);
        return "Giờ này không nhận đặt lịch.";
    case BookingErrorCode::slotFull:
        return "Giờ này đã kín chỗ, xin chọn giờ khác.";
    case BookingErrorCode::closedDay:
        return fmt::format("Ngày này nghỉ: {}", error.closedReason);
    case BookingErrorCode::tooManyActive:
        return fmt::format("Số điện thoại này đã có {} lịch hẹn; mỗi số được tối đa {}.", error.count,
                           error.limit);
    case BookingErrorCode::notFound:
        return "Không tìm thấy lịch hẹn với mã này.";
    case BookingErrorCode::invalidTransition:
        if (error.from && error.to) {
            return fmt::format("Không thể chuyển lịch hẹn từ \"{}\" sang \"{}\".",
                               bookingStatusName(*error.from), bookingStatusName(*error.to));
        }
        if (error.from) return "Chỉ đổi được lịch hẹn chưa đến."; // a move asked of a booking already begun
        return "Lịch hẹn này đã xong hoặc đã hủy.";
    }
    return "Không đặt được lịch hẹn.";
}

std::string cancelRefusal(const BookingError& error) {
    switch (error.code) {
    // One answer for a wrong code and a wrong phone number: the code alone must not reveal anything.
    case BookingErrorCode::notFound:
    case BookingErrorCode::invalidPhone:
        return "Mã lịch hẹn hoặc số điện thoại không đúng.";
    case BookingErrorCode::invalidTransition:
        return "Lịch hẹn này đã xong hoặc đã hủy.";
    case BookingErrorCode::slotInPast:
        return "Giờ hẹn đã qua, không hủy được nữa. Bác hỏi tổ giúp nhé.";
    default:
        return bookingRefusal(error);
    }
}

std::string bookingProblem(const BookingProblem& problem) {
    using Kind = BookingProblem::Kind;
    switch (problem.kind) {
    case Kind::dayFull:
        return "Ngày này đã hết chỗ. Bác chọn ngày khác nhé.";
    case Kind::badPhone:
        return "Số điện thoại chưa đúng. Số di động có 10 số, bắt đầu bằng 03, 05, 07, 08 hoặc 09. "
               "Số máy bàn có 11 số, bắt đầu bằng 02.";
    case Kind::badCodeLength:
        return fmt::format("Mã hẹn có {} ký tự.", bookingCodeLength);
    case Kind::storageFailed:
        return "Máy đang gặp trục trặc nên chưa lưu được. Bác nhờ tổ giúp nhé.";
    case Kind::refused:
        return problem.refusal ? bookingRefusal(*problem.refusal) : "";
    case Kind::slotGone:
        return (problem.refusal ? bookingRefusal(*problem.refusal) + " " : "") + "Bác chọn giờ khác nhé.";
    case Kind::cancelRefused:
        return problem.refusal ? cancelRefusal(*problem.refusal) : "";
    case Kind::phoneLimit:
        return (problem.refusal ? bookingRefusal(*problem.refusal) + " " : "") +
               "Bác dùng số khác, hoặc hủy bớt một lịch bằng nút \"Hủy lịch đã đặt\".";
    }
    return "";
}

} // namespace kiosk::text
