// waymark/ledger/person.hpp: who may be recorded as a learner, one set of rules for every
// program that adds one.
//
// The ledger refuses a person who breaks these rules, whoever writes (the command line,
// the player, an importer); the player and the command line check first with the same
// validate_person(), so a learner and a manager read the same message beside the same
// field. Staff ids are unique among learners not erased without regard to case: "WF-1"
// and "wf-1" are one person. A ledger written before this rule (or merged from two
// devices) may hold two staff ids that differ only by case: it still opens and verifies,
// both people keep their records and can sign in, and a third spelling is refused.
//
// A learner's optional PIN follows pin_problem(); the organisation setting
// kPinRequiredSetting ("true") makes one required (Ledger::learner_pins_required()).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waymark::ledger {

struct Person {
    std::string name;
    std::string staff_id;
    std::string email;  // optional
    std::string team;
    std::string role;
};

enum class PersonField { name, staff_id, email, team, role };

// One field that cannot be saved as it is, and what to type instead.
struct PersonProblem {
    PersonField field;
    std::string message;  // a sentence for the person typing, ending with a full stop
    // The staff id is someone else's already. The message states it; what to do depends
    // on who is typing (a learner adding themselves picks their name instead), so the
    // screen or command adds that.
    bool staff_id_taken = false;
};

// No field may be longer than this many characters (not bytes: "Siân" is four).
inline constexpr std::size_t kMostPersonCharacters = 100;

// The field's name in a sentence: "name", "staff id", "email", "team", "role".
const char* label(PersonField field);

// The person as saved: surrounding spaces, tabs and line breaks removed from each field.
Person tidied(const Person& person);

// A learner as a sentence names them: "Bob Hart (B-2)", or just "Bob Hart" when no staff
// id is recorded (empty brackets would read as a mistake). Used wherever a person is named
// to a manager: the player's manager area, the command line, certificates.
std::string name_with_staff_id(std::string_view name, std::string_view staff_id);

// Whether two staff ids name the same person: equal but for the case of their letters.
bool same_staff_id(std::string_view a, std::string_view b);

// Every problem with `person` (tidied first), in field order; empty when it can be saved.
// Name, staff id, team and role are required; the email is optional but must look like
// one; a staff id holds letters, digits and hyphens only; no field holds control
// characters or more than kMostPersonCharacters characters. `staff_id_taken`, when
// given, says whether a learner not erased already has a staff id (same_staff_id).
std::vector<PersonProblem> validate_person(
    const Person& person, const std::function<bool(std::string_view)>& staff_id_taken = {});

// --- PINs -------------------------------------------------------------------------

// The organisation setting (Ledger::record_setting with no learner) that makes every
// learner have a PIN: "true" requires one; anything else, or unset, leaves it optional.
inline constexpr std::string_view kPinRequiredSetting = "learner.pin_required";

// What is wrong with a PIN a learner chose, or nothing: 4 to 12 digits, and not one digit
// repeated ("0000") or a run ("1234", "9876"), the first guesses anyone makes.
std::optional<std::string> pin_problem(std::string_view pin);

}  // namespace waymark::ledger
