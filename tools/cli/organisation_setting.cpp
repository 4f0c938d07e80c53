#include "organisation_setting.hpp"

#include "waymark/ledger/person.hpp"
#include "waymark/report/settings.hpp"

namespace waymark::cli {

namespace {

// The settings with `key` set to `value`, in the order the ledger gives them.
SettingList with_setting(SettingList settings, const std::string& key, const std::string& value) {
    for (auto& [k, v] : settings)
        if (k == key) {
            v = value;
            return settings;
        }
    settings.emplace_back(key, value);
    return settings;
}

// The same reader the reports use, so a value recorded here never stops a report. Its
// complaint becomes a usage error: the value given on the command line is what is wrong.
Result<void> check_values(const SettingList& settings) {
    for (const auto& [key, value] : settings)
        if (key == ledger::kPinRequiredSetting && !value.empty() && value != "true" &&
            value != "false")
            return make_error(ErrorCode::usage,
                              std::string(key) + " is \"" + value +
                                  "\"; write true (every learner must sign in with a PIN) or "
                                  "false (nothing was recorded)");
    auto read = report::read_organisation_settings(settings);
    if (!read) {
        Error e = read.error();
        e.code = ErrorCode::usage;
        e.message += " (nothing was recorded)";
        return e;
    }
    return {};
}

}  // namespace

std::optional<std::string> current_value(const SettingList& settings, const std::string& key) {
    for (const auto& [k, v] : settings)
        if (k == key && !v.empty())
            return v;
    return std::nullopt;
}

Result<SettingChange> change_setting(ledger::Ledger& ledger, const std::string& key,
                                     const std::string& value) {
    auto settings = ledger.settings("");
    if (!settings)
        return settings.error();
    SettingChange change{current_value(*settings, key), false};
    if (change.old.value_or("") == value)
        return change;
    if (auto r = check_values(with_setting(*settings, key, value)); !r)
        return r.error();
    if (auto r = ledger.record_setting("", ledger::SettingChanged{key, value}); !r)
        return r.error();
    change.recorded = true;
    return change;
}

}  // namespace waymark::cli
