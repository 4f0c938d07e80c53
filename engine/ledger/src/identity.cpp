#include "identity.hpp"

#include "integrity.hpp"
#include "waymark/core/crypto.hpp"
#include "waymark/ledger/events.hpp"

namespace waymark::ledger {

std::string person_commitment(std::string_view learner_id, const Salt& salt, const Person& p) {
    Sha256 h;
    const std::string salt_hex = to_hex(salt);
    for (std::string_view line :
         {std::string_view("waymark-person-v1"), learner_id, std::string_view(salt_hex),
          std::string_view(p.name), std::string_view(p.staff_id), std::string_view(p.email),
          std::string_view(p.team), std::string_view(p.role)}) {
        h.update(line);
        h.update("\n");
    }
    return to_hex(h.finish());
}

namespace {

// What the chain says of one learner: when they were enrolled, and their latest
// identity event (enrolled, updated or erased).
struct Recorded {
    bool enrolled = false;
    std::string enrolled_at;
    std::optional<EventType> latest;
    std::string latest_time;
    std::string commitment;  // of the latest, when it carries one
};

Result<Recorded> recorded_identity(Statement& s, std::string_view learner_id) {
    s.bind(1, learner_id);
    Recorded r;
    auto read = each_row(s, [&] {
        const auto type = parse_event_type(s.column_view(1));
        if (!type || (*type != EventType::learner_enrolled && *type != EventType::learner_updated &&
                      *type != EventType::learner_erased))
            return;
        if (*type == EventType::learner_enrolled && !r.enrolled) {
            r.enrolled = true;
            r.enrolled_at = s.column_text(3);
        }
        r.latest = type;
        r.latest_time = s.column_text(3);
        r.commitment.clear();
        if (*type != EventType::learner_erased)
            if (auto c = read_identity_commitment(*type, s.column_view(2)))
                r.commitment = c->commitment;
    });
    if (!read)
        return read.error();
    return r;
}

}  // namespace

Result<void> check_identities(Database& db, VerifyReport& report) {
    auto rows = db.prepare(
        "SELECT id, name, staff_id, email, team, role, enrolled_at, erased_at, salt FROM learners"
        " ORDER BY rowid");
    if (!rows)
        return rows.error();
    // Through events_by_learner: a learner's own events about no course, a handful each.
    auto events = db.prepare(
        "SELECT position, type, payload, time FROM events WHERE learner_id = ?1 AND course_id = ''"
        " ORDER BY position");
    if (!events)
        return events.error();
    return each_row(*rows, [&]() -> Result<void> {
        const std::string id = rows->column_text(0);
        const std::string who = "learner " + id;
        const Person person{rows->column_text(1), rows->column_text(2), rows->column_text(3),
                            rows->column_text(4), rows->column_text(5)};
        const bool erased_row = !rows->column_is_null(7);
        auto recorded = recorded_identity(*events, id);
        if (!recorded)
            return recorded.error();
        if (!recorded->enrolled) {
            add_problem(report, who +
                                    " is in the learners table but was never enrolled in the "
                                    "chain: the row was added");
            return {};
        }
        if (rows->column_view(6) != recorded->enrolled_at)
            add_problem(report, who +
                                    "'s enrolment time in the learners table is not the one "
                                    "recorded in the chain: the row was edited");
        const bool has_details = !person.name.empty() || !person.staff_id.empty() ||
                                 !person.email.empty() || !person.team.empty() ||
                                 !person.role.empty() || !rows->column_is_null(8);
        if (recorded->latest == EventType::learner_erased) {
            if (!erased_row || has_details)
                add_problem(report, who + " was erased on " + recorded->latest_time +
                                        " but the learners table holds details for them again: "
                                        "the erasure was undone");
            return {};
        }
        if (erased_row) {
            add_problem(report, who +
                                    " is marked erased in the learners table, but the chain "
                                    "records no erasure: the row was edited");
            return {};
        }
        Salt salt{};
        const auto blob = rows->column_blob(8);
        if (recorded->commitment.empty() || blob.size() != salt.size()) {
            add_problem(report, who +
                                    "'s details are not bound to the chain (no commitment or "
                                    "no salt): the row or its events were edited");
            return {};
        }
        std::copy(blob.begin(), blob.end(), salt.begin());
        if (person_commitment(id, salt, person) != recorded->commitment)
            add_problem(report, who +
                                    "'s details (name, staff id, email, team or role) are not "
                                    "the ones recorded in the chain: the learners table was "
                                    "edited");
        return {};
    });
}

}  // namespace waymark::ledger
