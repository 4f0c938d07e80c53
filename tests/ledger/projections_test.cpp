#include "ledger_fixture.hpp"
#include "waymark/assessment/event_json.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

assessment::AttemptStarted started(const std::string& id, const char* time) {
    return assessment::AttemptStarted{id, 42, at(time), {"q1", "q2"}, std::chrono::milliseconds{0}};
}

assessment::AttemptScored scored(bool passed, const char* time) {
    assessment::AttemptScored s;
    s.at = at(time);
    s.result.raw = passed ? 2 : 1;
    s.result.max = 2;
    s.result.scaled = s.result.raw / 2;
    s.result.pass_mark = 80;
    s.result.passed = passed;
    return s;
}

// Every projection row, in a fixed order, as text.
std::string projections(const std::filesystem::path& file) {
    std::string out;
    for (const char* table :
         {"pages_viewed", "progress", "attempts", "completions", "certificates", "settings"})
        out += table + std::string(":") +
               query(file, std::string("SELECT group_concat(r, '|') FROM (SELECT quote(") +
                               "json_array(*)) AS r FROM " + table + " ORDER BY 1)") +
               "\n";
    return out;
}

// One attempt event as a batch carries it.
NewEvent attempt_event(const std::string& learner, const CourseRef& course,
                       const assessment::AttemptEvent& e) {
    return NewEvent{learner, course, *parse_event_type(assessment::event_type(e)),
                    assessment::write_attempt_event(e), std::nullopt};
}

CourseRef other_course() {
    return CourseRef{"fire-safety", "1.0.0", std::string(64, 'b'), true};
}

// Each attempt as "id state", in attempt id order.
std::string attempt_states(const std::filesystem::path& file) {
    return query(file,
                 "SELECT group_concat(attempt_id || ' ' || state, ', ')"
                 " FROM (SELECT * FROM attempts ORDER BY attempt_id)");
}

}  // namespace

TEST_F(LedgerTest, CountsDistinctPagesViewedAndBookmarksTheLast) {
    auto l = open();
    const std::string id = add_learner(l);
    view_pages(l, id, 3, 10);
    ASSERT_TRUE(l.record_page_view(id, prevent_course(), PageViewed{"m1/1", 0, 1, 10}));
    auto p = l.progress(id, "prevent-duty");
    ASSERT_TRUE(p);
    ASSERT_TRUE(p->has_value());
    EXPECT_EQ((*p)->pages_viewed, 3);
    EXPECT_EQ((*p)->percent(), 30);
    EXPECT_EQ((*p)->bookmark, "m1/1");
    auto pages = l.pages_viewed(id, "prevent-duty");
    ASSERT_TRUE(pages);
    EXPECT_EQ(*pages, (std::vector<std::string>{"m1/0", "m1/1", "m1/2"}));
}

TEST_F(LedgerTest, HasNoProgressForACourseNotStarted) {
    auto l = open();
    const std::string id = add_learner(l);
    auto p = l.progress(id, "prevent-duty");
    ASSERT_TRUE(p);
    EXPECT_FALSE(p->has_value());
}

TEST_F(LedgerTest, FollowsAnAttemptFromStartToScore) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    ASSERT_TRUE(l.record_attempt_event(id, c, started("a1", "2026-03-01T10:00:00Z")));
    ASSERT_TRUE(l.record_attempt_event(
        id, c,
        assessment::AnswerSaved{"q1", assessment::ChosenOption{1}, at("2026-03-01T10:01:00Z")}));
    auto mid = l.attempts(id, "prevent-duty");
    ASSERT_TRUE(mid);
    ASSERT_EQ(mid->size(), 1u);
    EXPECT_EQ(mid->front().state, AttemptState::in_progress);
    ASSERT_TRUE(
        l.record_attempt_event(id, c, assessment::AttemptSubmitted{at("2026-03-01T10:05:00Z")}));
    ASSERT_TRUE(l.record_attempt_event(id, c, scored(false, "2026-03-01T10:05:01Z")));
    auto done = l.attempts(id, "prevent-duty");
    ASSERT_TRUE(done);
    EXPECT_EQ(done->front().state, AttemptState::scored);
    EXPECT_EQ(done->front().submitted_at, "2026-03-01T10:05:00Z");
    EXPECT_DOUBLE_EQ(done->front().scaled, 0.5);
    EXPECT_FALSE(done->front().passed);
}

// The projector remembers the attempt it is updating within a batch (projector.hpp,
// Projector::InOneWrite); these check that it always updates the latest attempt.
TEST_F(LedgerTest, ABatchUpdatesTheLatestAttemptOfEachCourseWhenTheirEventsInterleave) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course(), d = other_course();
    auto batch = l.append(std::vector<NewEvent>{
        attempt_event(id, c, started("c1", "2026-03-01T10:00:00Z")),
        attempt_event(id, d, started("d1", "2026-03-01T10:00:01Z")),
        attempt_event(id, c, assessment::AttemptSubmitted{at("2026-03-01T10:00:02Z")}),
        attempt_event(id, c, started("c2", "2026-03-01T10:00:03Z")),
        attempt_event(id, d, assessment::AttemptSubmitted{at("2026-03-01T10:00:04Z")}),
        attempt_event(id, c, scored(true, "2026-03-01T10:00:05Z")),
    });
    ASSERT_TRUE(batch) << batch.error().describe();
    EXPECT_EQ(attempt_states(file_), "c1 submitted, c2 scored, d1 submitted");
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok());
}

TEST_F(LedgerTest, AnAttemptStartedInAFailedBatchTakesNoEventsOfALaterOne) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    ASSERT_TRUE(l.append(
        std::vector<NewEvent>{attempt_event(id, c, started("kept", "2026-03-01T10:00:00Z"))}));
    ASSERT_FALSE(l.append(std::vector<NewEvent>{
        attempt_event(id, c, started("rolled-back", "2026-03-01T10:01:00Z")),
        attempt_event("no-such-learner", c, started("x", "2026-03-01T10:01:01Z"))}));
    auto later = l.append(std::vector<NewEvent>{
        attempt_event(id, c, assessment::AttemptSubmitted{at("2026-03-01T10:02:00Z")})});
    ASSERT_TRUE(later) << later.error().describe();
    EXPECT_EQ(attempt_states(file_), "kept submitted");
}

TEST_F(LedgerTest, AnEventGoesToTheAttemptAnotherProgramStartedSinceTheLastWrite) {
    auto player = open();
    const std::string id = add_learner(player);
    const CourseRef c = prevent_course();
    ASSERT_TRUE(player.append(
        std::vector<NewEvent>{attempt_event(id, c, started("first", "2026-03-01T10:00:00Z"))}));
    {
        auto other = open();
        ASSERT_TRUE(other.append(std::vector<NewEvent>{
            attempt_event(id, c, started("second", "2026-03-01T10:01:00Z"))}));
    }
    ASSERT_TRUE(player.append(std::vector<NewEvent>{
        attempt_event(id, c, assessment::AttemptSubmitted{at("2026-03-01T10:02:00Z")})}));
    EXPECT_EQ(attempt_states(file_), "first in-progress, second submitted");
    auto report = player.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok());
}

TEST_F(LedgerTest, GivesBackTheEventsOfAnAttemptToResumeIt) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    const assessment::AnswerSaved answer{"q2", assessment::TypedText{"CONTEST"},
                                         at("2026-03-01T10:02:00Z")};
    ASSERT_TRUE(l.record_attempt_event(id, c, started("a1", "2026-03-01T10:00:00Z")));
    ASSERT_TRUE(l.record_page_view(id, c, PageViewed{"m1/0", 0, 0, 4}));
    ASSERT_TRUE(l.record_attempt_event(id, c, answer));
    auto events = l.attempt_events("a1");
    ASSERT_TRUE(events) << events.error().describe();
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ(std::get<assessment::AttemptStarted>((*events)[0]),
              started("a1", "2026-03-01T10:00:00Z"));
    EXPECT_EQ(std::get<assessment::AnswerSaved>((*events)[1]), answer);
}

TEST_F(LedgerTest, GivesBackAClearedAnswerWithTheEventsOfItsAttempt) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    const assessment::AnswerCleared cleared{"q2", at("2026-03-01T10:03:00Z")};
    ASSERT_TRUE(l.record_attempt_event(id, c, started("a1", "2026-03-01T10:00:00Z")));
    ASSERT_TRUE(l.record_attempt_event(
        id, c,
        assessment::AnswerSaved{"q2", assessment::TypedText{"x"}, at("2026-03-01T10:02:00Z")}));
    auto recorded = l.record_attempt_event(id, c, cleared);
    ASSERT_TRUE(recorded) << recorded.error().describe();
    EXPECT_EQ(recorded->type, "answer-cleared");
    auto events = l.attempt_events("a1");
    ASSERT_TRUE(events) << events.error().describe();
    ASSERT_EQ(events->size(), 3u);
    EXPECT_EQ(std::get<assessment::AnswerCleared>((*events)[2]), cleared);
}

TEST_F(LedgerTest, ALedgerHoldingAClearedAnswerVerifiesAndRebuilds) {
    {
        auto l = open();
        const std::string id = add_learner(l);
        ASSERT_TRUE(
            l.record_attempt_event(id, prevent_course(), started("a1", "2026-03-01T10:00:00Z")));
        ASSERT_TRUE(l.record_attempt_event(
            id, prevent_course(), assessment::AnswerCleared{"q1", at("2026-03-01T10:01:00Z")}));
    }
    const std::string before = projections(file_);
    auto l = open();
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok());
    ASSERT_TRUE(l.rebuild());
    EXPECT_EQ(projections(file_), before);
}

TEST_F(LedgerTest, RefusesAnAnswerWithNoAttemptStarted) {
    auto l = open();
    const std::string id = add_learner(l);
    auto e = l.record_attempt_event(
        id, prevent_course(),
        assessment::AnswerSaved{"q1", assessment::ChosenOption{0}, at("2026-03-01T10:00:00Z")});
    ASSERT_FALSE(e);
    EXPECT_NE(e.error().message.find("no attempt-started"), std::string::npos);
}

TEST_F(LedgerTest, CompletionIsValidUntilTheRefresherMonthsLater) {
    auto l = open();
    const std::string id = add_learner(l);
    ASSERT_TRUE(l.record_completion(id, prevent_course(), CourseCompleted{"a1", 0.9, 12},
                                    at("2026-01-31T09:00:00Z")));
    auto c = l.completions(id, "prevent-duty");
    ASSERT_TRUE(c);
    ASSERT_EQ(c->size(), 1u);
    EXPECT_EQ(c->front().completed_at, "2026-01-31T09:00:00Z");
    EXPECT_EQ(c->front().valid_until, "2027-01-31T09:00:00Z");
    EXPECT_TRUE(c->front().course.trusted);
}

TEST_F(LedgerTest, CompletionWithoutRefresherNeverExpires) {
    auto l = open();
    const std::string id = add_learner(l);
    ASSERT_TRUE(l.record_completion(id, prevent_course(false), CourseCompleted{"a1", 1, 0}));
    auto c = l.completions(id, "prevent-duty");
    ASSERT_TRUE(c);
    EXPECT_FALSE(c->front().valid_until.has_value());
    EXPECT_FALSE(c->front().course.trusted);
}

TEST_F(LedgerTest, KeepsEveryCompletionNotOnlyTheLatest) {
    auto l = open();
    const std::string id = add_learner(l);
    ASSERT_TRUE(l.record_completion(id, prevent_course(), CourseCompleted{"a1", 0.9, 12},
                                    at("2025-01-10T09:00:00Z")));
    ASSERT_TRUE(l.record_completion(id, prevent_course(), CourseCompleted{"a2", 0.8, 12},
                                    at("2026-01-10T09:00:00Z")));
    auto c = l.completions(id, "prevent-duty");
    ASSERT_TRUE(c);
    ASSERT_EQ(c->size(), 2u);
    EXPECT_EQ((*c)[1].attempt_id, "a2");
}

TEST_F(LedgerTest, WritesACheckpointAtEachCompletion) {
    auto l = open();
    const std::string id = add_learner(l);
    auto e = l.record_completion(id, prevent_course(), CourseCompleted{"a1", 0.9, 12});
    ASSERT_TRUE(e);
    auto cp = l.latest_checkpoint();
    ASSERT_TRUE(cp);
    ASSERT_TRUE(cp->has_value());
    EXPECT_EQ((*cp)->seq, e->seq);
    EXPECT_EQ((*cp)->head_hash, e->hash);
    EXPECT_EQ((*cp)->reason, "completion");
}

TEST_F(LedgerTest, FindsACertificateByItsCode) {
    auto l = open();
    const std::string id = add_learner(l);
    auto done = l.record_completion(id, prevent_course(), CourseCompleted{"a1", 0.9, 12});
    ASSERT_TRUE(done);
    ASSERT_TRUE(l.record_certificate(id, prevent_course(), CertificateIssued{done->id, "WM-7K3Q"}));
    auto cert = l.certificate_by_code("WM-7K3Q");
    ASSERT_TRUE(cert);
    ASSERT_TRUE(cert->has_value());
    EXPECT_EQ((*cert)->completion_event_id, done->id);
}

TEST_F(LedgerTest, RemembersTheLatestValueOfEachSetting) {
    auto l = open();
    const std::string id = add_learner(l);
    ASSERT_TRUE(l.record_setting(id, SettingChanged{"theme", "dark"}));
    ASSERT_TRUE(l.record_setting(id, SettingChanged{"theme", "high-contrast"}));
    ASSERT_TRUE(l.record_setting("", SettingChanged{"grace-days", "14"}));
    auto s = l.settings(id);
    ASSERT_TRUE(s);
    EXPECT_EQ(*s, (std::vector<std::pair<std::string, std::string>>{{"theme", "high-contrast"}}));
}

TEST_F(LedgerTest, RebuildRecreatesIdenticalProjections) {
    {
        auto l = open();
        const std::string id = add_learner(l);
        view_pages(l, id, 4);
        ASSERT_TRUE(
            l.record_attempt_event(id, prevent_course(), started("a1", "2026-03-01T10:00:00Z")));
        ASSERT_TRUE(
            l.record_attempt_event(id, prevent_course(), scored(true, "2026-03-01T10:05:00Z")));
        ASSERT_TRUE(l.record_completion(id, prevent_course(), CourseCompleted{"a1", 1, 12}));
        ASSERT_TRUE(l.record_setting(id, SettingChanged{"text-size", "150"}));
    }
    const std::string before = projections(file_);
    ASSERT_EQ(sqlite3_cli(file_,
                          "DELETE FROM progress; DELETE FROM completions;"
                          " DELETE FROM attempts;"),
              0);
    ASSERT_NE(projections(file_), before);
    auto l = open();
    ASSERT_TRUE(l.rebuild());
    EXPECT_EQ(projections(file_), before);
}

TEST_F(LedgerTest, StreamsEveryEventAfterAPosition) {
    auto l = open();
    const std::string id = add_learner(l);
    view_pages(l, id, 5);
    std::vector<std::int64_t> seen;
    ASSERT_TRUE(l.for_each_event(3, [&](const Event& e) {
        seen.push_back(e.position);
        return true;
    }));
    EXPECT_EQ(seen, (std::vector<std::int64_t>{4, 5, 6}));
}

// Within a batch the projector holds back the update of a (learner, course)'s progress and
// attempt rows until an event of another one comes (projector.hpp, Projector::InOneWrite);
// these check that the rows end as appending the events one at a time leaves them.
namespace {

NewEvent page_view(const std::string& learner, const CourseRef& course, int page, int total) {
    return NewEvent{learner, course, EventType::page_viewed,
                    write_payload(PageViewed{"m1/" + std::to_string(page), 0, page, total}),
                    std::nullopt};
}

// Each progress row as "course pages/total bookmark", in course order.
std::string progress_rows(const std::filesystem::path& file) {
    return query(file,
                 "SELECT group_concat(course_id || ' ' || pages_viewed || '/' || pages_total ||"
                 " ' ' || bookmark, ', ') FROM (SELECT * FROM progress ORDER BY course_id)");
}

}  // namespace

TEST_F(LedgerTest, ABatchCountsThePagesOfEachCourseWhenTheirViewsInterleave) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course(), d = other_course();
    auto batch = l.append(std::vector<NewEvent>{page_view(id, c, 0, 10), page_view(id, c, 1, 10),
                                                page_view(id, d, 0, 4), page_view(id, c, 1, 10),
                                                page_view(id, c, 2, 10), page_view(id, d, 3, 4),
                                                page_view(id, d, 3, 4), page_view(id, c, 5, 10)});
    ASSERT_TRUE(batch) << batch.error().describe();
    EXPECT_EQ(progress_rows(file_), "fire-safety 2/4 m1/3, prevent-duty 4/10 m1/5");
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok());
}

TEST_F(LedgerTest, ABatchAddsItsPagesToTheProgressEarlierWritesRecorded) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    ASSERT_TRUE(l.append(std::vector<NewEvent>{page_view(id, c, 0, 10), page_view(id, c, 1, 10)}));
    ASSERT_TRUE(l.append(std::vector<NewEvent>{page_view(id, c, 1, 10), page_view(id, c, 2, 10)}));
    EXPECT_EQ(progress_rows(file_), "prevent-duty 3/10 m1/2");
}

TEST_F(LedgerTest, PageViewsInAFailedBatchCountInNoLaterOne) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    ASSERT_FALSE(l.append(std::vector<NewEvent>{page_view(id, c, 0, 10), page_view(id, c, 1, 10),
                                                page_view("no-such-learner", c, 2, 10)}));
    ASSERT_TRUE(l.append(std::vector<NewEvent>{page_view(id, c, 7, 10)}));
    EXPECT_EQ(progress_rows(file_), "prevent-duty 1/10 m1/7");
}

TEST_F(LedgerTest, ABatchsProgressAndAttemptsAreThereWhenItReturnsInsideATransaction) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    auto r = l.in_one_transaction([&]() -> Result<void> {
        auto batch = l.append(std::vector<NewEvent>{
            page_view(id, c, 0, 10), page_view(id, c, 1, 10),
            attempt_event(id, c, started("a1", "2026-03-01T10:00:00Z")),
            attempt_event(id, c, assessment::AttemptSubmitted{at("2026-03-01T10:00:02Z")})});
        if (!batch)
            return batch.error();
        auto p = l.progress(id, "prevent-duty");
        EXPECT_TRUE(p && p->has_value() && (*p)->pages_viewed == 2);
        auto attempts = l.attempts(id, "prevent-duty");
        EXPECT_TRUE(attempts && attempts->size() == 1 &&
                    attempts->front().state == AttemptState::submitted);
        return {};
    });
    ASSERT_TRUE(r) << r.error().describe();
}

TEST_F(LedgerTest, ABatchLeavesAnAttemptAsEachOfItsEventsInTurnWould) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    const auto recorded_at = [](NewEvent e, const char* time) {
        e.time = at(time);
        return e;
    };
    auto batch = l.append(std::vector<NewEvent>{
        attempt_event(id, c, started("a1", "2026-03-01T10:00:00Z")),
        attempt_event(
            id, c,
            assessment::AnswerSaved{"q1", assessment::ChosenOption{1}, at("2026-03-01T10:01:00Z")}),
        recorded_at(attempt_event(id, c, assessment::AttemptSubmitted{at("2026-03-01T10:05:00Z")}),
                    "2026-03-01T10:05:00Z"),
        recorded_at(attempt_event(id, c, scored(true, "2026-03-01T10:05:01Z")),
                    "2026-03-01T10:05:01Z"),
        attempt_event(id, c,
                      assessment::AnswerSaved{"q2", assessment::ChosenOption{0},
                                              at("2026-03-01T10:06:00Z")})});
    ASSERT_TRUE(batch) << batch.error().describe();
    EXPECT_EQ(
        query(file_,
              "SELECT state || ' ' || submitted_at || ' ' || scored_at || ' ' || raw || ' ' ||"
              " passed || ' ' || (last_position - first_position) FROM attempts"),
        "scored 2026-03-01T10:05:00Z 2026-03-01T10:05:01Z 2.0 1 4");
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok());
}

// An append reads each payload once, for its canonical text and for the projections; but
// RapidJSON's default parse reads 35.089811378291955 as a double whose canonical digits,
// 35.089811378291958, read back as the next double up. The projections must hold what the
// stored text reads as: verify reads that back and compares.
TEST_F(LedgerTest, AMarkIsProjectedAsItsStoredTextReadsBack) {
    auto l = open();
    const std::string id = add_learner(l);
    const CourseRef c = prevent_course();
    ASSERT_TRUE(l.append(
        std::vector<NewEvent>{attempt_event(id, c, started("a1", "2026-03-01T10:00:00Z"))}));
    std::string payload = assessment::write_attempt_event(scored(true, "2026-03-01T10:05:01Z"));
    const std::string raw = "\"raw\": 2.0";
    const auto found = payload.find(raw);
    ASSERT_NE(found, std::string::npos) << payload;
    payload.replace(found, raw.size(), "\"raw\": 35.089811378291955");
    auto batch = l.append(
        std::vector<NewEvent>{NewEvent{id, c, EventType::attempt_scored, payload, std::nullopt}});
    ASSERT_TRUE(batch) << batch.error().describe();
    EXPECT_NE(batch->front().payload.find("\"raw\":35.089811378291958"), std::string::npos);
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
}
