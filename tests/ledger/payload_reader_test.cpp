// The in-memory payload readers: they read back what cereal writes, through the same
// serialize(), by the payload's version, and refuse, without throwing or crashing,
// whatever else a damaged, hostile or newer ledger could hold.
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

// JSON has no raw NUL byte anywhere; a reader that stops at the first one would take a
// whole payload followed by a NUL and anything at all for the payload alone.
TEST(PayloadReaderTest, RefusesANulByteAfterAWholePayload) {
    for (const std::string& tail : {std::string("\0", 1), std::string("\0 trailing", 10),
                                    std::string("\0{\"type\":1}", 11)}) {
        const auto r = read_page_viewed(kPage + tail);
        EXPECT_FALSE(r) << tail.size();
        if (!r) {
            EXPECT_EQ(r.error().code, ErrorCode::parse);
        }
    }
    EXPECT_FALSE(read_page_viewed(page_with("02-contest/3", std::string("02-\0/3", 6))));
}

TEST(PayloadReaderTest, RefusesInvalidUtf8) {
    EXPECT_FALSE(read_page_viewed(page_with("02-contest/3", "02-\xff\xfe/3")));
}

TEST(PayloadReaderTest, SurvivesNestingAMillionLevelsDeep) {
    const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
    EXPECT_FALSE(read_page_viewed(deep));
    EXPECT_TRUE(read_page_viewed(page_with(R"("page_id")", "\"x\":" + deep + ",\"page_id\"")));
}

TEST(PayloadReaderTest, ReadsAPayloadAlikeAtEveryDepthOfNesting) {
    // Shallow payloads and deep ones are parsed differently (recursion is bounded).
    for (const std::size_t depth : {1, 63, 64, 65, 1000}) {
        const std::string nested = std::string(depth, '[') + std::string(depth, ']');
        EXPECT_TRUE(read_page_viewed(page_with(R"("page_id")", "\"x\":" + nested + ",\"page_id\"")))
            << depth;
        const auto cut = read_page_viewed(
            page_with(R"("page_id")", "\"x\":" + nested.substr(1) + ",\"page_id\""));
        ASSERT_FALSE(cut) << depth;
        EXPECT_NE(cut.error().message.find("not JSON"), std::string::npos) << cut.error().message;
    }
}

TEST(PayloadReaderTest, RefusesNanAndInfinityWhichJsonHasNot) {
    for (const char* number : {"NaN", "Infinity", "-Infinity"}) {
        std::string completed = write_payload(CourseCompleted{"a1", 0.75, 12});
        completed.replace(completed.find("0.75"), 4, number);
        EXPECT_FALSE(read_course_completed(completed)) << completed;
    }
}

TEST(PayloadReaderTest, ReadsTextBeyondAsciiAndNamesTheFirstByteThatIsNotUtf8) {
    const PageViewed page{std::string(200, 'p') + "/\xc3\xa9t\xc3\xa9", 0, 0, 1};
    EXPECT_EQ(*read_page_viewed(write_payload(page)), page);
    std::string bad = write_payload(page);
    const auto at = bad.find("\xc3\xa9t");
    bad[at + 1] = 't';
    const auto r = read_page_viewed(bad);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not valid UTF-8 at byte " + std::to_string(at)),
              std::string::npos)
        << r.error().message;
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

TEST(PayloadReaderTest, RefusesAnAttemptPayloadTheAssessmentModuleCannotRead) {
    std::string answer = assessment::write_attempt_event(
        assessment::AnswerSaved{"q1", assessment::ChosenOption{1}, {}});
    EXPECT_TRUE(read_attempt_fields(EventType::answer_saved, answer));
    answer.replace(answer.find("chosen-option"), 13, "no-such-kind!");
    const auto r = read_attempt_fields(EventType::answer_saved, answer);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("no-such-kind!"), std::string::npos) << r.error().message;
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

// canonical_json keeps its reader, writer and buffer between calls (events.cpp).
TEST(CanonicalJsonTest, APayloadCutOffPartWayLeavesNothingBehindForTheNext) {
    EXPECT_FALSE(canonical_json("{\"a\":[{\"b\":[1,"));
    const auto json = canonical_json("{\"c\": 2}");
    ASSERT_TRUE(json) << json.error().describe();
    EXPECT_EQ(*json, "{\"c\":2}");
}

TEST(CanonicalJsonTest, ASmallPayloadAfterALargeOneIsWrittenWhole) {
    const std::string text(100000, 'x');
    const auto large = canonical_json("{\"t\": \"" + text + "\"}");
    ASSERT_TRUE(large) << large.error().describe();
    EXPECT_EQ(*large, "{\"t\":\"" + text + "\"}");
    const auto small = canonical_json("{ \"u\" : true }");
    ASSERT_TRUE(small) << small.error().describe();
    EXPECT_EQ(*small, "{\"u\":true}");
}

// --- versions ---------------------------------------------------------------------

namespace {

// `payload` with its (first) class version set to `version`.
std::string with_version(std::string payload, int version) {
    const std::string key = R"("cereal_class_version":1)";
    const auto at = payload.find(key);
    EXPECT_NE(at, std::string::npos) << payload;
    return at == std::string::npos
               ? payload
               : payload.replace(at, key.size(),
                                 R"("cereal_class_version":)" + std::to_string(version));
}

template <typename T>
void expect_refused_as_newer(const Result<T>& r, const std::string& payload) {
    ASSERT_FALSE(r) << payload;
    EXPECT_EQ(r.error().code, ErrorCode::invalid) << r.error().message;
    EXPECT_NE(r.error().message.find("upgrade Waymark"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("version 2"), std::string::npos) << r.error().message;
}

// A payload type as it might look after a field is added: version 2 has `note`.
struct NotedPage {
    std::string page_id;
    std::string note;  // from version 2
};

template <class Archive>
void serialize(Archive& ar, NotedPage& e, const std::uint32_t version) {
    assessment::refuse_newer_version<NotedPage>(version);
    ar(cereal::make_nvp("page_id", e.page_id));
    if (version >= 2)
        ar(cereal::make_nvp("note", e.note));
}

}  // namespace

CEREAL_CLASS_VERSION(NotedPage, 2)

TEST(PayloadVersionTest, RefusesAPayloadOfANewerVersionSayingToUpgradeWaymark) {
    const std::string page = with_version(kPage, 2);
    expect_refused_as_newer(read_page_viewed(page), page);
    const std::string completed = with_version(write_payload(CourseCompleted{"a1", 0.75, 12}), 2);
    expect_refused_as_newer(read_course_completed(completed), completed);
    const std::string certificate =
        with_version(write_payload(CertificateIssued{"e1", "ABC-123"}), 2);
    expect_refused_as_newer(read_certificate_issued(certificate), certificate);
    const std::string setting = with_version(write_payload(SettingChanged{"theme", "dark"}), 2);
    expect_refused_as_newer(read_setting_changed(setting), setting);
    const std::string identity = with_version(
        write_payload(EventType::learner_updated, IdentityCommitment{std::string(64, 'a')}), 2);
    expect_refused_as_newer(read_identity_commitment(EventType::learner_updated, identity),
                            identity);
    const std::string passphrase =
        with_version(write_payload(ManagerPassphraseSet{"$argon2id$v=19$x"}), 2);
    expect_refused_as_newer(read_manager_passphrase_set(passphrase), passphrase);
}

TEST(PayloadVersionTest, RefusesAnAttemptEventOfANewerVersionSayingToUpgradeWaymark) {
    assessment::AttemptScored scored;
    scored.result.questions.push_back(assessment::QuestionResult{"q1", true, 1, {}, {}, ""});
    const std::vector<std::pair<EventType, assessment::AttemptEvent>> events = {
        {EventType::attempt_started,
         assessment::AttemptStarted{"a1", 1, {}, {"q1"}, std::chrono::milliseconds{0}}},
        {EventType::answer_saved, assessment::AnswerSaved{"q1", assessment::ChosenOption{1}, {}}},
        {EventType::attempt_submitted, assessment::AttemptSubmitted{}},
        {EventType::attempt_scored, scored}};
    for (const auto& [type, event] : events) {
        // As the ledger stores it: canonical, without cereal's spaces.
        const std::string payload =
            with_version(canonical_json(assessment::write_attempt_event(event)).value(), 2);
        expect_refused_as_newer(read_attempt_fields(type, payload), payload);
        expect_refused_as_newer(assessment::read_attempt_event(payload), payload);
    }
    // The marks of a scored attempt and each question's result have versions of their own.
    std::string nested = canonical_json(assessment::write_attempt_event(scored)).value();
    nested.replace(nested.find(R"("result":{"cereal_class_version":1)"),
                   std::string(R"("result":{"cereal_class_version":1)").size(),
                   R"("result":{"cereal_class_version":2)");
    expect_refused_as_newer(read_attempt_fields(EventType::attempt_scored, nested), nested);
}

TEST(PayloadVersionTest, ReadsHandWrittenPayloadsOfVersionOne) {
    // As the first Waymark to record each wrote them; they must stay readable.
    const auto page = read_page_viewed(
        R"({"type":"page-viewed","event":{"cereal_class_version":1,"page_id":"02-contest/3",)"
        R"("module_index":1,"page_index":3,"pages_total":12}})");
    ASSERT_TRUE(page) << page.error().describe();
    EXPECT_EQ(*page, (PageViewed{"02-contest/3", 1, 3, 12}));
    const auto completed = read_course_completed(
        R"({"type":"course-completed","event":{"cereal_class_version":1,"attempt_id":"a-7",)"
        R"("score":0.9,"refresher_months":12}})");
    ASSERT_TRUE(completed) << completed.error().describe();
    EXPECT_EQ(*completed, (CourseCompleted{"a-7", 0.9, 12}));
    const auto started = read_attempt_fields(
        EventType::attempt_started,
        R"({"type":"attempt-started","event":{"cereal_class_version":1,"attempt_id":"a-7",)"
        R"("seed":"00000000000000ff","at":"2026-11-25T09:00:00.000Z","question_ids":["q1","q2"],)"
        R"("time_limit_ms":0}})");
    ASSERT_TRUE(started) << started.error().describe();
    EXPECT_EQ(started->attempt_id, "a-7");
    const auto answer = read_attempt_fields(
        EventType::answer_saved,
        R"({"type":"answer-saved","event":{"cereal_class_version":1,"question_id":"q1",)"
        R"("response":{"cereal_class_version":1,"kind":"chosen-option","answer":{"choice":2}},)"
        R"("at":"2026-11-25T09:01:00.000Z"}})");
    EXPECT_TRUE(answer) << answer.error().describe();
    const auto scored = read_attempt_fields(
        EventType::attempt_scored,
        R"({"type":"attempt-scored","event":{"cereal_class_version":1,)"
        R"("at":"2026-11-25T09:05:00.000Z","result":{"cereal_class_version":1,"raw":1.0,)"
        R"("max":2.0,"scaled":0.5,"pass_mark":80.0,"passed":false,"duration_ms":300000,)"
        R"("questions":[{"cereal_class_version":1,"question_id":"q1","answered":true,)"
        R"("fraction":1.0,"outcome":"correct","feedback":["Yes."],"general_feedback":""},)"
        R"({"question_id":"q2","answered":false,"fraction":0.0,"outcome":"incorrect",)"
        R"("feedback":[],"general_feedback":"See module 2."}]}}})");
    ASSERT_TRUE(scored) << scored.error().describe();
    EXPECT_EQ(scored->raw, 1);
    EXPECT_EQ(scored->max, 2);
    EXPECT_EQ(scored->scaled, 0.5);
    EXPECT_FALSE(scored->passed);
}

TEST(PayloadVersionTest, ReadsAFieldAddedInALaterVersionOnlyFromThatVersionOn) {
    const auto old = read_payload<NotedPage>(
        "page-viewed", R"({"type":"page-viewed","event":{"cereal_class_version":1,)"
                       R"("page_id":"m1/1","note":"not read in version 1"}})");
    ASSERT_TRUE(old) << old.error().describe();
    EXPECT_EQ(old->page_id, "m1/1");
    EXPECT_EQ(old->note, "");
    const auto current = read_payload<NotedPage>(
        "page-viewed", R"({"type":"page-viewed","event":{"cereal_class_version":2,)"
                       R"("page_id":"m1/1","note":"read"}})");
    ASSERT_TRUE(current) << current.error().describe();
    EXPECT_EQ(current->note, "read");
    const auto missing = read_payload<NotedPage>(
        "page-viewed",
        R"({"type":"page-viewed","event":{"cereal_class_version":2,"page_id":"m1/1"}})");
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("\"note\" is missing"), std::string::npos);
    const auto newer = read_payload<NotedPage>(
        "page-viewed",
        R"({"type":"page-viewed","event":{"cereal_class_version":3,"page_id":"m1/1"}})");
    ASSERT_FALSE(newer);
    EXPECT_NE(newer.error().message.find("upgrade Waymark"), std::string::npos);
}
