#include "waymark/assessment/event_json.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "question_builders.hpp"
#include "waymark/assessment/knowledge_check.hpp"

namespace waymark::assessment {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

UtcTime ms_in(int ms) {
    return *parse_iso8601("2026-11-25T09:00:00Z") + std::chrono::milliseconds{ms};
}

void expect_round_trip(const AttemptEvent& event) {
    const std::string json = write_attempt_event(event);
    const auto back = read_attempt_event(json);
    ASSERT_TRUE(back.ok()) << back.error().describe() << "\n" << json;
    EXPECT_EQ(*back, event) << json;
}

TEST(AttemptEventJson, RoundTripsAStartWithALargeSeed) {
    expect_round_trip(
        AttemptStarted{"att-1", 0xfedcba9876543210ULL, ms_in(123), {"q1", "q2"}, 1800000ms});
}

TEST(AttemptEventJson, RoundTripsAnAnswerOfEveryKind) {
    const std::vector<Response> responses{ChosenOption{2},
                                          ChosenOptions{{3, 0}},
                                          Matches{{{0, 2}, {1, 0}}},
                                          Arrangement{{2, 0, 1}},
                                          TypedText{"Channel \"panel\" \xC3\xA9"},
                                          TypedNumber{0.1 + 0.2},
                                          ScenarioPath{{1, 0}}};
    for (const auto& r : responses)
        expect_round_trip(AnswerSaved{"q1", r, ms_in(5)});
}

TEST(AttemptEventJson, RoundTripsAClearedAnswer) {
    expect_round_trip(AnswerCleared{"q1", ms_in(7)});
}

TEST(AttemptEventJson, NamesAClearedAnswerAnswerCleared) {
    EXPECT_THAT(write_attempt_event(AnswerCleared{"q1", ms_in(7)}),
                HasSubstr("\"type\": \"answer-cleared\""));
}

TEST(AttemptEventJson, RefusesAClearedAnswerOfANewerVersion) {
    const auto r = read_attempt_event(
        R"({"type":"answer-cleared","event":{"cereal_class_version":2,"question_id":"q","at":"2026-11-25T09:00:00Z"}})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::invalid);
}

TEST(AttemptEventJson, RefusesAClearedAnswerWithoutAQuestion) {
    EXPECT_FALSE(
        read_attempt_event(
            R"({"type":"answer-cleared","event":{"cereal_class_version":1,"at":"2026-11-25T09:00:00Z"}})")
            .ok());
}

TEST(AttemptEventJson, RoundTripsASubmission) {
    expect_round_trip(AttemptSubmitted{ms_in(999)});
}

TEST(AttemptEventJson, RoundTripsAScoreWithFeedback) {
    AttemptScored scored{ms_in(1), {}};
    scored.result = {2.0 / 3, 3, 2.0 / 9, 80, false, 754321ms, {}};
    scored.result.questions = {{"q1", true, 1.0 / 3, Outcome::partial, {"a", "b"}, "general"},
                               {"q2", false, 0, Outcome::incorrect, {}, ""}};
    expect_round_trip(scored);
}

TEST(AttemptEventJson, WritesTimesAndSeedsReadably) {
    const auto json = write_attempt_event(AttemptStarted{"a", 255, ms_in(5), {"q"}, 0ms});
    EXPECT_THAT(json, HasSubstr("\"type\": \"attempt-started\""));
    EXPECT_THAT(json, HasSubstr("\"at\": \"2026-11-25T09:00:00.005Z\""));
    EXPECT_THAT(json, HasSubstr("\"seed\": \"00000000000000ff\""));
    EXPECT_THAT(json, HasSubstr("\"cereal_class_version\": 1"));
    EXPECT_EQ(json.find('\n'), std::string::npos);
}

TEST(AttemptEventJson, ReportsMalformedJsonAsAnError) {
    const auto e = read_attempt_event("{\"type\": \"attempt-started\", \"event\": ");
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, ErrorCode::parse);
}

TEST(AttemptEventJson, RefusesAnEventOfANewerVersionSayingToUpgradeWaymark) {
    const auto e = read_attempt_event(
        R"({"type":"attempt-submitted","event":{"cereal_class_version":2,)"
        R"("at":"2026-11-25T09:00:00Z","reason":"a field this Waymark does not know"}})");
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, ErrorCode::invalid);
    EXPECT_THAT(e.error().message, HasSubstr("version 2"));
    EXPECT_THAT(e.error().message, HasSubstr("upgrade Waymark"));
}

TEST(AttemptEventJson, ReadsAHandWrittenEventOfVersionOne) {
    const auto e =
        read_attempt_event(R"({"type":"attempt-submitted","event":{"cereal_class_version":1,)"
                           R"("at":"2026-11-25T09:00:00.250Z"}})");
    ASSERT_TRUE(e.ok()) << e.error().describe();
    EXPECT_EQ(*e, AttemptEvent{AttemptSubmitted{ms_in(250)}});
}

TEST(AttemptEventJson, ReportsAnUnknownEventType) {
    const auto e = read_attempt_event(R"({"type": "attempt-deleted", "event": {}})");
    ASSERT_FALSE(e.ok());
    EXPECT_THAT(e.error().message, HasSubstr("unknown event type \"attempt-deleted\""));
}

TEST(AttemptEventJson, ReportsAFieldOfTheWrongType) {
    const auto e = read_attempt_event(
        R"({"type":"attempt-submitted","event":{"cereal_class_version":1,"at":12}})");
    ASSERT_FALSE(e.ok());
}

TEST(AttemptEventJson, ReportsABadTime) {
    const auto e = read_attempt_event(
        R"({"type":"attempt-submitted","event":{"cereal_class_version":1,"at":"yesterday"}})");
    ASSERT_FALSE(e.ok());
    EXPECT_THAT(e.error().message, HasSubstr("\"yesterday\" is not an ISO 8601 UTC time"));
}

TEST(AttemptEventJson, ReportsABadSeed) {
    const auto e = read_attempt_event(
        R"({"type":"attempt-started","event":{"cereal_class_version":1,"attempt_id":"a","seed":"12","at":"2026-11-25T09:00:00Z","question_ids":["q"],"time_limit_ms":0}})");
    ASSERT_FALSE(e.ok());
    EXPECT_THAT(e.error().message, HasSubstr("16 hex digits"));
}

TEST(AttemptEventJson, ReportsAnUnknownResponseKind) {
    const auto e = read_attempt_event(
        R"({"type":"answer-saved","event":{"cereal_class_version":1,"question_id":"q","response":{"cereal_class_version":1,"kind":"essay","answer":{}},"at":"2026-11-25T09:00:00Z"}})");
    ASSERT_FALSE(e.ok());
    EXPECT_THAT(e.error().message, HasSubstr("unknown response kind \"essay\""));
}

TEST(AttemptEventJson, ReportsANonObjectDocument) {
    EXPECT_FALSE(read_attempt_event("[1,2,3]").ok());
    EXPECT_FALSE(read_attempt_event("").ok());
}

TEST(PracticeEventJson, RoundTripsAPracticeTry) {
    const PracticeAnswered e{"kc-1", Matches{{{0, 1}}}, 0.5, Outcome::partial, ms_in(42)};
    const auto back = read_practice_event(write_practice_event(e));
    ASSERT_TRUE(back.ok()) << back.error().describe();
    EXPECT_EQ(*back, e);
}

TEST(PracticeEventJson, RefusesAnAttemptEvent) {
    EXPECT_FALSE(read_practice_event(write_attempt_event(AttemptSubmitted{ms_in(0)})).ok());
}

TEST(PracticeEventJson, RefusesATryOfANewerVersionSayingToUpgradeWaymark) {
    std::string json = write_practice_event(
        PracticeAnswered{"kc-1", ChosenOption{1}, 1.0, Outcome::correct, ms_in(3)});
    // The first version in the document is the event's own (the response nests its own).
    const std::string v1 = R"("cereal_class_version": 1)";
    ASSERT_NE(json.find(v1), std::string::npos) << json;
    json.replace(json.find(v1), v1.size(), R"("cereal_class_version": 2)");
    const auto e = read_practice_event(json);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, ErrorCode::invalid);
    EXPECT_THAT(e.error().message, HasSubstr("upgrade Waymark"));
}

TEST(Practise, GivesImmediateFeedbackAndAPracticeRecord) {
    const auto q = testing::choice_question(content::QuestionType::single_choice,
                                            {{"a", 1, "Yes"}, {"b", 0, "No"}}, "kc-1");
    const auto tried = practise(q, ChosenOption{1}, ms_in(7));
    ASSERT_TRUE(tried.ok());
    EXPECT_THAT(tried->score.feedback, ::testing::ElementsAre("No"));
    EXPECT_EQ(tried->event,
              (PracticeAnswered{"kc-1", ChosenOption{1}, 0, Outcome::incorrect, ms_in(7)}));
}

TEST(Practise, RejectsAnInvalidAnswer) {
    const auto q = testing::choice_question(content::QuestionType::single_choice, {{"a", 1}});
    EXPECT_FALSE(practise(q, ChosenOption{3}, ms_in(0)).ok());
}

}  // namespace
}  // namespace waymark::assessment
