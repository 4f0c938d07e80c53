// Ledger events as xAPI statements: ids, actors, verbs, activities, results, context.
#include <regex>

#include "xapi_fixture.hpp"

namespace waymark::xapi::testing {
namespace {

std::string str(const rapidjson::Value& v) {
    return v.IsString() ? v.GetString() : "<not text>";
}

const std::regex kUuid("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

class StatementMapping : public XapiTest {};

TEST_F(StatementMapping, UsesTheEventUuidAsTheStatementId) {
    auto e = ledger_->record_page_view(learner_, course_ref(), {"01-intro/0", 0, 0, 4});
    ASSERT_TRUE(e);
    const auto list = statements();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].id, e->id);
    rapidjson::Document d;
    d.Parse(list[0].json.c_str());
    EXPECT_EQ(str(d["id"]), e->id);
}

TEST_F(StatementMapping, GivesTheSameStatementEveryTimeTheSameEventIsMapped) {
    record_attempt();
    const auto first = statements();
    const auto second = statements();
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i)
        EXPECT_EQ(first[i].json, second[i].json);
}

TEST_F(StatementMapping, NamesTheActorByStaffIdOnTheOrganisationHomePage) {
    ASSERT_TRUE(ledger_->record_setting("", {kHomePageSetting, "https://council.example/"}));
    ASSERT_TRUE(ledger_->record_session(learner_, course_ref(), true));
    const auto d = find_statement(statements(), "launched", "/prevent-duty");
    EXPECT_EQ(str(d["actor"]["account"]["homePage"]), "https://council.example");
    EXPECT_EQ(str(d["actor"]["account"]["name"]), "S1001");
}

TEST_F(StatementMapping, NamesTheActorByPseudonymousIdWhenTheOrganisationAsksForPrivacy) {
    ASSERT_TRUE(ledger_->record_setting("", {kActorSetting, "pseudonymous"}));
    ASSERT_TRUE(ledger_->record_session(learner_, course_ref(), true));
    const auto d = find_statement(statements(), "launched", "/prevent-duty");
    EXPECT_EQ(str(d["actor"]["account"]["name"]), learner_);
}

TEST_F(StatementMapping, NamesAnErasedLearnerByPseudonymousIdOnly) {
    ASSERT_TRUE(ledger_->record_session(learner_, course_ref(), true));
    ASSERT_TRUE(ledger_->erase_learner(learner_));
    const auto d = find_statement(statements(), "launched", "/prevent-duty");
    EXPECT_EQ(str(d["actor"]["account"]["name"]), learner_);
}

TEST_F(StatementMapping, RefusesAHomePageThatIsNotAWebAddress) {
    ASSERT_TRUE(ledger_->record_setting("", {kHomePageSetting, "council"}));
    auto org = read_organisation(*ledger_);
    ASSERT_FALSE(org);
    EXPECT_NE(org.error().message.find(kHomePageSetting), std::string::npos);
}

TEST_F(StatementMapping, MapsAPageViewToExperiencedWithModuleParentAndCourseGrouping) {
    ASSERT_TRUE(ledger_->record_page_view(learner_, course_ref(), {"01-intro/0", 0, 0, 4}));
    const auto d = find_statement(statements(), "experienced", "/pages/01-intro%2F0");
    EXPECT_EQ(str(d["object"]["definition"]["name"]["en-GB"]), "What Prevent is");
    const auto& ctx = d["context"]["contextActivities"];
    EXPECT_EQ(str(ctx["parent"][0]["definition"]["name"]["en-GB"]), "Introduction");
    EXPECT_TRUE(str(ctx["grouping"][0]["id"]).ends_with("/courses/prevent-duty"));
}

TEST_F(StatementMapping, GivesEveryAnswerOfAnAttemptTheAttemptAsRegistration) {
    record_attempt("attempt-1");
    std::set<std::string> registrations;
    for (const auto& s : statements()) {
        rapidjson::Document d;
        d.Parse(s.json.c_str());
        if (d["context"].HasMember("registration"))
            registrations.insert(str(d["context"]["registration"]));
    }
    ASSERT_EQ(registrations.size(), 1u);
    EXPECT_TRUE(std::regex_match(*registrations.begin(), kUuid)) << *registrations.begin();
    EXPECT_EQ(*registrations.begin(), name_uuid("waymark-attempt:attempt-1"));
}

TEST_F(StatementMapping, DescribesASingleChoiceQuestionWithItsChoicesAndCorrectChoice) {
    record_attempt();
    const auto d = find_statement(statements(), "answered", "/questions/single");
    const auto& def = d["object"]["definition"];
    EXPECT_EQ(str(def["interactionType"]), "choice");
    EXPECT_EQ(def["choices"].Size(), 2u);
    EXPECT_EQ(str(def["choices"][0]["description"]["en-GB"]), "Channel");
    ASSERT_EQ(def["correctResponsesPattern"].Size(), 1u);
    EXPECT_EQ(str(def["correctResponsesPattern"][0]), "choice-0");
    EXPECT_EQ(str(d["result"]["response"]), "choice-0");
}

TEST_F(StatementMapping, JoinsEveryPositiveChoiceOfAMultipleResponseQuestion) {
    record_attempt();
    const auto d = find_statement(statements(), "answered", "/questions/multi");
    EXPECT_EQ(str(d["object"]["definition"]["correctResponsesPattern"][0]), "choice-0[,]choice-2");
    EXPECT_EQ(str(d["result"]["response"]), "choice-0[,]choice-2");
}

TEST_F(StatementMapping, AnswersATrueFalseQuestionWithTrueOrFalse) {
    record_attempt();
    const auto d = find_statement(statements(), "answered", "/questions/tf");
    EXPECT_EQ(str(d["object"]["definition"]["interactionType"]), "true-false");
    EXPECT_EQ(str(d["object"]["definition"]["correctResponsesPattern"][0]), "false");
    EXPECT_EQ(str(d["result"]["response"]), "false");
}

TEST_F(StatementMapping, DescribesMatchingWithSourcesTargetsAndPairs) {
    record_attempt();
    const auto d = find_statement(statements(), "answered", "/questions/match");
    const auto& def = d["object"]["definition"];
    EXPECT_EQ(str(def["interactionType"]), "matching");
    EXPECT_EQ(def["source"].Size(), 2u);
    EXPECT_EQ(def["target"].Size(), 3u);
    EXPECT_EQ(str(def["correctResponsesPattern"][0]), "prompt-0[.]answer-0[,]prompt-1[.]answer-1");
    EXPECT_EQ(str(d["result"]["response"]), "prompt-0[.]answer-0[,]prompt-1[.]answer-2");
}

TEST_F(StatementMapping, DescribesOrderingAsSequencingInTheCorrectOrder) {
    record_attempt();
    const auto d = find_statement(statements(), "answered", "/questions/order");
    EXPECT_EQ(str(d["object"]["definition"]["interactionType"]), "sequencing");
    EXPECT_EQ(str(d["object"]["definition"]["correctResponsesPattern"][0]),
              "item-0[,]item-1[,]item-2");
    EXPECT_EQ(str(d["result"]["response"]), "item-0[,]item-2[,]item-1");
}

TEST_F(StatementMapping, GivesANumericalQuestionItsValuesAndRangesAsPatterns) {
    record_attempt();
    const auto d = find_statement(statements(), "answered", "/questions/number");
    const auto& patterns = d["object"]["definition"]["correctResponsesPattern"];
    ASSERT_EQ(patterns.Size(), 2u);
    EXPECT_EQ(str(patterns[0]), "999");
    EXPECT_EQ(str(patterns[1]), "10[:]20");
    EXPECT_EQ(str(d["result"]["response"]), "12.5");
}

TEST_F(StatementMapping, DescribesAnEssayAsLongFillInWithoutAPattern) {
    record_attempt();
    const auto d = find_statement(statements(), "answered", "/questions/essay");
    EXPECT_EQ(str(d["object"]["definition"]["interactionType"]), "long-fill-in");
    EXPECT_FALSE(d["object"]["definition"].HasMember("correctResponsesPattern"));
}

TEST_F(StatementMapping, MapsAPassedAttemptToPassedWithScoreSuccessAndDuration) {
    record_attempt();
    const auto d = find_statement(statements(), "passed", "/prevent-duty");
    const auto& r = d["result"];
    EXPECT_DOUBLE_EQ(r["score"]["raw"].GetDouble(), 8);
    EXPECT_DOUBLE_EQ(r["score"]["max"].GetDouble(), 9);
    EXPECT_DOUBLE_EQ(r["score"]["min"].GetDouble(), 0);
    EXPECT_NEAR(r["score"]["scaled"].GetDouble(), 8.0 / 9, 1e-12);
    EXPECT_TRUE(r["success"].GetBool());
    EXPECT_EQ(str(r["duration"]), "PT4M35.12S");
}

TEST_F(StatementMapping, MapsAFailedAttemptToFailed) {
    using namespace assessment;
    record(AttemptStarted{"a-2", 1, at("2026-03-02T10:00:00Z"), {"single"}, {}});
    record(AttemptSubmitted{at("2026-03-02T10:01:00Z")});
    AttemptScored scored;
    scored.at = at("2026-03-02T10:01:00Z");
    scored.result = {0, 1, 0, 80, false, std::chrono::milliseconds(60'000), {}};
    record(scored);
    const auto d = find_statement(statements(), "failed", "/prevent-duty");
    EXPECT_FALSE(d["result"]["success"].GetBool());
}

TEST_F(StatementMapping, MapsACompletionToCompletedWithItsAttemptAsRegistration) {
    record_attempt("attempt-9");
    const auto d = find_statement(statements(), "completed", "/prevent-duty");
    EXPECT_TRUE(d["result"]["completion"].GetBool());
    EXPECT_EQ(str(d["context"]["registration"]), name_uuid("waymark-attempt:attempt-9"));
}

TEST_F(StatementMapping, CarriesTheLedgerPositionAndEventHashInContextExtensions) {
    auto e = ledger_->record_page_view(learner_, course_ref(), {"01-intro/0", 0, 0, 4});
    ASSERT_TRUE(e);
    rapidjson::Document d;
    d.Parse(statements()[0].json.c_str());
    const auto& ext = d["context"]["extensions"];
    const std::string base = kExtensionBase;
    EXPECT_EQ(ext[(base + "ledger-position").c_str()].GetInt64(), e->position);
    EXPECT_EQ(str(ext[(base + "event-hash").c_str()]), to_hex(e->hash));
    EXPECT_EQ(str(d["timestamp"]), e->time);
}

TEST_F(StatementMapping, LeavesOutEventsThatHaveNoStatement) {
    // Enrolment (from SetUp), a setting, a submission and a session end: none is a
    // statement, so only the attempt's start is.
    ASSERT_TRUE(ledger_->record_setting(learner_, {"theme", "dark"}));
    record(assessment::AttemptStarted{"a-1", 1, at("2026-03-02T10:00:00Z"), {"single"}, {}});
    record(assessment::AttemptSubmitted{at("2026-03-02T10:00:00Z")});
    ASSERT_TRUE(ledger_->record_session(learner_, course_ref(), false));
    const auto list = statements();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_NE(list[0].json.find("/verbs/attempted"), std::string::npos);
}

TEST_F(StatementMapping, KeepsTheRegistrationOfAnAttemptStartedBeforeTheExportStarts) {
    record_attempt("attempt-1");
    const auto all = statements();
    const auto later = statements(all[1].position);  // after attempted and the first answer
    ASSERT_EQ(later.size(), all.size() - 2);
    rapidjson::Document d;
    d.Parse(later[0].json.c_str());
    EXPECT_EQ(str(d["context"]["registration"]), name_uuid("waymark-attempt:attempt-1"));
}

TEST_F(StatementMapping, ReportsADamagedPayloadWithTheEventPosition) {
    auto mapper = make_mapper(*ledger_, std::vector<course::Course>{});
    ASSERT_TRUE(mapper);
    ledger::Event e;
    e.position = 42;
    e.id = "00000000-0000-4000-8000-000000000042";
    e.type = "page-viewed";
    e.payload = "{\"type\":\"page-viewed\",\"event\":{\"page_id\":[]}}";
    auto r = mapper->map(e);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::parse);
    EXPECT_NE(r.error().message.find("event 42"), std::string::npos);
}

TEST(Iso8601Duration, WritesHoursMinutesAndHundredthsOfASecond) {
    EXPECT_EQ(iso8601_duration(std::chrono::milliseconds(3'723'450)), "PT1H2M3.45S");
    EXPECT_EQ(iso8601_duration(std::chrono::milliseconds(120'000)), "PT2M");
    EXPECT_EQ(iso8601_duration(std::chrono::milliseconds(0)), "PT0S");
}

TEST(NameUuid, IsAStableVersionEightUuid) {
    EXPECT_EQ(name_uuid("x"), name_uuid("x"));
    EXPECT_NE(name_uuid("x"), name_uuid("y"));
    EXPECT_TRUE(std::regex_match(name_uuid("x"), kUuid));
    EXPECT_EQ(name_uuid("x")[14], '8');
}

}  // namespace
}  // namespace waymark::xapi::testing
