// Ledger::in_one_transaction: many records, one durable commit, all or nothing.
#include "ledger_fixture.hpp"

namespace waymark::ledger::testing {
namespace {

using TransactionTest = LedgerTest;

std::string count_of(const std::filesystem::path& file, const std::string& table) {
    return query(file, "SELECT count(*) FROM " + table);
}

TEST_F(TransactionTest, RecordsEverythingTheBodyRecordsWhenItSucceeds) {
    Ledger l = open();
    auto r = l.in_one_transaction([&]() -> Result<void> {
        for (int i = 0; i < 3; ++i) {
            auto learner = l.add_learner(sample_person("S" + std::to_string(2000 + i)));
            if (!learner)
                return learner.error();
            if (auto e =
                    l.record_page_view(learner->id, prevent_course(), PageViewed{"m1/0", 0, 0, 4});
                !e)
                return e.error();
        }
        return {};
    });
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(count_of(file_, "learners"), "3");
    EXPECT_EQ(count_of(file_, "events WHERE type = 'page-viewed'"), "3");
    EXPECT_EQ(count_of(file_, "progress"), "3");
}

TEST_F(TransactionTest, RecordsNothingWhenTheBodyReturnsAnError) {
    Ledger l = open();
    add_learner(l, "S1000");
    const std::string before = count_of(file_, "events");
    auto r = l.in_one_transaction([&]() -> Result<void> {
        if (auto learner = l.add_learner(sample_person("S2000")); !learner)
            return learner.error();
        return make_error(ErrorCode::io, "the importer stopped half-way");
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(count_of(file_, "learners"), "1");
    EXPECT_EQ(count_of(file_, "events"), before);
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST_F(TransactionTest, AFailedCallInsideUndoesOnlyItsOwnWrites) {
    Ledger l = open();
    auto r = l.in_one_transaction([&]() -> Result<void> {
        auto first = l.add_learner(sample_person("S2000"));
        EXPECT_TRUE(first);
        // The same staff id again is refused; the learner before it stays.
        EXPECT_FALSE(l.add_learner(sample_person("S2000")));
        std::vector<NewEvent> batch{NewEvent{first->id,
                                             prevent_course(),
                                             EventType::page_viewed,
                                             write_payload(PageViewed{"m1/0", 0, 0, 4}),
                                             {}},
                                    NewEvent{"no-such-learner",
                                             prevent_course(),
                                             EventType::page_viewed,
                                             write_payload(PageViewed{"m1/1", 0, 1, 4}),
                                             {}}};
        EXPECT_FALSE(l.append(batch));
        if (auto second = l.add_learner(sample_person("S2001")); !second)
            return second.error();
        return {};
    });
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(count_of(file_, "learners"), "2");
    EXPECT_EQ(count_of(file_, "events WHERE type = 'page-viewed'"), "0");
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST_F(TransactionTest, LeavesAChainThatVerifiesWithItsHeadSigned) {
    Ledger l = open();
    ASSERT_TRUE(l.in_one_transaction([&]() -> Result<void> {
        auto learner = l.add_learner(sample_person());
        if (!learner)
            return learner.error();
        for (int page = 0; page < 5; ++page)
            if (auto e = l.record_page_view(learner->id, prevent_course(),
                                            PageViewed{"m1/" + std::to_string(page), 0, page, 5});
                !e)
                return e.error();
        return {};
    }));
    EXPECT_EQ(query(file_, "SELECT seq FROM heads"), "6");
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << report->problems.front();
    EXPECT_EQ(report->events_checked, 6);
}

}  // namespace
}  // namespace waymark::ledger::testing
