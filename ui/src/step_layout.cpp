#include "ui/step_layout.hpp"

#include "ui/qr_code.hpp"
#include "ui/strings.hpp"
#include "ui/widgets.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace ui {

namespace {
// Every label a slot can show: its width must hold the widest.
const std::vector<const char*> kSlotLabels[kStepSlots] = {
    {text::kPrevious}, {text::kHome}, {text::kListen}, {text::kPracticeOn, text::kPracticeOff},
    {text::kNeedHelp}, {text::kNext}};

// The slots in rows when one row cannot hold them: 3 + 3 or 2 + 2 + 2 (2 + 2 for four), the labels in one,
// two or three lines, whichever is lowest with every label whole in its button (a word never split). Within
// a row each slot is as wide as its widest label needs, the room left shared out, so "Cần người giúp" can
// take two lines beside a narrow "Tiếp theo" where equal thirds would need three.
StepButtons stackedStepButtons(const Metrics& m, ImFont* bold, ImVec2 screen, const std::vector<int>& slots) {
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    const float room = screen.x - 2 * m.marginPx;
    const int count = static_cast<int>(slots.size());
    StepButtons best;
    float bestTotal = FLT_MAX;
    for (const int perRow : {(count + 1) / 2, (count + 2) / 3}) {
        const int rows = (count + perRow - 1) / perRow;
        for (int lines = 1; lines <= 3; ++lines) {
            std::vector<float> need(slots.size());
            for (int i = 0; i < count; ++i) {
                need[i] = m.targetPx;
                for (const char* label : kSlotLabels[slots[i]])
                    need[i] = std::max(need[i], narrowestBoxFor(bold, label, lines) + 2 * pad);
            }
            std::vector<float> extra(rows);
            bool fits = true;
            for (int r = 0; r < rows; ++r) {
                const int end = std::min(count, (r + 1) * perRow);
                float used = static_cast<float>(end - r * perRow - 1) * m.gapPx;
                for (int i = r * perRow; i < end; ++i)
                    used += need[i];
                fits = fits && used <= room;
                extra[r] = (room - used) / static_cast<float>(end - r * perRow);
            }
            const float height =
                std::max(m.targetPx, std::ceil(static_cast<float>(lines) * bold->FontSize + 2 * pad));
            const float total = static_cast<float>(rows) * height + static_cast<float>(rows - 1) * m.gapPx;
            if (!fits || total >= bestTotal) continue;
            bestTotal = total;
            best.rows = rows;
            best.height = height;
            best.top = screen.y - m.marginPx - total;
            for (int r = 0; r < rows; ++r) {
                float x = m.marginPx;
                const float y = best.top + static_cast<float>(r) * (height + m.gapPx);
                for (int i = r * perRow; i < std::min(count, (r + 1) * perRow); ++i) {
                    best.min[slots[i]] = ImVec2(x, y);
                    best.max[slots[i]] = ImVec2(x + need[i] + extra[r], y + height);
                    x = best.max[slots[i]].x + m.gapPx;
                }
            }
        }
    }
    if (bestTotal < FLT_MAX) return best;
    // Nothing holds every label whole (not met at the sizes the kiosk supports): equal halves, three lines.
    best.rows = (count + 1) / 2;
    best.height = std::max(m.targetPx, std::ceil(3 * bold->FontSize + 2 * pad));
    best.top = screen.y - m.marginPx - static_cast<float>(best.rows) * (best.height + m.gapPx) + m.gapPx;
    const float w = (room - m.gapPx) / 2;
    for (int i = 0; i < count; ++i) {
        const float x = m.marginPx + static_cast<float>(i % 2) * (w + m.gapPx);
        const float y = best.top + static_cast<float>(i / 2) * (best.height + m.gapPx);
        best.min[slots[i]] = ImVec2(x, y);
        best.max[slots[i]] = ImVec2(x + w, y + best.height);
    }
    return best;
}

// The bottom bar holding these slots (the others are left empty, at 0,0).
StepButtons barButtons(const Metrics& m, ImFont* bold, ImVec2 screen, const std::vector<int>& slots) {
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    const float room = screen.x - 2 * m.marginPx;
    const int count = static_cast<int>(slots.size());
    std::vector<float> need(slots.size());
    float total = 0, gap = m.gapPx;
    int lines = 1;
    const float minGap = std::min(m.gapPx, std::ceil(m.pxPerMm * 3.2f));
    // Two lines a label if one row allows (the gaps down to just over the 3 mm older fingers need if it
    // must), else three (large text on a small screen), before a second row takes height from the picture.
    const struct {
        int lines;
        float gap;
    } tries[] = {{2, m.gapPx}, {2, minGap}, {3, m.gapPx}, {3, minGap}};
    // A tall (portrait) screen has the height for a second row sooner than words in three lines.
    const bool portrait = screen.y > screen.x;
    for (const auto& attempt : tries) {
        if (portrait && attempt.lines > 2) {
            total = room + 1;
            break;
        }
        gap = attempt.gap;
        lines = attempt.lines;
        total = gap * static_cast<float>(count - 1);
        for (int i = 0; i < count; ++i) {
            need[i] = m.targetPx;
            for (const char* label : kSlotLabels[slots[i]])
                need[i] = std::max(need[i], narrowestBoxFor(bold, label, attempt.lines) + 2 * pad);
            total += need[i];
        }
        if (total <= room) break;
    }
    if (total > room) return stackedStepButtons(m, bold, screen, slots);
    StepButtons b;
    // As tall as the label's lines need with the button's padding, and never under a target's side.
    b.height = std::max(m.targetPx, std::ceil(static_cast<float>(lines) * bold->FontSize + 2 * pad));
    b.top = screen.y - m.marginPx - b.height;
    // Each slot as wide as its words need, the room left shared out evenly.
    const float extra = (room - total) / static_cast<float>(count);
    float x = m.marginPx;
    for (int i = 0; i < count; ++i) {
        b.min[slots[i]] = ImVec2(x, b.top);
        b.max[slots[i]] = ImVec2(x + need[i] + extra, b.top + b.height);
        x = b.max[slots[i]].x + gap;
    }
    return b;
}

StepButtons layoutStepButtons(const Metrics& m, ImFont* bold, ImVec2 screen) {
    return barButtons(m, bold, screen, {0, 1, 2, 3, 4, 5});
}
} // namespace

namespace {
StepLayout layoutStepWith(const Metrics& m, const FontSet& fonts, ImVec2 screen, float pictureAspect,
                          bool headerTwoLines) {
    StepLayout l;
    l.headerTwoLines = headerTwoLines;
    l.headerBottom = m.marginPx + fonts.bodyBold->FontSize * (l.headerTwoLines ? 2.2f : 1.2f) + m.gapPx;
    const StepButtons buttons = layoutStepButtons(m, fonts.bodyBold, screen);
    l.buttons = buttons;
    l.navTop = buttons.top;
    // Rows of buttons past the first (large text on a narrow screen) take their height from the picture,
    // not from the words.
    const float secondRow = (screen.y - m.marginPx - buttons.height) - l.navTop;
    float bezel = m.pxPerMm * 2.5f;
    // Under the phone: "Màn hình cập nhật tháng MM/YYYY" (compared with the real app) or "Hình minh họa …".
    float caption = fonts.body->FontSize;
    float areaTop = l.headerBottom, areaBottom = l.navTop - m.gapPx;
    float left = std::max(m.marginPx, m.cornerPx);
    bool landscape = screen.x >= screen.y;
    if (landscape) {
        float pictureH = areaBottom - caption - areaTop - 2 * bezel;
        float pictureW = pictureH * pictureAspect;
        l.frameMin = ImVec2(left, areaTop);
        l.frameMax = ImVec2(left + pictureW + 2 * bezel, areaBottom - caption);
        l.textMin = ImVec2(l.frameMax.x + m.gapPx * 2, areaTop);
        l.textMax = ImVec2(screen.x - m.marginPx, areaBottom);
    } else {
        // Never under 45 % of what the buttons leave, so the words keep room under a lower phone too
        // when the buttons take three rows.
        float frameH =
            std::max((areaBottom + secondRow - areaTop) * 0.55f - secondRow, (areaBottom - areaTop) * 0.45f);
        float pictureW = (frameH - 2 * bezel) * pictureAspect;
        float frameW = pictureW + 2 * bezel;
        l.frameMin = ImVec2((screen.x - frameW) / 2, areaTop);
        l.frameMax = ImVec2(l.frameMin.x + frameW, areaTop + frameH);
        l.textMin = ImVec2(m.marginPx, l.frameMax.y + caption + m.gapPx);
        l.textMax = ImVec2(screen.x - m.marginPx, areaBottom);
        if (l.textMax.y - l.textMin.y < 3 * fonts.body->FontSize) {
            // Too little under the phone: the words get the whole space on their pages, the phone on its own.
            l.separatePages = true;
            frameH = areaBottom - caption - areaTop;
            frameW = (frameH - 2 * bezel) * pictureAspect + 2 * bezel;
            l.frameMin = ImVec2(std::round((screen.x - frameW) / 2), areaTop);
            l.frameMax = ImVec2(l.frameMin.x + frameW, areaTop + frameH);
            l.textMin = ImVec2(m.marginPx, areaTop);
        }
    }
    l.pictureMin = ImVec2(l.frameMin.x + bezel, l.frameMin.y + bezel);
    l.pictureMax = ImVec2(l.frameMax.x - bezel, l.frameMax.y - bezel);
    return l;
}

// Landscape, large text on a small screen: words and picture on pages of their own. The words' pages have
// the whole width; the picture's page has no header row, so the phone takes the height down to the bar and
// beside it go the progress, the caption and "Nghe" / "Làm thử", which leaves the bar the four buttons every
// page needs, in one row.
// Nothing where "Nghe" and "Làm thử" do not fit beside the phone.
std::optional<StepLayout> pictureAsideLayout(const Metrics& m, const FontSet& fonts, ImVec2 screen,
                                             float pictureAspect) {
    StepLayout l;
    l.separatePages = true;
    l.pictureAside = true;
    ImFont* bold = fonts.bodyBold;
    const float left = std::max(m.marginPx, m.cornerPx);
    // Every line counts here: the words start half a gap under the header. A narrow (portrait) screen has
    // no room for the title beside "Bước 3/8 · phần 1/2": the header is that alone, on every page.
    l.progressOnlyHeader = screen.y > screen.x;
    const std::string longestProgress = fmt::format(fmt::runtime(text::kStepOf), 88, 88) +
                                        fmt::format(fmt::runtime(text::kStepPartInHeader), 8, 8);
    const float headerH = l.progressOnlyHeader
                              ? wrappedTextHeight(bold, screen.x - left - m.marginPx, longestProgress)
                              : bold->FontSize;
    l.headerBottom = m.marginPx + headerH + m.gapPx / 2;
    l.buttons = barButtons(m, bold, screen, {0, 1, 4, 5});
    l.navTop = l.buttons.top;
    const float bottom = l.navTop - m.gapPx;
    l.textMin = ImVec2(m.marginPx, l.headerBottom);
    l.textMax = ImVec2(screen.x - m.marginPx, bottom);
    // The picture's page: the phone at the left, from the top (under the header if it stays) down to the bar.
    const float top = l.progressOnlyHeader ? l.headerBottom : m.marginPx;
    const float bezel = m.pxPerMm * 2.5f;
    const float pad = m.pxPerMm * 2.5f; // bigButton's, each side
    auto needFor = [&](int slot, int lines) {
        float need = m.targetPx;
        for (const char* label : kSlotLabels[slot])
            need = std::max(need, narrowestBoxFor(bold, label, lines) + 2 * pad);
        return need;
    };
    auto heightFor = [&](int lines) {
        return std::max(m.targetPx, std::ceil(static_cast<float>(lines) * bold->FontSize + 2 * pad));
    };
    // The phone (at most frameW wide) and the aside right of it; "Nghe" and "Làm thử" at the aside's foot:
    // side by side if their labels fit whole in one or two lines, else one above the other, each in the
    // fewest lines the aside's width allows.
    auto place = [&](float frameLeft, float frameW) {
        const float frameH = std::min(bottom - top, (frameW - 2 * bezel) / pictureAspect + 2 * bezel);
        l.frameMin = ImVec2(frameLeft, top);
        l.frameMax =
            ImVec2(std::round(frameLeft + (frameH - 2 * bezel) * pictureAspect + 2 * bezel), top + frameH);
        l.pictureMin = ImVec2(l.frameMin.x + bezel, l.frameMin.y + bezel);
        l.pictureMax = ImVec2(l.frameMax.x - bezel, l.frameMax.y - bezel);
        l.asideMin = ImVec2(l.frameMax.x + 2 * m.gapPx, top);
        l.asideMax = ImVec2(screen.x - m.marginPx, bottom);
        const float asideW = l.asideMax.x - l.asideMin.x, asideH = l.asideMax.y - l.asideMin.y;
        for (int lines = 1; lines <= 2; ++lines) {
            const float need[2] = {needFor(2, lines), needFor(3, lines)};
            if (need[0] + m.gapPx + need[1] > asideW || heightFor(lines) > asideH) continue;
            const float y = l.asideMax.y - heightFor(lines);
            l.buttons.min[2] = ImVec2(l.asideMin.x, y);
            l.buttons.max[2] = ImVec2(l.asideMin.x + need[0], l.asideMax.y);
            l.buttons.min[3] = ImVec2(l.buttons.max[2].x + m.gapPx, y);
            l.buttons.max[3] = ImVec2(l.buttons.min[3].x + need[1], l.asideMax.y);
            return true;
        }
        float height[2] = {0, 0};
        for (int i = 0; i < 2; ++i) {
            for (int lines = 1; lines <= 3 && height[i] == 0; ++lines) {
                if (needFor(2 + i, lines) <= asideW) height[i] = heightFor(lines);
            }
        }
        if (height[0] == 0 || height[1] == 0 || height[0] + m.gapPx + height[1] > asideH) return false;
        l.buttons.min[3] = ImVec2(l.asideMin.x, l.asideMax.y - height[1]);
        l.buttons.max[3] = l.asideMax;
        l.buttons.min[2] = ImVec2(l.asideMin.x, l.buttons.min[3].y - m.gapPx - height[0]);
        l.buttons.max[2] = ImVec2(l.asideMax.x, l.buttons.min[3].y - m.gapPx);
        return true;
    };
    if (place(left, FLT_MAX)) return l;
    // A tall phone leaves the aside too narrow for the two (a narrow portrait screen at large text): the
    // phone narrower, so the aside takes "Làm thử" in two lines. It starts at the margin where it is below
    // the hidden staff corner.
    const float narrowLeft = top >= m.cornerPx ? m.marginPx : left;
    const float asideNeed = std::max(needFor(2, 2), needFor(3, 2));
    const float frameW = screen.x - m.marginPx - asideNeed - 2 * m.gapPx - narrowLeft;
    if (frameW - 2 * bezel >= m.targetPx && place(narrowLeft, frameW)) return l;
    return std::nullopt;
}
} // namespace

StepLayout layoutStep(const Metrics& m, const FontSet& fonts, ImVec2 screen, float pictureAspect) {
    const StepLayout oneLine = layoutStepWith(m, fonts, screen, pictureAspect, false);
    if (screen.y <= screen.x) {
        // The six buttons in more than one row, or a phone narrower than a fingertip's target beside the
        // words (too small to practise on): the picture gets a page of its own.
        const bool crowded =
            oneLine.buttons.rows > 1 || oneLine.pictureMax.x - oneLine.pictureMin.x < m.targetPx;
        const std::optional<StepLayout> aside =
            crowded ? pictureAsideLayout(m, fonts, screen, pictureAspect) : std::nullopt;
        return aside ? *aside : oneLine;
    }
    // On a narrow (portrait) screen with large text "Bước 3/8 · phần 1/2" leaves the title too little room
    // beside it: it goes on a line of its own under the title, while the words keep two lines or more.
    const std::string longestProgress = fmt::format(fmt::runtime(text::kStepOf), 88, 88) +
                                        fmt::format(fmt::runtime(text::kStepPartInHeader), 8, 8);
    const float progressW =
        fonts.bodyBold->CalcTextSizeA(fonts.bodyBold->FontSize, FLT_MAX, 0, longestProgress.c_str()).x;
    const float headerW = screen.x - m.marginPx - std::max(m.marginPx, m.cornerPx);
    if (headerW - progressW - m.gapPx >= headerW * 0.4f) return oneLine;
    const StepLayout twoLines = layoutStepWith(m, fonts, screen, pictureAspect, true);
    // Words and picture on pages of their own anyway: the layout that gives each page the most.
    if (twoLines.separatePages) {
        if (const std::optional<StepLayout> aside = pictureAsideLayout(m, fonts, screen, pictureAspect))
            return *aside;
    }
    return twoLines.textMax.y - twoLines.textMin.y >= 2 * fonts.body->FontSize ? twoLines : oneLine;
}

float stepQrSize(const Metrics& m, float columnWidth) {
    return std::min(columnWidth * 0.5f, m.targetPx * 1.8f);
}

std::vector<StepBlock> stepBlocks(const content::Step& step, bool practice, std::string_view practiceLine,
                                  bool narrationFailed) {
    std::vector<StepBlock> blocks{{StepBlockKind::Title, step.title}, {StepBlockKind::Text, step.text}};
    const bool practising = practice && step.hotspot;
    if (practising) blocks.push_back({StepBlockKind::Practice, std::string(practiceLine)});
    // The no-sound notice only on the step whose "Nghe" failed, in the tip's place; in practice mode the
    // prompt takes the tip's place, so the words stay short enough to read.
    if (narrationFailed) {
        blocks.push_back({StepBlockKind::Notice, text::kNoSound});
    } else if (!step.tip.empty() && !practising) {
        blocks.push_back({StepBlockKind::Tip, text::kTipPrefix + step.tip});
    }
    if (!step.warning.empty())
        blocks.push_back({StepBlockKind::Warning, text::kWarningPrefix + step.warning});
    if (!step.link.empty()) blocks.push_back({StepBlockKind::Qr, step.link});
    return blocks;
}

float stepBoxPadding(const Metrics& m) {
    return m.pxPerMm * 2;
}

float stepPartLineHeight(const Metrics& m, const FontSet& fonts, float columnHeight) {
    if (columnHeight < 4 * fonts.body->FontSize) return 0;
    return fonts.bodyBold->FontSize + m.gapPx;
}

float stepPageHeight(const Metrics& m, const StepPage& page) {
    float sum = 0;
    for (const StepPiece& piece : page)
        sum += piece.height;
    return sum + m.gapPx * static_cast<float>(page.empty() ? 0 : page.size() - 1);
}

namespace {
std::vector<StepPage> fillPages(const Metrics& m, const FontSet& fonts, float width, float height,
                                const std::vector<StepBlock>& blocks) {
    std::vector<StepPage> pages(1);
    float used = 0;
    auto newPage = [&] {
        pages.emplace_back();
        used = 0;
    };
    auto gapBefore = [&] { return pages.back().empty() ? 0.0f : m.gapPx; };
    const float pad = stepBoxPadding(m);
    std::deque<StepBlock> pending(blocks.begin(), blocks.end());
    while (!pending.empty()) {
        const StepBlock block = std::move(pending.front());
        pending.pop_front();
        if (block.kind == StepBlockKind::Qr) {
            // A smaller square (never under a touch target's side) when a page cannot hold the largest.
            std::string caption = text::kQrHowTo;
            float side = stepQrSize(m, width);
            auto layoutAt = [&](float s) {
                return layoutQrCaption(m, fonts.body, ImVec2(0, 0), s, width, caption);
            };
            while (side > m.targetPx && layoutAt(side).height > height)
                side = std::max(m.targetPx, side - m.pxPerMm);
            QrCaptionLayout l = layoutAt(side);
            std::string rest;
            if (l.height > height) {
                // Still too tall: the sentence's first lines beside the square, the rest read on the next
                // page.
                const std::vector<std::string_view> lines = wrapLines(fonts.body, l.captionWidth, caption);
                const float room = l.beside ? std::max(side, height) : height - side - m.gapPx / 2;
                const auto keep =
                    std::clamp<size_t>(static_cast<size_t>(room / fonts.body->FontSize), 1, lines.size());
                std::string first;
                for (size_t i = 0; i < lines.size(); ++i)
                    (i < keep ? first : rest) += std::string(lines[i]) + ' ';
                caption = first.substr(0, first.size() - 1);
                if (!rest.empty()) rest.pop_back();
                l = layoutAt(side);
            }
            if (!pages.back().empty() && used + gapBefore() + l.height > height) newPage();
            used += gapBefore() + l.height;
            pages.back().push_back({block.kind, block.words, l.height, side, caption});
            if (!rest.empty()) pending.push_front({StepBlockKind::Text, rest});
            continue;
        }
        // Title and text split between lines; a box (practice, tip, warning) too, each part in its own box.
        const bool boxed = block.kind != StepBlockKind::Title && block.kind != StepBlockKind::Text;
        ImFont* font = block.kind == StepBlockKind::Title || block.kind == StepBlockKind::Practice
                           ? fonts.bodyBold
                           : fonts.body;
        const float inset = boxed ? 2 * pad : 0;
        std::vector<std::string_view> lines = wrapLines(font, width - inset, block.words);
        if (block.kind == StepBlockKind::Practice) {
            // The prompt and the cheer take turns in one place: room for the taller.
            const size_t cheer = wrapLines(font, width - inset, text::kPracticeRight).size();
            while (lines.size() < cheer)
                lines.emplace_back();
        }
        size_t next = 0;
        while (next < lines.size()) {
            const float room = height - used - gapBefore() - inset;
            auto fit = static_cast<size_t>(std::max(0.0f, std::floor(room / font->FontSize)));
            // Not a lone line of a box or paragraph at a page's foot when more follow: it moves on whole.
            // A page of four lines or fewer is filled instead, or it would show a title and nothing else.
            const bool roomyPage = height >= 5 * font->FontSize;
            if (!pages.back().empty() && (fit == 0 || (roomyPage && fit == 1 && lines.size() - next > 2))) {
                newPage();
                continue;
            }
            fit = std::clamp<size_t>(fit, 1, lines.size() - next); // a page holds at least a line
            StepPiece piece{block.kind, {}, static_cast<float>(fit) * font->FontSize + inset, 0, {}};
            for (size_t i = next; i < next + fit; ++i) {
                if (i > next) piece.words += '\n';
                piece.words += lines[i];
            }
            while (!piece.words.empty() && piece.words.back() == '\n') // the cheer's room, not words
                piece.words.pop_back();
            used += gapBefore() + piece.height;
            pages.back().push_back(std::move(piece));
            next += fit;
            if (next < lines.size()) newPage();
        }
    }
    return pages;
}
} // namespace

std::vector<StepPage> paginateStep(const Metrics& m, const FontSet& fonts, float width, float height,
                                   const std::vector<StepBlock>& blocks, bool partInColumn) {
    std::vector<StepPage> pages = fillPages(m, fonts, width, height, blocks);
    if (pages.size() > 1 && partInColumn)
        pages = fillPages(m, fonts, width, height - stepPartLineHeight(m, fonts, height), blocks);
    return pages;
}

content::TextFitCheck makeTextFitCheck(int width, int height, double diagonalInches, int textLevel) {
    // Its own font atlas, so the check needs no window and no ImGui context.
    auto atlas = std::make_shared<ImFontAtlas>();
    Metrics metrics = computeMetrics(width, height, diagonalInches, textLevel);
    FontSet fonts = addFonts(*atlas, metrics);
    ImVec2 screen(static_cast<float>(width), static_cast<float>(height));
    return [atlas, metrics, fonts, screen,
            textLevel](const content::Guide&, const content::Step& step) -> std::optional<std::string> {
        float aspect = step.imageHeight > 0
                           ? static_cast<float>(step.imageWidth) / static_cast<float>(step.imageHeight)
                           : 540.0f / 1110.0f;
        StepLayout layout = layoutStep(metrics, fonts, screen, aspect);
        float columnW = layout.textMax.x - layout.textMin.x;
        float columnH = layout.textMax.y - layout.textMin.y;
        // A column of under two lines is the step screen's own problem at this size (unit_ui lists it as
        // a known layout failure), not the guide's: no guide is left out for it.
        if (columnH < 2 * fonts.body->FontSize) return std::nullopt;
        // Words are read page by page; what cannot be is a QR code (or a single line) taller than a page.
        float needed = 0, room = columnH;
        for (bool practice : {false, true}) {
            const std::vector<StepPage> pages =
                paginateStep(metrics, fonts, columnW, columnH, stepBlocks(step, practice, step.prompt, false),
                             !layout.separatePages);
            const float pageRoom = pages.size() > 1 && !layout.separatePages
                                       ? columnH - stepPartLineHeight(metrics, fonts, columnH)
                                       : columnH;
            for (const StepPage& page : pages) {
                if (stepPageHeight(metrics, page) - pageRoom > needed - room) {
                    needed = stepPageHeight(metrics, page);
                    room = pageRoom;
                }
            }
        }
        if (needed <= room) return std::nullopt;
        return fmt::format("the step's QR code and its sentence do not fit a {}x{} screen at text size {} "
                           "(need {:.0f} px, have {:.0f} px)",
                           static_cast<int>(screen.x), static_cast<int>(screen.y), textLevel + 1, needed,
                           room);
    };
}

PictureZoom zoomPicture(const Metrics& m, ImVec2 area, ImVec2 picture) {
    PictureZoom z;
    const float readable =
        kZoomCapMm * m.pxPerMm / (kCapPerEm * static_cast<float>(content::kSmallestPictureTextPx));
    const float whole = std::min(area.x / picture.x, area.y / picture.y);
    z.scale = std::max(readable, whole);
    z.scaled = ImVec2(std::round(picture.x * z.scale), std::round(picture.y * z.scale));
    z.view = ImVec2(std::min(z.scaled.x, std::floor(area.x)), std::min(z.scaled.y, std::floor(area.y)));
    z.columns = std::max(1, static_cast<int>(std::ceil(z.scaled.x / z.view.x - 0.01f)));
    z.rows = std::max(1, static_cast<int>(std::ceil(z.scaled.y / z.view.y - 0.01f)));
    return z;
}

ImVec2 PictureZoom::offset(int part) const {
    part = std::clamp(part, 0, parts() - 1);
    const int column = part % columns, row = part / columns;
    auto along = [](int index, int count, float whole, float shown) {
        return count > 1
                   ? std::round(static_cast<float>(index) * (whole - shown) / static_cast<float>(count - 1))
                   : 0.0f;
    };
    return ImVec2(along(column, columns, scaled.x, view.x), along(row, rows, scaled.y, view.y));
}

} // namespace ui
