// One organisation setting changed the one way every command changes it.
//
// `waymark settings set|unset` and `waymark manager passphrase --organisation` record
// organisation settings (Ledger::record_setting with no learner). A new value is read by
// the same reader the reports use before it is recorded, so a value the reports would
// refuse never reaches the ledger, where it would stop every later report.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::cli {

using SettingList = std::vector<std::pair<std::string, std::string>>;

// The value `key` has in `settings`; none when it is not set (the ledger keeps an unset
// key with an empty value).
std::optional<std::string> current_value(const SettingList& settings, const std::string& key);

struct SettingChange {
    std::optional<std::string> old;  // the value before; none: it was not set
    bool recorded = false;           // false: it already had that value, nothing recorded
};

// Sets `key` to `value` ("" unsets it) unless it already is. A value the reports would
// refuse is a usage error and nothing is recorded.
Result<SettingChange> change_setting(ledger::Ledger& ledger, const std::string& key,
                                     const std::string& value);

}  // namespace waymark::cli
