#include "waymark/player/name_search.hpp"

#include <cctype>

namespace waymark::player {

namespace {

char folded(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Whether `part` (already lower case) occurs in `text`, ignoring the case of ASCII letters.
bool contains_folded(std::string_view text, std::string_view part) {
    if (part.size() > text.size())
        return false;
    for (std::size_t i = 0; i + part.size() <= text.size(); ++i) {
        std::size_t k = 0;
        while (k < part.size() && folded(text[i + k]) == part[k])
            ++k;
        if (k == part.size())
            return true;
    }
    return false;
}

}  // namespace

NameSearch::NameSearch(std::string_view typed) {
    const auto first = typed.find_first_not_of(' ');
    if (first == std::string_view::npos)
        return;
    for (char c : typed.substr(first, typed.find_last_not_of(' ') - first + 1))
        part_ += folded(c);
}

bool NameSearch::matches(std::string_view name, std::string_view staff_id) const {
    return part_.empty() || contains_folded(name, part_) || contains_folded(staff_id, part_);
}

}  // namespace waymark::player
