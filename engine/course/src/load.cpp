#include "waymark/course/load.hpp"

#include <optional>
#include <set>

#include "banks.hpp"
#include "content_rules.hpp"
#include "course_json.hpp"
#include "references.hpp"
#include "waymark/content/markdown.hpp"
#include "waymark/core/files.hpp"
#include "waymark/core/json.hpp"
#include "waymark/core/json_reader.hpp"

namespace waymark::course {

namespace {

bool is_text_file(std::string_view path) {
    for (std::string_view ext : {".json", ".md", ".gift", ".txt"})
        if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext)
            return true;
    return false;
}

// Loads every part of a course, in the order course.json names them.
class CourseLoader {
  public:
    CourseLoader(const CourseFiles& files, const LoadLimits& limits, LoadedCourse& result)
        : files_(files), limits_(limits), course_(result.course), out_(result.diagnostics) {}

    void load() {
        course_.files = files_.list();
        check_file_sizes();
        const auto root = read_json(kCourseFile);
        if (!root)
            return;
        used_.insert(kCourseFile);
        read_course_json(*root, course_, out_);
        load_contacts();
        check_pinned_contact(*root);
        load_modules();
        load_banks();
        check_page_references(course_, files_, used_, out_);
        check_question_references(course_, out_);
        check_contact_details_in_text(course_, out_);
        check_short_answer_patterns(course_, out_);
        check_style();
    }

  private:
    // Text of a course file, checked for size and UTF-8; nullopt (reported) when unusable.
    std::optional<std::string> read_text(const std::string& path, int line_in_course_json) {
        if (!files_.exists(path)) {
            if (path == kCourseFile)
                out_.error(path, 0, 0,
                           "no course.json in this folder; is this a course source folder?");
            else
                out_.error(kCourseFile, line_in_course_json, 0,
                           "\"" + path + "\" is named here but is not in the course folder");
            return std::nullopt;
        }
        auto text = files_.read(path, limits_.max_text_bytes);
        if (!text) {
            if (text.error().code != ErrorCode::limit)
                out_.add(text.error());
            return std::nullopt;  // over the limit: check_file_sizes() has reported it
        }
        std::size_t bad = 0;
        if (!valid_utf8(*text, &bad)) {
            const TextPosition pos = position_of(*text, bad);
            out_.error(path, pos.line, pos.column,
                       "invalid UTF-8; save the file as UTF-8 in your editor");
            return std::nullopt;
        }
        used_.insert(path);
        return std::move(*text);
    }

    std::optional<JsonValue> read_json(const std::string& path, int line = 0) {
        auto text = read_text(path, line);
        if (!text)
            return std::nullopt;
        auto root = parse_json(*text, path);
        if (!root) {
            out_.add(root.error());
            return std::nullopt;
        }
        return std::move(*root);
    }

    void check_file_sizes() {
        for (const std::string& path : course_.files) {
            const auto limit =
                is_text_file(path) ? limits_.max_text_bytes : limits_.max_asset_bytes;
            const auto bytes = files_.size(path);
            if (bytes > limit)
                out_.error(path, 0, 0,
                           "file is " + std::to_string(bytes) + " bytes, more than the limit of " +
                               std::to_string(limit) + "; make it smaller or split it");
        }
    }

    void load_contacts() {
        if (course_.contacts_file.empty())
            return;
        if (auto root = read_json(course_.contacts_file))
            read_contacts_json(*root, course_.contacts_file, course_, out_);
    }

    // The pinned contact is shown on every screen, so it must exist.
    void check_pinned_contact(const JsonValue& root) {
        if (course_.pinned_contact_id.empty() || course_.contacts_file.empty() ||
            course_.pinned_contact())
            return;
        std::vector<std::string> ids;
        for (const Contact& c : course_.contacts)
            ids.push_back(c.id);
        const std::string guess = closest_match(course_.pinned_contact_id, ids);
        const JsonValue* p = root.find("pinned_contact");
        out_.error(kCourseFile, p ? p->line : 0, p ? p->column : 0,
                   "\"pinned_contact\" names contact \"" + course_.pinned_contact_id +
                       "\", which is not in " + course_.contacts_file +
                       (guess.empty() ? "; give the id of the contact to show on every screen"
                                      : " (did you mean \"" + guess + "\"?)"));
    }

    void load_modules() {
        for (Module& m : course_.modules) {
            if (m.file.empty())
                continue;
            if (m.file.size() < 3 || m.file.substr(m.file.size() - 3) != ".md") {
                out_.error(kCourseFile, m.line, 0,
                           "module \"" + m.id + "\": \"" + m.file +
                               "\" must be a Markdown file ending in .md");
                continue;
            }
            if (auto text = read_text(m.file, m.line))
                m.pages = content::parse_module_markdown(*text, m.file, out_);
        }
    }

    void load_banks() {
        std::set<std::string> check_banks(course_.knowledge_check_banks.begin(),
                                          course_.knowledge_check_banks.end());
        for (const std::string& file : course_.knowledge_check_banks)
            append(load_bank(file), course_.knowledge_checks);
        for (const std::string& file : course_.assessment.banks) {
            if (check_banks.count(file)) {
                out_.error(kCourseFile, course_.assessment.line, 0,
                           "\"" + file +
                               "\" is both a knowledge-check bank and an assessment bank; "
                               "practice questions must not appear in the assessment");
                continue;
            }
            append(load_bank(file), course_.assessment_questions);
        }
    }

    content::QuestionBank load_bank(const std::string& file) {
        if (!is_bank_file(file)) {
            out_.error(kCourseFile, 0, 0,
                       "\"" + file + "\" is not a question bank: use a .json or .gift file");
            return {};
        }
        auto text = read_text(file, 0);
        if (!text)
            return {};
        return read_bank(*text, file, out_);
    }

    // GIFT has no field for the module, so the last part of a question's $CATEGORY names
    // it when that is a module id ("$CATEGORY: prevent-duty/channel").
    void append(content::QuestionBank bank, std::vector<content::Question>& to) const {
        for (auto& q : bank.questions) {
            if (q.module.empty() && !q.category.empty()) {
                const std::string last = q.category.substr(q.category.rfind('/') + 1);
                if (course_.find_module(last))
                    q.module = last;
            }
            to.push_back(std::move(q));
        }
    }

    void check_style() {
        for (const Module& m : course_.modules)
            if (m.sources.empty())
                out_.warning(
                    kCourseFile, m.line, 0,
                    "module \"" + m.id + "\" lists no \"sources\"; say where its facts come from");
        const int reading = course_.reading_minutes();
        if (course_.estimated_minutes > 0 && reading > course_.estimated_minutes)
            out_.warning(kCourseFile, 0, 0,
                         "the pages take about " + std::to_string(reading) +
                             " minutes to read at 200 words a minute, more than "
                             "\"estimated_minutes\" (" +
                             std::to_string(course_.estimated_minutes) + ")");
        for (const std::string& path : course_.files)
            if (!used_.count(path))
                out_.warning(path, 0, 0,
                             "is not used by the course; link it from a page or remove it (it "
                             "would still be packed)");
    }

    const CourseFiles& files_;
    const LoadLimits& limits_;
    Course& course_;
    Diagnostics& out_;
    std::set<std::string> used_;
};

}  // namespace

Diagnostics strict(const Diagnostics& diagnostics) {
    Diagnostics out;
    for (Diagnostic d : diagnostics.items()) {
        if (d.severity == Severity::warning)
            d.severity = Severity::error;
        out.add(std::move(d));
    }
    return out;
}

LoadedCourse load_course(const CourseFiles& files, const LoadLimits& limits) {
    LoadedCourse result;
    CourseLoader(files, limits, result).load();
    result.diagnostics.sort();
    return result;
}

LoadedFolder load_source_folder(const std::filesystem::path& folder, const LoadLimits& limits) {
    Diagnostics listing;
    LoadedFolder out;
    out.files = std::make_shared<const FolderFiles>(folder, listing);
    out.loaded = load_course(*out.files, limits);
    out.loaded.diagnostics.append(listing);
    out.loaded.diagnostics.sort();
    return out;
}

}  // namespace waymark::course
