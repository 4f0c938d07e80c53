// `waymark-gen`: the same seed gives the same events, byte for byte.
#include <sys/wait.h>

#include <cstdlib>

#include "ledger_fixture.hpp"

using namespace waymark::ledger::testing;

namespace {

// Generates a small organisation into `file`; the exit code of waymark-gen.
int generate(const std::filesystem::path& file, int seed) {
    const std::string command = std::string(WAYMARK_GEN) + " --learners 12 --courses 2 --seed " +
                                std::to_string(seed) + " --ledger '" + file.string() +
                                "' > /dev/null";
    return WEXITSTATUS(std::system(command.c_str()));
}

// Every column of every event, in position order, with each value's type and exact
// bytes, so two dumps are equal only when the tables are byte-identical.
std::string dump_events(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, "SELECT * FROM events ORDER BY position", -1, &stmt, nullptr) ==
        SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
                const int type = sqlite3_column_type(stmt, c);
                const auto* bytes = static_cast<const char*>(sqlite3_column_blob(stmt, c));
                const int size = sqlite3_column_bytes(stmt, c);
                out += std::to_string(type) + ":" + std::to_string(size) + ":";
                if (bytes)
                    out.append(bytes, static_cast<std::size_t>(size));
                out += '|';
            }
            out += '\n';
        }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

}  // namespace

TEST_F(LedgerTest, GeneratorWritesByteIdenticalEventsForTheSameSeed) {
    ASSERT_EQ(generate(dir_ / "first.db", 7), 0);
    ASSERT_EQ(generate(dir_ / "second.db", 7), 0);
    const std::string first = dump_events(dir_ / "first.db");
    EXPECT_GT(std::count(first.begin(), first.end(), '\n'), 100);
    EXPECT_EQ(first, dump_events(dir_ / "second.db"));
}

TEST_F(LedgerTest, GeneratorWritesDifferentEventsForADifferentSeed) {
    ASSERT_EQ(generate(dir_ / "first.db", 7), 0);
    ASSERT_EQ(generate(dir_ / "second.db", 8), 0);
    EXPECT_NE(dump_events(dir_ / "first.db"), dump_events(dir_ / "second.db"));
}

TEST_F(LedgerTest, GeneratedLedgerVerifies) {
    ASSERT_EQ(generate(file_, 3), 0);
    auto l = open();
    auto report = l.verify();
    ASSERT_TRUE(report) << report.error().describe();
    EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
}

TEST_F(LedgerTest, GeneratorRefusesToWriteIntoAnExistingFile) {
    ASSERT_EQ(generate(file_, 3), 0);
    EXPECT_NE(generate(file_, 3), 0);
}
