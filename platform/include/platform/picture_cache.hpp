// Step pictures as SDL textures, decoded on first use and freed when no longer shown, so memory
// does not grow with the number of guides.
#pragma once

#include <SDL.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace platform {

struct Picture {
    SDL_Texture* texture = nullptr; // owned by the cache; null if the file could not be read
    int width = 0, height = 0;
};

class PictureCache {
  public:
    explicit PictureCache(SDL_Renderer* renderer) : m_renderer(renderer) {}

    // The picture at this path, loading it now if needed. A file that cannot be read gives an
    // empty Picture (and is not retried until it leaves the cache).
    const Picture& get(const std::filesystem::path& file);
    // Frees every picture not in this list (call with what the current screen shows).
    void keepOnly(const std::vector<std::filesystem::path>& files);
    [[nodiscard]] size_t size() const { return m_pictures.size(); }

  private:
    struct TextureDeleter {
        void operator()(SDL_Texture* t) const noexcept { SDL_DestroyTexture(t); }
    };
    struct Entry {
        std::unique_ptr<SDL_Texture, TextureDeleter> texture;
        Picture picture;
    };
    SDL_Renderer* m_renderer;
    std::map<std::filesystem::path, Entry> m_pictures;
};

} // namespace platform
