// The SDL window, its renderer and Dear ImGui's SDL backends: one per program, made in main.
#pragma once

#include "platform/display_size.hpp"
#include "platform/touch_input.hpp"

#include <SDL.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace platform {

struct WindowOptions {
    int width = 0, height = 0; // 0 = the size of the display (kiosk mode)
    bool fullscreen = true;    // borderless and sized to the display
    bool softwareRenderer = true;
    std::string title = "Kiosk";
};

// SDL_Init and SDL_Quit for video, audio and events, in a guard object made in main.
class SdlGuard {
  public:
    SdlGuard(); // throws std::runtime_error
    SdlGuard(const SdlGuard&) = delete;
    SdlGuard& operator=(const SdlGuard&) = delete;
    ~SdlGuard();
};

class Window {
  public:
    explicit Window(const WindowOptions& options); // throws std::runtime_error
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;
    ~Window();

    // Backend NewFrame, then the queued touch input, then ImGui::NewFrame.
    void beginFrame(TouchInput& input);
    // ImGui::Render + draw + present. With a file, the frame is also written there as PNG
    // (before presenting, while the renderer still holds it); returns false with error on failure.
    bool endFrame(const std::filesystem::path& screenshotFile = {}, std::string* error = nullptr);
    // The colour each frame starts from. Screens then draw no page background of their own: a fill
    // of the whole window costs the software renderer a few milliseconds per frame.
    void setClearColour(Uint8 red, Uint8 green, Uint8 blue) { m_clearColour = {red, green, blue, 255}; }
    // Rebuilds the font texture after the font atlas changed (e.g. a new text size).
    void reloadFontTexture();
    [[nodiscard]] int width() const;
    [[nodiscard]] int height() const;
    // The display's physical size when it reports one that fits its pixels: the EDID of a connected
    // DRM connector (/sys/class/drm), else SDL's DPI under kmsdrm or Wayland (X11's is the X server's
    // guess, 96 dpi under Xvfb). Nothing otherwise: the caller uses screen.diagonal_inches.
    [[nodiscard]] std::optional<PhysicalSize> physicalSize() const;
    [[nodiscard]] SDL_Window* sdlWindow() const { return m_window.get(); }
    [[nodiscard]] SDL_Renderer* renderer() const { return m_renderer.get(); }

  private:
    bool screenshot(const std::filesystem::path& file, std::string& error);

    struct WindowDeleter {
        void operator()(SDL_Window* w) const noexcept { SDL_DestroyWindow(w); }
    };
    struct RendererDeleter {
        void operator()(SDL_Renderer* r) const noexcept { SDL_DestroyRenderer(r); }
    };
    std::unique_ptr<SDL_Window, WindowDeleter> m_window;
    std::unique_ptr<SDL_Renderer, RendererDeleter> m_renderer;
    SDL_Color m_clearColour{0, 0, 0, 255};
};

} // namespace platform
