// waymark/player/learner.hpp: the people taking training on this device.
//
// A learner picks themselves from a list or adds themselves with a short form. The
// form is checked here so the UI only has to show the messages beside each field.
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

// What a learner types into the "Add yourself" form.
struct LearnerForm {
    std::string name;
    std::string staff_id;
    std::string team;
    std::string role;
};

enum class LearnerField { name, staff_id, team, role };

struct FieldProblem {
    LearnerField field;
    std::string message;  // for the learner: what to type instead
};

// Every problem with the form, in field order; empty when it can be saved. Every field is
// required (the training record names all four); staff ids are letters, digits and hyphens; no
// field may be longer than 100 characters or hold control characters; a staff id already used on
// this device (compared ignoring case) is refused so two people never share a record.
std::vector<FieldProblem> check_learner_form(const LearnerForm& form,
                                             const std::vector<Learner>& existing);

// The form with surrounding spaces removed from each field (what is saved).
LearnerForm tidy(const LearnerForm& form);

}  // namespace waymark::player
