#include "fleet.hpp"

#include "common/local_time.hpp"
#include "report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace commune {

std::string durationText(std::int64_t seconds) {
    seconds = std::max<std::int64_t>(0, seconds);
    const std::int64_t days = seconds / 86400, hours = seconds % 86400 / 3600, minutes = seconds % 3600 / 60;
    if (days > 0) return fmt::format("{} ngày {} giờ", days, hours);
    if (hours > 0) return fmt::format("{} giờ {} phút", hours, minutes);
    return fmt::format("{} phút", minutes);
}

std::vector<std::string> fleetProblems(const KioskStatus& kiosk, std::int64_t nowUnix) {
    std::vector<std::string> problems;
    if (kiosk.lastSeenUnix <= 0)
        problems.push_back("Chưa gửi tin lần nào");
    else if (nowUnix - kiosk.lastSeenUnix > kSilentAfterSeconds)
        problems.push_back(
            fmt::format("Không gửi tin quá 24 giờ ({})", durationText(nowUnix - kiosk.lastSeenUnix)));
    if (kiosk.lastSeenUnix > 0 && kiosk.freeDiskMb < kLowDiskMb)
        problems.push_back(fmt::format("Đĩa sắp đầy: còn {} MB (dưới {} MB)", kiosk.freeDiskMb, kLowDiskMb));
    return problems;
}

std::vector<KioskStatus> fleetOrder(std::vector<KioskStatus> kiosks, std::int64_t nowUnix) {
    std::ranges::sort(kiosks, [nowUnix](const KioskStatus& a, const KioskStatus& b) {
        const bool lookA = !fleetProblems(a, nowUnix).empty(), lookB = !fleetProblems(b, nowUnix).empty();
        return std::tie(lookB, a.village, a.kioskId) < std::tie(lookA, b.village, b.kioskId);
    });
    return kiosks;
}

namespace {
std::string cell(const std::string& text, bool alert = false) {
    return (alert ? "<td class=\"alert\">" : "<td>") + htmlEscape(text) + "</td>";
}
} // namespace

std::string renderFleetHtml(const std::vector<KioskStatus>& unordered, std::int64_t nowUnix) {
    const std::vector<KioskStatus> kiosks = fleetOrder(unordered, nowUnix);
    constexpr std::string_view kTitle = "Tình trạng các ki-ốt";
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                  "<title>{0}</title><style>{1}</style></head><body>\n<h1>{0}</h1>\n",
                                  kTitle, reportStyleSheet());
    out += "<nav class=\"noprint\"><a href=\"/reports\">Báo cáo</a></nav>\n"
           "<form class=\"noprint\" method=\"post\" action=\"/logout\"><button>Đăng xuất</button></form>\n";
    std::size_t needing = 0;
    for (const auto& k : kiosks)
        if (!fleetProblems(k, nowUnix).empty()) ++needing;
    out += fmt::format(
        "<p>Cập nhật lúc {} (giờ Việt Nam). {} ki-ốt, {} cần kiểm tra. Đánh dấu "
        "<strong>CẦN KIỂM TRA</strong> khi ki-ốt không gửi tin quá 24 giờ hoặc đĩa còn dưới {} MB.</p>\n",
        kiosk::localDateTime(nowUnix), kiosks.size(), needing, kLowDiskMb);
    out += "<div class=\"scroll\"><table><thead><tr>";
    for (const char* header :
         {"Tình trạng", "Thôn", "Ki-ốt", "Lần cuối gửi", "Phiên bản", "Nội dung", "Chạy được",
          "Khởi động lại từ lúc bật máy", "Đĩa trống (MB)", "Nhiệt độ chip (°C)", "Lỗi gần nhất"})
        out += fmt::format("<th>{}</th>", header);
    out += "</tr></thead><tbody>\n";
    for (const auto& k : kiosks) {
        const auto problems = fleetProblems(k, nowUnix);
        std::string status = problems.empty() ? "Ổn" : "CẦN KIỂM TRA:";
        for (const auto& p : problems)
            status += " " + p + ".";
        const bool seen = k.lastSeenUnix > 0;
        const bool silent = !seen || nowUnix - k.lastSeenUnix > kSilentAfterSeconds;
        out += "<tr>" + cell(status, !problems.empty()) + cell(k.village) + cell(k.kioskId) +
               cell(seen ? kiosk::localDateTime(k.lastSeenUnix) : "chưa gửi", silent) + cell(k.version) +
               cell(k.contentVersion) + cell(seen ? durationText(k.uptimeSeconds) : "") +
               cell(k.restartsSinceBoot ? std::to_string(*k.restartsSinceBoot) : "—") +
               cell(seen ? std::to_string(k.freeDiskMb) : "", seen && k.freeDiskMb < kLowDiskMb) +
               cell(k.socTemperatureC ? fmt::format("{:.1f}", *k.socTemperatureC) : "—") +
               cell(k.lastError, !k.lastError.empty()) + "</tr>\n";
    }
    out += "</tbody></table></div>\n<p>— : ki-ốt phiên bản cũ chưa gửi số này, hoặc máy không có cảm biến "
           "nhiệt.</p>\n"
           "</body></html>\n";
    return out;
}

} // namespace commune
