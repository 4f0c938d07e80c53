// Verify's check of the projection tables against the events, in memory.
//
// Every projection row follows from the events of one learner alone (pages, progress,
// attempts and completions from those on one course, in order; settings and
// certificates from the learner's). Two ways to check them, by the same rules (see
// Projector for them: this is the same rules applied to values in memory instead of
// through SQL), each comparing every column with its SQLite type:
//
// - FileOrderReplay takes the events in file order, as the chain check reads them, so
//   verify reads the events once. It keeps the state of every (learner, course) still
//   open, so it gives up past a memory budget, and it only says whether every table
//   holds exactly the rows the events give (a keyed multiset digest of each table).
// - compare_projections() reads the events learner by learner through the
//   events_by_learner index and holds one learner's rows at a time, whatever the
//   ledger's size; it names each event that cannot be replayed and counts the rows that
//   differ. Verify runs it whenever the first says anything but "all match".
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "waymark/core/result.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::ledger {

// Adds to `report` each event the projector could not apply ("event N cannot be
// replayed: ...") and each projection table that differs ("the progress table does not
// match the events (3 rows differ)"). Runs inside the caller's read transaction; an
// Error only when the tables could not be read.
Result<void> compare_projections(Database& db, VerifyReport& report);

// The columns of an event the projections follow from.
struct EventRow {
    std::int64_t position = 0;
    std::string_view id, time, learner, course_id, course_version, course_digest, type, payload;
    bool trusted = false;
};

// The key of the replay's keyed sums, drawn at random for each verify.
using SumKey = std::array<std::uint8_t, 16>;
SumKey random_sum_key();

// The entries of the events_by_learner index (learner, course, position) as read in its
// order: their keyed multiset sum, and whether they came in strictly rising order.
struct LearnerIndexSum {
    std::uint64_t count = 0;
    std::array<std::uint64_t, 2> sum{};
    bool ordered = true;
    friend bool operator==(const LearnerIndexSum&, const LearnerIndexSum&) = default;
};
// Reads it (another thread may, while the events are replayed).
Result<LearnerIndexSum> read_learner_index(Database& db, const SumKey& key);

class FileOrderReplay {
  public:
    // About 1.3 KiB for each (learner, course) with events: at a million events of a
    // thousand learners on ten courses, 13 MiB (verify's peak is 33 MiB). Verify's peak
    // must stay under 64 MiB; past the budget the replay gives up and verify compares
    // learner by learner, as fast as before the replay.
    static constexpr std::size_t kDefaultBudget = std::size_t(24) << 20;

    explicit FileOrderReplay(std::size_t memory_budget = kDefaultBudget,
                             const SumKey& key = random_sum_key());
    ~FileOrderReplay();
    FileOrderReplay(const FileOrderReplay&) = delete;
    FileOrderReplay& operator=(const FileOrderReplay&) = delete;

    // Applies the next event in position order. False once the replay has given up: an
    // event the projector could not have applied, or more state than the budget.
    bool apply(const EventRow& e);

    // After the last event: true when every projection table in `db` holds exactly the
    // rows the events give, and events_by_learner the events (`index`, when it was read
    // already with this replay's key); false when any differs or the replay gave up.
    Result<bool> matches(Database& db, std::optional<LearnerIndexSum> index = {});

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace waymark::ledger
