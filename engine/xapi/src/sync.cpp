#include "waymark/xapi/sync.hpp"

#include <charconv>

namespace waymark::xapi {

std::string acknowledged_setting(std::string_view endpoint) {
    std::string key = "xapi.acknowledged " + std::string(endpoint);
    while (!key.empty() && key.back() == '/')
        key.pop_back();
    return key;
}

Result<std::int64_t> acknowledged_position(ledger::Ledger& ledger, std::string_view endpoint) {
    auto settings = ledger.settings("");
    if (!settings)
        return settings.error();
    const std::string key = acknowledged_setting(endpoint);
    for (const auto& [k, value] : *settings) {
        if (k != key)
            continue;
        std::int64_t position = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), position);
        if (ec != std::errc{} || end != value.data() + value.size() || position < 0)
            return make_error(ErrorCode::invalid,
                              "the ledger's setting \"" + key + "\" is \"" + value +
                                  "\", not a position; record 0 to send everything again");
        return position;
    }
    return std::int64_t{0};
}

Result<SyncReport> sync(ledger::Ledger& ledger, StatementMapper& mapper, LrsClient& client,
                        const SyncOptions& options) {
    if (options.batch_size == 0)
        return make_error(ErrorCode::usage, "a batch must hold at least one statement");
    auto start = acknowledged_position(ledger, client.endpoint());
    if (!start)
        return start.error();
    SyncReport report;
    report.resumed_from = report.position = *start;

    // First pass: count what is to be sent, for the progress bar. Mapping is cheap next
    // to the network, and a second mapper keeps this pass from moving the real one.
    SyncProgress progress;
    progress.position = *start;
    if (options.on_progress) {
        auto counter = make_mapper(ledger, std::vector<course::Course>{});
        if (!counter)
            return counter.error();
        auto counted = for_each_statement(ledger, *counter, *start, [&](const MappedStatement&) {
            ++progress.statements_total;
            return true;
        });
        if (!counted)
            return counted.error();
        options.on_progress(progress);
    }

    std::string body;
    std::size_t in_batch = 0;
    std::int64_t batch_end = *start;
    for (;;) {
        body = "[";
        in_batch = 0;
        auto read = for_each_statement(ledger, mapper, batch_end, [&](const MappedStatement& s) {
            if (in_batch)
                body += ',';
            body += s.json;
            ++in_batch;
            return in_batch < options.batch_size;
        });
        if (!read)
            return read.error();
        if (in_batch == 0)
            break;
        body += ']';
        batch_end = mapper.position();
        if (auto posted = client.post_statements(body, in_batch); !posted) {
            Error e = posted.error();
            e.message += ". This run sent " + std::to_string(report.statements_sent) +
                         " statements before this batch, all recorded as synced up to ledger "
                         "position " +
                         std::to_string(report.position) + "; run sync again to resume from there";
            return e;
        }
        auto recorded = ledger.record_setting(
            "", {acknowledged_setting(client.endpoint()), std::to_string(batch_end)});
        if (!recorded)
            return recorded.error();
        report.statements_sent += static_cast<std::int64_t>(in_batch);
        report.batches += 1;
        report.position = batch_end;
        progress.statements_sent = report.statements_sent;
        progress.position = batch_end;
        if (options.on_progress)
            options.on_progress(progress);
        if (in_batch < options.batch_size)
            break;
    }
    return report;
}

}  // namespace waymark::xapi
