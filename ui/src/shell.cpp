#include "ui/shell.hpp"

#include "platform/display_power.hpp"
#include "platform/imgui_compat.hpp" // ImGui_ImplSDL2_ProcessEvent, whichever file declares it
#include "platform/memory.hpp"
#include "platform/narration_player.hpp"
#include "platform/picture_cache.hpp"
#include "platform/service_notify.hpp"
#include "platform/touch_input.hpp"
#include "ui/scenario_player.hpp"
#include "ui/screens.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <thread>

namespace ui {

namespace {
using SteadyClock = std::chrono::steady_clock;

// Frames to draw after anything happens: ImGui settles layout and hover state over two frames.
constexpr int kSettleFrames = 2;

bool isPointerEvent(Uint32 type) {
    return type == SDL_FINGERDOWN || type == SDL_FINGERUP || type == SDL_FINGERMOTION ||
           type == SDL_MOUSEBUTTONDOWN || type == SDL_MOUSEBUTTONUP || type == SDL_MOUSEMOTION;
}

// A press in the top-left corner, wherever it lands, counts towards the hidden staff entry.
bool isCornerPress(const SDL_Event& e, int width, int height, float cornerPx) {
    float x = 0, y = 0;
    if (e.type == SDL_FINGERDOWN) {
        x = e.tfinger.x * static_cast<float>(width);
        y = e.tfinger.y * static_cast<float>(height);
    } else if (e.type == SDL_MOUSEBUTTONDOWN && e.button.which != SDL_TOUCH_MOUSEID) {
        x = static_cast<float>(e.button.x);
        y = static_cast<float>(e.button.y);
    } else {
        return false;
    }
    return x < cornerPx && y < cornerPx;
}

class FrameLoop {
  public:
    FrameLoop(platform::Window& window, const platform::ShutdownSignals& signals, kiosk::App& app,
              const ShellOptions& options)
        : m_window(window), m_signals(signals), m_app(app), m_options(options),
          m_theme(app.config().screenDiagonalInches), m_pictures(window.renderer()) {
        if (options.scenario) m_player.emplace(*options.scenario, options.screenshotDir, SteadyClock::now());
        if (const char* seconds = std::getenv("KIOSK_TEST_HANG_AFTER_S")) {
            m_hangAt = SteadyClock::now() + std::chrono::seconds(std::atoi(seconds));
        }
        const Rgb page = m_theme.palette().page.background;
        m_window.setClearColour(page.r, page.g, page.b);
        updateTheme();
    }

    ShellResult run() {
        while (!m_quit) {
            waitForEvents();
            hangIfTestAsks();
            m_service.alive(SteadyClock::now()); // the loop turned: systemd's watchdog may wait again
            auto now = this->now();
            if (!m_guidesLoaded && m_framesDrawn > 0 && m_options.guidesReady) {
                if (const content::Library* guides = m_options.guidesReady()) {
                    m_app.setLibrary(*guides);
                    m_guidesLoaded = true;
                }
            }
            m_app.tick(now);
            std::filesystem::path capture;
            if (m_player) {
                auto effects = m_player->advance(SteadyClock::now(), now, settled(), m_app, m_targets,
                                                 m_theme.metrics(), m_window.sdlWindow());
                if (effects.screenshot) capture = *effects.screenshot;
                if (effects.settleTaps) {
                    m_app.settleTapsNow();
                    m_framesToDraw = kSettleFrames;
                }
                if (effects.clockAdvance.count() > 0) {
                    m_clockOffset += effects.clockAdvance;
                    m_framesToDraw = kSettleFrames; // tick and draw at the new time before the step runs
                }
                if (m_player->finished() && !m_input.hasPending() && m_framesToDraw == 0) m_quit = true;
            }
            if (!m_options.firstScreenshot.empty() && m_framesDrawn >= kSettleFrames) {
                capture = m_options.firstScreenshot;
                m_quit = true;
            }
            if (needsFrame() || !capture.empty()) drawFrame(capture);
            updateDisplayPower();
            if (m_app.state().exitRequest != kiosk::ExitRequest::None) break;
        }
        ShellResult result;
        result.exit = m_app.state().exitRequest == kiosk::ExitRequest::None ? kiosk::ExitRequest::Quit
                                                                            : m_app.state().exitRequest;
        if (m_player) {
            if (!m_player->finished())
                m_player->fail(m_options.scenario->file + ": the program quit before the scenario ended");
            result.scenarioFailures = m_player->failures() + m_captureFailures;
        }
        return result;
    }

  private:
    // The kiosk's clock: the real one (or the options' seam) plus what a scenario has fast-forwarded.
    kiosk::TimePoint now() const { return m_options.clock() + m_clockOffset; }

    // Nothing waits to be drawn: the input is handled and the latest state has been presented.
    bool settled() const {
        // A scenario's step waits for the guides too (they load after the first frame).
        return !m_input.hasPending() && m_framesToDraw == 0 && m_app.revision() == m_drawnRevision &&
               (m_guidesLoaded || !m_options.guidesReady);
    }

    bool needsFrame() const {
        return m_framesToDraw > 0 || m_input.hasPending() || m_app.revision() != m_drawnRevision ||
               m_app.animating();
    }

    // Sleeps until input, the app's next timer or the scenario's next step: no busy loop.
    void waitForEvents() {
        int timeout = -1;
        bool finishing = !m_options.firstScreenshot.empty() || (m_player && m_player->finished());
        if (needsFrame() || finishing) {
            timeout = 0;
        } else {
            if (auto ms = m_app.timeUntilNextTimer(now())) timeout = static_cast<int>(ms->count());
            if (m_player) {
                int next = m_player->msUntilNext(SteadyClock::now());
                if (next >= 0) timeout = timeout < 0 ? next : std::min(timeout, next);
            }
            // Idle for hours is normal: wake to ping systemd's watchdog before it runs out.
            if (auto ping = m_service.untilNextPing(SteadyClock::now())) {
                int next = static_cast<int>(ping->count());
                timeout = timeout < 0 ? next : std::min(timeout, next);
            }
        }
        SDL_Event event;
        bool got = timeout < 0 ? SDL_WaitEvent(&event) : SDL_WaitEventTimeout(&event, timeout);
        while (got) {
            handle(event);
            got = SDL_PollEvent(&event);
        }
    }

    // The closed page, once drawn and settled, turns the screen off; it stays off while the page is
    // redrawn (the guides arriving), and comes on for a touch (handle) or the opening.
    void updateDisplayPower() {
        if (!m_app.state().closed)
            m_display.setOn(true);
        else if (m_display.isOn() && settled())
            m_display.setOn(false);
    }

    // Test-only (e2e.watchdog): KIOSK_TEST_HANG_AFTER_S=N blocks this loop N seconds after start, as
    // a UI thread stuck in a driver or a lock would, so the test sees the watchdog pings stop.
    void hangIfTestAsks() {
        if (!m_hangAt || SteadyClock::now() < *m_hangAt) return;
        fmt::print(stderr, "kiosk: KIOSK_TEST_HANG_AFTER_S: the frame loop hangs now (test only)\n");
        for (;;)
            std::this_thread::sleep_for(std::chrono::hours(1));
    }

    void handle(const SDL_Event& event) {
        if (event.type == m_signals.eventType()) {
            fmt::print(stderr, "kiosk: signal {} received, shutting down\n", event.user.code);
            m_quit = true;
            return;
        }
        if (event.type == SDL_QUIT ||
            (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE)) {
            if (!m_options.lockdown) m_quit = true; // in kiosk mode nothing closes the window
            return;
        }
        if (event.type == SDL_KEYDOWN) {
            if (!m_options.lockdown && event.key.keysym.sym == SDLK_ESCAPE) m_quit = true;
            return; // residents have no keyboard; keys do nothing else (Alt+F4, Ctrl+Q ...)
        }
        if (event.type == SDL_WINDOWEVENT) {
            m_framesToDraw = kSettleFrames; // exposed, resized, rotated: draw again
            return;
        }
        if (isPointerEvent(event.type)) {
            if (m_input.handle(event, m_window.width(), m_window.height())) {
                if (event.type == SDL_FINGERDOWN || event.type == SDL_MOUSEBUTTONDOWN) {
                    m_display.setOn(true); // the finger sees the page it wakes at once
                    auto now = this->now();
                    m_app.noteInput(now);
                    if (isCornerPress(event, m_window.width(), m_window.height(),
                                      m_theme.metrics().cornerPx)) {
                        m_app.apply(kiosk::intent::CornerTap{}, now);
                    }
                }
                m_framesToDraw = kSettleFrames;
            }
            return;
        }
        ImGui_ImplSDL2_ProcessEvent(&event);
    }

    void updateTheme() {
        if (m_theme.update(m_window.width(), m_window.height(), m_app.state().textSize))
            m_window.reloadFontTexture();
    }

    void drawFrame(const std::filesystem::path& capture) {
        updateTheme();
        m_window.beginFrame(m_input);
        m_targets.clear();
        auto now = this->now();
        unsigned long before = m_app.revision();
        Intents intents =
            drawCurrentScreen({m_app, m_theme, m_targets, now, m_pictures, m_options.contentRoot});
        std::string error;
        if (!m_window.endFrame(capture, &error)) {
            ++m_captureFailures;
            fmt::print(stderr, "kiosk: screenshot failed: {}\n", error);
        }
        if (m_framesDrawn == 0) {
            // The benchmark (tests/bench) reads this line: wall-clock time of the first presented frame.
            auto presented = kiosk::Clock::now().time_since_epoch();
            fmt::print(stderr, "kiosk: first frame presented at {} ms since the epoch\n",
                       std::chrono::duration_cast<std::chrono::milliseconds>(presented).count());
            m_service.ready(); // residents see the kiosk now: systemd may count it as started
        }
        reportStepTiming();
        const auto tappedAt = SteadyClock::now(); // before apply: a step's database reads count too
        for (const kiosk::Intent& intent : intents)
            m_app.apply(intent, now);
        if (m_timing && stepKey() != m_shownStep) m_stepChangedAt = tappedAt;
        playRequestedNarration();
        keepOnlyNeededPictures(before != m_app.revision());
        if (m_framesToDraw > 0) --m_framesToDraw;
        if (before != m_app.revision()) m_framesToDraw = kSettleFrames; // draw the new state
        m_drawnRevision = m_app.revision();
        ++m_framesDrawn;
    }

    // "guide#step" while a step shows, "guide#finish" on its finish screen, "booking#day" (and the other
    // booking steps) while booking, else "".
    std::string stepKey() const {
        const kiosk::State& state = m_app.state();
        if (state.screen == kiosk::Screen::Booking) return "booking#" + m_app.describe().at("booking_screen");
        if (state.screen == kiosk::Screen::GuideFinish) return state.guide.guideId + "#finish";
        if (state.screen != kiosk::Screen::GuideStep) return {};
        return state.guide.guideId + "#" + std::to_string(state.guide.step + 1);
    }

    // With KIOSK_TIMING=1 in the environment: how long a new step took to appear, from the tap that
    // asked for it to the presented frame (picture decoding included). tests/bench reads these lines.
    void reportStepTiming() {
        if (!m_timing) return;
        std::string key = stepKey();
        if (key == m_shownStep) return;
        if (key.ends_with("#finish")) {
            platform::MemoryUse memory = platform::memoryUse();
            fmt::print(stderr, "kiosk: timing: {} reached, RSS {} kB, peak RSS {} kB, {} picture(s) held\n",
                       key, memory.residentKb, memory.peakResidentKb, m_pictures.size());
        } else if (!key.empty() && m_stepChangedAt) {
            double ms =
                std::chrono::duration<double, std::milli>(SteadyClock::now() - *m_stepChangedAt).count();
            fmt::print(stderr, "kiosk: timing: step {} shown in {:.1f} ms\n", key, ms);
        }
        m_shownStep = key;
        m_stepChangedAt.reset();
    }

    void playRequestedNarration() {
        const kiosk::State& state = m_app.state();
        if (state.narrationRequests == m_narrationRequests) return;
        m_narrationRequests = state.narrationRequests;
        if (state.narrationFile.empty()) return;
        if (!m_narration.play(m_options.contentRoot / "content" / "narration" / state.narrationFile)) {
            fmt::print(stderr, "kiosk: narration: {}\n", m_narration.lastError());
            m_app.noteNarrationFailed(); // the step says so, in words
        }
    }

    // Pictures live only while their step (or the next, fetched ahead for an instant page turn) shows.
    // The fetch ahead waits until the new screen has been presented, so it never delays it.
    void keepOnlyNeededPictures(bool stateChanged) {
        const kiosk::State& state = m_app.state();
        const content::Guide* guide = m_app.currentGuide();
        std::vector<std::filesystem::path> keep;
        if (guide && state.screen == kiosk::Screen::GuideStep) {
            for (int i : {state.guide.step, state.guide.step + 1}) {
                if (i < static_cast<int>(guide->steps.size())) {
                    keep.push_back(m_options.contentRoot / "images" /
                                   guide->steps[static_cast<size_t>(i)].image);
                }
            }
        } else if (guide && state.screen == kiosk::Screen::GuideIntro && !guide->steps.empty()) {
            keep.push_back(m_options.contentRoot / "images" / guide->steps[0].image);
        }
        m_pictures.keepOnly(keep);
        if (!stateChanged && !keep.empty()) {
            auto started = SteadyClock::now();
            size_t held = m_pictures.size();
            m_pictures.get(keep.back());
            if (m_timing && m_pictures.size() > held) {
                double ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - started).count();
                fmt::print(stderr, "kiosk: timing: picture {} loaded in {:.1f} ms\n",
                           keep.back().filename().string(), ms);
            }
        }
    }

    platform::Window& m_window;
    const platform::ShutdownSignals& m_signals;
    kiosk::App& m_app;
    const ShellOptions& m_options;
    Theme m_theme;
    platform::TouchInput m_input;
    TargetRegistry m_targets;
    platform::PictureCache m_pictures;
    platform::NarrationPlayer m_narration;
    unsigned m_narrationRequests = 0;
    bool m_timing = std::getenv("KIOSK_TIMING") != nullptr;
    std::string m_shownStep;
    std::optional<SteadyClock::time_point> m_stepChangedAt;
    std::optional<ScenarioPlayer> m_player;
    platform::ServiceNotifier m_service;
    platform::DisplayPower m_display;
    std::optional<SteadyClock::time_point> m_hangAt;
    kiosk::Milliseconds m_clockOffset{0};
    unsigned long m_drawnRevision = ~0UL;
    int m_framesToDraw = kSettleFrames;
    int m_framesDrawn = 0;
    int m_captureFailures = 0;
    bool m_quit = false;
    bool m_guidesLoaded = false;
};
} // namespace

ShellResult runShell(platform::Window& window, const platform::ShutdownSignals& signals, kiosk::App& app,
                     const ShellOptions& options) {
    return FrameLoop(window, signals, app, options).run();
}

} // namespace ui
