// tools/cli/ledger_option.hpp: the --ledger option and opening the ledger it names, the one
// way every `waymark` command that works on a device's ledger is told which one.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "waymark/core/result.hpp"
#include "waymark/ledger/ledger.hpp"

namespace waymark::cli {

// Adds `--ledger FILE` to `cmd`, stored in `path`; empty means the default ledger
// (ledger::default_ledger_path()), as the help text says.
CLI::Option* add_ledger_option(CLI::App& cmd, std::string& path);

// What a command does to the ledger it opens.
enum class LedgerAccess {
    read,    // never writes: works on an auditor's copy (0400 file, read-only mount)
    write,   // records events or checkpoints; the ledger must exist
    create,  // as write, creating the ledger (and its device key) when there is none
};

// Opens the ledger at `path` (the default ledger when empty).
Result<ledger::Ledger> open_ledger(const std::string& path, LedgerAccess access);

// Opens the ledger at `path` for a command whose output is evidence (xAPI statements):
// refused, saying why, unless its rows and events match its chain
// (ledger::refuse_unless_evidence).
Result<ledger::Ledger> open_ledger_as_evidence(const std::string& path);

}  // namespace waymark::cli
