#include "waymark/player/learner.hpp"

#include <algorithm>
#include <cctype>

namespace waymark::player {
namespace {

constexpr std::size_t max_field = 100;

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

bool has_control(const std::string& s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return s;
}

void check_common(LearnerField field, const char* what, const std::string& value,
                  std::vector<FieldProblem>& out) {
    if (value.size() > max_field)
        out.push_back({field, std::string(what) + " is too long: use at most 100 characters."});
    else if (has_control(value))
        out.push_back(
            {field, std::string(what) + " has a character that cannot be typed; retype it."});
}

}  // namespace

LearnerForm tidy(const LearnerForm& form) {
    return {trimmed(form.name), trimmed(form.staff_id), trimmed(form.team), trimmed(form.role)};
}

std::vector<FieldProblem> check_learner_form(const LearnerForm& raw,
                                             const std::vector<Learner>& existing) {
    const LearnerForm form = tidy(raw);
    std::vector<FieldProblem> out;

    if (form.name.empty())
        out.push_back({LearnerField::name, "Enter your name, as your manager knows it."});
    else
        check_common(LearnerField::name, "Your name", form.name, out);

    if (form.staff_id.empty()) {
        out.push_back(
            {LearnerField::staff_id,
             "Enter your staff id, as it appears on your badge or payslip, such as WF-10234."});
    } else {
        const bool plain = std::all_of(form.staff_id.begin(), form.staff_id.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
        });
        if (form.staff_id.size() > max_field)
            out.push_back(
                {LearnerField::staff_id, "Staff id is too long: use at most 100 characters."});
        else if (!plain)
            out.push_back(
                {LearnerField::staff_id,
                 "Staff id can hold only letters, digits and hyphens, such as WF-10234."});
        else if (std::any_of(existing.begin(), existing.end(), [&](const Learner& l) {
                     return lower(l.staff_id) == lower(form.staff_id);
                 }))
            out.push_back({LearnerField::staff_id,
                           "Someone on this device already uses this staff id. If it is you, "
                           "go back and pick your name from the list."});
    }

    if (form.team.empty())
        out.push_back(
            {LearnerField::team, "Enter your team, so your manager can find your record."});
    else
        check_common(LearnerField::team, "Team", form.team, out);

    if (form.role.empty())
        out.push_back({LearnerField::role, "Enter your role, such as family worker or teacher."});
    else
        check_common(LearnerField::role, "Your role", form.role, out);
    return out;
}

}  // namespace waymark::player
