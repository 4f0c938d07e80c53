#include "waymark/xapi/sync.hpp"

#include <algorithm>
#include <charconv>

#include "waymark/ledger/witness.hpp"
#include "waymark/xapi/endpoint.hpp"

namespace waymark::xapi {

namespace {

constexpr std::string_view kAcknowledgedPrefix = "xapi.acknowledged ";

Result<std::int64_t> position_in(const std::string& key, const std::string& value) {
    std::int64_t position = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), position);
    if (ec != std::errc{} || end != value.data() + value.size() || position < 0)
        return make_error(ErrorCode::invalid,
                          "the ledger's setting \"" + key + "\" is \"" + value +
                              "\", not a position; record 0 to send everything again");
    return position;
}

}  // namespace

std::string acknowledged_setting(std::string_view endpoint) {
    return std::string(kAcknowledgedPrefix) + normalised_endpoint(endpoint);
}

Result<std::int64_t> acknowledged_position(ledger::Ledger& ledger, std::string_view endpoint) {
    auto settings = ledger.settings("");
    if (!settings)
        return settings.error();
    const std::string key = acknowledged_setting(endpoint);
    const std::string normalised = normalised_endpoint(endpoint);
    std::optional<std::int64_t> legacy;
    for (const auto& [k, value] : *settings) {
        if (k == key)
            return position_in(k, value);
        // Before addresses were normalised the key held the address as typed (less any
        // trailing "/"): one key per spelling. Each such value is a position that LRS
        // acknowledged everything up to, so the highest is where to resume.
        if (!k.starts_with(kAcknowledgedPrefix) || normalised_endpoint(std::string_view(k).substr(
                                                       kAcknowledgedPrefix.size())) != normalised)
            continue;
        auto position = position_in(k, value);
        if (!position)
            return position.error();
        legacy = std::max(legacy.value_or(0), *position);
    }
    return legacy.value_or(0);
}

std::string checkpoint_activity_id(std::string_view device_id) {
    return "urn:waymark:device:" + std::string(device_id);
}

Result<ledger::Checkpoint> send_checkpoint(ledger::Ledger& ledger, LrsClient& client, bool fresh) {
    std::optional<ledger::Checkpoint> checkpoint;
    if (!fresh) {
        auto latest = ledger.latest_checkpoint();
        if (!latest)
            return latest.error();
        checkpoint = *latest;
    }
    if (!checkpoint) {
        auto made = ledger.checkpoint("sync");
        if (!made)
            return made.error();
        checkpoint = std::move(*made);
    }
    const ledger::Checkpoint& mine = *checkpoint;
    auto stored = client.put_activity_profile(
        checkpoint_activity_id(mine.device_id), kCheckpointProfileId, ledger::witness_json(mine),
        [&](const LrsReply& existing) -> Result<bool> {
            auto held = ledger::read_witness_json(existing.body);
            // Anything else there (not a checkpoint, another device's) is not evidence
            // about this ledger, and is replaced.
            if (!held || held->device_id != mine.device_id)
                return true;
            const std::string theirs = "the LRS holds a checkpoint of this device (" +
                                       mine.device_id + ") for its event " +
                                       std::to_string(held->seq) + ", signed " + held->time;
            const std::string after =
                ". Sync leaves the LRS's copy as it is, since it is the evidence: have "
                "someone compare this ledger with the device's backups before trusting it. "
                "If the ledger was restored from an older backup on purpose, ask the LRS's "
                "administrator to remove that document (activity " +
                checkpoint_activity_id(mine.device_id) + ", profile " + kCheckpointProfileId +
                ") and run sync again";
            if (held->seq > mine.seq)
                return make_error(ErrorCode::verification,
                                  theirs + ", but this ledger's latest checkpoint is for event " +
                                      std::to_string(mine.seq) +
                                      ": events have gone from this ledger since (it was rolled "
                                      "back or replaced by an older copy)" +
                                      after);
            if (held->seq == mine.seq && held->head_hash != mine.head_hash)
                return make_error(ErrorCode::verification,
                                  theirs + " whose hash is not that of this ledger's event " +
                                      std::to_string(mine.seq) +
                                      ": the ledger was rewritten since" + after);
            // The same event with the same hash is witnessed already: nothing to send.
            return held->seq < mine.seq;
        });
    if (!stored)
        return stored.error();
    return mine;
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
    std::vector<std::string> ids;
    std::size_t in_batch = 0;
    std::int64_t batch_end = *start;
    for (;;) {
        body = "[";
        ids.clear();
        in_batch = 0;
        auto read = for_each_statement(ledger, mapper, batch_end, [&](const MappedStatement& s) {
            if (in_batch)
                body += ',';
            body += s.json;
            ids.push_back(s.id);
            ++in_batch;
            return in_batch < options.batch_size;
        });
        if (!read)
            return read.error();
        if (in_batch == 0)
            break;
        body += ']';
        batch_end = mapper.position();
        if (auto posted = client.post_statements(body, ids); !posted) {
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
    if (options.send_checkpoint && report.position > 0) {
        auto witnessed = send_checkpoint(ledger, client, report.statements_sent > 0);
        if (witnessed)
            report.checkpoint = std::move(*witnessed);
        else
            report.checkpoint_error = witnessed.error();
    }
    return report;
}

}  // namespace waymark::xapi
