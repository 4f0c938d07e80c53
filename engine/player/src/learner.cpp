#include "waymark/player/learner.hpp"

#include <algorithm>

#include "waymark/ledger/person.hpp"

namespace waymark::player {
namespace {

ledger::Person person_of(const LearnerForm& form) {
    return {form.name, form.staff_id, "", form.team, form.role};
}

LearnerField field_of(ledger::PersonField field) {
    switch (field) {
        case ledger::PersonField::name:
            return LearnerField::name;
        case ledger::PersonField::staff_id:
            return LearnerField::staff_id;
        case ledger::PersonField::team:
            return LearnerField::team;
        case ledger::PersonField::role:
        case ledger::PersonField::email:  // the form asks for none, so never reported
            return LearnerField::role;
    }
    return LearnerField::name;
}

}  // namespace

LearnerForm tidy(const LearnerForm& form) {
    const ledger::Person p = ledger::tidied(person_of(form));
    return {p.name, p.staff_id, p.team, p.role, form.pin, form.pin_again};
}

std::vector<FieldProblem> pin_problems(const std::string& pin, const std::string& again,
                                       bool pin_required) {
    if (pin.empty() && again.empty() && !pin_required)
        return {};
    if (pin.empty())
        return {{LearnerField::pin,
                 "Your organisation asks everyone to choose a PIN: type 4 to "
                 "12 digits only you know."}};
    if (auto problem = ledger::pin_problem(pin))
        return {{LearnerField::pin, *problem}};
    if (again != pin)
        return {{LearnerField::pin_again, "This is not the PIN you typed above: type it again."}};
    return {};
}

std::vector<FieldProblem> check_learner_form(const LearnerForm& form,
                                             const std::vector<Learner>& existing,
                                             bool pin_required) {
    std::vector<FieldProblem> out;
    const auto taken = [&](std::string_view staff_id) {
        return std::any_of(existing.begin(), existing.end(), [&](const Learner& l) {
            return ledger::same_staff_id(l.staff_id, staff_id);
        });
    };
    for (auto& problem : ledger::validate_person(person_of(form), taken))
        out.push_back({field_of(problem.field),
                       problem.staff_id_taken
                           ? problem.message + " If that is you, pick your name from the list "
                                               "of learners instead."
                           : std::move(problem.message)});
    for (auto& problem : pin_problems(form.pin, form.pin_again, pin_required))
        out.push_back(std::move(problem));
    return out;
}

}  // namespace waymark::player
