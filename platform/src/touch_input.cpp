#include "platform/touch_input.hpp"

#include <imgui.h>

#include "platform/imgui_compat.hpp"

namespace platform {

bool TouchInput::handle(const SDL_Event& event, int windowWidth, int windowHeight) {
    PointerState next = m_last;
    switch (event.type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        // Finger coordinates are fractions of the window.
        next.x = event.tfinger.x * static_cast<float>(windowWidth);
        next.y = event.tfinger.y * static_cast<float>(windowHeight);
        if (event.type != SDL_FINGERMOTION) next.down = event.type == SDL_FINGERDOWN;
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (event.button.which == SDL_TOUCH_MOUSEID) return true; // SDL's copy of a finger event
        if (event.button.button != SDL_BUTTON_LEFT) return true;
        next.x = static_cast<float>(event.button.x);
        next.y = static_cast<float>(event.button.y);
        next.down = event.type == SDL_MOUSEBUTTONDOWN;
        break;
    case SDL_MOUSEMOTION:
        if (event.motion.which == SDL_TOUCH_MOUSEID) return true;
        next.x = static_cast<float>(event.motion.x);
        next.y = static_cast<float>(event.motion.y);
        break;
    default:
        return false;
    }
    // A press or release always gets its own frame; moves only replace a pending move.
    if (!m_queue.empty() && m_queue.back().down == next.down && next.down == m_last.down) {
        m_queue.back() = next;
    } else {
        m_queue.push_back(next);
    }
    m_last = next;
    if (event.type == SDL_FINGERUP) {
        // A lifted finger hovers nothing: move the pointer away so no button stays highlighted.
        m_last = PointerState{};
        m_queue.push_back(m_last);
    }
    return true;
}

void TouchInput::applyNextToImGui() {
    ImGuiIO& io = ImGui::GetIO();
    if (!m_queue.empty()) {
        m_applied = m_queue.front();
        m_queue.pop_front();
    }
    // Every frame: the backend's NewFrame has just set the pointer from SDL's own mouse state.
    imgui_compat::setPointer(io, m_applied.x, m_applied.y, m_applied.down);
}

} // namespace platform
