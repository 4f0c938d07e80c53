#include "usage_error.hpp"

#include <algorithm>
#include <sstream>

#include "waymark/core/json_reader.hpp"
#include "waymark/core/terminal_text.hpp"

namespace waymark::cli {

namespace {

// The hyphen-separated words of a name, sorted: "pin-reset" and "reset-pin" have the same.
std::vector<std::string_view> words(std::string_view name) {
    std::vector<std::string_view> out;
    while (!name.empty()) {
        const std::size_t dash = name.find('-');
        if (dash != 0)
            out.push_back(name.substr(0, dash));
        if (dash == std::string_view::npos)
            break;
        name.remove_prefix(dash + 1);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// "a, b and c"; `last` joins the final two ("and", "or").
std::string listed(const std::vector<std::string>& names, const char* last) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += i + 1 == names.size() ? std::string(" ") + last + " " : std::string(", ");
        out += names[i];
    }
    return out;
}

// The commands of `command` a person can type (CLI11 keeps option groups as unnamed ones).
std::vector<std::string> command_names(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::App* sub :
         command.get_subcommands([](const CLI::App* s) { return !s->get_name().empty(); }))
        names.push_back(sub->get_name());
    return names;
}

std::vector<std::string> option_names(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::Option* option : command.get_options()) {
        for (const std::string& name : option->get_lnames())
            names.push_back("--" + name);
        for (const std::string& name : option->get_snames())
            names.push_back("-" + name);
    }
    return names;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& known) {
    const std::string near = nearest(typed, known);
    return near.empty() ? "" : "; did you mean '" + near + "'?";
}

}  // namespace

std::string nearest(std::string_view typed, const std::vector<std::string>& candidates) {
    const auto bare = [](std::string_view name) {
        return name.substr(std::min(name.find_first_not_of('-'), name.size()));
    };
    if (!bare(typed).empty())
        for (const std::string& candidate : candidates)
            if (words(bare(candidate)) == words(bare(typed)))
                return candidate;
    // Otherwise the product's one rule for a likely typo (json_reader.hpp), as course files'
    // unknown keys get.
    return closest_match(typed, candidates);
}

std::string usage_message(const CLI::App& app, const CLI::ParseError& error, int argc,
                          const char* const* argv) {
    // The command the person reached ("waymark learner"), and where its own words start.
    const CLI::App* command = &app;
    std::string path = app.get_name();
    int at = 1;
    for (;;) {
        const auto parsed = command->get_subcommands();
        if (parsed.empty() || parsed.front()->get_name().empty())
            break;
        const CLI::App* next = parsed.front();
        while (at < argc && next->get_name() != argv[at])
            ++at;
        at = std::min(at + 1, argc);
        command = next;
        path += " " + next->get_name();
    }
    const std::vector<std::string> commands = command_names(*command);
    const bool top = command == &app;
    std::ostringstream out;
    out << path << ": ";
    // The first word not known where it was typed: in a group of commands, the first word
    // that is not an option should have been one of them; anywhere, an option it lacks.
    bool named = false;
    for (int i = at; i < argc && !named; ++i) {
        const std::string_view word = argv[i];
        if (word == "--")
            break;
        if (!commands.empty() && !word.starts_with('-')) {
            out << "'" << printable(word) << "' is not a command" << did_you_mean(word, commands)
                << "\n";
            named = true;
        } else if (word.size() > 1 && word.starts_with('-')) {
            const std::string name(word.substr(0, word.find('=')));
            if (command->get_option_no_throw(name) == nullptr && name != "--help" && name != "-h") {
                out << "'" << printable(name) << "' is not an option"
                    << did_you_mean(name, option_names(*command)) << "\n";
                named = true;
            }
        }
    }
    if (!named && !commands.empty())
        out << "name one of its commands: " << listed(commands, "or") << "\n";
    else if (!named)
        out << printable(error.what()) << "\n";
    if (top)
        out << "Run 'waymark --help' for the list of commands.\n";
    else if (!commands.empty() && !named)
        out << "Run '" << path << " --help' for what each does.\n";
    else if (!commands.empty())
        out << "Its commands are " << listed(commands, "and") << ": run '" << path
            << " --help' for what each does.\n";
    else
        out << "Run '" << path << " --help' for its options.\n";
    return out.str();
}

}  // namespace waymark::cli
