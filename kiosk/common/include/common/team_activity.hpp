// What a village team did, as counts (issue 16): help given away from the kiosk (home visits,
// classes, the market) and at the kiosk (bookings marked done), what it achieved per topic, and how
// satisfied the residents helped at the kiosk were. Never who: no names, no phone numbers, no ids of
// people. Shared by the kiosk (staff screens, store, rollup), the upload format and the hub's report.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

namespace kiosk::upload {

// Where the help was given. Keys travel in uploads and are stored on the hub: never renamed.
struct PlaceKind {
    std::string_view key;
    std::string_view label; // Vietnamese, for staff screens and reports
};

inline constexpr std::string_view kPlaceAtKiosk = "kiosk"; // a booking marked done at the kiosk

inline constexpr std::array<PlaceKind, 5> kPlaceKinds{{
    {"home_visit", "Đến tận nhà"},
    {"class", "Lớp ở nhà văn hóa"},
    {"market", "Ở chợ, nơi đông người"},
    {"other", "Nơi khác"},
    {kPlaceAtKiosk, "Hẹn ở máy (nhà văn hóa)"},
}};

// What the help achieved, each under the topic it belongs to (the kiosk's topic ids).
struct ResultKind {
    std::string_view key;
    std::string_view topic; // vneid, ihanoi, dichvucong, antoan, khac
    std::string_view label; // Vietnamese
};

inline constexpr std::array<ResultKind, 9> kResultKinds{{
    {"vneid_level1", "vneid", "Đăng ký tài khoản VNeID mức 1"},
    {"vneid_level2", "vneid", "Kích hoạt tài khoản VNeID mức 2"},
    {"app_installed", "vneid", "Cài ứng dụng (VNeID, iHanoi)"},
    {"ihanoi_used", "ihanoi", "Dùng iHanoi (phản ánh, tra cứu)"},
    {"public_service", "dichvucong", "Nộp hồ sơ dịch vụ công trực tuyến"},
    {"health_book", "dichvucong", "Mở sổ sức khỏe điện tử"},
    {"bank_qr", "antoan", "Cài thanh toán, quét mã QR ngân hàng"},
    {"scam_warning", "antoan", "Nhắc cảnh giác lừa đảo"},
    {"other", "khac", "Việc khác"},
}};

// One place's help in one day: how many visits or classes, how many people, and per result key
// how many times it was achieved. A later kiosk may send result keys this table does not have yet;
// the hub keeps them and shows the key.
struct TeamHelp {
    int events = 0; // visits, classes, or bookings done
    int people = 0; // people helped (at least one per event)
    std::map<std::string, int> results;
    friend bool operator==(const TeamHelp&, const TeamHelp&) = default;
};

// The three faces shown to the resident after help at the kiosk: one tap, never tied to the booking.
struct SatisfactionAnswer {
    std::string_view key;
    std::string_view label;
};

inline constexpr std::array<SatisfactionAnswer, 3> kSatisfactionAnswers{{
    {"happy", "Hài lòng"},
    {"neutral", "Bình thường"},
    {"unhappy", "Chưa hài lòng"},
}};

// Per day: place key -> help; satisfaction answer key -> count. Empty maps are not sent.
using TeamActivity = std::map<std::string, TeamHelp>;
using Satisfaction = std::map<std::string, int>;

[[nodiscard]] constexpr const PlaceKind* findPlace(std::string_view key) {
    for (const PlaceKind& p : kPlaceKinds)
        if (p.key == key) return &p;
    return nullptr;
}

[[nodiscard]] constexpr const ResultKind* findResult(std::string_view key) {
    for (const ResultKind& r : kResultKinds)
        if (r.key == key) return &r;
    return nullptr;
}

[[nodiscard]] constexpr const SatisfactionAnswer* findSatisfaction(std::string_view key) {
    for (const SatisfactionAnswer& a : kSatisfactionAnswers)
        if (a.key == key) return &a;
    return nullptr;
}

} // namespace kiosk::upload
