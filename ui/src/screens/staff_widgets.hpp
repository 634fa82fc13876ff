// Pieces the team-member pages share: a choice grid that pages instead of scrolling, the result
// message, a line of text and the bottom bar with "Quay lại" and one main action.
#pragma once

#include "ui/keypads.hpp"
#include "ui/screens.hpp"
#include "ui/staff_strings.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ui::staff {

struct Choice {
    std::string id;
    std::string title;
    std::string subtitle;
    kiosk::Intent intent;
    ColourPair colours;
    bool enabled = true; // a closed day is shown, but is not a target
};

[[nodiscard]] inline kiosk::Intent act(kiosk::StaffIntent action) {
    return kiosk::intent::Staff{std::move(action)};
}
[[nodiscard]] const kiosk::StaffDeskState& deskState(const ScreenContext& ctx);

// Big choices in a grid between top and bottom, a page at a time (the desk's listPage); the last cell
// pages on when needed. minWidth picks the columns (fewer when a word would not fit); rows are at least
// minHeight and as tall as the longest label needs, at most maxRows of them (0: as many as fit). fromX/toX
// narrow it to a column of the page. Returns the y under the grid.
float drawChoices(const ScreenContext& ctx, float top, float bottom, const std::vector<Choice>& choices,
                  float minWidth, float minHeight, Intents& intents, float fromX = 0, float toX = 0,
                  int maxRows = 0);
// The height of one row of drawChoices's grid over this width, its page button included (at least a touch
// target).
[[nodiscard]] float choiceRowHeight(const ScreenContext& ctx, const std::vector<Choice>& choices,
                                    float minWidth, float width);
// A line of text with one button at its right end (e.g. a member and "Ngừng"); no button when the
// intent is empty. Pages like drawChoices.
struct ActionRow {
    std::string text;
    std::string id;
    std::string label;
    std::optional<kiosk::Intent> intent;
};
void drawActionRows(const ScreenContext& ctx, float top, float bottom, const std::vector<ActionRow>& rows,
                    Intents& intents);
// The last action's result in a notice box; returns the y below it (y itself when there is none).
float drawMessage(const ScreenContext& ctx, float y);
// The height drawMessage takes (0 when there is no message).
[[nodiscard]] float messageHeight(const ScreenContext& ctx);
// One line (wrapped) of text; returns the y below it.
float drawText(const ScreenContext& ctx, float y, const std::string& text, bool bold = false, float fromX = 0,
               float toX = 0);
// The page's title (and subtitle) as drawHeader draws it where that leaves room below it down to bottom;
// else the title alone in bold body text, which takes less height. Returns the y under it.
float drawStaffTitle(const ScreenContext& ctx, const char* title, float roomBelow, float bottom,
                     const char* subtitle = nullptr);
// The height a row of choices needs at least, with a label of two lines in bold body text.
[[nodiscard]] float twoLineChoiceHeight(const ScreenContext& ctx);
// The team's bottom bar: its two ends' width and the height their labels need (the shared nav bar is as
// tall as "Cần người giúp" needs, which the team's pages do not show).
struct StaffBar {
    float width = 0; // each end's
    float height = 0;
    float top = 0;
};
[[nodiscard]] StaffBar staffBar(const ScreenContext& ctx, const char* leftLabel, const char* rightLabel);
// The height a button of this width needs for its label in bold body text (at least a touch target).
[[nodiscard]] float labelHeight(const ScreenContext& ctx, const char* label, float width);
// "Quay lại" on the left and, when given, one main action on the right. Returns the bar's top.
// minHeight: as tall as other buttons sharing the bar.
float drawStaffNav(const ScreenContext& ctx, Intents& intents, const char* id = nullptr,
                   const char* label = nullptr, std::optional<kiosk::Intent> action = std::nullopt,
                   float minHeight = 0);
// A yes/no question on a page of its own: the question as the title, why under it, "Không" (Back, the
// safe answer, highlighted) on the left and the action on the right.
void drawQuestion(const ScreenContext& ctx, Intents& intents, const std::string& question,
                  const std::string& why, const char* yesId, const char* yesLabel, kiosk::Intent yes);
// "VNeID – Kích hoạt mức 2, bước 4".
[[nodiscard]] std::string whatHelpWith(const ScreenContext& ctx, const kiosk::QueueEntry& entry);

// The pages, one function each.
void drawQueue(const ScreenContext& ctx, Intents& intents);
void drawBookingDetail(const ScreenContext& ctx, Intents& intents);
void drawNote(const ScreenContext& ctx, Intents& intents);
void drawReschedule(const ScreenContext& ctx, Intents& intents);
void drawSchedule(const ScreenContext& ctx, Intents& intents);
void drawClosures(const ScreenContext& ctx, Intents& intents);
void drawAddClosure(const ScreenContext& ctx, Intents& intents);
void drawMembers(const ScreenContext& ctx, Intents& intents);
void drawAddMemberName(const ScreenContext& ctx, Intents& intents);
void drawAddMemberPin(const ScreenContext& ctx, Intents& intents);
void drawAudit(const ScreenContext& ctx, Intents& intents);
void drawExport(const ScreenContext& ctx, Intents& intents);
void drawGuideChecks(const ScreenContext& ctx, Intents& intents);
void drawCheckStep(const ScreenContext& ctx, Intents& intents);
void drawFlag(const ScreenContext& ctx, Intents& intents);
void drawFlagNote(const ScreenContext& ctx, Intents& intents);
void drawHelpDay(const ScreenContext& ctx, Intents& intents);
void drawHelpPlace(const ScreenContext& ctx, Intents& intents);
void drawHelpPeople(const ScreenContext& ctx, Intents& intents);
void drawHelpResults(const ScreenContext& ctx, Intents& intents);
void drawBookingResults(const ScreenContext& ctx, Intents& intents);
void drawSatisfaction(const ScreenContext& ctx, Intents& intents);
// A field over (or beside) a keypad, for the note, a member's name and PIN.
void drawTypingPage(const ScreenContext& ctx, Intents& intents, const std::string& title,
                    const std::string& shown, const char* hint, const std::vector<Key>& keys, int columns,
                    bool keypadBeside);

} // namespace ui::staff
