// cmi5.xml, the course structure of cmi5 (the cmi5 specification, section 13): one
// course with one AU, launched at launch.html.
#include "waymark/publish/html_text.hpp"
#include "waymark/publish/lms_package.hpp"
#include "xml_text.hpp"

namespace waymark::publish {

namespace {

// The pass mark (a percentage) as cmi5's masteryScore, a decimal from 0 to 1: "0.8".
std::string mastery_score(int pass_mark) {
    if (pass_mark <= 0)
        return "0";
    if (pass_mark >= 100)
        return "1";
    const std::string digits = std::to_string(pass_mark);
    std::string text = "0." + std::string(digits.size() < 2 ? "0" : "") + digits;
    while (text.back() == '0')
        text.pop_back();
    return text;
}

std::string langstrings(const std::string& element, const std::string& text,
                        const std::string& language, const std::string& indent) {
    return indent + "<" + element + ">\n" + indent + "  <langstring lang=\"" + xml_text(language) +
           "\">" + xml_text(text) + "</langstring>\n" + indent + "</" + element + ">\n";
}

}  // namespace

std::string cmi5_course_iri(const course::Course& course) {
    return "urn:waymark:course:" + url_path(course.id);
}

std::string cmi5_au_iri(const course::Course& course) {
    return cmi5_course_iri(course) + ":au";
}

std::string cmi5_manifest(const course::Course& course) {
    const std::string language = course.language.empty() ? "en" : course.language;
    // Completion in the course's rule includes passing the assessment when it asks for
    // it: the LMS then moves on only once the AU reports both.
    const char* move_on =
        course.completion.assessment && has_assessment(course) ? "CompletedAndPassed" : "Completed";
    std::string au =
        "  <au id=\"" + xml_text(cmi5_au_iri(course)) + "\" moveOn=\"" + move_on + "\"";
    if (has_assessment(course))
        au += " masteryScore=\"" + mastery_score(course.assessment.pass_mark) + "\"";
    au += " launchMethod=\"AnyWindow\">\n";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/"
           "CourseStructure.xsd\">\n"
           "  <course id=\"" +
           xml_text(cmi5_course_iri(course)) + "\">\n" +
           langstrings("title", course.title, language, "    ") +
           langstrings("description", course.summary, language, "    ") + "  </course>\n" + au +
           langstrings("title", course.title, language, "    ") +
           langstrings("description", course.summary, language, "    ") + "    <url>" +
           std::string(kLaunchPage) + "</url>\n  </au>\n</courseStructure>\n";
}

}  // namespace waymark::publish
