#include <fstream>

#include "ledger_fixture.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

// A ledger with one learner (event 1), ten page views (events 2-11) and a completion
// (event 12, with its checkpoint), closed so the sqlite3 program can edit it.
class TamperTest : public LedgerTest {
  protected:
    void SetUp() override {
        LedgerTest::SetUp();
        auto l = open();
        learner_ = add_learner(l);
        view_pages(l, learner_, 10);
        ASSERT_TRUE(
            l.record_completion(learner_, prevent_course(), CourseCompleted{"a1", 0.9, 12}));
    }

    VerifyReport verify() {
        auto l = open();
        auto report = l.verify();
        if (!report)
            ADD_FAILURE() << report.error().describe();
        return *report;
    }

    std::string learner_;
};

}  // namespace

TEST_F(LedgerTest, GivesEachEventTheNextSequenceNumberLinkedToTheOneBefore) {
    auto l = open();
    const std::string learner = add_learner(l);
    auto a = l.record_session(learner, prevent_course(), true);
    auto b = l.record_session(learner, prevent_course(), false);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(b->seq, a->seq + 1);
    EXPECT_EQ(b->prev_hash, a->hash);
    EXPECT_NE(a->hash, b->hash);
}

TEST_F(LedgerTest, StoresThePayloadAsCanonicalJson) {
    auto l = open();
    const std::string learner = add_learner(l);
    auto e = l.record_page_view(learner, prevent_course(), PageViewed{"m1/0", 0, 0, 4});
    ASSERT_TRUE(e);
    EXPECT_EQ(e->payload,
              R"({"type":"page-viewed","event":{"cereal_class_version":1,"page_id":"m1/0",)"
              R"("module_index":0,"page_index":0,"pages_total":4}})");
}

TEST_F(LedgerTest, RefusesAPayloadOfAnotherTypeAndRecordsNothing) {
    auto l = open();
    const std::string learner = add_learner(l);
    auto e = l.append(NewEvent{learner,
                               prevent_course(),
                               EventType::page_viewed,
                               R"({"type": "session-started", "event": {}})",
                               {}});
    ASSERT_FALSE(e);
    EXPECT_EQ(query(file_, "SELECT count(*) FROM events"), "1");
}

TEST_F(LedgerTest, RefusesAnEventWithoutTheCourseContentDigest) {
    auto l = open();
    const std::string learner = add_learner(l);
    CourseRef course = prevent_course();
    course.digest = "not-a-digest";
    auto e = l.record_session(learner, course, true);
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.find("content digest"), std::string::npos);
}

TEST_F(LedgerTest, RefusesAnEventForAnUnknownLearner) {
    auto l = open();
    auto e = l.record_session("no-such-learner", prevent_course(), true);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().code, ErrorCode::not_found);
}

TEST_F(LedgerTest, AppendsABatchAllOrNothing) {
    auto l = open();
    const std::string learner = add_learner(l);
    std::vector<NewEvent> batch(3, NewEvent{learner,
                                            prevent_course(),
                                            EventType::page_viewed,
                                            write_payload(PageViewed{"p", 0, 0, 3}),
                                            {}});
    batch[2].payload = "{not json";
    ASSERT_FALSE(l.append(batch));
    EXPECT_EQ(query(file_, "SELECT count(*) FROM events"), "1");
    batch.pop_back();
    auto ok = l.append(batch);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->size(), 2u);
}

TEST_F(TamperTest, AnUntouchedLedgerVerifies) {
    const VerifyReport report = verify();
    EXPECT_TRUE(report.ok()) << report.problems.front();
    EXPECT_EQ(report.events_checked, 12);
    EXPECT_EQ(report.checkpoints_checked, 1);
}

TEST_F(TamperTest, DetectsAChangedValueAndNamesItsSequenceNumber) {
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE events SET time = '2020-01-01T00:00:00Z' WHERE seq = 5"),
              0);
    const VerifyReport report = verify();
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.first_bad_position, 5);
    EXPECT_NE(report.problems.front().find("sequence 5"), std::string::npos);
}

TEST_F(TamperTest, DetectsAnUntrustedCourseMadeToLookTrusted) {
    ASSERT_EQ(sqlite3_cli(file_,
                          "UPDATE events SET course_trusted = 1 - course_trusted"
                          " WHERE type = 'course-completed'"),
              0);
    EXPECT_EQ(verify().first_bad_position, 12);
}

TEST_F(TamperTest, DetectsADeletedEvent) {
    ASSERT_EQ(sqlite3_cli(file_, "DELETE FROM events WHERE seq = 4"), 0);
    const VerifyReport report = verify();
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.first_bad_position, 5);
}

TEST_F(TamperTest, DetectsReorderedEvents) {
    ASSERT_EQ(sqlite3_cli(file_,
                          "UPDATE events SET seq = -1 WHERE seq = 3;"
                          " UPDATE events SET seq = 3 WHERE seq = 4;"
                          " UPDATE events SET seq = 4 WHERE seq = -1;"),
              0);
    const VerifyReport report = verify();
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.first_bad_position, 3);
}

TEST_F(TamperTest, DetectsEventsMovedToAnotherPlaceInTheFile) {
    ASSERT_EQ(sqlite3_cli(file_,
                          "UPDATE events SET position = 100 WHERE position = 3;"
                          " UPDATE events SET position = 3 WHERE position = 4;"
                          " UPDATE events SET position = 4 WHERE position = 100;"),
              0);
    EXPECT_FALSE(verify().ok());
}

TEST_F(TamperTest, DetectsATruncatedTail) {
    ASSERT_EQ(sqlite3_cli(file_, "DELETE FROM events WHERE seq > 8"), 0);
    const VerifyReport report = verify();
    ASSERT_FALSE(report.ok());
    bool named = false;
    for (const auto& p : report.problems)
        named = named || p.find("removed from the end") != std::string::npos;
    EXPECT_TRUE(named);
}

TEST_F(TamperTest, DetectsATailTruncatedTogetherWithItsSignedHead) {
    ASSERT_EQ(sqlite3_cli(file_, "DELETE FROM events WHERE seq > 8; DELETE FROM heads;"), 0);
    EXPECT_FALSE(verify().ok());
}

TEST_F(TamperTest, DetectsAReplacedCheckpointSignature) {
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE checkpoints SET signature = randomblob(64)"), 0);
    const VerifyReport report = verify();
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.problems.front().find("checkpoint"), std::string::npos);
}

TEST_F(TamperTest, RefusesALedgerWhoseDeviceKeyRecordWasReplaced) {
    const auto other = Ed25519KeyPair::generate();
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE devices SET public_key = '" +
                                     to_hex(other.public_key.bytes) + "'"),
              0);
    auto l = Ledger::open(file_);
    ASSERT_FALSE(l);
    EXPECT_NE(l.error().message.find("does not belong"), std::string::npos);
}

TEST_F(TamperTest, DetectsAnEditedProjection) {
    ASSERT_EQ(sqlite3_cli(file_, "UPDATE completions SET valid_until = '2099-01-01T00:00:00Z'"), 0);
    const VerifyReport report = verify();
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.problems.front().find("completions"), std::string::npos);
}

TEST_F(TamperTest, DetectsDamageToTheFileItself) {
    {
        std::fstream f(file_, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(0);
        f << "garbage!";
    }
    auto l = Ledger::open(file_);
    if (l) {
        auto report = l->verify();
        EXPECT_TRUE(!report || !report->ok());
    } else {
        EXPECT_NE(l.error().message.find(file_.string()), std::string::npos);
    }
}
