#include "layout_checks.hpp"

#include "ui/screens.hpp"

#include <fmt/format.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <functional>
#include <optional>
#include <variant>

namespace layout {

std::string describe(const ScreenSize& size) {
    return fmt::format("{}x{} at {} in", size.width, size.height, size.diagonal);
}

std::string sizeKey(const ScreenSize& size) {
    return fmt::format("{}x{}@{}", size.width, size.height, size.diagonal);
}

// Layout problems not fixed yet: none since 2026-12-06 (issue 17 began with 638 on 2026-12-03). A problem
// that cannot be fixed at once may be listed here as {screen, check, "WxH@inches:levels ..."}, and the
// test then reports it instead of failing; one that stops happening fails the test, so the list stays
// true. Checks: target-size / target-gap / target-inside (touch targets), text-in-box (a button's text
// sticks out of the button), word-split (a word too wide for its button is cut), text-on-screen (glyphs
// cut by the screen edge), text-across-target / text-over-target (other text crossing or covering a
// button), text-overlap (text drawn over text), tap-intent (a tap on a target gives no intent, or not the
// one expected), home-button (a resident screen but home without "Trang đầu").
const std::vector<KnownFailure>& knownFailures() {
    static const std::vector<KnownFailure> known{};
    return known;
}

namespace {

bool screenMatches(std::string_view pattern, std::string_view screen) {
    if (pattern.ends_with('*')) return screen.starts_with(pattern.substr(0, pattern.size() - 1));
    return pattern == screen;
}

// Does the entry's "where" list this size key and text size?
bool listed(const KnownFailure& k, const std::string& key, int textSize) {
    std::string_view rest = k.where;
    while (!rest.empty()) {
        const size_t end = rest.find(' ');
        const std::string_view item = rest.substr(0, end);
        const size_t colon = item.find(':');
        if (colon != std::string_view::npos && item.substr(0, colon) == key &&
            item.substr(colon + 1).find(static_cast<char>('0' + textSize)) != std::string_view::npos) {
            return true;
        }
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
    return false;
}

std::string where(std::string_view screen, const ScreenSize& size, int textSize) {
    return fmt::format("{} at {}, text size {}", screen, describe(size), textSize);
}

} // namespace

void Report::noteDrawn(const std::string& screen, const ScreenSize& size, int textSize) {
    const std::string key = sizeKey(size);
    for (const KnownFailure& k : layout::knownFailures()) {
        if (screenMatches(k.screen, screen) && listed(k, key, textSize))
            m_knownDrawn.insert({&k, key, textSize});
    }
}

void Report::fail(const std::string& screen, const ScreenSize& size, int textSize, const std::string& check,
                  const std::string& detail) {
    std::string line = fmt::format("[{}] {}: {}", check, where(screen, size, textSize), detail);
    const std::string key = sizeKey(size);
    for (const KnownFailure& k : layout::knownFailures()) {
        if (k.check == check && screenMatches(k.screen, screen) && listed(k, key, textSize)) {
            m_knownHit.insert({&k, key, textSize});
            auto& [count, first] = m_known[{&k, key, textSize}];
            if (count++ == 0) first = std::move(line);
            ++m_knownCount;
            return;
        }
    }
    m_failures.push_back(std::move(line));
}

std::vector<std::string> Report::staleKnownFailures() const {
    std::vector<std::string> stale;
    for (const Case& c : m_knownDrawn) {
        if (m_knownHit.contains(c)) continue;
        const auto& [k, key, textSize] = c;
        stale.push_back(
            fmt::format("known failure [{}] {} at {}, text size {} no longer happens: take it off the "
                        "list in layout_checks.cpp",
                        k->check, k->screen, key, textSize));
    }
    return stale;
}

std::vector<std::string> Report::knownFailures() const {
    std::vector<std::string> lines;
    for (const auto& [c, seen] : m_known) {
        lines.push_back(fmt::format("{} problem(s) listed as [{}] {}; the first: {}", seen.first,
                                    std::get<0>(c)->check, std::get<0>(c)->screen, seen.second));
    }
    return lines;
}

std::string Report::summary() const {
    return fmt::format("{} screen drawings checked ({} checks, {} taps): {} unexpected problem(s), {} known",
                       m_screens, m_checks, m_taps, m_failures.size(), m_knownCount);
}

namespace {

struct Box {
    ImVec2 min, max;
    [[nodiscard]] float width() const { return max.x - min.x; }
    [[nodiscard]] float height() const { return max.y - min.y; }
    [[nodiscard]] float area() const { return std::max(0.0f, width()) * std::max(0.0f, height()); }
};

std::string str(const Box& b) {
    return fmt::format("({:.0f},{:.0f})-({:.0f},{:.0f})", b.min.x, b.min.y, b.max.x, b.max.y);
}

bool inside(const Box& inner, const Box& outer, float tolerance) {
    return inner.min.x >= outer.min.x - tolerance && inner.min.y >= outer.min.y - tolerance &&
           inner.max.x <= outer.max.x + tolerance && inner.max.y <= outer.max.y + tolerance;
}

Box intersection(const Box& a, const Box& b) {
    return {ImVec2(std::max(a.min.x, b.min.x), std::max(a.min.y, b.min.y)),
            ImVec2(std::min(a.max.x, b.max.x), std::min(a.max.y, b.max.y))};
}

// Distance between two targets' edges, as tests/e2e's scenario player measures it.
float gapBetween(const Box& a, const Box& b) {
    float dx = std::max({0.0f, b.min.x - a.max.x, a.min.x - b.max.x});
    float dy = std::max({0.0f, b.min.y - a.max.y, a.min.y - b.max.y});
    return std::max(dx, dy);
}

struct Glyph {
    Box box;
    size_t order; // in drawing order: neighbours in a line may touch
};

// Every glyph quad in a draw list: textured by the font atlas and away from its white pixel (shapes
// sample only the white pixel once AntiAliasedLinesUseTex is off; pictures have their own texture).
// Returns false if the quads are not the 4-vertex runs ImFont::RenderText writes.
bool collectGlyphs(const ImDrawList& list, std::vector<Glyph>& out) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 white = io.Fonts->TexUvWhitePixel;
    std::vector<unsigned> vertices;
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
        if (cmd.UserCallback || cmd.TextureId != io.Fonts->TexID) continue;
        for (unsigned i = 0; i < cmd.ElemCount; ++i) {
            unsigned v = cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + i)];
            const ImDrawVert& vert = list.VtxBuffer[static_cast<int>(v)];
            if (vert.uv.x != white.x || vert.uv.y != white.y) vertices.push_back(v);
        }
    }
    std::ranges::sort(vertices);
    vertices.erase(std::unique(vertices.begin(), vertices.end()), vertices.end());
    if (vertices.size() % 4 != 0) return false;
    for (size_t i = 0; i < vertices.size(); i += 4) {
        if (vertices[i + 3] != vertices[i] + 3) return false;
        Box box{ImVec2(FLT_MAX, FLT_MAX), ImVec2(-FLT_MAX, -FLT_MAX)};
        for (size_t k = 0; k < 4; ++k) {
            ImVec2 p = list.VtxBuffer[static_cast<int>(vertices[i + k])].pos;
            box.min = ImVec2(std::min(box.min.x, p.x), std::min(box.min.y, p.y));
            box.max = ImVec2(std::max(box.max.x, p.x), std::max(box.max.y, p.y));
        }
        out.push_back({box, out.size()});
    }
    return true;
}

// The exact intent a tap on some targets must give; nullopt for targets checked only for "some intent".
struct Expected {
    std::string what;
    std::function<bool(const kiosk::Intent&)> matches;
};

template <typename T> Expected is(std::string what, std::function<bool(const T&)> also = {}) {
    return {std::move(what), [also](const kiosk::Intent& i) {
                const T* v = std::get_if<T>(&i);
                return v && (!also || also(*v));
            }};
}

std::optional<Expected> expectedIntent(const std::string& id) {
    namespace in = kiosk::intent;
    if (id == "nav.back") return is<in::Back>("Back");
    if (id == "nav.help" || id == "home.tile.booking") return is<in::OpenBooking>("OpenBooking");
    if (id.starts_with("home.tile.")) {
        std::string topic = id.substr(10);
        return is<in::OpenTopic>("OpenTopic{" + topic + "}",
                                 [topic](const in::OpenTopic& o) { return o.topicId == topic; });
    }
    if (id.starts_with("home.textsize.")) {
        int level = id.back() - '0';
        return is<in::SetTextSize>(fmt::format("SetTextSize{{{}}}", level),
                                   [level](const in::SetTextSize& s) { return s.level == level; });
    }
    if (id.starts_with("guide.")) {
        std::string guide = id.substr(6);
        return is<in::OpenGuide>("OpenGuide{" + guide + "}",
                                 [guide](const in::OpenGuide& o) { return o.guideId == guide; });
    }
    if (id == "list.next_page") return is<in::ShowPage>("ShowPage");
    if (id == "intro.start")
        return is<in::StartGuide>("StartGuide{false}", [](const in::StartGuide& s) { return !s.practice; });
    if (id == "intro.practice")
        return is<in::StartGuide>("StartGuide{true}", [](const in::StartGuide& s) { return s.practice; });
    // The next page of the step's words first, when they take more than one.
    if (id == "step.next") {
        return Expected{"NextStep or ShowPage", [](const kiosk::Intent& i) {
                            return std::holds_alternative<in::NextStep>(i) ||
                                   std::holds_alternative<in::ShowPage>(i);
                        }};
    }
    if (id == "step.back") return is<in::PreviousStep>("PreviousStep");
    if (id == "step.listen") return is<in::PlayNarration>("PlayNarration");
    if (id == "step.practice") return is<in::SetPractice>("SetPractice");
    if (id == "step.picture") return is<in::PracticeTap>("PracticeTap");
    if (id == "step.zoom")
        return is<in::ZoomPicture>("ZoomPicture{0}", [](const in::ZoomPicture& z) { return z.part == 0; });
    if (id == "zoom.more") return is<in::ZoomPicture>("ZoomPicture");
    if (id.starts_with("survey.")) return is<in::AnswerSurvey>("AnswerSurvey");
    if (id == "idle.still_here") return is<in::StillHere>("StillHere");
    if (id == "booking.home") return is<in::GoHome>("GoHome");
    if (id == "booking.cancel_own") return is<in::StartCancel>("StartCancel");
    if (id.size() == 5 && id.starts_with("pin.") && id[4] >= '0' && id[4] <= '9') {
        char digit = id[4];
        return is<in::PinDigit>(fmt::format("PinDigit{{{}}}", digit),
                                [digit](const in::PinDigit& p) { return p.digit == digit; });
    }
    if (id == "staff.restart") return is<in::RestartProgram>("RestartProgram");
    if (id == "staff.quit") return is<in::AskQuit>("AskQuit");
    if (id == "staff.quit.confirm") return is<in::QuitProgram>("QuitProgram");
    if (id == "nav.home" || id == "finish.home") return is<in::GoHome>("GoHome");
    return std::nullopt;
}

struct Checker {
    const ScreenSize& size;
    int textSize;
    const std::string& screen;
    Report& report;
    const ui::Metrics& metrics;

    void fail(const std::string& check, const std::string& detail) {
        report.fail(screen, size, textSize, check, detail);
    }

    void targets(const std::vector<ui::TouchTarget>& all) {
        const Box screenBox{ImVec2(0, 0),
                            ImVec2(static_cast<float>(size.width), static_cast<float>(size.height))};
        if (all.empty()) fail("targets", "no touch targets on screen");
        for (const ui::TouchTarget& t : all) {
            Box b{t.min, t.max};
            float side = std::min(b.width(), b.height()) / metrics.pxPerMm;
            report.countCheck(2);
            if (side + 0.01f < kMinTargetMm) {
                fail("target-size", fmt::format("{} is {:.1f} mm ({:.0f}x{:.0f} px), less than {} mm", t.id,
                                                side, b.width(), b.height(), kMinTargetMm));
            }
            if (!inside(b, screenBox, 0.5f))
                fail("target-inside", fmt::format("{} {} is off the screen", t.id, str(b)));
        }
        for (size_t i = 0; i < all.size(); ++i) {
            for (size_t j = i + 1; j < all.size(); ++j) {
                float gap = gapBetween({all[i].min, all[i].max}, {all[j].min, all[j].max}) / metrics.pxPerMm;
                report.countCheck();
                if (gap + 0.01f < kMinGapMm) {
                    fail("target-gap", fmt::format("{} and {} are {:.1f} mm apart, less than {} mm",
                                                   all[i].id, all[j].id, gap, kMinGapMm));
                }
            }
        }
    }

    // Text that widgets draw on their buttons: inside the button, and no word split for lack of width.
    // (The widget aims for a box 2.5 mm inside the button; text in that padding is not counted.)
    void widgetTexts(const std::vector<ui::DrawnText>& texts, const std::vector<ui::TouchTarget>& targets) {
        for (const ui::DrawnText& t : texts) {
            if (t.min.x > t.max.x) continue; // no text
            auto owner = std::ranges::find(targets, t.owner, &ui::TouchTarget::id);
            if (owner == targets.end()) continue;
            Box drawn{t.min, t.max}, button{owner->min, owner->max};
            report.countCheck(2);
            if (!inside(drawn, button, 0.5f)) {
                float below = drawn.max.y - button.max.y, above = button.min.y - drawn.min.y;
                float right = drawn.max.x - button.max.x, left = button.min.x - drawn.min.x;
                fail("text-in-box",
                     fmt::format(
                         "{}: text {} ({:.0f}x{:.0f} px) sticks out of its {:.0f}x{:.0f} px button {} by "
                         "{:.1f} mm (top {:.0f}, bottom {:.0f}, left {:.0f}, right {:.0f} px)",
                         t.owner, str(drawn), drawn.width(), drawn.height(), button.width(), button.height(),
                         str(button), std::max({0.0f, below, above, right, left}) / metrics.pxPerMm,
                         std::max(0.0f, above), std::max(0.0f, below), std::max(0.0f, left),
                         std::max(0.0f, right)));
            }
            if (t.brokeWord) {
                fail("word-split",
                     fmt::format("{}: a word is wider than the {:.0f} px text box and is split across lines",
                                 t.owner, t.boxMax.x - t.boxMin.x));
            }
        }
    }

    void glyphs(const std::vector<Glyph>& all, const std::vector<ui::TouchTarget>& targets,
                const std::vector<ui::DrawnText>& texts) {
        const Box screenBox{ImVec2(0, 0),
                            ImVec2(static_cast<float>(size.width), static_cast<float>(size.height))};
        int offScreen = 0;
        Box firstOff{};
        for (const Glyph& g : all) {
            if (!inside(g.box, screenBox, 1.0f)) {
                if (offScreen++ == 0) firstOff = g.box;
            }
        }
        report.countCheck(static_cast<long>(all.size()));
        if (offScreen)
            fail("text-on-screen", fmt::format("{} glyph(s) cut by the screen edge, the first at {}",
                                               offScreen, str(firstOff)));

        // Text across a button's edge, or inside a button but not the button's own text.
        const float slack = metrics.titlePx * 0.3f;
        for (const ui::TouchTarget& t : targets) {
            Box tb{t.min, t.max};
            int across = 0, foreign = 0;
            Box firstAcross{}, firstForeign{};
            for (const Glyph& g : all) {
                Box overlap = intersection(g.box, tb);
                if (overlap.width() <= 1.0f || overlap.height() <= 1.0f) continue;
                // The button's own text sticking out is "text-in-box"; here: text that is not the button's.
                bool own = std::ranges::any_of(texts, [&](const ui::DrawnText& d) {
                    return d.owner == t.id && inside(g.box,
                                                     {ImVec2(d.min.x - slack, d.min.y - slack),
                                                      ImVec2(d.max.x + slack, d.max.y + slack)},
                                                     0);
                });
                if (own) continue;
                if (!inside(g.box, tb, 1.0f)) {
                    if (across++ == 0) firstAcross = g.box;
                } else if (foreign++ == 0) {
                    firstForeign = g.box;
                }
            }
            report.countCheck(2);
            if (across) {
                fail("text-across-target", fmt::format("{} glyph(s) cross the edge of {} {}, the first at {}",
                                                       across, t.id, str(tb), str(firstAcross)));
            }
            if (foreign) {
                fail("text-over-target",
                     fmt::format("{} glyph(s) inside {} {} are not its own text, the first at {}", foreign,
                                 t.id, str(tb), str(firstForeign)));
            }
        }

        // Text over text: two glyphs that are not neighbours in a line covering much of each other.
        std::vector<const Glyph*> byTop;
        for (const Glyph& g : all)
            byTop.push_back(&g);
        std::ranges::sort(byTop, {}, [](const Glyph* g) { return g->box.min.y; });
        int overlaps = 0;
        std::string first;
        for (size_t i = 0; i < byTop.size(); ++i) {
            const Glyph& a = *byTop[i];
            for (size_t j = i + 1; j < byTop.size() && byTop[j]->box.min.y < a.box.max.y; ++j) {
                const Glyph& b = *byTop[j];
                if (a.order + 1 == b.order || b.order + 1 == a.order) continue;
                float shared = intersection(a.box, b.box).area();
                if (shared <= 0.3f * std::min(a.box.area(), b.box.area())) continue;
                if (overlaps++ == 0) first = fmt::format("{} and {}", str(a.box), str(b.box));
            }
        }
        report.countCheck();
        if (overlaps)
            fail("text-overlap",
                 fmt::format("{} pair(s) of glyphs drawn over each other, the first {}", overlaps, first));
    }
};

} // namespace

void checkScreen(const kiosk::App& app, const ui::Theme& theme, platform::PictureCache& pictures,
                 const std::filesystem::path& contentRoot, kiosk::TimePoint now, const ScreenSize& size,
                 int textSize, const std::string& screen, Report& report) {
    report.countScreen();
    report.noteDrawn(screen, size, textSize);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
    io.DeltaTime = 1.0f / 60.0f;
    ui::TargetRegistry registry;
    auto frame = [&](ImVec2 pointer, bool down) {
        io.MousePos = pointer;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        registry.clear();
        ui::Intents intents = ui::drawCurrentScreen({app, theme, registry, now, pictures, contentRoot});
        ImGui::Render();
        return intents;
    };
    const ImVec2 away(-FLT_MAX, -FLT_MAX);
    frame(away, false);
    ui::Intents idle = frame(away, false);
    Checker check{size, textSize, screen, report, theme.metrics()};
    // LAYOUT_DEBUG="booking.day at 800x480 at 10.1 in, text size 2" prints that drawing's targets and texts.
    if (const char* debug = std::getenv("LAYOUT_DEBUG"); debug && where(screen, size, textSize) == debug) {
        for (const auto& t : registry.all())
            fmt::print("target {} {}\n", t.id, str({t.min, t.max}));
        for (const auto& t : registry.texts()) {
            fmt::print("text of {} {} in box {}\n", t.owner, str({t.min, t.max}), str({t.boxMin, t.boxMax}));
        }
    }
    report.countCheck();
    if (!idle.empty())
        check.fail("no-touch", fmt::format("{} intent(s) with nobody touching the screen", idle.size()));

    // Over the idle countdown only its own window can be touched: check that window alone.
    const bool overlay = app.state().countdownEndsAt.has_value();
    std::vector<ui::TouchTarget> targets;
    for (const ui::TouchTarget& t : registry.all()) {
        if (!overlay || t.id.starts_with("idle.")) targets.push_back(t);
    }
    std::vector<ui::DrawnText> texts;
    for (const ui::DrawnText& t : registry.texts()) {
        if (!overlay || t.owner.starts_with("idle.")) texts.push_back(t);
    }
    std::vector<Glyph> glyphs;
    bool parsed = true;
    if (overlay) {
        ImGuiWindow* window = ImGui::FindWindowByName("idle-countdown");
        parsed = window && collectGlyphs(*window->DrawList, glyphs);
    } else {
        const ImDrawData* data = ImGui::GetDrawData();
        for (int n = 0; n < data->CmdListsCount; ++n)
            parsed = collectGlyphs(*data->CmdLists[n], glyphs) && parsed;
    }
    if (!parsed)
        check.fail("glyph-quads",
                   "the draw lists hold textured quads that are not glyphs: cannot check text");

    check.targets(targets);
    // Every resident screen but home has a way home ("Trang đầu"); the team's pages and the PIN pad do not.
    const kiosk::Screen on = app.state().screen;
    const bool resident =
        on != kiosk::Screen::Home && on != kiosk::Screen::StaffPin && on != kiosk::Screen::Staff;
    if (resident && !overlay) {
        report.countCheck();
        const bool home = std::ranges::any_of(targets, [](const ui::TouchTarget& t) {
            return t.id == "nav.home" || t.id == "finish.home" || t.id == "booking.home";
        });
        if (!home) check.fail("home-button", "no \"Trang đầu\" on this resident screen");
    }
    check.widgetTexts(texts, targets);
    check.glyphs(glyphs, targets, texts);

    // A tap on each target: press on one frame, release on the next, as platform/touch_input does.
    for (const ui::TouchTarget& t : targets) {
        ImVec2 centre((t.min.x + t.max.x) / 2, (t.min.y + t.max.y) / 2);
        ui::Intents got = frame(centre, true);
        ui::Intents released = frame(centre, false);
        got.insert(got.end(), released.begin(), released.end());
        report.countTap();
        report.countCheck();
        if (got.empty()) {
            check.fail("tap-intent", fmt::format("a tap on {} at ({:.0f},{:.0f}) gave no intent", t.id,
                                                 centre.x, centre.y));
            continue;
        }
        if (auto expected = expectedIntent(t.id)) {
            report.countCheck();
            if (!std::ranges::all_of(got, expected->matches)) {
                check.fail("tap-intent", fmt::format("a tap on {} gave {} intent(s), not just {}", t.id,
                                                     got.size(), expected->what));
            }
        }
    }
    frame(away, false);
}

} // namespace layout
