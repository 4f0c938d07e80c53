#include "page_frame.hpp"

#include "waymark/publish/html_text.hpp"

namespace waymark::publish {

namespace {

std::string nav_item(const char* href, const char* label, bool current) {
    return std::string("<li><a href=\"") + href + "\"" + (current ? " aria-current=\"page\"" : "") +
           ">" + label + "</a></li>";
}

// The pinned contact in the banner: on every page, one Tab away from its top.
std::string pinned_contact(const course::Course& course) {
    const course::Contact* c = course.pinned_contact();
    if (!c)
        return {};
    const std::string tel = tel_link(c->phone);
    std::string html =
        "<p class=\"pinned-contact\"><strong>" + html_escape(c->name) + ":</strong> ";
    if (!tel.empty())
        html += "<a href=\"" + html_escape(tel) + "\">call " + html_escape(c->phone) + "</a>";
    else
        html += "<a href=\"contacts.html\">see contacts</a>";
    return html + "</p>\n";
}

std::string pager(const FrameInput& page) {
    if (page.previous.href.empty() && page.next.href.empty())
        return {};
    std::string html = "<nav class=\"pager\" aria-label=\"Previous and next page\">\n<ul>\n";
    if (!page.previous.href.empty())
        html += "<li class=\"pager-previous\"><a href=\"" + html_escape(page.previous.href) +
                "\" rel=\"prev\"><span class=\"pager-label\">Previous</span> " +
                html_escape(page.previous.title) + "</a></li>\n";
    if (!page.next.href.empty())
        html += "<li class=\"pager-next\"><a href=\"" + html_escape(page.next.href) +
                "\" rel=\"next\"><span class=\"pager-label\">Next</span> " +
                html_escape(page.next.title) + "</a></li>\n";
    return html + "</ul>\n</nav>\n";
}

}  // namespace

std::string page_html(const course::Course& course, const FrameInput& page) {
    const std::string language = course.language.empty() ? "en" : course.language;
    const std::string title = page.title == course.title
                                  ? html_escape(course.title)
                                  : html_escape(page.title) + " - " + html_escape(course.title);
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"" + html_escape(language) +
        "\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
        html_escape(page.runs_engine ? kEngineContentSecurityPolicy : kContentSecurityPolicy) +
        "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>" + title +
        "</title>\n<link rel=\"stylesheet\" href=\"waymark.css\">\n" +
        (page.runs_engine ? "<script src=\"assessment.js\" defer></script>\n" : "") +
        "<script src=\"waymark.js\" defer></script>\n</head>\n<body>\n"
        "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n"
        "<header class=\"site-header\">\n<div class=\"site-header-inner\">\n"
        "<p class=\"course-name\"><a href=\"index.html\">" +
        html_escape(course.title) + "</a></p>\n" + pinned_contact(course) +
        "<nav class=\"course-nav\" aria-label=\"Course\">\n<ul>" +
        nav_item("index.html", "Contents", page.section == Section::contents) +
        nav_item("contacts.html", "Contacts", page.section == Section::contacts) +
        nav_item("assessment.html", "Assessment", page.section == Section::assessment) +
        "</ul>\n</nav>\n</div>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n";
    if (!page.kicker.empty())
        html += "<p class=\"kicker\">" + html_escape(page.kicker) + "</p>\n";
    html += "<h1 id=\"page-title\" tabindex=\"-1\">" + html_escape(page.title) + "</h1>\n" +
            page.body_html + "</main>\n" + pager(page) + "<footer class=\"site-footer\">\n<p>" +
            html_escape(course.title) + ", version " + html_escape(course.version);
    if (!course.publisher.empty())
        html += ". Published by " + html_escape(course.publisher);
    html += ".</p>\n</footer>\n" + page.data_html + "</body>\n</html>\n";
    return html;
}

}  // namespace waymark::publish
