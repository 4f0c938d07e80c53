// The assessment engine for published courses: engine/assessment's own draw, shuffle,
// scoring and attempt rules, compiled to WebAssembly (assessment.cmake) and called by
// assets/web/waymark.js. There is no second implementation in JavaScript: the page only
// shows what this returns.
//
// Two C exports, JSON text in and out (the returned text lives until the next call):
//
//   waymark_load(bank, policy)  the questions (content/bank.hpp's JSON, as the publisher
//                               wrote it) and, for the assessment, the policy
//                               (publish/assessment_data.hpp); "" for a page's checks.
//   waymark_call(request)       {"op": ..., ...}, one of
//     present   {id, seed}              a knowledge check's option order (present())
//     check     {id, seed, answer}      marks one try at a knowledge check (practise())
//     walk      {id, path}              a scenario's steps so far (walk_scenario())
//     draw      {seed}                  the paper of an attempt (start_attempt()) and the
//                                       option order of each question on it
//     score     {seed, started, submitted, answers}   marks a whole attempt
//                                       (Attempt::apply, score_attempt())
//     eligibility {now, attempts: [{seed, started, submitted, passed}]}
//                                       can_start_attempt(), may_show_correct_answers()
//
// Seeds are 16 hex digits (format_seed), times milliseconds since 1970 (UTC). An answer
// is given as the learner saw the options (displayed positions) and turned into the
// engine's Response by to_model():
//   single choice, true/false  a number          multiple response  [numbers]
//   matching   [answer shown for each prompt shown, or null]
//   ordering   [positions shown, first to last]   scenario  [option per step]
//   short answer  "text"                          numerical  a number
// Every reply has "ok"; when false, "error" says what was wrong.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <string>
#include <vector>

#include "waymark/assessment/attempt.hpp"
#include "waymark/assessment/draw.hpp"
#include "waymark/assessment/eligibility.hpp"
#include "waymark/assessment/knowledge_check.hpp"
#include "waymark/assessment/presentation.hpp"
#include "waymark/assessment/random.hpp"
#include "waymark/assessment/scenario.hpp"
#include "waymark/content/bank.hpp"
#include "waymark/core/json.hpp"

namespace waymark::publish::wasm {
namespace {

namespace as = waymark::assessment;
using content::Question;
using content::QuestionType;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

struct Loaded {
    std::vector<Question> bank;
    as::AssessmentPolicy policy;
};

Loaded& loaded() {
    static Loaded state;
    return state;
}

std::string& reply_text() {
    static std::string text;
    return text;
}

const char* reply(const rapidjson::StringBuffer& buffer) {
    reply_text().assign(buffer.GetString(), buffer.GetSize());
    return reply_text().c_str();
}

const char* failure(const std::string& message) {
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("ok");
    w.Bool(false);
    w.Key("error");
    w.String(message.c_str(), static_cast<rapidjson::SizeType>(message.size()));
    w.EndObject();
    return reply(buffer);
}

void write_string(Writer& w, const std::string& s) {
    w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
}

void write_indices(Writer& w, const std::vector<std::size_t>& list) {
    w.StartArray();
    for (const std::size_t i : list)
        w.Uint64(i);
    w.EndArray();
}

void write_strings(Writer& w, const std::vector<std::string>& list) {
    w.StartArray();
    for (const auto& s : list)
        write_string(w, s);
    w.EndArray();
}

// --- reading requests ---------------------------------------------------------------

Result<std::size_t> index_of(const JsonValue& v) {
    if (!v.is(JsonValue::Kind::number) || !v.is_integer || v.integer < 0 || v.integer > 1000000)
        return make_error(ErrorCode::invalid, "expected a position (a whole number from 0)");
    return static_cast<std::size_t>(v.integer);
}

Result<std::vector<std::size_t>> indices_of(const JsonValue& v) {
    if (!v.is(JsonValue::Kind::array))
        return make_error(ErrorCode::invalid, "expected a list of positions");
    std::vector<std::size_t> out;
    for (const auto& item : v.items) {
        auto i = index_of(item);
        if (!i)
            return i.error();
        out.push_back(*i);
    }
    return out;
}

Result<std::uint64_t> seed_of(const JsonValue& request) {
    const JsonValue* v = request.find("seed");
    std::uint64_t seed = 0;
    if (!v || !v->is(JsonValue::Kind::string) || !as::parse_seed(v->string, seed))
        return make_error(ErrorCode::invalid, "\"seed\" must be 16 hex digits");
    return seed;
}

// A time in milliseconds since 1970; `fallback` when absent or null.
Result<UtcTime> time_of(const JsonValue& request, const char* key) {
    const JsonValue* v = request.find(key);
    if (!v || !v->is(JsonValue::Kind::number) || !std::isfinite(v->number))
        return make_error(ErrorCode::invalid, std::string("\"") + key + "\" must be a time");
    return UtcTime{std::chrono::milliseconds{static_cast<std::int64_t>(v->number)}};
}

const Question* find_question(std::string_view id) {
    for (const auto& q : loaded().bank)
        if (q.id == id)
            return &q;
    return nullptr;
}

Result<const Question*> question_of(const JsonValue& request) {
    const JsonValue* id = request.find("id");
    if (!id || !id->is(JsonValue::Kind::string))
        return make_error(ErrorCode::invalid, "\"id\" must name a question");
    const Question* q = find_question(id->string);
    if (!q)
        return make_error(ErrorCode::not_found, "no question \"" + id->string + "\" is loaded");
    return q;
}

// The answer as the learner gave it (displayed positions) as a Response of q's type.
Result<as::Response> displayed_response(const Question& q, const JsonValue& v) {
    switch (q.type) {
        case QuestionType::single_choice:
        case QuestionType::true_false: {
            auto i = index_of(v);
            if (!i)
                return i.error();
            return as::Response{as::ChosenOption{*i}};
        }
        case QuestionType::multiple_response: {
            auto list = indices_of(v);
            if (!list)
                return list.error();
            return as::Response{as::ChosenOptions{std::move(*list)}};
        }
        case QuestionType::matching: {
            if (!v.is(JsonValue::Kind::array))
                return make_error(ErrorCode::invalid, "expected an answer for each prompt");
            as::Matches m;
            for (std::size_t prompt = 0; prompt < v.items.size(); ++prompt) {
                if (v.items[prompt].is(JsonValue::Kind::null))
                    continue;
                auto answer = index_of(v.items[prompt]);
                if (!answer)
                    return answer.error();
                m.matches[prompt] = *answer;
            }
            return as::Response{std::move(m)};
        }
        case QuestionType::ordering: {
            auto list = indices_of(v);
            if (!list)
                return list.error();
            return as::Response{as::Arrangement{std::move(*list)}};
        }
        case QuestionType::short_answer:
            if (!v.is(JsonValue::Kind::string))
                return make_error(ErrorCode::invalid, "expected the typed text");
            return as::Response{as::TypedText{v.string}};
        case QuestionType::numerical:
            if (!v.is(JsonValue::Kind::number))
                return make_error(ErrorCode::invalid, "expected a number");
            return as::Response{as::TypedNumber{v.number}};
        case QuestionType::scenario: {
            auto list = indices_of(v);
            if (!list)
                return list.error();
            return as::Response{as::ScenarioPath{std::move(*list)}};
        }
        case QuestionType::essay:
        case QuestionType::description:
            break;
    }
    return make_error(ErrorCode::usage, "question \"" + q.id + "\" is not marked");
}

// The model's Response for an answer given against presentation `shown`.
Result<as::Response> model_response(const Question& q, const as::Presentation& shown,
                                    const JsonValue& v) {
    auto displayed = displayed_response(q, v);
    if (!displayed)
        return displayed.error();
    return as::to_model(shown, *displayed);
}

void write_presentation(Writer& w, const as::Presentation& p) {
    w.Key("options");
    write_indices(w, p.options);
    w.Key("prompts");
    write_indices(w, p.prompts);
    w.Key("answers");
    write_indices(w, p.answers);
}

void write_score(Writer& w, const as::Score& s) {
    w.Key("fraction");
    w.Double(s.fraction);
    w.Key("outcome");
    w.String(as::to_string(s.outcome));
    w.Key("feedback");
    write_strings(w, s.feedback);
    w.Key("general_feedback");
    write_string(w, s.general_feedback);
}

// --- the operations ---------------------------------------------------------------

const char* present_check(const JsonValue& request) {
    auto q = question_of(request);
    auto seed = seed_of(request);
    if (!q || !seed)
        return failure((!q ? q.error() : seed.error()).message);
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("ok");
    w.Bool(true);
    write_presentation(w, as::present(**q, *seed, (*q)->shuffle));
    w.EndObject();
    return reply(buffer);
}

const char* check(const JsonValue& request) {
    auto q = question_of(request);
    auto seed = seed_of(request);
    const JsonValue* answer = request.find("answer");
    if (!q || !seed || !answer)
        return failure(!q      ? q.error().message
                       : !seed ? seed.error().message
                               : "\"answer\" is missing");
    auto response = model_response(**q, as::present(**q, *seed, (*q)->shuffle), *answer);
    if (!response)
        return failure(response.error().describe());
    auto marked = as::practise(**q, *response, UtcTime{});
    if (!marked)
        return failure(marked.error().describe());
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("ok");
    w.Bool(true);
    write_score(w, marked->score);
    w.EndObject();
    return reply(buffer);
}

const char* walk(const JsonValue& request) {
    auto q = question_of(request);
    const JsonValue* path = request.find("path");
    if (!q || !path)
        return failure(!q ? q.error().message : "\"path\" is missing");
    auto options = indices_of(*path);
    if (!options)
        return failure(options.error().message);
    auto walked = as::walk_scenario(**q, as::ScenarioPath{std::move(*options)});
    if (!walked)
        return failure(walked.error().describe());
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("ok");
    w.Bool(true);
    w.Key("steps");
    write_indices(w, walked->steps);
    w.Key("current");
    if (walked->current)
        w.Uint64(*walked->current);
    else
        w.Null();
    w.Key("finished");
    w.Bool(walked->finished);
    w.Key("feedback");
    write_strings(w, walked->feedback);
    w.EndObject();
    return reply(buffer);
}

const char* draw(const JsonValue& request) {
    auto seed = seed_of(request);
    if (!seed)
        return failure(seed.error().message);
    const Loaded& state = loaded();
    auto paper = as::draw_paper(state.bank, state.policy, *seed);
    if (!paper)
        return failure(paper.error().describe());
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("ok");
    w.Bool(true);
    w.Key("paper");
    w.StartArray();
    for (const auto& id : *paper) {
        w.StartObject();
        w.Key("id");
        write_string(w, id);
        write_presentation(w, as::present(*find_question(id), as::question_seed(*seed, id),
                                          state.policy.shuffle_options));
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return reply(buffer);
}

// The attempt an earlier sitting left: started, perhaps submitted, perhaps scored with
// `passed`. Only what the attempt rules look at is kept, so the answers are not needed.
Result<as::Attempt> past_attempt(const JsonValue& entry, std::size_t number) {
    const Loaded& state = loaded();
    auto seed = seed_of(entry);
    auto started = time_of(entry, "started");
    if (!seed || !started)
        return !seed ? seed.error() : started.error();
    auto start = as::start_attempt(state.bank, state.policy, "attempt-" + std::to_string(number),
                                   *seed, *started);
    if (!start)
        return start.error();
    as::Attempt attempt;
    if (auto r = attempt.apply(*start); !r)
        return r.error();
    if (auto submitted = time_of(entry, "submitted"); submitted) {
        if (auto r = attempt.apply(as::AttemptSubmitted{*submitted}); !r)
            return r.error();
        const JsonValue* passed = entry.find("passed");
        if (passed && passed->is(JsonValue::Kind::boolean)) {
            as::AttemptScored scored{*submitted, {}};
            scored.result.passed = passed->boolean;
            for (const auto& id : attempt.question_ids())
                scored.result.questions.push_back({id});
            if (auto r = attempt.apply(scored); !r)
                return r.error();
        }
    }
    return attempt;
}

const char* eligibility(const JsonValue& request) {
    auto now = time_of(request, "now");
    const JsonValue* list = request.find("attempts");
    if (!now || !list || !list->is(JsonValue::Kind::array))
        return failure(!now ? now.error().message : "\"attempts\" must be a list");
    std::vector<as::Attempt> past;
    for (const auto& entry : list->items) {
        auto attempt = past_attempt(entry, past.size() + 1);
        if (!attempt)
            return failure(attempt.error().describe());
        past.push_back(std::move(*attempt));
    }
    const auto& policy = loaded().policy;
    const auto decision = as::can_start_attempt(policy, past, *now);
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("ok");
    w.Bool(true);
    w.Key("allowed");
    w.Bool(decision.allowed);
    w.Key("message");
    write_string(w, decision.message);
    w.Key("attempts_left");
    w.Int(decision.attempts_left);
    w.Key("show_answers");
    w.Bool(as::may_show_correct_answers(policy, past));
    w.EndObject();
    return reply(buffer);
}

const char* score(const JsonValue& request) {
    const Loaded& state = loaded();
    auto seed = seed_of(request);
    auto started = time_of(request, "started");
    auto submitted = time_of(request, "submitted");
    const JsonValue* answers = request.find("answers");
    if (!seed || !started || !submitted)
        return failure((!seed      ? seed.error()
                        : !started ? started.error()
                                   : submitted.error())
                           .message);
    if (!answers || !answers->is(JsonValue::Kind::array))
        return failure("\"answers\" must list an answer (or null) per question of the paper");
    auto start = as::start_attempt(state.bank, state.policy, "web", *seed, *started);
    if (!start)
        return failure(start.error().describe());
    as::Attempt attempt;
    if (auto r = attempt.apply(*start); !r)
        return failure(r.error().describe());
    const auto& paper = attempt.question_ids();
    if (answers->items.size() > paper.size())
        return failure("there are more answers than questions on the paper");
    for (std::size_t i = 0; i < answers->items.size(); ++i) {
        if (answers->items[i].is(JsonValue::Kind::null))
            continue;
        const Question& q = *find_question(paper[i]);
        const auto shown =
            as::present(q, as::question_seed(*seed, paper[i]), state.policy.shuffle_options);
        auto response = model_response(q, shown, answers->items[i]);
        if (!response)
            return failure(response.error().describe());
        if (auto valid = as::check_response(q, *response); !valid)
            return failure(valid.error().describe());
        // Saved when the attempt was submitted: an attempt submitted after its time limit
        // keeps none of its answers, as the engine's attempt rules say.
        if (auto r = attempt.apply(as::AnswerSaved{paper[i], *response, *submitted}); !r)
            break;
    }
    if (auto r = attempt.apply(as::AttemptSubmitted{*submitted}); !r)
        return failure(r.error().describe());
    auto scored = as::score_attempt(attempt, state.bank, state.policy, *submitted);
    if (!scored)
        return failure(scored.error().describe());
    const as::AttemptResult& result = scored->result;
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("ok");
    w.Bool(true);
    w.Key("raw");
    w.Double(result.raw);
    w.Key("max");
    w.Double(result.max);
    w.Key("scaled");
    w.Double(result.scaled);
    w.Key("pass_mark");
    w.Double(result.pass_mark);
    w.Key("passed");
    w.Bool(result.passed);
    w.Key("questions");
    w.StartArray();
    for (const auto& r : result.questions) {
        w.StartObject();
        w.Key("id");
        write_string(w, r.question_id);
        w.Key("answered");
        w.Bool(r.answered);
        w.Key("fraction");
        w.Double(r.fraction);
        w.Key("outcome");
        w.String(as::to_string(r.outcome));
        w.Key("feedback");
        write_strings(w, r.feedback);
        w.Key("general_feedback");
        write_string(w, r.general_feedback);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return reply(buffer);
}

// The policy as publish/assessment_data.cpp writes it.
Result<as::AssessmentPolicy> read_policy(std::string_view text) {
    as::AssessmentPolicy p;
    if (text.empty())
        return p;
    auto json = parse_json(text, "policy");
    if (!json)
        return json.error();
    const auto number = [&](const char* key, double fallback) {
        const JsonValue* v = json->find(key);
        return v && v->is(JsonValue::Kind::number) ? v->number : fallback;
    };
    const auto flag = [&](const char* key, bool fallback) {
        const JsonValue* v = json->find(key);
        return v && v->is(JsonValue::Kind::boolean) ? v->boolean : fallback;
    };
    p.draw_count = static_cast<std::size_t>(number("draw_count", 0));
    p.at_least_per_module = static_cast<std::size_t>(number("at_least_per_module", 0));
    p.pass_mark = number("pass_mark", p.pass_mark);
    p.attempts_allowed = static_cast<int>(number("attempts_allowed", 0));
    p.wait_between_attempts = std::chrono::minutes(static_cast<int>(number("wait_minutes", 0)));
    p.time_limit = std::chrono::minutes(static_cast<int>(number("time_limit_minutes", 0)));
    p.shuffle_questions = flag("shuffle_questions", true);
    p.shuffle_options = flag("shuffle_options", true);
    if (const JsonValue* review = json->find("review");
        review && review->is(JsonValue::Kind::string) &&
        !as::parse_review_policy(review->string, p.review))
        return make_error(ErrorCode::invalid, "unknown review policy \"" + review->string + "\"");
    if (const JsonValue* quotas = json->find("quotas");
        quotas && quotas->is(JsonValue::Kind::array))
        for (const auto& item : quotas->items) {
            const JsonValue* scope = item.find("scope");
            const JsonValue* name = item.find("name");
            as::Quota quota;
            quota.scope = scope && scope->string == "category" ? as::Quota::Scope::category
                                                               : as::Quota::Scope::module;
            quota.name = name ? name->string : "";
            const JsonValue* at_least = item.find("at_least");
            quota.at_least = at_least ? static_cast<std::size_t>(at_least->number) : 0;
            p.quotas.push_back(std::move(quota));
        }
    if (auto valid = as::validate_policy(p); !valid)
        return valid.error();
    return p;
}

}  // namespace
}  // namespace waymark::publish::wasm

using namespace waymark::publish::wasm;

extern "C" {

const char* waymark_load(const char* bank, const char* policy) {
    waymark::Diagnostics problems;
    auto questions = waymark::content::read_bank_json(bank, "bank", problems);
    if (problems.has_errors())
        return failure("the page's questions could not be read: " +
                       problems.items().front().message);
    auto rules = read_policy(policy);
    if (!rules)
        return failure(rules.error().describe());
    loaded().bank = std::move(questions.questions);
    loaded().policy = std::move(*rules);
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("ok");
    w.Bool(true);
    w.Key("questions");
    w.Uint64(loaded().bank.size());
    w.EndObject();
    return reply(buffer);
}

const char* waymark_call(const char* request_text) {
    auto request = waymark::parse_json(request_text, "request");
    if (!request)
        return failure(request.error().describe());
    const waymark::JsonValue* op = request->find("op");
    const std::string name = op && op->is(waymark::JsonValue::Kind::string) ? op->string : "";
    if (name == "present")
        return present_check(*request);
    if (name == "check")
        return check(*request);
    if (name == "walk")
        return walk(*request);
    if (name == "draw")
        return draw(*request);
    if (name == "score")
        return score(*request);
    if (name == "eligibility")
        return eligibility(*request);
    return failure("unknown operation \"" + name + "\"");
}

}  // extern "C"
