// Shared set-up for the report tests: a private temporary folder with a ledger in it,
// and short ways to record learners, progress and completions on given days.
#pragma once

#include <gtest/gtest.h>

#include <deque>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "scratch_folder.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/ledger.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report::testing {

inline UtcTime at(const char* iso) {
    return *parse_iso8601(iso);
}

inline ledger::CourseRef course(const std::string& id = "prevent-duty",
                                const std::string& version = "2.1.0", bool trusted = true) {
    return ledger::CourseRef{id, version, to_hex(sha256(id + version)), trusted};
}

inline std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class ReportTest : public ::testing::Test {
  protected:
    void SetUp() override {
        crypto_init();
        auto l = ledger::Ledger::open(dir_ / "ledger.db");
        ASSERT_TRUE(l) << l.error().describe();
        ledger_.emplace(std::move(*l));
    }
    void TearDown() override { ledger_.reset(); }

    std::string learner(const std::string& staff_id, const std::string& team = "Safeguarding",
                        const std::string& role = "Practitioner",
                        const std::string& name = "Amira Khan") {
        auto l = ledger_->add_learner(ledger::Person{name, staff_id, "", team, role});
        EXPECT_TRUE(l) << l.error().describe();
        return l ? l->id : std::string();
    }

    void complete(const std::string& learner_id, const ledger::CourseRef& c, const char* when,
                  int refresher_months = 12, double score = 0.9) {
        auto r = ledger_->record_completion(
            learner_id, c,
            ledger::CourseCompleted{"attempt-" + std::string(when), score, refresher_months},
            at(when));
        ASSERT_TRUE(r) << r.error().describe();
    }

    void view_page(const std::string& learner_id, const ledger::CourseRef& c, int page,
                   const char* when, int total = 4) {
        auto r = ledger_->record_page_view(
            learner_id, c, ledger::PageViewed{"m0/" + std::to_string(page), 0, page, total},
            at(when));
        ASSERT_TRUE(r) << r.error().describe();
    }

    void setting(const std::string& key, const std::string& value) {
        auto r = ledger_->record_setting("", ledger::SettingChanged{key, value});
        ASSERT_TRUE(r) << r.error().describe();
    }

    // Rows point into their matrix, so every matrix a test loads lives as long as it.
    const StatusMatrix& matrix(const char* as_of, std::optional<int> due_days = {}) {
        auto m = StatusMatrix::load(*ledger_, StatusOptions{at(as_of), due_days});
        EXPECT_TRUE(m) << m.error().describe();
        if (!m)
            throw std::runtime_error(m.error().describe());
        return matrices_.emplace_back(std::move(*m));
    }

    // The single row of one learner on one course.
    StatusRow only_row(const StatusMatrix& m, const std::string& learner_id,
                       const std::string& course_id = "prevent-duty") {
        StatusRow found;
        int n = 0;
        m.for_each_row(RowFilter{course_id, "", "", {}}, [&](const StatusRow& r) {
            if (r.learner_id == learner_id) {
                found = r;
                ++n;
            }
            return true;
        });
        EXPECT_EQ(n, 1);
        return found;
    }

    // Declared before the ledger, so the ledger closes before its folder goes.
    const waymark::testing::ScratchFolder dir_{"report"};
    std::optional<ledger::Ledger> ledger_;
    std::deque<StatusMatrix> matrices_;
};

}  // namespace waymark::report::testing
