// One step of a guide: the phone picture in a phone frame, the words beside it, and practice mode
// ("Làm thử"), where the resident taps the picture where they would tap their own phone.
#include "ui/qr_code.hpp"
#include "ui/screens.hpp"
#include "ui/shapes.hpp"
#include "ui/step_layout.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ui {

namespace {
const Rgb kFrame{0x22, 0x22, 0x22};
const Rgb kHint{0xFF, 0xC2, 0x00};  // amber: where to tap
const Rgb kRight{0x1B, 0x7F, 0x3B}; // green: the right spot, found
const ColourPair kTipBox{{0xE8, 0xF1, 0xFB}, {0x1A, 0x1A, 0x1A}};
const ColourPair kWarningBox{{0xFF, 0xF1, 0xC7}, {0x1A, 0x1A, 0x1A}};
const ColourPair kPracticeBox{{0xE3, 0xF4, 0xE8}, {0x1A, 0x1A, 0x1A}};

// The hotspot (picture pixels) on screen.
ImRect hotspotOnScreen(const content::Hotspot& h, const StepLayout& l, int pictureW, int pictureH) {
    float sx = (l.pictureMax.x - l.pictureMin.x) / static_cast<float>(pictureW);
    float sy = (l.pictureMax.y - l.pictureMin.y) / static_cast<float>(pictureH);
    return ImRect(l.pictureMin.x + static_cast<float>(h.x) * sx,
                  l.pictureMin.y + static_cast<float>(h.y) * sy,
                  l.pictureMin.x + static_cast<float>(h.x + h.width) * sx,
                  l.pictureMin.y + static_cast<float>(h.y + h.height) * sy);
}

// A point of the picture far from the hotspot, for scenarios that tap the wrong place.
ImVec2 farFrom(const ImRect& spot, const StepLayout& l) {
    float inset = (l.pictureMax.x - l.pictureMin.x) * 0.08f;
    ImVec2 c = spot.GetCenter();
    float x = c.x < (l.pictureMin.x + l.pictureMax.x) / 2 ? l.pictureMax.x - inset : l.pictureMin.x + inset;
    float y = c.y < (l.pictureMin.y + l.pictureMax.y) / 2 ? l.pictureMax.y - inset : l.pictureMin.y + inset;
    return ImVec2(x, y);
}

// A tip, warning or practice box of the given height (paginateStep's, which leaves room for the cheer).
void drawBox(ImDrawList* draw, ImFont* font, const Metrics& m, ImVec2 pos, float width, float h,
             const std::string& words, ColourPair colours) {
    float pad = stepBoxPadding(m);
    fillRoundedRect(draw, pos, ImVec2(pos.x + width, pos.y + h), toImColor(colours.background),
                    m.pxPerMm * 1.5f);
    draw->AddText(font, font->FontSize, ImVec2(pos.x + pad, pos.y + pad), toImColor(colours.text),
                  words.c_str(), nullptr, width - 2 * pad);
}

// One line only: a long title is cut with "…" rather than pushing the picture down.
std::string fitOneLine(ImFont* font, std::string text, float width) {
    auto widthOf = [&](const std::string& s) {
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.c_str()).x;
    };
    if (widthOf(text) <= width) return text;
    while (!text.empty() && widthOf(text + "…") > width) {
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80)
            text.pop_back();
        if (!text.empty()) text.pop_back(); // the first byte of the last UTF-8 character
    }
    return text + "…";
}

// part: ", phần 1/2" when the step's words take pages and the column has no room for "Phần 1/2".
// twoLines: the progress on a line of its own under the title (a narrow screen at large text).
void drawHeaderLine(const ScreenContext& ctx, const content::Guide& guide, int step, const std::string& part,
                    bool twoLines) {
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImU32 ink = toImColor(ctx.theme.palette().page.text);
    ImFont* bold = ctx.theme.bodyBold();
    float screenW = ImGui::GetMainViewport()->Size.x;
    int count = static_cast<int>(guide.steps.size());
    std::string progress = fmt::format(fmt::runtime(text::kStepOf), step + 1, count) + part;
    float progressW = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, progress.c_str()).x;
    // Progress dots: done ones filled, the rest hollow; only when there is room for them.
    float dot = bold->FontSize * 0.22f, pitch = dot * 3.2f;
    float dotsW = static_cast<float>(count) * pitch;
    float right = screenW - m.marginPx;
    float x = std::max(m.marginPx, m.cornerPx);
    // The progress line: the title's own, or the one under it.
    const float progressTop = twoLines ? m.marginPx + bold->FontSize * 1.1f : m.marginPx;
    float centreY = progressTop + bold->FontSize * 0.6f;
    float titleRoom =
        twoLines ? right - progressW - dotsW - m.gapPx - x : right - progressW - dotsW - m.gapPx * 2 - x;
    bool showDots = twoLines ? titleRoom >= 0 : titleRoom > screenW * 0.3f;
    if (showDots) {
        for (int i = 0; i < count; ++i) {
            ImVec2 c(right - dotsW + static_cast<float>(i) * pitch + dot, centreY);
            // Round boxes on whole pixels (ui/shapes.hpp): ImGui's circles come out ragged on SDL's software
            // renderer.
            const ImVec2 min(c.x - dot, c.y - dot), max(c.x + dot, c.y + dot);
            if (i <= step)
                fillRoundedRect(draw, min, max, ink, dot);
            else
                strokeRoundedRect(draw, min, max, ink, dot, 2.0f);
        }
        if (!twoLines) right -= dotsW + m.gapPx;
    }
    if (twoLines) {
        draw->AddText(bold, bold->FontSize, ImVec2(x, progressTop), ink, progress.c_str());
        std::string title = fitOneLine(bold, guide.title, screenW - m.marginPx - x);
        draw->AddText(bold, bold->FontSize, ImVec2(x, m.marginPx), ink, title.c_str());
        return;
    }
    draw->AddText(bold, bold->FontSize, ImVec2(right - progressW, m.marginPx), ink, progress.c_str());
    std::string title = fitOneLine(bold, guide.title, right - progressW - m.gapPx - x);
    draw->AddText(bold, bold->FontSize, ImVec2(x, m.marginPx), ink, title.c_str());
}
// The picture's own page on a small screen at large text (StepLayout::pictureAside): beside the phone the
// progress (unless the header shows it), then what matters now (the practice line, the no-sound notice, else
// the caption), as much as fits above "Nghe" and "Làm thử".
void drawPictureAside(const ScreenContext& ctx, const FontSet& fonts, const StepLayout& l,
                      const std::string& progress, const std::optional<StepBlock>& message,
                      const std::string& caption) {
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    const float width = l.asideMax.x - l.asideMin.x;
    const float bottom = std::min(l.buttons.min[2].y, l.buttons.min[3].y) - m.gapPx;
    const float pad = stepBoxPadding(m);
    ImFont* boxFont = message && message->kind == StepBlockKind::Practice ? fonts.bodyBold : fonts.body;
    const float boxH = message ? wrappedTextHeight(boxFont, width - 2 * pad, message->words) + 2 * pad : 0;
    const float progressH = wrappedTextHeight(fonts.bodyBold, width, progress);
    float y = l.asideMin.y;
    // The practice line before the progress when both do not fit: it answers the resident's tap.
    if (!l.progressOnlyHeader && y + progressH <= bottom &&
        (!message || y + progressH + m.gapPx + boxH <= bottom)) {
        draw->AddText(fonts.bodyBold, fonts.bodyBold->FontSize, ImVec2(l.asideMin.x, y), ink,
                      progress.c_str(), nullptr, width);
        y += progressH + m.gapPx;
    }
    if (message && y + boxH <= bottom) {
        drawBox(draw, boxFont, m, ImVec2(l.asideMin.x, y), width, boxH, message->words,
                message->kind == StepBlockKind::Practice ? kPracticeBox : kWarningBox);
        return;
    }
    for (const std::string& words : {caption, std::string(text::kIllustrationShort)}) {
        if (y + wrappedTextHeight(fonts.body, width, words) > bottom) continue;
        draw->AddText(fonts.body, fonts.body->FontSize, ImVec2(l.asideMin.x, y), ink, words.c_str(), nullptr,
                      width);
        return;
    }
}

// The bottom row's buttons in their fixed slots; an empty slot stays empty.
void drawStepButtons(const ScreenContext& ctx, const StepButtons& places,
                     const std::optional<RowButton> (&slots)[kStepSlots], Intents& intents) {
    for (int i = 0; i < kStepSlots; ++i) {
        if (!slots[i]) continue;
        ImGui::SetCursorScreenPos(places.min[i]);
        const ImVec2 size(places.max[i].x - places.min[i].x, places.max[i].y - places.min[i].y);
        if (bigButton(ctx.targets, ctx.theme, slots[i]->id, {slots[i]->label}, size, slots[i]->colours)) {
            intents.push_back(slots[i]->intent);
        }
    }
}

// A magnifying glass in the picture's lower right corner: tapping the picture shows it enlarged.
void drawZoomBadge(ImDrawList* draw, const Metrics& m, ImVec2 pictureMax) {
    const float r = m.pxPerMm * 4.5f, inset = m.pxPerMm * 1.5f;
    const ImVec2 c(pictureMax.x - inset - r, pictureMax.y - inset - r);
    const ImU32 ink = toImColor(kFrame);
    fillRoundedRect(draw, ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), IM_COL32(255, 255, 255, 255),
                    r);
    strokeRoundedRect(draw, ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), ink, r, 2.0f);
    const float lens = r * 0.42f, stroke = std::max(2.0f, m.pxPerMm * 0.6f);
    const ImVec2 lensCentre(c.x - r * 0.12f, c.y - r * 0.12f);
    strokeRoundedRect(draw, ImVec2(lensCentre.x - lens, lensCentre.y - lens),
                      ImVec2(lensCentre.x + lens, lensCentre.y + lens), ink, lens, stroke);
    // The handle as squares on whole pixels down the diagonal: a slanted line is smoothed differently by
    // each renderer (tests/e2e/render_paths.sh compares them).
    const float side = std::round(stroke * 1.4f);
    for (int i = 0; i < 3; ++i) {
        const float at = std::round(lensCentre.x + lens * 0.7f + static_cast<float>(i) * side * 0.6f);
        const float down = std::round(lensCentre.y + lens * 0.7f + static_cast<float>(i) * side * 0.6f);
        draw->AddRectFilled(ImVec2(at, down), ImVec2(at + side, down + side), ink);
    }
}

// The step's picture enlarged so its words can be read, a part at a time, with the way back to the step.
void drawZoomedPicture(const ScreenContext& ctx, const content::Step& step,
                       const std::filesystem::path& pictureFile, ImVec2 pictureSize, int part,
                       Intents& intents) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* bold = ctx.theme.bodyBold();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    // The step's own button slots (ui/step_layout.hpp), so "Quay lại" and "Trang đầu" stay under the finger.
    const FontSet fonts{ctx.theme.body(), bold, ctx.theme.title()};
    const StepButtons places = layoutStep(m, fonts, screen, pictureSize.x / pictureSize.y).buttons;
    const float headingW = screen.x - 2 * m.marginPx;
    const float bezel = m.pxPerMm * 1.5f;
    // Room for the heading's longest form: the number of parts depends on the room left below it.
    const std::string longestHeading = fmt::format(fmt::runtime(text::kZoomPart), 9, 9);
    const float top = m.marginPx + wrappedTextHeight(bold, headingW, longestHeading) + m.gapPx;
    const float bottom = places.top - m.gapPx;
    const ImVec2 area(screen.x - 2 * m.marginPx - 2 * bezel, bottom - top - 2 * bezel);
    const PictureZoom zoom = zoomPicture(m, area, pictureSize);
    part = std::clamp(part, 0, zoom.parts() - 1);
    const std::string shown = zoom.parts() > 1
                                  ? fmt::format(fmt::runtime(text::kZoomPart), part + 1, zoom.parts())
                                  : std::string(text::kZoomTitle);
    draw->AddText(bold, bold->FontSize, ImVec2(m.marginPx, m.marginPx), ink, shown.c_str(), nullptr,
                  headingW);

    const ImVec2 viewMin(std::round((screen.x - zoom.view.x) / 2),
                         std::round(top + bezel + (area.y - zoom.view.y) / 2));
    const ImVec2 viewMax(viewMin.x + zoom.view.x, viewMin.y + zoom.view.y);
    fillRoundedRect(draw, ImVec2(viewMin.x - bezel, viewMin.y - bezel),
                    ImVec2(viewMax.x + bezel, viewMax.y + bezel), toImColor(kFrame), bezel);
    const ImVec2 offset = zoom.offset(part);
    if (SDL_Texture* texture = ctx.pictures.texture(pictureFile, static_cast<int>(zoom.scaled.x),
                                                    static_cast<int>(zoom.scaled.y))) {
        draw->AddImage(
            reinterpret_cast<ImTextureID>(texture), viewMin, viewMax,
            ImVec2(offset.x / zoom.scaled.x, offset.y / zoom.scaled.y),
            ImVec2((offset.x + zoom.view.x) / zoom.scaled.x, (offset.y + zoom.view.y) / zoom.scaled.y));
    } else {
        draw->AddRectFilled(viewMin, viewMax, IM_COL32(255, 255, 255, 255));
    }
    if (step.hotspot) { // "tap here", as on the step (never while practising: there is no zoom then)
        const content::Hotspot& h = *step.hotspot;
        const ImVec2 min(viewMin.x + static_cast<float>(h.x) * zoom.scale - offset.x,
                         viewMin.y + static_cast<float>(h.y) * zoom.scale - offset.y);
        const ImVec2 max(min.x + static_cast<float>(h.width) * zoom.scale,
                         min.y + static_cast<float>(h.height) * zoom.scale);
        draw->PushClipRect(viewMin, viewMax, true);
        strokeRoundedRect(draw, min, max, toImColor(kHint), m.pxPerMm, std::max(3.0f, m.pxPerMm));
        draw->PopClipRect();
    }

    const std::optional<RowButton> slots[kStepSlots] = {
        RowButton{"step.back", text::kPrevious, kiosk::intent::PreviousStep{},
                  ctx.theme.palette().plainButton},
        RowButton{"nav.home", text::kHome, kiosk::intent::GoHome{}, ctx.theme.palette().plainButton},
        std::nullopt,
        std::nullopt,
        std::nullopt,
        zoom.parts() > 1 ? std::optional(RowButton{"zoom.more", text::kZoomMore,
                                                   kiosk::intent::ZoomPicture{(part + 1) % zoom.parts()},
                                                   ctx.theme.palette().primaryButton})
                         : std::nullopt,
    };
    drawStepButtons(ctx, places, slots, intents);
}
// The phone with the step's picture: the "tap here" ring and the zoom badge, or in practice mode the
// whole picture as the target.
void drawStepPicture(const ScreenContext& ctx, const content::Step& step,
                     const std::filesystem::path& pictureFile, int pictureW, int pictureH,
                     const StepLayout& l, bool hinting, Intents& intents) {
    const kiosk::GuideProgress& progress = ctx.app.state().guide;
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // The phone.
    fillRoundedRect(draw, l.frameMin, l.frameMax, toImColor(kFrame), m.pxPerMm * 4);
    // On whole pixels, at its drawn size (PictureCache::texture says why).
    const ImVec2 shownMin(std::round(l.pictureMin.x), std::round(l.pictureMin.y));
    const ImVec2 shownMax(std::round(l.pictureMax.x), std::round(l.pictureMax.y));
    if (SDL_Texture* texture = ctx.pictures.texture(pictureFile, static_cast<int>(shownMax.x - shownMin.x),
                                                    static_cast<int>(shownMax.y - shownMin.y))) {
        draw->AddImage(reinterpret_cast<ImTextureID>(texture), shownMin, shownMax);
    } else {
        draw->AddRectFilled(l.pictureMin, l.pictureMax, IM_COL32(255, 255, 255, 255));
    }
    std::optional<ImRect> spot;
    if (step.hotspot) spot = hotspotOnScreen(*step.hotspot, l, pictureW, pictureH);
    if (spot) {
        float ring = std::max(3.0f, m.pxPerMm);
        if (progress.cheerUntil) {
            strokeRoundedRect(draw, spot->Min, spot->Max, toImColor(kRight), m.pxPerMm, ring * 1.5f);
        } else if (!progress.practice) {
            strokeRoundedRect(draw, spot->Min, spot->Max, toImColor(kHint), m.pxPerMm, ring); // "tap here"
        } else if (hinting) {
            // Pulses so the resident can find it after two misses.
            float phase = 0.5f + 0.5f * std::sin(static_cast<float>(ImGui::GetTime()) * 6.0f);
            float grow = phase * m.pxPerMm * 2;
            strokeRoundedRect(draw, ImVec2(spot->Min.x - grow, spot->Min.y - grow),
                              ImVec2(spot->Max.x + grow, spot->Max.y + grow),
                              toImColor(kHint, 0.5f + 0.5f * phase), m.pxPerMm, ring * 1.5f);
        }
    }
    const ImVec2 pictureSize(l.pictureMax.x - l.pictureMin.x, l.pictureMax.y - l.pictureMin.y);
    if (!progress.practice && std::min(pictureSize.x, pictureSize.y) >= m.targetPx) {
        // The picture's words are small beside the step's: a tap shows it enlarged.
        drawZoomBadge(draw, m, l.pictureMax);
        ImGui::SetCursorScreenPos(l.pictureMin);
        if (ImGui::InvisibleButton("step.zoom",
                                   ImVec2(l.pictureMax.x - l.pictureMin.x, l.pictureMax.y - l.pictureMin.y)))
            intents.push_back(kiosk::intent::ZoomPicture{0});
        ctx.targets.add("step.zoom", l.pictureMin, l.pictureMax);
    }
    if (progress.practice && spot) {
        // The whole picture is one touch target: the resident taps where they would on the phone.
        ImGui::SetCursorScreenPos(l.pictureMin);
        ImVec2 size(l.pictureMax.x - l.pictureMin.x, l.pictureMax.y - l.pictureMin.y);
        if (ImGui::InvisibleButton("step.picture", size)) {
            ImVec2 at = ImGui::GetIO().MousePos;
            float tolerance = m.pxPerMm * 2; // older fingers land a little off
            ImRect generous(spot->Min.x - tolerance, spot->Min.y - tolerance, spot->Max.x + tolerance,
                            spot->Max.y + tolerance);
            intents.push_back(kiosk::intent::PracticeTap{generous.Contains(at)});
        }
        ctx.targets.add("step.picture", l.pictureMin, l.pictureMax);
        ctx.targets.addMarker("step.hotspot", spot->Min, spot->Max);
        ImVec2 away = farFrom(*spot, l);
        ctx.targets.addMarker("step.picture.miss", away, away);
    }
}
} // namespace

Intents drawGuideStep(const ScreenContext& ctx) {
    Intents intents;
    const content::Guide* guide = ctx.app.currentGuide();
    if (!beginPage("guide-step", ctx.theme) || !guide) {
        endPage();
        return intents;
    }
    const kiosk::GuideProgress& progress = ctx.app.state().guide;
    const content::Step& step = guide->steps[static_cast<size_t>(progress.step)];
    const Metrics& m = ctx.theme.metrics();
    const Palette& palette = ctx.theme.palette();
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    FontSet fonts{ctx.theme.body(), ctx.theme.bodyBold(), ctx.theme.title()};

    const std::filesystem::path pictureFile = ctx.contentRoot / "images" / step.image;
    const platform::Picture& picture = ctx.pictures.get(pictureFile);
    int pictureW = picture.loaded() ? picture.width : 540,
        pictureH = picture.loaded() ? picture.height : 1110;
    if (progress.zoomPart >= 0 && !progress.practice) {
        drawZoomedPicture(ctx, step, pictureFile,
                          ImVec2(static_cast<float>(pictureW), static_cast<float>(pictureH)),
                          progress.zoomPart, intents);
        endPage();
        return intents;
    }
    StepLayout l = layoutStep(m, fonts, screen, static_cast<float>(pictureW) / static_cast<float>(pictureH));

    const bool hinting = progress.practice && progress.misses >= 2;
    // The words, page by page when large text on a small screen needs more than one; where the picture has
    // a page of its own (StepLayout::separatePages), it comes after them.
    std::string practiceLine = progress.cheerUntil ? text::kPracticeRight
                               : hinting           ? std::string(text::kPracticeHint)
                               : progress.misses   ? std::string(text::kPracticeMiss)
                                                   : step.prompt;
    const std::vector<StepPage> pages = paginateStep(
        m, fonts, l.textMax.x - l.textMin.x, l.textMax.y - l.textMin.y,
        stepBlocks(step, progress.practice, practiceLine, progress.narrationFailed), !l.separatePages);
    const int wordPages = static_cast<int>(pages.size());
    const int pageCount = wordPages + (l.separatePages ? 1 : 0);
    const int page = std::clamp(ctx.app.state().page, 0, pageCount - 1);
    const bool pictureShown = !l.separatePages || page == wordPages;
    const bool wordsShown = page < wordPages;
    if (pictureShown) drawStepPicture(ctx, step, pictureFile, pictureW, pictureH, l, hinting, intents);

    float x = l.textMin.x, y = l.textMin.y, width = l.textMax.x - l.textMin.x;
    ImU32 ink = toImColor(palette.page.text);
    for (const StepPiece& piece : wordsShown ? pages[static_cast<size_t>(page)] : StepPage{}) {
        switch (piece.kind) {
        case StepBlockKind::Title:
        case StepBlockKind::Text: {
            ImFont* font = piece.kind == StepBlockKind::Title ? fonts.bodyBold : fonts.body;
            draw->AddText(font, font->FontSize, ImVec2(x, y), ink, piece.words.c_str(), nullptr, width);
            break;
        }
        case StepBlockKind::Practice:
            drawBox(draw, fonts.bodyBold, m, ImVec2(x, y), width, piece.height, piece.words, kPracticeBox);
            break;
        case StepBlockKind::Tip:
            drawBox(draw, fonts.body, m, ImVec2(x, y), width, piece.height, piece.words, kTipBox);
            break;
        case StepBlockKind::Notice:
        case StepBlockKind::Warning:
            drawBox(draw, fonts.body, m, ImVec2(x, y), width, piece.height, piece.words, kWarningBox);
            break;
        case StepBlockKind::Qr:
            drawQrWithCaption(draw, ctx.targets, m, fonts.body, ink, piece.words, ImVec2(x, y), piece.qrSide,
                              width, piece.qrCaption);
            break;
        }
        y += piece.height + m.gapPx;
    }
    // "Phần 1/2" at the column's foot (or in the header): there is more to read, and "Tiếp theo" shows it.
    std::string headerPart;
    // Where the caption under the phone must end: before "Phần 1/2" when that shares its line.
    float captionRight = screen.x - m.marginPx;
    if (pageCount > 1) {
        std::string part = fmt::format(fmt::runtime(text::kStepPart), page + 1, pageCount);
        if (!l.separatePages && stepPartLineHeight(m, fonts, l.textMax.y - l.textMin.y) > 0) {
            // At the column's right, clear of "Bài soạn tháng …" under a narrow phone.
            const float partW =
                fonts.bodyBold->CalcTextSizeA(fonts.bodyBold->FontSize, FLT_MAX, 0, part.c_str()).x;
            draw->AddText(fonts.bodyBold, fonts.bodyBold->FontSize,
                          ImVec2(l.textMax.x - partW, l.textMax.y - fonts.bodyBold->FontSize), ink,
                          part.c_str());
            captionRight = l.textMax.x - partW - m.gapPx;
        } else {
            headerPart = fmt::format(fmt::runtime(text::kStepPartInHeader), page + 1, pageCount);
        }
    }
    const bool asidePage = l.pictureAside && pictureShown;
    // "Bước 3/8 · phần 1/2"
    const std::string progressLine =
        fmt::format(fmt::runtime(text::kStepOf), progress.step + 1, guide->steps.size()) + headerPart;
    if (l.progressOnlyHeader) {
        draw->AddText(fonts.bodyBold, fonts.bodyBold->FontSize,
                      ImVec2(std::max(m.marginPx, m.cornerPx), m.marginPx), ink, progressLine.c_str(),
                      nullptr, screen.x - std::max(m.marginPx, m.cornerPx) - m.marginPx);
    } else if (!asidePage) {
        drawHeaderLine(ctx, *guide, progress.step, headerPart, l.headerTwoLines);
    }
    const bool morePages = page + 1 < pageCount;
    const content::Verification* verified = content::verificationOf(*guide, step);
    std::string checked =
        verified ? fmt::format(fmt::runtime(text::kVerifiedOn), verified->on.month, verified->on.year)
                 : std::string(text::kIllustration);
    if (asidePage) {
        std::optional<StepBlock> message;
        if (progress.practice && step.hotspot)
            message = StepBlock{StepBlockKind::Practice, practiceLine};
        else if (progress.narrationFailed)
            message = StepBlock{StepBlockKind::Notice, text::kNoSound};
        drawPictureAside(ctx, fonts, l, progressLine, message, checked);
    }
    ImVec2 checkedSize = fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, 0, checked.c_str());
    // The long caption runs on under the words: only when they end above it (no QR below them).
    const bool wordsEndAbove = l.separatePages || (step.link.empty() && y <= l.frameMax.y);
    auto checkedX = [&] { return std::max(m.marginPx, (l.frameMin.x + l.frameMax.x - checkedSize.x) / 2); };
    const bool overMarker =
        checkedX() + checkedSize.x > captionRight || checkedX() + checkedSize.x > screen.x - m.marginPx;
    if (!verified && ((!wordsEndAbove && checkedSize.x > l.textMin.x - m.gapPx - m.marginPx) || overMarker)) {
        checked = text::kIllustrationShort;
        checkedSize = fonts.body->CalcTextSizeA(fonts.body->FontSize, FLT_MAX, 0, checked.c_str());
    }
    // Under a phone narrower than even the short caption, beside words that reach down to it (large text):
    // the caption in the lines the phone's column allows, or none where those reach the buttons.
    const float besideW = l.textMin.x - m.gapPx - m.marginPx;
    const bool wrapCaption =
        l.textMin.x > l.frameMax.x && y - m.gapPx > l.frameMax.y && checkedSize.x > besideW;
    const bool captionFits =
        !wrapCaption || l.frameMax.y + wrappedTextHeight(fonts.body, besideW, checked) <= l.navTop - m.gapPx;
    if (pictureShown && !asidePage && captionFits)
        draw->AddText(fonts.body, fonts.body->FontSize,
                      ImVec2(wrapCaption ? m.marginPx : checkedX(), l.frameMax.y), ink, checked.c_str(),
                      nullptr, wrapCaption ? besideW : 0.0f);

    // The bottom row, in fixed slots: back, home, listen, practice, help, next. A step without narration or
    // a spot to practise leaves that slot empty, so "Cần người giúp" and "Tiếp theo" never move under a
    // finger from one step to the next.
    // "Nghe" and "Làm thử" beside the phone on its own page (StepLayout::pictureAside), where the resident
    // stays when practice is turned on or off: the page after the words, which change with it.
    const bool toolsShown = !l.pictureAside || pictureShown;
    int practicePage = 0;
    if (l.pictureAside && step.hotspot) {
        practicePage = static_cast<int>(
            paginateStep(m, fonts, l.textMax.x - l.textMin.x, l.textMax.y - l.textMin.y,
                         stepBlocks(step, !progress.practice, step.prompt, progress.narrationFailed),
                         !l.separatePages)
                .size());
    }
    const std::optional<RowButton> slots[kStepSlots] = {
        RowButton{"step.back", text::kPrevious, kiosk::intent::PreviousStep{}, palette.plainButton},
        RowButton{"nav.home", text::kHome, kiosk::intent::GoHome{}, palette.plainButton},
        step.narration.empty() || !toolsShown
            ? std::nullopt
            : std::optional(RowButton{"step.listen", text::kListen, kiosk::intent::PlayNarration{},
                                      palette.plainButton}),
        !step.hotspot || !toolsShown
            ? std::nullopt
            : std::optional(RowButton{
                  "step.practice", progress.practice ? text::kPracticeOff : text::kPracticeOn,
                  kiosk::intent::SetPractice{!progress.practice, practicePage}, palette.plainButton}),
        RowButton{"nav.help", text::kNeedHelp, kiosk::intent::OpenBooking{}, palette.help},
        morePages
            ? RowButton{"step.next", text::kNext, kiosk::intent::ShowPage{page + 1}, palette.primaryButton}
            : RowButton{"step.next", text::kNext, kiosk::intent::NextStep{}, palette.primaryButton},
    };
    drawStepButtons(ctx, l.buttons, slots, intents);
    endPage();
    return intents;
}

} // namespace ui
