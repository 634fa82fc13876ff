// The one place that knows which Dear ImGui Debian ships. Everything else calls these.
//
//   Debian 12 / Raspberry Pi OS bookworm: libimgui-dev 1.86
//   Debian 13 / Raspberry Pi OS trixie:   libimgui-dev 1.90.1
//
// What differs between them (checked against both packages' headers):
// - backend file names: imgui_impl_sdl.h / imgui_impl_sdlrenderer.h (1.86) became imgui_impl_sdl2.h /
//   imgui_impl_sdlrenderer2.h, and the renderer's functions ImGui_ImplSDLRenderer_* became
//   ImGui_ImplSDLRenderer2_* (cmake/Dependencies.cmake picks the matching .cpp files);
// - ImGui_ImplSDL2_InitForSDLRenderer takes the SDL_Renderer too (1.90.1) or not (1.86);
// - pointer input: 1.86 reads io.MousePos / io.MouseDown[] as written before NewFrame; since 1.87
//   input is a queue of events (io.AddMousePosEvent / AddMouseButtonEvent) and the SDL backend queues
//   SDL's own mouse position every frame, so a direct write would be overwritten by NewFrame.
// Each difference is detected from what the headers declare (__has_include, requires-expressions),
// not from version numbers, so an ImGui in between (or a later Debian point release) takes the
// right path without a new #if.
#pragma once

#include <SDL.h>
#include <imgui.h>

#if __has_include(<imgui_impl_sdl2.h>)
#include <imgui_impl_sdl2.h>
#else
#include <imgui_impl_sdl.h>
#endif

#if __has_include(<imgui_impl_sdlrenderer2.h>)
#include <imgui_impl_sdlrenderer2.h>
#define KIOSK_IMGUI_SDLRENDERER(function) ImGui_ImplSDLRenderer2_##function
#else
#include <imgui_impl_sdlrenderer.h>
#define KIOSK_IMGUI_SDLRENDERER(function) ImGui_ImplSDLRenderer_##function
#endif

namespace platform::imgui_compat {

// Both backends, for an SDL window drawn with an SDL_Renderer.
template <typename Window, typename Renderer> bool initBackends(Window* window, Renderer* renderer) {
    bool platformOk = false;
    if constexpr (requires { ImGui_ImplSDL2_InitForSDLRenderer(window, renderer); }) {
        platformOk = ImGui_ImplSDL2_InitForSDLRenderer(window, renderer); // 1.90.1
    } else {
        platformOk = ImGui_ImplSDL2_InitForSDLRenderer(window); // 1.86
    }
    return platformOk && KIOSK_IMGUI_SDLRENDERER(Init)(renderer);
}

inline void shutdownBackends() {
    KIOSK_IMGUI_SDLRENDERER(Shutdown)();
    ImGui_ImplSDL2_Shutdown();
}

inline void newFrameBackends() {
    KIOSK_IMGUI_SDLRENDERER(NewFrame)();
    ImGui_ImplSDL2_NewFrame();
}

// Later ImGui releases pass the renderer to RenderDrawData as well; 1.86 and 1.90.1 do not.
template <typename Renderer> void renderDrawData(ImDrawData* data, Renderer* renderer) {
    if constexpr (requires { KIOSK_IMGUI_SDLRENDERER(RenderDrawData)(data, renderer); }) {
        KIOSK_IMGUI_SDLRENDERER(RenderDrawData)(data, renderer);
    } else {
        KIOSK_IMGUI_SDLRENDERER(RenderDrawData)(data);
    }
}

// After the font atlas was rebuilt (text size changed).
inline void reloadFontsTexture() {
    KIOSK_IMGUI_SDLRENDERER(DestroyFontsTexture)();
    KIOSK_IMGUI_SDLRENDERER(CreateFontsTexture)();
}

// The pointer ImGui sees this frame: call after newFrameBackends() and before ImGui::NewFrame().
// With the input queue (1.87+) the position event goes after the backend's own one, so it wins, and
// a press comes with its position in the same frame (ImGui trickles a button change after a move only
// for touch-screen sources, and ours is the default mouse source).
template <typename Io> void setPointer(Io& io, float x, float y, bool down) {
    if constexpr (requires { io.AddMousePosEvent(x, y); }) {
        io.AddMousePosEvent(x, y);
        io.AddMouseButtonEvent(0, down);
    } else {
        io.MousePos = ImVec2(x, y);
        io.MouseDown[0] = down;
    }
}

} // namespace platform::imgui_compat
