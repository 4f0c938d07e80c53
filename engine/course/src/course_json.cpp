#include "course_json.hpp"

#include <cctype>
#include <set>

#include "waymark/core/json_reader.hpp"
#include "waymark/core/time.hpp"

namespace waymark::course {

bool is_slug(std::string_view s) {
    if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-')
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    return s.find("--") == std::string_view::npos;
}

bool is_semver(std::string_view s) {
    // MAJOR.MINOR.PATCH with an optional -prerelease; no leading zeros.
    const auto dash = s.find('-');
    std::string_view core = s.substr(0, dash);
    int parts = 0;
    while (true) {
        const auto dot = core.find('.');
        const std::string_view n = core.substr(0, dot);
        if (n.empty() || (n.size() > 1 && n[0] == '0'))
            return false;
        for (char c : n)
            if (c < '0' || c > '9')
                return false;
        ++parts;
        if (dot == std::string_view::npos)
            break;
        core.remove_prefix(dot + 1);
    }
    if (parts != 3)
        return false;
    if (dash == std::string_view::npos)
        return true;
    const std::string_view pre = s.substr(dash + 1);
    if (pre.empty())
        return false;
    for (char c : pre)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-')
            return false;
    return true;
}

bool is_language_tag(std::string_view s) {
    // BCP 47 shape: a 2-3 letter language, then subtags of 1-8 letters or digits.
    std::size_t i = 0, part = 0;
    while (i <= s.size()) {
        const std::size_t end = std::min(s.find('-', i), s.size());
        const std::string_view sub = s.substr(i, end - i);
        if (sub.empty() || sub.size() > 8)
            return false;
        for (char c : sub) {
            const bool letter = std::isalpha(static_cast<unsigned char>(c));
            if (part == 0 ? !letter : !(letter || std::isdigit(static_cast<unsigned char>(c))))
                return false;
        }
        if (part == 0 && (sub.size() < 2 || sub.size() > 3))
            return false;
        ++part;
        i = end + 1;
    }
    return part > 0;
}

namespace {

void check_string(const JsonValue& root, std::string_view key, bool ok, const std::string& why,
                  Diagnostics& out) {
    if (ok)
        return;
    const JsonValue* v = root.find(key);
    if (v)
        out.error(kCourseFile, v->line, v->column, why);
}

void check_range(const JsonValue& obj, std::string_view key, int value, int lo, int hi,
                 const std::string& what, Diagnostics& out) {
    const JsonValue* v = obj.find(key);
    if (!v || (value >= lo && value <= hi))
        return;
    out.error(kCourseFile, v->line, v->column,
              what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                  ", not " + std::to_string(value));
}

std::vector<std::string> string_list(const JsonValue* array, std::string_view key,
                                     Diagnostics& out) {
    std::vector<std::string> values;
    if (!array)
        return values;
    for (const JsonValue& v : array->items) {
        if (v.is(JsonValue::Kind::string))
            values.push_back(v.string);
        else
            report_wrong_kind(v, key, JsonValue::Kind::string, kCourseFile, out);
    }
    return values;
}

void read_modules(const JsonValue& array, Course& course, Diagnostics& out) {
    std::set<std::string> ids, files;
    for (const JsonValue& v : array.items) {
        Module m;
        m.line = v.line;
        JsonObjectReader r(v, kCourseFile, out, "a module");
        if (r.string("id", m.id, true)) {
            const JsonValue* id = v.find("id");
            if (!is_slug(m.id))
                out.error(kCourseFile, id->line, id->column,
                          "module id \"" + m.id +
                              "\" must be a slug: lower-case letters, digits and hyphens");
            if (!ids.insert(m.id).second)
                out.error(kCourseFile, id->line, id->column,
                          "two modules have the id \"" + m.id + "\"; ids must be unique");
        }
        r.string("title", m.title, true);
        if (r.string("file", m.file, true) && !files.insert(m.file).second) {
            const JsonValue* f = v.find("file");
            out.error(kCourseFile, f->line, f->column,
                      "\"" + m.file + "\" is used by two modules; give each module its own file");
        }
        r.boolean("required", m.required);
        if (const JsonValue* sources = r.array("sources")) {
            for (const JsonValue& s : sources->items) {
                Source src;
                JsonObjectReader sr(s, kCourseFile, out, "a source of module \"" + m.id + "\"");
                sr.string("title", src.title, true);
                sr.string("url", src.url);
                sr.finish();
                m.sources.push_back(std::move(src));
            }
        }
        r.finish();
        course.modules.push_back(std::move(m));
    }
    if (array.items.empty())
        out.error(kCourseFile, array.line, array.column, "the course has no modules");
}

void read_assessment(const JsonValue& v, Course& course, Diagnostics& out) {
    AssessmentSettings& a = course.assessment;
    a.line = v.line;
    JsonObjectReader r(v, kCourseFile, out, "the assessment");
    a.banks = string_list(r.array("banks", true), "banks", out);
    if (r.integer("draw", a.draw, true) && a.draw < 1) {
        const JsonValue* d = v.find("draw");
        out.error(kCourseFile, d->line, d->column, "\"draw\" must be at least 1");
    }
    if (const JsonValue* quotas = r.array("quotas")) {
        for (const JsonValue& q : quotas->items) {
            Quota quota;
            quota.line = q.line;
            JsonObjectReader qr(q, kCourseFile, out, "a quota");
            const bool has_module = qr.string("module", quota.module);
            const bool has_category = qr.string("category", quota.category);
            qr.integer("min", quota.min);
            qr.finish();
            if (has_module == has_category)
                out.error(kCourseFile, q.line, q.column,
                          "a quota names either a \"module\" or a \"category\"");
            if (quota.min < 1)
                out.error(kCourseFile, q.line, q.column, "a quota's \"min\" must be at least 1");
            a.quotas.push_back(std::move(quota));
        }
    }
    if (r.integer("pass_mark", a.pass_mark, true))
        check_range(v, "pass_mark", a.pass_mark, 0, 100, "\"pass_mark\" (a percentage)", out);
    if (r.integer("attempts", a.attempts))
        check_range(v, "attempts", a.attempts, 0, 1000, "\"attempts\" (0 for unlimited)", out);
    if (r.integer("wait_minutes", a.wait_minutes))
        check_range(v, "wait_minutes", a.wait_minutes, 0, 525600, "\"wait_minutes\"", out);
    if (r.integer("time_limit_minutes", a.time_limit_minutes))
        check_range(v, "time_limit_minutes", a.time_limit_minutes, 0, 1440,
                    "\"time_limit_minutes\"", out);
    r.boolean("shuffle", a.shuffle);
    std::string review;
    if (r.string("review", review)) {
        if (review == "always")
            a.review = ReviewPolicy::always;
        else if (review == "after_passing")
            a.review = ReviewPolicy::after_passing;
        else if (review == "after_last_attempt")
            a.review = ReviewPolicy::after_last_attempt;
        else if (review == "never")
            a.review = ReviewPolicy::never;
        else {
            const JsonValue* rv = v.find("review");
            out.error(kCourseFile, rv->line, rv->column,
                      "unknown review policy \"" + review +
                          "\"; use always, after_passing, after_last_attempt or never");
        }
    }
    r.finish();
}

void read_completion(const JsonValue& v, Course& course, Diagnostics& out) {
    JsonObjectReader r(v, kCourseFile, out, "the completion rule");
    std::string modules;
    if (r.string("modules", modules)) {
        if (modules == "all")
            course.completion.all_modules = true;
        else if (modules == "required")
            course.completion.all_modules = false;
        else {
            const JsonValue* m = v.find("modules");
            out.error(kCourseFile, m->line, m->column,
                      "\"modules\" must be \"required\" or \"all\"");
        }
    }
    r.boolean("assessment", course.completion.assessment);
    r.finish();
}

}  // namespace

void read_course_json(const JsonValue& root, Course& course, Diagnostics& out) {
    JsonObjectReader r(root, kCourseFile, out, "the course");
    if (r.string("id", course.id, true))
        check_string(root, "id", is_slug(course.id),
                     "course id \"" + course.id +
                         "\" must be a slug: lower-case letters, digits and hyphens, e.g. "
                         "\"prevent-duty\"",
                     out);
    if (r.string("version", course.version, true))
        check_string(root, "version", is_semver(course.version),
                     "version \"" + course.version +
                         "\" must be a semantic version MAJOR.MINOR.PATCH, e.g. \"1.0.0\"",
                     out);
    r.string("title", course.title, true);
    r.string("summary", course.summary, true);
    if (r.string("language", course.language, true))
        check_string(
            root, "language", is_language_tag(course.language),
            "language \"" + course.language + "\" is not a BCP 47 language tag such as \"en-GB\"",
            out);
    r.string("audience", course.audience, true);
    r.string("publisher", course.publisher, true);
    if (r.integer("estimated_minutes", course.estimated_minutes, true))
        check_range(root, "estimated_minutes", course.estimated_minutes, 1, 6000,
                    "\"estimated_minutes\"", out);
    if (r.integer("refresher_months", course.refresher_months, true))
        check_range(root, "refresher_months", course.refresher_months, 0, 120,
                    "\"refresher_months\" (0 for never)", out);
    if (r.integer("review_months", course.review_months))
        check_range(root, "review_months", course.review_months, 1, 60,
                    "\"review_months\" (how often contacts must be checked again)", out);
    r.string("contacts", course.contacts_file);
    if (r.string("pinned_contact", course.pinned_contact_id) && course.contacts_file.empty()) {
        const JsonValue* p = root.find("pinned_contact");
        out.error(kCourseFile, p->line, p->column,
                  "\"pinned_contact\" names contact \"" + course.pinned_contact_id +
                      "\", but there is no \"contacts\" file; add \"contacts\": "
                      "\"contacts.json\" and put the contact there");
    }
    if (const JsonValue* modules = r.array("modules", true))
        read_modules(*modules, course, out);
    course.knowledge_check_banks =
        string_list(r.array("knowledge_checks"), "knowledge_checks", out);
    if (const JsonValue* a = r.object("assessment"))
        read_assessment(*a, course, out);
    else
        course.completion.assessment = false;
    if (const JsonValue* c = r.object("completion"))
        read_completion(*c, course, out);
    r.finish();
    if (course.completion.assessment && !root.find("assessment") &&
        root.is(JsonValue::Kind::object))
        out.error(kCourseFile, root.line, root.column,
                  "the completion rule needs the assessment passed, but there is no "
                  "\"assessment\"");
}

void read_contacts_json(const JsonValue& root, const std::string& file, Course& course,
                        Diagnostics& out) {
    JsonObjectReader r(root, file, out, "the contacts file");
    const JsonValue* contacts = r.array("contacts", true);
    r.finish();
    if (!contacts)
        return;
    std::set<std::string> ids;
    for (const JsonValue& v : contacts->items) {
        Contact c;
        JsonObjectReader cr(v, file, out, "a contact");
        if (cr.string("id", c.id, true) && !ids.insert(c.id).second) {
            const JsonValue* id = v.find("id");
            out.error(file, id->line, id->column,
                      "two contacts have the id \"" + c.id + "\"; ids must be unique");
        }
        cr.string("name", c.name, true);
        cr.string("role", c.role);
        cr.string("phone", c.phone);
        cr.string("email", c.email);
        cr.string("url", c.url);
        cr.string("hours", c.hours);
        cr.string("description", c.description);
        cr.boolean("emergency", c.emergency);
        if (cr.string("checked_on", c.checked_on, true)) {
            const JsonValue* d = v.find("checked_on");
            const auto date = parse_iso8601(c.checked_on);
            if (!date || c.checked_on.size() != 10)
                out.error(file, d->line, d->column,
                          "\"checked_on\" must be a date like \"2026-11-01\"");
            else if (*date > utc_now())
                out.error(file, d->line, d->column,
                          "\"checked_on\" is in the future; give the date the details were "
                          "last confirmed");
            else if (add_months(*date, course.review_months) < utc_now())
                out.warning(file, d->line, d->column,
                            "contact \"" + c.id + "\" was last checked on " + c.checked_on +
                                ", longer ago than the course's review period of " +
                                std::to_string(course.review_months) +
                                " months (\"review_months\" in course.json); confirm its "
                                "details with its source and update \"checked_on\"");
        }
        cr.string("source", c.source);
        cr.finish();
        if (c.phone.empty() && c.email.empty() && c.url.empty())
            out.error(file, v.line, v.column,
                      "contact \"" + c.id + "\" needs a \"phone\", \"email\" or \"url\"");
        course.contacts.push_back(std::move(c));
    }
}

}  // namespace waymark::course
