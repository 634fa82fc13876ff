// "Màn hình này đã khác": a team member found a guide's step different on the real phone. Kept in kiosk.db
// (table screen_flag) and sent with that day's usage upload; and the guides due a comparison with the
// real app, as staff mode lists them.
#pragma once

#include "common/database.hpp"
#include "common/error.hpp"
#include "common/usage_upload.hpp"
#include "content/guide.hpp"

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// The choices on the flag page, in the order shown: what differs, as the upload names it and as the team
// reads it.
struct FlagKind {
    std::string_view what;  // upload::kFlagKinds
    std::string_view label; // "Chữ", "Nút", "Thứ tự", "Hình"
};
inline constexpr std::array<FlagKind, 4> kFlagKinds{
    {{"text", "Chữ"}, {"button", "Nút"}, {"order", "Thứ tự"}, {"picture", "Hình"}}};
inline constexpr std::size_t kMaxFlagNoteCharacters = 60; // fits upload::kMaxFlagNoteBytes in UTF-8

class ScreenFlagStore {
  public:
    explicit ScreenFlagStore(db::Database& db) : m_db(db) {}

    // Saves one flag; refuses an unknown kind, a step below 1 or an over-long note (naming the field).
    Result<upload::ScreenFlag> add(std::string_view guideId, std::string_view guideTitle, int step,
                                   std::string_view what, std::string_view note,
                                   std::chrono::system_clock::time_point now);
    // The flags made on a local day (YYYY-MM-DD), oldest first, at most upload::kMaxFlagsPerUpload.
    [[nodiscard]] std::vector<upload::ScreenFlag> forDay(std::string_view day) const;
    [[nodiscard]] int count() const;

  private:
    db::Database& m_db;
};

// A guide due a comparison with the real app, and why, in Vietnamese.
struct GuideToCheck {
    std::string guideId;
    std::string title;
    std::string reason; // "Chưa so với ứng dụng thật", "So lần cuối 03/04/2026, đã quá 6 tháng", ...
};
// The guides never compared, with steps never compared, or compared over content::kVerificationMonths
// ago (as the content validator warns), in the library's order.
[[nodiscard]] std::vector<GuideToCheck> guidesToCheck(const content::Library& library, content::Date today);

} // namespace kiosk
