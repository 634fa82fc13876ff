#include "platform/picture_cache.hpp"

#include <stb_image.h>

#include <algorithm>
#include <cstdio>

namespace platform {

const Picture& PictureCache::get(const std::filesystem::path& file) {
    auto found = m_pictures.find(file);
    if (found != m_pictures.end()) return found->second.picture;
    Entry& entry = m_pictures[file];
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(file.c_str(), &width, &height, &channels, 4);
    if (!pixels) {
        std::fprintf(stderr, "kiosk: cannot read picture %s: %s\n", file.c_str(), stbi_failure_reason());
        return entry.picture;
    }
    SDL_Texture* texture =
        SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, width, height);
    if (texture) {
        SDL_UpdateTexture(texture, nullptr, pixels, width * 4);
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
        // Pictures are drawn scaled: linear filtering keeps their text readable.
        SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
        entry.texture.reset(texture);
        entry.picture = {texture, width, height};
    } else {
        std::fprintf(stderr, "kiosk: cannot make a texture for %s: %s\n", file.c_str(), SDL_GetError());
    }
    stbi_image_free(pixels);
    return entry.picture;
}

void PictureCache::keepOnly(const std::vector<std::filesystem::path>& files) {
    std::erase_if(m_pictures,
                  [&](const auto& item) { return std::ranges::find(files, item.first) == files.end(); });
}

} // namespace platform
