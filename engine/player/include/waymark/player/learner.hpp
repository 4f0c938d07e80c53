// waymark/player/learner.hpp: the people taking training on this device.
//
// A learner picks themselves from a list or adds themselves with a short form. The form
// is checked here, by the ledger's own rules (waymark/ledger/person.hpp), so the UI only
// has to show the messages beside each field and the ledger never sees a person it would
// refuse.
#pragma once

#include <string>
#include <vector>

namespace waymark::player {

struct Learner {
    std::string id;  // pseudonymous, random (a Uuid); what the ledger records
    std::string name;
    std::string staff_id;
    std::string team;
    std::string role;
    friend bool operator==(const Learner&, const Learner&) = default;
};

// What a learner types into the "Add yourself" form, or the form that asks them to choose
// a PIN (only `pin` and `pin_again`).
struct LearnerForm {
    std::string name;
    std::string staff_id;
    std::string team;
    std::string role;
    std::string pin;  // optional unless the organisation requires one
    std::string pin_again;
};

enum class LearnerField { name, staff_id, team, role, pin, pin_again };

struct FieldProblem {
    LearnerField field;
    std::string message;  // for the learner: what to type instead
};

// Every problem with the form, in field order; empty when it can be saved. The person's
// fields follow ledger::validate_person() (every field required, a staff id of letters,
// digits and hyphens not already used on this device whatever its case, at most 100
// characters, no control characters). The PIN follows pin_problems().
std::vector<FieldProblem> check_learner_form(const LearnerForm& form,
                                             const std::vector<Learner>& existing,
                                             bool pin_required = false);

// The problems with a chosen PIN and its repeat: none when both are empty and no PIN is
// required; otherwise the PIN must follow ledger::pin_problem() and the repeat match it.
std::vector<FieldProblem> pin_problems(const std::string& pin, const std::string& again,
                                       bool pin_required);

// The form with surrounding spaces removed from each field of the person (what is saved).
LearnerForm tidy(const LearnerForm& form);

}  // namespace waymark::player
