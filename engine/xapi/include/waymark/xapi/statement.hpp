// waymark/xapi/statement.hpp: ledger events as xAPI 1.0.3 statements.
//
// An organisation with many devices collects training records in a Learning Record
// Store (LRS). Each ledger event that a manager would want there becomes one statement:
//   session-started            launched     the course
//   page-viewed                experienced  the page (parent: module, grouping: course)
//   answer-saved               answered     the question (registration: the attempt)
//   knowledge-check-answered   answered     the question, with success and score
//   attempt-started            attempted    the course (registration: the attempt)
//   attempt-scored             passed/failed the course, with score and duration
//   course-completed           completed    the course
// Other events (enrolment, session end, submission, certificates, erasure, settings) have
// no statement, nor has answer-cleared: xAPI has no verb that takes an answer back, and
// the attempt's passed/failed statement carries the marks without the cleared answer. The statement
// id is the event's own UUID, so mapping the same event twice always gives the same statement, and
// an LRS that sees it again keeps one copy.
//
// The actor is an account on the organisation's home page named by the learner's staff
// id, or by the pseudonymous learner id when the organisation asks for privacy (and
// always once the learner was erased). Questions carry their interaction type, choices
// and correct responses when the course model is given; without it they are plain
// question activities.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/course/course.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::xapi {

// Organisation settings (waymark/ledger settings with no learner) read by the mapping.
inline constexpr const char* kHomePageSetting = "xapi.home-page";  // "https://org.example"
inline constexpr const char* kActorSetting = "xapi.actor";         // "staff-id" or "pseudonymous"
inline constexpr const char* kLanguageSetting = "xapi.language";   // "en-GB"

// Where the statement's context extensions live (IRIs, as xAPI requires).
inline constexpr const char* kExtensionBase = "https://waymark.dev/xapi/extensions/";

enum class ActorName { staff_id, pseudonymous };

struct Organisation {
    std::string home_page = "https://waymark.invalid";  // no trailing slash
    ActorName actor = ActorName::staff_id;
    std::string language = "en-GB";  // used when no course model gives one
};

// The organisation's xAPI settings from the ledger, with the defaults above for any that
// are missing. ErrorCode::invalid, naming the setting and the fix, when a value is not
// usable (a home page that is not an http(s) URL, an unknown actor choice).
Result<Organisation> read_organisation(ledger::Ledger& ledger);

// One statement, ready to post.
struct MappedStatement {
    std::int64_t position = 0;  // of the event in the ledger file
    std::string id;             // statement id (= event id)
    std::string json;           // one compact JSON object
};

// Turns events into statements, in ledger order. It remembers the attempt each learner
// has open on each course, so answers carry their attempt as registration; feeding it
// every event in order (observe() for the ones before the export starts) is what makes
// that work.
class StatementMapper {
  public:
    // `staff_ids` maps pseudonymous learner id -> staff id ("" or missing: erased);
    // `courses` are the course models to describe questions, modules and pages with.
    StatementMapper(Organisation organisation, std::map<std::string, std::string> staff_ids,
                    std::vector<course::Course> courses);
    ~StatementMapper();
    StatementMapper(StatementMapper&&) noexcept;
    StatementMapper& operator=(StatementMapper&&) noexcept;

    // The statement for `event`, or no value when the event has none. ErrorCode::parse,
    // naming the event's position and id, when its payload cannot be read (a damaged or
    // foreign ledger); never throws.
    Result<std::optional<MappedStatement>> map(const ledger::Event& event);
    // Takes note of `event` (an attempt starting) without making its statement.
    void observe(const ledger::Event& event);
    // The position of the last event given to map() or observe(); 0 before any.
    std::int64_t position() const;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

// A mapper for `ledger`: its organisation settings and learners, and these courses.
Result<StatementMapper> make_mapper(ledger::Ledger& ledger, std::vector<course::Course> courses);

// The same, with the courses loaded from their source folders. A folder whose course has
// errors is refused (ErrorCode::invalid, naming the folder and the first error), since
// its questions could be described wrongly; 'waymark check' lists them all.
Result<StatementMapper> make_mapper(ledger::Ledger& ledger,
                                    const std::vector<std::filesystem::path>& course_folders);

// Streams the statements of every event with position > `after`, in order; `visit`
// returning false stops early, right after that statement. Events the mapper has not
// seen up to `after` are only observed (for attempts), so calling this again with a
// later `after` continues without reading the ledger from the start. ErrorCode::usage
// when `after` is before mapper.position(): a mapper never goes back.
Result<void> for_each_statement(ledger::Ledger& ledger, StatementMapper& mapper, std::int64_t after,
                                const std::function<bool(const MappedStatement&)>& visit);

// A name-based UUID (RFC 9562 version 8, from SHA-256 of `name`): the same name always
// gives the same UUID. Used for registrations whose attempt id is not itself a UUID.
std::string name_uuid(std::string_view name);

// "PT1H2M3.45S": an ISO 8601 duration with xAPI's 0.01 s precision.
std::string iso8601_duration(std::chrono::milliseconds duration);

}  // namespace waymark::xapi
