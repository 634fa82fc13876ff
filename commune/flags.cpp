#include "flags.hpp"

#include "common/local_time.hpp"
#include "report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace commune {

std::string_view flagKindLabel(std::string_view what) {
    if (what == "text") return "Chữ";
    if (what == "button") return "Nút";
    if (what == "order") return "Thứ tự";
    if (what == "picture") return "Hình";
    return what;
}

namespace {
std::string whenText(const std::string& flaggedAt) {
    if (const auto t = kiosk::parseIsoUtc(flaggedAt)) return kiosk::localDateTime(*t);
    return flaggedAt;
}
} // namespace

std::string renderFlagsHtml(const std::vector<StoredFlag>& unordered, std::int64_t nowUnix) {
    // Guide, then step, then newest first (ISO-8601 UTC sorts as time).
    std::vector<StoredFlag> flags = unordered;
    std::stable_sort(flags.begin(), flags.end(), [](const StoredFlag& a, const StoredFlag& b) {
        if (a.guideId != b.guideId) return a.guideId < b.guideId;
        if (a.step != b.step) return a.step < b.step;
        return a.flaggedAt > b.flaggedAt;
    });
    // Any kiosk's title for a guide: an older kiosk may send none.
    std::map<std::string, std::string> titles;
    for (const StoredFlag& f : flags)
        if (!f.guideTitle.empty()) titles.try_emplace(f.guideId, f.guideTitle);

    constexpr std::string_view kTitle = "Màn hình đã khác: báo cáo của các tổ";
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                                  "<title>{0}</title><style>{1}</style></head><body>\n<h1>{0}</h1>\n",
                                  kTitle, reportStyleSheet());
    out +=
        "<nav class=\"noprint\"><a href=\"/reports\">Báo cáo</a> · <a href=\"/fleet\">Các ki-ốt</a></nav>\n"
        "<form class=\"noprint\" method=\"post\" action=\"/logout\"><button>Đăng xuất</button></form>\n";
    out += fmt::format("<p>Cập nhật lúc {} (giờ Việt Nam). {} báo cáo. Tổ hỗ trợ ở ki-ốt bấm "
                       "<strong>Màn hình này đã khác</strong> khi ứng dụng thật không còn giống bước hướng "
                       "dẫn; hãy so lại bước đó và phát hành gói nội dung mới.</p>\n",
                       kiosk::localDateTime(nowUnix), flags.size());
    if (flags.empty()) {
        out += "<p>Chưa có báo cáo nào.</p>\n</body></html>\n";
        return out;
    }
    std::string guide;
    int step = 0;
    bool open = false;
    for (const StoredFlag& f : flags) {
        if (f.guideId != guide) {
            if (open) out += "</tbody></table></div>\n";
            guide = f.guideId;
            step = 0;
            const auto title = titles.find(f.guideId);
            out += title != titles.end() ? fmt::format("<h2>{} <small>({})</small></h2>\n",
                                                       htmlEscape(title->second), htmlEscape(f.guideId))
                                         : fmt::format("<h2>{}</h2>\n", htmlEscape(f.guideId));
            out += "<div class=\"scroll\"><table><thead><tr><th>Bước</th><th>Khác ở</th><th>Ghi chú</th>"
                   "<th>Lúc</th><th>Thôn</th><th>Ki-ốt</th></tr></thead><tbody>\n";
            open = true;
        }
        const bool firstOfStep = f.step != step;
        step = f.step;
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                           firstOfStep ? fmt::format("Bước {}", f.step) : std::string(),
                           htmlEscape(flagKindLabel(f.what)), htmlEscape(f.note), whenText(f.flaggedAt),
                           htmlEscape(f.village), htmlEscape(f.kioskId));
    }
    out += "</tbody></table></div>\n</body></html>\n";
    return out;
}

} // namespace commune
