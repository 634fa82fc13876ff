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
inline constexpr const char* kSpace = "Cách";
inline constexpr const char* kContinue = "Tiếp tục";
inline constexpr const char* kBookingUnavailable =
    "Máy chưa nhận đặt lịch được. Bác hãy hỏi cán bộ tại nhà văn hóa thôn.";
inline constexpr const char* kBookingTopicTitle = "Bác cần giúp việc gì?";
inline constexpr const char* kBookingOtherTopic = "Việc khác";
inline constexpr const char* kBookingCancelOwn = "Hủy lịch đã đặt";
inline constexpr const char* kBookingCancelOwnSubtitle = "Cần mã hẹn và số điện thoại";
inline constexpr const char* kBookingDayTitle = "Bác muốn đến ngày nào?";
inline constexpr const char* kBookingDayFree = "còn chỗ";
inline constexpr const char* kBookingDayFull = "hết chỗ";
inline constexpr const char* kBookingDayClosed = "nghỉ";
inline constexpr const char* kBookingSlotTitle = "Bác chọn giờ";
inline constexpr const char* kBookingSlotPlaces = "còn {} chỗ";
// The last cell of a list's page (a topic's guides, the home tiles): the next page, or back to the first.
inline constexpr const char* kNextListPage = "Xem tiếp ({}/{})";
inline constexpr const char* kFirstListPage = "Trang đầu của danh sách";
// The next page from a bottom bar, where the words must be short.
inline constexpr const char* kListNext = "Xem tiếp";
inline constexpr const char* kMorePage = "Xem thêm ({}/{})";
// The key of a keyboard shown in parts that turns to its other letters: "n–y".
inline constexpr const char* kOtherKeys = "{}–{}";
// On a small screen at large text the question has a page of its own: its key opens the keys.
inline constexpr const char* kOpenKeypad = "Bấm số";
inline constexpr const char* kOpenKeyboard = "Gõ chữ";
inline constexpr const char* kBookingPhoneTitle = "Số điện thoại của Bác";
inline constexpr const char* kBookingPhoneHint = "Tổ sẽ gọi số này nếu cần đổi lịch.";
inline constexpr const char* kBookingCancelPhoneHint =
    "Số Bác đã nhập khi đặt lịch. Máy sẽ hỏi lại trước khi hủy.";
inline constexpr const char* kBookingNameTitle = "Tổ nên gọi Bác là gì?";
inline constexpr const char* kBookingNameHint = "Không bắt buộc. Ví dụ: Bà Lan, Ông Hùng.";
inline constexpr const char* kSkip = "Bỏ qua";
inline constexpr const char* kDone = "Xong";
inline constexpr const char* kBookingConfirmTitle = "Bác xem lại lịch hẹn";
inline constexpr const char* kBookingConfirmTopic = "Việc cần giúp: {}";
inline constexpr const char* kBookingConfirmWhen = "Thời gian: {} lúc {}";
inline constexpr const char* kBookingConfirmPhone = "Số điện thoại: {}";
inline constexpr const char* kBookingConfirmName = "Cách xưng hô: {}";
inline constexpr const char* kBookingConsent =
    "Máy chỉ lưu số điện thoại và cách xưng hô để tổ liên hệ về lịch hẹn này, không dùng vào việc khác. "
    "Hai thông tin này tự xóa {} ngày sau buổi hẹn; Bác có thể nhờ tổ xóa sớm hơn.";
inline constexpr const char* kBookingAgree = "Đồng ý, đặt lịch";
inline constexpr const char* kBookingDoneTitle = "Bác đã đặt lịch xong!";
inline constexpr const char* kBookingCodeLabel = "Mã hẹn của Bác:";
inline constexpr const char* kBookingDoneWhen = "{} lúc {}, tại {}.";
inline constexpr const char* kBookingDoneHint = "Bác đọc mã này cho tổ khi đến.";
// Beside every QR code: what to do with it, for someone who has never scanned one.
inline constexpr const char* kQrHowTo =
    "Mở máy ảnh (camera) của điện thoại, hướng vào ô vuông này, rồi chạm vào dòng chữ hiện ra.";
inline constexpr const char* kBookingQrHowTo =
    "Muốn lưu vào điện thoại: mở máy ảnh (camera), hướng vào ô vuông này, rồi chạm vào dòng chữ hiện ra.";
inline constexpr const char* kBookingQrText =
    "Lịch hẹn tổ chuyển đổi số\nMã hẹn: {}\n{} lúc {}\n{}\nViệc: {}";
inline constexpr const char* kBookingCancelCodeTitle = "Nhập mã hẹn của Bác";
inline constexpr const char* kBookingCancelPhoneTitle = "Số điện thoại đã dùng khi đặt";
inline constexpr const char* kBookingCancelAsk = "Hủy lịch {} lúc {}?";
inline constexpr const char* kBookingCancelAskBody =
    "Mã hẹn {}. Việc: {}. Hủy rồi thì giờ này dành cho người khác.";
inline constexpr const char* kBookingCancelYes = "Hủy lịch";
inline constexpr const char* kBookingCancelledTitle = "Đã hủy lịch hẹn";
inline constexpr const char* kBookingCancelledBody =
    "Lịch hẹn {} ({} lúc {}) đã được hủy. Giờ đó đã trống cho người khác.";
inline constexpr const char* kSurveyTitle = "Hai câu hỏi nhỏ ({}/2)";
inline constexpr const char* kSurveyNote = "Không bắt buộc. Máy chỉ đếm số câu trả lời, không lưu Bác là ai.";
inline constexpr const char* kSurveyQuestions[] = {"Bác có điện thoại thông minh không?",
                                                   "Bác đã có tài khoản định danh điện tử mức 2 chưa?"};
inline constexpr const char* kSurveyYes[] = {"Có", "Có rồi"};
inline constexpr const char* kSurveyNo[] = {"Không", "Chưa"};
// The page shown when the kiosk cannot start (kiosk/main.cpp): calm, and who to tell.
inline constexpr const char* kOutOfServiceTitle = "Máy tạm ngừng phục vụ";
inline constexpr const char* kOutOfServiceBody = "Bác vui lòng báo tổ hỗ trợ.";
inline constexpr const char* kOutOfServiceReason = "Cho tổ hỗ trợ: {}";

inline constexpr const char* kStillHereTitle = "Bác còn dùng không?";
inline constexpr const char* kStillHereBody = "Màn hình sẽ trở về trang đầu sau {} giây.";
inline constexpr const char* kStillHereButton = "Còn";
// The closed page, outside the opening hours (kiosk/schedule/opening_hours.hpp writes the time).
inline constexpr const char* kClosedOpensAt = "Nhà văn hóa mở cửa lúc {}";
inline constexpr const char* kClosedNoOpening = "Nhà văn hóa đang đóng cửa";
inline constexpr const char* kClosedPhone = "Cần giúp, xin gọi tổ hỗ trợ: {}";
inline constexpr const char* kClosedTouch = "Chạm vào màn hình để xem hướng dẫn";

inline constexpr const char* kGuidesLoading = "Máy đang mở các bài hướng dẫn. Bác chờ một chút nhé.";
inline constexpr const char* kNoGuides = "Chủ đề này chưa có bài hướng dẫn. Bác hãy bấm \"Cần người giúp\".";
inline constexpr const char* kMinutes = "{} phút";
inline constexpr const char* kNewBadge = "mới";
inline constexpr const char* kSteps = "{} bước";
inline constexpr const char* kYouWillLearn = "Bác sẽ học:";
inline constexpr const char* kBring = "Bác cần mang theo:";
inline constexpr const char* kMoreOfIntro = "Xem tiếp ({}/{})"; // the intro's lists on more than one page
inline constexpr const char* kStartGuide = "Bắt đầu";
inline constexpr const char* kStartPractice = "Làm thử";
inline constexpr const char* kStepOf = "Bước {}/{}";
inline constexpr const char* kStepPart = "Phần {}/{}"; // a step's words in more than one page
inline constexpr const char* kStepPartInHeader = " · phần {}/{}";
inline constexpr const char* kPrevious = "Quay lại";
inline constexpr const char* kNext = "Tiếp theo";
inline constexpr const char* kListen = "Nghe";
inline constexpr const char* kPracticeOn = "Làm thử";
inline constexpr const char* kPracticeOff = "Thôi làm thử";
inline constexpr const char* kPracticeRight = "Đúng rồi! Bác giỏi quá!";
inline constexpr const char* kPracticeMiss = "Chưa đúng chỗ. Bác thử lại nhé.";
inline constexpr const char* kPracticeHint = "Bác chạm vào chỗ đang nhấp nháy.";
inline constexpr const char* kTipPrefix = "Mẹo: ";
inline constexpr const char* kWarningPrefix = "Lưu ý: ";
// Honest: a month only from a real comparison with the app (verified_on); otherwise the picture is a drawing.
inline constexpr const char* kVerifiedOn = "Màn hình cập nhật tháng {:02}/{}";
inline constexpr const char* kIllustration = "Hình minh họa — điện thoại của Bác có thể khác";
inline constexpr const char* kZoomTitle = "Hình phóng to"; // the step's picture enlarged to read its words
inline constexpr const char* kZoomPart = "Hình phóng to, phần {}/{}";
inline constexpr const char* kZoomMore = "Xem tiếp";
inline constexpr const char* kIllustrationShort = "Hình minh họa"; // when the words reach down beside it
inline constexpr const char* kFinishTitle = "Bác đã làm được!";
inline constexpr const char* kFinishBody = "Bác đã xem hết các bước của bài \"{}\".";
inline constexpr const char* kFinishAgain = "Xem lại";
inline constexpr const char* kFinishBook = "Nhờ người giúp làm thật";
inline constexpr const char* kNoSound = "Máy chưa phát được tiếng. Bác đọc chữ trên màn hình nhé.";

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
// Content packs: serve the previous version again (the program restarts onto it).
inline constexpr const char* kStaffRollBack = "Dùng bản nội dung trước";
inline constexpr const char* kStaffGuidesToVerify =
    "Bài cần so với ứng dụng thật (chưa so, hoặc đã quá 6 tháng): {} (danh sách ở trang So hướng dẫn)";
inline constexpr const char* kStaffQuit = "Thoát chương trình";
inline constexpr const char* kStaffQuitAsk = "Thoát chương trình?";
inline constexpr const char* kStaffQuitAskBody =
    "Màn hình kiosk sẽ tắt cho đến khi máy khởi động lại. Bà con sẽ không dùng được máy.";
inline constexpr const char* kStaffQuitYes = "Thoát";
inline constexpr const char* kNo = "Không";

} // namespace ui::text
