// Shared by the manager-facing CLI tests (report, settings): run `waymark` and
// `waymark-gen` as a manager would, in a private folder, and read the CSV they write.
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include "run_program.hpp"
#include "scratch_folder.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace waymark::cli_testing {

namespace fs = std::filesystem;

// A CSV file read back by column name (RFC 4180: quoted fields, doubled quotes).
class CsvTable {
  public:
    explicit CsvTable(const std::string& text) {
        std::vector<std::string> row;
        std::string field;
        bool quoted_field = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (quoted_field) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                    field += text[++i];
                else if (c == '"')
                    quoted_field = false;
                else
                    field += c;
            } else if (c == '"') {
                quoted_field = true;
            } else if (c == ',') {
                row.push_back(std::move(field));
                field.clear();
            } else if (c == '\n') {
                row.push_back(std::move(field));
                field.clear();
                rows_.push_back(std::move(row));
                row.clear();
            } else if (c != '\r') {
                field += c;
            }
        }
        if (!field.empty() || !row.empty()) {
            row.push_back(std::move(field));
            rows_.push_back(std::move(row));
        }
        if (!rows_.empty()) {
            for (std::size_t i = 0; i < rows_.front().size(); ++i)
                columns_[rows_.front()[i]] = i;
            rows_.erase(rows_.begin());
        }
    }

    std::size_t size() const { return rows_.size(); }
    bool has_column(const std::string& name) const { return columns_.contains(name); }
    // The named cell of row `i`; "" (and a test failure) for a column there is not.
    std::string at(std::size_t i, const std::string& column) const {
        const auto it = columns_.find(column);
        EXPECT_NE(it, columns_.end()) << "no column " << column;
        if (it == columns_.end() || it->second >= rows_[i].size())
            return {};
        return rows_[i][it->second];
    }
    std::size_t count(const std::string& column, const std::string& value) const {
        std::size_t n = 0;
        for (std::size_t i = 0; i < size(); ++i)
            n += at(i, column) == value;
        return n;
    }

  private:
    std::vector<std::vector<std::string>> rows_;
    std::map<std::string, std::size_t> columns_;
};

// A private folder per test holding a copy of one generated organisation's ledger
// (waymark-gen, made once per suite): 40 learners on prevent-duty, course-2 and
// course-3, as the generator leaves them on 2026-09-01.
class GeneratedLedgerTest : public ::testing::Test {
  protected:
    static inline const std::string kGeneratedOn = "2026-09-01";

    static const fs::path& suite_folder() { return suite_folder_->path(); }

    static void SetUpTestSuite() {
        suite_folder_ = new waymark::testing::ScratchFolder("cli-generated");
        const CommandRun r =
            run_program(WAYMARK_GEN, "--learners 40 --courses 3 --seed 7 --ledger " +
                                         quoted((suite_folder() / "ledger.db").string()));
        ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    static void TearDownTestSuite() {
        delete suite_folder_;
        suite_folder_ = nullptr;
    }

    void SetUp() override {
        ASSERT_TRUE(fs::exists(suite_folder() / "ledger.db")) << "waymark-gen did not run";
        for (const auto& entry : fs::directory_iterator(suite_folder()))
            fs::copy(entry.path(), dir_ / entry.path().filename());
        ::unsetenv("WAYMARK_LEDGER");
    }

    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::string ledger_option() const { return " --ledger " + quoted(path("ledger.db")); }

    // `waymark ARGS --ledger <this test's ledger>`.
    CommandRun on_ledger(const std::string& args) const { return waymark(args + ledger_option()); }
    // `waymark ARGS --ledger <ledger>` as an auditor who holds a read-only copy: the file
    // and its folder are made read-only, and the command runs as a user who may only read
    // them (root may write anywhere, so as root it runs as nobody).
    CommandRun on_read_only_copy(const std::string& args) const {
        using fs::perms;
        fs::permissions(path("ledger.db"),
                        perms::owner_read | perms::group_read | perms::others_read);
        fs::permissions(dir_.path(), perms::owner_read | perms::owner_exec | perms::group_read |
                                         perms::group_exec | perms::others_read |
                                         perms::others_exec);
        const std::string as_reader =
            ::geteuid() == 0 ? "--reuid=65534 --regid=65534 --clear-groups " : "";
        return as_reader.empty()
                   ? on_ledger(args)
                   : run_program("/usr/bin/setpriv",
                                 as_reader + quoted(WAYMARK_CLI) + " " + args + ledger_option());
    }
    // The same with standard output in this test's file `stdout_name`; the run's output
    // is then stderr alone.
    CommandRun on_ledger_to_file(const std::string& args, const std::string& stdout_name) const {
        return run_program(WAYMARK_CLI, args + ledger_option(), path(stdout_name));
    }

    // Writes a report, as of the day the organisation was generated unless `extra` names
    // another day or asks for the history (which has no as-of day); fails the test if the
    // command does.
    CommandRun report(const std::string& format, const std::string& file,
                      const std::string& extra = "") const {
        const std::string as_of = contains(extra, "--as-of") || contains(extra, "--history")
                                      ? ""
                                      : " --as-of " + kGeneratedOn;
        const CommandRun r = on_ledger("report --format " + format + " -o " + quoted(path(file)) +
                                       as_of + " " + extra);
        EXPECT_EQ(r.exit_code, 0) << r.output;
        return r;
    }
    CsvTable report_csv(const std::string& extra = "") const {
        report("csv", "report.csv", extra);
        return CsvTable(read_file(path("report.csv")));
    }

    // This test's copy of the suite's folder (a read-only copy's is made writable again to
    // be removed).
    const waymark::testing::ScratchFolder dir_{"cli"};

  private:
    static inline waymark::testing::ScratchFolder* suite_folder_ = nullptr;
};

}  // namespace waymark::cli_testing
