#include "waymark/report/html_export.hpp"

#include <cstdio>

#include "fields.hpp"
#include "waymark/core/html_text.hpp"
#include "waymark/report/dates.hpp"

namespace waymark::report {

namespace {

struct StatusStyle {
    Status status;
    const char* label;
    const char* colour;
};

// Colours chosen to stay distinguishable in greyscale print and for common colour
// blindness (blue / orange / red rather than green / red alone).
constexpr StatusStyle kStyles[] = {
    {Status::completed, "Completed", "#1f5fa8"},
    {Status::due_soon, "Due soon", "#e08a00"},
    {Status::overdue, "Overdue", "#b3261e"},
    {Status::in_progress, "In progress", "#7fa7d6"},
    {Status::not_started, "Not started", "#c9c9c9"},
    {Status::untrusted, "Untrusted", "#6b4c9a"},
};

constexpr const char* kStyle = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em;color:#1b1b1b;max-width:1100px}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:2px solid #1f5fa8}
.meta{color:#555;font-size:.85em}.tiles{display:flex;flex-wrap:wrap;gap:.6em;margin:1em 0}
.tile{border:1px solid #ccc;border-radius:4px;padding:.5em .8em;min-width:7em}
.tile b{display:block;font-size:1.5em}.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em}
table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border-bottom:1px solid #ddd;padding:.25em .4em;text-align:left}
th{background:#eef2f7}.note{color:#555;font-style:italic}svg text{font-family:"DejaVu Sans",Arial,sans-serif;font-size:12px}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}.tile{border-color:#888}}
)";

void append(std::string& out, std::string_view s) {
    out.append(s);
}

std::string percent_text(double rate) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", rate * 100);
    return buf;
}

// A horizontal stacked bar per group, one segment per status.
void bar_chart(std::string& out, const char* id, const char* title,
               const std::map<std::string, Tally, std::less<>>& tallies) {
    const double label_w = 220, bar_w = 520, row_h = 24;
    const double height = row_h * double(tallies.size()) + 10;
    char head[256];
    std::snprintf(head, sizeof head,
                  "<svg id=\"%s\" role=\"img\" aria-label=\"%s\" width=\"%.0f\" height=\"%.0f\" "
                  "viewBox=\"0 0 %.0f %.0f\" xmlns=\"http://www.w3.org/2000/svg\">",
                  id, title, label_w + bar_w + 80, height, label_w + bar_w + 80, height);
    out += head;
    double y = 5;
    for (const auto& [name, tally] : tallies) {
        out += "<g data-group=\"" + html_escape(name) + "\" data-total=\"" +
               std::to_string(tally.total) + "\"><text x=\"" + std::to_string(int(label_w - 6)) +
               "\" y=\"" + std::to_string(int(y + 16)) + "\" text-anchor=\"end\">" +
               html_escape(name.size() > 32 ? name.substr(0, 31) + "…" : name) + "</text>";
        double x = label_w;
        for (const auto& style : kStyles) {
            const auto n = tally.count(style.status);
            if (n == 0 || tally.total == 0)
                continue;
            const double w = bar_w * double(n) / double(tally.total);
            char rect[256];
            std::snprintf(rect, sizeof rect,
                          "<rect x=\"%.2f\" y=\"%.0f\" width=\"%.2f\" height=\"%.0f\" fill=\"%s\">"
                          "<title>",
                          x, y, w, row_h - 6, style.colour);
            out += rect;
            out += html_escape(name) + ": " + std::to_string(n) + " " + style.label +
                   "</title></rect>";
            x += w;
        }
        out += "<text x=\"" + std::to_string(int(label_w + bar_w + 6)) + "\" y=\"" +
               std::to_string(int(y + 16)) + "\">" + percent_text(tally.rate()) + "</text></g>";
        y += row_h;
    }
    out += "</svg>";
}

void tally_table(std::string& out, const char* heading,
                 const std::map<std::string, Tally, std::less<>>& tallies) {
    out += "<table><tr><th>" + std::string(heading) + "</th><th>Staff</th>";
    for (const auto& style : kStyles)
        out += "<th>" + std::string(style.label) + "</th>";
    out += "<th>Compliant</th></tr>";
    for (const auto& [name, tally] : tallies) {
        out += "<tr><td>" + html_escape(name) + "</td><td>" + std::to_string(tally.total) + "</td>";
        for (const auto& style : kStyles)
            out += "<td>" + std::to_string(tally.count(style.status)) + "</td>";
        out += "<td>" + percent_text(tally.rate()) + "</td></tr>";
    }
    out += "</table>";
}

void people_list(std::string& out, const StatusMatrix& matrix, const RowFilter& base, Status status,
                 const char* heading, std::int64_t count, const char* date_label) {
    out += "<h2>" + std::string(heading) + " (<span data-list=\"" + to_string(status) +
           "\" data-count=\"" + std::to_string(count) + "\">" + std::to_string(count) +
           "</span>)</h2>";
    if (count == 0) {
        out += "<p class=\"note\">Nobody.</p>";
        return;
    }
    out +=
        "<table><tr><th>Name</th><th>Staff ID</th><th>Team</th><th>Role</th><th>Course</th>"
        "<th>" +
        std::string(date_label) + "</th></tr>";
    RowFilter filter = base;
    filter.status = status;
    filter.required = true;  // the lists match the tallies, which count required rows only
    int shown = 0;
    matrix.for_each_row(filter, [&](const StatusRow& r) {
        const auto& date = status == Status::untrusted ? r.untrusted_completed_at : r.due_by;
        out += "<tr><td>" + html_escape(r.name) + "</td><td>" + html_escape(r.staff_id) +
               "</td><td>" + html_escape(r.team) + "</td><td>" + html_escape(r.role) + "</td><td>" +
               html_escape(r.course_title) + "</td><td>" +
               (r.retraining_required ? std::string("retraining required")
                : date                ? date_in_words(*date)
                                      : std::string()) +
               "</td></tr>";
        return ++shown < kHtmlListLimit;
    });
    out += "</table>";
    if (count > shown)
        out += "<p class=\"note\">" + std::to_string(count - shown) +
               " more not shown here: the CSV, XLSX and JSON exports list everyone.</p>";
}

}  // namespace

void write_status_html(const StatusMatrix& matrix, const ExportInfo& info, OutputFile& out) {
    const Summary s = matrix.summarise(info.filter);
    const std::string org = matrix.settings().name;
    std::string b;
    append(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    // No network, no scripts: the page must render the same offline and in a mail client.
    append(b,
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\">");
    b += "<title>Training compliance" + (org.empty() ? "" : " – " + html_escape(org)) +
         "</title><style>" + kStyle + "</style></head><body>";
    b += "<h1>Training compliance" + (org.empty() ? "" : ": " + html_escape(org)) + "</h1>";
    b += "<p class=\"meta\">As of <time data-as-of=\"" + format_iso8601(matrix.as_of()) + "\">" +
         date_in_words(matrix.as_of()) + "</time> · due soon means within " +
         std::to_string(matrix.due_soon_days()) + " days · generated " +
         html_escape(info.generated_at) + " · ledger checkpoint " +
         std::to_string(info.checkpoint_seq) + " of device " + html_escape(info.device_id) +
         " (key " + html_escape(info.device_key) + ")</p>";
    const RowFilter& f = info.filter;
    if (!f.course.empty() || !f.team.empty() || !f.role.empty() || f.status)
        b += "<p class=\"meta\">Filtered: " +
             html_escape((f.course.empty() ? "" : "course " + f.course + " ") +
                         (f.team.empty() ? "" : "team " + f.team + " ") +
                         (f.role.empty() ? "" : "role " + f.role + " ") +
                         (f.status ? "status " + std::string(to_string(*f.status)) : "")) +
             "</p>";

    b += "<div class=\"tiles\"><div class=\"tile\">Staff × courses<b data-count=\"" +
         std::to_string(s.all.total) + "\" data-status=\"total\">" + std::to_string(s.all.total) +
         "</b></div>";
    for (const auto& style : kStyles)
        b += "<div class=\"tile\"><span class=\"swatch\" style=\"background:" +
             std::string(style.colour) + "\"></span>" + style.label + "<b data-status=\"" +
             to_string(style.status) + "\" data-count=\"" +
             std::to_string(s.all.count(style.status)) + "\">" +
             std::to_string(s.all.count(style.status)) + "</b></div>";
    b += "<div class=\"tile\">Compliant<b data-rate=\"compliant\">" + percent_text(s.all.rate()) +
         "</b></div></div>";

    b += "<h2>Completion by course</h2>";
    bar_chart(b, "chart-course", "Completion by course", s.by_course);
    tally_table(b, "Course", s.by_course);
    b += "<h2>Completion by team</h2>";
    bar_chart(b, "chart-team", "Completion by team", s.by_team);
    tally_table(b, "Team", s.by_team);
    b += "<h2>Completion by role</h2>";
    tally_table(b, "Role", s.by_role);
    out.write(b);
    b.clear();

    people_list(b, matrix, f, Status::overdue, "Overdue", s.all.count(Status::overdue), "Due by");
    people_list(b, matrix, f, Status::due_soon, "Due soon", s.all.count(Status::due_soon),
                "Due by");
    people_list(b, matrix, f, Status::untrusted, "Completed on an untrusted package",
                s.all.count(Status::untrusted), "Completed on");
    b += "<p class=\"meta\">Completions on untrusted packages never count as compliant. "
         "Check this file with: waymark verify-export FILE --trust DEVICE.pub, where DEVICE.pub "
         "is the public key of the device named above (ledger.db.pub beside its ledger)."
         "</p></body></html>\n";
    out.write(b);
}

}  // namespace waymark::report
