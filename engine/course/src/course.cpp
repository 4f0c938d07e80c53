#include "waymark/course/course.hpp"

#include <algorithm>

#include "waymark/content/markdown.hpp"

namespace waymark::course {

const char* to_string(ReviewPolicy policy) {
    switch (policy) {
        case ReviewPolicy::always:
            return "always";
        case ReviewPolicy::after_passing:
            return "after_passing";
        case ReviewPolicy::after_last_attempt:
            return "after_last_attempt";
        case ReviewPolicy::never:
            return "never";
    }
    return "after_passing";
}

namespace {
template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}
}  // namespace

const Module* Course::find_module(std::string_view id) const {
    return find_by_id(modules, id);
}

const Contact* Course::find_contact(std::string_view id) const {
    return find_by_id(contacts, id);
}

const Contact* Course::pinned_contact() const {
    return pinned_contact_id.empty() ? nullptr : find_contact(pinned_contact_id);
}

const content::Question* Course::find_knowledge_check(std::string_view id) const {
    return find_by_id(knowledge_checks, id);
}

const content::Question* Course::find_assessment_question(std::string_view id) const {
    return find_by_id(assessment_questions, id);
}

std::size_t Course::word_count() const {
    std::size_t words = 0;
    for (const Module& m : modules)
        for (const content::Page& p : m.pages)
            words += content::count_words(p);
    return words;
}

int Course::reading_minutes() const {
    return static_cast<int>((word_count() + 199) / 200);
}

std::size_t Course::page_count() const {
    std::size_t pages = 0;
    for (const Module& m : modules)
        pages += m.pages.size();
    return pages;
}

std::size_t Course::scored_assessment_questions() const {
    return std::count_if(assessment_questions.begin(), assessment_questions.end(),
                         [](const content::Question& q) { return q.is_scored(); });
}

}  // namespace waymark::course
