// waymark/player/manager.hpp: the manager area: a passphrase, and who has done what.
//
// Managers see completion by team and course and who is overdue. The area is behind a
// passphrase set on first use and stored only as an Argon2id hash (libsodium's
// crypto_pwhash_str), in a file beside the ledger readable only by its owner.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/core/time.hpp"
#include "waymark/player/journal.hpp"
#include "waymark/player/library.hpp"

namespace waymark::player {

class ManagerPassphrase {
  public:
    explicit ManagerPassphrase(std::filesystem::path file) : file_(std::move(file)) {}

    // Whether a passphrase was ever set (the file exists).
    bool is_set() const;
    // Sets the first passphrase. Refused (ErrorCode::invalid, with a message for the
    // manager) when one is already set, when it is shorter than 10 characters, or when
    // `confirm` differs; ErrorCode::io when the file cannot be written.
    Result<void> set(const std::string& passphrase, const std::string& confirm);
    // Whether `passphrase` matches. ErrorCode::io when the stored hash cannot be read.
    Result<bool> check(const std::string& passphrase) const;

    const std::filesystem::path& file() const { return file_; }

  private:
    std::filesystem::path file_;
};

inline constexpr std::size_t min_passphrase_length = 10;

// One cell of the dashboard: one team on one course.
struct TeamCourse {
    std::string team;
    std::string course_title;
    int learners = 0;
    int completed = 0;  // completed and still valid (due soon counts as completed)
    int in_progress = 0;
    int not_started = 0;
    int overdue = 0;
};

struct OverdueEntry {
    std::string name;
    std::string team;
    std::string course_title;
    int days = 0;  // overdue by
};

struct Dashboard {
    std::vector<TeamCourse> rows;       // by team, then course
    std::vector<OverdueEntry> overdue;  // most overdue first
};

// Completion of every learner in `learners` on every playable course in `courses`.
Result<Dashboard> build_dashboard(Journal& journal, const std::vector<Learner>& learners,
                                  const std::vector<LibraryCourse>& courses, UtcTime now);

}  // namespace waymark::player
