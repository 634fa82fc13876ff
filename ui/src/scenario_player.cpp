#include "ui/scenario_player.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace ui {

namespace sc = kiosk::scenario;

ScenarioPlayer::ScenarioPlayer(sc::Scenario scenario, std::filesystem::path screenshotDir, SteadyTime start)
    : m_scenario(std::move(scenario)), m_screenshotDir(std::move(screenshotDir)) {
    m_due = start + std::chrono::milliseconds(m_scenario.steps.empty() ? 0 : m_scenario.steps[0].delayMs);
}

int ScenarioPlayer::msUntilNext(SteadyTime now) const {
    if (finished()) return -1;
    auto ms = std::chrono::ceil<std::chrono::milliseconds>(m_due - now).count();
    return static_cast<int>(std::max<long>(0, ms));
}

void ScenarioPlayer::fail(const std::string& message) {
    ++m_failures;
    fmt::print(stderr, "{}\n", message);
}

void ScenarioPlayer::pushTap(float x, float y, SDL_Window* window) {
    int w = 1, h = 1;
    SDL_GetWindowSize(window, &w, &h);
    SDL_Event event{};
    event.tfinger.touchId = 1;
    event.tfinger.fingerId = 1;
    event.tfinger.windowID = SDL_GetWindowID(window);
    event.tfinger.x = x / static_cast<float>(w);
    event.tfinger.y = y / static_cast<float>(h);
    event.tfinger.pressure = 1.0f;
    event.type = SDL_FINGERDOWN;
    SDL_PushEvent(&event);
    event.type = SDL_FINGERUP;
    SDL_PushEvent(&event);
}

namespace {
SDL_Event keyEvent(Uint32 type, SDL_Keycode key, Uint16 mod) {
    SDL_Event event{};
    event.type = type;
    event.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
    event.key.keysym.sym = key;
    event.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    event.key.keysym.mod = mod;
    return event;
}

// "alt+f4" -> Alt and F4.
bool parseChord(const std::string& chord, SDL_Keycode& key, Uint16& mod) {
    mod = KMOD_NONE;
    std::string rest = chord;
    for (auto [prefix, flag] :
         {std::pair{"ctrl+", KMOD_LCTRL}, {"alt+", KMOD_LALT}, {"shift+", KMOD_LSHIFT}}) {
        if (rest.starts_with(prefix)) {
            mod = static_cast<Uint16>(mod | flag);
            rest = rest.substr(std::string_view(prefix).size());
        }
    }
    key = SDL_GetKeyFromName(rest.c_str());
    return key != SDLK_UNKNOWN;
}

float gapBetween(const TouchTarget& a, const TouchTarget& b) {
    float dx = std::max({0.0f, b.min.x - a.max.x, a.min.x - b.max.x});
    float dy = std::max({0.0f, b.min.y - a.max.y, a.min.y - b.max.y});
    return std::max(dx, dy);
}
} // namespace

std::vector<std::string> ScenarioPlayer::unmetExpectations(const sc::Expect& expect, const kiosk::App& app,
                                                           int line) {
    std::vector<std::string> unmet;
    auto actual = app.describe();
    for (const auto& [key, wanted] : expect.values) {
        auto it = actual.find(key);
        std::string got = it == actual.end() ? "(no such value)" : it->second;
        if (got != wanted) {
            unmet.push_back(fmt::format("{}:{}: expected {} = \"{}\", got \"{}\"", m_scenario.file, line, key,
                                        wanted, got));
        }
    }
    return unmet;
}

void ScenarioPlayer::checkTargets(const sc::ExpectTargets& expect, const TargetRegistry& targets,
                                  const Metrics& metrics, int line) {
    const auto& all = targets.all();
    if (all.empty()) fail(fmt::format("{}:{}: no touch targets on screen", m_scenario.file, line));
    for (const TouchTarget& t : all) {
        float side = std::min(t.max.x - t.min.x, t.max.y - t.min.y) / metrics.pxPerMm;
        if (side + 0.01f < expect.minSizeMm) {
            fail(fmt::format("{}:{}: target {} is {:.1f} mm, less than {} mm", m_scenario.file, line, t.id,
                             side, expect.minSizeMm));
        }
    }
    for (size_t i = 0; i < all.size(); ++i) {
        for (size_t j = i + 1; j < all.size(); ++j) {
            float gap = gapBetween(all[i], all[j]) / metrics.pxPerMm;
            if (gap + 0.01f < expect.minGapMm) {
                fail(fmt::format("{}:{}: targets {} and {} are {:.1f} mm apart, less than {} mm",
                                 m_scenario.file, line, all[i].id, all[j].id, gap, expect.minGapMm));
            }
        }
    }
}

ScenarioPlayer::Effects ScenarioPlayer::advance(SteadyTime now, kiosk::TimePoint kioskNow, bool settled,
                                                const kiosk::App& app, const TargetRegistry& targets,
                                                const Metrics& metrics, SDL_Window* window) {
    // A busy machine may draw the next screen late: a tap waits for its target to appear and an
    // expectation for the state to arrive, for up to this long, before the step counts as failed.
    constexpr auto kPatience = std::chrono::milliseconds(3000);
    constexpr auto kRetryEvery = std::chrono::milliseconds(50);
    Effects effects;
    while (!finished() && settled && now >= m_due && !effects.screenshot) {
        const sc::Step& step = m_scenario.steps[m_next];
        if (step.clockAdvanceMs > 0 && !m_clockAdvanced) {
            // The step itself runs once the loop has ticked and drawn at the new time.
            m_clockAdvanced = true;
            effects.clockAdvance = kiosk::Milliseconds(step.clockAdvanceMs);
            return effects;
        }
        if (!m_retryUntil) m_retryUntil = now + kPatience;
        bool patient = now < *m_retryUntil;
        using sc::TapTarget, sc::TapPoint, sc::TypeRemembered;
        const bool taps = std::holds_alternative<TapTarget>(step.action) ||
                          std::holds_alternative<TapPoint>(step.action) ||
                          std::holds_alternative<TypeRemembered>(step.action);
        if (taps && app.tapSettleLeft(kioskNow).count() > 0) {
            // The screen has just changed and a finger would be ignored for a moment: skip the moment.
            effects.settleTaps = true;
            return effects;
        }
        if (const auto* tap = std::get_if<sc::TapTarget>(&step.action); tap && !targets.find(tap->id)) {
            // Turn pages (at most 10) until the target shows, each new page drawn before looking again.
            const TouchTarget* via = tap->via.empty() ? nullptr : targets.find(tap->via);
            if (via && m_viaTaps < 10) {
                pushTap((via->min.x + via->max.x) / 2, (via->min.y + via->max.y) / 2, window);
                ++m_viaTaps;
                m_retryUntil = now + kPatience;
                return effects;
            }
            if (patient) {
                m_due = now + kRetryEvery;
                return effects;
            }
        }
        std::optional<sc::Expect> expected;
        if (const auto* expect = std::get_if<sc::Expect>(&step.action)) expected = *expect;
        if (const auto* same = std::get_if<sc::ExpectRemembered>(&step.action)) {
            expected = sc::Expect{{{same->key, m_remembered[same->key]}}};
        }
        if (expected) {
            std::vector<std::string> unmet = unmetExpectations(*expected, app, step.line);
            if (!unmet.empty() && patient) {
                m_due = now + kRetryEvery;
                return effects;
            }
            for (const std::string& message : unmet)
                fail(message);
        }
        m_retryUntil.reset();
        m_viaTaps = 0;
        m_clockAdvanced = false;
        std::visit(
            [&](const auto& action) {
                using A = std::decay_t<decltype(action)>;
                if constexpr (std::is_same_v<A, sc::TapTarget>) {
                    const TouchTarget* t = targets.find(action.id);
                    if (!t) {
                        fail(fmt::format("{}:{}: no touch target \"{}\" on screen", m_scenario.file,
                                         step.line, action.id));
                        return;
                    }
                    pushTap((t->min.x + t->max.x) / 2, (t->min.y + t->max.y) / 2, window);
                } else if constexpr (std::is_same_v<A, sc::TapPoint>) {
                    int w = 1, h = 1;
                    SDL_GetWindowSize(window, &w, &h);
                    pushTap(static_cast<float>(action.x * w), static_cast<float>(action.y * h), window);
                } else if constexpr (std::is_same_v<A, sc::Key>) {
                    SDL_Keycode key;
                    Uint16 mod;
                    if (!parseChord(action.chord, key, mod)) {
                        fail(fmt::format("{}:{}: unknown key \"{}\"", m_scenario.file, step.line,
                                         action.chord));
                        return;
                    }
                    SDL_Event down = keyEvent(SDL_KEYDOWN, key, mod), up = keyEvent(SDL_KEYUP, key, mod);
                    SDL_PushEvent(&down);
                    SDL_PushEvent(&up);
                } else if constexpr (std::is_same_v<A, sc::CloseWindow>) {
                    SDL_Event close{};
                    close.type = SDL_WINDOWEVENT;
                    close.window.event = SDL_WINDOWEVENT_CLOSE;
                    close.window.windowID = SDL_GetWindowID(window);
                    SDL_PushEvent(&close);
                    SDL_Event quit{};
                    quit.type = SDL_QUIT;
                    SDL_PushEvent(&quit);
                } else if constexpr (std::is_same_v<A, sc::Screenshot>) {
                    effects.screenshot = m_screenshotDir / (action.name + ".png");
                } else if constexpr (std::is_same_v<A, sc::ExpectTargets>) {
                    checkTargets(action, targets, metrics, step.line);
                } else if constexpr (std::is_same_v<A, sc::Remember>) {
                    m_remembered[action.key] = app.describe()[action.key];
                } else if constexpr (std::is_same_v<A, sc::TypeRemembered>) {
                    // One tap per character; the touch layer replays them a frame apart.
                    for (char c : m_remembered[action.key]) {
                        const TouchTarget* t = targets.find(std::string("key.") + c);
                        if (!t) {
                            fail(
                                fmt::format("{}:{}: no key \"{}\" on screen", m_scenario.file, step.line, c));
                            return;
                        }
                        pushTap((t->min.x + t->max.x) / 2, (t->min.y + t->max.y) / 2, window);
                    }
                }
            },
            step.action);
        ++m_next;
        if (!finished()) m_due = now + std::chrono::milliseconds(m_scenario.steps[m_next].delayMs);
        // Input just sent is not on screen yet: the next step waits for it to settle.
        using sc::Key, sc::CloseWindow;
        if (std::holds_alternative<TapTarget>(step.action) || std::holds_alternative<TapPoint>(step.action) ||
            std::holds_alternative<Key>(step.action) || std::holds_alternative<CloseWindow>(step.action) ||
            std::holds_alternative<TypeRemembered>(step.action)) {
            settled = false;
        }
    }
    return effects;
}

} // namespace ui
