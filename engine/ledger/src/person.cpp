#include "waymark/ledger/person.hpp"

#include <algorithm>

namespace waymark::ledger {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string trimmed(std::string_view s) {
    while (!s.empty() && is_space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && is_space(s.back()))
        s.remove_suffix(1);
    return std::string(s);
}

bool is_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

// Characters, not bytes: UTF-8 continuation bytes do not start one.
std::size_t characters(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The staff id a person most likely meant: each run of other characters between letters
// and digits becomes one hyphen ("wf 1" and "wf_1" become "wf-1").
std::string suggested_staff_id(std::string_view typed) {
    std::string out;
    bool gap = false;
    for (char c : typed) {
        if (is_ascii_alnum(c)) {
            if (gap && !out.empty())
                out += '-';
            out += c;
            gap = false;
        } else {
            gap = true;
        }
    }
    return out;
}

bool plausible_email(std::string_view e) {
    const auto at = e.find('@');
    return at != std::string_view::npos && at > 0 &&
           e.find('@', at + 1) == std::string_view::npos &&
           e.find('.', at + 2) != std::string_view::npos && e.back() != '.' &&
           e.find(' ') == std::string_view::npos;
}

// The problem every field shares, if any: control characters or too long.
std::optional<std::string> common_problem(PersonField field, std::string_view value) {
    std::string what = label(field);
    what[0] = static_cast<char>(what[0] - 'a' + 'A');
    if (characters(value) > kMostPersonCharacters)
        return what + " is too long: use at most " + std::to_string(kMostPersonCharacters) +
               " characters.";
    if (std::any_of(value.begin(), value.end(), is_control))
        return what + " holds a character that cannot be typed (a tab, line break or control " +
               "code): type it again by hand.";
    return std::nullopt;
}

}  // namespace

const char* label(PersonField field) {
    switch (field) {
        case PersonField::name:
            return "name";
        case PersonField::staff_id:
            return "staff id";
        case PersonField::email:
            return "email";
        case PersonField::team:
            return "team";
        case PersonField::role:
            return "role";
    }
    return "field";
}

Person tidied(const Person& p) {
    return {trimmed(p.name), trimmed(p.staff_id), trimmed(p.email), trimmed(p.team),
            trimmed(p.role)};
}

std::string name_with_staff_id(std::string_view name, std::string_view staff_id) {
    std::string named(name);
    if (!staff_id.empty())
        named.append(" (").append(staff_id).append(")");
    return named;
}

bool same_staff_id(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

std::vector<PersonProblem> validate_person(
    const Person& raw, const std::function<bool(std::string_view)>& staff_id_taken) {
    const Person p = tidied(raw);
    std::vector<PersonProblem> out;
    auto required = [&](PersonField field, const std::string& value, const char* missing) {
        if (value.empty())
            out.push_back({field, missing});
        else if (auto problem = common_problem(field, value))
            out.push_back({field, *problem});
    };

    required(PersonField::name, p.name, "Enter a name, as a manager would know the person.");

    if (p.staff_id.empty()) {
        out.push_back({PersonField::staff_id,
                       "Enter a staff id, as it appears on a badge or payslip, such as WF-10234."});
    } else if (auto problem = common_problem(PersonField::staff_id, p.staff_id)) {
        out.push_back({PersonField::staff_id, *problem});
    } else if (!std::all_of(p.staff_id.begin(), p.staff_id.end(),
                            [](char c) { return is_ascii_alnum(c) || c == '-'; })) {
        const std::string suggestion = suggested_staff_id(p.staff_id);
        out.push_back({PersonField::staff_id,
                       "A staff id holds only letters, digits and hyphens" +
                           (suggestion.empty() ? std::string(", such as WF-10234.")
                                               : ": type " + suggestion + " instead.")});
    } else if (staff_id_taken && staff_id_taken(p.staff_id)) {
        out.push_back({PersonField::staff_id,
                       "Someone here already has the staff id " + p.staff_id +
                           " (capital and small letters count as the same); check the id on "
                           "the badge or payslip.",
                       true});
    }

    if (!p.email.empty()) {
        if (auto problem = common_problem(PersonField::email, p.email))
            out.push_back({PersonField::email, *problem});
        else if (!plausible_email(p.email))
            out.push_back({PersonField::email, "\"" + p.email +
                                                   "\" is not an email address: type one like "
                                                   "name@example.org, or leave it out."});
    }

    required(PersonField::team, p.team, "Enter a team, so a manager can find the record.");
    required(PersonField::role, p.role, "Enter a role, such as family worker or teacher.");
    return out;
}

std::optional<std::string> pin_problem(std::string_view pin) {
    if (pin.size() < 4 || pin.size() > 12 ||
        !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "A PIN is 4 to 12 digits, such as 4 digits only you know.";
    bool same = true, up = true, down = true;
    for (std::size_t i = 1; i < pin.size(); ++i) {
        same = same && pin[i] == pin[0];
        up = up && pin[i] == pin[i - 1] + 1;
        down = down && pin[i] == pin[i - 1] - 1;
    }
    if (same || up || down)
        return "That PIN is one of the first anyone would guess: choose digits that do not "
               "repeat or count up or down.";
    return std::nullopt;
}

}  // namespace waymark::ledger
