// Test support: small courses built in code, and the bundled sample course.
#pragma once

#include <string>

#include "waymark/course/course.hpp"
#include "waymark/player/library.hpp"

namespace waymark::test {

// A course with `pages_per_module[i]` pages in module i; modules are "m1", "m2", ...
inline course::Course course_with_pages(std::initializer_list<std::size_t> pages_per_module) {
    course::Course c;
    c.id = "built";
    c.version = "1.0.0";
    c.title = "Built course";
    int m = 0;
    for (auto pages : pages_per_module) {
        course::Module mod;
        mod.id = "m" + std::to_string(++m);
        mod.title = "Module " + std::to_string(m);
        mod.file = "modules/" + mod.id + ".md";
        for (std::size_t p = 0; p < pages; ++p) {
            content::Page page;
            page.title = "Page " + std::to_string(p + 1);
            page.anchor = "page-" + std::to_string(p + 1);
            mod.pages.push_back(page);
        }
        c.modules.push_back(mod);
    }
    return c;
}

inline player::LibraryCourse sample_course() {
    return player::load_course_folder(WAYMARK_SOURCE_DIR "/courses/waymark-sample");
}

}  // namespace waymark::test
