// One file built into a program by waymark_embed_files() (cmake/EmbedFiles.cmake): the
// one definition every generated embedding function returns, so a target can embed
// several sets of files and code can pass them around without caring which set.
#pragma once

#include <string_view>

namespace waymark {

struct EmbeddedFile {
    std::string_view name;   // the file's name, without its folder
    std::string_view bytes;  // its exact contents
};

}  // namespace waymark
