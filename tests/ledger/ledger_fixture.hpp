// Shared set-up for the ledger tests: a private temporary folder, a ledger in it, a
// course reference and a learner.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "scratch_folder.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger::testing {

inline CourseRef prevent_course(bool trusted = true) {
    return CourseRef{"prevent-duty", "2.1.0", std::string(64, 'a'), trusted};
}

inline Person sample_person(const std::string& staff_id = "S1001") {
    return Person{"Amira Khan", staff_id, "amira.khan@example.org", "Safeguarding", "Practitioner"};
}

inline UtcTime at(const char* iso) {
    return *parse_iso8601(iso);
}

// One value from an SQL query on the ledger file, read with a separate connection.
inline std::string query(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

// Runs SQL through the sqlite3 command-line program, as someone tampering would.
inline int sqlite3_cli(const std::filesystem::path& file, const std::string& sql) {
    const std::string command = "sqlite3 '" + file.string() + "' \"" + sql + "\"";
    return std::system(command.c_str());
}

class LedgerTest : public ::testing::Test {
  protected:
    Ledger open() {
        auto l = Ledger::open(file_);
        if (!l)
            ADD_FAILURE() << l.error().describe();
        return std::move(l).value();
    }

    std::string add_learner(Ledger& l, const std::string& staff_id = "S1001") {
        auto learner = l.add_learner(sample_person(staff_id));
        if (!learner)
            ADD_FAILURE() << learner.error().describe();
        return learner->id;
    }

    void view_pages(Ledger& l, const std::string& learner, int count, int total = 10) {
        for (int i = 0; i < count; ++i) {
            auto e = l.record_page_view(learner, prevent_course(),
                                        PageViewed{"m1/" + std::to_string(i), 0, i, total});
            ASSERT_TRUE(e) << e.error().describe();
        }
    }

    const waymark::testing::ScratchFolder dir_{"ledger"};
    std::filesystem::path file_ = dir_ / "ledger.db";  // a test may point it at a copy
};

}  // namespace waymark::ledger::testing
