#include "window_icon.hpp"

#include <GLFW/glfw3.h>
#include <stb_image.h>

#include <memory>
#include <vector>

#include "window_icons.hpp"

namespace waymark::ui {

void set_window_icon(GLFWwindow* window) {
    struct Free {
        void operator()(unsigned char* pixels) const { stbi_image_free(pixels); }
    };
    std::vector<std::unique_ptr<unsigned char, Free>> decoded;
    std::vector<GLFWimage> images;
    for (const auto& file : window_icons()) {
        int width = 0, height = 0, channels = 0;
        unsigned char* pixels = stbi_load_from_memory(
            reinterpret_cast<const stbi_uc*>(file.bytes.data()),
            static_cast<int>(file.bytes.size()), &width, &height, &channels, 4);
        if (!pixels)
            continue;
        decoded.emplace_back(pixels);
        images.push_back({width, height, pixels});
    }
    if (!images.empty())
        glfwSetWindowIcon(window, static_cast<int>(images.size()), images.data());
}

}  // namespace waymark::ui
