#include "ledger_option.hpp"

#include <filesystem>

namespace waymark::cli {

CLI::Option* add_ledger_option(CLI::App& cmd, std::string& path) {
    return cmd.add_option("--ledger", path,
                          "Ledger file (default: $WAYMARK_LEDGER, else "
                          "$XDG_DATA_HOME/waymark/ledger.db, else "
                          "~/.local/share/waymark/ledger.db)");
}

Result<ledger::Ledger> open_ledger(const std::string& path, LedgerAccess access) {
    ledger::OpenOptions options;
    options.create = access == LedgerAccess::create;
    options.read_only = access == LedgerAccess::read;
    return ledger::Ledger::open(
        path.empty() ? ledger::default_ledger_path() : std::filesystem::path(path), options);
}

Result<ledger::Ledger> open_ledger_as_evidence(const std::string& path) {
    auto l = open_ledger(path, LedgerAccess::write);
    if (!l)
        return l;
    if (auto sound = ledger::refuse_unless_evidence(*l); !sound)
        return sound.error();
    return l;
}

}  // namespace waymark::cli
