// "Màn hình này đã khác": the flags a kiosk's team sends with the usage upload, as the hub reads,
// stores (once per kiosk and flag id) and lists them per guide and step, newest first.
#include "flags.hpp"
#include "ingest.hpp"
#include "sample_upload.hpp"
#include "sqlite_hub_store.hpp"

#include <doctest/doctest.h>

#include <functional>

using kiosk::upload::parseUpload;
using nlohmann::json;

namespace {

constexpr const char* kToday = "2026-11-25";

kiosk::upload::ScreenFlag flag(const std::string& id, const std::string& guide, int step,
                               const std::string& at, const std::string& what = "button") {
    return {id, guide, guide == "vneid-kich-hoat" ? "Kích hoạt VNeID" : "", step, what, "Nút đã đổi màu", at};
}

kiosk::upload::Upload withFlags() {
    auto u = test::sampleUpload();
    u.flags = {flag("a1", "vneid-kich-hoat", 4, "2026-11-24T08:00:00Z"),
               flag("b2", "vneid-kich-hoat", 4, "2026-11-25T02:30:00Z", "picture")};
    return u;
}

std::string errorAfter(const std::function<void(json&)>& change) {
    json j = kiosk::upload::toJson(withFlags());
    change(j);
    auto parsed = parseUpload(j.dump(), kToday);
    return parsed ? std::string() : parsed.error().message;
}

} // namespace

TEST_CASE("Flags: an upload with screen flags survives toJson and parseUpload unchanged") {
    const auto upload = withFlags();
    auto parsed = parseUpload(kiosk::upload::toJson(upload).dump(), kToday);
    REQUIRE(parsed);
    CHECK(*parsed == upload);
}

TEST_CASE("Flags: an upload without screen_flags (an older kiosk) is accepted and writes none") {
    const auto plain = test::sampleUpload();
    const json j = kiosk::upload::toJson(plain);
    CHECK_FALSE(j.contains("screen_flags"));
    auto parsed = parseUpload(j.dump(), kToday);
    REQUIRE(parsed);
    CHECK(parsed->flags.empty());
    CHECK(errorAfter([](json& body) { body["screen_flags"] = nullptr; }).empty());
}

TEST_CASE("Flags: every rejected flag names its field") {
    CHECK(errorAfter([](json& j) { j["screen_flags"] = 3; }) == "screen_flags: must be an array");
    CHECK(errorAfter([](json& j) { j["screen_flags"][1]["what"] = "colour"; }) ==
          "screen_flags[1].what: must be \"text\", \"button\", \"order\" or \"picture\"");
    CHECK(errorAfter([](json& j) { j["screen_flags"][0]["step"] = 0; }) ==
          "screen_flags[0].step: must be a number from 1 to 100");
    CHECK(errorAfter([](json& j) { j["screen_flags"][0]["note"] = std::string(201, 'x'); }) ==
          "screen_flags[0].note: longer than 200 bytes");
    CHECK(errorAfter([](json& j) { j["screen_flags"][0].erase("guide_id"); }) ==
          "screen_flags[0].guide_id: missing");
    CHECK(errorAfter([](json& j) { j["screen_flags"][0]["flag_id"] = "A-1"; }) ==
          "screen_flags[0].flag_id: only a-z and 0-9 are allowed");
    CHECK(errorAfter([](json& j) { j["screen_flags"][1]["flag_id"] = "a1"; }) ==
          "screen_flags[1].flag_id: a1 appears twice");
    CHECK(errorAfter([](json& j) {
              json many = json::array();
              for (int i = 0; i <= static_cast<int>(kiosk::upload::kMaxFlagsPerUpload); ++i)
                  many.push_back(
                      kiosk::upload::toJson(flag("f" + std::to_string(i), "g", 1, "2026-11-24T08:00:00Z")));
              j["screen_flags"] = many;
          }) == "screen_flags: at most 100 flags per upload");
}

TEST_CASE("Flags: the hub refuses a flag time that is not UTC - naming the field") {
    auto u = withFlags();
    u.flags[1].flaggedAt = "hôm qua";
    auto clean = commune::cleanUpload(u);
    REQUIRE_FALSE(clean);
    CHECK(clean.error().message ==
          "screen_flags[1].flagged_at: must be a UTC time like 2026-11-25T08:00:00Z");
}

TEST_CASE("Flags: a re-sent upload stores each flag once - listed by guide and step - newest first") {
    auto store = commune::SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    const auto upload = withFlags();
    CHECK(test::post(*store, upload, 1795600000).newFlags == 2);
    CHECK(test::post(*store, upload, 1795600900).newFlags == 0);
    auto more = upload;
    more.flags.push_back(flag("c3", "ihanoi-phan-anh", 2, "2026-11-25T03:00:00Z", "text"));
    CHECK(test::post(*store, more, 1795601800).newFlags == 1);
    const auto flags = store->screenFlags();
    REQUIRE(flags.size() == 3);
    CHECK(flags[0].guideId == "ihanoi-phan-anh");
    CHECK(flags[1].what == "picture"); // 25/11 before 24/11 on the same step
    CHECK(flags[2].flaggedAt == "2026-11-24T08:00:00Z");
    CHECK(flags[2].kioskId == "k1");
    CHECK(flags[2].village == "Thôn 1");
    CHECK(flags[2].guideTitle == "Kích hoạt VNeID");
}

TEST_CASE("Flags: the page names a guide by its Vietnamese title when known - else its id - newest first") {
    std::vector<commune::StoredFlag> flags{
        {"k1", "Thôn 1", "vneid-kich-hoat", "Kích hoạt VNeID", 4, "button", "Nút <Đăng nhập> đổi chỗ",
         "2026-11-24T08:00:00Z"},
        {"k2", "Thôn 2", "vneid-kich-hoat", "", 4, "picture", "", "2026-11-25T02:30:00Z"},
        {"k1", "Thôn 1", "ihanoi-phan-anh", "", 2, "text", "", "2026-11-25T03:00:00Z"},
    };
    const std::string html = commune::renderFlagsHtml(flags, 1795600000);
    CHECK(html.find("<h2>Kích hoạt VNeID <small>(vneid-kich-hoat)</small></h2>") != std::string::npos);
    CHECK(html.find("<h2>ihanoi-phan-anh</h2>") != std::string::npos);
    CHECK(html.find("Nút &lt;Đăng nhập&gt; đổi chỗ") != std::string::npos); // escaped
    CHECK(html.find("Nút <Đăng") == std::string::npos);
    // Within step 4 the newer flag (a picture, 25/11 09:30 in Hanoi) comes before the older (a button).
    const auto newer = html.find("<td>Hình</td>");
    const auto older = html.find("<td>Nút</td>");
    REQUIRE(newer != std::string::npos);
    REQUIRE(older != std::string::npos);
    CHECK(newer < older);
    CHECK(html.find("25/11/2026 09:30") != std::string::npos);
    CHECK(commune::renderFlagsHtml({}, 1795600000).find("Chưa có báo cáo nào.") != std::string::npos);
}
