// Report numbers from stored rollups, the "< 5" survey rule, and the CSV/HTML/text forms.
#include "report.hpp"
#include "sample_upload.hpp"
#include "sqlite_hub_store.hpp"

#include <doctest/doctest.h>

using namespace commune;

namespace {

constexpr std::int64_t kNow = 1795600000; // 2026-11-25 (local) — the tests' fixed "now"

Period month(const std::string& text) {
    auto p = parsePeriod(text);
    REQUIRE(p.has_value());
    return *p;
}

// Two villages: Thôn 1 with two kiosks, Thôn 2 with one; surveys chosen around the "< 5" line.
std::unique_ptr<SqliteHubStore> seededStore() {
    auto store = SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    REQUIRE(store->addKiosk("k2", "Thôn 1", "h2"));
    REQUIRE(store->addKiosk("k3", "Thôn 2", "h3"));
    REQUIRE(store->addKiosk("k4", "Thôn 3", "h4")); // never uploads
    auto a = test::sampleUpload("k1", "2026-11-10");
    a.days[0].smartphone = {3, 1, 5}; // 4 answers in k1 ...
    test::post(*store, a, kNow - 3600);
    auto b = test::sampleUpload("k2", "2026-11-11");
    b.days[0].sessions = 7;
    b.days[0].smartphone = {2, 0, 0};             // ... + 2 in k2 = 6 answers for Thôn 1: a share is shown
    test::post(*store, b, kNow - 3 * 86400 - 60); // silent for 3 days: red
    auto c = test::sampleUpload("k3", "2026-11-12");
    c.days[0].smartphone = {1, 2, 0}; // 3 answers for Thôn 2: "< 5"
    c.days[0].guides[0].started = 4;
    test::post(*store, c, kNow - 86400);
    auto october = test::sampleUpload("k3", "2026-10-31"); // outside November
    october.days[0].sessions = 1000;
    test::post(*store, october, kNow - 86400);
    return store;
}

const VillageTotals& village(const Report& r, const std::string& name) {
    for (const auto& v : r.villages)
        if (v.village == name) return v;
    FAIL("no village " << name);
    throw;
}

} // namespace

TEST_CASE("periods: a month or a quarter, nothing else") {
    CHECK(month("2026-11").days.first == "2026-11-01");
    CHECK(month("2026-11").days.last == "2026-11-30");
    CHECK(month("2024-02").days.last == "2024-02-29");
    CHECK(month("2026-Q4").days.first == "2026-10-01");
    CHECK(month("2026-Q4").days.last == "2026-12-31");
    CHECK(month("2026-Q1").title == "quý 1/2026");
    for (const char* bad : {"2026-13", "2026-Q5", "2026-00", "26-11", "2026/11", "", "2026-Q"})
        CHECK_FALSE(parsePeriod(bad).has_value());
}

TEST_CASE("report numbers per village and for the commune") {
    auto store = seededStore();
    const Report r = buildReport(*store, month("2026-11"), kNow);
    REQUIRE(r.villages.size() == 2);
    CHECK(village(r, "Thôn 1").count(kiosk::upload::Count::sessions) == 17);
    CHECK(village(r, "Thôn 2").count(kiosk::upload::Count::sessions) == 10);
    CHECK(r.commune.count(kiosk::upload::Count::sessions) == 27);
    CHECK(r.commune.count(kiosk::upload::Count::bookingsMade) == 6);
    CHECK(r.commune.count(kiosk::upload::Count::bookingsDone) == 3);
    CHECK(r.commune.count(kiosk::upload::Count::bookingsNoShow) == 3);
    // Topics: per village and the commune's.
    std::int64_t communeStarted = -1;
    for (const auto& t : r.topics)
        if (t.village.empty() && t.topic == "vneid") communeStarted = t.started;
    CHECK(communeStarted == 5 + 5 + 4);
    // The funnel sums each step over the commune.
    REQUIRE(r.funnels.size() == 1);
    REQUIRE(r.funnels[0].steps.size() == 3);
    CHECK(r.funnels[0].steps[0].reached == 15);
    CHECK(r.funnels[0].steps[1].leftHere == 3);
    CHECK(r.kiosks.size() == 4);
}

TEST_CASE("survey shares need at least 5 answers, also for the commune") {
    CHECK(surveyShare(4, 0) == "< 5");
    CHECK(surveyShare(0, 0) == "< 5");
    CHECK(surveyShare(5, 0) == "100 %");
    CHECK(surveyShare(6, 1) == "86 %");
    CHECK(surveyVerdict(4, 0, 85) == "—");
    CHECK(surveyVerdict(6, 1, 85) == "đạt");       // 85.7 % > 85 %
    CHECK(surveyVerdict(17, 3, 85) == "chưa đạt"); // exactly 85 % is not more than 85 %
    CHECK(surveyVerdict(5, 5, 50) == "chưa đạt");

    auto store = seededStore();
    const Report r = buildReport(*store, month("2026-11"), kNow);
    const std::string text = renderText(r);
    const std::string csv = renderCsv(r);
    // Thôn 2: 3 answers -> "< 5"; commune 6 of 9 -> 67 %. Thôn 1 (5 of 6) is then hidden too ("ẩn"),
    // else 9 - 6 would give Thôn 2's 3 (complementary suppression; the split is the test below).
    CHECK(csv.find("\"Thôn 1\",\"ẩn\",\"ẩn\",\"—\"") != std::string::npos);
    CHECK(csv.find("\"Thôn 2\",\"< 5\",\"< 5\",\"—\"") != std::string::npos);
    CHECK(csv.find("\"Toàn xã\",\"9\",\"67 %\",\"chưa đạt\"") != std::string::npos);
    CHECK(csv.find("83 %") == std::string::npos);
    CHECK(text.find("Thôn 2") != std::string::npos);

    // A quiet month where even the commune has fewer than 5 answers.
    auto small = SqliteHubStore::openInMemory();
    REQUIRE(small->addKiosk("k1", "Thôn 1", "h1"));
    auto u = test::sampleUpload("k1", "2026-11-10");
    u.days[0].smartphone = {4, 0, 0};
    u.days[0].vneidLevel2 = {1, 1, 0};
    test::post(*small, u, kNow);
    const std::string smallCsv = renderCsv(buildReport(*small, month("2026-11"), kNow));
    CHECK(smallCsv.find("\"Toàn xã\",\"< 5\",\"< 5\",\"—\",\"< 5\",\"< 5\",\"—\"") != std::string::npos);
    CHECK(smallCsv.find("100 %") == std::string::npos);
}

TEST_CASE("kiosks silent for more than two days are flagged") {
    KioskStatus k;
    CHECK(daysWithoutUpload(k, kNow) == -1);
    k.lastSeenUnix = kNow - 2 * 86400 - 10;
    CHECK(daysWithoutUpload(k, kNow) == 2);
    k.lastSeenUnix = kNow - 3 * 86400;
    CHECK(daysWithoutUpload(k, kNow) == 3);

    auto store = seededStore();
    const std::string html = renderHtml(buildReport(*store, month("2026-11"), kNow));
    CHECK(html.find("<td class=\"alert\">3</td>") != std::string::npos);        // k2
    CHECK(html.find("<td class=\"alert\">chưa gửi</td>") != std::string::npos); // k4 never sent
    CHECK(html.find("<td>1</td>") != std::string::npos);
}

TEST_CASE("CSV: BOM, CRLF, every field quoted, quotes doubled") {
    CHECK(csvField("a,\"b\"") == "\"a,\"\"b\"\"\"");
    auto store = seededStore();
    const std::string csv = renderCsv(buildReport(*store, month("2026-11"), kNow));
    CHECK(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(csv.find("\r\n") != std::string::npos);
    for (std::size_t i = csv.find('\n'); i != std::string::npos; i = csv.find('\n', i + 1))
        CHECK(csv[i - 1] == '\r');
}

TEST_CASE("HTML escapes everything that came from a kiosk") {
    CHECK(htmlEscape("<b a='1'>&\"") == "&lt;b a=&#39;1&#39;&gt;&amp;&quot;");
    auto store = SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "<script>alert(1)</script>", "h1"));
    auto u = test::sampleUpload("k1", "2026-11-10");
    u.days[0].guides[0].guideId = "<img src=x onerror=alert(1)>";
    u.heartbeat.lastError = "\"><script>";
    test::post(*store, u, kNow);
    const std::string html = renderHtml(buildReport(*store, month("2026-11"), kNow));
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<meta name=\"viewport\"") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("<svg") != std::string::npos);
}

TEST_CASE("CSV: a kiosk's text never reaches a spreadsheet as a formula, numbers stay numbers") {
    for (const char* formula : {"=HYPERLINK(A1)", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"})
        CHECK(csvField(formula) == "\"'" + std::string(formula) + "\"");
    CHECK(csvField("=\"a\"") == "\"'=\"\"a\"\"\""); // quoting still applies after the apostrophe
    CHECK(csvField("Thôn 1") == "\"Thôn 1\"");
    CHECK(csvField("a=b") == "\"a=b\""); // only the first character matters
    CHECK(csvField("") == "\"\"");

    auto store = SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "=cmd|' /C calc'!A0", "h1"));
    auto u = test::sampleUpload("k1", "2026-11-10");
    u.days[0].guides[0].guideId = "@guide";
    u.days[0].guides[0].topic = "-topic";
    u.heartbeat.version = "+0.1";
    u.heartbeat.contentVersion = "=1+1";
    u.heartbeat.lastError = "-ENOSPC";
    u.heartbeat.freeDiskMb = -5; // not kiosk text: a number the hub shows as it is
    test::post(*store, u, kNow);
    const std::string csv = renderCsv(buildReport(*store, month("2026-11"), kNow));
    for (const char* cell : {"\"'=cmd|' /C calc'!A0\"", "\"'@guide\"", "\"'-topic\"", "\"'+0.1\"",
                             "\"'=1+1\"", "\"'-ENOSPC\"", ",\"-5\","})
        CHECK_MESSAGE(csv.find(cell) != std::string::npos, cell);
    for (const char* raw : {",\"=", ",\"+", ",\"@", ",\"-E", ",\"-t"})
        CHECK_MESSAGE(csv.find(raw) == std::string::npos, raw);
    CHECK(csv.find("\r\n\"=") == std::string::npos); // nor as a row's first cell
    CHECK(csv.find("\r\n\"@") == std::string::npos);
}

TEST_CASE("complementary suppression: a lone small cell never equals the total minus the shown ones") {
    using commune::suppressAnswers;
    using commune::SurveyCell;
    using V = std::vector<std::int64_t>;
    const auto shownSum = [](const V& answers, const std::vector<SurveyCell>& shown) {
        std::int64_t sum = 0;
        for (std::size_t i = 0; i < answers.size(); ++i)
            if (shown[i] == SurveyCell::figure) sum += answers[i];
        return sum;
    };
    // One small village: the smallest shown one is hidden with it.
    CHECK(suppressAnswers(V{12, 3, 7}) ==
          std::vector{SurveyCell::figure, SurveyCell::tooFew, SurveyCell::hiddenWithSmall});
    CHECK(suppressAnswers(V{3, 40}) == std::vector{SurveyCell::tooFew, SurveyCell::hiddenWithSmall});
    // A village with no answers is no cover (no sessions, plainly no answers): 4 = 13 - 9 otherwise.
    CHECK(suppressAnswers(V{4, 0, 9, 10}) == std::vector{SurveyCell::tooFew, SurveyCell::tooFew,
                                                         SurveyCell::hiddenWithSmall, SurveyCell::figure});
    CHECK(suppressAnswers(V{0, 9, 9}) ==
          std::vector{SurveyCell::tooFew, SurveyCell::figure, SurveyCell::figure});
    // Two or more small ones, or none: nothing more is hidden. One village: the total is itself "< 5".
    CHECK(suppressAnswers(V{10, 2, 4}) ==
          std::vector{SurveyCell::figure, SurveyCell::tooFew, SurveyCell::tooFew});
    CHECK(suppressAnswers(V{10, 20}) == std::vector{SurveyCell::figure, SurveyCell::figure});
    CHECK(suppressAnswers(V{3}) == std::vector{SurveyCell::tooFew});
    CHECK(suppressAnswers(V{}).empty());
    // Every column of up to 5 villages with 0..7 answers each: the subtraction never isolates a hidden cell.
    int columns = 0;
    for (int code = 0; code < 8 * 8 * 8 * 8 * 8; ++code) {
        V answers;
        for (int c = code, i = 0; i < 5; ++i, c /= 8)
            answers.push_back(c % 8);
        const auto shown = suppressAnswers(answers);
        std::int64_t total = 0;
        for (auto a : answers)
            total += a;
        std::size_t hidden = 0; // hidden cells with someone in them (a 0 is no cover)
        for (std::size_t i = 0; i < answers.size(); ++i)
            hidden += shown[i] != SurveyCell::figure && answers[i] > 0;
        if (total < commune::kMinSurveyAnswers) continue; // the commune's own total is "< 5": nothing shown
        REQUIRE(hidden != 1);
        CHECK(total - shownSum(answers, shown) >= 0);
        ++columns;
    }
    CHECK(columns > 30'000);
}

// ---- Issue 16: denominators, the change from the period before, titles, whole letters and numbers ----

namespace {

// seededStore's villages with what the commune entered: Thôn 1 all three figures (and a later entry the
// November report must not use), Thôn 2 no VNeID figure, Thôn 3 nothing.
std::unique_ptr<SqliteHubStore> storeWithPopulation() {
    auto store = seededStore();
    store->setPopulation({"Thôn 1", "2026-11-20", 850, 700, 400});
    store->setPopulation({"Thôn 1", "2026-12-02", 900, 800, 500});
    store->setPopulation({"Thôn 2", "2026-10-01", 400, 360, std::nullopt});
    return store;
}

bool hasLine(const std::string& csv, const std::string& line) {
    return csv.find("\r\n" + line + "\r\n") != std::string::npos;
}

} // namespace

TEST_CASE("progress against the targets comes from the entered populations, hand-computed") {
    auto store = storeWithPopulation();
    const Report r = buildReport(*store, month("2026-11"), kNow, "Xã Thử");
    REQUIRE(r.progress.size() == 4);
    CHECK(r.progress[0].figures->asOf == "2026-11-20"); // not the December entry
    CHECK_FALSE(r.progress[2].figures.has_value());     // Thôn 3
    const std::string csv = renderCsv(r);
    // 700 / 850 = 82.4 %; 400 / 850 = 47.1 %; 360 / 400 = 90 %.
    CHECK(hasLine(csv, R"("Thôn 1","850","700","82 %","chưa đạt","400","47 %","chưa đạt","2026-11-20")"));
    CHECK(hasLine(csv, R"("Thôn 2","400","360","90 %","đạt","chưa có","—","—","2026-10-01")"));
    CHECK(hasLine(csv, R"("Thôn 3","chưa nhập","—","—","—","—","—","—","—")"));
    // Commune: 1,060 of 1,250 adults = 84.8 %, shown rounded as 85 % but not more than 85 %; VNeID only
    // over the village that has the figure: 400 of 850.
    CHECK(hasLine(csv, R"("Toàn xã","1250","1060","85 %","chưa đạt","400","47 %","chưa đạt",)"
                       R"x("2 / 3 thôn có số liệu (điện thoại: 2, VNeID: 1)")x"));
    // The office's report leads with the targets; the kiosk survey says whom it speaks for.
    const auto progressAt = csv.find("Tiến độ so với mục tiêu");
    CHECK(progressAt != std::string::npos);
    CHECK(progressAt < csv.find("Lượt sử dụng và hẹn hỗ trợ theo thôn"));
    CHECK(csv.find("trong số người dân đã dùng ki-ốt, không phải cả thôn") != std::string::npos);
    const std::string html = renderHtml(r);
    CHECK(html.find("<h1>Báo cáo ki-ốt hỗ trợ chuyển đổi số — Xã Thử — tháng 11/2026") != std::string::npos);
    CHECK(html.find("id=\"tien-do\"") < html.find("id=\"su-dung\""));
    CHECK(html.find("id=\"tien-do\"") < html.find("<svg"));
}

TEST_CASE("the change from the month before, hand-computed") {
    auto store = seededStore();
    const Report r = buildReport(*store, month("2026-11"), kNow);
    CHECK(r.previous.key == "2026-10");
    const std::string csv = renderCsv(r);
    // Thôn 1: 10 + 7 sessions, 3 + 3 finished, 2 + 2 bookings, 1 + 1 no-shows; nothing in October. No
    // one helped by the team: "< 5" both months, so no change is shown.
    CHECK(
        hasLine(csv, R"("Thôn 1","17","0","mới","6","0","mới","4","0","mới","2","0","mới","< 5","< 5","—")"));
    // Thôn 2: October's one day had 1,000 sessions.
    CHECK(hasLine(csv, R"("Thôn 2","10","1000","−990","3","3","0","2","2","0","1","1","0","< 5","< 5","—")"));
    CHECK(hasLine(csv,
                  R"("Toàn xã","27","1000","−973","9","3","+6","6","2","+4","3","1","+2","< 5","< 5","—")"));
    CHECK(previousPeriod(month("2026-01")).key == "2025-12");
    CHECK(previousPeriod(month("2026-Q1")).key == "2025-Q4");
    CHECK(previousPeriod(month("2026-Q3")).key == "2026-Q2");
    CHECK(changeText(5, 0) == "mới");
    CHECK(changeText(0, 0) == "0");
}

TEST_CASE("guides and topics by their Vietnamese titles, unknown ids as they are") {
    CHECK(guideTitle("vneid-kich-hoat-muc-2") == "Đăng ký mức 2 ở Công an xã");
    CHECK(topicTitle("antoan") == "Sống an toàn trên mạng");
    CHECK(topicTitle("vneid") == "VNeID");
    CHECK(guideTitle("a-newer-guide") == "a-newer-guide");
    auto store = SqliteHubStore::openInMemory();
    REQUIRE(store->addKiosk("k1", "Thôn 1", "h1"));
    auto u = test::sampleUpload("k1", "2026-11-10");
    u.days[0].guides[0].guideId = "vneid-kich-hoat-muc-2";
    u.days[0].guides[0].topic = "antoan";
    test::post(*store, u, kNow);
    const Report r = buildReport(*store, month("2026-11"), kNow);
    const std::string csv = renderCsv(r), html = renderHtml(r);
    CHECK(hasLine(csv, R"("Toàn xã","Sống an toàn trên mạng","5","3","60 %")"));
    CHECK(hasLine(csv, R"("Đăng ký mức 2 ở Công an xã","Sống an toàn trên mạng","1","5","1")"));
    CHECK(html.find("Đăng ký mức 2 ở Công an xã (Sống an toàn trên mạng)") != std::string::npos);
    CHECK(html.find(">antoan<") == std::string::npos);
}

TEST_CASE("chart labels are cut between letters, never inside one, and long numbers are shown whole") {
    std::string forty;
    for (int i = 0; i < 40; ++i)
        forty += "ệ";
    CHECK(cutText(forty, 40) == forty);
    CHECK(cutText(forty + "ữ", 40) == forty + "…");
    CHECK(cutText("Thôn Đông", 6) == "Thôn Đ…");
    CHECK(cutText("Thôn Đông", 5) == "Thôn …");
    // Decomposed text (an older kiosk's village name): the marks stay with their letter.
    CHECK(cutText("Tho\xCC\x82n 1", 3) == "Tho\xCC\x82…");

    auto store = SqliteHubStore::openInMemory();
    const std::string longName = "Thôn Tiền Phong Đông Nam Thượng Hạ Trung Ngoại Nội Bắc Xuân Thu";
    REQUIRE(store->addKiosk("k1", longName, "h1"));
    auto u = test::sampleUpload("k1", "2026-11-10");
    u.days[0].sessions = 2'000'000'000;
    test::post(*store, u, kNow);
    const std::string html = renderHtml(buildReport(*store, month("2026-11"), kNow));
    CHECK(html.find(">2000000000</text>") != std::string::npos);
    // The label column takes 40 letters: "Thôn Tiền Phong Đông Nam Thượng Hạ Trung" and the mark.
    CHECK(html.find(">Thôn Tiền Phong Đông Nam Thượng Hạ Trung…</text>") != std::string::npos);
    // Room for the 10 digits after the bars: 260 + 180 + 12 + 10 × 7.
    CHECK(html.find("viewBox=\"0 0 522 ") != std::string::npos);
}

TEST_CASE("a quarter month by month, each month against the one before, hand-computed") {
    auto store = seededStore();
    const Report r = buildReport(*store, month("2026-Q4"), kNow);
    CHECK(r.previous.key == "2026-Q3");
    REQUIRE(r.months.size() == 2 + 3 + 3); // October: Thôn 2 and the commune; November, December: all
    const std::string csv = renderCsv(r);
    // October against September (nothing): Thôn 2's one day, 1,000 sessions, 3 finished, 2 bookings, 1
    // no-show.
    CHECK(hasLine(csv, R"("Thôn 2","tháng 10/2026","1000","mới","3","mới","2","mới","1","mới","< 5","—")"));
    CHECK(hasLine(csv, R"("Toàn xã","tháng 11/2026","27","−973","9","+6","6","+4","3","+2","< 5","—")"));
    // December: nothing yet, against November.
    CHECK(hasLine(csv, R"("Thôn 1","tháng 12/2026","0","−17","0","−6","0","−4","0","−2","< 5","—")"));
    CHECK(hasLine(csv, R"("Toàn xã","tháng 12/2026","0","−27","0","−9","0","−6","0","−3","< 5","—")"));
    CHECK(buildReport(*store, month("2026-11"), kNow).months.empty()); // a month's report has no such table
}

// ---- Issue 16: what the village teams did ----

namespace {

// seededStore (Thôn 1: k1 and k2, Thôn 2: k3) with the teams' help in November, chosen around the "< 5"
// line, a newer kiosk's keys in Thôn 2, and a lone small "neutral" in Thôn 1.
std::unique_ptr<SqliteHubStore> storeWithTeamActivity() {
    auto store = seededStore();
    auto a = test::sampleUpload("k1", "2026-11-10"); // replaces seededStore's day: its survey again
    a.days[0].smartphone = {3, 1, 5};
    a.days[0].teamActivity["home_visit"] = {3, 6, {{"vneid_level2", 4}, {"scam_warning", 6}}};
    a.days[0].teamActivity["kiosk"] = {2, 2, {{"vneid_level1", 2}}};
    a.days[0].satisfaction = {{"happy", 4}, {"neutral", 1}};
    test::post(*store, a, kNow - 60);
    auto b = test::sampleUpload("k2", "2026-11-20"); // a second day for k2
    b.days[0].sessions = 0;
    b.days[0].bookingsMade = b.days[0].bookingsDone = b.days[0].bookingsNoShow = 0;
    b.days[0].guides.clear();
    b.days[0].smartphone = b.days[0].vneidLevel2 = {};
    b.days[0].teamActivity["home_visit"] = {1, 2, {{"vneid_level2", 1}}};
    b.days[0].teamActivity["class"] = {1, 9, {{"app_installed", 9}}};
    b.days[0].satisfaction = {{"happy", 2}, {"unhappy", 1}};
    test::post(*store, b, kNow - 60);
    auto c = test::sampleUpload("k3", "2026-11-12");
    c.days[0].smartphone = {1, 2, 0};
    c.days[0].guides[0].started = 4;
    c.days[0].teamActivity["class"] = {2, 15, {{"app_installed", 10}, {"future_key", 3}, {"other", 5}}};
    c.days[0].teamActivity["boat_trip"] = {1, 2, {}};
    c.days[0].satisfaction = {{"happy", 6}, {"neutral", 7}};
    test::post(*store, c, kNow - 60);
    return store;
}

} // namespace

TEST_CASE("team activity per village and for the commune, hand-computed, with the < 5 rule") {
    auto store = storeWithTeamActivity();
    const Report r = buildReport(*store, month("2026-11"), kNow);
    // Thôn 1: home visits 3 + 1 events for 6 + 2 people; the kiosk 2 for 2; a class of 9.
    const commune::TeamHelpTotals home{4, 8, {{"scam_warning", 6}, {"vneid_level2", 5}}};
    CHECK(village(r, "Thôn 1").team.at("home_visit") == home);
    CHECK(r.commune.team.at("class").people == 24);
    CHECK(r.commune.satisfaction.at("happy") == 12);

    const std::string csv = renderCsv(r);
    // Places in the vocabulary's order, a newer kiosk's by its key. Events [4, 0]: both small, no cover;
    // people [8, 0]: a 0 is no cover, so 8 stays.
    CHECK(hasLine(csv, R"x("Thôn 1","Nơi hỗ trợ","Đến tận nhà","< 5","8")x"));
    CHECK(hasLine(csv, R"x("Thôn 2","Nơi hỗ trợ","Đến tận nhà","< 5","< 5")x"));
    CHECK(hasLine(csv, R"x("Thôn 1","Nơi hỗ trợ","Lớp ở nhà văn hóa","< 5","9")x"));
    CHECK(hasLine(csv, R"x("Thôn 2","Nơi hỗ trợ","Lớp ở nhà văn hóa","< 5","15")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Nơi hỗ trợ","Lớp ở nhà văn hóa","< 5","24")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Nơi hỗ trợ","Hẹn ở máy (nhà văn hóa)","< 5","< 5")x"));
    CHECK(hasLine(csv, R"x("Thôn 2","Nơi hỗ trợ","boat_trip","< 5","< 5")x"));
    CHECK(csv.find("Ở chợ") == std::string::npos); // no help at the market this month: no line
    // Results summed over places, under their topic's title: 4 + 1 VNeID level 2 in Thôn 1.
    CHECK(hasLine(csv, R"x("Thôn 1","Kết quả: VNeID","Kích hoạt tài khoản VNeID mức 2","—","5")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Kết quả: VNeID","Cài ứng dụng (VNeID, iHanoi)","—","19")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Kết quả: VNeID","Đăng ký tài khoản VNeID mức 1","—","< 5")x"));
    CHECK(hasLine(csv, R"x("Thôn 1","Kết quả: Sống an toàn trên mạng","Nhắc cảnh giác lừa đảo","—","6")x"));
    CHECK(hasLine(csv, R"x("Thôn 2","Kết quả: chưa có trong danh mục","future_key","—","< 5")x"));
    // Bookings as in the use table: one done on each of Thôn 1's kiosk days but k2's second.
    CHECK(hasLine(csv, R"x("Thôn 1","Hẹn ở ki-ốt","Đã hỗ trợ","2","—")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Hẹn ở ki-ốt","Không đến","3","—")x"));
    // Satisfaction: neutral [1, 7] -> Thôn 1 "< 5" and Thôn 2 hidden with it, else 8 - 7 gives the 1.
    CHECK(hasLine(csv, R"x("Thôn 1","Mức hài lòng (hỗ trợ ở ki-ốt)","Bình thường","—","< 5")x"));
    CHECK(hasLine(csv, R"x("Thôn 2","Mức hài lòng (hỗ trợ ở ki-ốt)","Bình thường","—","ẩn")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Mức hài lòng (hỗ trợ ở ki-ốt)","Bình thường","—","8")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Mức hài lòng (hỗ trợ ở ki-ốt)","Hài lòng","—","12")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Mức hài lòng (hỗ trợ ở ki-ốt)","Chưa hài lòng","—","< 5")x"));
    CHECK(csv.find("\"1\",\"7\"") == std::string::npos);

    // Right after the targets, before everything else; the page says what "< 5" means there.
    const auto activityAt = csv.find("Hoạt động của tổ chuyển đổi số cộng đồng");
    CHECK(csv.find("Tiến độ so với mục tiêu") < activityAt);
    CHECK(activityAt < csv.find("Sử dụng ki-ốt: tháng 11/2026"));
    const std::string html = renderHtml(r);
    CHECK(html.find("id=\"tien-do\"") < html.find("id=\"hoat-dong-to\""));
    CHECK(html.find("id=\"hoat-dong-to\"") < html.find("id=\"so-voi-ky-truoc\""));
    CHECK(html.find("“< 5”: dưới 5 người (hoặc lần)") > html.find("id=\"hoat-dong-to\""));
    CHECK(renderText(r).find("Hoạt động của tổ") != std::string::npos);
}

TEST_CASE("team activity: a month without any still lists the bookings and the three faces") {
    auto store = seededStore();
    const std::string csv = renderCsv(buildReport(*store, month("2026-11"), kNow));
    CHECK(hasLine(csv, R"x("Thôn 1","Hẹn ở ki-ốt","Không đến","2","—")x"));
    CHECK(hasLine(csv, R"x("Toàn xã","Mức hài lòng (hỗ trợ ở ki-ốt)","Chưa hài lòng","—","< 5")x"));
    CHECK(csv.find("Nơi hỗ trợ") == std::string::npos);
}

TEST_CASE("people helped by the team in the change from the month before, under the < 5 rule") {
    auto store = storeWithTeamActivity();
    const std::string csv = renderCsv(buildReport(*store, month("2026-11"), kNow));
    // Thôn 1: 8 + 2 + 9 = 19 people; Thôn 2: 15 + 2 = 17; October had none ("< 5": the change is "—").
    CHECK(hasLine(csv,
                  R"x("Thôn 1","17","0","mới","6","0","mới","4","0","mới","2","0","mới","19","< 5","—")x"));
    CHECK(hasLine(csv,
                  R"x("Toàn xã","27","1000","−973","9","3","+6","6","2","+4","3","1","+2","36","< 5","—")x"));
    const std::string quarter = renderCsv(buildReport(*store, month("2026-Q4"), kNow));
    CHECK(hasLine(quarter, R"x("Thôn 2","tháng 11/2026","10","−990","3","0","2","0","1","0","17","—")x"));
    CHECK(hasLine(quarter, R"x("Toàn xã","tháng 12/2026","0","−27","0","−9","0","−6","0","−3","< 5","—")x"));
}

TEST_CASE("the kiosk's own other topic is named in Vietnamese") {
    CHECK(topicTitle("khac") == "Việc khác");
    auto store = storeWithTeamActivity();
    const std::string csv = renderCsv(buildReport(*store, month("2026-11"), kNow));
    // Thôn 2's class: 5 "other" results; [0, 5]: a 0 is no cover, so the 5 is shown.
    CHECK(hasLine(csv, R"x("Thôn 2","Kết quả: Việc khác","Việc khác","—","5")x"));
    CHECK(hasLine(csv, R"x("Thôn 1","Kết quả: Việc khác","Việc khác","—","< 5")x"));
    CHECK(csv.find("Kết quả: khac") == std::string::npos);
}

TEST_CASE("a quarter's figures summed from its months equal the quarter read at once") {
    auto store = storeWithTeamActivity();
    auto more = test::sampleUpload("k2", "2026-10-03"); // a second month with figures and guides
    more.days[0].teamActivity["market"] = {1, 5, {{"bank_qr", 3}}};
    test::post(*store, more, kNow - 60);
    const Report r = buildReport(*store, month("2026-Q4"), kNow);
    const PeriodFigures direct = store->periodFigures(month("2026-Q4").days);
    REQUIRE(r.villages.size() == direct.villages.size());
    for (std::size_t i = 0; i < direct.villages.size(); ++i) {
        CHECK(r.villages[i].village == direct.villages[i].village);
        CHECK(r.villages[i].counts == direct.villages[i].counts);
        CHECK(r.villages[i].surveys == direct.villages[i].surveys);
        CHECK(r.villages[i].team == direct.villages[i].team);
        CHECK(r.villages[i].satisfaction == direct.villages[i].satisfaction);
    }
    REQUIRE(r.villageSteps.size() == direct.steps.size());
    for (std::size_t i = 0; i < direct.steps.size(); ++i) {
        CHECK(r.villageSteps[i].village == direct.steps[i].village);
        CHECK(r.villageSteps[i].guideId == direct.steps[i].guideId);
        CHECK(r.villageSteps[i].step == direct.steps[i].step);
        CHECK(r.villageSteps[i].reached == direct.steps[i].reached);
        CHECK(r.villageSteps[i].leftHere == direct.steps[i].leftHere);
    }
    CHECK(r.villages.size() == 2);
    CHECK_FALSE(direct.steps.empty());
}
