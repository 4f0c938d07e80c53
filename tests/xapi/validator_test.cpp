// Every statement Waymark writes passes Learning Locker's xapi-validation.
#include <fstream>

#include "peer_fixture.hpp"
#include "xapi_fixture.hpp"

namespace waymark::xapi::testing {
namespace {

class XapiValidation : public PeerTest {
  protected:
    std::filesystem::path write_array(const std::vector<MappedStatement>& list) {
        const auto file = dir_ / "statements.json";
        std::ofstream out(file);
        out << "[";
        for (std::size_t i = 0; i < list.size(); ++i)
            out << (i ? "," : "") << list[i].json << "\n";
        out << "]";
        return file;
    }
};

TEST_F(XapiValidation, AcceptsEveryStatementOfAGeneratedOrganisation) {
    auto l = ledger::Ledger::open(generate(40));
    ASSERT_TRUE(l) << l.error().describe();
    ASSERT_TRUE(l->record_setting("", {kHomePageSetting, "https://council.example"}));
    const auto list = statements_of(*l);
    ASSERT_GT(list.size(), 1000u);
    const auto v = validate_statements(write_array(list));
    EXPECT_EQ(v.status, 0) << v.output;
    EXPECT_NE(v.output.find(std::to_string(list.size()) + " statements, 0 problems"),
              std::string::npos)
        << v.output;
}

TEST_F(XapiValidation, AcceptsEveryInteractionTypeWithItsComponentsAndPatterns) {
    auto l = ledger::Ledger::open(dir_ / "ledger.db");
    ASSERT_TRUE(l);
    auto learner = l->add_learner({"Amira Khan", "S1001", "", "Safeguarding", "Lead"});
    ASSERT_TRUE(learner);
    using namespace assessment;
    UtcTime t = at("2026-03-02T10:00:00Z");
    auto record = [&](const AttemptEvent& e) {
        ASSERT_TRUE(l->record_attempt_event(learner->id, course_ref(), e));
    };
    record(AttemptStarted{"attempt-1", 7, t, {"single"}, {}});
    for (const auto& [id, response] :
         std::vector<std::pair<const char*, Response>>{{"single", ChosenOption{0}},
                                                       {"multi", ChosenOptions{{0, 2}}},
                                                       {"tf", ChosenOption{1}},
                                                       {"match", Matches{{{0, 0}, {1, 2}}}},
                                                       {"order", Arrangement{{0, 2, 1}}},
                                                       {"text", TypedText{"Channel"}},
                                                       {"number", TypedNumber{12.5}},
                                                       {"essay", TypedText{"My reflection"}},
                                                       {"scenario", ScenarioPath{{1, 0}}}})
        record(AnswerSaved{id, response, t});
    auto mapper = make_mapper(*l, std::vector<course::Course>{sample_course()});
    ASSERT_TRUE(mapper);
    std::vector<MappedStatement> list;
    ASSERT_TRUE(for_each_statement(*l, *mapper, 0, [&](const MappedStatement& s) {
        list.push_back(s);
        return true;
    }));
    ASSERT_EQ(list.size(), 10u);
    const auto v = validate_statements(write_array(list));
    EXPECT_EQ(v.status, 0) << v.output;
}

TEST_F(XapiValidation, RejectsTheBrokenStatementsOfTheFixture) {
    // Proves the check can fail: a wrong UUID, a verb that is not an IRI, no actor.
    const auto v = validate_statements(std::filesystem::path(WAYMARK_FIXTURES) /
                                       "xapi/invalid-statements.json");
    EXPECT_EQ(v.status, 1) << v.output;
    EXPECT_NE(v.output.find("statement 0"), std::string::npos) << v.output;
    EXPECT_NE(v.output.find("statement 1"), std::string::npos) << v.output;
    EXPECT_NE(v.output.find("statement 2"), std::string::npos) << v.output;
}

}  // namespace
}  // namespace waymark::xapi::testing
