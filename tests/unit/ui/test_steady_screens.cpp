// Steady screens, drawn in-process with the real fonts and the real kiosk::App (issue 17, items 4 and 5):
// a quick double tap on any button acts once when the first tap changed the screen; a tap on the dimmed
// "Bác còn dùng không?" answers it and presses nothing under it; the step buttons keep their places from
// step to step; every QR code has its sentence beside it.
#include "app/app.hpp"
#include "bookings/bookings.hpp"
#include "staff/staff_desk.hpp"
#include "storage/migrations.hpp"
#include "ui/screens.hpp"
#include "ui/staff_strings.hpp"
#include "ui/step_layout.hpp"
#include "ui/strings.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <SDL.h>

#include <cfloat>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
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

const content::Library& bundledLibrary() {
    static const content::Library library = [] {
        content::LoadOptions options;
        options.root = KIOSK_SOURCE_ROOT;
        options.today = {2026, 11, 27};
        return content::loadLibrary(options);
    }();
    return library;
}

// The end-to-end tests' guide: its third step has a link, shown as a QR code (no bundled step has one).
const content::Library& e2eLibrary() {
    static const content::Library library = [] {
        content::LoadOptions options;
        options.root = std::filesystem::path(KIOSK_SOURCE_ROOT) / "tests" / "e2e" / "content";
        options.today = {2026, 11, 27};
        return content::loadLibrary(options);
    }();
    return library;
}

const std::filesystem::path& contentRoot() {
    static const std::filesystem::path root(KIOSK_SOURCE_ROOT);
    return root;
}

struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const noexcept { SDL_FreeSurface(s); }
};
struct RendererDeleter {
    void operator()(SDL_Renderer* r) const noexcept { SDL_DestroyRenderer(r); }
};

// One ImGui context (and font atlas) per screen size and text size; pictures on a software renderer.
class Screens {
  public:
    Screens()
        : m_surface(SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32)),
          m_renderer(m_surface ? SDL_CreateSoftwareRenderer(m_surface.get()) : nullptr) {
        if (!m_renderer) throw std::runtime_error(std::string("software renderer: ") + SDL_GetError());
        m_pictures = std::make_unique<platform::PictureCache>(m_renderer.get());
    }
    ~Screens() {
        m_pictures.reset();
        for (auto& [key, context] : m_contexts)
            ImGui::DestroyContext(context.first);
    }
    Screens(const Screens&) = delete;
    Screens& operator=(const Screens&) = delete;

    const ui::Theme& use(int width, int height, int textSize) {
        const std::string key = fmt::format("{}x{}/{}", width, height, textSize);
        auto found = m_contexts.find(key);
        if (found == m_contexts.end()) {
            ImGuiContext* imgui = ImGui::CreateContext();
            ImGui::SetCurrentContext(imgui);
            ImGui::GetIO().IniFilename = nullptr;
            ImGui::GetIO().BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
            auto theme = std::make_unique<ui::Theme>(10.1);
            theme->update(width, height, textSize);
            REQUIRE_MESSAGE(theme->fontError().empty(), theme->fontError());
            found = m_contexts.emplace(key, std::pair{imgui, std::move(theme)}).first;
        }
        ImGui::SetCurrentContext(found->second.first);
        ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        return *found->second.second;
    }
    platform::PictureCache& pictures() { return *m_pictures; }

  private:
    std::unique_ptr<SDL_Surface, SurfaceDeleter> m_surface;
    std::unique_ptr<SDL_Renderer, RendererDeleter> m_renderer;
    std::unique_ptr<platform::PictureCache> m_pictures;
    std::map<std::string, std::pair<ImGuiContext*, std::unique_ptr<ui::Theme>>> m_contexts;
};

Screens& screens() {
    static Screens instance;
    return instance;
}

kiosk::db::Database migratedInMemory() {
    kiosk::db::Database db = kiosk::db::Database::openInMemory();
    kiosk::db::migrate(db, kiosk::db::kioskMigrations());
    return db;
}

// A kiosk as main.cpp wires it, with the taps' settling time the kiosk runs with (App::kTapSettle).
struct Kiosk {
    kiosk::Config config;
    kiosk::db::Database db = migratedInMemory();
    kiosk::StaffRepository staff{db};
    kiosk::BookingService bookings{db, kiosk::bookingRulesFromConfig(config)};
    kiosk::StaffDesk desk{db, bookings, staff, config};
    kiosk::App app;
    TimePoint now = t0;
    ui::TargetRegistry targets;

    std::filesystem::path root; // the guides' pictures

    explicit Kiosk(const content::Library& library = bundledLibrary(),
                   std::filesystem::path pictures = contentRoot())
        : app(config, staff, {}, t0, &library), root(std::move(pictures)) {
        app.connectBookings(bookings);
        app.connectStaffDesk(desk);
        desk.setRemovableMediaRoots({});
    }
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    // An intent a second after the last: every screen has settled by then.
    void apply(const Intent& i) {
        now += std::chrono::seconds(1);
        app.noteInput(now);
        app.apply(i, now);
    }
    // One frame at `pointer` (pressed or not); what the screen asked for.
    ui::Intents frame(ImVec2 pointer, bool down) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = pointer;
        io.MouseDown[0] = down;
        ImGui::NewFrame();
        targets.clear();
        ui::Intents intents = ui::drawCurrentScreen({app, *theme, targets, now, screens().pictures(), root});
        ImGui::Render();
        return intents;
    }
    // A finger's tap as the shell applies it: the press counts as presence at once, the release gives the
    // intents, applied at the kiosk's time.
    ui::Intents tap(ImVec2 at) {
        app.noteInput(now);
        ui::Intents intents = frame(at, true);
        ui::Intents released = frame(at, false);
        intents.insert(intents.end(), released.begin(), released.end());
        for (const Intent& i : intents)
            app.apply(i, now);
        return intents;
    }
    void settle() {
        frame(ImVec2(-FLT_MAX, -FLT_MAX), false);
        frame(ImVec2(-FLT_MAX, -FLT_MAX), false);
    }
    void use(int width, int height, int textSize = 0) { theme = &screens().use(width, height, textSize); }

    const ui::Theme* theme = nullptr;
};

ImVec2 centre(const ui::TouchTarget& t) {
    return ImVec2((t.min.x + t.max.x) / 2, (t.min.y + t.max.y) / 2);
}

// How to reach a screen from a fresh kiosk: intents, each a second after the last.
struct Journey {
    std::string name;
    std::function<void(Kiosk&)> walk;
};

std::vector<Journey> journeys() {
    auto booking = [](Kiosk& k) {
        k.apply(intent::OpenBooking{});
        k.apply(intent::ChooseBookingTopic{"vneid"});
    };
    auto toPhone = [booking](Kiosk& k) {
        booking(k);
        k.apply(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
        k.apply(intent::ChooseSlot{8 * 60 + 30});
    };
    auto toName = [toPhone](Kiosk& k) {
        toPhone(k);
        for (char c : std::string("0912345678"))
            k.apply(intent::Type{std::string(1, c)});
        k.apply(intent::Submit{});
    };
    auto toGuide = [](Kiosk& k) {
        k.apply(intent::OpenTopic{"vneid"});
        k.apply(intent::OpenGuide{"vneid-kich-hoat-muc-2"});
    };
    auto toCancelPhone = [](Kiosk& k) {
        kiosk::BookingRequest request{
            {std::chrono::year{2026} / 11 / 28, 9 * 60}, "vneid", {}, {}, "0912345678", {}};
        const auto booked = k.bookings.book(request, k.now);
        REQUIRE(booked);
        k.apply(intent::OpenBooking{});
        k.apply(intent::StartCancel{});
        for (char c : booked->code)
            k.apply(intent::Type{std::string(1, c)});
        k.apply(intent::Submit{});
        for (char c : std::string("0912345678"))
            k.apply(intent::Type{std::string(1, c)});
    };
    auto toStaff = [](Kiosk& k) {
        k.staff.createMember("Tổ trưởng", kPin, t0);
        kiosk::BookingRequest request{
            {std::chrono::year{2026} / 11 / 27, 9 * 60}, "vneid", {}, {}, "0912345678", {}};
        REQUIRE(k.bookings.book(request, k.now));
        for (int tap = 0; tap < 5; ++tap)
            k.app.apply(intent::CornerTap{}, k.now + std::chrono::milliseconds(100 * tap));
        for (char c : std::string_view(kPin))
            k.apply(intent::PinDigit{c});
        k.apply(intent::PinSubmit{});
        REQUIRE(k.app.state().screen == kiosk::Screen::Staff);
    };
    auto toBookingResults = [toStaff](Kiosk& k) {
        toStaff(k);
        k.apply(intent::Staff{si::ShowPage{kiosk::StaffPage::Queue}});
        k.apply(intent::Staff{si::OpenBooking{k.desk.state().queue.front().code}});
        k.apply(intent::Staff{si::MarkStatus{kiosk::BookingStatus::arrived}});
        k.apply(intent::Staff{si::MarkStatus{kiosk::BookingStatus::done}});
        REQUIRE(k.desk.state().page == kiosk::StaffPage::BookingResults);
    };
    return {
        {"home", [](Kiosk&) {}},
        {"topic", [](Kiosk& k) { k.apply(intent::OpenTopic{"vneid"}); }},
        {"topic page 2",
         [](Kiosk& k) {
             k.apply(intent::OpenTopic{"vneid"});
             k.apply(intent::ShowPage{1});
         }},
        {"guide intro", toGuide},
        {"guide step",
         [toGuide](Kiosk& k) {
             toGuide(k);
             k.apply(intent::StartGuide{false});
             k.apply(intent::NextStep{});
         }},
        {"guide step in practice",
         [toGuide](Kiosk& k) {
             toGuide(k);
             k.apply(intent::StartGuide{true});
         }},
        {"survey",
         [toGuide](Kiosk& k) {
             toGuide(k);
             k.apply(intent::StartGuide{false});
             while (k.app.state().screen == kiosk::Screen::GuideStep)
                 k.apply(intent::NextStep{});
         }},
        {"guide finish",
         [toGuide](Kiosk& k) {
             toGuide(k);
             k.apply(intent::StartGuide{false});
             while (k.app.state().screen != kiosk::Screen::GuideFinish)
                 k.apply(k.app.state().screen == kiosk::Screen::Survey
                             ? Intent{intent::AnswerSurvey{kiosk::SurveyAnswer::skip}}
                             : Intent{intent::NextStep{}});
         }},
        {"booking topic", [](Kiosk& k) { k.apply(intent::OpenBooking{}); }},
        {"booking day", booking},
        {"booking slot",
         [booking](Kiosk& k) {
             booking(k);
             k.apply(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
         }},
        {"booking phone", toPhone},
        {"booking name", toName},
        {"booking confirm",
         [toName](Kiosk& k) {
             toName(k);
             k.apply(intent::Submit{});
         }},
        {"booking cancel phone", toCancelPhone},
        {"booking cancel confirm",
         [toCancelPhone](Kiosk& k) {
             toCancelPhone(k);
             k.apply(intent::Submit{});
         }},
        {"staff overview", toStaff},
        {"staff booking",
         [toStaff](Kiosk& k) {
             toStaff(k);
             k.apply(intent::Staff{si::ShowPage{kiosk::StaffPage::Queue}});
             k.apply(intent::Staff{si::OpenBooking{k.desk.state().queue.front().code}});
         }},
        {"staff help day",
         [toStaff](Kiosk& k) {
             toStaff(k);
             k.apply(intent::Staff{si::ShowPage{kiosk::StaffPage::HelpDay}});
         }},
        {"staff help results",
         [toStaff](Kiosk& k) {
             toStaff(k);
             k.apply(intent::Staff{si::ShowPage{kiosk::StaffPage::HelpDay}});
             k.apply(intent::Staff{si::ChooseHelpDay{0}});
             k.apply(intent::Staff{si::ChooseHelpPlace{"home_visit"}});
             k.apply(intent::Staff{si::ShowPage{kiosk::StaffPage::HelpResults}});
         }},
        {"staff booking results", toBookingResults},
        {"staff satisfaction",
         [toBookingResults](Kiosk& k) {
             toBookingResults(k);
             k.apply(intent::Staff{si::SkipBookingResults{}});
         }},
    };
}

} // namespace

// The second tap of a quick double tap comes ~120 ms after the first, on whatever the first one drew.
TEST_CASE("steady screens: a double tap on every button acts once when the first tap changed the screen") {
    int checked = 0, changed = 0;
    for (const Journey& journey : journeys()) {
        CAPTURE(journey.name);
        std::vector<std::string> ids;
        {
            Kiosk k;
            k.use(1280, 800);
            journey.walk(k);
            k.settle();
            for (const ui::TouchTarget& t : k.targets.all())
                ids.push_back(t.id);
        }
        REQUIRE_FALSE(ids.empty());
        for (const std::string& id : ids) {
            CAPTURE(id);
            Kiosk k;
            k.use(1280, 800);
            journey.walk(k);
            k.now += std::chrono::seconds(1);
            k.settle();
            const ui::TouchTarget* target = k.targets.find(id);
            REQUIRE(target);
            const ImVec2 at = centre(*target);
            const ui::Intents first = k.tap(at);
            ++checked;
            if (first.empty() || k.app.tapSettleLeft(k.now).count() == 0) continue; // the screen stayed
            ++changed;
            const auto afterOne = k.app.describe();
            k.frame(ImVec2(-FLT_MAX, -FLT_MAX), false); // the new screen is drawn
            k.now += std::chrono::milliseconds(120);
            k.tap(at);
            CHECK(k.app.describe() == afterOne);
        }
    }
    MESSAGE(checked, " buttons double-tapped, ", changed, " of them changed the screen");
    CHECK(changed > 40);
}

// Without the settling time the same double tap on "Tiếp theo" skips a step: the taps above are real.
TEST_CASE("steady screens: without the settling time a double tap on Tiếp theo skips a step") {
    for (const bool settle : {false, true}) {
        CAPTURE(settle);
        Kiosk k;
        if (!settle) k.app.setTapSettle(kiosk::Milliseconds(0));
        k.use(1280, 800);
        k.apply(intent::OpenTopic{"vneid"});
        k.apply(intent::OpenGuide{"vneid-kich-hoat-muc-2"});
        k.apply(intent::StartGuide{false});
        k.now += std::chrono::seconds(1);
        k.settle();
        const ImVec2 next = centre(*k.targets.find("step.next"));
        k.tap(next);
        k.frame(ImVec2(-FLT_MAX, -FLT_MAX), false);
        k.now += std::chrono::milliseconds(120);
        k.tap(next);
        CHECK(k.app.state().guide.step == (settle ? 1 : 2));
        // A tap after the settling time counts again.
        k.now += kiosk::App::kTapSettle;
        k.settle();
        k.tap(next);
        CHECK(k.app.state().guide.step == (settle ? 2 : 3));
    }
}

TEST_CASE("steady screens: a tap on the dimmed screen of Bác còn dùng không answers it and presses nothing") {
    Kiosk k;
    k.use(1280, 800);
    k.apply(intent::OpenTopic{"vneid"});
    k.settle();
    const ui::TouchTarget* card = k.targets.find("guide.vneid-kich-hoat-muc-2");
    REQUIRE(card);
    const ImVec2 under = centre(*card);
    k.now += std::chrono::seconds(k.config.idleSeconds) + std::chrono::seconds(1);
    k.app.tick(k.now);
    REQUIRE(k.app.state().countdownEndsAt);
    k.settle();
    const ui::Intents got = k.tap(under); // the card lies under the dimmed background, not the "Còn" button
    REQUIRE_FALSE(got.empty());
    for (const Intent& i : got)
        CHECK(std::holds_alternative<intent::StillHere>(i));
    CHECK_FALSE(k.app.state().countdownEndsAt);
    CHECK(k.app.state().screen == kiosk::Screen::Topic); // the guide under the finger did not open
    CHECK(k.app.state().history.size() == 1);
}

// "Cần người giúp" and "Tiếp theo" (and every other step button) in the same place on every step of every
// bundled guide, with or without "Nghe" and "Làm thử", in practice or not, at each text size.
TEST_CASE("steady screens: the step buttons keep their places from step to step") {
    for (const auto& [width, height] : {std::pair{1280, 800}, {800, 480}, {800, 1280}}) {
        for (int textSize = 0; textSize < kiosk::kTextSizeCount; ++textSize) {
            CAPTURE(width);
            CAPTURE(textSize);
            std::map<std::string, std::pair<ImVec2, ImVec2>> places;
            int stepsDrawn = 0;
            bool sawWithout = false;
            for (const content::Guide& guide : bundledLibrary().guides) {
                for (const bool practice : {false, true}) {
                    Kiosk k;
                    k.app.setTapSettle(kiosk::Milliseconds(0));
                    k.use(width, height, textSize);
                    k.apply(intent::OpenTopic{guide.topic});
                    k.apply(intent::OpenGuide{guide.id});
                    k.apply(intent::StartGuide{practice});
                    for (std::size_t step = 0; step < guide.steps.size(); ++step) {
                        k.settle();
                        ++stepsDrawn;
                        if (guide.steps[step].narration.empty() || !guide.steps[step].hotspot)
                            sawWithout = true;
                        for (const char* id : {"step.back", "nav.home", "step.listen", "step.practice",
                                               "nav.help", "step.next"}) {
                            const ui::TouchTarget* t = k.targets.find(id);
                            if (!t) continue;
                            auto [it, first] = places.try_emplace(id, t->min, t->max);
                            if (!first) {
                                CAPTURE(guide.id);
                                CAPTURE(step);
                                CAPTURE(std::string(id));
                                CHECK(it->second.first.x == t->min.x);
                                CHECK(it->second.first.y == t->min.y);
                                CHECK(it->second.second.x == t->max.x);
                                CHECK(it->second.second.y == t->max.y);
                            }
                        }
                        k.apply(intent::NextStep{});
                    }
                }
            }
            CHECK(stepsDrawn > 100);
            CHECK(places.size() == 6);
            CHECK(sawWithout); // some steps lack "Nghe" or "Làm thử": their slots stay empty
        }
    }
}

// Every QR code on the kiosk (a step's link, a guide's finish, a booking's code) has the sentence that
// says what to do with it beside or under it.
TEST_CASE("steady screens: every QR code has a sentence beside it telling to open the camera") {
    struct Case {
        std::string name;
        std::function<void(Kiosk&)> walk;
    };
    const content::Guide* withStepLink = nullptr;
    std::size_t linkStep = 0;
    for (const content::Guide& guide : e2eLibrary().guides) {
        for (std::size_t s = 0; s < guide.steps.size() && !withStepLink; ++s) {
            if (!guide.steps[s].link.empty()) {
                withStepLink = &guide;
                linkStep = s;
            }
        }
    }
    REQUIRE(withStepLink);
    const content::Guide* withFinishLink = nullptr;
    for (const content::Guide& guide : bundledLibrary().guides)
        if (!guide.finishLink.empty() && !withFinishLink) withFinishLink = &guide;
    REQUIRE(withFinishLink);
    const std::vector<Case> cases{
        {"a step's link",
         [&](Kiosk& k) {
             k.apply(intent::OpenTopic{withStepLink->topic});
             k.apply(intent::OpenGuide{withStepLink->id});
             k.apply(intent::StartGuide{false});
             for (std::size_t s = 0; s < linkStep; ++s)
                 k.apply(intent::NextStep{});
         }},
        {"a guide's finish",
         [&](Kiosk& k) {
             k.apply(intent::OpenTopic{withFinishLink->topic});
             k.apply(intent::OpenGuide{withFinishLink->id});
             k.apply(intent::StartGuide{false});
             while (k.app.state().screen != kiosk::Screen::GuideFinish)
                 k.apply(k.app.state().screen == kiosk::Screen::Survey
                             ? Intent{intent::AnswerSurvey{kiosk::SurveyAnswer::skip}}
                             : Intent{intent::NextStep{}});
         }},
        {"a booking's code",
         [](Kiosk& k) {
             k.apply(intent::OpenBooking{});
             k.apply(intent::ChooseBookingTopic{"vneid"});
             k.apply(intent::ChooseDay{std::chrono::year{2026} / 11 / 28});
             k.apply(intent::ChooseSlot{8 * 60 + 30});
             for (char c : std::string("0912345678"))
                 k.apply(intent::Type{std::string(1, c)});
             k.apply(intent::Submit{});
             k.apply(intent::Submit{});
             k.apply(intent::Submit{});
             REQUIRE(k.app.bookingWizard().draft().step == kiosk::BookingStep::Done);
         }},
    };
    for (const Case& c : cases) {
        for (const auto& [width, height] : {std::pair{1280, 800}, {800, 480}, {800, 1280}}) {
            CAPTURE(c.name);
            CAPTURE(width);
            const bool e2e = c.name == "a step's link";
            Kiosk k(e2e ? e2eLibrary() : bundledLibrary(),
                    e2e ? contentRoot() / "tests" / "e2e" / "content" : contentRoot());
            k.use(width, height);
            c.walk(k);
            k.settle();
            const ui::TouchTarget* qr = k.targets.find("qr");
            REQUIRE(qr);
            const auto& texts = k.targets.texts();
            const auto caption = std::ranges::find(texts, "qr.caption", &ui::DrawnText::owner);
            REQUIRE(caption != texts.end());
            const bool beside = caption->min.x >= qr->max.x && caption->min.y < qr->max.y;
            const bool under = caption->min.y >= qr->max.y && caption->min.x < qr->max.x;
            CHECK((beside || under));
            CHECK(caption->max.y - caption->min.y > 0);
        }
    }
}

// "Xong" finishes typing (the PIN pad, the name keyboard); marking a booking done says "Đã giúp xong".
TEST_CASE("steady screens: Xong means finish typing only, never mark done") {
    CHECK(std::string(ui::text::kPinOk) == "Xong");
    CHECK(std::string(ui::text::kDone) == "Xong");
    CHECK(std::string(ui::staff_text::kMarkDone) == "Đã giúp xong");
    for (const char* mark :
         {ui::staff_text::kMarkArrived, ui::staff_text::kMarkDone, ui::staff_text::kMarkNoShow,
          ui::staff_text::kMarkCancel, ui::staff_text::kUndo}) {
        CHECK(std::string(mark) != ui::text::kDone);
    }
    // The cancel page asks for the number used when booking: not the booking page's "Tổ sẽ gọi số này …".
    CHECK(std::string(ui::text::kBookingCancelPhoneHint) != ui::text::kBookingPhoneHint);
}

// The export page said "Thư mục của máy" and named the folder only once the files were written there.
TEST_CASE("steady screens: the export page names the kiosk's own folder before anything is exported") {
    Kiosk k;
    k.staff.createMember("Tổ trưởng", kPin, t0);
    for (int tap = 0; tap < 5; ++tap)
        k.app.apply(intent::CornerTap{}, k.now + std::chrono::milliseconds(100 * tap));
    for (char c : std::string_view(kPin))
        k.apply(intent::PinDigit{c});
    k.apply(intent::PinSubmit{});
    REQUIRE(k.app.state().screen == kiosk::Screen::Staff);
    k.apply(intent::Staff{si::ShowPage{kiosk::StaffPage::Export}});
    REQUIRE(k.desk.state().exportedFiles.empty());
    const kiosk::ExportDestination& own = k.desk.state().destinations.back();
    REQUIRE(own.folder == k.config.dataDir / "exports");
    k.use(1920, 1080);
    k.settle();
    const auto& texts = k.targets.texts();
    const auto line = std::ranges::find(texts, "staff.export.folder", &ui::DrawnText::owner);
    REQUIRE(line != texts.end());
    // One line at this size, as wide as "Thư mục của máy: <the folder>" in body text.
    ImFont* body = k.theme->body();
    const std::string expected = fmt::format("Thư mục của máy: {}", own.folder.string());
    CHECK(line->max.y - line->min.y == doctest::Approx(body->FontSize));
    CHECK(line->max.x - line->min.x ==
          doctest::Approx(body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, expected.c_str()).x));
    // Above the button that exports there.
    const ui::TouchTarget* button = k.targets.find("staff.export.kiosk");
    REQUIRE(button);
    CHECK(line->max.y <= button->min.y);
}
