#include "references.hpp"

#include <map>

#include "waymark/core/json.hpp"

namespace waymark::course {

using content::Block;
using content::BlockKind;
using content::Inlines;

namespace {

bool has_scheme(std::string_view link, std::string_view scheme) {
    return link.size() > scheme.size() && link.substr(0, scheme.size()) == scheme;
}

bool is_image_file(std::string_view path) {
    const auto dot = path.rfind('.');
    if (dot == std::string_view::npos)
        return false;
    std::string ext(path.substr(dot + 1));
    for (char& c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == "png" || ext == "jpg" || ext == "jpeg" || ext == "gif" || ext == "bmp";
}

class PageChecker {
  public:
    PageChecker(const Course& course, const CourseFiles& files, std::set<std::string>& used,
                Diagnostics& out)
        : course_(course), files_(files), used_(used), out_(out) {
        for (const Module& m : course.modules) {
            auto& anchors = anchors_[m.file];
            for (const content::Page& p : m.pages)
                anchors.insert(p.anchor);
        }
    }

    void check(const Module& m) {
        module_ = &m;
        for (const content::Page& page : m.pages)
            for (const Block& b : page.blocks)
                block(b);
    }

  private:
    void block(const Block& b) {
        inlines(b.text, b.line);
        inlines(b.title, b.line);
        for (const auto& item : b.items)
            for (const Block& child : item.blocks)
                block(child);
        for (const Block& child : b.children)
            block(child);
        for (const auto& step : b.steps) {
            inlines(step.title, b.line);
            for (const Block& child : step.detail)
                block(child);
        }
        for (const auto& cell : b.table.header)
            inlines(cell, b.line);
        for (const auto& row : b.table.rows)
            for (const auto& cell : row)
                inlines(cell, b.line);
        switch (b.kind) {
            case BlockKind::image:
                image(b);
                break;
            case BlockKind::contact_card:
                if (!course_.find_contact(b.ref))
                    error(b.line,
                          course_.contacts_file.empty()
                              ? "contact \"" + b.ref +
                                    "\" cannot be shown: course.json names no "
                                    "\"contacts\" file"
                              : "contact \"" + b.ref + "\" is not in " + course_.contacts_file);
                break;
            case BlockKind::knowledge_check:
                if (course_.find_knowledge_check(b.ref)) {
                    embedded_checks_.insert(b.ref);
                } else if (course_.find_assessment_question(b.ref)) {
                    error(b.line, "question \"" + b.ref +
                                      "\" is an assessment question; a knowledge check must come "
                                      "from a bank listed in \"knowledge_checks\"");
                } else {
                    error(b.line,
                          "knowledge check \"" + b.ref + "\" is not in any knowledge_checks bank");
                }
                break;
            default:
                break;
        }
    }

    void image(const Block& b) {
        const std::string& src = b.image.src;
        if (has_scheme(src, "http://") || has_scheme(src, "https://")) {
            error(b.line, "image \"" + src +
                              "\" is on the web; courses work offline, so put the image in "
                              "assets/ and refer to it there");
            return;
        }
        const std::string found = resolve_course_path(files_, module_->file, src);
        if (found.empty()) {
            error(b.line, "image \"" + src + "\" not found in the course folder (looked beside " +
                              module_->file + " and from the course folder)");
            return;
        }
        used_.insert(found);
        if (!is_image_file(found))
            error(b.line, "\"" + src + "\" is not an image the player can show (use PNG or JPEG)");
    }

    void inlines(const Inlines& spans, int line) {
        for (const auto& span : spans)
            if (!span.link.empty())
                link(span.link, line);
    }

    void link(const std::string& target, int line) {
        if (has_scheme(target, "https://") || has_scheme(target, "mailto:") ||
            has_scheme(target, "tel:"))
            return;
        if (has_scheme(target, "http://")) {
            warning(line, "link " + target + " is not secure; use https:// if the site has it");
            return;
        }
        if (target.find("://") != std::string::npos) {
            error(line, "link \"" + target +
                            "\" uses a scheme the player will not open; use "
                            "https://, mailto: or tel:");
            return;
        }
        const auto hash = target.find('#');
        const std::string file_part = target.substr(0, hash);
        const std::string anchor = hash == std::string::npos ? "" : target.substr(hash + 1);
        const std::string path = file_part.empty()
                                     ? module_->file
                                     : resolve_course_path(files_, module_->file, file_part);
        if (path.empty()) {
            error(line, "link \"" + target + "\" points to a file that is not in the course");
            return;
        }
        used_.insert(path);
        if (anchor.empty())
            return;
        const auto it = anchors_.find(path);
        if (it == anchors_.end()) {
            error(line,
                  "link \"" + target + "\" has an #anchor, but " + path + " is not a module page");
        } else if (!it->second.count(anchor)) {
            error(line, "link \"" + target + "\": no page titled so in " + path +
                            " (page anchors are the page titles in lower case with hyphens)");
        }
    }

    void error(int line, std::string message) {
        out_.error(module_->file, line, 0, std::move(message));
    }
    void warning(int line, std::string message) {
        out_.warning(module_->file, line, 0, std::move(message));
    }

  public:
    std::set<std::string> embedded_checks_;

  private:
    const Course& course_;
    const CourseFiles& files_;
    std::set<std::string>& used_;
    Diagnostics& out_;
    const Module* module_ = nullptr;
    std::map<std::string, std::set<std::string>> anchors_;
};

}  // namespace

void check_page_references(const Course& course, const CourseFiles& files,
                           std::set<std::string>& used, Diagnostics& out) {
    PageChecker checker(course, files, used, out);
    for (const Module& m : course.modules)
        checker.check(m);
    for (const auto& q : course.knowledge_checks)
        if (!checker.embedded_checks_.count(q.id))
            out.warning(q.file, q.line, 0,
                        "knowledge check \"" + q.id + "\" is not placed on any page; add [[check:" +
                            q.id + "]] to a page or remove it");
}

void check_question_references(const Course& course, Diagnostics& out) {
    std::map<std::string, const content::Question*> ids;
    std::map<std::string, std::set<std::string>> anchors;
    for (const Module& m : course.modules)
        for (const auto& p : m.pages)
            anchors[m.file].insert(p.anchor);

    auto check = [&](const content::Question& q) {
        const auto [it, fresh] = ids.emplace(q.id, &q);
        if (!fresh)
            out.error(q.file, q.line, 0,
                      "question id \"" + q.id + "\" is also used at " + it->second->file + ":" +
                          std::to_string(it->second->line) + "; ids must be unique in a course");
        if (!q.module.empty() && !course.find_module(q.module))
            out.error(q.file, q.line, 0,
                      "question \"" + q.id + "\" names module \"" + q.module +
                          "\", which is not in course.json");
        if (!q.source.empty()) {
            const auto hash = q.source.find('#');
            const std::string file = q.source.substr(0, hash);
            const auto page_anchors = anchors.find(file);
            if (page_anchors == anchors.end())
                out.error(q.file, q.line, 0,
                          "question \"" + q.id + "\": source \"" + q.source +
                              "\" is not a module file of this course");
            else if (hash != std::string::npos &&
                     !page_anchors->second.count(q.source.substr(hash + 1)))
                out.error(q.file, q.line, 0,
                          "question \"" + q.id + "\": source \"" + q.source +
                              "\" names a page that " + file + " does not have");
        }
    };
    for (const auto& q : course.knowledge_checks)
        check(q);
    for (const auto& q : course.assessment_questions) {
        check(q);
        if (!q.is_scored())
            out.warning(q.file, q.line, 0,
                        "question \"" + q.id + "\" is " + to_string(q.type) +
                            ", which is not marked, so it is never drawn for the assessment");
        else if (q.module.empty() && q.source.empty())
            out.warning(q.file, q.line, 0,
                        "question \"" + q.id +
                            "\" names no \"module\" or \"source\"; say which page it tests so "
                            "it can be traced");
    }

    if (course.assessment.banks.empty())
        return;
    const auto& a = course.assessment;
    const std::size_t scored = course.scored_assessment_questions();
    if (a.draw > 0 && static_cast<std::size_t>(a.draw) > scored)
        out.error("course.json", a.line, 0,
                  "the assessment draws " + std::to_string(a.draw) +
                      " questions, but its banks "
                      "have only " +
                      std::to_string(scored) +
                      " usable ones (essays, descriptions and questions with errors do not "
                      "count)");
    int quota_total = 0;
    for (const Quota& quota : a.quotas) {
        quota_total += quota.min;
        std::size_t available = 0;
        for (const auto& q : course.assessment_questions)
            if (q.is_scored() &&
                (quota.module.empty() ? q.category == quota.category : q.module == quota.module))
                ++available;
        const std::string what = quota.module.empty() ? "category \"" + quota.category + "\""
                                                      : "module \"" + quota.module + "\"";
        if (!quota.module.empty() && !course.find_module(quota.module))
            out.error("course.json", quota.line, 0,
                      "a quota names " + what + ", which is not a module");
        else if (available < static_cast<std::size_t>(quota.min))
            out.error("course.json", quota.line, 0,
                      "a quota asks for " + std::to_string(quota.min) + " questions from " + what +
                          ", but the banks have " + std::to_string(available));
    }
    if (quota_total > a.draw && a.draw > 0)
        out.error("course.json", a.line, 0,
                  "the quotas ask for " + std::to_string(quota_total) +
                      " questions, more than the " + std::to_string(a.draw) + " drawn");
}

}  // namespace waymark::course
