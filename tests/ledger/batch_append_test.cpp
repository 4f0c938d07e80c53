// Large batches are prepared in a second thread while the first stores them
// (engine/ledger/src/append.cpp); these check that the result is the same as appending
// one event at a time, and that a failure anywhere in the batch records nothing.
#include <cstdio>

#include "ledger_fixture.hpp"
#include "waymark/assessment/event_json.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

// Large enough to be prepared alongside (append.cpp prepares from 128 events).
constexpr int kBatch = 600;

// Ids 1, 2, 3, ... and a fixed clock, so two ledgers given the same events agree byte
// for byte.
OpenOptions counted_ids() {
    OpenOptions options;
    options.new_id = [n = 0]() mutable {
        char text[40];
        std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012d", ++n);
        return *Uuid::parse(text);
    };
    options.clock = [] { return at("2025-05-01T10:00:00Z"); };
    return options;
}

// What a learner records on a course: page views, then a whole attempt, repeated.
std::vector<NewEvent> course_events(const std::string& learner, int count) {
    std::vector<NewEvent> out;
    UtcTime t = at("2025-05-01T09:00:00Z");
    for (int i = 0; static_cast<int>(out.size()) < count; ++i) {
        t += std::chrono::seconds(7);
        if (i % 10 == 9) {
            out.push_back(NewEvent{learner, prevent_course(), EventType::attempt_started,
                                   assessment::write_attempt_event(assessment::AttemptStarted{
                                       "attempt-" + std::to_string(i), 42, t, {"q1"}, {}}),
                                   t});
            out.push_back(NewEvent{learner, prevent_course(), EventType::attempt_submitted,
                                   assessment::write_attempt_event(assessment::AttemptSubmitted{t}),
                                   t});
        } else {
            out.push_back(NewEvent{
                learner, prevent_course(), EventType::page_viewed,
                write_payload(PageViewed{"m1/" + std::to_string(i % 40), 0, i % 40, 40}), t});
        }
    }
    out.resize(static_cast<std::size_t>(count));
    return out;
}

class BatchAppendTest : public LedgerTest {
  protected:
    Ledger open_counted(const std::filesystem::path& file) {
        auto l = Ledger::open(file, counted_ids());
        if (!l)
            ADD_FAILURE() << l.error().describe();
        return std::move(l).value();
    }

    std::string events_count() { return query(file_, "SELECT count(*) FROM events"); }
};

}  // namespace

TEST_F(BatchAppendTest, ALargeBatchChainsEveryEventOnTheOneBefore) {
    auto l = open();
    const std::string learner = add_learner(l);
    auto events = l.append(course_events(learner, kBatch));
    ASSERT_TRUE(events) << events.error().describe();
    ASSERT_EQ(events->size(), static_cast<std::size_t>(kBatch));
    for (std::size_t i = 1; i < events->size(); ++i) {
        EXPECT_EQ((*events)[i].seq, (*events)[i - 1].seq + 1);
        EXPECT_EQ((*events)[i].prev_hash, (*events)[i - 1].hash);
        EXPECT_EQ((*events)[i].position, (*events)[i - 1].position + 1);
    }
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok());
}

TEST_F(BatchAppendTest, ALargeBatchRecordsWhatAppendingOneAtATimeRecords) {
    const auto one_by_one = dir_ / "one-by-one.db";
    auto batched = open_counted(file_);
    auto single = open_counted(one_by_one);
    const std::string learner = add_learner(batched);
    ASSERT_EQ(add_learner(single), learner);
    const auto events = course_events(learner, kBatch);

    ASSERT_TRUE(batched.append(events));
    for (const NewEvent& e : events)
        ASSERT_TRUE(single.append(e));

    const char* sql =
        "SELECT group_concat(hex(hash), ',') FROM (SELECT hash FROM events ORDER BY position)";
    EXPECT_EQ(query(file_, sql), query(one_by_one, sql));
    const char* progress =
        "SELECT pages_viewed || ' ' || bookmark || ' ' || updated_at"
        " FROM progress";
    EXPECT_EQ(query(file_, progress), query(one_by_one, progress));
    const char* attempts = "SELECT count(*) || ' ' || max(last_position) FROM attempts";
    EXPECT_EQ(query(file_, attempts), query(one_by_one, attempts));
}

TEST_F(BatchAppendTest, ABadPayloadDeepInALargeBatchRecordsNothingAndSaysWhy) {
    auto l = open();
    const std::string learner = add_learner(l);
    auto events = course_events(learner, kBatch);
    events[kBatch - 100].payload = "{not json";
    auto r = l.append(events);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("not valid JSON"), std::string::npos) << r.error().message;
    EXPECT_EQ(events_count(), "1");
}

TEST_F(BatchAppendTest, AnUnknownLearnerPartWayThroughALargeBatchRecordsNothing) {
    auto l = open();
    const std::string learner = add_learner(l);
    auto events = course_events(learner, kBatch);
    events[kBatch / 2].learner_id = "no-such-learner";
    auto r = l.append(events);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::not_found);
    EXPECT_EQ(events_count(), "1");
}

TEST_F(BatchAppendTest, ALargeBatchWhoseFirstEventIsBadRecordsNothing) {
    auto l = open();
    const std::string learner = add_learner(l);
    auto events = course_events(learner, kBatch);
    events.front().course.digest = "short";
    auto r = l.append(events);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("content digest"), std::string::npos);
    EXPECT_EQ(events_count(), "1");
}

TEST_F(BatchAppendTest, TheLedgerTakesMoreEventsAfterAFailedLargeBatch) {
    auto l = open();
    const std::string learner = add_learner(l);
    auto events = course_events(learner, kBatch);
    events[kBatch - 1].payload = "[]";
    ASSERT_FALSE(l.append(events));
    events.pop_back();
    auto r = l.append(events);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->front().seq, 2);
    EXPECT_EQ(events_count(), std::to_string(kBatch));
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok());
}
