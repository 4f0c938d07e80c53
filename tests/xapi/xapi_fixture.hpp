// Shared set-up for the xAPI tests: a private folder with a ledger, a learner, a course
// model with one question of every type, and the events a learner makes on it.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <string>
#include <vector>

#include "scratch_folder.hpp"
#include "waymark/assessment/event_json.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/xapi/statement.hpp"

namespace waymark::xapi::testing {

inline UtcTime at(const char* iso) {
    return *parse_iso8601(iso);
}

inline content::Question question(const char* id, content::QuestionType type) {
    content::Question q;
    q.id = id;
    q.type = type;
    q.title = std::string("Question ") + id;
    q.stem = "Stem";
    return q;
}

// A course whose assessment has one question of each auto-marked type plus an essay.
inline course::Course sample_course() {
    using content::QuestionType;
    course::Course c;
    c.id = "prevent-duty";
    c.version = "2.1.0";
    c.title = "Prevent duty";
    c.language = "en-GB";
    course::Module m;
    m.id = "01-intro";
    m.title = "Introduction";
    m.pages.push_back({"What Prevent is", "what", 1, {}});
    c.modules.push_back(m);

    auto single = question("single", QuestionType::single_choice);
    single.choices = {{"Channel", 1, "", false}, {"CONTEST", 0, "", false}};
    auto multi = question("multi", QuestionType::multiple_response);
    multi.choices = {{"A", 0.5, "", false}, {"B", -1, "", false}, {"C", 0.5, "", false}};
    auto tf = question("tf", QuestionType::true_false);
    tf.choices = {{"True", 0, "", false}, {"False", 1, "", false}};
    auto match = question("match", QuestionType::matching);
    match.pairs = {{"Prevent", "stop people being drawn in"},
                   {"Pursue", "stop attacks"},
                   {"", "a distractor"}};
    auto order = question("order", QuestionType::ordering);
    order.order = {"Notice", "Check", "Share"};
    auto text = question("text", QuestionType::short_answer);
    text.text_answers = {{"Channel", 1, ""}, {"Chan*", 0.5, ""}};
    auto number = question("number", QuestionType::numerical);
    number.numeric_answers = {{false, 999, 0, 0, 0, 1, ""}, {true, 0, 0, 10, 20, 1, ""}};
    auto essay = question("essay", QuestionType::essay);
    auto scenario = question("scenario", QuestionType::scenario);
    c.assessment_questions = {single, multi, tf, match, order, text, number, essay, scenario};
    return c;
}

inline ledger::CourseRef course_ref() {
    return ledger::CourseRef{"prevent-duty", "2.1.0", std::string(64, 'a'), true};
}

// A test's own folder (removed whatever the outcome) holding a ledger with one learner.
class XapiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        crypto_init();
        auto l = ledger::Ledger::open(dir_ / "ledger.db");
        ASSERT_TRUE(l) << l.error().describe();
        ledger_.emplace(std::move(*l));
        auto learner = ledger_->add_learner({"Amira Khan", "S1001", "", "Safeguarding", "Lead"});
        ASSERT_TRUE(learner) << learner.error().describe();
        learner_ = learner->id;
    }
    void TearDown() override { ledger_.reset(); }

    ledger::Event record(const assessment::AttemptEvent& e) {
        auto r = ledger_->record_attempt_event(learner_, course_ref(), e);
        EXPECT_TRUE(r) << r.error().describe();
        return r ? *r : ledger::Event{};
    }

    // A whole attempt answering every question of sample_course(), passed.
    void record_attempt(const std::string& attempt_id = "attempt-1") {
        using namespace assessment;
        UtcTime t = at("2026-03-02T10:00:00Z");
        record(AttemptStarted{attempt_id, 7, t, {"single", "multi", "tf"}, {}});
        const std::vector<std::pair<const char*, Response>> answers = {
            {"single", ChosenOption{0}},       {"multi", ChosenOptions{{0, 2}}},
            {"tf", ChosenOption{1}},           {"match", Matches{{{0, 0}, {1, 2}}}},
            {"order", Arrangement{{0, 2, 1}}}, {"text", TypedText{"Channel"}},
            {"number", TypedNumber{12.5}},     {"essay", TypedText{"My reflection"}},
            {"scenario", ScenarioPath{{1, 0}}}};
        for (const auto& [id, response] : answers)
            record(AnswerSaved{id, response, t += std::chrono::seconds(30)});
        record(AttemptSubmitted{t});
        AttemptScored scored;
        scored.at = t;
        scored.result = {8, 9, 8.0 / 9, 80, true, std::chrono::milliseconds(275'120), {}};
        record(scored);
        auto done =
            ledger_->record_completion(learner_, course_ref(), {attempt_id, 8.0 / 9, 12}, t);
        EXPECT_TRUE(done) << done.error().describe();
    }

    // Every statement of the ledger, mapped with the sample course.
    std::vector<MappedStatement> statements(std::int64_t after = 0) {
        auto mapper = make_mapper(*ledger_, std::vector<course::Course>{sample_course()});
        EXPECT_TRUE(mapper) << mapper.error().describe();
        std::vector<MappedStatement> out;
        auto r = for_each_statement(*ledger_, *mapper, after, [&](const MappedStatement& s) {
            out.push_back(s);
            return true;
        });
        EXPECT_TRUE(r) << r.error().describe();
        return out;
    }

    // Declared before the ledger, so the ledger closes before its folder goes.
    const waymark::testing::ScratchFolder dir_{"xapi"};
    std::optional<ledger::Ledger> ledger_;
    std::string learner_;
};

// The statement of `list` whose verb ends in `verb` and whose object id ends in
// `object_suffix`, parsed; fails the test when there is none.
inline rapidjson::Document find_statement(const std::vector<MappedStatement>& list,
                                          const std::string& verb,
                                          const std::string& object_suffix) {
    for (const auto& s : list) {
        rapidjson::Document d;
        d.Parse(s.json.c_str());
        const std::string v = d["verb"]["id"].GetString();
        const std::string o = d["object"]["id"].GetString();
        if (v.ends_with("/" + verb) && o.ends_with(object_suffix))
            return d;
    }
    ADD_FAILURE() << "no statement " << verb << " " << object_suffix;
    rapidjson::Document empty;
    empty.Parse("{}");
    return empty;
}

}  // namespace waymark::xapi::testing
