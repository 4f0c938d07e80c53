// Images as OpenGL textures, through stb_image. Internal to waymark-player.
#pragma once

#include "waymark/ui/view.hpp"

namespace waymark::ui {

class GlImageLoader : public ImageLoader {
  public:
    Texture load(const std::string& bytes) override;
    void release(const Texture& texture) override;
};

}  // namespace waymark::ui
