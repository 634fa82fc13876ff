#include "platform/picture_cache.hpp"

#include <stb_image.h>
#include <stb_image_resize.h>

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
    entry.rgba.assign(pixels, pixels + static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    stbi_image_free(pixels);
    entry.picture = {width, height};
    if (auto shown = m_shownSizes.find({width, height}); shown != m_shownSizes.end())
        makeTexture(file, entry, shown->second.first, shown->second.second);
    return entry.picture;
}

SDL_Texture* PictureCache::texture(const std::filesystem::path& file, int width, int height) {
    if (!get(file).loaded() || width <= 0 || height <= 0) return nullptr;
    Entry& entry = m_pictures.at(file);
    m_shownSizes[{entry.picture.width, entry.picture.height}] = {width, height};
    if (entry.texture && entry.textureWidth == width && entry.textureHeight == height)
        return entry.texture.get();
    return makeTexture(file, entry, width, height);
}

SDL_Texture* PictureCache::makeTexture(const std::filesystem::path& file, Entry& entry, int width,
                                       int height) {
    std::vector<unsigned char> scaled(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    // On the stored values: the sRGB-correct variant took about four times as long (540x1110 to
    // 238x490), and a first step waits for it when the shown size was not known ahead. Smaller: a box
    // (area average), because Debian's stb_image_resize aborts on a failed assert with the tent filter
    // for about one size in four (540x1110 to 346x711; nothings/stb issue 1449), which killed the layout
    // test and would kill the kiosk; larger: the tent.
    const bool smaller = width < entry.picture.width || height < entry.picture.height;
    if (!stbir_resize_uint8_generic(entry.rgba.data(), entry.picture.width, entry.picture.height, 0,
                                    scaled.data(), width, height, 0, 4, 3, 0, STBIR_EDGE_CLAMP,
                                    smaller ? STBIR_FILTER_BOX : STBIR_FILTER_TRIANGLE,
                                    STBIR_COLORSPACE_LINEAR, nullptr)) {
        std::fprintf(stderr, "kiosk: cannot resize picture %s\n", file.c_str());
        return nullptr;
    }
    SDL_Texture* texture =
        SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, width, height);
    if (!texture) {
        std::fprintf(stderr, "kiosk: cannot make a texture for %s: %s\n", file.c_str(), SDL_GetError());
        return nullptr;
    }
    SDL_UpdateTexture(texture, nullptr, scaled.data(), width * 4);
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(texture, SDL_ScaleModeNearest); // drawn 1:1: nothing to filter
    entry.texture.reset(texture);
    entry.textureWidth = width;
    entry.textureHeight = height;
    return texture;
}

bool PictureCache::drawn(const std::filesystem::path& file) const {
    auto found = m_pictures.find(file);
    return found != m_pictures.end() && found->second.texture != nullptr;
}

void PictureCache::keepOnly(const std::vector<std::filesystem::path>& files) {
    std::erase_if(m_pictures,
                  [&](const auto& item) { return std::ranges::find(files, item.first) == files.end(); });
}

} // namespace platform
