// Every Vietnamese sentence the team-member pages show, in one place to review and reword.
#pragma once

namespace ui::staff_text {

inline constexpr const char* kQueue = "Lịch hẹn";
inline constexpr const char* kQueueSubtitle = "Hôm nay và các ngày tới";
inline constexpr const char* kSchedule = "Lịch tuần";
inline constexpr const char* kScheduleSubtitle = "Giờ nhận hẹn, số chỗ";
inline constexpr const char* kClosures = "Ngày nghỉ";
inline constexpr const char* kClosuresSubtitle = "Ngày không nhận hẹn";
inline constexpr const char* kMembers = "Thành viên";
inline constexpr const char* kMembersSubtitle = "Người có mã PIN";
inline constexpr const char* kAudit = "Nhật ký";
inline constexpr const char* kAuditSubtitle = "Ai đã làm gì";
inline constexpr const char* kExport = "Xuất danh sách hẹn";
inline constexpr const char* kExportSubtitle = "Ra USB hoặc thư mục";
inline constexpr const char* kGuideChecks = "So hướng dẫn";
inline constexpr const char* kGuideChecksSubtitle = "Với ứng dụng thật";
inline constexpr const char* kSignedInAs = "Đang dùng: {}";

inline constexpr const char* kQueueTitle = "Lịch hẹn – {}";
inline constexpr const char* kToday = "hôm nay";
inline constexpr const char* kPreviousDay = "Ngày trước";
inline constexpr const char* kNextDay = "Ngày sau";
inline constexpr const char* kQueueEmpty = "Ngày này chưa có lịch hẹn nào.";
inline constexpr const char* kNoName = "(không ghi tên)";
inline constexpr const char* kErased = "(đã xóa SĐT và tên)";

inline constexpr const char* kDetailTitle = "Hẹn {} – {} {}"; // short: one line on a 7" screen
inline constexpr const char* kDetailStatus = "Trạng thái: {}";
inline constexpr const char* kDetailWhat = "Việc: {}";
inline constexpr const char* kDetailWho = "Người hẹn: {} · {}";
inline constexpr const char* kDetailNote = "Ghi chú: {}";
inline constexpr const char* kMarkArrived = "Đã đến";
inline constexpr const char* kMarkDone = "Đã giúp xong"; // never "Xong": that finishes typing
inline constexpr const char* kUndo = "Hoàn tác";
inline constexpr const char* kCancelAsk = "Hủy lịch hẹn {} lúc {} {}?";
inline constexpr const char* kCancelAskBody =
    "Không hoàn tác được: giờ này sẽ dành cho người khác. Tổ hãy báo "
    "cho bà con nếu họ chưa biết.";
inline constexpr const char* kCancelYes = "Hủy lịch";
inline constexpr const char* kMarkNoShow = "Không đến";
inline constexpr const char* kMarkCancel = "Hủy";
inline constexpr const char* kNote = "Ghi chú";
inline constexpr const char* kReschedule = "Đổi lịch";
inline constexpr const char* kErase = "Xóa SĐT";
inline constexpr const char* kNoteTitle = "Ghi chú cho lịch hẹn {}";
inline constexpr const char* kNoteHint = "Không ghi số điện thoại vào ghi chú.";
inline constexpr const char* kSave = "Lưu";

inline constexpr const char* kRescheduleDayTitle = "Đổi lịch {}: chọn ngày";
inline constexpr const char* kRescheduleSlotTitle = "Đổi lịch {}: giờ nào, {}?";
inline constexpr const char* kFree = "còn {} giờ trống";
inline constexpr const char* kFull = "hết chỗ";
inline constexpr const char* kClosed = "nghỉ";
inline constexpr const char* kPlaces = "còn {} chỗ";

inline constexpr const char* kScheduleTitle = "Lịch tuần nhận hẹn";
inline constexpr const char* kSlotLength = "Mỗi lượt: {} phút";
inline constexpr const char* kCapacity = "Số người giúp cùng lúc: {}";
inline constexpr const char* kLess = "Bớt";
inline constexpr const char* kMore = "Thêm";
inline constexpr const char* kOpenBlock = "mở";
inline constexpr const char* kClosedBlock = "đóng";
inline constexpr const char* kUnsaved = "Có thay đổi chưa lưu.";
inline constexpr const char* kWeekdayShort[] = {"CN", "T2", "T3", "T4", "T5", "T6", "T7"}; // 0 = Sunday

inline constexpr const char* kClosuresTitle = "Ngày nghỉ sắp tới";
inline constexpr const char* kNoClosures = "Chưa có ngày nghỉ nào.";
inline constexpr const char* kRemove = "Bỏ";
inline constexpr const char* kAddClosure = "Thêm ngày nghỉ";
inline constexpr const char* kAddClosureTitle = "Chọn ngày nghỉ và lý do";
inline constexpr const char* kClosureReasonNext = "Lý do: {} (chạm để đổi)"; // one button for the reasons
inline constexpr const char* kClosureHasBookings =
    "Ngày {} có {} lịch hẹn. Các lịch này vẫn giữ: tổ hãy gọi báo cho bà con.";
// Where the whole note leaves no row of days (a 7" screen at A++): the chosen day is the marked one.
inline constexpr const char* kClosureHasBookingsShort = "Ngày đã chọn có {} lịch hẹn.";

inline constexpr const char* kMembersTitle = "Thành viên tổ";
inline constexpr const char* kAddMember = "Thêm thành viên";
inline constexpr const char* kStop = "Ngừng";
inline constexpr const char* kYou = "(bạn)";
inline constexpr const char* kMemberNameTitle = "Tên thành viên mới";
inline constexpr const char* kMemberNameHint = "Gõ tên, rồi chọn dấu.";
inline constexpr const char* kMemberPinTitle = "Mã PIN mới cho {}";
inline constexpr const char* kMemberPinAgainTitle = "Nhập lại mã PIN cho {}";
// A new PIN is shown as dots, never digits: someone may stand behind. A dot every font holds.
inline constexpr const char* kPinDot = "•";
inline constexpr const char* kMemberPinHint = "4 đến 8 chữ số, khác mã của người khác.";

inline constexpr const char* kAuditTitle = "Nhật ký (mới nhất trước)";
inline constexpr const char* kAuditEmpty = "Chưa có gì.";

inline constexpr const char* kExportTitle = "Xuất danh sách hẹn: chọn nơi lưu";
inline constexpr const char* kExportHint = "Cắm USB rồi mở lại trang này nếu chưa thấy USB.";
inline constexpr const char* kExportFiles = "Tệp: {}, trong thư mục {}";
inline constexpr const char* kUsbStick = "USB";
inline constexpr const char* kKioskFolder = "Trong máy";

// Guides to compare with the real app, and "Màn hình này đã khác".
inline constexpr const char* kGuideChecksTitle = "Hướng dẫn cần so với ứng dụng thật";
inline constexpr const char* kGuideChecksHint = "Chọn một hướng dẫn, mở từng bước và so với điện thoại thật.";
inline constexpr const char* kGuideChecksEmpty =
    "Mọi hướng dẫn đã được so với ứng dụng thật trong 6 tháng qua.";
inline constexpr const char* kCheckStepTitle = "{} – bước {}/{}";
inline constexpr const char* kPreviousStep = "Bước trước";
inline constexpr const char* kNextStep = "Bước sau";
inline constexpr const char* kScreenDiffers = "Màn hình này đã khác";
inline constexpr const char* kFlagTitle = "Màn hình đã khác – bước {}";
inline constexpr const char* kFlagHint = "Khác ở đâu? Chọn một, thêm ghi chú nếu cần, rồi bấm Lưu.";
inline constexpr const char* kFlagNote = "Ghi chú: {}";
inline constexpr const char* kFlagNoNote = "Chưa có ghi chú (không bắt buộc).";
inline constexpr const char* kAddNote = "Viết ghi chú";
inline constexpr const char* kFlagNoteTitle = "Ghi chú: màn hình khác thế nào?";
inline constexpr const char* kFlagNoteHint = "Chỉ ghi về ứng dụng, không ghi tên hay số điện thoại.";

// What the team did (issue 16): help away from the kiosk, a booking's results, the resident's faces.
inline constexpr const char* kRecordHelp = "Ghi việc đã giúp";
inline constexpr const char* kRecordHelpSubtitle = "Đến nhà, lớp học, ở chợ";
inline constexpr const char* kHelpDayTitle = "Giúp ngày nào?";
inline constexpr const char* kHelpPlaceTitle = "Giúp ở đâu?";
inline constexpr const char* kHelpPeopleTitle = "Giúp mấy người?";
inline constexpr const char* kHelpResultsTitle = "{}: đạt được gì? ({}/{})";
inline constexpr const char* kYesterday = "Hôm qua";
inline constexpr const char* kTodayDay = "Hôm nay";
inline constexpr const char* kPeople = "{} người";
inline constexpr const char* kOtherTopic = "Việc khác";
inline constexpr const char* kSatisfactionTitle = "Bác thấy được giúp thế nào?";
inline constexpr const char* kSatisfactionHint = "Chạm vào một mặt. Không ghi tên ai.";
inline constexpr const char* kNextPage = "Trang sau";

} // namespace ui::staff_text
