// Applies events to the projection tables of one schema.
//
// The same code updates the projections as each event is appended, replays every event
// on `waymark ledger rebuild`, and rebuilds into a scratch schema for verify(), so the
// three cannot disagree.
#pragma once

#include <string>

#include "waymark/core/result.hpp"
#include "waymark/ledger/database.hpp"
#include "waymark/ledger/events.hpp"

namespace waymark::ledger {

class Projector {
  public:
    // Statements are prepared on first use; `schema` is "main" or an attached schema.
    Projector(Database& db, std::string schema) : db_(db), schema_(std::move(schema)) {}

    // Updates the projections for `event`, which has just been stored at its position.
    // Fails (ErrorCode::parse / invalid) when its payload does not read as its type, or
    // an attempt event has no attempt to belong to.
    Result<void> apply(const Event& event);

    // Deletes every projection row.
    Result<void> clear();

  private:
    Result<Statement*> statement(Statement& slot, const std::string& sql);
    Result<void> page_viewed(const Event& e);
    Result<void> attempt_event(const Event& e);
    Result<void> course_completed(const Event& e);
    Result<void> certificate_issued(const Event& e);
    Result<void> setting_changed(const Event& e);

    Database& db_;
    std::string schema_;
    Statement insert_page_, upsert_progress_, insert_attempt_, latest_attempt_, update_attempt_,
        insert_completion_, insert_certificate_, upsert_setting_;
};

}  // namespace waymark::ledger
