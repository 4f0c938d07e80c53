#include "waymark/ui/wrap.hpp"

namespace waymark::ui {

std::vector<std::size_t> wrap_words(const std::vector<WrapWord>& words, float width) {
    std::vector<std::size_t> starts;
    if (words.empty())
        return starts;
    starts.push_back(0);
    float x = 0;
    for (std::size_t i = 0; i < words.size();) {
        // The run of words glued to this one goes on one line, whole.
        std::size_t end = i;
        float run = 0;
        while (end + 1 < words.size() && words[end].glued_to_next)
            run += words[end++].advance;
        const float ink = run + words[end].ink;
        if (x > 0 && x + ink > width) {
            starts.push_back(i);
            x = 0;
        }
        for (; i <= end; ++i)
            x += words[i].advance;
    }
    return starts;
}

}  // namespace waymark::ui
