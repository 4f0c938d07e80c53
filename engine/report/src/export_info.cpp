#include "waymark/report/export_info.hpp"

namespace waymark::report {

ExportInfo export_info(const ledger::Ledger& ledger, const ledger::Checkpoint& checkpoint,
                       const RowFilter& filter) {
    ExportInfo info;
    info.generated_at = format_iso8601(utc_now());
    info.device_id = ledger.device_id();
    info.device_key = ledger.device_public_key().fingerprint();
    info.checkpoint_seq = checkpoint.seq;
    info.checkpoint_head = to_hex(checkpoint.head_hash);
    info.checkpoint_time = checkpoint.time;
    info.filter = filter;
    return info;
}

}  // namespace waymark::report
