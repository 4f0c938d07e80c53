// waymark/publish/lms_package.hpp: a course as a package for a learning platform (LMS),
// in SCORM 1.2 or cmi5.
//
// The package is a .zip holding the course's web pages (render_html_site()), a launch page
// (launch.html) with the adapter script of its format, and the format's manifest
// (imsmanifest.xml or cmi5.xml). The launch page holds the LMS session and shows the
// course's pages in a frame below it: an LMS session is opened once and closed once
// (SCORM's LMSInitialize and LMSFinish, cmi5's initialized and terminated), and a course
// of many pages would otherwise end it on every page change. The pages reach the session
// through window.parent.WaymarkTracking (its contract is in assets/web/waymark.js).
//
// What the LMS records: the page to resume at, the runtime's resume data, the assessment's
// score and whether it was passed, and completion by the course's own rule (cmi5's moveOn
// and masteryScore come from it). The manifests list only names the package gives the
// files and escape every course text, so no title can change their structure.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "waymark/publish/html_site.hpp"

namespace waymark::publish {

enum class LmsFormat { scorm12, cmi5 };

// The page the LMS launches.
inline constexpr std::string_view kLaunchPage = "launch.html";

// True when the course has an assessment to score (a question that can be drawn). A course
// without one is complete in SCORM 1.2 when its completion rule is met, and has no
// masteryScore.
bool has_assessment(const course::Course& course);

// The package's files in path order: the site, the launch page, its scripts and style, and
// the manifest.
Result<Site> render_lms_package(const course::Course& course, const course::CourseFiles& files,
                                LmsFormat format);

// imsmanifest.xml: one organisation, one item and one SCO resource launched at launch.html
// that lists every path of `files` (the other files of the package) as a URL.
std::string scorm12_manifest(const course::Course& course, const std::vector<std::string>& files);

// cmi5.xml: one course with one AU launched at launch.html. moveOn is CompletedAndPassed
// when the completion rule asks for the assessment, else Completed; masteryScore is the
// pass mark as a value from 0 to 1 when the course has an assessment.
std::string cmi5_manifest(const course::Course& course);

// The activity IRIs of the course and its AU in cmi5.xml, from the course id only, so a
// new version of a course is the same course to the LMS.
std::string cmi5_course_iri(const course::Course& course);
std::string cmi5_au_iri(const course::Course& course);

// Writes `package` as a zip to `out`: to a temporary file beside it, renamed into place,
// so a failure leaves any earlier file as it was.
Result<void> write_lms_package(const Site& package, const std::filesystem::path& out);

}  // namespace waymark::publish
