#include "ui/keypads.hpp"

#include "bookings/bookings.hpp"
#include "ui/shapes.hpp"
#include "ui/strings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <optional>

namespace ui {

namespace {

// bigButton's padding on both sides, and a pixel for rounding.
float buttonPads(const Metrics& m) {
    return m.pxPerMm * 5 + 2;
}

// A single letter or digit shows in the title font (bigButton's `large`), a word in bold body text.
bool oneCharacter(const std::string& label) {
    return label.size() <= 3 && label.find(' ') == std::string::npos; // a UTF-8 letter
}

// How wide a key must be for its label in at most `lines` lines, no word split (a letter: one line).
float keyLabelWidth(const Theme& theme, const Key& key, int lines) {
    if (oneCharacter(key.label)) {
        ImFont* title = theme.title();
        return title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, key.label.c_str()).x +
               buttonPads(theme.metrics());
    }
    return narrowestBoxFor(theme.bodyBold(), key.label, lines) + buttonPads(theme.metrics());
}

// The lines of bold body text a key of this height holds.
int linesIn(const Theme& theme, float keyH) {
    const float room = keyH - buttonPads(theme.metrics());
    return std::max(1, static_cast<int>(room / theme.bodyBold()->FontSize));
}

// A column's width so that every key's label fits its key (a wide key's across its span). Keys may be a
// little narrower than a target: bigButton widens them to one, and the gap between them stays over 3 mm.
float columnWidthFor(const Theme& theme, const std::vector<Key>& keys, int columns, float keyH) {
    const Metrics& m = theme.metrics();
    float width = 0.95f * m.targetPx;
    for (const Key& key : keys) {
        const auto span = static_cast<float>(std::min(key.span, columns));
        width =
            std::max(width, (keyLabelWidth(theme, key, linesIn(theme, keyH)) - (span - 1) * m.gapPx) / span);
    }
    return width;
}

struct PlacedKey {
    const Key* key;
    int row, column, span;
};

// Keys left to right, `columns` a row; a wide key that does not fit at a row's end starts the next row.
std::vector<PlacedKey> placeKeys(const std::vector<Key>& keys, int columns) {
    std::vector<PlacedKey> placed;
    int cell = 0;
    for (const Key& key : keys) {
        const int span = std::min(key.span, columns);
        if (cell % columns + span > columns) cell += columns - cell % columns;
        placed.push_back({&key, cell / columns, cell % columns, span});
        cell += span;
    }
    return placed;
}

int rowsFor(const std::vector<Key>& keys, int columns) {
    const std::vector<PlacedKey> placed = placeKeys(keys, columns);
    return placed.empty() ? 0 : placed.back().row + 1;
}

// Letters, digits and tone marks: what a keyboard too big for its room shows a part of at a time.
bool isCharacterKey(const Key& key) {
    if (const auto* type = std::get_if<kiosk::intent::Type>(&key.intent)) return type->key != " ";
    return std::holds_alternative<kiosk::intent::Tone>(key.intent);
}

// One page of a keyboard that does not fit its rows: as many characters as fit, in their order, then the
// key to the next ones ("n–y", back to "a–m" from the last page), then the keys every page has (erase,
// space, back, submit). Every letter and tone mark is on some page.
std::vector<Key> keyPage(const Theme& theme, const std::vector<Key>& keys, int columns, float columnW,
                         int rows, int wantedPage) {
    std::vector<Key> characters, others;
    for (const Key& key : keys)
        (isCharacterKey(key) ? characters : others).push_back(key);
    if (characters.empty()) return keys;
    // Paged, a wide key (space, submit) takes only the columns its label needs: the letters get the room.
    for (Key& key : others) {
        int span = 1;
        while (span < key.span &&
               keyLabelWidth(theme, key, 1) >
                   static_cast<float>(span) * columnW + static_cast<float>(span - 1) * theme.metrics().gapPx)
            ++span;
        key.span = span;
    }
    const Key more{"key.more", "", kiosk::intent::ShowPage{}};
    auto pageOf = [&](std::size_t first, std::size_t count) {
        std::vector<Key> page(characters.begin() + static_cast<std::ptrdiff_t>(first),
                              characters.begin() + static_cast<std::ptrdiff_t>(first + count));
        page.push_back(more);
        page.insert(page.end(), others.begin(), others.end());
        return page;
    };
    std::size_t perPage = characters.size();
    while (perPage > 1 && rowsFor(pageOf(0, perPage), columns) > rows)
        --perPage;
    const std::size_t total = characters.size();
    const int pages = static_cast<int>((total + perPage - 1) / perPage);
    const int page = std::clamp(wantedPage, 0, pages - 1);
    const std::size_t first = static_cast<std::size_t>(page) * perPage;
    std::vector<Key> shown = pageOf(first, std::min(perPage, total - first));
    const int next = (page + 1) % pages;
    const std::size_t nextFirst = static_cast<std::size_t>(next) * perPage;
    const std::size_t nextLast = std::min(nextFirst + perPage, total) - 1;
    Key& toNext = shown[std::min(perPage, total - first)];
    toNext.label =
        fmt::format(fmt::runtime(text::kOtherKeys), characters[nextFirst].label, characters[nextLast].label);
    toNext.intent = kiosk::intent::ShowPage{next, false};
    return shown;
}

} // namespace

namespace {

// drawKeyGrid's keys; `largeLetters` false shows letters and digits in bold body text (a short key at the
// largest text, where the title font would not fit its height).
void drawGrid(const ScreenContext& ctx, ImVec2 min, ImVec2 max, int columns, const std::vector<Key>& keys,
              Intents& intents, int rows, bool largeLetters, float gap) {
    const std::vector<PlacedKey> placed = placeKeys(keys, columns);
    if (rows <= 0) rows = placed.empty() ? 1 : placed.back().row + 1;
    const float keyW = (max.x - min.x - static_cast<float>(columns - 1) * gap) / static_cast<float>(columns);
    const float keyH = (max.y - min.y - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows);
    for (const PlacedKey& p : placed) {
        const Key& key = *p.key;
        const float x = min.x + static_cast<float>(p.column) * (keyW + gap);
        const float y = min.y + static_cast<float>(p.row) * (keyH + gap);
        const float w = keyW * static_cast<float>(p.span) + gap * static_cast<float>(p.span - 1);
        ImGui::SetCursorScreenPos(ImVec2(x, y));
        const ColourPair& colours =
            key.primary ? ctx.theme.palette().primaryButton : ctx.theme.palette().plainButton;
        if (bigButton(ctx.targets, ctx.theme, key.id,
                      {key.label, {}, largeLetters && oneCharacter(key.label)}, ImVec2(w, keyH), colours)) {
            intents.push_back(key.intent);
        }
    }
}

} // namespace

void drawKeyGrid(const ScreenContext& ctx, ImVec2 min, ImVec2 max, int columns, const std::vector<Key>& keys,
                 Intents& intents, int rows) {
    drawGrid(ctx, min, max, columns, keys, intents, rows, true, ctx.theme.metrics().gapPx);
}

namespace {

// "Quay lại" and "Trang đầu" in `width`: side by side, each on one line or on two (taller), or one over
// the other when two lines side by side would still split a word.
struct NavPair {
    float width = 0, height = 0;
    bool stacked = false;
    [[nodiscard]] float totalHeight(float gap) const { return stacked ? 2 * height + gap : height; }
};
NavPair navPair(const Theme& theme, float width, bool withHome) {
    const Metrics& m = theme.metrics();
    ImFont* bold = theme.bodyBold();
    const float pads = buttonPads(m);
    auto heightFor = [&](float w) {
        std::size_t most = 0;
        for (const char* label : {text::kBack, text::kHome})
            most = std::max(most, wrapLines(bold, w - pads, label).size());
        return std::max(m.targetPx, std::ceil(static_cast<float>(most) * bold->FontSize + pads));
    };
    const float oneLine =
        std::max(narrowestBoxFor(bold, text::kBack, 1), narrowestBoxFor(bold, text::kHome, 1)) + pads;
    const float twoLines =
        std::max(narrowestBoxFor(bold, text::kBack, 2), narrowestBoxFor(bold, text::kHome, 2)) + pads;
    const float each = withHome ? (width - m.gapPx) / 2 : width;
    if (each >= twoLines || !withHome) {
        const float w = std::max(m.targetPx, each >= oneLine ? std::clamp(m.targetPx * 2.5f, oneLine, each)
                                                             : std::max(each, twoLines));
        return {w, heightFor(w), false};
    }
    const float w = std::max(m.targetPx, std::min(width, std::max(oneLine, m.targetPx * 2.5f)));
    return {w, heightFor(w), true};
}

void drawNavPair(const ScreenContext& ctx, Intents& intents, ImVec2 at, const NavPair& nav, bool withHome) {
    ImGui::SetCursorScreenPos(at);
    if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, ImVec2(nav.width, nav.height),
                  ctx.theme.palette().plainButton)) {
        intents.push_back(kiosk::intent::Back{});
    }
    if (!withHome) return;
    const float gap = ctx.theme.metrics().gapPx;
    ImGui::SetCursorScreenPos(nav.stacked ? ImVec2(at.x, at.y + nav.height + gap)
                                          : ImVec2(at.x + nav.width + gap, at.y));
    if (bigButton(ctx.targets, ctx.theme, "nav.home", {text::kHome}, ImVec2(nav.width, nav.height),
                  ctx.theme.palette().plainButton)) {
        intents.push_back(kiosk::intent::GoHome{});
    }
}

// The typed text in a box a title line tall, its end in view (where typing goes).
void drawField(const ScreenContext& ctx, ImVec2 at, float width, float height, ImFont* font,
               const std::string& shown) {
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    const ImVec2 end(at.x + width, at.y + height);
    // On whole pixels, so every renderer draws the same field and outline (ui/shapes.hpp).
    fillRoundedRect(draw, at, end, toImColor(ctx.theme.palette().plainButton.background), 0);
    strokeRoundedRect(draw, at, end, toImColor(ctx.theme.palette().border), 0, 2.0f);
    const std::string withCaret = shown + "|";
    draw->PushClipRect(at, end, true);
    const float textWidth = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, withCaret.c_str()).x;
    const float textX = std::min(at.x + m.gapPx / 2, end.x - m.gapPx / 2 - textWidth);
    draw->AddText(font, font->FontSize, ImVec2(textX, at.y + (height - font->FontSize) / 2), ink,
                  withCaret.c_str());
    draw->PopClipRect();
}

} // namespace

namespace {

// The rows a grid of `columns` gives the keys' cells, not counting a wide key pushed to the next row.
int evenRows(const std::vector<Key>& keys, int columns) {
    int cells = 0;
    for (const Key& key : keys)
        cells += key.span;
    return (cells + columns - 1) / columns;
}

// The typing page in a fixed grid: the keypad beside the words in landscape, and, where not even a page of
// keys fits under the words (a 7" screen at the largest text), every key under them at once, as before the
// keyboards turned pages. rows x columns is the keys' layout.
void drawFixedGridTypingPage(const ScreenContext& ctx, Intents& intents, const std::string& title,
                             const std::string& shown, const char* hint, const std::string& message,
                             const std::vector<Key>& keys, int columns, int rows, bool keypadBeside,
                             bool withHome) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    const float x = std::max(m.marginPx, m.cornerPx);
    const bool beside = keypadBeside && screen.x >= screen.y;
    float keysW = beside ? std::min(screen.x * 0.48f, static_cast<float>(columns) * m.targetPx * 1.6f)
                         : screen.x - 2 * m.marginPx;
    if (beside) {
        // The words need room too: "Quay lại" and "Trang đầu" side by side, each on one line, and the
        // title, field and hint within the screen's height. The keypad gives up width for them, down to
        // keys of a fingertip's size whose labels still fit (bigButton pads 2.5 mm a side).
        ImFont* bold = ctx.theme.bodyBold();
        const float pads = m.pxPerMm * 5 + 2;
        float keyW = m.targetPx;
        for (const Key& key : keys)
            keyW = std::max(keyW, narrowestBoxFor(bold, key.label, 2) + pads);
        const float smallest = static_cast<float>(columns) * keyW + static_cast<float>(columns - 1) * m.gapPx;
        const float labelW = std::max(bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, text::kBack).x,
                                      bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, text::kHome).x);
        const float buttonsNeed = withHome ? 2 * (labelW + pads) + m.gapPx : labelW + pads;
        const float widest = screen.x - x - 2 * m.marginPx - smallest;
        // Measured with the hint, not a message that comes and goes: the keys never move under a finger.
        auto textHeight = [&](float w) {
            return wrappedTextHeight(ctx.theme.title(), w, title) + ctx.theme.title()->FontSize * 1.5f +
                   wrappedTextHeight(ctx.theme.body(), w, hint) + 2 * m.gapPx + m.targetPx;
        };
        const float height = screen.y - 2 * m.marginPx;
        float textWidth = screen.x - keysW - x - 2 * m.marginPx;
        if (textWidth < buttonsNeed) textWidth = std::min(widest, buttonsNeed);
        if (textHeight(textWidth) > height) textWidth = std::max(textWidth, widest);
        keysW = std::max(smallest, screen.x - x - 2 * m.marginPx - textWidth);
    }
    const float textW = beside ? screen.x - keysW - x - 2 * m.marginPx : screen.x - x - m.marginPx;
    const bool keysHaveBack = std::ranges::any_of(keys, [](const Key& k) { return k.id == "nav.back"; });
    // A resident's page with the keys under the words: "Quay lại" and "Trang đầu" at the right of the title
    // and the field, so the keys keep the height a row of buttons at the bottom would take.
    const bool navByField = !beside && withHome && !keysHaveBack;
    float navButtonW = 0;
    if (navByField) {
        ImFont* bold = ctx.theme.bodyBold();
        const float pads = m.pxPerMm * 5 + 2;
        const float oneLine = std::max(bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, text::kBack).x,
                                       bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, text::kHome).x) +
                              pads;
        const float twoLines =
            std::max(narrowestBoxFor(bold, text::kBack, 2), narrowestBoxFor(bold, text::kHome, 2)) + pads;
        // On one line each while the field keeps at least half the row, else on two.
        navButtonW = std::max(m.targetPx, 2 * (oneLine + m.gapPx) <= textW / 2 ? oneLine : twoLines);
    }
    const float fieldW = navByField ? textW - 2 * (navButtonW + m.gapPx) : textW;
    float y = m.marginPx;
    const float titleH = wrappedTextHeight(ctx.theme.title(), fieldW, title);
    const float fieldH = ctx.theme.title()->FontSize * 1.5f;
    // The title and the field as one block, with the buttons beside it as tall as the block.
    const float blockH = std::max(titleH + m.gapPx / 2 + fieldH, navByField ? m.targetPx : 0.0f);
    if (navByField) {
        const float navX = x + fieldW + m.gapPx;
        const float navH = std::min(blockH, m.targetPx * 1.3f);
        const float navY = y + (blockH - navH) / 2;
        ImGui::SetCursorScreenPos(ImVec2(navX, navY));
        if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, ImVec2(navButtonW, navH),
                      ctx.theme.palette().plainButton)) {
            intents.push_back(kiosk::intent::Back{});
        }
        ImGui::SetCursorScreenPos(ImVec2(navX + navButtonW + m.gapPx, navY));
        if (bigButton(ctx.targets, ctx.theme, "nav.home", {text::kHome}, ImVec2(navButtonW, navH),
                      ctx.theme.palette().plainButton)) {
            intents.push_back(kiosk::intent::GoHome{});
        }
    }
    draw->AddText(ctx.theme.title(), ctx.theme.title()->FontSize, ImVec2(x, y), ink, title.c_str(), nullptr,
                  fieldW);
    y += blockH - fieldH;
    const float rowH = fieldH;
    const float fieldY = y;
    // On whole pixels, so every renderer draws the same field and outline (ui/shapes.hpp).
    fillRoundedRect(draw, ImVec2(x, fieldY), ImVec2(x + fieldW, fieldY + fieldH),
                    toImColor(ctx.theme.palette().plainButton.background), 0);
    strokeRoundedRect(draw, ImVec2(x, fieldY), ImVec2(x + fieldW, fieldY + fieldH),
                      toImColor(ctx.theme.palette().border), 0, 2.0f);
    const std::string withCaret = shown + "|";
    draw->PushClipRect(ImVec2(x, fieldY), ImVec2(x + fieldW, fieldY + fieldH), true);
    // A long note shows its end, where typing goes.
    const float textWidth =
        ctx.theme.title()->CalcTextSizeA(ctx.theme.title()->FontSize, FLT_MAX, 0, withCaret.c_str()).x;
    const float textX = std::min(x + m.gapPx / 2, x + fieldW - m.gapPx / 2 - textWidth);
    draw->AddText(ctx.theme.title(), ctx.theme.title()->FontSize,
                  ImVec2(textX, fieldY + (fieldH - ctx.theme.title()->FontSize) / 2), ink, withCaret.c_str());
    draw->PopClipRect();
    y += rowH + m.gapPx / 2;
    const std::string note = message.empty() ? std::string(hint) : message;
    ImFont* noteFont = message.empty() ? ctx.theme.body() : ctx.theme.bodyBold();
    draw->AddText(noteFont, noteFont->FontSize, ImVec2(x, y), ink, note.c_str(), nullptr, textW);
    const float keysTop = beside ? m.marginPx : y + wrappedTextHeight(noteFont, textW, note) + m.gapPx / 2;

    float keysBottom = screen.y - m.marginPx;
    if (!keysHaveBack && !navByField) {
        if (beside) {
            // Under the words: "Quay lại", and "Trang đầu" beside it on a resident's page.
            const float buttonW = withHome ? std::min((textW - m.gapPx) / 2, m.targetPx * 2.5f)
                                           : std::min(textW, m.targetPx * 2.5f);
            const float buttonsY = screen.y - m.marginPx - m.targetPx;
            ImGui::SetCursorScreenPos(ImVec2(x, buttonsY));
            if (bigButton(ctx.targets, ctx.theme, "nav.back", {text::kBack}, ImVec2(buttonW, m.targetPx),
                          ctx.theme.palette().plainButton)) {
                intents.push_back(kiosk::intent::Back{});
            }
            ImGui::SetCursorScreenPos(ImVec2(x + buttonW + m.gapPx, buttonsY));
            if (withHome && bigButton(ctx.targets, ctx.theme, "nav.home", {text::kHome},
                                      ImVec2(buttonW, m.targetPx), ctx.theme.palette().plainButton)) {
                intents.push_back(kiosk::intent::GoHome{});
            }
        } else {
            keysBottom = drawNavBar(ctx, intents, false, withHome) - m.gapPx;
        }
    }
    const float keysLeft = beside ? screen.x - m.marginPx - keysW : m.marginPx;
    // A narrow (portrait) screen takes fewer keys per row, so no key gets smaller than a fingertip target.
    // (bigButton widens a key a little short of a target; the gap still stays over 3 mm.)
    const int fit = std::max(1, static_cast<int>((keysW + m.gapPx) / (0.95f * m.targetPx + m.gapPx)));
    if (columns > fit) {
        int cells = 0;
        for (const Key& key : keys)
            cells += key.span;
        columns = fit;
        rows = (cells + columns - 1) / columns + 1; // + 1: a wide key may start a new row
    }
    const float keysH = std::min(keysBottom - keysTop,
                                 static_cast<float>(rows) * (keysW / static_cast<float>(columns)) * 0.9f +
                                     static_cast<float>(rows - 1) * m.gapPx);
    drawKeyGrid(ctx, ImVec2(keysLeft, keysBottom - keysH), ImVec2(keysLeft + keysW, keysBottom), columns,
                keys, intents, evenRows(keys, columns));
}

} // namespace

// A title, the field with what was typed, the hint or the error, and the keys under it (a keypad goes
// beside it in landscape). Nothing overlaps: the keys take the room the words leave, a keyboard that does not
// fit turns its letters in pages, and the title takes bold body text where its own size would leave the keys
// too little room, never smaller.
namespace {
// Returns whether the keys flow under the words (not the fixed grid); `drawIt` false only tells.
bool drawTypingPageAsBefore(const ScreenContext& ctx, Intents& intents, const std::string& title,
                            const std::string& shown, const char* hint, const std::string& message,
                            const std::vector<Key>& keys, int columns, bool keypadBeside, bool withHome,
                            bool drawIt = true) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    if (keypadBeside && screen.x >= screen.y) {
        if (drawIt) {
            drawFixedGridTypingPage(ctx, intents, title, shown, hint, message, keys, columns,
                                    evenRows(keys, columns), keypadBeside, withHome);
        }
        return false;
    }
    const float x = std::max(m.marginPx, m.cornerPx);
    const float textW = screen.x - x - m.marginPx;
    const float keysW = screen.x - 2 * m.marginPx;
    const bool keysHaveBack = std::ranges::any_of(keys, [](const Key& k) { return k.id == "nav.back"; });
    // A resident's page: "Quay lại" and "Trang đầu" at the end of the field's row, so the keys keep the
    // height a row of buttons at the bottom would take; where the field would get less than half the row,
    // and on a team page whose keys lack "Quay lại", at the bottom, each as wide as its label needs.
    std::optional<NavPair> navByField, navAtBottom;
    if (withHome && !keysHaveBack) {
        const NavPair nav = navPair(ctx.theme, textW / 2, withHome);
        if (!nav.stacked && 2 * nav.width + m.gapPx <= textW / 2 + m.gapPx) navByField = nav;
    }
    if (!keysHaveBack && !navByField) navAtBottom = navPair(ctx.theme, keysW, withHome);
    const float keysBottom =
        screen.y - m.marginPx - (navAtBottom ? navAtBottom->totalHeight(m.gapPx) + m.gapPx : 0.0f);
    const float fieldW = navByField ? textW - 2 * (navByField->width + m.gapPx) : textW;
    // Measured with the hint, not a message that comes and goes: the keys never move under a finger.
    const float noteH = std::max(wrappedTextHeight(ctx.theme.body(), textW, hint),
                                 wrappedTextHeight(ctx.theme.bodyBold(), textW, message));
    auto fieldHeight = [&](ImFont* font) { return font->FontSize + m.gapPx; };
    auto blockHeight = [&](ImFont* font) {
        return std::max(wrappedTextHeight(font, fieldW, title) + m.gapPx / 2 + fieldHeight(font),
                        navByField ? navByField->height : 0.0f);
    };
    auto keysTopFor = [&](ImFont* font) {
        return m.marginPx + blockHeight(font) + m.gapPx / 2 + noteH + m.gapPx / 2;
    };
    // A row holds a letter in the title font, or a word in bold body text, and is at least a target.
    const bool letters = std::ranges::any_of(keys, [](const Key& k) { return oneCharacter(k.label); });
    const float rowH =
        std::max(m.targetPx, (letters ? ctx.theme.title() : ctx.theme.bodyBold())->FontSize + buttonPads(m));
    auto rowsRoom = [&](ImFont* font) {
        return static_cast<int>(std::floor((keysBottom - keysTopFor(font) + m.gapPx) / (rowH + m.gapPx)));
    };
    // Fewer keys a row on a narrow screen, each wide enough for its label.
    int fit = columns;
    while (fit > 1 && static_cast<float>(fit) * columnWidthFor(ctx.theme, keys, fit, rowH) +
                              static_cast<float>(fit - 1) * m.gapPx >
                          keysW)
        --fit;
    ImFont* titleFont = ctx.theme.title();
    if (rowsFor(keys, fit) > rowsRoom(titleFont)) titleFont = ctx.theme.bodyBold();
    const int room = rowsRoom(titleFont);
    std::vector<Key> shownKeys = keys;
    if (rowsFor(keys, fit) > room) {
        // Pages of letters need at least two rows (letters, and the keys every page has); a keypad of
        // digits is never split.
        const auto characters = std::ranges::count_if(keys, isCharacterKey);
        const float columnW = (keysW - static_cast<float>(fit - 1) * m.gapPx) / static_cast<float>(fit);
        if (room >= 2 && characters > 12)
            shownKeys = keyPage(ctx.theme, keys, fit, columnW, room, ctx.app.state().page);
        if (room < 2 || characters <= 12 || rowsFor(shownKeys, fit) > room) {
            if (drawIt) {
                drawFixedGridTypingPage(ctx, intents, title, shown, hint, message, keys, columns,
                                        evenRows(keys, columns), keypadBeside, withHome);
            }
            return false;
        }
    }
    if (!drawIt) return true;
    const int rows = rowsFor(shownKeys, fit);
    // Keys about as tall as wide, no taller than the room: at the bottom, near the thumbs.
    const float keysH =
        std::clamp(static_cast<float>(rows) * (keysW / static_cast<float>(fit)) * 0.9f +
                       static_cast<float>(rows - 1) * m.gapPx,
                   static_cast<float>(rows) * rowH + static_cast<float>(rows - 1) * m.gapPx,
                   std::max(keysBottom - keysTopFor(titleFont),
                            static_cast<float>(rows) * rowH + static_cast<float>(rows - 1) * m.gapPx));

    // The words: title, field (with the buttons beside it), and the hint or the message.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    float y = m.marginPx;
    const float fieldH = fieldHeight(titleFont);
    const float blockH = blockHeight(titleFont);
    draw->AddText(titleFont, titleFont->FontSize, ImVec2(x, y), ink, title.c_str(), nullptr, fieldW);
    if (navByField) {
        drawNavPair(ctx, intents, ImVec2(x + fieldW + m.gapPx, y + (blockH - navByField->height) / 2),
                    *navByField, withHome);
    }
    y += blockH - fieldH;
    drawField(ctx, ImVec2(x, y), fieldW, fieldH, titleFont, shown);
    y += fieldH + m.gapPx / 2;
    const std::string note = message.empty() ? std::string(hint) : message;
    ImFont* noteFont = message.empty() ? ctx.theme.body() : ctx.theme.bodyBold();
    draw->AddText(noteFont, noteFont->FontSize, ImVec2(x, y), ink, note.c_str(), nullptr, textW);
    if (navAtBottom) {
        drawNavPair(ctx, intents,
                    ImVec2(m.marginPx, screen.y - m.marginPx - navAtBottom->totalHeight(m.gapPx)),
                    *navAtBottom, withHome);
    }
    drawKeyGrid(ctx, ImVec2(m.marginPx, keysBottom - keysH), ImVec2(m.marginPx + keysW, keysBottom), fit,
                shownKeys, intents);
    return true;
}

} // namespace

namespace {

// The buttons under the keys: "Quay lại", "Trang đầu" on a resident's page, and the page's own key
// ("Tiếp tục", "Xong", ...), each as wide as its label on one line or two, arranged to take the least
// height (typingBar). Out of the grid, no key needs to be as wide as the longest word, so the keys keep the
// room.
struct BarButton {
    std::string id;
    std::string label;
    kiosk::Intent intent;
    bool primary = false;
    ImVec2 at, size; // from the bar's top left
};
struct TypingBar {
    std::vector<BarButton> buttons;
    float height = 0;
};

TypingBar typingBar(const Theme& theme, std::optional<BarButton> action, bool withHome) {
    const Metrics& m = theme.metrics();
    const float width = ImGui::GetMainViewport()->Size.x - 2 * m.marginPx;
    ImFont* bold = theme.bodyBold();
    const float rowH = std::max(m.targetPx, std::ceil(bold->FontSize + m.pxPerMm * 5));
    const float twoLinesH = std::max(m.targetPx, std::ceil(2 * bold->FontSize + m.pxPerMm * 5));
    auto oneLine = [&](BarButton b) {
        b.size = ImVec2(std::min(width, std::max(m.targetPx, oneLineButtonWidth(theme, b.label))), rowH);
        return b;
    };
    auto twoLines = [&](BarButton b) {
        b.size = ImVec2(std::max(m.targetPx, narrowestBoxFor(bold, b.label, 2) + buttonPads(m)), twoLinesH);
        return b;
    };
    std::vector<BarButton> nav{{"nav.back", text::kBack, kiosk::intent::Back{}, false, {}, {}}};
    if (withHome) nav.push_back({"nav.home", text::kHome, kiosk::intent::GoHome{}, false, {}, {}});
    auto rowWidth = [&](const std::vector<BarButton>& buttons) {
        float w = -m.gapPx;
        for (const BarButton& b : buttons)
            w += b.size.x + m.gapPx;
        return w;
    };
    // Arrangements from the lowest: all in a row; "Quay lại" over "Trang đầu" with the page's key beside
    // them; the page's key on a row above the others, side by side on one line or two; each on its own row.
    std::vector<TypingBar> bars;
    auto add = [&](std::vector<BarButton> buttons, float height) {
        for (const BarButton& b : buttons)
            if (b.at.x + b.size.x > width + 0.5f) return;
        bars.push_back({std::move(buttons), height});
    };
    auto inRow = [&](std::vector<BarButton> buttons, float y) {
        float x = 0;
        for (BarButton& b : buttons) {
            b.at = ImVec2(x, y);
            x += b.size.x + m.gapPx;
        }
        return buttons;
    };
    std::vector<BarButton> navOneLine, navTwoLines;
    for (const BarButton& b : nav) {
        navOneLine.push_back(oneLine(b));
        navTwoLines.push_back(twoLines(b));
    }
    auto withAction = [&](std::vector<BarButton> buttons, BarButton key, float y) {
        key.at = ImVec2(width - key.size.x, y);
        buttons.push_back(key);
        return buttons;
    };
    if (!action) {
        add(inRow(navOneLine, 0), rowH);
        add(inRow(navTwoLines, 0), twoLinesH);
    } else {
        const BarButton key = oneLine(*action);
        if (rowWidth(navOneLine) + m.gapPx + key.size.x <= width)
            add(withAction(inRow(navOneLine, 0), key, 0), rowH);
        if (nav.size() > 1) {
            float navW = 0;
            for (const BarButton& b : navOneLine)
                navW = std::max(navW, b.size.x);
            std::vector<BarButton> stacked = navOneLine;
            for (size_t i = 0; i < stacked.size(); ++i)
                stacked[i].at = ImVec2(0, static_cast<float>(i) * (rowH + m.gapPx));
            const float stackH = 2 * rowH + m.gapPx;
            for (const BarButton& side : {key, twoLines(*action)}) {
                if (navW + m.gapPx + side.size.x <= width)
                    add(withAction(stacked, side, stackH - side.size.y), std::max(stackH, side.size.y));
            }
        }
        const float below = rowH + m.gapPx;
        if (rowWidth(navOneLine) <= width) add(withAction(inRow(navOneLine, below), key, 0), below + rowH);
        if (rowWidth(navTwoLines) <= width)
            add(withAction(inRow(navTwoLines, below), key, 0), below + twoLinesH);
    }
    // Each on its own row: always possible.
    std::vector<BarButton> each;
    float y = 0;
    if (action) {
        each.push_back(oneLine(*action));
        each.back().at = ImVec2(width - each.back().size.x, 0);
        y = rowH + m.gapPx;
    }
    for (const BarButton& b : navOneLine) {
        each.push_back(b);
        each.back().at = ImVec2(0, y);
        y += rowH + m.gapPx;
    }
    bars.push_back({each, y - m.gapPx});
    return *std::ranges::min_element(bars, {}, &TypingBar::height);
}

void drawTypingBar(const ScreenContext& ctx, Intents& intents, const TypingBar& bar, ImVec2 at) {
    for (const BarButton& b : bar.buttons) {
        ImGui::SetCursorScreenPos(ImVec2(at.x + b.at.x, at.y + b.at.y));
        const ColourPair& colours =
            b.primary ? ctx.theme.palette().primaryButton : ctx.theme.palette().plainButton;
        if (bigButton(ctx.targets, ctx.theme, b.id, {b.label}, b.size, colours)) intents.push_back(b.intent);
    }
}

// Where the words and the keys go on a typing page, when everything fits at once.
struct TypingLayout {
    ImFont* titleFont = nullptr;
    float textW = 0;
    ImVec2 keysMin, keysMax;
    int columns = 1;
    float gap = 0;
    bool largeLetters = true;
    std::vector<Key> keys;
};

// What a key needs across (its span's width): a letter in the title font or bold body text, a word on one
// line in bold body text.
float keyNeeds(const Theme& theme, const Key& key, bool largeLetters) {
    if (oneCharacter(key.label)) {
        ImFont* font = largeLetters ? theme.title() : theme.bodyBold();
        return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, key.label.c_str()).x +
               buttonPads(theme.metrics());
    }
    return oneLineButtonWidth(theme, key.label);
}

// The narrowest column in which every key's label fits its span, `gap` apart; at least a target.
float columnNeeds(const Theme& theme, const std::vector<Key>& keys, int columns, float gap,
                  bool largeLetters) {
    float width = theme.metrics().targetPx;
    for (const Key& key : keys) {
        const auto span = static_cast<float>(std::min(key.span, columns));
        width = std::max(width, (keyNeeds(theme, key, largeLetters) - (span - 1) * gap) / span);
    }
    return width;
}

// A keypad's keys for rows of `columns`: 1-9, "Xóa" and 0 as on a telephone in three columns; in more,
// 1-9 and 0, then "Xóa" two keys wide.
std::vector<Key> keypadRows(const std::vector<Key>& padKeys, int columns) {
    std::vector<Key> keys;
    for (const Key& key : padKeys)
        if (key.id != "key.erase") keys.push_back(key);
    Key erase = *std::ranges::find(padKeys, std::string("key.erase"), &Key::id);
    if (columns == 3) {
        keys.insert(keys.end() - 1, erase);
    } else {
        erase.span = 2;
        keys.push_back(erase);
    }
    return keys;
}

std::optional<TypingLayout> layoutTyping(const ScreenContext& ctx, const std::string& title,
                                         const std::string& shown, const char* hint,
                                         const std::string& message, const std::vector<Key>& padKeys,
                                         int columns, bool keypadBeside, float top, float bottom,
                                         int letterPage) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const float x = std::max(m.marginPx, m.cornerPx);
    const float areaH = bottom - top;
    // A key a target tall holds a letter in the title font where the target is tall enough for its marks,
    // else in bold body text (never smaller).
    const float pads = buttonPads(m);
    const bool largeLetters = ctx.theme.title()->FontSize * 0.9f + pads <= m.targetPx;
    const float rowH = m.targetPx;
    // The typed number needs its whole width; a name shows its end, where typing goes.
    const std::string sample = keypadBeside ? std::string("0000 000 000") : std::string();
    auto textHeight = [&](ImFont* font, float w) {
        const float fieldNeeds =
            std::max(font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, (shown + "|").c_str()).x,
                     font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, (sample + "|").c_str()).x) +
            m.gapPx;
        if (fieldNeeds > w) return FLT_MAX;
        auto linesHeight = [&](ImFont* f, std::string_view words) {
            return words.empty() ? 0.0f : wrappedTextHeight(f, w, words);
        };
        const float noteH =
            std::max(linesHeight(ctx.theme.body(), hint), linesHeight(ctx.theme.bodyBold(), message));
        const float titleH = title.empty() ? 0 : linesHeight(font, title) + m.gapPx / 2;
        return titleH + font->FontSize + m.gapPx + (noteH > 0 ? m.gapPx / 2 + noteH : 0);
    };
    const float smallGap = std::ceil(m.pxPerMm * 3.2f);
    const float gaps[] = {m.gapPx, std::min(m.gapPx, smallGap)};
    ImFont* const fonts[] = {ctx.theme.title(), ctx.theme.bodyBold()};
    auto rowsHeight = [&](int rows, float gap) {
        return static_cast<float>(rows) * rowH + static_cast<float>(rows - 1) * gap;
    };

    if (keypadBeside && screen.x >= screen.y) {
        // The keypad at the right, the words at its left: 3 keys a row as on a telephone, else 4 (three
        // rows, for a short screen).
        for (float gap : gaps) {
            for (int cols : {3, 4}) {
                const std::vector<Key> keys = keypadRows(padKeys, cols);
                const int rows = rowsFor(keys, cols);
                if (rowsHeight(rows, gap) > areaH) continue;
                const float colW = columnNeeds(ctx.theme, keys, cols, gap, largeLetters);
                const float keysW = static_cast<float>(cols) * colW + static_cast<float>(cols - 1) * gap;
                const float textW = screen.x - m.marginPx - keysW - gap - x;
                for (ImFont* font : fonts) {
                    if (textHeight(font, textW) > areaH) continue;
                    // Keys as tall as the room lets, up to a little taller than wide.
                    const float keyH =
                        std::clamp((areaH - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows),
                                   rowH, colW * 1.1f);
                    const float keysH = static_cast<float>(rows) * keyH + static_cast<float>(rows - 1) * gap;
                    return TypingLayout{font,
                                        textW,
                                        ImVec2(screen.x - m.marginPx - keysW, bottom - keysH),
                                        ImVec2(screen.x - m.marginPx, bottom),
                                        cols,
                                        gap,
                                        largeLetters,
                                        keys};
                }
            }
        }
    }
    // The keys under the words, across the screen; a keyboard with more letters than its rows hold shows them
    // a page at a time.
    const float textW = screen.x - x - m.marginPx;
    const float keysW = screen.x - 2 * m.marginPx;
    const auto characters = std::ranges::count_if(padKeys, isCharacterKey);
    // A keypad under the words takes 3 keys a row, else 4 or 6 (two rows, for a short screen); it is never
    // shown in parts.
    std::vector<int> columnChoices{std::max(columns, 1)};
    if (keypadBeside) columnChoices = {3, 4, 6};
    for (float gap : gaps) {
        for (int cols : columnChoices) {
            const std::vector<Key> allKeys = keypadBeside ? keypadRows(padKeys, cols) : padKeys;
            // A keypad's digits in bold body text where the title font would leave fewer keys a row.
            bool large = largeLetters;
            auto rowWidth = [&](int n, bool inTitleFont) {
                return static_cast<float>(n) * columnNeeds(ctx.theme, allKeys, n, gap, inTitleFont) +
                       static_cast<float>(n - 1) * gap;
            };
            if (keypadBeside && rowWidth(cols, large) > keysW) large = false;
            while (cols > 1 && rowWidth(cols, large) > keysW)
                --cols;
            const float colW = (keysW - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
            if (columnNeeds(ctx.theme, allKeys, cols, gap, large) > colW) continue;
            // The words in the title font; in bold body text where the keys need more rows than that leaves.
            auto roomWith = [&](ImFont* font) {
                const float textH = textHeight(font, textW);
                return textH > areaH
                           ? 0
                           : static_cast<int>(std::floor((areaH - textH - m.gapPx / 2 + gap) / (rowH + gap)));
            };
            ImFont* font = fonts[0];
            if (rowsFor(allKeys, cols) > roomWith(font) && roomWith(fonts[1]) > roomWith(font))
                font = fonts[1];
            const int room = roomWith(font);
            if (room < 1) continue;
            std::vector<Key> keys = allKeys;
            if (rowsFor(keys, cols) > room) {
                // Letters in pages need two rows or more: one row would show a few letters a page.
                if (characters <= 12 || room < 2) continue;
                keys = keyPage(ctx.theme, allKeys, cols, colW, room, letterPage);
                if (rowsFor(keys, cols) > room || columnNeeds(ctx.theme, keys, cols, gap, large) > colW)
                    continue;
            }
            const int rows = rowsFor(keys, cols);
            const float roomH = areaH - textHeight(font, textW) - m.gapPx / 2;
            const float keyH =
                std::clamp((roomH - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows), rowH,
                           std::max(rowH, colW * 0.9f));
            const float keysH = static_cast<float>(rows) * keyH + static_cast<float>(rows - 1) * gap;
            return TypingLayout{font,
                                textW,
                                ImVec2(m.marginPx, bottom - keysH),
                                ImVec2(m.marginPx + keysW, bottom),
                                cols,
                                gap,
                                large,
                                keys};
        }
    }
    return std::nullopt;
}

} // namespace

namespace {

// The words of a typing page (title, field, then the hint or the message, each left out when empty) at the
// top left, `width` wide.
void drawTypingWords(const ScreenContext& ctx, ImFont* titleFont, float width, const std::string& title,
                     const std::string& shown, const std::string& note, bool noteIsMessage, bool withField) {
    const Metrics& m = ctx.theme.metrics();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = toImColor(ctx.theme.palette().page.text);
    const float x = std::max(m.marginPx, m.cornerPx);
    float y = m.marginPx;
    if (!title.empty()) {
        draw->AddText(titleFont, titleFont->FontSize, ImVec2(x, y), ink, title.c_str(), nullptr, width);
        y += wrappedTextHeight(titleFont, width, title) + m.gapPx / 2;
    }
    if (withField) {
        const float fieldH = titleFont->FontSize + m.gapPx;
        drawField(ctx, ImVec2(x, y), width, fieldH, titleFont, shown);
        y += fieldH + m.gapPx / 2;
    }
    if (!note.empty()) {
        ImFont* noteFont = noteIsMessage ? ctx.theme.bodyBold() : ctx.theme.body();
        draw->AddText(noteFont, noteFont->FontSize, ImVec2(x, y), ink, note.c_str(), nullptr, width);
    }
}

// Where the words, the keys and the bar do not fit one page (a 7" screen at the large text sizes), the
// question comes first on a page of its own: title, field, hint or message, and a bar whose own key
// ("Bấm số", "Gõ chữ") opens the keys on the next page, where "Quay lại" comes back to it. Returns false
// where even the question does not fit.
bool drawQuestionPage(const ScreenContext& ctx, Intents& intents, const std::string& title,
                      const std::string& shown, const char* hint, const std::string& message, bool digits,
                      bool withHome) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    const TypingBar bar = typingBar(ctx.theme,
                                    BarButton{"key.more",
                                              digits ? text::kOpenKeypad : text::kOpenKeyboard,
                                              kiosk::intent::ShowPage{1},
                                              true,
                                              {},
                                              {}},
                                    withHome);
    const float barTop = screen.y - m.marginPx - bar.height;
    const float width = screen.x - std::max(m.marginPx, m.cornerPx) - m.marginPx;
    const std::string note = message.empty() ? std::string(hint) : message;
    ImFont* noteFont = message.empty() ? ctx.theme.body() : ctx.theme.bodyBold();
    const float room = barTop - m.gapPx - m.marginPx;
    // The title and the field where they fit; a refused entry's message, which says what it was about,
    // alone where they do not.
    struct Words {
        bool title, field;
    };
    std::vector<Words> choices{{true, true}, {true, false}};
    if (!message.empty()) choices.push_back({false, false});
    for (const Words words : choices) {
        for (ImFont* font : {ctx.theme.title(), ctx.theme.bodyBold()}) {
            const float height = (words.title ? wrappedTextHeight(font, width, title) + m.gapPx / 2 : 0) +
                                 (words.field ? font->FontSize + m.gapPx + m.gapPx / 2 : 0) +
                                 wrappedTextHeight(noteFont, width, note);
            if (height > room) continue;
            drawTypingWords(ctx, font, width, words.title ? title : std::string(), shown, note,
                            !message.empty(), words.field);
            drawTypingBar(ctx, intents, bar, ImVec2(m.marginPx, barTop));
            return true;
        }
    }
    return false;
}

} // namespace

// A title, the field with what was typed, the hint or the error, the keys, and under them a bar with
// "Quay lại", "Trang đầu" (a resident's page) and the page's own key. A keypad goes beside the words in
// landscape; a keyboard under them shows its letters a page at a time where they do not all fit. Nothing
// overlaps: the title takes bold body text where its own size would leave the keys too little room, never
// smaller. Where all that does not fit one page, the question has a page of its own before the keys
// (drawQuestionPage); where the keys already flow under the words as before the bar, or nothing else fits,
// the page is drawn as before (drawTypingPageAsBefore).
void drawTypingPage(const ScreenContext& ctx, Intents& intents, const std::string& title,
                    const std::string& shown, const char* hint, const std::string& message,
                    const std::vector<Key>& keys, int columns, bool keypadBeside, bool withHome) {
    const Metrics& m = ctx.theme.metrics();
    const ImVec2 screen = ImGui::GetMainViewport()->Size;
    if (drawTypingPageAsBefore(ctx, intents, title, shown, hint, message, keys, columns, keypadBeside,
                               withHome, false)) {
        drawTypingPageAsBefore(ctx, intents, title, shown, hint, message, keys, columns, keypadBeside,
                               withHome);
        return;
    }
    std::optional<BarButton> submit;
    std::vector<Key> padKeys;
    for (const Key& key : keys) {
        if (key.id == "key.submit")
            submit = BarButton{key.id, key.label, key.intent, true, {}, {}};
        else if (key.id != "nav.back")
            padKeys.push_back(key);
    }
    const TypingBar bar = typingBar(ctx.theme, submit, withHome);
    const float barTop = screen.y - m.marginPx - bar.height;
    const int page = ctx.app.state().page;
    // Everything on one page; else the question (page 0, with the message of a refused entry) and then the
    // keys' pages with the field and the bar alone.
    std::optional<TypingLayout> layout = layoutTyping(ctx, title, shown, hint, message, padKeys, columns,
                                                      keypadBeside, m.marginPx, barTop - m.gapPx, page);
    const bool split = !layout;
    if (split && page == 0) {
        const bool digits = std::ranges::none_of(padKeys, [](const Key& k) {
            const auto* type = std::get_if<kiosk::intent::Type>(&k.intent);
            return type && !type->key.empty() && !std::isdigit(static_cast<unsigned char>(type->key[0]));
        });
        if (drawQuestionPage(ctx, intents, title, shown, hint, message, digits, withHome)) return;
    } else if (split) {
        layout = layoutTyping(ctx, "", shown, "", "", padKeys, columns, keypadBeside, m.marginPx,
                              barTop - m.gapPx, page - 1);
        if (layout) { // the letters' pages follow the question's
            for (Key& key : layout->keys)
                if (auto* turn = std::get_if<kiosk::intent::ShowPage>(&key.intent)) turn->page += 1;
        }
    }
    if (!layout) {
        drawTypingPageAsBefore(ctx, intents, title, shown, hint, message, keys, columns, keypadBeside,
                               withHome);
        return;
    }
    if (split)
        drawTypingWords(ctx, layout->titleFont, layout->textW, "", shown, "", false, true);
    else
        drawTypingWords(ctx, layout->titleFont, layout->textW, title, shown, message.empty() ? hint : message,
                        !message.empty(), true);
    drawGrid(ctx, layout->keysMin, layout->keysMax, layout->columns, layout->keys, intents,
             rowsFor(layout->keys, layout->columns), layout->largeLetters, layout->gap);
    drawTypingBar(ctx, intents, bar, ImVec2(m.marginPx, barTop));
}

std::vector<Key> numericKeys(const char* submitLabel) {
    std::vector<Key> keys;
    for (char digit = '1'; digit <= '9'; ++digit) {
        keys.push_back(
            {std::string("key.") + digit, std::string(1, digit), kiosk::intent::Type{std::string(1, digit)}});
    }
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    keys.push_back({"key.0", "0", kiosk::intent::Type{"0"}});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 1, true});
    return keys;
}

std::vector<Key> vietnameseKeys(const char* submitLabel, bool backKey) {
    static const char* const kLetters[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g",
                                           "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p",
                                           "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
    std::vector<Key> keys;
    for (const char* letter : kLetters)
        keys.push_back({std::string("key.") + letter, letter, kiosk::intent::Type{letter}});
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    // Each tone key shows its mark on an "a", the way it is taught in school.
    using kiosk::ToneMark;
    const std::pair<const char*, ToneMark> tones[] = {{"á", ToneMark::acute},
                                                      {"à", ToneMark::grave},
                                                      {"ả", ToneMark::hook},
                                                      {"ã", ToneMark::tilde},
                                                      {"ạ", ToneMark::dotBelow}};
    int index = 0;
    for (const auto& [label, mark] : tones) {
        keys.push_back({"key.tone" + std::to_string(++index), label, kiosk::intent::Tone{mark}});
    }
    keys.push_back({"key.space", text::kSpace, kiosk::intent::Type{" "}, backKey ? 2 : 3});
    if (backKey) keys.push_back({"nav.back", text::kBack, kiosk::intent::Back{}});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 2, true});
    return keys;
}

std::vector<Key> codeKeys(const char* submitLabel) {
    std::vector<Key> keys;
    for (char c : kiosk::bookingCodeAlphabet) {
        keys.push_back({std::string("key.") + c, std::string(1, c), kiosk::intent::Type{std::string(1, c)}});
    }
    keys.push_back({"key.erase", text::kPinErase, kiosk::intent::Erase{}});
    keys.push_back({"key.submit", submitLabel, kiosk::intent::Submit{}, 2, true});
    return keys;
}

} // namespace ui
