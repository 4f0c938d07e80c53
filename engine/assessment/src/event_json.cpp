#include "waymark/assessment/event_json.hpp"

#include <cereal/archives/json.hpp>
#include <sstream>
#include <string>

namespace waymark::assessment {

namespace {

struct TypeName {
    const char* operator()(const AttemptStarted&) const { return "attempt-started"; }
    const char* operator()(const AnswerSaved&) const { return "answer-saved"; }
    const char* operator()(const AttemptSubmitted&) const { return "attempt-submitted"; }
    const char* operator()(const AttemptScored&) const { return "attempt-scored"; }
    const char* operator()(const AnswerCleared&) const { return "answer-cleared"; }
};

template <typename T>
bool read_as(cereal::JSONInputArchive& ar, const std::string& type, const char* name,
             AttemptEvent& out) {
    if (type != name)
        return false;
    T event;
    ar(cereal::make_nvp("event", event));
    out = std::move(event);
    return true;
}

Error newer(const std::string& what) {
    return make_error(ErrorCode::invalid, "the event " + what +
                                              ": it was recorded by a newer Waymark; upgrade "
                                              "Waymark to read it");
}

Error unreadable(const std::string& what) {
    return make_error(ErrorCode::parse,
                      "the event is not readable (" + what +
                          "); the ledger entry may be damaged: verify the ledger's chain");
}

cereal::JSONOutputArchive::Options unindented() {
    return cereal::JSONOutputArchive::Options::NoIndent();
}

// cereal always pretty-prints; with no indent only line breaks remain. JSON strings
// cannot hold a raw line break (they are escaped as \n), so dropping them all is safe
// and leaves one event per line.
std::string one_line(std::string json) {
    std::erase(json, '\n');
    return json;
}

}  // namespace

const char* event_type(const AttemptEvent& event) {
    return std::visit(TypeName{}, event);
}

std::string write_attempt_event(const AttemptEvent& event) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive ar(out, unindented());
        ar(cereal::make_nvp("type", std::string(event_type(event))));
        std::visit([&](const auto& e) { ar(cereal::make_nvp("event", e)); }, event);
    }
    return one_line(out.str());
}

Result<AttemptEvent> read_attempt_event(std::string_view json) {
    // cereal reports malformed input by throwing; this is the boundary where that
    // becomes an Error.
    try {
        std::istringstream in{std::string(json)};
        cereal::JSONInputArchive ar(in);
        std::string type;
        ar(cereal::make_nvp("type", type));
        AttemptEvent event;
        const bool known = read_as<AttemptStarted>(ar, type, "attempt-started", event) ||
                           read_as<AnswerSaved>(ar, type, "answer-saved", event) ||
                           read_as<AttemptSubmitted>(ar, type, "attempt-submitted", event) ||
                           read_as<AttemptScored>(ar, type, "attempt-scored", event) ||
                           read_as<AnswerCleared>(ar, type, "answer-cleared", event);
        if (!known)
            return unreadable("unknown event type \"" + type + "\"");
        return event;
    } catch (const NewerVersion& e) {
        return newer(e.what());
    } catch (const std::exception& e) {
        return unreadable(e.what());
    }
}

std::string write_practice_event(const PracticeAnswered& event) {
    std::ostringstream out;
    {
        cereal::JSONOutputArchive ar(out, unindented());
        ar(cereal::make_nvp("type", std::string("practice-answered")));
        ar(cereal::make_nvp("event", event));
    }
    return one_line(out.str());
}

Result<PracticeAnswered> read_practice_event(std::string_view json) {
    try {
        std::istringstream in{std::string(json)};
        cereal::JSONInputArchive ar(in);
        std::string type;
        ar(cereal::make_nvp("type", type));
        if (type != "practice-answered")
            return unreadable("expected a practice-answered event, found \"" + type + "\"");
        PracticeAnswered event;
        ar(cereal::make_nvp("event", event));
        return event;
    } catch (const NewerVersion& e) {
        return newer(e.what());
    } catch (const std::exception& e) {
        return unreadable(e.what());
    }
}

}  // namespace waymark::assessment
