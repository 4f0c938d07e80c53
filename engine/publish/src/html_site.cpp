#include "waymark/publish/html_site.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "assessment_data.hpp"
#include "page_frame.hpp"
#include "question_form.hpp"
#include "waymark/course/load.hpp"
#include "waymark/publish/block_html.hpp"
#include "waymark/publish/html_text.hpp"
#include "web_runtime.hpp"

namespace waymark::publish {

using namespace std::string_literals;

// Page files are named by position, never by course text, so no title or id can make a
// file name that escapes the folder or needs encoding.
std::string page_file(std::size_t module, std::size_t page) {
    return "module-" + std::to_string(module + 1) + "-page-" + std::to_string(page + 1) + ".html";
}

namespace {

// Course files shown or linked from the pages are copied under media/ with their paths.
const std::string kMedia = "media/";

class SiteBuilder {
  public:
    SiteBuilder(const course::Course& course, const course::CourseFiles& files)
        : course_(course), files_(files) {}

    Result<Site> build() {
        std::vector<PageLink> pages;  // every page in reading order
        for (std::size_t m = 0; m < course_.modules.size(); ++m)
            for (std::size_t p = 0; p < course_.modules[m].pages.size(); ++p)
                pages.push_back({page_file(m, p), course_.modules[m].pages[p].title});

        std::size_t n = 0;
        for (std::size_t m = 0; m < course_.modules.size(); ++m) {
            const course::Module& module = course_.modules[m];
            for (std::size_t p = 0; p < module.pages.size(); ++p, ++n) {
                FrameInput frame;
                frame.title = module.pages[p].title;
                frame.kicker = "Module " + std::to_string(m + 1) + " of " +
                               std::to_string(course_.modules.size()) + ": " + module.title;
                std::vector<const content::Question*> checks;
                frame.body_html = page_body(module, module.pages[p], checks);
                frame.data_html = course_data(static_cast<long>(n), pages.size());
                if (!checks.empty()) {
                    frame.runs_engine = true;
                    std::vector<content::Question> questions;
                    for (const auto* q : checks)
                        questions.push_back(*q);
                    frame.data_html += json_script("waymark-questions", bank_json(questions));
                }
                if (p + 1 == module.pages.size())
                    frame.body_html += sources(module);
                frame.previous = n > 0 ? pages[n - 1] : PageLink{"index.html", "Contents"};
                frame.next =
                    n + 1 < pages.size() ? pages[n + 1] : PageLink{"assessment.html", "Assessment"};
                add(page_file(m, p), page_html(course_, frame));
            }
        }
        add("index.html", contents_page(pages));
        add("contacts.html", contacts_page());
        add("assessment.html", assessment_page(pages));
        for (const auto& asset : web_runtime())
            add(std::string(asset.name), std::string(asset.bytes));
        for (const auto& path : media_) {
            auto bytes = files_.read(path, course::LoadLimits{}.max_asset_bytes);
            if (!bytes)
                return bytes.error();
            add(kMedia + path, std::move(*bytes));
        }
        std::sort(site_.files.begin(), site_.files.end(),
                  [](const auto& a, const auto& b) { return a.path < b.path; });
        return std::move(site_);
    }

  private:
    void add(std::string path, std::string bytes) {
        site_.files.push_back({std::move(path), std::move(bytes)});
    }

    std::string page_body(const course::Module& module, const content::Page& page,
                          std::vector<const content::Question*>& checks) {
        RenderContext ctx;
        ctx.checks_shown = &checks;
        ctx.course = &course_;
        ctx.page_title = page.title;
        ctx.course_link = [&](std::string_view target) { return course_link(module, target); };
        ctx.image_url = [&](std::string_view src) { return media_url(module, src); };
        return render_blocks(page.blocks, ctx);
    }

    // A link written in `module`'s file: to a page (by its #anchor, else the module's first
    // page), or to another course file, which is then published too.
    std::string course_link(const course::Module& module, std::string_view target) {
        const auto hash = target.find('#');
        const std::string_view file_part = target.substr(0, hash);
        const std::string anchor =
            hash == std::string_view::npos ? "" : std::string(target.substr(hash + 1));
        const std::string path = file_part.empty()
                                     ? module.file
                                     : course::resolve_course_path(files_, module.file, file_part);
        if (path.empty())
            return {};
        for (std::size_t m = 0; m < course_.modules.size(); ++m) {
            const auto& pages = course_.modules[m].pages;
            if (course_.modules[m].file != path || pages.empty())
                continue;
            for (std::size_t p = 0; p < pages.size(); ++p)
                if (pages[p].anchor == anchor)
                    return page_file(m, p);
            return page_file(m, 0);
        }
        media_.insert(path);
        return kMedia + url_path(path);
    }

    std::string media_url(const course::Module& module, std::string_view src) {
        const std::string path = course::resolve_course_path(files_, module.file, src);
        if (path.empty())
            return {};
        media_.insert(path);
        return kMedia + url_path(path);
    }

    static std::string sources(const course::Module& module) {
        if (module.sources.empty())
            return {};
        std::string html = "<h2>Sources for this module</h2>\n<ul class=\"sources\">\n";
        for (const auto& s : module.sources) {
            const std::string href = external_link(s.url);
            html += "<li>" +
                    (href.empty() ? html_escape(s.title)
                                  : "<a href=\"" + html_escape(href) + "\">" +
                                        html_escape(s.title) + "</a>") +
                    "</li>\n";
        }
        return html + "</ul>\n";
    }

    std::string contents_page(const std::vector<PageLink>& pages) {
        FrameInput frame;
        frame.title = course_.title;
        frame.section = Section::contents;
        frame.data_html = course_data(-1, pages.size());
        std::string& body = frame.body_html;
        if (!course_.summary.empty())
            body += "<p class=\"summary\">" + html_escape(course_.summary) + "</p>\n";
        body += "<ul class=\"facts\">\n";
        if (!course_.audience.empty())
            body += "<li>For: " + html_escape(course_.audience) + "</li>\n";
        if (course_.estimated_minutes > 0)
            body +=
                "<li>Time: about " + std::to_string(course_.estimated_minutes) + " minutes</li>\n";
        body += "<li>" + std::to_string(course_.modules.size()) + " modules, " +
                std::to_string(pages.size()) + " pages</li>\n</ul>\n";
        if (!pages.empty()) {
            body += "<p><a class=\"start\" href=\"" + pages.front().href +
                    "\">Start the course</a></p>\n";
            frame.next = pages.front();
        }
        body += "<h2>Contents</h2>\n<ol class=\"contents\">\n";
        for (std::size_t m = 0; m < course_.modules.size(); ++m) {
            const auto& module = course_.modules[m];
            body += "<li>" + html_escape(module.title) + "\n<ol>\n";
            for (std::size_t p = 0; p < module.pages.size(); ++p)
                body += "<li><a href=\"" + page_file(m, p) + "\">" +
                        html_escape(module.pages[p].title) + "</a></li>\n";
            body += "</ol>\n</li>\n";
        }
        body += "</ol>\n<h2>Assessment</h2>\n" + assessment_summary() +
                "<p><a href=\"assessment.html\">Take the assessment</a></p>\n";
        return page_html(course_, frame);
    }

    std::string assessment_summary() const {
        const auto& a = course_.assessment;
        std::string html = "<p>";
        if (a.draw > 0)
            html += "The assessment has " + std::to_string(a.draw) + " questions. ";
        return html + "To pass, you need " + std::to_string(a.pass_mark) + "% or more.</p>\n";
    }

    std::string contacts_page() {
        FrameInput frame;
        frame.title = "Contacts";
        frame.section = Section::contacts;
        frame.data_html = course_data(-1, course_.page_count());
        frame.body_html = "<p>The people and services this course asks you to contact"s +
                          (course_.pinned_contact() ? ", the emergency contact first" : "") +
                          ".</p>\n";
        // The pinned (emergency) contact first, then the others in the course's order.
        const course::Contact* pinned = course_.pinned_contact();
        if (pinned)
            frame.body_html += render_contact(*pinned, "h2");
        for (const auto& c : course_.contacts)
            if (&c != pinned)
                frame.body_html += render_contact(c, "h2");
        return page_html(course_, frame);
    }

    std::string course_data(long page, std::size_t page_count) const {
        return json_script("waymark-course", course_json(course_, page, page_count));
    }

    // The engine in the browser draws a paper from the bank, so every question of the
    // bank is on the page as a form, hidden until drawn; waymark.js shows the drawn ones
    // in paper order. Without script the page says the assessment needs it.
    std::string assessment_page(const std::vector<PageLink>& pages) {
        FrameInput frame;
        frame.title = "Assessment";
        frame.section = Section::assessment;
        frame.runs_engine = true;
        const auto policy = assessment::policy_of(course_.assessment);
        std::string& body = frame.body_html;
        body = assessment_summary() + attempts_summary() +
               "<div class=\"assessment\" id=\"assessment\">\n"
               "<p class=\"engine-missing\" id=\"engine-missing\">The assessment runs in your "
               "browser and needs JavaScript. Turn JavaScript on for this page, or ask whoever "
               "sent you this course for another way to take it.</p>\n"
               "<div class=\"assessment-status\" id=\"assessment-status\" role=\"status\" "
               "aria-live=\"polite\"></div>\n"
               // The result comes before "Start a new attempt", in reading order too.
               "<section class=\"result\" id=\"result\" aria-labelledby=\"result-heading\" "
               "hidden>\n<h2 id=\"result-heading\" tabindex=\"-1\">Your result</h2>\n"
               "<div id=\"result-body\"></div>\n</section>\n"
               "<p class=\"assessment-actions\"><button type=\"button\" id=\"start-attempt\" "
               "hidden>Start the assessment</button></p>\n"
               "<div class=\"paper\" id=\"paper\"></div>\n"
               "<p class=\"assessment-actions\"><button type=\"button\" id=\"submit-attempt\" "
               "hidden>Submit your answers</button></p>\n<div id=\"question-pool\" hidden>\n";
        for (std::size_t i = 0; i < course_.assessment_questions.size(); ++i) {
            const auto& q = course_.assessment_questions[i];
            if (!q.is_scored())
                continue;
            QuestionFormOptions form;
            form.id = "question-" + std::to_string(i + 1);
            form.heading = "Question";
            form.heading_tag = "h2";
            body += render_question_form(q, form);
        }
        body += "</div>\n</div>\n";
        frame.data_html =
            course_data(-1, pages.size()) +
            json_script("waymark-questions", bank_json(course_.assessment_questions)) +
            json_script("waymark-policy", policy_json(policy));
        if (!pages.empty())
            frame.previous = pages.back();
        return page_html(course_, frame);
    }

    std::string attempts_summary() const {
        const auto& a = course_.assessment;
        std::string html = "<p>";
        html += a.attempts > 0 ? "You have " + std::to_string(a.attempts) + " attempt" +
                                     (a.attempts == 1 ? "" : "s") + ". "
                               : "You can try as many times as you need. ";
        if (a.time_limit_minutes > 0)
            html += "Each attempt has a time limit of " + std::to_string(a.time_limit_minutes) +
                    " minutes. ";
        // Saved in the browser, or by the learning platform in a SCORM or cmi5 package.
        return html + "Your answers are saved as you go.</p>\n";
    }

    const course::Course& course_;
    const course::CourseFiles& files_;
    std::set<std::string> media_;
    Site site_;
};

}  // namespace

const PublishedFile* Site::find(std::string_view path) const {
    for (const auto& f : files)
        if (f.path == path)
            return &f;
    return nullptr;
}

std::uintmax_t Site::total_bytes() const {
    std::uintmax_t total = 0;
    for (const auto& f : files)
        total += f.bytes.size();
    return total;
}

Result<Site> render_html_site(const course::Course& course, const course::CourseFiles& files) {
    return SiteBuilder(course, files).build();
}

}  // namespace waymark::publish
