#include "waymark/player/journal.hpp"

namespace waymark::player {

Result<void> Journal::save_certificate(const std::string&, const std::string&, const std::string&,
                                       const std::filesystem::path& pdf) {
    return make_error(ErrorCode::usage,
                      "certificates are issued from the training record, and this player is not "
                      "keeping one; start it with a ledger (the default) to get a certificate",
                      pdf.string());
}

}  // namespace waymark::player
