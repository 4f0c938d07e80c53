#include "waymark/player/library.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "waymark/course/load.hpp"
#include "waymark/package/manifest.hpp"
#include "waymark/package/package.hpp"
#include "waymark/player/assessment_session.hpp"
#include "waymark/player/course_reader.hpp"
#include "waymark/report/dates.hpp"

namespace waymark::player {
namespace {

namespace fs = std::filesystem;

void load_from(LibraryCourse& entry, std::shared_ptr<const course::CourseFiles> files,
               course::LoadedCourse loaded) {
    entry.diagnostics = std::move(loaded.diagnostics);
    entry.files = std::move(files);
    if (!entry.diagnostics.has_errors() && loaded.course.page_count() > 0) {
        entry.course = std::make_shared<const course::Course>(std::move(loaded.course));
        return;
    }
    const auto errors = entry.diagnostics.error_count();
    if (errors == 0)
        entry.error = "This course has no pages yet.";
    else
        entry.error = "This course has " + std::to_string(errors) +
                      (errors == 1 ? " problem" : " problems") +
                      " and cannot be taken; the first is " +
                      entry.diagnostics.items().front().format() + ". Ask its trainer to fix it.";
    // Keep what did load, so an author preview can still show the pages.
    if (loaded.course.page_count() > 0)
        entry.course = std::make_shared<const course::Course>(std::move(loaded.course));
}

// The digest a package of these files would carry, so a completion earned on a course
// folder names its exact content just as one earned on a package does.
std::string folder_digest(const course::CourseFiles& files) {
    std::vector<package::FileEntry> entries;
    for (const auto& path : files.list()) {
        auto bytes = files.read(path, course::LoadLimits{}.max_asset_bytes);
        if (!bytes)
            continue;
        entries.push_back({path, bytes->size(), sha256(*bytes)});
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    return to_hex(package::content_digest(entries));
}

}  // namespace

std::string LibraryCourse::title() const {
    if (course && !course->title.empty())
        return course->title;
    return path.filename().string();
}

CourseRef LibraryCourse::ref() const {
    CourseRef r;
    if (course) {
        r.id = course->id;
        r.version = course->version;
    }
    r.digest = digest;
    r.trusted = trusted();
    return r;
}

LibraryCourse load_course_folder(const fs::path& folder) {
    LibraryCourse entry;
    entry.path = folder;
    entry.origin = CourseOrigin::source_folder;
    course::LoadedFolder source = course::load_source_folder(folder);
    entry.digest = folder_digest(*source.files);
    load_from(entry, std::move(source.files), std::move(source.loaded));
    return entry;
}

LibraryCourse load_course_package(const fs::path& file, const package::TrustStore& trust) {
    LibraryCourse entry;
    entry.path = file;
    auto opened = package::open_package(file);
    if (!opened) {
        entry.origin = CourseOrigin::untrusted_package;
        entry.error = "This package cannot be opened: " + opened.error().describe() +
                      ". Ask its publisher for a fresh copy.";
        entry.diagnostics.add(opened.error());
        return entry;
    }
    entry.origin =
        opened->trusted_by(trust) ? CourseOrigin::signed_package : CourseOrigin::untrusted_package;
    entry.digest = to_hex(opened->manifest().content_digest);
    std::map<std::string, std::string> files(opened->files().begin(), opened->files().end());
    auto in_memory = std::make_shared<const course::MemoryFiles>(std::move(files));
    load_from(entry, in_memory, course::load_course(*in_memory));
    return entry;
}

std::vector<LibraryCourse> scan_courses(const std::vector<fs::path>& folders,
                                        const package::TrustStore& trust) {
    std::vector<LibraryCourse> out;
    std::map<std::string, std::size_t> by_id;  // course id -> its place in `out`
    auto keep = [&](LibraryCourse entry) {
        if (!entry.course) {
            out.push_back(std::move(entry));
            return;
        }
        const auto [it, added] = by_id.emplace(entry.course->id, out.size());
        if (added)
            out.push_back(std::move(entry));
        else if (entry.trusted() && !out[it->second].trusted())
            out[it->second] = std::move(entry);
    };
    for (const auto& folder : folders) {
        std::error_code ec;
        if (!fs::is_directory(folder, ec))
            continue;
        std::vector<fs::path> sources, packages;
        for (const auto& e : fs::directory_iterator(folder, ec)) {
            const auto name = e.path().filename().string();
            if (name.empty() || name[0] == '.')
                continue;
            if (e.is_directory(ec) && fs::exists(e.path() / "course.json", ec))
                sources.push_back(e.path());
            else if (e.is_regular_file(ec) && e.path().extension() == ".wmpkg")
                packages.push_back(e.path());
        }
        std::sort(sources.begin(), sources.end());
        std::sort(packages.begin(), packages.end());
        for (const auto& s : sources)
            keep(load_course_folder(s));
        for (const auto& p : packages)
            keep(load_course_package(p, trust));
    }
    return out;
}

std::string CourseStatus::label() const {
    if (status == report::Status::untrusted)
        return "Completed on " + report::date_in_words(completed_on) +
               " as a preview, which does not count";
    if (has_completion)
        return "Completed on " + report::date_in_words(completed_on);
    if (!open_attempt.empty())
        return open_attempt;
    if (started)
        return "In progress, " + std::to_string(percent) + "%";
    return "Not started";
}

std::string CourseStatus::requirement_label() const {
    if (!required)
        return "Optional";
    if (!due_by)
        return "Required";
    const std::string date = report::date_in_words(*due_by);
    if (status == report::Status::overdue)
        return "Overdue since " + date;
    if (status == report::Status::completed || status == report::Status::due_soon)
        return "Due again by " + date;
    return "Required: complete by " + date;
}

CourseStatus course_status(const course::Course& course, const CourseHistory& history,
                           const report::OrganisationSettings& organisation,
                           const LearnerPlace& learner, UtcTime now) {
    const report::CourseSettings& settings = organisation.course(course.id);
    CourseStatus s;
    s.listed = settings.offered == report::Offered::yes;
    report::StandingFacts facts;
    facts.team = learner.team;
    facts.role = learner.role;
    facts.enrolled_at = learner.enrolled_at;
    const Completion* counting = nullptr;
    const Completion* preview = nullptr;
    for (const auto& c : history.completions) {
        const Completion*& latest = c.trusted ? counting : preview;
        if (!latest || c.at >= latest->at)
            latest = &c;
    }
    if (counting) {
        std::optional<UtcTime> recorded = counting->valid_until;
        if (!recorded && counting->refresher_months > 0)
            recorded = add_months(counting->at, counting->refresher_months);
        facts.completed_at = counting->at;
        facts.valid_until = report::valid_until(settings.recertification, counting->at, recorded);
        facts.version = counting->course_version;
    }
    if (preview)
        facts.untrusted_completed_at = preview->at;

    const std::size_t read = pages_read(course, history.pages_viewed).size();
    s.percent = percent_read(course, read);
    s.open_attempt = open_attempt_label(history);
    s.started = read > 0 || !history.attempts.empty();
    facts.started = s.started;

    const report::Standing standing =
        report::standing(settings, facts, now, organisation.due_soon_days);
    s.status = standing.status;
    s.required = standing.required;
    s.due_by = standing.due_by;
    s.has_completion = counting || preview;
    if (const Completion* shown = counting ? counting : preview)
        s.completed_on = shown->at;
    if (facts.valid_until) {
        s.expires = true;
        s.valid_until = *facts.valid_until;
    }
    using Days = std::chrono::duration<int, std::ratio<86400>>;
    switch (standing.status) {
        case report::Status::not_started:
            s.kind = StatusKind::not_started;
            break;
        case report::Status::in_progress:
            s.kind = StatusKind::in_progress;
            break;
        // A preview's completion is the learner's own; the library says it does not count.
        case report::Status::untrusted:
        case report::Status::completed:
            s.kind = StatusKind::completed;
            break;
        case report::Status::due_soon:
            s.kind = StatusKind::due_soon;
            if (s.due_by)
                s.days_left = std::max(0, std::chrono::ceil<Days>(*s.due_by - now).count());
            break;
        case report::Status::overdue:
            s.kind = StatusKind::overdue;
            if (s.due_by)
                s.days_left = std::chrono::floor<Days>(now - *s.due_by).count();
            break;
    }
    return s;
}

CourseStatus course_status(const course::Course& course, const CourseHistory& history, UtcTime now,
                           int due_soon_days) {
    report::OrganisationSettings defaults;
    defaults.due_soon_days = due_soon_days;
    return course_status(course, history, defaults, LearnerPlace{}, now);
}

namespace {

struct CharacterSet {
    std::set<std::string> seen;
    void add(const std::string& text) {
        for (std::size_t i = 0; i < text.size();) {
            const auto c = static_cast<unsigned char>(text[i]);
            const std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (c >= 0x80 && i + n <= text.size())
                seen.insert(text.substr(i, n));
            i += n;
        }
    }
    void add(const content::Inlines& spans) {
        for (const auto& s : spans)
            add(s.text);
    }
    void add(const std::vector<content::Block>& blocks) {
        for (const auto& b : blocks) {
            add(b.text);
            add(b.title);
            add(b.code);
            add(b.image.alt);
            add(b.image.title);
            add(b.children);
            for (const auto& item : b.items)
                add(item.blocks);
            for (const auto& h : b.table.header)
                add(h);
            for (const auto& row : b.table.rows)
                for (const auto& cell : row)
                    add(cell);
            for (const auto& step : b.steps) {
                add(step.title);
                add(step.detail);
            }
        }
    }
    void add(const content::Question& q) {
        add(q.stem);
        add(q.stem_after);
        add(q.general_feedback);
        for (const auto& c : q.choices)
            add(c.text + c.feedback);
        for (const auto& p : q.pairs)
            add(p.prompt + p.answer);
        for (const auto& o : q.order)
            add(o);
        for (const auto& a : q.text_answers)
            add(a.feedback);
        for (const auto& st : q.steps) {
            add(st.text);
            for (const auto& o : st.options)
                add(o.text + o.feedback);
        }
    }
};

}  // namespace

std::string characters_used(const course::Course& course) {
    CharacterSet set;
    set.add(course.title + course.summary);
    for (const auto& m : course.modules) {
        set.add(m.title);
        for (const auto& page : m.pages) {
            set.add(page.title);
            set.add(page.blocks);
        }
    }
    for (const auto& c : course.contacts)
        set.add(c.name + c.role + c.phone + c.email + c.url + c.hours + c.description);
    for (const auto& q : course.knowledge_checks)
        set.add(q);
    for (const auto& q : course.assessment_questions)
        set.add(q);
    std::string out;
    for (const auto& ch : set.seen)
        out += ch;
    return out;
}

}  // namespace waymark::player
