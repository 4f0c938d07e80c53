#include "waymark/player/course_reader.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>

namespace waymark::player {

namespace {

std::optional<PagePosition> find_page(const course::Course& course, const PageRef& r) {
    for (std::size_t m = 0; m < course.modules.size(); ++m) {
        if (course.modules[m].id != r.module_id)
            continue;
        const auto& pages = course.modules[m].pages;
        for (std::size_t p = 0; p < pages.size(); ++p)
            if (pages[p].anchor == r.anchor)
                return PagePosition{m, p};
    }
    return std::nullopt;
}

}  // namespace

CourseReader::CourseReader(const course::Course& course) : course_(&course) {
    assert(course.page_count() > 0);
    // Start on the first module that has a page.
    for (std::size_t m = 0; m < course.modules.size(); ++m)
        if (!course.modules[m].pages.empty()) {
            position_ = {m, 0};
            break;
        }
}

const course::Module& CourseReader::module() const {
    return course_->modules[position_.module];
}
const content::Page& CourseReader::page() const {
    return module().pages[position_.page];
}

bool CourseReader::is_web_link(const std::string& url) {
    return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0 ||
           url.rfind("mailto:", 0) == 0;
}

std::optional<PagePosition> CourseReader::link_target(const std::string& url) const {
    if (url.empty() || is_web_link(url))
        return std::nullopt;
    const auto hash = url.find('#');
    const std::string file = url.substr(0, hash);
    const std::string anchor = hash == std::string::npos ? "" : url.substr(hash + 1);
    const auto& modules = course_->modules;
    for (std::size_t m = 0; m < modules.size(); ++m) {
        const auto& f = modules[m].file;
        // "02-questions.md" names the module whose file ends with it, at a folder boundary.
        const bool same =
            file.empty()
                ? m == position_.module
                : f == file || (f.size() > file.size() &&
                                f.compare(f.size() - file.size(), file.size(), file) == 0 &&
                                f[f.size() - file.size() - 1] == '/');
        if (!same)
            continue;
        for (std::size_t pg = 0; pg < modules[m].pages.size(); ++pg)
            if (anchor.empty() || modules[m].pages[pg].anchor == anchor)
                return PagePosition{m, pg};
    }
    return std::nullopt;
}

const std::vector<course::Source>& CourseReader::sources_here() const {
    static const std::vector<course::Source> none;
    const auto& m = module();
    if (m.sources.empty() || position_.page + 1 != m.pages.size())
        return none;
    for (const auto& block : page().blocks) {
        if (block.kind != content::BlockKind::heading)
            continue;
        std::string text = content::plain_text(block.text);
        for (auto& ch : text)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (text == "sources" || text == "source")
            return none;
    }
    return m.sources;
}

bool CourseReader::valid(PagePosition p) const {
    return p.module < course_->modules.size() && p.page < course_->modules[p.module].pages.size();
}

bool CourseReader::go_to(PagePosition p) {
    if (!valid(p))
        return false;
    position_ = p;
    return true;
}

std::optional<PagePosition> CourseReader::previous() const {
    if (position_.page > 0)
        return PagePosition{position_.module, position_.page - 1};
    for (std::size_t m = position_.module; m-- > 0;)
        if (!course_->modules[m].pages.empty())
            return PagePosition{m, course_->modules[m].pages.size() - 1};
    return std::nullopt;
}

std::optional<PagePosition> CourseReader::following() const {
    if (position_.page + 1 < module().pages.size())
        return PagePosition{position_.module, position_.page + 1};
    for (std::size_t m = position_.module + 1; m < course_->modules.size(); ++m)
        if (!course_->modules[m].pages.empty())
            return PagePosition{m, 0};
    return std::nullopt;
}

bool CourseReader::can_go_back() const {
    return previous().has_value();
}
bool CourseReader::can_go_next() const {
    return following().has_value();
}

std::string CourseReader::progress_label() const {
    return "Module " + std::to_string(position_.module + 1) + " of " +
           std::to_string(course_->modules.size()) + ", page " +
           std::to_string(position_.page + 1) + " of " + std::to_string(module().pages.size());
}

bool CourseReader::is_read(PagePosition p) const {
    return read_.count(p) != 0;
}

bool CourseReader::module_read(std::size_t m) const {
    if (m >= course_->modules.size())
        return false;
    for (std::size_t p = 0; p < course_->modules[m].pages.size(); ++p)
        if (!is_read({m, p}))
            return false;
    return true;
}

int CourseReader::percent_read() const {
    return player::percent_read(*course_, read_.size());
}

std::set<PagePosition> pages_read(const course::Course& course, const std::vector<PageRef>& read) {
    std::set<PagePosition> out;
    for (const auto& r : read)
        if (auto p = find_page(course, r))
            out.insert(*p);
    return out;
}

int percent_read(const course::Course& course, std::size_t pages) {
    const auto total = course.page_count();
    return total == 0 ? 0 : static_cast<int>(std::min(pages, total) * 100 / total);
}

bool CourseReader::required_pages_read() const {
    for (std::size_t m = 0; m < course_->modules.size(); ++m) {
        const bool counts = course_->completion.all_modules || course_->modules[m].required;
        if (counts && !module_read(m))
            return false;
    }
    return true;
}

PageRef CourseReader::ref(PagePosition p) const {
    if (!valid(p))
        return {};
    return {course_->modules[p.module].id, course_->modules[p.module].pages[p.page].anchor,
            static_cast<int>(p.module), static_cast<int>(p.page),
            static_cast<int>(course_->page_count())};
}

std::optional<PagePosition> CourseReader::find(const PageRef& r) const {
    return find_page(*course_, r);
}

void CourseReader::restore(const CourseHistory& history) {
    const auto read = pages_read(*course_, history.pages_viewed);
    read_.insert(read.begin(), read.end());
    std::optional<PagePosition> last;
    for (auto it = history.pages_viewed.rbegin(); it != history.pages_viewed.rend() && !last; ++it)
        last = find(*it);
    if (!last)
        return;
    position_ = *last;
    if (auto next = following(); next && !is_read(*next))
        position_ = *next;
}

CheckState* CourseReader::check(const std::string& question_id, std::uint64_t seed) {
    const auto it = checks_.find(question_id);
    if (it != checks_.end())
        return &it->second;
    const content::Question* q = course_->find_knowledge_check(question_id);
    if (!q)
        return nullptr;
    CheckState state;
    state.shown = assessment::present(*q, seed, q->shuffle);
    state.draft = blank_draft(*q, state.shown);
    return &checks_.emplace(question_id, std::move(state)).first->second;
}

}  // namespace waymark::player
