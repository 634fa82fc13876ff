// Step pictures as SDL textures, decoded on first use and freed when no longer shown, so memory
// does not grow with the number of guides.
#pragma once

#include <SDL.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace platform {

struct Picture {
    int width = 0, height = 0; // as in the file; 0 if the file could not be read
    [[nodiscard]] bool loaded() const { return width > 0; }
};

class PictureCache {
  public:
    explicit PictureCache(SDL_Renderer* renderer) : m_renderer(renderer) {}

    // The picture at this path, decoding it now if needed. A file that cannot be read gives an
    // empty Picture (and is not retried until it leaves the cache).
    const Picture& get(const std::filesystem::path& file);
    // A texture of the picture at exactly width x height pixels, to be drawn 1:1 on whole pixels;
    // null if it cannot be read. The picture is resampled here (stb_image_resize, a tent filter)
    // rather than scaled by the renderer: SDL's software renderer and OpenGL filter differently, so a
    // scaled picture differed by render path. get() resamples ahead to the size the last picture of
    // the same dimensions was shown at, so the next step's picture is ready before it is drawn.
    SDL_Texture* texture(const std::filesystem::path& file, int width, int height);
    // Whether a texture of it has been made: it was drawn, or resampled ahead to be drawn.
    [[nodiscard]] bool drawn(const std::filesystem::path& file) const;
    // Frees every picture not in this list (call with what the current screen shows).
    void keepOnly(const std::vector<std::filesystem::path>& files);
    [[nodiscard]] size_t size() const { return m_pictures.size(); }

  private:
    struct TextureDeleter {
        void operator()(SDL_Texture* t) const noexcept { SDL_DestroyTexture(t); }
    };
    struct Entry {
        Picture picture;
        std::vector<unsigned char> rgba; // as decoded, kept to resample when the shown size changes
        std::unique_ptr<SDL_Texture, TextureDeleter> texture;
        int textureWidth = 0, textureHeight = 0;
    };
    SDL_Texture* makeTexture(const std::filesystem::path& file, Entry& entry, int width, int height);

    SDL_Renderer* m_renderer;
    std::map<std::filesystem::path, Entry> m_pictures;
    std::map<std::pair<int, int>, std::pair<int, int>> m_shownSizes; // file's size -> size last shown at
};

} // namespace platform
