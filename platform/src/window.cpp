#include "platform/window.hpp"

#include "platform/imgui_compat.hpp"

#include <imgui.h>
#include <stb_image_write.h>

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace platform {

namespace {
constexpr size_t kMinScreenshotColours = 16;

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what + ": " + SDL_GetError());
}

// One line on stderr (the journal on the Pi) naming the path frames take, e.g. "kmsdrm, opengles2,
// V3D 4.2": the same screen can differ by renderer, and the render-path test checks which one ran.
void logRenderPath(SDL_Renderer* renderer) {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(renderer, &info) != 0) return;
    const char* driver = SDL_GetCurrentVideoDriver();
    std::string gl;
    if (std::string_view(info.name).starts_with("opengl")) {
        // The renderer's GL context is current here; glGetString is in every GL and GL ES.
        using GetString = const unsigned char* (*)(unsigned int);
        constexpr unsigned int kGlRenderer = 0x1F01; // GL_RENDERER
        auto getString = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
        if (const unsigned char* name = getString ? getString(kGlRenderer) : nullptr)
            gl = fmt::format(", {}", reinterpret_cast<const char*>(name));
    }
    fmt::print(stderr, "kiosk: render path: video driver {}, renderer {}{}\n", driver ? driver : "?",
               info.name, gl);
}
} // namespace

SdlGuard::SdlGuard() {
    // Signals are ours (see signals.hpp): SDL must not turn SIGTERM into a window-close request.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    // Audio starts with the first narration (narration_player.cpp): probing sound devices here would
    // delay the first frame, and its hot-plug thread would wake ten times a second all day.
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) fail("SDL_Init");
}

SdlGuard::~SdlGuard() {
    SDL_Quit();
}

Window::Window(const WindowOptions& options) {
    int width = options.width, height = options.height;
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) {
        // A borderless window the size of the display: desktop-fullscreen without the ~100 ms that
        // SDL spends waiting for a window manager that a kiosk does not have.
        SDL_DisplayMode mode;
        if (SDL_GetDesktopDisplayMode(0, &mode) != 0) fail("SDL_GetDesktopDisplayMode");
        width = mode.w;
        height = mode.h;
        flags |= SDL_WINDOW_BORDERLESS;
        SDL_ShowCursor(SDL_DISABLE);
    }
    const char* driver = SDL_GetCurrentVideoDriver();
    if (options.softwareRenderer && driver && std::string_view(driver) == "x11") {
        // Under X the software renderer otherwise quietly makes an OpenGL context first (+~200 ms).
        // Not on the Pi's kmsdrm driver, which can only show a frame through OpenGL ES.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    if (!options.softwareRenderer && driver && std::string_view(driver) == "kmsdrm") {
        // The Pi's GPU (V3D, Mesa) speaks OpenGL ES natively, and SDL's OpenGL ES 2 renderer is the one
        // e2e.render_paths checks; SDL would otherwise try desktop OpenGL first. SDL_RENDER_DRIVER in
        // the environment still wins, and SDL falls back to the other renderers if this one fails.
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
    }
    m_window.reset(SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                    width, height, flags));
    if (!m_window) fail("SDL_CreateWindow");
    Uint32 rendererFlags = options.softwareRenderer ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED;
    m_renderer.reset(SDL_CreateRenderer(m_window.get(), -1, rendererFlags));
    if (!m_renderer && !options.softwareRenderer) {
        m_renderer.reset(SDL_CreateRenderer(m_window.get(), -1, SDL_RENDERER_SOFTWARE));
    }
    if (!m_renderer) fail("SDL_CreateRenderer");
    logRenderPath(m_renderer.get());

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing to remember between runs
    io.LogFilename = nullptr;
    if (!imgui_compat::initBackends(m_window.get(), m_renderer.get())) {
        ImGui::DestroyContext();
        throw std::runtime_error("ImGui's SDL backends did not start");
    }
}

Window::~Window() {
    imgui_compat::shutdownBackends();
    ImGui::DestroyContext();
}

void Window::beginFrame(TouchInput& input) {
    imgui_compat::newFrameBackends();
    input.applyNextToImGui();
    ImGui::NewFrame();
}

bool Window::endFrame(const std::filesystem::path& screenshotFile, std::string* error) {
    ImGui::Render();
    SDL_SetRenderDrawColor(m_renderer.get(), m_clearColour.r, m_clearColour.g, m_clearColour.b, 255);
    SDL_RenderClear(m_renderer.get());
    imgui_compat::renderDrawData(ImGui::GetDrawData(), m_renderer.get());
    bool ok = true;
    if (!screenshotFile.empty()) {
        std::string message;
        ok = screenshot(screenshotFile, message);
        if (error) *error = message;
    }
    SDL_RenderPresent(m_renderer.get());
    return ok;
}

void Window::reloadFontTexture() {
    imgui_compat::reloadFontsTexture();
}

int Window::width() const {
    int w = 0;
    SDL_GetRendererOutputSize(m_renderer.get(), &w, nullptr);
    return w;
}

int Window::height() const {
    int h = 0;
    SDL_GetRendererOutputSize(m_renderer.get(), nullptr, &h);
    return h;
}

std::optional<PhysicalSize> Window::physicalSize() const {
    int displayIndex = SDL_GetWindowDisplayIndex(m_window.get());
    SDL_DisplayMode mode;
    if (displayIndex < 0 || SDL_GetDesktopDisplayMode(displayIndex, &mode) != 0) return std::nullopt;
    if (auto edid = edidSizeFromDrm("/sys/class/drm", mode.w, mode.h)) return edid;
    const char* driver = SDL_GetCurrentVideoDriver();
    std::string_view name = driver ? driver : "";
    if (name != "kmsdrm" && name != "wayland") return std::nullopt;
    float hdpi = 0, vdpi = 0;
    if (SDL_GetDisplayDPI(displayIndex, nullptr, &hdpi, &vdpi) != 0) return std::nullopt;
    auto size = sizeFromDpi(mode.w, mode.h, hdpi, vdpi);
    if (!size || !plausibleFor(*size, mode.w, mode.h)) return std::nullopt;
    size->source = fmt::format("SDL {} DPI", name);
    return size;
}

bool Window::screenshot(const std::filesystem::path& file, std::string& error) {
    int w = width(), h = height();
    std::vector<unsigned char> pixels(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
    if (SDL_RenderReadPixels(m_renderer.get(), nullptr, SDL_PIXELFORMAT_ABGR8888, pixels.data(), w * 4) !=
        0) {
        error = std::string("SDL_RenderReadPixels: ") + SDL_GetError();
        return false;
    }
    for (size_t i = 3; i < pixels.size(); i += 4)
        pixels[i] = 255;
    // A drawn screen has text and buttons: hundreds of colours. A black, blank or half-drawn frame
    // has a few; such a screenshot is a failure, not a picture to trust.
    std::unordered_set<std::uint32_t> colours;
    for (size_t i = 0; i + 3 < pixels.size() && colours.size() < kMinScreenshotColours; i += 4) {
        std::uint32_t rgba;
        std::memcpy(&rgba, &pixels[i], sizeof rgba);
        colours.insert(rgba);
    }
    if (colours.size() < kMinScreenshotColours) {
        error = fmt::format("{}: the frame looks blank ({} colours)", file.string(), colours.size());
        return false;
    }
    std::error_code ec;
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    if (!stbi_write_png(file.c_str(), w, h, 4, pixels.data(), w * 4)) {
        error = "cannot write " + file.string();
        return false;
    }
    return true;
}

} // namespace platform
