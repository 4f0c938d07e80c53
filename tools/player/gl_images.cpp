#include "gl_images.hpp"

#include <GLFW/glfw3.h>
#include <stb_image.h>

#include <climits>
#include <cstdint>
#include <memory>

namespace waymark::ui {

Texture GlImageLoader::load(const std::string& bytes) {
    if (bytes.empty() || bytes.size() > INT_MAX)
        return {};
    int w = 0, h = 0, channels = 0;
    // Refuse absurd sizes before decoding: a hostile PNG header could ask for gigabytes.
    if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                               static_cast<int>(bytes.size()), &w, &h, &channels) ||
        w <= 0 || h <= 0 || w > 8192 || h > 8192)
        return {};
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                              static_cast<int>(bytes.size()), &w, &h, &channels, 4),
        stbi_image_free);
    if (!pixels)
        return {};
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.get());
    return {reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id)), w, h};
}

void GlImageLoader::release(const Texture& texture) {
    const auto id = static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(texture.id));
    if (id)
        glDeleteTextures(1, &id);
}

}  // namespace waymark::ui
