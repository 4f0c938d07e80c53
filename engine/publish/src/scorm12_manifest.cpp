// imsmanifest.xml for SCORM 1.2 (ADL SCORM 1.2 Content Aggregation Model, IMS Content
// Packaging 1.1.2): the one SCO of the course, launched at launch.html.
#include "waymark/publish/html_text.hpp"
#include "waymark/publish/lms_package.hpp"
#include "xml_text.hpp"

namespace waymark::publish {

namespace {

// The manifest's identifier is an xs:ID, which allows fewer characters than a course id.
std::string manifest_identifier(std::string_view course_id) {
    std::string id = "waymark-";
    for (const char c : course_id) {
        const bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
        id += kept ? c : '-';
    }
    return id;
}

}  // namespace

std::string scorm12_manifest(const course::Course& course, const std::vector<std::string>& files) {
    const std::string title = xml_text(course.title);
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<manifest identifier=\"" +
        manifest_identifier(course.id) + "\" version=\"" + xml_text(course.version) +
        "\"\n"
        "  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
        "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\">\n"
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n"
        "  </metadata>\n"
        "  <organizations default=\"course\">\n    <organization identifier=\"course\">\n"
        "      <title>" +
        title +
        "</title>\n      <item identifier=\"course-item\" identifierref=\"course-sco\" "
        "isvisible=\"true\">\n        <title>" +
        title + "</title>\n";
    // The LMS may set lesson_status from the score itself when it knows the mastery score;
    // the adapter reports the score in percent, so this is the pass mark as it stands.
    if (has_assessment(course))
        xml += "        <adlcp:masteryscore>" + std::to_string(course.assessment.pass_mark) +
               "</adlcp:masteryscore>\n";
    xml +=
        "      </item>\n    </organization>\n  </organizations>\n  <resources>\n"
        "    <resource identifier=\"course-sco\" type=\"webcontent\" adlcp:scormtype=\"sco\" "
        "href=\"" +
        std::string(kLaunchPage) + "\">\n";
    for (const auto& path : files)
        xml += "      <file href=\"" + xml_text(url_path(path)) + "\"/>\n";
    return xml + "    </resource>\n  </resources>\n</manifest>\n";
}

}  // namespace waymark::publish
