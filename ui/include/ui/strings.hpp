// Every Vietnamese sentence the shell shows residents and staff, in one place to review and reword.
#pragma once

namespace ui::text {

inline constexpr const char* kTapToStart = "Chạm vào một ô để bắt đầu";
inline constexpr const char* kTextSize = "Cỡ chữ";
inline constexpr const char* kTextSizeLabels[] = {"A", "A+", "A++"};
inline constexpr const char* kBookHelp = "Đặt lịch nhờ hỗ trợ";
inline constexpr const char* kBookHelpSubtitle = "Hẹn tổ chuyển đổi số cộng đồng giúp Bác";
inline constexpr const char* kBack = "Quay lại";
inline constexpr const char* kHome = "Trang đầu";
inline constexpr const char* kNeedHelp = "Cần người giúp";
inline constexpr const char* kGuidesComingSoon =
    "Các bài hướng dẫn từng bước sắp có ở đây. Bác có thể bấm \"Cần người giúp\" để hẹn tổ chuyển đổi số.";
inline constexpr const char* kBookingComingSoon =
    "Sắp có: Bác sẽ đặt lịch hẹn với tổ chuyển đổi số cộng đồng ngay tại đây. Trong lúc chờ, Bác hãy hỏi "
    "cán bộ tại nhà văn hóa thôn.";
inline constexpr const char* kStillHereTitle = "Bác còn dùng không?";
inline constexpr const char* kStillHereBody = "Màn hình sẽ trở về trang đầu sau {} giây.";
inline constexpr const char* kStillHereButton = "Còn";

inline constexpr const char* kPinEnter = "Nhập mã PIN của tổ";
inline constexpr const char* kPinCreate = "Tạo mã PIN đầu tiên cho tổ (4–8 số)";
inline constexpr const char* kPinConfirm = "Nhập lại mã PIN mới";
inline constexpr const char* kPinErase = "Xóa";
inline constexpr const char* kPinOk = "Xong";
inline constexpr const char* kCancel = "Hủy";

inline constexpr const char* kStaffTitle = "Chế độ tổ chuyển đổi số";
inline constexpr const char* kStaffNoProblems = "Không có lỗi nào.";
inline constexpr const char* kStaffProblems = "Cần xem:";
inline constexpr const char* kStaffMoreProblems = "… và {} lỗi khác (xem nhật ký)";
inline constexpr const char* kStaffRestart = "Khởi động lại";
inline constexpr const char* kStaffQuit = "Thoát chương trình";

}  // namespace ui::text
