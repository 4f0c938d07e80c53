// render_lms_package() and write_lms_package(): the course's site with a launch page that
// holds the LMS session, its adapter and the format's manifest, written as one zip.
#include "waymark/publish/lms_package.hpp"

#include <algorithm>

#include "lms_runtime.hpp"
#include "waymark/core/files.hpp"
#include "waymark/package/zip_bytes.hpp"
#include "waymark/publish/html_text.hpp"

namespace waymark::publish {

namespace {

// The launch page's policy: its own scripts and style, the course's pages in its frame.
// cmi5 also talks to the LMS's xAPI endpoint (connect-src). Its address arrives only at
// launch, in the query string, and this policy is fixed when the course is published, so
// a meta policy can say no more than "http: and https: addresses" (the LMS may be on a
// plain-http intranet; a page served over https cannot reach http anyway). lms-cmi5.js
// narrows it at launch: it adds a second policy naming only the origins of the launch's
// endpoint and fetch URL before its first request, and a browser enforces every policy
// of a page, so anything else is refused. Nothing here lets a course text or a query
// string run script: script-src stays 'self'.
constexpr const char* kScorm12Policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "frame-src 'self'; base-uri 'none'; form-action 'none'";
constexpr const char* kCmi5Policy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "frame-src 'self'; connect-src http: https:; base-uri 'none'; form-action 'none'";

std::string adapter_script(LmsFormat format) {
    return format == LmsFormat::scorm12 ? "lms-scorm12.js" : "lms-cmi5.js";
}

// The launch page: a notice for problems with the LMS, and the frame the adapter opens
// the course in once the session is ready (at the bookmarked page when there is one).
std::string launch_page(const course::Course& course, LmsFormat format) {
    const std::string language = course.language.empty() ? "en" : course.language;
    return "<!DOCTYPE html>\n<html lang=\"" + html_escape(language) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
           (format == LmsFormat::scorm12 ? kScorm12Policy : kCmi5Policy) +
           "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>" +
           html_escape(course.title) +
           "</title>\n<link rel=\"stylesheet\" href=\"lms-launch.css\">\n"
           "<script src=\"lms-launch.js\" defer></script>\n<script src=\"" +
           adapter_script(format) + "\" defer></script>\n</head>\n<body data-has-assessment=\"" +
           (has_assessment(course) ? "true" : "false") + "\" data-pass-mark=\"" +
           std::to_string(course.assessment.pass_mark) +
           "\">\n<div class=\"lms-notice\" id=\"lms-notice\" role=\"alert\" hidden></div>\n"
           "<noscript><p class=\"lms-notice\">This course needs JavaScript to record your "
           "progress with your learning platform. <a href=\"index.html\">Read the course "
           "without recording it</a>.</p></noscript>\n"
           "<iframe id=\"course-frame\" title=\"" +
           html_escape(course.title) + "\"></iframe>\n</body>\n</html>\n";
}

}  // namespace

bool has_assessment(const course::Course& course) {
    return course.scored_assessment_questions() > 0;
}

Result<Site> render_lms_package(const course::Course& course, const course::CourseFiles& files,
                                LmsFormat format) {
    auto site = render_html_site(course, files);
    if (!site)
        return site.error();
    auto& out = site->files;
    out.push_back({std::string(kLaunchPage), launch_page(course, format)});
    for (const auto& asset : lms::lms_runtime()) {
        const bool adapter =
            asset.name.starts_with("lms-scorm12") || asset.name.starts_with("lms-cmi5");
        if (!adapter || asset.name == adapter_script(format))
            out.push_back({std::string(asset.name), std::string(asset.bytes)});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    if (format == LmsFormat::scorm12) {
        std::vector<std::string> paths;
        for (const auto& f : out)
            paths.push_back(f.path);
        out.push_back({"imsmanifest.xml", scorm12_manifest(course, paths)});
    } else {
        out.push_back({"cmi5.xml", cmi5_manifest(course)});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return site;
}

Result<void> write_lms_package(const Site& package, const std::filesystem::path& out) {
    std::vector<package::ZipEntry> entries;
    entries.reserve(package.files.size());
    for (const auto& f : package.files)
        entries.push_back({f.path, f.bytes});
    auto bytes = package::zip_bytes(entries, out);
    if (!bytes)
        return bytes.error();
    return write_file_atomic(out, *bytes);
}

}  // namespace waymark::publish
