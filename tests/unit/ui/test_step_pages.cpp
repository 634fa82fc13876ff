// ui::paginateStep: a step's words in pages that fit the column, so large text on a small screen is
// read page by page instead of running under the buttons; nothing is left out.
#include "ui/step_layout.hpp"
#include "ui/strings.hpp"
#include "ui/widgets.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

content::Step longStep() {
    content::Step step;
    step.title = "Mở ứng dụng VNeID trên điện thoại của Bác";
    step.text = "Bác tìm biểu tượng VNeID trên màn hình chính, có hình ngôi sao vàng trên nền đỏ. Chạm một "
                "lần vào biểu tượng để mở. Nếu máy hỏi cho phép thông báo thì Bác chạm Cho phép.";
    step.tip = "Không thấy biểu tượng thì Bác vuốt sang trái để tìm ở các trang khác.";
    step.warning = "Không đưa điện thoại cho người lạ cài hộ.";
    step.image = "vneid/x.png";
    return step;
}

// The words of the Title and Text pieces of every page, lines joined by spaces.
std::string wordsOf(const std::vector<ui::StepPage>& pages, ui::StepBlockKind kind) {
    std::string all;
    for (const ui::StepPage& page : pages) {
        for (const ui::StepPiece& piece : page) {
            if (piece.kind != kind) continue;
            for (char c : piece.words)
                all += c == '\n' ? ' ' : c;
            all += ' ';
        }
    }
    if (!all.empty()) all.pop_back();
    return all;
}

struct Column {
    ImFontAtlas atlas;
    ui::Metrics metrics;
    ui::FontSet fonts;
    ui::StepLayout layout;
    float width = 0, height = 0;
    Column(int w, int h, double inches, int level) {
        metrics = ui::computeMetrics(w, h, inches, level);
        fonts = ui::addFonts(atlas, metrics);
        layout = ui::layoutStep(metrics, fonts, ImVec2(float(w), float(h)), 540.0f / 1110.0f);
        width = layout.textMax.x - layout.textMin.x;
        height = layout.textMax.y - layout.textMin.y;
    }
};

} // namespace

TEST_CASE(
    "step pages: at 800x480 on 7 inch with A++ a long step takes several pages, each within the column") {
    Column c(1280, 800, 10.1, 2);
    const content::Step step = longStep();
    const auto pages =
        ui::paginateStep(c.metrics, c.fonts, c.width, c.height, ui::stepBlocks(step, false, "", false), true);
    CHECK(pages.size() > 1);
    for (const ui::StepPage& page : pages) {
        CHECK_FALSE(page.empty());
        CHECK(ui::stepPageHeight(c.metrics, page) <=
              c.height - ui::stepPartLineHeight(c.metrics, c.fonts, c.height));
    }
    // Every word, in order, once: the title's and the text's lines, the tip and the warning whole.
    CHECK(wordsOf(pages, ui::StepBlockKind::Title) == step.title);
    CHECK(wordsOf(pages, ui::StepBlockKind::Text) == step.text);
    CHECK(wordsOf(pages, ui::StepBlockKind::Tip) == std::string("Mẹo: ") + step.tip);
    CHECK(wordsOf(pages, ui::StepBlockKind::Warning) == std::string("Lưu ý: ") + step.warning);
}

TEST_CASE("step pages: at 1280x800 on 10.1 inch with A the same step is one page") {
    Column c(1280, 800, 10.1, 0);
    const auto pages = ui::paginateStep(c.metrics, c.fonts, c.width, c.height,
                                        ui::stepBlocks(longStep(), false, "", false), true);
    CHECK(pages.size() == 1);
    CHECK(ui::stepPageHeight(c.metrics, pages[0]) <= c.height);
}

TEST_CASE("step pages: the no-sound notice takes the tip's place, the practice prompt comes after the text") {
    content::Step step = longStep();
    step.hotspot = content::Hotspot{10, 10, 100, 100};
    step.prompt = "Bác chạm vào biểu tượng VNeID";
    auto kinds = [](const std::vector<ui::StepBlock>& blocks) {
        std::string k;
        for (const ui::StepBlock& b : blocks)
            k += std::to_string(static_cast<int>(b.kind));
        return k;
    };
    using K = ui::StepBlockKind;
    const std::string plain = {char('0' + int(K::Title)), char('0' + int(K::Text)), char('0' + int(K::Tip)),
                               char('0' + int(K::Warning))};
    CHECK(kinds(ui::stepBlocks(step, false, "", false)) == plain);
    const auto practising = ui::stepBlocks(step, true, step.prompt, false);
    REQUIRE(practising.size() == 4);
    CHECK(practising[2].kind == K::Practice);
    CHECK(practising[2].words == step.prompt);
    CHECK(practising[3].kind == K::Warning); // the prompt takes the tip's place
    const auto noSound = ui::stepBlocks(step, false, "", true);
    CHECK(noSound[2].kind == K::Notice);
}

// Issue 17: at 800x480 with A++ and in portrait "Cần người giúp" wrapped into three lines in a button two
// lines tall and ran off the screen. Every slot's every label now fits its button whole, at every screen
// and text size, and the buttons stay targets of 16 mm with 3 mm between them.
TEST_CASE("step pages: every step button holds each of its labels whole, at every screen and text size") {
    const struct {
        int width, height;
        double inches;
    } screens[] = {{800, 480, 7},      {1024, 600, 7},    {1280, 800, 10.1},
                   {1920, 1080, 15.6}, {800, 1280, 10.1}, {720, 1280, 7}};
    const std::vector<const char*> labels[ui::kStepSlots] = {
        {ui::text::kPrevious}, {ui::text::kHome},
        {ui::text::kListen},   {ui::text::kPracticeOn, ui::text::kPracticeOff},
        {ui::text::kNeedHelp}, {ui::text::kNext}};
    for (const auto& s : screens) {
        for (int level = 0; level < 3; ++level) {
            CAPTURE(s.width);
            CAPTURE(s.height);
            CAPTURE(level);
            Column c(s.width, s.height, s.inches, level);
            const ui::Metrics& m = c.metrics;
            ImFont* bold = c.fonts.bodyBold;
            const ui::StepButtons& b = c.layout.buttons;
            const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
            for (int i = 0; i < ui::kStepSlots; ++i) {
                CAPTURE(i);
                const float w = b.max[i].x - b.min[i].x, h = b.max[i].y - b.min[i].y;
                CHECK(w >= m.pxPerMm * 16);
                CHECK(h >= m.pxPerMm * 16);
                CHECK(b.min[i].x >= 0);
                CHECK(b.min[i].y >= 0);
                CHECK(b.max[i].x <= float(s.width));
                CHECK(b.max[i].y <= float(s.height));
                for (const char* label : labels[i]) {
                    CAPTURE(label);
                    bool broke = false;
                    const auto lines = ui::wrapLines(bold, w - 2 * pad, label, &broke);
                    CHECK_FALSE(broke);
                    CHECK(float(lines.size()) * bold->FontSize + 2 * pad <= h);
                }
                for (int j = i + 1; j < ui::kStepSlots; ++j) {
                    const float gapX = std::max(b.min[j].x - b.max[i].x, b.min[i].x - b.max[j].x);
                    const float gapY = std::max(b.min[j].y - b.max[i].y, b.min[i].y - b.max[j].y);
                    CHECK(std::max(gapX, gapY) >= m.pxPerMm * 3);
                }
            }
        }
    }
}

// Issue 17: at 800x480 with A+ and A++ the six buttons took two rows and the header, the caption and the
// picture overlapped above them; at A the phone beside the words was narrower than a fingertip, too small to
// practise on. There the picture has a page of its own: the bar keeps the four buttons every page needs in
// one row, and "Nghe" and "Làm thử" go beside the phone, under its progress line.
TEST_CASE(
    "step pages: on a small landscape screen the picture has its own page with Nghe and Làm thử beside it") {
    for (int level = 0; level < 3; ++level) {
        CAPTURE(level);
        Column c(800, 480, 7, level);
        const ui::StepLayout& l = c.layout;
        CHECK(l.separatePages);
        REQUIRE(l.pictureAside);
        CHECK(l.buttons.rows == 1);
        for (int bar : {0, 1, 4, 5})
            CHECK(l.buttons.min[bar].y == doctest::Approx(l.navTop));
        for (int tool : {2, 3}) {
            CHECK(l.buttons.min[tool].x >= l.asideMin.x);
            CHECK(l.buttons.max[tool].x <= l.asideMax.x);
            CHECK(l.buttons.max[tool].y <= l.asideMax.y);
            CHECK(l.buttons.max[tool].y < l.navTop);
        }
        // The phone from the top down to the bar, wide enough to practise on; the words the whole width.
        CHECK(l.frameMin.y <= l.headerBottom);
        CHECK(l.pictureMax.x - l.pictureMin.x >= c.metrics.targetPx);
        CHECK(l.textMax.x - l.textMin.x > 800 * 0.9f);
        CHECK(c.height >= 3 * c.fonts.body->FontSize); // three lines a page at A++
    }
    // Where there is room, the phone stays beside the words and the six share the bar.
    Column large(1280, 800, 10.1, 0);
    CHECK_FALSE(large.layout.pictureAside);
    CHECK_FALSE(large.layout.separatePages);
    for (int i = 0; i < ui::kStepSlots; ++i)
        CHECK(large.layout.buttons.min[i].y == doctest::Approx(large.layout.navTop));
}

TEST_CASE("step pages: a column of a few lines is filled, the title does not stand alone on a page") {
    Column c(800, 480, 7, 2);
    REQUIRE(c.height < 5 * c.fonts.body->FontSize);
    content::Step step = longStep();
    step.title = "Mở VNeID"; // one line, with room for a line of text under it
    const auto pages =
        ui::paginateStep(c.metrics, c.fonts, c.width, c.height, ui::stepBlocks(step, false, "", false), true);
    REQUIRE(pages.size() > 1);
    CHECK(pages[0].size() > 1);
    CHECK(pages[0].back().kind == ui::StepBlockKind::Text);
}
