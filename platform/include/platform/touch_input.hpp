// Turns finger and mouse events into ImGui pointer input, one press or release per frame.
//
// Debian's ImGui 1.86 SDL backend ignores SDL_FINGER* events and reads the pointer from SDL's global
// mouse state, so injected or touch events would never reach ImGui. We queue them and apply one per
// frame after the backend's NewFrame, so a tap shorter than a frame still becomes a press + release.
#pragma once

#include <SDL.h>

#include <deque>

namespace platform {

class TouchInput {
  public:
    // Returns true if the event was pointer input (and so was queued).
    bool handle(const SDL_Event& event, int windowWidth, int windowHeight);
    // Call after the backend's NewFrame and before ImGui::NewFrame.
    void applyNextToImGui();
    [[nodiscard]] bool hasPending() const { return !m_queue.empty(); }
    [[nodiscard]] size_t pendingCount() const { return m_queue.size(); }

  private:
    struct PointerState {
        float x = -1e6f, y = -1e6f; // far outside the window: hovering nothing
        bool down = false;
    };
    std::deque<PointerState> m_queue;
    PointerState m_last;    // the newest state queued
    PointerState m_applied; // the state ImGui sees this frame
};

} // namespace platform
