#include "waymark/xapi/statement.hpp"

#include <cstdio>

#include "interaction.hpp"
#include "json_writer.hpp"
#include "waymark/assessment/event_json.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/core/ids.hpp"
#include "waymark/course/load.hpp"

namespace waymark::xapi {

namespace {

using detail::JsonWriter;
using ledger::EventType;

// An activity as a statement names it: the object, a parent or a grouping.
struct Activity {
    std::string id;
    std::string type;  // ADL activity type IRI
    std::string name;
    const content::Question* question = nullptr;  // for cmi.interaction definitions
};

struct StatementParts {
    const char* verb = "";
    Activity object;
    std::vector<Activity> parents;
    std::vector<Activity> groupings;
    std::string registration;
    std::function<void(JsonWriter&)> result;  // empty: no result
};

// Percent-encodes everything but RFC 3986's unreserved characters, so ids from course
// files can never break out of their IRI segment.
std::string segment(std::string_view raw) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : raw) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string attempt_key(const ledger::Event& e) {
    return e.learner_id + '\n' + e.course.id;
}

std::string registration_of(const std::string& attempt_id) {
    if (attempt_id.empty())
        return {};
    if (auto uuid = Uuid::parse(attempt_id))
        return uuid->str();
    return name_uuid("waymark-attempt:" + attempt_id);
}

Error payload_error(const ledger::Event& e, const Error& cause) {
    return make_error(ErrorCode::parse,
                      "event " + std::to_string(e.position) + " (" + e.id + ", " + e.type +
                          ") has a payload that cannot be read: " + cause.message +
                          "; run 'waymark ledger verify' on this ledger");
}

}  // namespace

struct StatementMapper::State {
    Organisation org;
    std::map<std::string, std::string> staff_ids;
    std::vector<course::Course> courses;
    std::map<std::string, std::string> open_attempts;  // learner + course -> attempt id
    std::int64_t position = 0;

    const course::Course* find_course(const ledger::CourseRef& ref) const {
        const course::Course* same_id = nullptr;
        for (const auto& c : courses) {
            if (c.id == ref.id && c.version == ref.version)
                return &c;
            if (c.id == ref.id && !same_id)
                same_id = &c;
        }
        return same_id;
    }

    std::string language(const course::Course* c) const {
        return c && !c->language.empty() ? c->language : org.language;
    }

    Activity course_activity(const ledger::CourseRef& ref, const course::Course* c) const {
        return {org.home_page + "/waymark/courses/" + segment(ref.id),
                "http://adlnet.gov/expapi/activities/course", c ? c->title : ref.id};
    }

    Activity module_activity(const ledger::CourseRef& ref, const course::Course* c,
                             int index) const {
        const bool known = c && index >= 0 && std::size_t(index) < c->modules.size();
        return {
            course_activity(ref, c).id + "/modules/" + std::to_string(index + 1),
            "http://adlnet.gov/expapi/activities/module",
            known ? c->modules[std::size_t(index)].title : "Module " + std::to_string(index + 1)};
    }

    Activity question_activity(const ledger::CourseRef& ref, const course::Course* c,
                               const std::string& question_id) const {
        const content::Question* q = nullptr;
        if (c) {
            q = c->find_assessment_question(question_id);
            if (!q)
                q = c->find_knowledge_check(question_id);
        }
        std::string name = question_id;
        if (q)
            name = !q->title.empty() ? q->title : q->stem;
        return {course_activity(ref, c).id + "/questions/" + segment(question_id),
                "http://adlnet.gov/expapi/activities/cmi.interaction", name, q};
    }

    void write_activity(JsonWriter& w, const Activity& a, std::string_view language) const {
        w.StartObject();
        detail::member(w, "objectType", "Activity");
        detail::member(w, "id", a.id);
        detail::key(w, "definition");
        w.StartObject();
        detail::member(w, "type", a.type);
        if (!a.name.empty())
            detail::language_map(w, "name", language, a.name);
        if (a.question)
            detail::write_interaction(w, *a.question, language);
        w.EndObject();
        w.EndObject();
    }

    void write_activities(JsonWriter& w, const char* name, const std::vector<Activity>& list,
                          std::string_view language) const {
        if (list.empty())
            return;
        detail::key(w, name);
        w.StartArray();
        for (const auto& a : list)
            write_activity(w, a, language);
        w.EndArray();
    }

    MappedStatement write(const ledger::Event& e, const course::Course* c,
                          const StatementParts& p) const {
        const std::string lang = language(c);
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        w.StartObject();
        detail::member(w, "id", e.id);

        detail::key(w, "actor");
        w.StartObject();
        detail::member(w, "objectType", "Agent");
        detail::key(w, "account");
        w.StartObject();
        detail::member(w, "homePage", org.home_page);
        const auto staff = staff_ids.find(e.learner_id);
        const bool named =
            org.actor == ActorName::staff_id && staff != staff_ids.end() && !staff->second.empty();
        detail::member(w, "name", named ? staff->second : e.learner_id);
        w.EndObject();
        w.EndObject();

        detail::key(w, "verb");
        w.StartObject();
        detail::member(w, "id", std::string("http://adlnet.gov/expapi/verbs/") + p.verb);
        detail::language_map(w, "display", "en-US", p.verb);
        w.EndObject();

        detail::key(w, "object");
        write_activity(w, p.object, lang);

        if (p.result) {
            detail::key(w, "result");
            w.StartObject();
            p.result(w);
            w.EndObject();
        }

        detail::key(w, "context");
        w.StartObject();
        if (!p.registration.empty())
            detail::member(w, "registration", p.registration);
        if (!p.parents.empty() || !p.groupings.empty()) {
            detail::key(w, "contextActivities");
            w.StartObject();
            write_activities(w, "parent", p.parents, lang);
            write_activities(w, "grouping", p.groupings, lang);
            w.EndObject();
        }
        if (!e.course.version.empty())
            detail::member(w, "revision", e.course.version);
        detail::member(w, "platform", "Waymark");
        detail::member(w, "language", lang);
        detail::key(w, "extensions");
        w.StartObject();
        const std::string base = kExtensionBase;
        detail::key(w, base + "ledger-position");
        w.Int64(e.position);
        detail::key(w, base + "ledger-sequence");
        w.Int64(e.seq);
        detail::member(w, base + "ledger-device", e.device_id);
        detail::member(w, base + "event-hash", to_hex(e.hash));
        if (!e.course.digest.empty()) {
            detail::member(w, base + "course-digest", e.course.digest);
            detail::key(w, base + "course-trusted");
            w.Bool(e.course.trusted);
        }
        w.EndObject();
        w.EndObject();

        detail::member(w, "timestamp", e.time);
        w.EndObject();
        return {e.position, e.id, std::string(buffer.GetString(), buffer.GetSize())};
    }

    void score(JsonWriter& w, double scaled, std::optional<std::pair<double, double>> raw_max) {
        detail::key(w, "score");
        w.StartObject();
        detail::key(w, "scaled");
        w.Double(std::clamp(scaled, 0.0, 1.0));
        if (raw_max) {
            detail::key(w, "raw");
            w.Double(raw_max->first);
            detail::key(w, "min");
            w.Double(0);
            detail::key(w, "max");
            w.Double(raw_max->second);
        }
        w.EndObject();
    }

    Result<std::optional<MappedStatement>> map(const ledger::Event& e) {
        position = e.position;
        const auto type = ledger::parse_event_type(e.type);
        if (!type)
            return std::optional<MappedStatement>{};
        const course::Course* c = find_course(e.course);
        const Activity course = course_activity(e.course, c);
        StatementParts p;
        switch (*type) {
            case EventType::session_started:
                p.verb = "launched";
                p.object = course;
                break;
            case EventType::page_viewed: {
                auto page = ledger::read_page_viewed(e.payload);
                if (!page)
                    return payload_error(e, page.error());
                p.verb = "experienced";
                const Activity module = module_activity(e.course, c, page->module_index);
                std::string title = page->page_id;
                if (c && page->module_index >= 0 &&
                    std::size_t(page->module_index) < c->modules.size()) {
                    const auto& pages = c->modules[std::size_t(page->module_index)].pages;
                    if (page->page_index >= 0 && std::size_t(page->page_index) < pages.size())
                        title = pages[std::size_t(page->page_index)].title;
                }
                p.object = {course.id + "/pages/" + segment(page->page_id),
                            "http://activitystrea.ms/schema/1.0/page", title};
                p.parents = {module};
                p.groupings = {course};
                break;
            }
            case EventType::knowledge_check_answered: {
                auto answer = assessment::read_practice_event(e.payload);
                if (!answer)
                    return payload_error(e, answer.error());
                p.verb = "answered";
                p.object = question_activity(e.course, c, answer->question_id);
                p.parents = {course};
                const std::string response =
                    detail::response_text(p.object.question, answer->response);
                const double fraction = answer->fraction;
                const bool success = answer->outcome == assessment::Outcome::correct;
                p.result = [this, response, fraction, success](JsonWriter& w) {
                    score(w, fraction, std::nullopt);
                    detail::key(w, "success");
                    w.Bool(success);
                    detail::member(w, "response", response);
                };
                break;
            }
            case EventType::attempt_started:
            case EventType::answer_saved:
            case EventType::attempt_scored: {
                auto event = assessment::read_attempt_event(e.payload);
                if (!event)
                    return payload_error(e, event.error());
                if (auto* started = std::get_if<assessment::AttemptStarted>(&*event)) {
                    open_attempts[attempt_key(e)] = started->attempt_id;
                    p.verb = "attempted";
                    p.object = course;
                } else if (auto* saved = std::get_if<assessment::AnswerSaved>(&*event)) {
                    p.verb = "answered";
                    p.object = question_activity(e.course, c, saved->question_id);
                    p.parents = {course};
                    const std::string response =
                        detail::response_text(p.object.question, saved->response);
                    p.result = [response](JsonWriter& w) {
                        detail::member(w, "response", response);
                    };
                } else if (auto* scored = std::get_if<assessment::AttemptScored>(&*event)) {
                    const auto r = scored->result;
                    p.verb = r.passed ? "passed" : "failed";
                    p.object = course;
                    p.result = [this, r](JsonWriter& w) {
                        score(w, r.scaled, std::pair{r.raw, r.max});
                        detail::key(w, "success");
                        w.Bool(r.passed);
                        detail::key(w, "completion");
                        w.Bool(true);
                        detail::member(w, "duration", iso8601_duration(r.duration));
                    };
                } else {
                    return std::optional<MappedStatement>{};
                }
                const auto open = open_attempts.find(attempt_key(e));
                if (open != open_attempts.end())
                    p.registration = registration_of(open->second);
                break;
            }
            case EventType::course_completed: {
                auto done = ledger::read_course_completed(e.payload);
                if (!done)
                    return payload_error(e, done.error());
                p.verb = "completed";
                p.object = course;
                p.registration = registration_of(done->attempt_id);
                const double scaled = done->score;
                p.result = [this, scaled](JsonWriter& w) {
                    score(w, scaled, std::nullopt);
                    detail::key(w, "success");
                    w.Bool(true);
                    detail::key(w, "completion");
                    w.Bool(true);
                };
                break;
            }
            default:
                return std::optional<MappedStatement>{};
        }
        return std::optional<MappedStatement>{write(e, c, p)};
    }

    void observe(const ledger::Event& e) {
        position = e.position;
        if (e.type != ledger::to_string(EventType::attempt_started))
            return;
        auto event = assessment::read_attempt_event(e.payload);
        if (event)
            if (auto* started = std::get_if<assessment::AttemptStarted>(&*event))
                open_attempts[attempt_key(e)] = started->attempt_id;
    }
};

StatementMapper::StatementMapper(Organisation organisation,
                                 std::map<std::string, std::string> staff_ids,
                                 std::vector<course::Course> courses)
    : state_(std::make_unique<State>()) {
    state_->org = std::move(organisation);
    state_->staff_ids = std::move(staff_ids);
    state_->courses = std::move(courses);
}
StatementMapper::~StatementMapper() = default;
StatementMapper::StatementMapper(StatementMapper&&) noexcept = default;
StatementMapper& StatementMapper::operator=(StatementMapper&&) noexcept = default;

Result<std::optional<MappedStatement>> StatementMapper::map(const ledger::Event& event) {
    return state_->map(event);
}
void StatementMapper::observe(const ledger::Event& event) {
    state_->observe(event);
}
std::int64_t StatementMapper::position() const {
    return state_->position;
}

Result<Organisation> read_organisation(ledger::Ledger& ledger) {
    auto settings = ledger.settings("");
    if (!settings)
        return settings.error();
    Organisation org;
    for (const auto& [key, value] : *settings) {
        if (key == kHomePageSetting) {
            if (value.rfind("https://", 0) != 0 && value.rfind("http://", 0) != 0)
                return make_error(ErrorCode::invalid,
                                  "the organisation setting " + key + " is \"" + value +
                                      "\", which is not a web address; set it to the "
                                      "organisation's home page, e.g. https://org.example");
            org.home_page = value;
            while (org.home_page.size() > 8 && org.home_page.back() == '/')
                org.home_page.pop_back();
        } else if (key == kActorSetting) {
            if (value == "staff-id")
                org.actor = ActorName::staff_id;
            else if (value == "pseudonymous")
                org.actor = ActorName::pseudonymous;
            else
                return make_error(ErrorCode::invalid, "the organisation setting " + key + " is \"" +
                                                          value +
                                                          "\"; use \"staff-id\" or "
                                                          "\"pseudonymous\"");
        } else if (key == kLanguageSetting && !value.empty()) {
            org.language = value;
        }
    }
    return org;
}

Result<StatementMapper> make_mapper(ledger::Ledger& ledger, std::vector<course::Course> courses) {
    auto org = read_organisation(ledger);
    if (!org)
        return org.error();
    auto learners = ledger.learners();
    if (!learners)
        return learners.error();
    std::map<std::string, std::string> staff_ids;
    for (const auto& l : *learners)
        staff_ids[l.id] = l.erased() ? "" : l.person.staff_id;
    return StatementMapper(std::move(*org), std::move(staff_ids), std::move(courses));
}

Result<StatementMapper> make_mapper(ledger::Ledger& ledger,
                                    const std::vector<std::filesystem::path>& course_folders) {
    std::vector<course::Course> courses;
    for (const auto& folder : course_folders) {
        course::LoadedCourse loaded = course::load_source_folder(folder).loaded;
        if (!loaded.ok()) {
            std::string first;
            for (const auto& d : loaded.diagnostics.items())
                if (d.severity == Severity::error) {
                    first = d.message;
                    break;
                }
            return make_error(ErrorCode::invalid,
                              "the course in this folder has errors (first: " + first +
                                  "); run 'waymark check " + folder.string() + "' and fix them",
                              folder.string());
        }
        courses.push_back(std::move(loaded.course));
    }
    return make_mapper(ledger, std::move(courses));
}

Result<void> for_each_statement(ledger::Ledger& ledger, StatementMapper& mapper, std::int64_t after,
                                const std::function<bool(const MappedStatement&)>& visit) {
    if (after < mapper.position())
        return make_error(ErrorCode::usage, "statements after position " + std::to_string(after) +
                                                " were asked of a mapper already at position " +
                                                std::to_string(mapper.position()));
    std::optional<Error> failure;
    auto r = ledger.for_each_event(mapper.position(), [&](const ledger::Event& e) {
        if (e.position <= after) {
            mapper.observe(e);
            return true;
        }
        auto statement = mapper.map(e);
        if (!statement) {
            failure = statement.error();
            return false;
        }
        return !*statement || visit(**statement);
    });
    if (!r)
        return r;
    if (failure)
        return *failure;
    return {};
}

std::string name_uuid(std::string_view name) {
    const Sha256Digest digest = sha256(name);
    std::array<std::uint8_t, 16> b{};
    std::copy_n(digest.begin(), b.size(), b.begin());
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | 0x80);  // version 8
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 9562 variant
    const std::string hex = to_hex(b);
    return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
           hex.substr(16, 4) + '-' + hex.substr(20);
}

std::string iso8601_duration(std::chrono::milliseconds duration) {
    const long long total_cs = std::max<long long>(0, duration.count()) / 10;
    const long long hours = total_cs / 360000;
    const long long minutes = total_cs / 6000 % 60;
    const long long cs = total_cs % 6000;
    std::string out = "PT";
    if (hours)
        out += std::to_string(hours) + "H";
    if (minutes)
        out += std::to_string(minutes) + "M";
    char seconds[32];
    if (cs % 100 == 0)
        std::snprintf(seconds, sizeof seconds, "%lldS", cs / 100);
    else
        std::snprintf(seconds, sizeof seconds, "%lld.%02lldS", cs / 100, cs % 100);
    if (cs || (!hours && !minutes))
        out += seconds;
    return out;
}

}  // namespace waymark::xapi
