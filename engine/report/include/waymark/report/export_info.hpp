// waymark/report/export_info.hpp: what every export says about where it came from.
//
// JSON, HTML and XLSX exports carry the ledger checkpoint they reflect and the device
// key that signed it, so a reader can tie a printed report to a point in the ledger's
// chain; the detached signature (signed_export.hpp) proves the file is unchanged.
#pragma once

#include <cstdint>
#include <string>

#include "waymark/ledger/ledger.hpp"
#include "waymark/report/status.hpp"

namespace waymark::report {

struct ExportInfo {
    std::string generated_at;  // ISO 8601 UTC
    std::string device_id;
    std::string device_key;  // fingerprint of the device's public key
    std::int64_t checkpoint_seq = 0;
    std::string checkpoint_head;  // hex SHA-256 of the event the checkpoint covers
    std::string checkpoint_time;
    RowFilter filter;
};

// The export information for `checkpoint`, taken on `ledger` just before exporting.
ExportInfo export_info(const ledger::Ledger& ledger, const ledger::Checkpoint& checkpoint,
                       const RowFilter& filter);

}  // namespace waymark::report
