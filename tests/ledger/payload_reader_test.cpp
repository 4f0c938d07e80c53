// The in-memory payload readers: they read back what cereal writes, and refuse, without
// throwing or crashing, whatever else a damaged or hostile ledger could hold.
#include <gtest/gtest.h>

#include <cereal/archives/json.hpp>
#include <sstream>

#include "payload_reader.hpp"
#include "projector.hpp"
#include "waymark/assessment/event_json.hpp"
#include "waymark/ledger/events.hpp"

using namespace waymark;
using namespace waymark::ledger;

namespace {

const std::string kPage = write_payload(PageViewed{"02-contest/3", 1, 3, 12});

// The page view with `from` replaced by `to` (which must be there).
std::string page_with(const std::string& from, const std::string& to) {
    std::string p = kPage;
    const auto at = p.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? p : p.replace(at, from.size(), to);
}

// What cereal's own reader makes of a payload, for comparison.
bool cereal_reads_page_view(const std::string& payload) {
    try {
        std::istringstream in(payload);
        cereal::JSONInputArchive ar(in);
        std::string type;
        ar(cereal::make_nvp("type", type));
        PageViewed e;
        ar(cereal::make_nvp("event", e));
        return type == "page-viewed";
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

TEST(PayloadReaderTest, ReadsBackEveryFieldCerealWrote) {
    const auto page = read_page_viewed(kPage);
    ASSERT_TRUE(page) << page.error().describe();
    EXPECT_EQ(*page, (PageViewed{"02-contest/3", 1, 3, 12}));
    EXPECT_EQ(*read_course_completed(write_payload(CourseCompleted{"a1", 0.75, 12})),
              (CourseCompleted{"a1", 0.75, 12}));
    EXPECT_EQ(*read_certificate_issued(write_payload(CertificateIssued{"e1", "ABC-123"})),
              (CertificateIssued{"e1", "ABC-123"}));
    EXPECT_EQ(*read_setting_changed(write_payload(SettingChanged{"theme", "dark \"x\" \\ \n"})),
              (SettingChanged{"theme", "dark \"x\" \\ \n"}));
}

TEST(PayloadReaderTest, ReadsAPayloadLargerThanItsBuffer) {
    const PageViewed big{std::string(100000, 'p'), 0, 0, 1};
    EXPECT_EQ(*read_page_viewed(write_payload(big)), big);
}

TEST(PayloadReaderTest, RefusesAPayloadOfAnotherTypeNamingIt) {
    const auto r = read_page_viewed(write_payload(SettingChanged{"k", "v"}));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::parse);
    EXPECT_NE(r.error().message.find("settings-changed"), std::string::npos);
}

TEST(PayloadReaderTest, NamesAMissingField) {
    const auto r = read_page_viewed(page_with(R"("pages_total":12)", R"("pages_count":12)"));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("\"pages_total\" is missing"), std::string::npos);
}

TEST(PayloadReaderTest, NamesAFieldOfTheWrongType) {
    const auto r = read_page_viewed(page_with(R"("page_index":3)", R"("page_index":"3")"));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("\"page_index\" is not a whole number"), std::string::npos);
}

TEST(PayloadReaderTest, RefusesAWholeNumberTooLargeForItsField) {
    EXPECT_FALSE(read_page_viewed(page_with(R"("page_index":3)", R"("page_index":4294967296)")));
    EXPECT_FALSE(read_page_viewed(page_with(R"("page_index":3)", R"("page_index":3.5)")));
}

TEST(PayloadReaderTest, RequiresTheClassVersionCerealWrites) {
    EXPECT_FALSE(read_page_viewed(page_with(R"("cereal_class_version":1,)", "")));
    EXPECT_FALSE(
        read_page_viewed(page_with(R"("cereal_class_version":1)", R"("cereal_class_version":-1)")));
}

TEST(PayloadReaderTest, IgnoresFieldsItDoesNotAskFor) {
    EXPECT_TRUE(read_page_viewed(page_with(R"("page_id")", R"("note":[1,{"a":null}],"page_id")")));
}

TEST(PayloadReaderTest, RefusesWhatIsNotAJsonObject) {
    for (const char* bad : {"", "   ", "[]", "42", "\"page-viewed\"", "null", "{", "{\"type\":",
                            "{\"type\":\"page-viewed\"}", "{\"type\":\"page-viewed\",\"event\":[]}",
                            "{\"type\":\"page-viewed\",\"event\":{}} trailing"}) {
        const auto r = read_page_viewed(bad);
        EXPECT_FALSE(r) << bad;
        if (!r) {
            EXPECT_EQ(r.error().code, ErrorCode::parse) << bad;
        }
    }
}

TEST(PayloadReaderTest, RefusesInvalidUtf8) {
    EXPECT_FALSE(read_page_viewed(page_with("02-contest/3", "02-\xff\xfe/3")));
}

TEST(PayloadReaderTest, SurvivesNestingAMillionLevelsDeep) {
    const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
    EXPECT_FALSE(read_page_viewed(deep));
    EXPECT_TRUE(read_page_viewed(page_with(R"("page_id")", "\"x\":" + deep + ",\"page_id\"")));
}

TEST(PayloadReaderTest, AcceptsExactlyWhatCerealAccepts) {
    for (const std::string& p :
         {kPage, page_with(R"("page_index":3)", R"("page_index":true)"),
          page_with(R"("page_id":"02-contest/3")", R"("page_id":null)"),
          page_with(R"("module_index":1)", R"("module_index":-1)"),
          page_with(R"("pages_total":12)", R"("pages_total":12.0)"),
          page_with(R"({"type":"page-viewed",)", R"({"event2":1,"type":"page-viewed",)"),
          page_with(R"("type":"page-viewed")", R"("type":"page-viewed ")"),
          page_with(R"("cereal_class_version":1,)", R"("cereal_class_version":7,)")})
        EXPECT_EQ(static_cast<bool>(read_page_viewed(p)), cereal_reads_page_view(p)) << p;
}

TEST(PayloadReaderTest, ReadsTheFieldsTheProjectionsTakeFromAttemptEvents) {
    assessment::AttemptScored scored;
    scored.result = assessment::AttemptResult{7, 10, 0.7, 80, false, {}, {}};
    const auto marks =
        read_attempt_fields(EventType::attempt_scored, assessment::write_attempt_event(scored));
    ASSERT_TRUE(marks) << marks.error().describe();
    EXPECT_EQ(marks->raw, 7);
    EXPECT_EQ(marks->max, 10);
    EXPECT_EQ(marks->scaled, 0.7);
    EXPECT_FALSE(marks->passed);
    const auto started = read_attempt_fields(
        EventType::attempt_started, assessment::write_attempt_event(assessment::AttemptStarted{
                                        "attempt-9", 1, {}, {"q1"}, std::chrono::milliseconds{0}}));
    ASSERT_TRUE(started);
    EXPECT_EQ(started->attempt_id, "attempt-9");
}

TEST(PayloadReaderTest, RefusesAnAttemptEventOfAnotherType) {
    const std::string submitted = assessment::write_attempt_event(assessment::AttemptSubmitted{});
    EXPECT_FALSE(read_attempt_fields(EventType::attempt_scored, submitted));
    EXPECT_TRUE(read_attempt_fields(EventType::attempt_submitted, submitted));
}

TEST(PayloadReaderTest, TheWholeCheckRefusesAnAttemptPayloadTheAssessmentModuleCannotRead) {
    std::string answer = assessment::write_attempt_event(
        assessment::AnswerSaved{"q1", assessment::ChosenOption{1}, {}});
    answer.replace(answer.find("chosen-option"), 13, "no-such-kind!");
    EXPECT_TRUE(read_attempt_fields(EventType::answer_saved, answer));
    EXPECT_FALSE(check_whole_payload(EventType::answer_saved, answer));
}

TEST(CanonicalJsonTest, DropsSpacesAndKeepsKeysInTheirOrderDuplicatesIncluded) {
    const auto json = canonical_json(" {\"b\" : 1.50, \"a\":[ true ,null], \"b\":\"\\u00e9\"} ");
    ASSERT_TRUE(json) << json.error().describe();
    EXPECT_EQ(*json, "{\"b\":1.5,\"a\":[true,null],\"b\":\"\xc3\xa9\"}");
}

TEST(CanonicalJsonTest, RefusesWhatIsNotOneJsonObject) {
    for (const char* bad : {"", "[1]", "\"x\"", "{} {}", "{\"a\":}", "{\"a\":\"\xff\"}"}) {
        const auto json = canonical_json(bad);
        EXPECT_FALSE(json) << bad;
    }
}
