// Every resident and staff screen drawn in-process, with the real fonts and the real kiosk::App, at
// each screen size and text size: touch targets as big and as far apart as the e2e scenarios promise,
// inside the screen; text inside its box, on the screen, not over a button it does not belong to and
// not over other text; and a tap on each target gives the intents a finger would.
//
// No display: ImGui only builds draw lists (nothing is rasterised); pictures become textures of a
// software renderer drawing into a small surface. One ImGui context (and font atlas) per screen size
// and text size, built once. Each journey is one App walked by intents; at each stop every size and
// text size is drawn and checked.
#include "layout_checks.hpp"

#include "app/app.hpp"
#include "bookings/bookings.hpp"
#include "content/guide.hpp"
#include "content/topics.hpp"
#include "staff/staff_desk.hpp"
#include "storage/migrations.hpp"
#include "ui/keypads.hpp"
#include "ui/screens.hpp"
#include "ui/strings.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <SDL.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cfloat>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

using kiosk::Intent;
using kiosk::TimePoint;
namespace intent = kiosk::intent;
namespace si = kiosk::staff_intent;

namespace {

// 2026-11-27 01:00 UTC = 08:00 on Friday 27/11 in Hanoi.
const TimePoint t0 = std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} + std::chrono::hours(1);
const char* const kPin = "2580";

// The screens villages buy, at their real diagonals: the Raspberry Pi Touch Display (7", 800x480), a
// 7" 1024x600 HDMI panel, the 10.1" 1280x800 HDMI panel README's sizes are measured on, a 15.6"
// full-HD monitor, a 10.1" 800x1280 portrait panel (the common 10.1" DSI/HDMI boards turned upright)
// and the Pi Touch Display 2 (7", 720x1280 portrait).
const std::vector<layout::ScreenSize>& screenSizes() {
    static const std::vector<layout::ScreenSize> sizes{{800, 480, 7.0},   {1024, 600, 7.0},
                                                       {1280, 800, 10.1}, {1920, 1080, 15.6},
                                                       {800, 1280, 10.1}, {720, 1280, 7.0}};
    return sizes;
}

const content::Library& bundledLibrary() {
    static const content::Library library = [] {
        content::LoadOptions options;
        options.root = KIOSK_SOURCE_ROOT;
        options.today = {2026, 11, 27};
        return content::loadLibrary(options);
    }();
    return library;
}

const std::filesystem::path& contentRoot() {
    static const std::filesystem::path root(KIOSK_SOURCE_ROOT);
    return root;
}

// One ImGui context per screen size and text size, its fonts baked once by the real ui::Theme.
struct Context {
    ImGuiContext* imgui = nullptr;
    std::unique_ptr<ui::Theme> theme;
};

struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const noexcept { SDL_FreeSurface(s); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* r) const noexcept { SDL_DestroyRenderer(r); }
};

class Stack {
  public:
    Stack()
        : m_surface(SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32)),
          m_renderer(m_surface ? SDL_CreateSoftwareRenderer(m_surface.get()) : nullptr) {
        if (!m_renderer) throw std::runtime_error(std::string("software renderer: ") + SDL_GetError());
        m_pictures = std::make_unique<platform::PictureCache>(m_renderer.get());
    }
    ~Stack() {
        m_pictures.reset(); // textures before their renderer
        for (auto& [key, context] : m_contexts)
            ImGui::DestroyContext(context.imgui);
    }
    Stack(const Stack&) = delete;
    Stack& operator=(const Stack&) = delete;

    // Makes the context for this size and text size current and returns its theme.
    const ui::Theme& use(const layout::ScreenSize& size, int textSize) {
        std::string key = fmt::format("{}x{}@{}/{}", size.width, size.height, size.diagonal, textSize);
        auto found = m_contexts.find(key);
        if (found == m_contexts.end()) {
            Context context;
            context.imgui = ImGui::CreateContext();
            ImGui::SetCurrentContext(context.imgui);
            ImGuiIO& io = ImGui::GetIO();
            io.IniFilename = nullptr;
            io.LogFilename = nullptr;
            io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset; // as imgui_impl_sdlrenderer says
            // Thick lines from triangles rather than from the font texture: then every textured quad
            // that samples the atlas away from its white pixel is a glyph (layout_checks.cpp).
            ImGui::GetStyle().AntiAliasedLinesUseTex = false;
            context.theme = std::make_unique<ui::Theme>(size.diagonal);
            context.theme->update(size.width, size.height, textSize);
            REQUIRE_MESSAGE(context.theme->fontError().empty(), context.theme->fontError());
            found = m_contexts.emplace(key, std::move(context)).first;
        }
        ImGui::SetCurrentContext(found->second.imgui);
        return *found->second.theme;
    }

    platform::PictureCache& pictures() { return *m_pictures; }

  private:
    std::unique_ptr<SDL_Surface, SurfaceDeleter> m_surface;
    std::unique_ptr<SDL_Renderer, RendererDeleter> m_renderer;
    // A pointer, not std::optional: g++ 12 with ASan warns (maybe-uninitialized) on the optional's reset.
    std::unique_ptr<platform::PictureCache> m_pictures;
    std::map<std::string, Context> m_contexts;
};

Stack& stack() {
    static Stack instance;
    return instance;
}

kiosk::db::Database migratedInMemory() {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

// A kiosk as main.cpp wires it: bookings, the team's desk and the bundled guides; a fixed clock.
struct Kiosk {
    kiosk::Config config;
    kiosk::db::Database db = migratedInMemory();
    kiosk::StaffRepository staff{db};
    kiosk::BookingService bookings{db, kiosk::bookingRulesFromConfig(config)};
    kiosk::StaffDesk desk{db, bookings, staff, config};
    kiosk::App app{config, staff, {}, t0, &bundledLibrary()};
    TimePoint now = t0;

    Kiosk() : Kiosk(kiosk::Config{}) {}
    explicit Kiosk(kiosk::Config c) : config(std::move(c)) {
        app.setTapSettle(kiosk::Milliseconds(0)); // text sizes are switched at one instant
        app.connectBookings(bookings);
        app.connectStaffDesk(desk);
        desk.setRemovableMediaRoots({});
    }
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    void apply(const Intent& i) {
        now += std::chrono::milliseconds(100);
        app.noteInput(now);
        app.apply(i, now);
    }
    void type(std::string_view keys) {
        for (char c : keys)
            apply(intent::Type{std::string(1, c)});
    }
    void staffPage(kiosk::StaffPage page) { apply(intent::Staff{si::ShowPage{page}}); }
    // Five taps on the hidden corner and the PIN of a member made before: staff mode.
    void signIn() {
        for (int tap = 0; tap < 5; ++tap)
            apply(intent::CornerTap{});
        for (char c : std::string_view(kPin))
            apply(intent::PinDigit{c});
        apply(intent::PinSubmit{});
    }
    // Booking codes are random, and their width moves what is drawn around them: each booking gets a
    // fixed code of the alphabet's widest letters instead, so every run draws the same (worst) case.
    std::string book(int dayOffset, int minute, const char* name) {
        kiosk::BookingRequest request;
        request.slot = {kiosk::LocalDate{std::chrono::sys_days{std::chrono::year{2026} / 11 / 27} +
                                         std::chrono::days{dayOffset}},
                        minute};
        request.topic = "vneid";
        request.guideId = "vneid-kich-hoat-muc-2";
        request.guideStep = 4;
        request.phone = "0912345678";
        request.name = name;
        auto booked = bookings.book(request, now);
        REQUIRE(booked);
        const std::string code = std::string("WMWMW") + "3467"[m_booked++ % 4];
        db.prepare("UPDATE booking SET code = ?1 WHERE id = ?2").bind(1, code).bind(2, booked->id).run();
        return code;
    }

  private:
    int m_booked = 0;
};

// Draws the current screen at every size and text size and checks it; the text size is left at 0.
void checkEverywhere(Kiosk& k, const std::string& screen, layout::Report& report) {
    for (int textSize = 0; textSize < kiosk::kTextSizeCount; ++textSize) {
        k.app.apply(intent::SetTextSize{textSize}, k.now);
        for (const layout::ScreenSize& size : screenSizes()) {
            const ui::Theme& theme = stack().use(size, textSize);
            layout::checkScreen(k.app, theme, stack().pictures(), contentRoot(), k.now, size, textSize,
                                screen, report);
        }
    }
    k.app.apply(intent::SetTextSize{0}, k.now);
}

// A typing page, then its second page: where the question and the keys do not fit one screen (a 7"
// screen at large text) the keys come on a page after the question, and "Quay lại" comes back to it.
void checkTypingPages(Kiosk& k, const std::string& screen, layout::Report& report) {
    REQUIRE(k.app.state().page == 0);
    checkEverywhere(k, screen, report);
    k.apply(intent::ShowPage{1});
    checkEverywhere(k, screen + ".keys", report);
    k.apply(intent::Back{});
    REQUIRE(k.app.state().page == 0);
}

// A step's last page at every size: where the words take pages the picture comes last, on a page of its
// own on small screens (the step drawing clamps the page to its last).
void checkLastPage(Kiosk& k, const std::string& screen, layout::Report& report) {
    k.apply(intent::ShowPage{1000, false});
    checkEverywhere(k, screen, report);
    k.apply(intent::ShowPage{0, false});
}

// The known list is measured with Debian 12's Dear ImGui 1.86 (the CI's). Another release (1.90 on
// Debian 13) places a few glyphs a pixel apart, so there a listed case that does not happen is printed,
// not failed; a new problem fails everywhere.
constexpr bool kKnownListMeasuredHere = IMGUI_VERSION_NUM == 18600;

// Finishes a journey's report: unexpected failures fail the test; known ones are printed, and a known
// failure that no longer happens fails too, so the list stays true.
void finish(const layout::Report& report) {
    MESSAGE(report.summary());
    for (const std::string& line : report.knownFailures())
        MESSAGE("known layout problem: ", line);
    for (const std::string& line : report.failures())
        FAIL_CHECK(line);
    for (const std::string& line : report.staleKnownFailures()) {
        if (kKnownListMeasuredHere)
            FAIL_CHECK(line);
        else
            MESSAGE("with ImGui ", IMGUI_VERSION, ": ", line);
    }
    CHECK(report.screensChecked() > 0);
}

void expectScreen(const Kiosk& k, kiosk::Screen screen) {
    REQUIRE(k.app.state().screen == screen);
}

} // namespace

TEST_CASE("screen layout: home, every topic list and its second page, at every size and text size") {
    Kiosk k;
    layout::Report report;
    checkEverywhere(k, "home", report);
    for (const content::Topic& topic : content::topics()) {
        k.apply(intent::OpenTopic{std::string(topic.id)});
        expectScreen(k, kiosk::Screen::Topic);
        checkEverywhere(k, "topic." + std::string(topic.id), report);
        k.apply(intent::ShowPage{1});
        checkEverywhere(k, "topic." + std::string(topic.id) + ".page2", report);
        k.apply(intent::GoHome{});
    }
    finish(report);
}

TEST_CASE("screen layout: a guide read through, the survey and the finish screen") {
    Kiosk k;
    layout::Report report;
    const std::string guideId = "vneid-kich-hoat-muc-2";
    const content::Guide* guide = bundledLibrary().find(guideId);
    REQUIRE(guide);
    k.apply(intent::OpenTopic{"vneid"});
    k.apply(intent::OpenGuide{guideId});
    expectScreen(k, kiosk::Screen::GuideIntro);
    checkEverywhere(k, "guide.intro", report);
    k.apply(intent::StartGuide{false});
    for (size_t step = 0; step < guide->steps.size(); ++step) {
        expectScreen(k, kiosk::Screen::GuideStep);
        checkEverywhere(k, fmt::format("guide.step.{}", step + 1), report);
        if (step == 2) { // the picture enlarged ("Hình phóng to"), every part of it
            k.apply(intent::ZoomPicture{0});
            REQUIRE(k.app.state().guide.zoomPart == 0);
            checkEverywhere(k, "guide.zoom", report);
            k.apply(intent::ZoomPicture{1});
            checkEverywhere(k, "guide.zoom.part2", report);
            k.apply(intent::Back{});
            REQUIRE(k.app.state().guide.zoomPart == -1);
        }
        if (step == 0) { // "Nghe" with no sound device: the step says so in words
            k.apply(intent::PlayNarration{});
            k.app.noteNarrationFailed();
            REQUIRE(k.app.state().guide.narrationFailed);
            checkEverywhere(k, "guide.step.1.no_sound", report);
        }
        k.apply(intent::NextStep{});
    }
    expectScreen(k, kiosk::Screen::Survey);
    checkEverywhere(k, "survey.1", report);
    k.apply(intent::AnswerSurvey{kiosk::SurveyAnswer::skip});
    expectScreen(k, kiosk::Screen::Survey);
    checkEverywhere(k, "survey.2", report);
    k.apply(intent::AnswerSurvey{kiosk::SurveyAnswer::skip});
    expectScreen(k, kiosk::Screen::GuideFinish);
    checkEverywhere(k, "guide.finish", report);
    // The steps were drawn with their pictures, not the blank stand-in for a missing file.
    CHECK(stack().pictures().get(contentRoot() / "images" / guide->steps.back().image).loaded());
    CHECK(stack().pictures().drawn(contentRoot() / "images" / guide->steps.back().image));
    finish(report);
}

// What tests/e2e/walk_all_guides.sh walks at two sizes: every bundled guide's intro, steps and finish.
TEST_CASE("screen layout: every bundled guide, its intro, every step and its finish screen") {
    Kiosk k;
    layout::Report report;
    REQUIRE_FALSE(bundledLibrary().guides.empty());
    for (const content::Guide& guide : bundledLibrary().guides) {
        CAPTURE(guide.id);
        k.apply(intent::GoHome{});
        k.apply(intent::OpenTopic{guide.topic});
        k.apply(intent::OpenGuide{guide.id});
        expectScreen(k, kiosk::Screen::GuideIntro);
        checkEverywhere(k, "guides." + guide.id + ".intro", report);
        k.apply(intent::StartGuide{false});
        for (size_t step = 0; step < guide.steps.size(); ++step) {
            expectScreen(k, kiosk::Screen::GuideStep);
            checkEverywhere(k, fmt::format("guides.{}.step.{}", guide.id, step + 1), report);
            checkLastPage(k, fmt::format("guides.{}.step.{}.last", guide.id, step + 1), report);
            k.apply(intent::NextStep{});
        }
        while (k.app.state().screen == kiosk::Screen::Survey)
            k.apply(intent::AnswerSurvey{kiosk::SurveyAnswer::skip});
        expectScreen(k, kiosk::Screen::GuideFinish);
        checkEverywhere(k, "guides." + guide.id + ".finish", report);
    }
    finish(report);
}

// Issue 17: the intro showed 2 of 4 "Bác sẽ học" items at 800x480 A++ with no sign of the others. Every
// item of every list is shown on some page, "Xem tiếp" turns the page, "Quay lại" goes back one page at a
// time and then off the intro, and "Bắt đầu" from a later page starts at the first step's first page.
TEST_CASE("screen layout: a guide's intro shows every item on its pages, and Quay lại goes back one page") {
    const content::Guide* guide = bundledLibrary().find("vneid-kich-hoat-muc-2");
    REQUIRE(guide);
    REQUIRE(guide->learn.size() >= 4);
    int pagedSizes = 0;
    for (int textSize = 0; textSize < kiosk::kTextSizeCount; ++textSize) {
        for (const layout::ScreenSize& size : screenSizes()) {
            CAPTURE(layout::describe(size));
            CAPTURE(textSize);
            Kiosk k;
            k.apply(intent::SetTextSize{textSize});
            k.apply(intent::OpenTopic{"vneid"});
            k.apply(intent::OpenGuide{guide->id});
            const ui::Theme& theme = stack().use(size, textSize);
            ImGuiIO& io = ImGui::GetIO();
            io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
            io.DeltaTime = 1.0f / 60.0f;
            ui::TargetRegistry registry;
            auto frame = [&](ImVec2 pointer, bool down) {
                io.MousePos = pointer;
                io.MouseDown[0] = down;
                ImGui::NewFrame();
                registry.clear();
                ui::Intents intents =
                    ui::drawCurrentScreen({k.app, theme, registry, k.now, stack().pictures(), contentRoot()});
                ImGui::Render();
                return intents;
            };
            std::set<std::string> shown;
            int pages = 0;
            for (; pages < 30; ++pages) {
                REQUIRE(k.app.state().page == pages);
                frame(ImVec2(-FLT_MAX, -FLT_MAX), false);
                frame(ImVec2(-FLT_MAX, -FLT_MAX), false);
                for (const ui::DrawnText& t : registry.texts()) {
                    if (t.owner.starts_with("intro.")) shown.insert(t.owner);
                }
                const ui::TouchTarget* more = registry.find("list.next_page");
                if (!more) break;
                const ImVec2 at((more->min.x + more->max.x) / 2, (more->min.y + more->max.y) / 2);
                ui::Intents got = frame(at, true);
                ui::Intents released = frame(at, false);
                got.insert(got.end(), released.begin(), released.end());
                REQUIRE(got.size() == 1);
                k.apply(got.front());
            }
            ++pages;
            for (size_t i = 0; i < guide->learn.size(); ++i)
                CHECK_MESSAGE(shown.contains(fmt::format("intro.learn.{}", i)), "learn item ", i,
                              " never shown");
            for (size_t i = 0; i < guide->prerequisites.size(); ++i)
                CHECK_MESSAGE(shown.contains(fmt::format("intro.bring.{}", i)), "bring item ", i,
                              " never shown");
            if (pages > 1) ++pagedSizes;
            for (int page = pages - 1; page > 0; --page) {
                k.apply(intent::Back{});
                REQUIRE(k.app.state().screen == kiosk::Screen::GuideIntro);
                CHECK(k.app.state().page == page - 1);
            }
            if (pages > 1) { // "Bắt đầu" from the last page: step 1, its words from their first page
                k.apply(intent::ShowPage{pages - 1});
                k.apply(intent::StartGuide{false});
                CHECK(k.app.state().screen == kiosk::Screen::GuideStep);
                CHECK(k.app.state().page == 0);
                k.apply(intent::PreviousStep{});
                REQUIRE(k.app.state().screen == kiosk::Screen::GuideIntro);
            }
            k.apply(intent::Back{});
            CHECK(k.app.state().screen == kiosk::Screen::Topic);
        }
    }
    // The reason for this test: some sizes page the intro (800x480 at A++ did, silently).
    CHECK(pagedSizes > 0);
}

TEST_CASE(
    "screen layout: a guide in practice mode, with the picture as a target and the hint after two misses") {
    Kiosk k;
    layout::Report report;
    const std::string guideId = "vneid-kich-hoat-muc-2";
    const content::Guide* guide = bundledLibrary().find(guideId);
    REQUIRE(guide);
    k.apply(intent::OpenTopic{"vneid"});
    k.apply(intent::OpenGuide{guideId});
    k.apply(intent::StartGuide{true});
    bool hinted = false;
    for (size_t step = 0; step < guide->steps.size(); ++step) {
        expectScreen(k, kiosk::Screen::GuideStep);
        REQUIRE(k.app.state().guide.practice);
        checkEverywhere(k, fmt::format("guide.practice.step.{}", step + 1), report);
        checkLastPage(k, fmt::format("guide.practice.step.{}.last", step + 1), report);
        if (guide->steps[step].hotspot && !hinted) {
            k.apply(intent::PracticeTap{false});
            k.apply(intent::PracticeTap{false});
            checkEverywhere(k, fmt::format("guide.practice.step.{}.hint", step + 1), report);
            checkLastPage(k, fmt::format("guide.practice.step.{}.hint.last", step + 1), report);
            hinted = true;
        }
        k.apply(intent::NextStep{});
    }
    CHECK(hinted);
    finish(report);
}

TEST_CASE("screen layout: booking help from home to the code, every step") {
    Kiosk k;
    layout::Report report;
    k.apply(intent::OpenBooking{});
    expectScreen(k, kiosk::Screen::Booking);
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Topic);
    checkEverywhere(k, "booking.topic", report);
    k.apply(intent::ChooseBookingTopic{"vneid"});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Day);
    checkEverywhere(k, "booking.day", report);
    k.apply(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Slot);
    checkEverywhere(k, "booking.slot", report);
    k.apply(intent::ChooseSlot{8 * 60 + 30});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Phone);
    checkTypingPages(k, "booking.phone", report);
    k.type("0912");
    k.apply(intent::Submit{});
    REQUIRE_FALSE(k.app.bookingWizard().message().empty());
    checkTypingPages(k, "booking.phone.wrong", report);
    k.type("345678");
    k.apply(intent::Submit{});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Name);
    checkTypingPages(k, "booking.name", report);
    k.type("ba");
    k.apply(intent::Tone{kiosk::ToneMark::grave});
    k.type(" lan");
    checkTypingPages(k, "booking.name.typed", report);
    k.apply(intent::Submit{});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Confirm);
    checkEverywhere(k, "booking.confirm", report);
    k.apply(intent::Submit{});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Done);
    checkEverywhere(k, "booking.done", report);
    finish(report);
}

TEST_CASE("screen layout: cancelling a booking with its code and phone number") {
    Kiosk k;
    layout::Report report;
    const std::string code = k.book(1, 9 * 60, "Bà Lan");
    k.apply(intent::OpenBooking{});
    k.apply(intent::StartCancel{});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::CancelCode);
    checkTypingPages(k, "booking.cancel_code", report);
    k.type(code);
    k.apply(intent::Submit{});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::CancelPhone);
    checkTypingPages(k, "booking.cancel_phone", report);
    k.type("0912345678");
    k.apply(intent::Submit{});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::CancelConfirm);
    checkEverywhere(k, "booking.cancel_confirm", report);
    k.apply(intent::Submit{});
    REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Cancelled);
    checkEverywhere(k, "booking.cancelled", report);
    finish(report);
}

namespace {

// The current screen drawn at a size and text size, settled over two frames, pressed at `at` on the first
// when given and released on the second: its targets, and what the press and release asked for.
struct Drawn {
    ui::TargetRegistry targets;
    ui::Intents intents;
};
Drawn drawAt(Kiosk& k, const layout::ScreenSize& size, int textSize,
             std::optional<ImVec2> at = std::nullopt) {
    const ui::Theme& theme = stack().use(size, textSize);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
    io.DeltaTime = 1.0f / 60.0f;
    Drawn drawn;
    for (int frame = 0; frame < 2; ++frame) {
        io.MousePos = at.value_or(ImVec2(-FLT_MAX, -FLT_MAX));
        io.MouseDown[0] = at && frame == 0;
        ImGui::NewFrame();
        drawn.targets.clear();
        ui::Intents got =
            ui::drawCurrentScreen({k.app, theme, drawn.targets, k.now, stack().pictures(), contentRoot()});
        drawn.intents.insert(drawn.intents.end(), got.begin(), got.end());
        ImGui::Render();
    }
    return drawn;
}

// A finger on the target `id` of the current screen: what it asks for is applied.
void tapTarget(Kiosk& k, const layout::ScreenSize& size, int textSize, const std::string& id) {
    const Drawn before = drawAt(k, size, textSize);
    const ui::TouchTarget* target = before.targets.find(id);
    REQUIRE_MESSAGE(target, id, " is not on the screen");
    const Drawn tapped = drawAt(
        k, size, textSize, ImVec2((target->min.x + target->max.x) / 2, (target->min.y + target->max.y) / 2));
    REQUIRE_FALSE(tapped.intents.empty());
    for (const Intent& i : tapped.intents)
        k.apply(i);
}

// Turns a keyboard's pages with its "n–y" key until it is back at the first; every key id seen on the way.
// How many turns it took goes to `turns` (0: the keyboard fits its room whole).
std::set<std::string> keysOnEveryPage(Kiosk& k, const layout::ScreenSize& size, int textSize, int& turns) {
    std::set<std::string> seen;
    std::set<int> pages;
    turns = 0;
    for (;;) {
        pages.insert(k.app.state().page);
        const Drawn drawn = drawAt(k, size, textSize);
        for (const ui::TouchTarget& t : drawn.targets.all())
            seen.insert(t.id);
        if (!drawn.targets.find("key.more") || turns >= 40) break;
        tapTarget(k, size, textSize, "key.more");
        ++turns;
        if (pages.contains(k.app.state().page)) break;
    }
    return seen;
}

} // namespace

// A keyboard too big for its room shows its letters a part at a time: every letter, tone mark and the
// other keys on some page, the last page turning back to the first, and "Quay lại" still leaving the step
// (turning the letters is not a page "Quay lại" comes back through).
TEST_CASE("screen layout: the name and code keyboards keep every key reachable through their pages") {
    int pagedDrawings = 0;
    for (int textSize = 0; textSize < kiosk::kTextSizeCount; ++textSize) {
        for (const layout::ScreenSize& size : screenSizes()) {
            CAPTURE(layout::describe(size));
            CAPTURE(textSize);
            Kiosk k;
            k.app.apply(intent::SetTextSize{textSize}, k.now);
            k.apply(intent::OpenBooking{});
            k.apply(intent::ChooseBookingTopic{"vneid"});
            k.apply(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
            k.apply(intent::ChooseSlot{8 * 60 + 30});
            k.type("0912345678");
            k.apply(intent::Submit{});
            REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Name);
            int turns = 0;
            const std::set<std::string> seen = keysOnEveryPage(k, size, textSize, turns);
            for (const ui::Key& key : ui::vietnameseKeys(ui::text::kSkip, false)) {
                CAPTURE(key.id);
                CHECK(seen.contains(key.id));
            }
            CHECK(seen.contains("nav.back"));
            CHECK(seen.contains("nav.home"));
            // The last letters turn back to the first: page 0, or page 1 where the question has page 0.
            const int firstLetters = k.app.state().page;
            CHECK(firstLetters <= 1);
            if (turns > 0) {
                ++pagedDrawings;
                if (firstLetters == 0) tapTarget(k, size, textSize, "key.more");
                const int lettersPage = k.app.state().page;
                REQUIRE(lettersPage >= 1);
                // Typing keeps the page: a letter of this page, then the page is still this one.
                const Drawn page = drawAt(k, size, textSize);
                const auto letter = std::ranges::find_if(page.targets.all(), [](const ui::TouchTarget& t) {
                    return t.id.starts_with("key.") && t.id != "key.more" && t.id != "key.erase" &&
                           t.id != "key.space" && t.id != "key.submit";
                });
                REQUIRE(letter != page.targets.all().end());
                tapTarget(k, size, textSize, letter->id);
                CHECK(k.app.bookingWizard().draft().name.characters() == 1);
                CHECK(k.app.state().page == lettersPage);
                // "Quay lại" from the letters: back to the question where it has a page of its own, then
                // off the step.
                tapTarget(k, size, textSize, "nav.back");
                if (firstLetters == 1) {
                    CHECK(k.app.state().page == 0);
                    CHECK(k.app.bookingWizard().draft().step == kiosk::BookingStep::Name);
                    tapTarget(k, size, textSize, "nav.back");
                }
                CHECK(k.app.bookingWizard().draft().step == kiosk::BookingStep::Phone);
            }

            Kiosk c;
            c.app.apply(intent::SetTextSize{textSize}, c.now);
            c.apply(intent::OpenBooking{});
            c.apply(intent::StartCancel{});
            REQUIRE(c.app.bookingWizard().draft().step == kiosk::BookingStep::CancelCode);
            const std::set<std::string> codeSeen = keysOnEveryPage(c, size, textSize, turns);
            for (const ui::Key& key : ui::codeKeys(ui::text::kContinue)) {
                CAPTURE(key.id);
                CHECK(codeSeen.contains(key.id));
            }
            if (turns > 0) ++pagedDrawings;
        }
    }
    MESSAGE(pagedDrawings, " keyboard drawings show their letters in pages");
    CHECK(pagedDrawings > 0); // the pages are tested, not only the whole keyboards
}

// The team's keyboards share the app's page with the lists: a new team page starts its keyboard at the
// first letters, whatever page the last one was left at.
TEST_CASE("screen layout: a team page's keyboard starts at its first letters") {
    const layout::ScreenSize size{720, 1280, 7.0}; // where this keyboard turns its letters
    const int textSize = 0;
    Kiosk k;
    k.staff.createMember("Tổ trưởng", kPin, t0);
    k.app.apply(intent::SetTextSize{textSize}, k.now);
    k.signIn();
    expectScreen(k, kiosk::Screen::Staff);
    k.staffPage(kiosk::StaffPage::Members);
    k.apply(intent::Staff{si::StartAddMember{}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::AddMemberName);
    tapTarget(k, size, textSize, "key.more");
    REQUIRE(k.app.state().page == 1);
    k.apply(intent::Back{});
    REQUIRE(k.desk.state().page != kiosk::StaffPage::AddMemberName);
    CHECK(k.app.state().page == 0);
}

// A topic's guides a page at a time at every size: each guide on exactly one page, "Xem tiếp" (a cell of the
// grid, or a fourth button in the bottom bar on a 7" screen at A++) on every page but the last that stops
// at the end, and "Quay lại" from the second page back to the first.
TEST_CASE("screen layout: a topic's pages show every guide once, and Quay lại goes back one page") {
    int barPaged = 0;
    for (int textSize = 0; textSize < kiosk::kTextSizeCount; ++textSize) {
        for (const layout::ScreenSize& size : screenSizes()) {
            for (const content::Topic& topic : content::topics()) {
                CAPTURE(layout::describe(size));
                CAPTURE(textSize);
                CAPTURE(topic.id);
                Kiosk k;
                k.app.apply(intent::SetTextSize{textSize}, k.now);
                k.apply(intent::OpenTopic{std::string(topic.id)});
                std::multiset<std::string> seen;
                int pages = 0;
                for (;;) {
                    const Drawn drawn = drawAt(k, size, textSize);
                    for (const ui::TouchTarget& t : drawn.targets.all())
                        if (t.id.starts_with("guide.")) seen.insert(t.id);
                    ++pages;
                    const ui::TouchTarget* next = drawn.targets.find("list.next_page");
                    // The bar's fourth button sits level with "Cần người giúp"; a grid's cell above it.
                    if (next && next->max.y > drawn.targets.find("nav.help")->min.y) ++barPaged;
                    if (!next || pages > 40) break;
                    tapTarget(k, size, textSize, "list.next_page");
                    if (k.app.state().page == 0) break;
                }
                std::multiset<std::string> expected;
                for (const content::Guide* guide : bundledLibrary().guidesForTopic(std::string(topic.id)))
                    expected.insert("guide." + guide->id);
                CHECK(seen == expected);
                if (pages > 1) {
                    Kiosk b;
                    b.app.apply(intent::SetTextSize{textSize}, b.now);
                    b.apply(intent::OpenTopic{std::string(topic.id)});
                    tapTarget(b, size, textSize, "list.next_page");
                    REQUIRE(b.app.state().page == 1);
                    tapTarget(b, size, textSize, "nav.back");
                    CHECK(b.app.state().screen == kiosk::Screen::Topic);
                    CHECK(b.app.state().page == 0);
                }
            }
        }
    }
    CHECK(barPaged > 0); // the 7" screens at A++ turn their pages from the bar
}

TEST_CASE("screen layout: the idle countdown over a topic list, and the PIN pad") {
    Kiosk k;
    layout::Report report;
    k.apply(intent::OpenTopic{"ihanoi"});
    k.now += std::chrono::seconds(k.config.idleSeconds) + std::chrono::seconds(1);
    k.app.tick(k.now);
    REQUIRE(k.app.state().countdownEndsAt);
    checkEverywhere(k, "idle.countdown", report);
    k.app.noteInput(k.now);
    k.apply(intent::GoHome{});
    for (int tap = 0; tap < 5; ++tap)
        k.apply(intent::CornerTap{});
    expectScreen(k, kiosk::Screen::StaffPin);
    REQUIRE(k.app.state().pinPad.mode == kiosk::PinPadMode::CreateFirst);
    checkEverywhere(k, "pin.create_first", report);
    for (char c : std::string_view(kPin))
        k.apply(intent::PinDigit{c});
    checkEverywhere(k, "pin.create_first.typed", report);
    finish(report);
}

TEST_CASE("screen layout: the closed page at night, with the team's phone, at every size") {
    kiosk::Config config;
    config.sleepWhenClosed = true;
    config.teamPhone = "+84 (024) 3825 1234"; // the longest a phone number may be written (24 characters)
    Kiosk k(config);
    layout::Report report;
    k.now += std::chrono::hours(14); // 22:00 on Friday: closed until 07:30 on Saturday
    k.app.tick(k.now);
    REQUIRE(k.app.state().closed);
    // Only at text size 0: the closed page comes after the idle reset, which puts the text size back.
    for (const layout::ScreenSize& size : screenSizes())
        layout::checkScreen(k.app, stack().use(size, 0), stack().pictures(), contentRoot(), k.now, size, 0,
                            "closed", report);
    finish(report);
}

TEST_CASE("screen layout: the team's pages behind the PIN") {
    Kiosk k;
    layout::Report report;
    k.staff.createMember("Tổ trưởng", kPin, t0);
    // One booking a day: two in a day crash the queue on small screens (the next test case).
    k.book(0, 9 * 60, "Bà Lan");
    k.book(1, 14 * 60, "Ông Hòa");
    for (int tap = 0; tap < 5; ++tap)
        k.apply(intent::CornerTap{});
    expectScreen(k, kiosk::Screen::StaffPin);
    REQUIRE(k.app.state().pinPad.mode == kiosk::PinPadMode::Enter);
    checkEverywhere(k, "pin.enter", report);
    for (char c : std::string_view("1111"))
        k.apply(intent::PinDigit{c});
    k.apply(intent::PinSubmit{});
    REQUIRE_FALSE(k.app.state().pinPad.message.empty());
    checkEverywhere(k, "pin.enter.wrong", report);
    for (char c : std::string_view(kPin))
        k.apply(intent::PinDigit{c});
    k.apply(intent::PinSubmit{});
    expectScreen(k, kiosk::Screen::Staff);
    checkEverywhere(k, "staff.overview", report);
    k.apply(intent::AskQuit{});
    REQUIRE(k.app.state().confirmingQuit);
    checkEverywhere(k, "staff.quit_confirm", report);
    k.apply(intent::Back{});

    k.staffPage(kiosk::StaffPage::Queue);
    REQUIRE(k.desk.state().queue.size() == 1);
    checkEverywhere(k, "staff.queue", report);
    k.apply(intent::Staff{si::ShowDay{1}});
    REQUIRE(k.desk.state().queue.size() == 1);
    checkEverywhere(k, "staff.queue.tomorrow", report);
    k.apply(intent::Staff{si::ShowDay{0}});
    k.apply(intent::Staff{si::OpenBooking{k.desk.state().queue.front().code}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::BookingDetail);
    checkEverywhere(k, "staff.booking_detail", report);
    k.apply(intent::Staff{si::MarkStatus{kiosk::BookingStatus::arrived}});
    REQUIRE(k.desk.state().lastMark);
    checkEverywhere(k, "staff.booking_detail.marked", report); // with "Hoàn tác"
    k.apply(intent::Staff{si::UndoMark{}});
    REQUIRE(k.desk.state().selected->status == kiosk::BookingStatus::booked);
    k.apply(intent::Staff{si::MarkStatus{kiosk::BookingStatus::cancelled}});
    REQUIRE(k.desk.state().confirmingCancel);
    checkEverywhere(k, "staff.cancel_confirm", report);
    k.apply(intent::Back{});
    REQUIRE_FALSE(k.desk.state().confirmingCancel);
    k.apply(intent::Staff{si::StartNote{}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::Note);
    checkTypingPages(k, "staff.note", report);
    k.apply(intent::Back{});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::BookingDetail);
    k.apply(intent::Staff{si::StartReschedule{}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::Reschedule);
    checkEverywhere(k, "staff.reschedule", report);
    k.apply(intent::Staff{si::RescheduleDay{1}});
    checkEverywhere(k, "staff.reschedule.day", report);

    const std::vector<std::pair<kiosk::StaffPage, const char*>> pages{
        {kiosk::StaffPage::Schedule, "staff.schedule"},
        {kiosk::StaffPage::Closures, "staff.closures"},
        {kiosk::StaffPage::AddClosure, "staff.add_closure"},
        {kiosk::StaffPage::Members, "staff.members"},
        {kiosk::StaffPage::Audit, "staff.audit"},
        {kiosk::StaffPage::Export, "staff.export"}};
    for (const auto& [page, name] : pages) {
        k.staffPage(page);
        REQUIRE(k.desk.state().page == page);
        checkEverywhere(k, name, report);
    }
    // A closing day that has bookings: the page says how many, over the days.
    k.staffPage(kiosk::StaffPage::AddClosure);
    k.apply(intent::Staff{si::ChooseClosureDay{1}});
    REQUIRE(k.desk.state().bookingsOnClosureDay > 0);
    checkEverywhere(k, "staff.add_closure.day_with_bookings", report);
    k.staffPage(kiosk::StaffPage::Members);
    k.apply(intent::Staff{si::StartAddMember{}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::AddMemberName);
    checkTypingPages(k, "staff.add_member_name", report);
    k.type("lan");
    k.apply(intent::Submit{});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::AddMemberPin);
    checkTypingPages(k, "staff.add_member_pin", report);
    finish(report);
}

// What the team did (issue 16): help away from the kiosk a question a page, a booking's results and the
// resident's faces. None of these pages has a known layout problem, and none may get one.
TEST_CASE("screen layout: recording the team's help and the faces after a booking is done") {
    Kiosk k;
    layout::Report report;
    k.staff.createMember("Tổ trưởng", kPin, t0);
    k.book(0, 9 * 60, "Bà Lan");
    k.signIn();
    expectScreen(k, kiosk::Screen::Staff);

    k.staffPage(kiosk::StaffPage::HelpDay);
    REQUIRE(k.desk.state().page == kiosk::StaffPage::HelpDay);
    checkEverywhere(k, "staff.help_day", report);
    k.apply(intent::Staff{si::ChooseHelpDay{1}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::HelpPlace);
    checkEverywhere(k, "staff.help_place", report);
    k.apply(intent::Staff{si::ChooseHelpPlace{"market"}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::HelpPeople);
    for (int i = 0; i < 12; ++i)
        k.apply(intent::Staff{si::StepHelpPeople{1}});
    checkEverywhere(k, "staff.help_people", report);
    k.staffPage(kiosk::StaffPage::HelpResults);
    REQUIRE(k.desk.state().page == kiosk::StaffPage::HelpResults);
    for (const auto& r : kiosk::upload::kResultKinds)
        for (int i = 0; i < 12; ++i)
            k.apply(intent::Staff{si::StepResult{std::string(r.key), 1}});
    checkEverywhere(k, "staff.help_results", report);
    k.apply(
        intent::Staff{si::ShowListPage{8}}); // the last page at every size (a page number past it shows it)
    checkEverywhere(k, "staff.help_results.last", report);

    k.staffPage(kiosk::StaffPage::Queue);
    k.apply(intent::Staff{si::OpenBooking{k.desk.state().queue.front().code}});
    k.apply(intent::Staff{si::MarkStatus{kiosk::BookingStatus::arrived}});
    k.apply(intent::Staff{si::MarkStatus{kiosk::BookingStatus::done}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::BookingResults);
    checkEverywhere(k, "staff.booking_results", report);
    k.apply(intent::Staff{si::ToggleResult{"vneid_level1"}});
    checkEverywhere(k, "staff.booking_results.chosen", report);
    k.apply(intent::Staff{si::SaveBookingResults{}});
    REQUIRE(k.desk.state().page == kiosk::StaffPage::Satisfaction);
    checkEverywhere(k, "staff.satisfaction", report);
    finish(report);
}

// ui::staff::drawChoices (ui/src/screens/staff.cpp) divided by zero when only one cell fitted a page
// and there were more choices (perPage 1, so shownPerPage 0): the queue with two bookings in a day
// killed the kiosk with SIGFPE on small screens. Each size and text size is drawn in a child process
// so a crash is seen without ending this program.
TEST_CASE("screen layout: the staff queue with two bookings in one day, drawn without crashing") {
    Kiosk k;
    k.staff.createMember("Tổ trưởng", kPin, t0);
    k.book(0, 9 * 60, "Bà Lan");
    k.book(0, 14 * 60, "Ông Hòa");
    k.signIn();
    expectScreen(k, kiosk::Screen::Staff);
    k.staffPage(kiosk::StaffPage::Queue);
    REQUIRE(k.desk.state().queue.size() == 2);
    std::vector<std::string> crashes;
    for (int textSize = 0; textSize < kiosk::kTextSizeCount; ++textSize) {
        k.app.apply(intent::SetTextSize{textSize}, k.now);
        for (const layout::ScreenSize& size : screenSizes()) {
            const ui::Theme& theme = stack().use(size, textSize); // fonts baked here, not in each child
            const pid_t child = fork();
            REQUIRE(child >= 0);
            if (child == 0) {
                // doctest's crash handlers would report and carry on running tests in the child.
                for (int sig : {SIGFPE, SIGSEGV, SIGABRT, SIGILL, SIGBUS})
                    std::signal(sig, SIG_DFL);
                layout::Report ignored;
                layout::checkScreen(k.app, theme, stack().pictures(), contentRoot(), k.now, size, textSize,
                                    "staff.queue.two", ignored);
                _exit(0);
            }
            int status = 0;
            REQUIRE(waitpid(child, &status, 0) == child);
            if (WIFSIGNALED(status)) {
                crashes.push_back(fmt::format("{} text size {}: signal {} ({})", layout::describe(size),
                                              textSize, WTERMSIG(status), strsignal(WTERMSIG(status))));
            } else {
                CHECK(WEXITSTATUS(status) == 0);
            }
        }
    }
    for (const std::string& crash : crashes)
        MESSAGE("known crash: the staff queue with two bookings at ", crash);
    CHECK_MESSAGE(crashes.empty(), crashes.size(), " of ", screenSizes().size() * kiosk::kTextSizeCount,
                  " sizes and text sizes crash");
}

// The team's week at every size and text size: every day's three blocks, and the slot length and capacity
// steppers, on some page reached with "Xem thêm" / "Xem tiếp" (a day a page on the portrait 7" screen at
// large text, the blocks in rows), each block's key on exactly one page.
TEST_CASE("screen layout: the team's schedule shows every block of the week once on its pages") {
    int pagedDrawings = 0;
    for (int textSize = 0; textSize < kiosk::kTextSizeCount; ++textSize) {
        for (const layout::ScreenSize& size : screenSizes()) {
            CAPTURE(layout::describe(size));
            CAPTURE(textSize);
            Kiosk k;
            k.staff.createMember("Tổ trưởng", kPin, t0);
            k.app.apply(intent::SetTextSize{textSize}, k.now);
            k.signIn();
            expectScreen(k, kiosk::Screen::Staff);
            k.staffPage(kiosk::StaffPage::Schedule);
            std::map<std::string, int> seen;
            int pages = 0;
            for (; pages < 20; ++pages) {
                CAPTURE(pages);
                const Drawn drawn = drawAt(k, size, textSize);
                for (const ui::TouchTarget& t : drawn.targets.all())
                    ++seen[t.id];
                if (!drawn.targets.find("staff.more")) break;
                tapTarget(k, size, textSize, "staff.more");
                if (k.desk.state().listPage == 0) break; // back at the first page
            }
            if (pages > 0) ++pagedDrawings;
            for (int weekday = 0; weekday < 7; ++weekday) {
                for (int block = 0; block < 3; ++block) {
                    CAPTURE(weekday);
                    CAPTURE(block);
                    CHECK(seen[fmt::format("staff.block.{}.{}", weekday, block)] == 1);
                }
            }
            CHECK(seen["staff.slot.more"] >= 1);
            CHECK(seen["staff.capacity.more"] >= 1);
        }
    }
    CHECK(pagedDrawings > 0);
}
