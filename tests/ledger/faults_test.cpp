#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <sstream>

#include "ledger_fixture.hpp"

using namespace waymark;
using namespace waymark::ledger;
using namespace waymark::ledger::testing;

namespace {

// A running ledger_writer whose stdout the test reads.
class Writer {
  public:
    explicit Writer(std::vector<std::string> args) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            return;
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            std::vector<char*> argv;
            std::string exe = WAYMARK_LEDGER_WRITER;
            argv.push_back(exe.data());
            for (auto& a : args)
                argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(exe.c_str(), argv.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        fd_ = fds[0];
    }
    ~Writer() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (fd_ >= 0)
            ::close(fd_);
    }

    // Reads what arrives within `ms` milliseconds (or until the writer exits).
    void read_for(int ms) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
        for (;;) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  end - std::chrono::steady_clock::now())
                                  .count();
            if (left <= 0)
                return;
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left)) <= 0)
                return;
            char buf[4096];
            const ssize_t n = ::read(fd_, buf, sizeof buf);
            if (n <= 0)
                return;
            output_.append(buf, static_cast<std::size_t>(n));
        }
    }
    // Reads until the writer has confirmed its first event (a whole line), or `max_ms`
    // pass: its start-up (opening the ledger, checking the signed head) takes longer than
    // the kill window on a loaded machine or under a sanitizer.
    void read_until_first_confirmation(int max_ms) {
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(max_ms);
        while (output_.find('\n') == std::string::npos && std::chrono::steady_clock::now() < end)
            read_for(5);
    }
    // Kills the writer now, then collects whatever it had already written.
    void kill() {
        ::kill(pid_, SIGKILL);
        wait();
    }
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        read_for(50);
        return status;
    }
    // Every complete line written (a line cut by the kill is not a confirmation).
    std::vector<std::string> lines() const {
        std::vector<std::string> out;
        std::istringstream in(output_);
        std::string line;
        while (std::getline(in, line))
            if (!in.eof())
                out.push_back(line);
        return out;
    }

  private:
    pid_t pid_ = -1;
    int fd_ = -1;
    std::string output_;
};

class FaultTest : public LedgerTest {
  protected:
    void SetUp() override {
        LedgerTest::SetUp();
        auto l = open();
        learner_ = add_learner(l);
    }

    // Starts a writer with `args` `runs` times, SIGKILLing it 0 to 55 ms after it confirmed
    // its first event each time (so every kill lands while it writes, however slow the
    // machine), and collects every sequence number it confirmed.
    void kill_repeatedly(const std::vector<std::string>& args, int runs, unsigned seed) {
        std::mt19937 random(seed);
        for (int run = 0; run < runs; ++run) {
            Writer w(args);
            w.read_until_first_confirmation(10000);
            w.read_for(std::uniform_int_distribution<int>(0, 55)(random));
            w.kill();
            for (const auto& line : w.lines()) {
                ASSERT_EQ(line.rfind("error", 0), std::string::npos) << line;
                confirmed_.insert(std::stoll(line));
            }
        }
    }

    // The file is sound, the chain and projections verify, and every confirmed event is
    // there.
    void expect_every_confirmed_event_kept() {
        ASSERT_FALSE(confirmed_.empty());
        EXPECT_EQ(query(file_, "PRAGMA integrity_check"), "ok");
        auto l = open();
        auto report = l.verify();
        ASSERT_TRUE(report) << report.error().describe();
        EXPECT_TRUE(report->ok()) << report->problems.front();
        for (long long seq : confirmed_)
            EXPECT_EQ(
                query(file_, "SELECT count(*) FROM events WHERE seq = " + std::to_string(seq)), "1")
                << "confirmed event " << seq << " is missing";
    }

    std::string learner_;
    std::set<long long> confirmed_;
};

}  // namespace

TEST_F(FaultTest, KeepsEveryConfirmedEventThroughTwoHundredKills) {
    kill_repeatedly({"append", file_.string(), learner_, "0"}, 200, 20260301);
    expect_every_confirmed_event_kept();
}

TEST_F(FaultTest, KeepsEveryConfirmedBatchWholeThroughFiftyKills) {
    constexpr int kBatch = 300;
    kill_repeatedly({"append-batches", file_.string(), learner_, std::to_string(kBatch)}, 50,
                    20261125);
    expect_every_confirmed_event_kept();
    // All or nothing: after the enrolment, only whole batches.
    const long long page_views = std::stoll(query(file_, "SELECT count(*) FROM events")) - 1;
    EXPECT_EQ(page_views % kBatch, 0) << page_views << " page views";
}

TEST_F(FaultTest, TwoProcessesAppendingAtOnceMakeOneLinearChain) {
    Writer a({"append", file_.string(), learner_, "150"});
    Writer b({"append", file_.string(), learner_, "150"});
    a.read_for(60000);
    b.read_for(60000);
    EXPECT_EQ(a.wait(), 0);
    EXPECT_EQ(b.wait(), 0);
    std::set<std::string> seqs;
    for (const auto& line : a.lines())
        seqs.insert(line);
    for (const auto& line : b.lines())
        seqs.insert(line);
    EXPECT_EQ(seqs.size(), 300u);
    EXPECT_EQ(query(file_, "SELECT count(*) FROM events"), "301");
    auto l = open();
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << report->problems.front();
}

TEST_F(FaultTest, AFullDiskGivesAClearErrorAndLosesNothingWritten) {
    Writer w({"fill", file_.string(), learner_, std::to_string(512 * 1024)});
    w.read_for(60000);
    w.wait();
    const auto lines = w.lines();
    ASSERT_GE(lines.size(), 2u);
    const std::string& last = lines.back();
    EXPECT_EQ(last.rfind("error", 0), 0u) << last;
    EXPECT_NE(last.find("nothing was recorded"), std::string::npos) << last;
    auto l = open();
    auto report = l.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok()) << report->problems.front();
    for (std::size_t i = 0; i + 1 < lines.size(); ++i)
        EXPECT_EQ(query(file_, "SELECT count(*) FROM events WHERE seq = " + lines[i]), "1");
}

TEST_F(FaultTest, AReadOnlyLedgerGivesAClearError) {
    // Root may write anywhere, so the writer drops to an ordinary user first.
    std::filesystem::permissions(dir_.path(), std::filesystem::perms::owner_all |
                                                  std::filesystem::perms::group_exec |
                                                  std::filesystem::perms::others_exec);
    std::filesystem::permissions(file_, std::filesystem::perms::owner_read |
                                            std::filesystem::perms::group_read |
                                            std::filesystem::perms::others_read);
    Writer w({"open-as-nobody", file_.string()});
    w.read_for(30000);
    EXPECT_EQ(WEXITSTATUS(w.wait()), 0);
    ASSERT_FALSE(w.lines().empty());
    EXPECT_NE(w.lines().front().find("is read-only; nothing was recorded"), std::string::npos)
        << w.lines().front();
}
